//! The journey: one KYC attempt behind one link, and its lifecycle.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::step::{Step, StepEvent, StepKind, StepState};
use crate::transition::{InvalidTransition, Lifecycle, Refusal};

/// The journey states, exactly as merchants know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JourneyState {
    /// Link generated; the customer has not opened it.
    Created,
    /// The customer is completing steps, or has submitted and waits for review.
    InProgress,
    /// Every step completed with no hold left. Terminal.
    Completed,
    /// Rejected by a reviewer, or a step failed with no retries left. Terminal.
    Rejected,
    /// The window passed while the customer had work to do, or the link was revoked. Terminal.
    Expired,
}

impl JourneyState {
    /// Every state, in lifecycle order.
    pub const ALL: [JourneyState; 5] = [
        JourneyState::Created,
        JourneyState::InProgress,
        JourneyState::Completed,
        JourneyState::Rejected,
        JourneyState::Expired,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            JourneyState::Created => "created",
            JourneyState::InProgress => "in_progress",
            JourneyState::Completed => "completed",
            JourneyState::Rejected => "rejected",
            JourneyState::Expired => "expired",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        JourneyState::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
    }

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            JourneyState::Created => "Created",
            JourneyState::InProgress => "In Progress",
            JourneyState::Completed => "Completed",
            JourneyState::Rejected => "Rejected",
            JourneyState::Expired => "Expired",
        }
    }

    /// Terminal states never change again.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            JourneyState::Completed | JourneyState::Rejected | JourneyState::Expired
        )
    }
}

/// Why a journey ended Expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpiryReason {
    /// The validity window passed while the customer had work to do.
    WindowPassed,
    /// An operator revoked the link.
    Revoked,
}

impl ExpiryReason {
    /// The stable reason code recorded on the event.
    pub fn as_str(self) -> &'static str {
        match self {
            ExpiryReason::WindowPassed => "window_passed",
            ExpiryReason::Revoked => "revoked",
        }
    }
}

/// Something that happens to a journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum JourneyEvent {
    /// The customer opened the link for the first time.
    Opened,
    /// Something happened to one of the journey's steps.
    Step { kind: StepKind, event: StepEvent },
    /// Every step is done: the journey succeeds.
    Complete,
    /// A reviewer rejected finally, or a step failed with no retries left.
    Reject,
    /// The validity window passed (checked against `now`).
    Expire,
    /// An operator revoked the link.
    Revoke,
}

impl JourneyEvent {
    /// A short name for errors and logs.
    pub fn name(&self) -> &'static str {
        match self {
            JourneyEvent::Opened => "opened",
            JourneyEvent::Step { .. } => "step",
            JourneyEvent::Complete => "complete",
            JourneyEvent::Reject => "reject",
            JourneyEvent::Expire => "expire",
            JourneyEvent::Revoke => "revoke",
        }
    }
}

/// A journey with the steps the rules need to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journey {
    pub state: JourneyState,
    pub expires_at: OffsetDateTime,
    pub steps: Vec<Step>,
}

impl Journey {
    /// A new journey with the given steps, all not started.
    pub fn new(kinds: &[StepKind], expires_at: OffsetDateTime) -> Self {
        Journey {
            state: JourneyState::Created,
            expires_at,
            steps: kinds.iter().copied().map(Step::new).collect(),
        }
    }

    /// Whether the customer still has something to do. Expiry applies only then: a journey
    /// that only waits for a reviewer does not expire.
    pub fn customer_action_pending(&self) -> bool {
        match self.state {
            JourneyState::Created => true,
            JourneyState::InProgress => self.steps.iter().any(Step::awaits_customer),
            _ => false,
        }
    }

    /// Whether the journey should now expire: window passed while the customer had work to do.
    pub fn is_due_to_expire(&self, now: OffsetDateTime) -> bool {
        !self.state.is_terminal() && now >= self.expires_at && self.customer_action_pending()
    }

    /// The step of a kind, if the journey has one.
    pub fn step(&self, kind: StepKind) -> Option<&Step> {
        self.steps.iter().find(|s| s.kind == kind)
    }

    /// The journey lifecycle: the journey after `event` at `now`, or why it does not apply.
    /// Terminal journeys refuse every event.
    pub fn apply(
        &self,
        event: JourneyEvent,
        now: OffsetDateTime,
    ) -> Result<Journey, InvalidTransition> {
        let refuse = |refusal| InvalidTransition {
            lifecycle: Lifecycle::Journey,
            from: self.state.as_str(),
            event: event.name(),
            refusal,
        };
        if self.state.is_terminal() {
            return Err(refuse(Refusal::Terminal));
        }
        let mut next = self.clone();
        match (&self.state, &event) {
            (JourneyState::Created, JourneyEvent::Opened) => {
                if now >= self.expires_at {
                    return Err(refuse(Refusal::WindowPassed));
                }
                next.state = JourneyState::InProgress;
            }
            (JourneyState::InProgress, JourneyEvent::Step { kind, event }) => {
                if self.is_due_to_expire(now) {
                    return Err(refuse(Refusal::WindowPassed));
                }
                let index = self
                    .steps
                    .iter()
                    .position(|s| s.kind == *kind)
                    .ok_or_else(|| refuse(Refusal::UnknownStep))?;
                next.steps[index] = self.steps[index].apply(event.clone())?;
            }
            (JourneyState::Created, JourneyEvent::Step { .. }) => {
                return Err(refuse(Refusal::JourneyNotInProgress));
            }
            (JourneyState::InProgress, JourneyEvent::Complete) => {
                if !self.steps.iter().all(|s| s.state == StepState::Completed) {
                    return Err(refuse(Refusal::StepsIncomplete));
                }
                next.state = JourneyState::Completed;
            }
            (JourneyState::InProgress, JourneyEvent::Reject) => next.state = JourneyState::Rejected,
            (_, JourneyEvent::Expire) => {
                if now < self.expires_at {
                    return Err(refuse(Refusal::WindowNotPassed));
                }
                if !self.customer_action_pending() {
                    return Err(refuse(Refusal::CustomerActionNotPending));
                }
                next.state = JourneyState::Expired;
            }
            (_, JourneyEvent::Revoke) => next.state = JourneyState::Expired,
            _ => return Err(refuse(Refusal::NotAllowed)),
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests;
