//! One's own staff account: accepting an invitation, a forgotten password reset by email, a
//! password change, and two-factor sign-in (TOTP with recovery codes). A new password is at
//! least 12 characters and not common or easily guessed; setting one ends every other
//! session of the account.

use kyc_core::customer::EmailAddress;
use kyc_core::link::LinkToken;
use kyc_core::merchant::DisplayName;
use kyc_core::rules::StaffRule;
use kyc_core::staff::{AccountSecurity, Enrolment, InvitationView, RESET_LIFETIME};
use kyc_core::{FieldError, FieldErrors};
use kyc_db::staff::{invitations, members, resets, two_factor};
use kyc_db::throttle::{self, Limit};
use serde_json::json;
use tower_sessions::Session;

use crate::error::ServiceError;
use crate::sign_in;
use crate::two_factor as totp;
use crate::Services;

fn invalid(errors: Vec<FieldError>) -> ServiceError {
    ServiceError::Invalid(FieldErrors(errors))
}

fn refused(rule: StaffRule) -> ServiceError {
    ServiceError::Refused(rule.into())
}

/// A token from a link; a malformed one is as unusable as a used one.
fn token(raw: &str, unusable: StaffRule) -> Result<LinkToken, ServiceError> {
    LinkToken::parse(raw.trim()).map_err(|_| refused(unusable))
}

/// What the invitation page shows: the merchant, the address and the role.
pub async fn invitation(
    services: &Services,
    raw_token: &str,
) -> Result<InvitationView, ServiceError> {
    let token = token(raw_token, StaffRule::InvitationUnusable)?;
    let mut work = services.begin().await?;
    let usable = invitations::usable(&mut work.tx, &token.hash(), work.now)
        .await?
        .ok_or(refused(StaffRule::InvitationUnusable))?;
    work.commit().await?;
    Ok(InvitationView {
        merchant_name: usable.merchant_name,
        email: usable.email,
        role: usable.role,
        existing_account: usable.existing_user.is_some(),
    })
}

/// Accepting an invitation, as its form gave it.
#[derive(Debug)]
pub struct Acceptance<'a> {
    pub token: &'a str,
    /// The name colleagues see (a new account only).
    pub display_name: &'a str,
    /// The new account's password (an existing account accepts from its own session).
    pub password: String,
    pub request_id: Option<&'a str>,
}

/// Accepts an invitation once: a new account with the chosen name and password, or (when
/// the address has an account in another merchant) that account, signed in on this
/// session already (its password and second factor checked there); then
/// the membership with the invited role, and a session in the merchant.
pub async fn accept_invitation(
    session: &Session,
    services: &Services,
    acceptance: Acceptance<'_>,
) -> Result<(), ServiceError> {
    let token = token(acceptance.token, StaffRule::InvitationUnusable)?;
    let mut work = services.begin().await?;
    let usable = invitations::usable(&mut work.tx, &token.hash(), work.now)
        .await?
        .ok_or(refused(StaffRule::InvitationUnusable))?;
    let (user_id, epoch) = match usable.existing_user {
        // An existing account joins only from its own signed-in session, where its
        // password and second factor were checked: nothing can be guessed here.
        Some(user_id) => match crate::session::signed_in_account(session, &services.db).await? {
            Some((signed_in, epoch)) if signed_in == user_id => (user_id, epoch),
            _ => return Err(refused(StaffRule::SignInFirst)),
        },
        None => {
            let name = DisplayName::parse(acceptance.display_name);
            let password = crate::password::acceptable(
                "password",
                &acceptance.password,
                &[&usable.email, acceptance.display_name],
            );
            let errors: Vec<FieldError> = [name.as_ref().err(), password.as_ref().err()]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            let Ok(name) = name else {
                return Err(invalid(errors));
            };
            if !errors.is_empty() {
                return Err(invalid(errors));
            }
            let email = EmailAddress::parse(&usable.email).map_err(|e| invalid(vec![e]))?;
            let user = kyc_db::staff::NewStaffUser {
                email,
                display_name: name.as_str().to_owned(),
                password_hash: crate::password::hash_blocking(acceptance.password).await?,
                is_platform_admin: false,
            };
            (kyc_db::staff::create_user(&mut *work.tx, &user).await?, 0)
        }
    };
    kyc_db::staff::grant_role(&mut *work.tx, user_id, usable.merchant_id, usable.role).await?;
    invitations::accepted(&mut work.tx, usable.id, user_id, work.now).await?;
    let entry = kyc_db::audit::Entry {
        merchant_id: usable.merchant_id,
        journey_id: None,
        actor_kind: "staff",
        actor_id: Some(user_id),
        action: "staff.invitation_accepted",
        object_kind: "staff_invitation",
        object_id: Some(usable.id),
        detail: json!({ "role": usable.role.as_str() }),
        request_id: acceptance.request_id,
    };
    // The account may have been disabled or reset since its session was checked.
    if !kyc_db::staff::signed_in(&mut work.tx, user_id, usable.merchant_id, epoch, work.now).await?
    {
        return Err(refused(StaffRule::SignInFirst));
    }
    kyc_db::audit::record(&mut work.tx, &work.audit_key, &entry).await?;
    work.commit().await?;
    sign_in::start_session(session, user_id, usable.merchant_id, epoch).await
}

