//! What the customer is told when the journey's rules refuse a change.

use kyc_core::{Refusal, Refused};
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
        ServiceError::Refused(rule @ (Refused::Journey(_) | Refused::TicketClosed)) => {
            refused(&refusal_id(rule))
        }
        ServiceError::Stale => refused("error-stale"),
        ServiceError::Unready(missing) => AppError::Unready(
            missing
                .iter()
                .map(|m| kyc_core::names::missing_text(lang, m))
                .collect(),
        ),
        other => AppError::from(other),
    }
}

/// The message id of a rule that refuses the customer: `refused-` and the rule's code.
fn refusal_id(rule: Refused) -> String {
    format!("refused-{}", rule.code().replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kyc_core::rules::JourneyRule;

    /// Every journey rule a customer can meet, and the closed ticket: the English words are
    /// the rule's own, the Hindi ones differ.
    #[test]
    fn journey_rules_are_said_in_the_customer_s_language() {
        use JourneyRule as J;
        let rules = [
            J::ConsentRequired,
            J::TypeNotAccepted,
            J::TooManyDocuments,
            J::DocumentSubmitted,
            J::SideNotAccepted,
            J::SideTaken,
            J::NotACheckStep,
            J::NotACaptureStep,
            J::CheckWaiting,
            J::DigiLockerUnavailable,
            J::Ended,
        ]
        .map(Refused::Journey)
        .into_iter()
        .chain([Refused::TicketClosed]);
        // A rule added later stops this match compiling, which leads whoever adds it here to
        // list it above as well (the list is what the checks below walk).
        for rule in rules.clone() {
            if let Refused::Journey(rule) = rule {
                match rule {
                    J::ConsentRequired
                    | J::TypeNotAccepted
                    | J::TooManyDocuments
                    | J::DocumentSubmitted
                    | J::SideNotAccepted
                    | J::SideTaken
                    | J::NotACheckStep
                    | J::NotACaptureStep
                    | J::CheckWaiting
                    | J::DigiLockerUnavailable
                    | J::Ended => {}
                }
            }
        }
        for rule in rules {
            let said = |lang| customer_error(ServiceError::Refused(rule), lang).message(lang);
            assert_eq!(said(Lang::En), rule.message(), "{rule:?}");
            assert_ne!(said(Lang::Hi), rule.message(), "{rule:?}");
        }
        let stale = |lang| customer_error(ServiceError::Stale, lang).message(lang);
        assert_eq!(
            stale(Lang::En),
            AppError::from(ServiceError::Stale).to_string()
        );
        assert_ne!(stale(Lang::Hi), stale(Lang::En));
    }
}
