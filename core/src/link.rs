//! The customer's KYC link: its secret token, and the request that generates one.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::Duration;

use crate::step::StepKind;
use crate::validation::{FieldError, FieldErrors};

/// The secret in a KYC link: 32 random bytes, written as 43 base64url characters.
/// Only its SHA-256 is ever stored. The caller supplies the randomness.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkToken([u8; 32]);

impl std::fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkToken(redacted)")
    }
}

/// The stored form of a link token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenHash(pub [u8; 32]);

/// A link token that is not 43 base64url characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("malformed link token")]
pub struct MalformedToken;

impl LinkToken {
    /// A token from 32 bytes of a cryptographic random source.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        LinkToken(bytes)
    }

    /// Reads the token part of a link.
    pub fn parse(raw: &str) -> Result<Self, MalformedToken> {
        if raw.len() != 43 {
            return Err(MalformedToken);
        }
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| MalformedToken)?;
        bytes.try_into().map(LinkToken).map_err(|_| MalformedToken)
    }

    /// The 43-character form that goes into the link.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0)
    }

    /// The SHA-256 that is stored instead of the token.
    pub fn hash(&self) -> TokenHash {
        TokenHash(Sha256::digest(self.0).into())
    }
}

/// How long a link stays valid: 1 hour to 30 days, 72 hours unless chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidityWindow {
    hours: u32,
}

impl ValidityWindow {
    pub const DEFAULT_HOURS: u32 = 72;
    pub const MAX_HOURS: u32 = 720;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let hours: u32 = raw
            .trim()
            .parse()
            .map_err(|_| FieldError::new("validity_hours", "must be a whole number of hours"))?;
        if !(1..=Self::MAX_HOURS).contains(&hours) {
            return Err(FieldError::new(
                "validity_hours",
                format!("must be between 1 and {} hours", Self::MAX_HOURS),
            ));
        }
        Ok(ValidityWindow { hours })
    }

    pub fn hours(self) -> u32 {
        self.hours
    }

    pub fn duration(self) -> Duration {
        Duration::hours(i64::from(self.hours))
    }
}

impl Default for ValidityWindow {
    fn default() -> Self {
        ValidityWindow {
            hours: Self::DEFAULT_HOURS,
        }
    }
}

/// A parsed request for a new link: at least one step, each kind at most once, in the
/// canonical order, and a validity window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRequest {
    pub steps: Vec<StepKind>,
    pub validity: ValidityWindow,
}

impl LinkRequest {
    /// Parses the chosen step names and the validity in hours; every error at once.
    pub fn parse(step_names: &[String], validity_hours: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut steps = Vec::new();
        for name in step_names {
            match StepKind::from_db(name.trim()) {
                Some(kind) if !steps.contains(&kind) => steps.push(kind),
                Some(_) => {}
                None => errors
                    .0
                    .push(FieldError::new("steps", "contains an unknown step")),
            }
        }
        if steps.is_empty() && errors.is_empty() {
            errors
                .0
                .push(FieldError::new("steps", "choose at least one step"));
        }
        steps.sort();
        let validity = if validity_hours.trim().is_empty() {
            Some(ValidityWindow::default())
        } else {
            errors.check(ValidityWindow::parse(validity_hours))
        };
        match validity {
            Some(validity) if errors.is_empty() => Ok(LinkRequest { steps, validity }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_hash_is_the_sha256_of_the_token_bytes() {
        let token = LinkToken::from_bytes([7; 32]);
        let expected: [u8; 32] = Sha256::digest([7u8; 32]).into();
        assert_eq!(token.hash(), TokenHash(expected));
        assert_eq!(format!("{token:?}"), "LinkToken(redacted)");
    }

    #[test]
    fn a_link_request_keeps_each_step_once_in_canonical_order() {
        let names = ["selfie", "documents", "selfie"].map(String::from);
        let request = LinkRequest::parse(&names, "").unwrap();
        assert_eq!(request.steps, [StepKind::Documents, StepKind::Selfie]);
        assert_eq!(request.validity.hours(), 72);
    }

    #[test]
    fn a_link_request_needs_a_step_and_a_window_within_30_days() {
        let errors = LinkRequest::parse(&[], "721").unwrap_err();
        assert_eq!(errors.get("steps"), Some("choose at least one step"));
        assert_eq!(
            errors.get("validity_hours"),
            Some("must be between 1 and 720 hours")
        );
        assert!(LinkRequest::parse(&["teleport".into()], "5").is_err());
    }
}
