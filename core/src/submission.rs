//! What the customer has prepared, whether it may be submitted, and what submitting does
//! to each step. The browser runs these rules to enable Submit and say what is missing;
//! the server runs them again under the journey's row lock.

use serde::{Deserialize, Serialize};

use crate::document::{DocumentSide, FiledDocument, UnmetCategory};
use crate::{
    DocumentRequirements, DocumentState, DocumentType, Journey, JourneyEvent, Party, Refusal,
    RequiredAction, Step, StepEvent, StepKind, StepState,
};

/// Bump when the consent text changes; the version is stored with each consent.
pub const CONSENT_VERSION: &str = "2026-11-22";

/// A document the customer has uploaded files for, submitted or still a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreparedDocument {
    pub category: String,
    pub doc_type: DocumentType,
    pub state: DocumentState,
    pub sides: Vec<DocumentSide>,
    pub submitted: bool,
}

/// Everything the customer has done so far that submission looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prepared {
    pub consented: bool,
    pub documents: Vec<PreparedDocument>,
    /// Steps with a capture (selfie photo, drawn signature).
    pub captures: Vec<StepKind>,
    /// Online checks (bank, DigiLocker) waiting for the provider's answer.
    pub checks_waiting: Vec<StepKind>,
    /// Whether the customer has submitted before.
    pub submitted: bool,
}

/// Something that stops submission, with what the customer reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    Consent,
    Documents(UnmetCategory),
    IncompleteDocument {
        doc_type: DocumentType,
        side: DocumentSide,
    },
    Capture(StepKind),
    /// An online check the customer has not run (or must run again).
    Check(StepKind),
    /// An online check waiting for the provider's answer.
    CheckWaiting(StepKind),
    NothingToSubmit,
}

impl Missing {
    /// A sentence the customer understands.
    pub fn message(&self) -> String {
        match self {
            Missing::Consent => "Please read and accept the consent first.".to_owned(),
            Missing::Documents(unmet) => format!(
                "{}: add {} more document{}.",
                unmet.label,
                unmet.need - unmet.have,
                if unmet.need - unmet.have == 1 {
                    ""
                } else {
                    "s"
                }
            ),
            Missing::IncompleteDocument { doc_type, side } => format!(
                "{}: add the {} side, or remove it.",
                doc_type.label(),
                side.label().to_lowercase()
            ),
            Missing::Capture(StepKind::Selfie) => "Take a selfie.".to_owned(),
            Missing::Capture(StepKind::Signature) => "Draw and save your signature.".to_owned(),
            Missing::Check(StepKind::BankAccount) => "Verify your bank account.".to_owned(),
            Missing::Check(StepKind::DigiLockerAadhaar) => {
                "Connect DigiLocker to share your Aadhaar.".to_owned()
            }
            Missing::CheckWaiting(kind) => format!(
                "{}: we are waiting for the answer; this page updates by itself.",
                kind.label()
            ),
            Missing::Capture(kind) | Missing::Check(kind) => {
                format!("{}: still to do.", kind.label())
            }
            Missing::NothingToSubmit => "There is nothing to submit right now.".to_owned(),
        }
    }
}

/// Whether the customer's part of step `kind` is ready to submit.
pub fn step_ready(
    kind: StepKind,
    requirements: &DocumentRequirements,
    prepared: &Prepared,
) -> Result<(), Vec<Missing>> {
    match kind {
        StepKind::Documents => documents_ready(requirements, &prepared.documents),
        StepKind::Selfie | StepKind::Signature => {
            if prepared.captures.contains(&kind) {
                Ok(())
            } else {
                Err(vec![Missing::Capture(kind)])
            }
        }
        // A check that passed or waits for a reviewer no longer awaits the customer, so
        // reaching here means it has still to be run (or run again).
        StepKind::DigiLockerAadhaar | StepKind::BankAccount => {
            if prepared.checks_waiting.contains(&kind) {
                Err(vec![Missing::CheckWaiting(kind)])
            } else {
                Err(vec![Missing::Check(kind)])
            }
        }
        StepKind::SanctionScreening => Ok(()),
    }
}

