//! What can go wrong in a DigiLocker sign-in, with a message for the customer and a stable
//! code for storage. Reasons carry HTTP statuses and OAuth error codes, never tokens,
//! codes or personal data.

use super::eaadhaar::XmlError;

/// What the redirect back from DigiLocker said, when it did not carry a usable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("the customer did not allow access")]
    ConsentDenied,
    #[error("the customer's Aadhaar is not linked to DigiLocker")]
    AadhaarNotLinked,
    #[error("the customer's DigiLocker holds no e-Aadhaar")]
    AadhaarNotAvailable,
    /// Another OAuth error code (reduced to `[a-z0-9_]`, at most 40 characters).
    #[error("DigiLocker returned the error {0}")]
    Provider(String),
    #[error("the state does not match the sign-in we started")]
    StateMismatch,
    #[error("the redirect carries no authorisation code")]
    MissingCode,
}

impl CallbackError {
    /// Keeps a provider's error code printable and short: it comes from a URL anyone can
    /// craft.
    pub(super) fn provider(code: &str) -> CallbackError {
        let clean: String = code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect::<String>()
            .to_ascii_lowercase();
        match clean.as_str() {
            "access_denied" => CallbackError::ConsentDenied,
            "aadhaar_not_linked" => CallbackError::AadhaarNotLinked,
            "aadhaar_not_available" => CallbackError::AadhaarNotAvailable,
            "" => CallbackError::Provider("unknown".into()),
            _ => CallbackError::Provider(clean),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DigiLockerError {
    #[error("the customer did not allow access to DigiLocker")]
    ConsentDenied,
    #[error("the customer's Aadhaar is not linked to DigiLocker")]
    AadhaarNotLinked,
    #[error("the customer's DigiLocker holds no e-Aadhaar")]
    AadhaarNotAvailable,
    #[error("the DigiLocker redirect does not match the sign-in we started")]
    StateMismatch,
    /// The code is unknown, used, expired, or its PKCE verifier does not match; or the
    /// access token expired.
    #[error("DigiLocker refused the authorisation ({0})")]
    InvalidGrant(String),
    /// Timeouts, 5xx and unreadable answers: the customer may try again.
    #[error("DigiLocker is unavailable ({0})")]
    Unavailable(String),
    /// Other refusals: a configuration problem, not the customer's.
    #[error("DigiLocker refused the request ({0})")]
    Refused(String),
    #[error("the e-Aadhaar could not be verified: {0}")]
    Document(#[from] XmlError),
}

impl DigiLockerError {
    /// What to tell the customer, in plain words.
    pub fn customer_message(&self) -> &'static str {
        match self {
            DigiLockerError::ConsentDenied => {
                "You did not allow access to your DigiLocker. You can try again."
            }
            DigiLockerError::AadhaarNotLinked => {
                "Your Aadhaar is not linked to your DigiLocker account. Link it in the \
                 DigiLocker app and try again, or choose another way to verify."
            }
            DigiLockerError::AadhaarNotAvailable => {
                "Your DigiLocker account has no e-Aadhaar yet. Add it in the DigiLocker app \
                 and try again, or choose another way to verify."
            }
            DigiLockerError::StateMismatch | DigiLockerError::InvalidGrant(_) => {
                "Your DigiLocker sign-in expired or could not be matched to this session. \
                 Please start again."
            }
            DigiLockerError::Unavailable(_) => {
                "DigiLocker is not responding right now. Please try again in a few minutes."
            }
            DigiLockerError::Refused(_) => {
                "We cannot reach DigiLocker because of a problem on our side. Please choose \
                 another way to verify, or try again later."
            }
            DigiLockerError::Document(_) => {
                "We could not verify the e-Aadhaar DigiLocker sent us. Please choose another \
                 way to verify."
            }
        }
    }

    /// A stable snake_case code, for storage.
    pub fn code(&self) -> &'static str {
        match self {
            DigiLockerError::ConsentDenied => "consent_denied",
            DigiLockerError::AadhaarNotLinked => "aadhaar_not_linked",
            DigiLockerError::AadhaarNotAvailable => "aadhaar_not_available",
            DigiLockerError::StateMismatch => "state_mismatch",
            DigiLockerError::InvalidGrant(_) => "invalid_grant",
            DigiLockerError::Unavailable(_) => "unavailable",
            DigiLockerError::Refused(_) => "refused",
            DigiLockerError::Document(e) => e.code(),
        }
    }

    /// Whether starting the DigiLocker sign-in again may succeed without anyone (the
    /// customer in the DigiLocker app, or us in configuration) changing anything.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            DigiLockerError::ConsentDenied
                | DigiLockerError::StateMismatch
                | DigiLockerError::InvalidGrant(_)
                | DigiLockerError::Unavailable(_)
        )
    }
}

impl From<CallbackError> for DigiLockerError {
    fn from(error: CallbackError) -> Self {
        match error {
            CallbackError::ConsentDenied => DigiLockerError::ConsentDenied,
            CallbackError::AadhaarNotLinked => DigiLockerError::AadhaarNotLinked,
            CallbackError::AadhaarNotAvailable => DigiLockerError::AadhaarNotAvailable,
            CallbackError::StateMismatch => DigiLockerError::StateMismatch,
            CallbackError::Provider(code)
                if code == "server_error" || code == "temporarily_unavailable" =>
            {
                DigiLockerError::Unavailable(code)
            }
            CallbackError::Provider(code) => DigiLockerError::Refused(code),
            CallbackError::MissingCode => DigiLockerError::Refused("no code in callback".into()),
        }
    }
}
