//! Rules beyond the lifecycles that refuse an operation, typed per operation. Each has a
//! stable code (the API's and the logs') and a sentence for the person who asked; the
//! lifecycles' own refusals are [`crate::Refusal`].

use std::fmt;

/// Why the customer's journey refused a change the customer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JourneyRule {
    /// Nothing is stored before the customer accepts the consent.
    ConsentRequired,
    /// The document type is not one the category accepts.
    TypeNotAccepted,
    /// The category holds as many documents as it allows.
    TooManyDocuments,
    /// A submitted document is not changed any more.
    DocumentSubmitted,
    /// The side does not fit the document (a PDF beside photos, a back for a one-sided type).
    SideNotAccepted,
    /// The document has that side already.
    SideTaken,
    /// The step is not one of the automatic checks (DigiLocker, bank account).
    NotACheckStep,
    /// The step is not a capture (selfie, signature).
    NotACaptureStep,
    /// The previous try is still waiting for the provider's answer.
    CheckWaiting,
    /// This installation has no DigiLocker configured.
    DigiLockerUnavailable,
    /// The journey has ended (completed, rejected or expired): its customer may read its
    /// status, but nothing is added and its files are not shown again.
    Ended,
}

impl JourneyRule {
    pub fn code(self) -> &'static str {
        match self {
            JourneyRule::ConsentRequired => "consent_required",
            JourneyRule::TypeNotAccepted => "type_not_accepted",
            JourneyRule::TooManyDocuments => "too_many_documents",
            JourneyRule::DocumentSubmitted => "document_submitted",
            JourneyRule::SideNotAccepted => "side_not_accepted",
            JourneyRule::SideTaken => "side_taken",
            JourneyRule::NotACheckStep => "not_a_check_step",
            JourneyRule::NotACaptureStep => "not_a_capture_step",
            JourneyRule::CheckWaiting => "check_waiting",
            JourneyRule::DigiLockerUnavailable => "digilocker_unavailable",
            JourneyRule::Ended => "journey_ended",
        }
    }

    /// What the customer is told.
    pub fn message(self) -> &'static str {
        match self {
            JourneyRule::ConsentRequired => "Please read and accept the consent first.",
            JourneyRule::TypeNotAccepted => {
                "This type of document is not accepted for this category."
            }
            JourneyRule::TooManyDocuments => {
                "You have added as many documents as allowed. Remove one to add another."
            }
            JourneyRule::DocumentSubmitted => {
                "This document has been submitted and cannot be changed."
            }
            JourneyRule::SideNotAccepted | JourneyRule::SideTaken => {
                "That side is already there, or a PDF was mixed with photos. Remove the document and add it again."
            }
            JourneyRule::CheckWaiting => "We are still waiting for the answer to your last try.",
            JourneyRule::DigiLockerUnavailable => {
                "DigiLocker is not available here yet. The company that sent your link will contact you about it."
            }
            JourneyRule::Ended => {
                "This verification has ended: nothing more can be added, and its files are no longer shown."
            }
            JourneyRule::NotACheckStep | JourneyRule::NotACaptureStep => {
                "That is not possible at this point."
            }
        }
    }
}

/// Why a reviewer's action on a case was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRule {
    /// The journey has ended; its case takes no more decisions.
    CaseClosed,
    /// The documents step follows its documents: each document is decided instead.
    DecideEachDocument,
    /// The screening step follows its result: false positive or true match.
    ResolveScreening,
    /// The step is not waiting for a reviewer.
    StepNotWaitingForReview,
    /// The assignee is not an active reviewer (or admin) of the merchant.
    NotAReviewer,
    /// A clear screening has nothing to resolve.
    ScreeningClear,
    /// Somebody resolved the possible match already.
    ScreeningAlreadyResolved,
}

impl ReviewRule {
    pub fn code(self) -> &'static str {
        match self {
            ReviewRule::CaseClosed => "case_closed",
            ReviewRule::DecideEachDocument => "decide_each_document",
            ReviewRule::ResolveScreening => "resolve_screening",
            ReviewRule::StepNotWaitingForReview => "step_not_waiting_for_review",
            ReviewRule::NotAReviewer => "not_a_reviewer",
            ReviewRule::ScreeningClear => "screening_clear",
            ReviewRule::ScreeningAlreadyResolved => "screening_already_resolved",
        }
    }

    /// What the reviewer is told.
    pub fn message(self) -> &'static str {
        match self {
            ReviewRule::CaseClosed => "This case is closed: the journey has ended.",
            ReviewRule::DecideEachDocument => {
                "The documents step follows its documents: decide each document."
            }
            ReviewRule::ResolveScreening => {
                "Sanction screening is resolved from its result: false positive or true match."
            }
            ReviewRule::StepNotWaitingForReview => "This step is not waiting for a reviewer.",
            ReviewRule::NotAReviewer => "is not an active reviewer of this merchant",
            ReviewRule::ScreeningClear => "This screening is clear: there is nothing to resolve.",
            ReviewRule::ScreeningAlreadyResolved => {
                "This possible match has already been resolved."
            }
        }
    }
}

/// Why a merchant's settings change was refused (the forms check these first; the store
/// refuses them again so that no caller can store an invalid setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsRule {
    NameBandsInvalid,
    ScreeningThresholdsInvalid,
    ApiKeyScopesInvalid,
}