/// Password reset requests allowed per email address, and per client address, an hour.
mod limits {
    pub const WINDOW: time::Duration = time::Duration::hours(1);
    pub const PER_EMAIL: i64 = 3;
    pub const PER_ADDRESS: i64 = 20;
}

/// Emails a reset link to `email` if it belongs to an enabled account; the answer is the
/// same either way (and so is its time, near enough: the work happens in either case).
pub async fn request_reset(
    services: &Services,
    email: &str,
    address: &str,
) -> Result<(), ServiceError> {
    let email = email.trim().to_lowercase();
    if EmailAddress::parse(&email).is_err() {
        return Err(invalid(vec![FieldError::new(
            "email",
            "is not an email address",
        )]));
    }
    let now = time::OffsetDateTime::now_utc();
    let limits = [
        Limit {
            key: services.throttle_key("reset-email", &email),
            limit: limits::PER_EMAIL,
        },
        Limit {
            key: services.throttle_key("reset-address", address),
            limit: limits::PER_ADDRESS,
        },
    ];
    if throttle::attempt(&services.db, &limits, limits::WINDOW, now)
        .await?
        .is_none()
    {
        // Said the same way as a sent email: the throttle must not tell whether it exists.
        tracing::info!("password reset throttled");
        return Ok(());
    }
    let mut work = services.begin().await?;
    let token = crate::links::new_token();
    let Some(to) = resets::recipient(&mut work.tx, &email).await? else {
        work.commit().await?;
        return Ok(());
    };
    resets::create(
        &mut work.tx,
        to.user_id,
        &token.hash(),
        work.now,
        work.now + RESET_LIFETIME,
    )
    .await?;
    let (merchant_name, colour) = members::brand(&mut work.tx, to.merchant_id).await?;
    let brand = kyc_core::email::EmailBrand {
        merchant_name: &merchant_name,
        primary_colour: &colour,
    };
    let content = kyc_core::email::password_reset(&brand, &to.display_name);
    let url = format!("{}/reset-password/{}", services.public_url, token.encode());
    crate::links::queue_with_link(
        &mut work,
        services,
        to.merchant_id,
        "password_reset",
        &to.email,
        &content,
        &url,
    )
    .await?;
    let entry = kyc_db::audit::Entry {
        merchant_id: to.merchant_id,
        journey_id: None,
        // Asked by whoever typed the address: not necessarily the account's owner.
        actor_kind: "system",
        actor_id: None,
        action: "staff.password_reset_requested",
        object_kind: "staff_user",
        object_id: Some(to.user_id),
        detail: json!({}),
        request_id: None,
    };
    kyc_db::audit::record(&mut work.tx, &work.audit_key, &entry).await?;
    work.commit().await
}

