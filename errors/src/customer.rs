//! What the customer is told when the journey's rules refuse a change.

use kyc_core::Refusal;
use kyc_service::ServiceError;

use crate::AppError;

/// The customer's version of a use case's error: lifecycle refusals in plain words; the
/// rest through the generic mapping (the journey's rules speak for themselves, see
/// `kyc_core::rules`; anything unexpected is an internal error logged with an id).
pub fn customer_error(error: ServiceError) -> AppError {
    let refused = |message: &str| AppError::Conflict(message.to_owned());
    match error {
        ServiceError::Transition(refusal) => match refusal.refusal {
            Refusal::WindowPassed => AppError::LinkExpired,
            Refusal::JourneyNotInProgress | Refusal::Terminal => {
                refused("This verification is closed; nothing more can be changed.")
            }
            Refusal::NotAllowed => {
                refused("What you sent is being reviewed, so it cannot be changed now.")
            }
            Refusal::NoRetriesLeft => refused("No more attempts are left for this step."),
            Refusal::UnknownStep => AppError::NotFound,
            _ => refused("That is not possible at this point."),
        },
        other => AppError::from(other),
    }
}
