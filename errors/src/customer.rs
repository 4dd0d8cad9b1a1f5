//! What the customer is told when the journey's rules refuse a change.

use kyc_core::Refusal;
use kyc_i18n::{t, Lang};
use kyc_service::ServiceError;

use crate::AppError;

/// The customer's version of a use case's error, in the customer's language: lifecycle
/// refusals and what still stops submission in plain words; the rest through the generic
/// mapping (anything unexpected is an internal error logged with an id).
pub fn customer_error(error: ServiceError, lang: Lang) -> AppError {
    let refused = |id: &str| AppError::Conflict(t!(lang, id));
    match error {
        ServiceError::Transition(refusal) => match refusal.refusal {
            Refusal::WindowPassed => AppError::LinkExpired,
            Refusal::JourneyNotInProgress | Refusal::Terminal => refused("error-journey-closed"),
            Refusal::NotAllowed => refused("error-under-review"),
            Refusal::NoRetriesLeft => refused("error-no-retries"),
            Refusal::UnknownStep => AppError::NotFound,
            _ => refused("error-not-now"),
        },
        ServiceError::Unready(missing) => AppError::Unready(
            missing
                .iter()
                .map(|m| kyc_core::names::missing_text(lang, m))
                .collect(),
        ),
        other => AppError::from(other),
    }
}
