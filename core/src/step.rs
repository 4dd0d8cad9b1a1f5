//! Steps of a journey and their lifecycle.

use serde::{Deserialize, Serialize};

use crate::transition::{InvalidTransition, Lifecycle, Refusal};

/// The six kinds of step a link can contain, in their canonical order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StepKind {
    Documents,
    DigiLockerAadhaar,
    BankAccount,
    Selfie,
    Signature,
    SanctionScreening,
}

impl StepKind {
    /// Every kind, in the order a journey presents them.
    pub const ALL: [StepKind; 6] = [
        StepKind::Documents,
        StepKind::DigiLockerAadhaar,
        StepKind::BankAccount,
        StepKind::Selfie,
        StepKind::Signature,
        StepKind::SanctionScreening,
    ];

    /// The stable name stored in the database and used in forms and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Documents => "documents",
            StepKind::DigiLockerAadhaar => "digilocker_aadhaar",
            StepKind::BankAccount => "bank_account",
            StepKind::Selfie => "selfie",
            StepKind::Signature => "signature",
            StepKind::SanctionScreening => "sanction_screening",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        StepKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Documents => "Documents",
            StepKind::DigiLockerAadhaar => "DigiLocker Aadhaar",
            StepKind::BankAccount => "Bank account",
            StepKind::Selfie => "Selfie",
            StepKind::Signature => "Signature",
            StepKind::SanctionScreening => "Sanction screening",
        }
    }
}

impl StepKind {
    /// Whether the customer does this step (uploads, captures, signs, connects an
    /// account), as opposed to a check that runs by itself after submission.
    pub fn is_done_by_customer(self) -> bool {
        !matches!(self, StepKind::SanctionScreening)
    }
}

/// Who must act on a step that is waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
    Customer,
    Reviewer,
}

impl Party {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Customer => "customer",
            Party::Reviewer => "reviewer",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        match s {
            "customer" => Some(Party::Customer),
            "reviewer" => Some(Party::Reviewer),
            _ => None,
        }
    }
}

/// What a step waits for: who acts, a stable reason code, a message the customer may see
/// and a note only staff see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredAction {
    pub by: Party,
    pub reason_code: String,
    pub customer_message: String,
    pub internal_note: String,
}

/// The state of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepState {
    NotStarted,
    InProgress,
    Completed,
    Failed,
    RequiresAction(RequiredAction),
}

impl StepState {
    /// Every state's stored name and the name people see, in lifecycle order.
    pub const NAMES: [(&'static str, &'static str); 5] = [
        ("not_started", "Not Started"),
        ("in_progress", "In Progress"),
        ("completed", "Completed"),
        ("failed", "Failed"),
        ("requires_action", "Requires Action"),
    ];

    /// The name people see for a stored name; `None` for anything else.
    pub fn label_of(stored: &str) -> Option<&'static str> {
        Self::NAMES
            .iter()
            .find(|(code, _)| *code == stored)
            .map(|(_, label)| *label)
    }

    /// The stable name stored in the database (the action's details are stored beside it).
    pub fn as_str(&self) -> &'static str {
        match self {
            StepState::NotStarted => "not_started",
            StepState::InProgress => "in_progress",
            StepState::Completed => "completed",
            StepState::Failed => "failed",
            StepState::RequiresAction(_) => "requires_action",
        }
    }

    /// The name people see.
    pub fn label(&self) -> &'static str {
        match self {
            StepState::NotStarted => "Not Started",
            StepState::InProgress => "In Progress",
            StepState::Completed => "Completed",
            StepState::Failed => "Failed",
            StepState::RequiresAction(_) => "Requires Action",
        }
    }
}

/// Something that happens to a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepEvent {
    /// The customer begins the step.
    Start,
    /// The step's check passed, or a reviewer resolved it.
    Complete,
    /// The step's check failed, or a reviewer failed it.
    Fail,
    /// The customer tries a failed step again.
    Retry,
    /// The step now waits for someone.
    RequireAction(RequiredAction),
    /// The customer acted on what was asked of them.
    Resubmit,
}

impl StepEvent {
    /// A short name for errors and logs.
    pub fn name(&self) -> &'static str {
        match self {
            StepEvent::Start => "start",
            StepEvent::Complete => "complete",
            StepEvent::Fail => "fail",
            StepEvent::Retry => "retry",
            StepEvent::RequireAction(_) => "require_action",
            StepEvent::Resubmit => "resubmit",
        }
    }
}

/// One step of a journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    pub state: StepState,
    /// Tries started so far; never more than `max_attempts`.
    pub attempts: u32,
    pub max_attempts: u32,
}

/// How many tries a step gets unless the merchant says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

impl Step {
    /// A step nobody has touched.
    pub fn new(kind: StepKind) -> Self {
        Step {
            kind,
            state: StepState::NotStarted,
            attempts: 0,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
        }
    }

    /// Whether this step can never change again: completed, or failed with no tries left.
    pub fn is_final(&self) -> bool {
        match self.state {
            StepState::Completed => true,
            StepState::Failed => self.attempts >= self.max_attempts,
            _ => false,
        }
    }

    /// Whether the customer has something to do on this step.
    pub fn awaits_customer(&self) -> bool {
        if !self.kind.is_done_by_customer() {
            // Automatic checks run by themselves; only a hand-back involves the customer.
            return matches!(&self.state, StepState::RequiresAction(a) if a.by == Party::Customer);
        }
        match &self.state {
            StepState::NotStarted | StepState::InProgress => true,
            StepState::RequiresAction(action) => action.by == Party::Customer,
            StepState::Failed => self.attempts < self.max_attempts,
            StepState::Completed => false,
        }
    }

    /// The step lifecycle: the step after `event`, or why the event does not apply.
    pub fn apply(&self, event: StepEvent) -> Result<Step, InvalidTransition> {
        let refuse = |refusal| InvalidTransition {
            lifecycle: Lifecycle::Step,
            from: self.state.as_str(),
            event: event.name(),
            refusal,
        };
        let mut next = self.clone();
        next.state = match (&self.state, &event) {
            (StepState::Completed, _) => return Err(refuse(Refusal::Terminal)),
            (StepState::NotStarted, StepEvent::Start) => {
                next.attempts = 1;
                StepState::InProgress
            }
            (StepState::InProgress, StepEvent::Complete) => StepState::Completed,
            (StepState::InProgress, StepEvent::Fail) => StepState::Failed,
            (StepState::InProgress, StepEvent::RequireAction(action)) => {
                StepState::RequiresAction(action.clone())
            }
            (StepState::Failed, StepEvent::Retry) => {
                if self.attempts >= self.max_attempts {
                    return Err(refuse(Refusal::NoRetriesLeft));
                }
                next.attempts += 1;
                StepState::InProgress
            }
            (StepState::RequiresAction(waiting), event) => match (waiting.by, event) {
                (Party::Customer, StepEvent::Resubmit) => StepState::InProgress,
                (Party::Reviewer, StepEvent::Complete) => StepState::Completed,
                (Party::Reviewer, StepEvent::Fail) => StepState::Failed,
                (Party::Reviewer, StepEvent::RequireAction(action)) => {
                    if action.by != Party::Customer {
                        return Err(refuse(Refusal::WrongParty));
                    }
                    StepState::RequiresAction(action.clone())
                }
                _ => return Err(refuse(Refusal::NotAllowed)),
            },
            _ => return Err(refuse(Refusal::NotAllowed)),
        };
        Ok(next)
    }
}

#[cfg(test)]
mod tests;
