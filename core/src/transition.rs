//! The one error every lifecycle returns when an event does not apply.

use std::fmt;

/// Which lifecycle refused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle {
    Journey,
    Step,
    Document,
}

impl fmt::Display for Lifecycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lifecycle::Journey => "journey",
            Lifecycle::Step => "step",
            Lifecycle::Document => "document",
        })
    }
}

/// Why an event was refused. Stable codes: callers map them to user messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The subject is in a terminal state and never changes again.
    Terminal,
    /// The event has no meaning in the current state.
    NotAllowed,
    /// Step changes happen only while the journey is in progress.
    JourneyNotInProgress,
    /// The journey has no step of that kind.
    UnknownStep,
    /// Completion needs every step completed.
    StepsIncomplete,
    /// Expiry applies only while the customer still has something to do.
    CustomerActionNotPending,
    /// The validity window has not passed yet.
    WindowNotPassed,
    /// The validity window has passed.
    WindowPassed,
    /// A failed step may be retried only while attempts remain.
    NoRetriesLeft,
    /// A reviewer may hand a step back to the customer, not to another reviewer.
    WrongParty,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Terminal => "it is in a final state",
            Refusal::NotAllowed => "the event does not apply in this state",
            Refusal::JourneyNotInProgress => "the journey is not in progress",
            Refusal::UnknownStep => "the journey has no such step",
            Refusal::StepsIncomplete => "not every step is completed",
            Refusal::CustomerActionNotPending => "the customer has nothing left to do",
            Refusal::WindowNotPassed => "the validity window has not passed",
            Refusal::WindowPassed => "the validity window has passed",
            Refusal::NoRetriesLeft => "no retries are left",
            Refusal::WrongParty => "the action must pass to the customer",
        })
    }
}

/// An event that does not apply to the current state. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{lifecycle} in state {from} refused {event}: {refusal}")]
pub struct InvalidTransition {
    pub lifecycle: Lifecycle,
    pub from: &'static str,
    pub event: &'static str,
    pub refusal: Refusal,
}