/// Sets a new password through a reset link (once, within 30 minutes): every session of
/// the account ends; the person signs in again.
pub async fn reset_password(
    services: &Services,
    raw_token: &str,
    password: String,
) -> Result<(), ServiceError> {
    let token = token(raw_token, StaffRule::ResetUnusable)?;
    let mut work = services.begin().await?;
    let (user_id, email) = resets::redeem(&mut work.tx, &token.hash(), work.now)
        .await?
        .ok_or(refused(StaffRule::ResetUnusable))?;
    crate::password::acceptable("password", &password, &[&email]).map_err(|e| invalid(vec![e]))?;
    let hash = crate::password::hash_blocking(password).await?;
    resets::set_password(&mut work.tx, user_id, &hash).await?;
    if let Some(merchant_id) = kyc_db::staff::default_merchant(&services.db, user_id).await? {
        let entry = kyc_db::audit::Entry {
            merchant_id,
            journey_id: None,
            actor_kind: "staff",
            actor_id: Some(user_id),
            action: "staff.password_reset",
            object_kind: "staff_user",
            object_id: Some(user_id),
            detail: json!({}),
            request_id: None,
        };
        kyc_db::audit::record(&mut work.tx, &work.audit_key, &entry).await?;
    }
    work.commit().await
}

/// Password checks allowed per account from inside a session (changing the password,
/// setting up or turning off two-factor sign-in), in the window.
const OWN_PASSWORD_CHECKS: i64 = 5;
const OWN_PASSWORD_WINDOW: time::Duration = time::Duration::minutes(15);

/// Checks the signed-in member's own password before a change to their sign-in, counted
/// against the account like sign-ins (a hijacked session cannot guess it).
async fn own_password(
    services: &Services,
    user_id: uuid::Uuid,
    stored: String,
    password: String,
    field: &str,
) -> Result<(), ServiceError> {
    let now = time::OffsetDateTime::now_utc();
    let limits = [Limit {
        key: services.throttle_key("own-password", &user_id.to_string()),
        limit: OWN_PASSWORD_CHECKS,
    }];
    let Some(recorded) = throttle::attempt(&services.db, &limits, OWN_PASSWORD_WINDOW, now).await?
    else {
        return Err(ServiceError::TooManyAttempts);
    };
    if !crate::password::verify_blocking(password, Some(stored)).await? {
        return Err(invalid(vec![FieldError::new(
            field,
            "is not your password",
        )]));
    }
    throttle::withdraw(&services.db, recorded).await?;
    Ok(())
}

/// Changes the signed-in member's password after checking the current one: every other
/// session of the account ends, this one goes on.
pub async fn change_password(
    session: &Session,
    services: &Services,
    current: String,
    new: String,
) -> Result<(), ServiceError> {
    let member = crate::session::account_member(session, &services.db).await?;
    let mut work = services.begin().await?;
    let (email, name, stored) = resets::account(&mut work.tx, member.user_id).await?;
    own_password(services, member.user_id, stored, current, "current").await?;
    crate::password::acceptable("new", &new, &[&email, &name]).map_err(|e| invalid(vec![e]))?;
    let hash = crate::password::hash_blocking(new).await?;
    let epoch = resets::set_password(&mut work.tx, member.user_id, &hash).await?;
    own_entry(&mut work, &member, "staff.password_changed").await?;
    work.commit().await?;
    sign_in::keep_session(session, epoch).await
}

/// Records an action of the member on their own account.
async fn own_entry(
    work: &mut crate::work::Work,
    member: &kyc_core::views::StaffMember,
    action: &str,
) -> Result<(), ServiceError> {
    let entry = kyc_db::audit::Entry {
        merchant_id: member.merchant_id,
        journey_id: None,
        actor_kind: "staff",
        actor_id: Some(member.user_id),
        action,
        object_kind: "staff_user",
        object_id: Some(member.user_id),
        detail: json!({}),
        request_id: None,
    };
    Ok(kyc_db::audit::record(&mut work.tx, &work.audit_key, &entry).await?)
}

