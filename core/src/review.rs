//! The reviewer's decisions and what follows from them, as pure rules: a document decision
//! may complete the documents step, hand it back to the customer or end the journey.

pub mod forms;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::document::{FiledDocument, Rejection, RejectionMode};
use crate::views::{CustomerCapture, CustomerDocument, CustomerRow, JourneyDetail};
use crate::{DocumentRequirements, DocumentState, Journey, JourneyEvent};
use crate::{Party, RequiredAction, StepEvent, StepKind, StepState};

/// Why a documents step is handed back after a Retry rejection.
pub const DOCUMENTS_RESUBMIT: &str = "documents_resubmit";

/// The longest reviewer comment.
pub const MAX_COMMENT: usize = 1000;

/// The journey events that follow a decision on one document, given every document of the
/// journey *after* the decision (submitted ones only count).
///
/// - Rejected as Final: the journey is rejected.
/// - Rejected as Retry: the documents step goes back to the customer (once).
/// - Approved: when nothing submitted is pending any more and every category has its
///   approved minimum, the documents step completes.
pub fn after_document_decision(
    journey: &Journey,
    requirements: &DocumentRequirements,
    decided: &DocumentState,
    documents: &[FiledDocument],
    any_pending: bool,
) -> Vec<JourneyEvent> {
    let step = journey.step(StepKind::Documents);
    let waits_for_reviewer = step.is_some_and(
        |s| matches!(&s.state, StepState::RequiresAction(a) if a.by == Party::Reviewer),
    );
    let on_documents = |event| JourneyEvent::Step {
        kind: StepKind::Documents,
        event,
    };
    match decided {
        DocumentState::Rejected(Rejection {
            mode: RejectionMode::Final,
            ..
        }) => vec![JourneyEvent::Reject],
        DocumentState::Rejected(_) if waits_for_reviewer => {
            vec![on_documents(StepEvent::RequireAction(RequiredAction {
                by: Party::Customer,
                reason_code: DOCUMENTS_RESUBMIT.to_owned(),
                customer_message: "Some of your documents were sent back. Please upload new ones."
                    .to_owned(),
                internal_note: String::new(),
            }))]
        }
        DocumentState::Approved
            if waits_for_reviewer
                && !any_pending
                && requirements.is_satisfied_by_approved(documents) =>
        {
            vec![on_documents(StepEvent::Complete)]
        }
        _ => Vec::new(),
    }
}

/// A reviewer's decision on a step waiting for them (not the documents step, which follows
/// its documents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepDecision {
    /// The step is fine: it completes.
    Approve,
    /// The customer must do it again, with a message they will read.
    SendBack { message: String },
}

impl StepDecision {
    /// The step event this decision is.
    pub fn event(&self) -> StepEvent {
        match self {
            StepDecision::Approve => StepEvent::Complete,
            StepDecision::SendBack { message } => StepEvent::RequireAction(RequiredAction {
                by: Party::Customer,
                reason_code: "sent_back".to_owned(),
                customer_message: message.clone(),
                internal_note: String::new(),
            }),
        }
    }
}

/// A case in the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub journey_id: Uuid,
    pub customer_name: String,
    /// When the oldest thing waiting for a reviewer started waiting.
    pub waiting_since: Option<OffsetDateTime>,
    pub pending_documents: i64,
    /// Steps waiting for a reviewer.
    pub steps_waiting: Vec<StepKind>,
    pub assignee: Option<Assignee>,
}

/// A staff member a case can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    pub user_id: Uuid,
    pub name: String,
}

/// Everything a reviewer sees of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewCase {
    pub customer: CustomerRow,
    pub journey: JourneyDetail,
    /// Submitted documents only (drafts are the customer's business), oldest first.
    pub documents: Vec<CustomerDocument>,
    pub captures: Vec<CustomerCapture>,
    pub assignee: Option<Assignee>,
    /// Who the case may be assigned to: the merchant's reviewers and admins.
    pub reviewers: Vec<Assignee>,
    /// Every comment, internal and customer-visible, oldest first.
    pub comments: Vec<CaseComment>,
    /// The customer's support tickets on this journey.
    pub tickets: Vec<crate::tickets::Ticket>,
    /// Every sanctions screening of the journey, newest first.
    pub screening: Vec<crate::screening::record::ScreeningRecord>,
}

/// Who may read a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Staff only: never in customer pages, emails, exports or API responses.
    Internal,
    /// Shown on the customer's status page.
    Customer,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Internal => "internal",
            Visibility::Customer => "customer",
        }
    }

    pub fn from_db(s: &str) -> Option<Self> {
        match s {
            "internal" => Some(Visibility::Internal),
            "customer" => Some(Visibility::Customer),
            _ => None,
        }
    }
}

/// The longest comment.
pub const MAX_COMMENT_BODY: usize = 2000;

/// A comment as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseComment {
    pub id: Uuid,
    pub document_id: Option<Uuid>,
    pub step: Option<StepKind>,
    pub author_name: String,
    pub visibility: Visibility,
    pub body: String,
    pub created_at: OffsetDateTime,
}

impl ReviewCase {
    /// Whether the core rules would let the journey complete now.
    pub fn can_complete(&self) -> bool {
        !self.journey.state.is_terminal()
            && self
                .journey
                .steps
                .iter()
                .all(|s| s.state == StepState::Completed)
    }
}

/// One audit entry as an admin reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    pub id: i64,
    pub occurred_at: OffsetDateTime,
    pub actor_kind: String,
    pub actor_name: Option<String>,
    pub action: String,
    pub object_kind: String,
    pub object_id: Option<Uuid>,
    pub journey_id: Option<Uuid>,
    pub request_id: Option<String>,
    pub chain_seq: i64,
}

#[cfg(test)]
mod tests;
