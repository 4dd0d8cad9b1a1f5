//! Merchant API keys as admins see them, and the rules for a new one.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{FieldError, FieldErrors};

/// What an API key may do: `read` customers and journeys, `write` (create customers and
/// links, resend, revoke), `reports` (the CSV report). Which permission each grants is in
/// [`crate::access::GRANTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApiScope {
    Read,
    Write,
    Reports,
}

impl ApiScope {
    pub const ALL: [ApiScope; 3] = [ApiScope::Read, ApiScope::Write, ApiScope::Reports];

    /// The stable name, stored and shown (`read`, `write`, `reports`).
    pub fn as_str(self) -> &'static str {
        match self {
            ApiScope::Read => "read",
            ApiScope::Write => "write",
            ApiScope::Reports => "reports",
        }
    }

    /// Reads a name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        ApiScope::ALL.into_iter().find(|s| s.as_str() == name)
    }

    fn bit(self) -> u8 {
        match self {
            ApiScope::Read => 1,
            ApiScope::Write => 2,
            ApiScope::Reports => 4,
        }
    }
}

/// The scopes a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ApiScopes(u8);

impl ApiScopes {
    /// The known scopes among stored names (unknown names grant nothing).
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Self {
        ApiScopes(
            names
                .iter()
                .filter_map(|n| ApiScope::parse(n.as_ref()))
                .fold(0, |bits, s| bits | s.bit()),
        )
    }

    pub fn contains(self, scope: ApiScope) -> bool {
        self.0 & scope.bit() != 0
    }
}

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

/// A new key's name (1-100 characters) and scopes (at least one, known ones only), in the
/// order of [`ApiScope::ALL`].
pub fn parse_new_key(
    name: &str,
    scopes: &[String],
) -> Result<(String, Vec<ApiScope>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.0.push(FieldError::new(
            "name",
            "give the key a name of 1 to 100 characters",
        ));
    }
    let mut chosen: Vec<ApiScope> = ApiScope::ALL
        .into_iter()
        .filter(|s| scopes.iter().any(|c| c == s.as_str()))
        .collect();
    if chosen.is_empty() || scopes.iter().any(|s| ApiScope::parse(s).is_none()) {
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
