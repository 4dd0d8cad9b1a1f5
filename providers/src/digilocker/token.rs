//! DigiLocker's token answer: the access token, and what DigiLocker says about the customer
//! (unverified: only the signed e-Aadhaar is evidence).

use std::fmt;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::eaadhaar::Gender;
use super::DigiLockerError;

pub struct Token {
    access_token: Zeroizing<String>,
    /// Seconds the token lives, as DigiLocker says.
    pub expires_in: Option<u64>,
    pub token_type: String,
    pub digilocker_id: String,
    pub name: String,
    /// From `DDMMYYYY`; `None` when DigiLocker sent something else.
    pub dob: Option<time::Date>,
    pub gender: Option<Gender>,
    /// DigiLocker's `eaadhaar` flag: `"N"` means the account holds no e-Aadhaar.
    pub eaadhaar_available: bool,
}

#[derive(Deserialize)]
struct Answer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    digilocker_id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    dob: Option<String>,
    #[serde(default)]
    gender: Option<String>,
    #[serde(default)]
    eaadhaar: Option<String>,
}

impl Token {
    pub(super) fn from_json(body: &[u8]) -> Result<Token, DigiLockerError> {
        let answer: Answer = serde_json::from_slice(body)
            .map_err(|_| DigiLockerError::Unavailable("unreadable answer".into()))?;
        if answer.access_token.trim().is_empty() {
            return Err(DigiLockerError::Unavailable(
                "answer without a token".into(),
            ));
        }
        let expires_in = match answer.expires_in {
            Some(serde_json::Value::Number(n)) => n.as_u64(),
            Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        };
        let format = time::macros::format_description!("[day][month][year]");
        let dob = answer
            .dob
            .and_then(|d| time::Date::parse(d.trim(), format).ok());
        Ok(Token {
            access_token: Zeroizing::new(answer.access_token),
            expires_in,
            token_type: answer.token_type.unwrap_or_else(|| "Bearer".into()),
            digilocker_id: answer.digilocker_id.unwrap_or_default(),
            name: answer.name.unwrap_or_default(),
            dob,
            gender: answer.gender.as_deref().and_then(Gender::parse),
            eaadhaar_available: !answer
                .eaadhaar
                .is_some_and(|e| e.trim().eq_ignore_ascii_case("N")),
        })
    }

    pub fn access_token(&self) -> &str {
        &self.access_token
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &"<redacted>")
            .field("expires_in", &self.expires_in)
            .field("digilocker_id", &"<redacted>")
            .field("name", &"<redacted>")
            .field("dob", &"<redacted>")
            .field("eaadhaar_available", &self.eaadhaar_available)
            .finish_non_exhaustive()
    }
}