fn documents_ready(
    requirements: &DocumentRequirements,
    documents: &[PreparedDocument],
) -> Result<(), Vec<Missing>> {
    let mut missing: Vec<Missing> = documents
        .iter()
        .filter(|d| !d.submitted && !d.doc_type.is_complete_with(&d.sides))
        .map(|d| Missing::IncompleteDocument {
            doc_type: d.doc_type,
            side: missing_side(d.doc_type, &d.sides),
        })
        .collect();
    let filed: Vec<FiledDocument> = documents
        .iter()
        .filter(|d| d.submitted || d.doc_type.is_complete_with(&d.sides))
        .map(|d| FiledDocument {
            category: d.category.clone(),
            doc_type: d.doc_type,
            state: d.state.clone(),
        })
        .collect();
    if let Err(unmet) = requirements.check_submission(&filed) {
        missing.extend(unmet.into_iter().map(Missing::Documents));
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing)
    }
}

fn missing_side(doc_type: DocumentType, sides: &[DocumentSide]) -> DocumentSide {
    if sides.contains(&DocumentSide::Front) || !doc_type.needs_back() {
        DocumentSide::Back
    } else {
        DocumentSide::Front
    }
}

/// The event that lets the customer work on `step` (upload, capture, replace): `Start`,
/// `Resubmit` after a hand-back, `Retry` after a failure with tries left, `None` when the
/// step is already in progress. `Err` when it is not the customer's turn.
pub fn begin_work(step: &Step) -> Result<Option<StepEvent>, Refusal> {
    match &step.state {
        StepState::NotStarted => Ok(Some(StepEvent::Start)),
        StepState::InProgress => Ok(None),
        StepState::RequiresAction(action) if action.by == Party::Customer => {
            Ok(Some(StepEvent::Resubmit))
        }
        StepState::Failed if step.attempts < step.max_attempts => Ok(Some(StepEvent::Retry)),
        StepState::Failed => Err(Refusal::NoRetriesLeft),
        StepState::Completed => Err(Refusal::Terminal),
        StepState::RequiresAction(_) => Err(Refusal::NotAllowed),
    }
}

/// The events submitting applies, in order: each step the customer still works on is
/// begun if needed and then handed to review (documents, selfie) or completed (signature).
/// `Err` lists everything missing, so the customer sees it all at once.
pub fn plan(
    journey: &Journey,
    requirements: &DocumentRequirements,
    prepared: &Prepared,
) -> Result<Vec<JourneyEvent>, Vec<Missing>> {
    let mut missing = Vec::new();
    if !prepared.consented {
        missing.push(Missing::Consent);
    }
    let mut events = Vec::new();
    let waiting: Vec<&Step> = journey
        .steps
        .iter()
        .filter(|s| s.kind.is_done_by_customer() && s.awaits_customer())
        .collect();
    // Steps that finish before submission (online checks) or run after it (screening) can
    // leave nothing waiting: the journey is still submitted once, for the merchant.
    if waiting.is_empty() && prepared.submitted {
        missing.push(Missing::NothingToSubmit);
    }
    for step in waiting {
        if let Err(more) = step_ready(step.kind, requirements, prepared) {
            missing.extend(more);
            continue;
        }
        let Ok(begin) = begin_work(step) else {
            missing.push(Missing::NothingToSubmit);
            continue;
        };
        let mut push = |event| {
            events.push(JourneyEvent::Step {
                kind: step.kind,
                event,
            })
        };
        if let Some(event) = begin {
            push(event);
        }
        push(after_submission(step.kind));
    }
    if missing.is_empty() {
        Ok(events)
    } else {
        Err(missing)
    }
}

fn after_submission(kind: StepKind) -> StepEvent {
    let review = |code: &str| {
        StepEvent::RequireAction(RequiredAction {
            by: Party::Reviewer,
            reason_code: code.to_owned(),
            customer_message: String::new(),
            internal_note: String::new(),
        })
    };
    match kind {
        StepKind::Documents => review("documents_review"),
        StepKind::Selfie => review("selfie_review"),
        _ => StepEvent::Complete,
    }
}

#[cfg(test)]
mod tests;
