//! A merchant's staff as its admins manage them: members, invitations, the two-factor
//! policy, and the rule every new password meets before the server's own checks.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::merchant::Role;
use crate::FieldError;

/// The shortest password accepted when one is set (an invitation, a reset, a change).
pub const PASSWORD_MIN_CHARS: usize = 12;
/// The longest: argon2 takes any length, but nobody types more.
pub const PASSWORD_MAX_CHARS: usize = 200;

/// How long an invitation link works.
pub const INVITATION_LIFETIME: time::Duration = time::Duration::hours(72);
/// How long a password reset link works.
pub const RESET_LIFETIME: time::Duration = time::Duration::minutes(30);

/// The length rule, the same in the browser and on the server (which also refuses common
/// and easily guessed passwords).
pub fn password_length(field: &str, password: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(FieldError::new(
            field,
            format!("must be at least {PASSWORD_MIN_CHARS} characters"),
        ));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(FieldError::new(
            field,
            format!("must be at most {PASSWORD_MAX_CHARS} characters"),
        ));
    }
    Ok(())
}

/// One member of the merchant's staff, as the Staff settings list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRow {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub last_sign_in_at: Option<OffsetDateTime>,
    pub two_factor: bool,
}

/// An invitation not accepted yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// The Staff settings page: members, open invitations and the two-factor policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub members: Vec<StaffRow>,
    pub invitations: Vec<InvitationRow>,
    pub policy: TwoFactorPolicy,
}

/// What the invitation page shows its recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub merchant_name: String,
    pub email: String,
    pub role: Role,
    /// The email already has an account (in another merchant): its password is asked for
    /// instead of a new one.
    pub existing_account: bool,
}

/// Who must sign in with a second factor in a merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TwoFactorPolicy {
    /// Nobody must (anyone may).
    Optional,
    /// Admins must.
    Admins,
    /// Every member must.
    Everyone,
}

impl TwoFactorPolicy {
    pub const ALL: [TwoFactorPolicy; 3] = [
        TwoFactorPolicy::Optional,
        TwoFactorPolicy::Admins,
        TwoFactorPolicy::Everyone,
    ];

    /// The stable name stored and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            TwoFactorPolicy::Optional => "none",
            TwoFactorPolicy::Admins => "admins",
            TwoFactorPolicy::Everyone => "everyone",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// What admins read in the settings.
    pub fn label(self) -> &'static str {
        match self {
            TwoFactorPolicy::Optional => "Optional for everyone",
            TwoFactorPolicy::Admins => "Required for admins",
            TwoFactorPolicy::Everyone => "Required for everyone",
        }
    }

    /// Whether a member with `role` must sign in with a second factor.
    pub fn requires(self, role: Role) -> bool {
        match self {
            TwoFactorPolicy::Optional => false,
            TwoFactorPolicy::Admins => role == Role::Admin,
            TwoFactorPolicy::Everyone => true,
        }
    }
}

/// The account page's view of one's own sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSecurity {
    pub email: String,
    pub two_factor: bool,
    /// The merchant's policy requires a second factor of this member.
    pub two_factor_required: bool,
    pub recovery_codes_left: i64,
}

/// A two-factor enrolment waiting for its first code: the secret as the QR code shows it
/// and as text for typing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// The QR code of the `otpauth://` address, as an SVG data URL.
    pub qr_code: String,
    /// The secret in base32, for apps without a camera.
    pub secret: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_has_twelve_to_two_hundred_characters_counted_as_people_do() {
        assert!(password_length("password", "eleven-char").is_err());
        assert!(password_length("password", "twelve-chars").is_ok());
        assert!(
            password_length("password", "पासवर्ड-बारह").is_ok(),
            "characters, not bytes"
        );
        assert!(password_length("password", &"x".repeat(201)).is_err());
    }

    #[test]
    fn the_policy_names_who_needs_a_second_factor() {
        assert!(!TwoFactorPolicy::Optional.requires(Role::Admin));
        assert!(TwoFactorPolicy::Admins.requires(Role::Admin));
        assert!(!TwoFactorPolicy::Admins.requires(Role::Reviewer));
        assert!(TwoFactorPolicy::Everyone.requires(Role::Operator));
        for policy in TwoFactorPolicy::ALL {
            assert_eq!(TwoFactorPolicy::parse(policy.as_str()), Some(policy));
        }
        assert_eq!(TwoFactorPolicy::parse("sometimes"), None);
    }
}