/// The account page's view of the member's sign-in.
pub async fn security(
    session: &Session,
    services: &Services,
) -> Result<AccountSecurity, ServiceError> {
    let member = crate::session::account_member(session, &services.db).await?;
    let mut work = services.begin().await?;
    let (email, _, _) = resets::account(&mut work.tx, member.user_id).await?;
    let enabled = two_factor::secret(&mut work.tx, member.user_id)
        .await?
        .is_some_and(|s| s.enabled);
    work.commit().await?;
    let policy = members::policy(&services.db, member.merchant_id).await?;
    Ok(AccountSecurity {
        email,
        two_factor: enabled,
        two_factor_required: policy.requires(member.role),
        recovery_codes_left: two_factor::recovery_codes_left(&services.db, member.user_id).await?,
    })
}

/// Starts setting up two-factor sign-in, after the account's password: a new secret, sealed and kept until confirmed,
/// shown as a QR code and as text.
pub async fn start_two_factor(
    session: &Session,
    services: &Services,
    password: String,
) -> Result<Enrolment, ServiceError> {
    let member = crate::session::account_member(session, &services.db).await?;
    let mut work = services.begin().await?;
    let (email, _, stored) = resets::account(&mut work.tx, member.user_id).await?;
    own_password(services, member.user_id, stored, password, "password").await?;
    let secret = totp::new_secret();
    let sealed = services.seal(&totp::label(member.user_id), &secret)?;
    two_factor::start(&mut work.tx, member.user_id, &sealed).await?;
    work.commit().await?;
    let url = totp::totp(secret.clone(), &email)?
        .to_url()
        .map_err(|e| ServiceError::internal(std::io::Error::other(e.to_string())))?;
    Ok(Enrolment {
        qr_code: crate::qr::svg_data_url(&url)?,
        secret: base32::encode(base32::Alphabet::Rfc4648 { padding: false }, &secret),
    })
}

/// Confirms the enrolment with a code from the app: two-factor sign-in is on, and the ten
/// recovery codes are returned, to be shown once.
pub async fn confirm_two_factor(
    session: &Session,
    services: &Services,
    code: &str,
) -> Result<Vec<String>, ServiceError> {
    let member = crate::session::account_member(session, &services.db).await?;
    let mut work = services.begin().await?;
    let secret = two_factor::secret(&mut work.tx, member.user_id)
        .await?
        .ok_or(refused(StaffRule::NothingToConfirm))?;
    if secret.enabled {
        return Err(refused(StaffRule::TwoFactorOn));
    }
    let totp_code = totp::totp(
        services.open(&totp::label(member.user_id), &secret.sealed)?,
        "",
    )?;
    let Some(step) = totp::matching_step(&totp_code, code) else {
        return Err(invalid(vec![FieldError::new(
            "code",
            "is not the code your app shows now",
        )]));
    };
    let (codes, hashes) = totp::recovery_codes();
    two_factor::confirm(&mut work.tx, member.user_id, step, &hashes, work.now).await?;
    own_entry(&mut work, &member, "staff.two_factor_enabled").await?;
    work.commit().await?;
    Ok(codes)
}

/// Turns two-factor sign-in off after the account's password (a merchant policy that
/// requires it then asks for it again at once).
pub async fn turn_off_two_factor(
    session: &Session,
    services: &Services,
    password: String,
) -> Result<(), ServiceError> {
    let member = crate::session::account_member(session, &services.db).await?;
    let mut work = services.begin().await?;
    let (_, _, stored) = resets::account(&mut work.tx, member.user_id).await?;
    own_password(services, member.user_id, stored, password, "password").await?;
    two_factor::turn_off(&mut work.tx, member.user_id).await?;
    own_entry(&mut work, &member, "staff.two_factor_disabled").await?;
    work.commit().await
}