impl SettingsRule {
    pub fn code(self) -> &'static str {
        match self {
            SettingsRule::NameBandsInvalid => "name_bands_invalid",
            SettingsRule::ScreeningThresholdsInvalid => "screening_thresholds_invalid",
            SettingsRule::ApiKeyScopesInvalid => "api_key_scopes_invalid",
        }
    }

    /// What the admin is told.
    pub fn message(self) -> &'static str {
        match self {
            SettingsRule::NameBandsInvalid => {
                "The bands must satisfy fail up to < pass from <= 100."
            }
            SettingsRule::ScreeningThresholdsInvalid => {
                "The thresholds must satisfy 0.5 <= review <= confirm <= 1."
            }
            SettingsRule::ApiKeyScopesInvalid => "Choose at least one scope.",
        }
    }
}

/// Why a change to a merchant's staff or to one's own account was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffRule {
    /// The change would leave the merchant without an enabled admin.
    LastAdmin,
    /// The invitation was used or withdrawn, or has expired.
    InvitationUnusable,
    /// The password reset link was used or has expired.
    ResetUnusable,
    /// Two-factor sign-in is already on (turn it off first to enrol again).
    TwoFactorOn,
    /// No two-factor enrolment is waiting for its confirmation code.
    NothingToConfirm,
    /// The invited address has an account: it accepts from its own signed-in session.
    SignInFirst,
}

impl StaffRule {
    pub fn code(self) -> &'static str {
        match self {
            StaffRule::LastAdmin => "last_admin",
            StaffRule::InvitationUnusable => "invitation_unusable",
            StaffRule::ResetUnusable => "reset_unusable",
            StaffRule::TwoFactorOn => "two_factor_on",
            StaffRule::NothingToConfirm => "nothing_to_confirm",
            StaffRule::SignInFirst => "sign_in_first",
        }
    }

    /// What the person is told.
    pub fn message(self) -> &'static str {
        match self {
            StaffRule::LastAdmin => {
                "A merchant keeps at least one enabled admin: make someone else an admin first."
            }
            StaffRule::InvitationUnusable => {
                "This invitation has been used or withdrawn, or has expired. Ask your admin for a new one."
            }
            StaffRule::ResetUnusable => {
                "This password reset link has been used or has expired. Ask for a new one."
            }
            StaffRule::TwoFactorOn => {
                "Two-factor sign-in is already on. Turn it off first to set it up again."
            }
            StaffRule::NothingToConfirm => "Start setting up two-factor sign-in first.",
            StaffRule::SignInFirst => {
                "This address already has an account: sign in with it first, then open the invitation link again."
            }
        }
    }
}

/// A rule that refused an operation, by the operation's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Journey(JourneyRule),
    Review(ReviewRule),
    /// The support ticket is closed (for the customer and the reviewer alike).
    TicketClosed,
    Settings(SettingsRule),
    Staff(StaffRule),
    /// Only a journey whose link was withdrawn, and only once, is issued again as a new
    /// journey.
    NotWithdrawn,
}

impl Refused {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Refused::Journey(rule) => rule.code(),
            Refused::Review(rule) => rule.code(),
            Refused::TicketClosed => "ticket_closed",
            Refused::Settings(rule) => rule.code(),
            Refused::Staff(rule) => rule.code(),
            Refused::NotWithdrawn => "journey_not_withdrawn",
        }
    }

    /// The sentence for whoever asked.
    pub fn message(self) -> &'static str {
        match self {
            Refused::Journey(rule) => rule.message(),
            Refused::Review(rule) => rule.message(),
            Refused::TicketClosed => "This question has been closed. Please ask a new one.",
            Refused::Settings(rule) => rule.message(),
            Refused::Staff(rule) => rule.message(),
            Refused::NotWithdrawn => {
                "Only a withdrawn journey not issued again yet can be issued again; resend the link of an open one."
            }
        }
    }
}

impl From<StaffRule> for Refused {
    fn from(rule: StaffRule) -> Self {
        Refused::Staff(rule)
    }
}

impl From<JourneyRule> for Refused {
    fn from(rule: JourneyRule) -> Self {
        Refused::Journey(rule)
    }
}

impl From<ReviewRule> for Refused {
    fn from(rule: ReviewRule) -> Self {
        Refused::Review(rule)
    }
}

impl From<SettingsRule> for Refused {
    fn from(rule: SettingsRule) -> Self {
        Refused::Settings(rule)
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_snake_case() {
        use JourneyRule as J;
        use ReviewRule as R;
        use SettingsRule as S;
        let all: Vec<Refused> = [
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
        .into_iter()
        .map(Refused::from)
        .chain(
            [
                R::CaseClosed,
                R::DecideEachDocument,
                R::ResolveScreening,
                R::StepNotWaitingForReview,
                R::NotAReviewer,
                R::ScreeningClear,
                R::ScreeningAlreadyResolved,
            ]
            .into_iter()
            .map(Refused::from),
        )
        .chain([Refused::TicketClosed, Refused::NotWithdrawn])
        .chain(
            [
                S::NameBandsInvalid,
                S::ScreeningThresholdsInvalid,
                S::ApiKeyScopesInvalid,
            ]
            .into_iter()
            .map(Refused::from),
        )
        .chain(
            [
                StaffRule::LastAdmin,
                StaffRule::InvitationUnusable,
                StaffRule::ResetUnusable,
                StaffRule::TwoFactorOn,
                StaffRule::NothingToConfirm,
                StaffRule::SignInFirst,
            ]
            .into_iter()
            .map(Refused::from),
        )
        .collect();
        let mut codes: Vec<&str> = all.iter().map(|r| r.code()).collect();
        assert!(codes
            .iter()
            .all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_')));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "two refusals share a code");
        assert!(all.iter().all(|r| !r.message().is_empty()));
    }
}
