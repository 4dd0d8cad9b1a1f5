//! What the customer is told when the journey's rules refuse a change.

use kyc_core::Refusal;
use kyc_db::DbError;

use crate::AppError;

/// The customer's version of a storage error: rule refusals in plain words, anything else
/// an internal error (logged with an id).
pub fn customer_error(error: DbError) -> AppError {
    let refused = |message: &str| AppError::Conflict(message.to_owned());
    match error {
        DbError::Transition(refusal) => match refusal.refusal {
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
        DbError::Refused(code) => refused(match code {
            "consent_required" => "Please read and accept the consent first.",
            "type_not_accepted" => "This type of document is not accepted for this category.",
            "too_many_documents" => {
                "You have added as many documents as allowed. Remove one to add another."
            }
            "document_submitted" => "This document has been submitted and cannot be changed.",
            "ticket_closed" => "This question has been closed. Please ask a new one.",
            "check_waiting" => "We are still waiting for the answer to your last try.",
            "side_not_accepted" | "side_taken" => {
                "That side is already there, or a PDF was mixed with photos. Remove the document and add it again."
            }
            _ => "That is not possible at this point.",
        }),
        DbError::Unready(missing) => {
            AppError::Unready(missing.iter().map(|m| m.message()).collect())
        }
        DbError::NotFound => AppError::NotFound,
        other => AppError::from(other),
    }
}
