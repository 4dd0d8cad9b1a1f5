//! Merchant API keys as admins see them, and the rules for a new one.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{FieldError, FieldErrors};

/// What an API key may do: `read` customers and journeys, `write` (create customers and
/// links, resend, revoke), `reports` (the CSV report).
pub const SCOPES: [&str; 3] = ["read", "write", "reports"];

/// A key (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRow {
    pub id: Uuid,
    pub name: String,
    /// The first characters of the key (`kyc_AbCd1234`), to recognise it.
    pub prefix: String,
    pub scopes: Vec<String>,
    /// Requests per minute.
    pub rate_limit: i32,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// A key just created: its secret is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedApiKey {
    pub key: ApiKeyRow,
    pub secret: String,
}

/// A new key's name (1-100 characters) and scopes (at least one, known ones only).
pub fn parse_new_key(name: &str, scopes: &[String]) -> Result<(String, Vec<String>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.0.push(FieldError::new(
            "name",
            "give the key a name of 1 to 100 characters",
        ));
    }
    let mut chosen: Vec<String> = SCOPES
        .iter()
        .filter(|s| scopes.iter().any(|c| c == *s))
        .map(|s| (*s).to_owned())
        .collect();
    if chosen.is_empty() || scopes.iter().any(|s| !SCOPES.contains(&s.as_str())) {
        errors.0.push(FieldError::new(
            "scopes",
            "choose at least one of read, write, reports",
        ));
        chosen.clear();
    }
    if errors.0.is_empty() {
        Ok((name.to_owned(), chosen))
    } else {
        Err(errors)
    }
}
