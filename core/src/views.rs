//! Read models: what pages and server functions pass around. Shared by the server (which
//! fills them from the database) and the browser (which renders them).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::document::DocumentSide;
use crate::merchant::Role;
use crate::submission::{Prepared, PreparedDocument};
use crate::{ActorKind, JourneyState, StepKind, StepState};
use crate::{DocumentRequirements, DocumentState, DocumentType};

/// A signed-in staff member acting within one merchant, as loaded for every request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub user_id: Uuid,
    pub display_name: String,
    pub merchant_id: Uuid,
    pub merchant_name: String,
    pub role: Role,
    pub is_platform_admin: bool,
    /// The merchant's policy requires a second factor of this member and they have not set
    /// one up: until they do, only their account's security page answers them.
    pub must_set_up_two_factor: bool,
    /// The merchant's time zone (an IANA name such as `Asia/Kolkata`): staff pages show
    /// times in it.
    pub time_zone: String,
}

/// One customer as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: Uuid,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub external_ref: Option<String>,
    pub created_at: OffsetDateTime,
}

/// A journey in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneySummary {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub state: JourneyState,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub opened_at: Option<OffsetDateTime>,
    pub submitted_at: Option<OffsetDateTime>,
    pub ended_at: Option<OffsetDateTime>,
    /// Each step's outcome so far, in the journey's order.
    pub steps: Vec<StepBrief>,
}

/// A step's kind and state, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepBrief {
    pub kind: StepKind,
    /// The state's stored name (`requires_action`...); see `StepState::label_of`.
    pub state: String,
}

/// One step as the tracker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepSummary {
    pub kind: StepKind,
    pub state: StepState,
    pub updated_at: OffsetDateTime,
}

/// A journey with its steps, for the tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyDetail {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub state: JourneyState,
    pub end_reason: Option<String>,
    pub created_at: OffsetDateTime,
    pub opened_at: Option<OffsetDateTime>,
    pub expires_at: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
    pub version: i32,
    pub steps: Vec<StepSummary>,
    /// Every try of the online checks (bank, DigiLocker), newest first.
    pub checks: Vec<crate::checks::CheckRecord>,
}

/// One recorded change, for the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: i64,
    pub subject: String,
    pub step_kind: Option<StepKind>,
    pub from_state: Option<String>,
    pub to_state: String,
    pub actor: ActorKind,
    pub actor_name: Option<String>,
    pub reason: Option<String>,
    pub occurred_at: OffsetDateTime,
}

/// What the live tracker receives when a journey changes: the journey as it now stands and
/// the events after the last one the browser has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveUpdate {
    pub detail: JourneyDetail,
    pub events: Vec<EventRow>,
}

/// What a customer's page and emails show of the merchant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    pub merchant_id: Uuid,
    pub display_name: String,
    pub primary_colour: String,
    pub accent_colour: String,
    pub has_logo: bool,
}

/// A code that continues the customer's journey on another device (their phone): the
/// address it carries, that address as a QR code (an SVG data URL), and until when it works.
/// It works once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handoff {
    pub url: String,
    pub qr: String,
    pub expires_at: OffsetDateTime,
}

/// What the customer's page receives: the merchant's branding and where the journey
/// stands. Never staff-only notes or reviewers' free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerJourney {
    pub branding: Branding,
    pub state: JourneyState,
    /// Whether an operator withdrew the link (as opposed to it running out of time).
    pub revoked: bool,
    pub expires_at: OffsetDateTime,
    pub steps: Vec<CustomerStep>,
    /// When the customer accepted the consent, if they have.
    pub consented_at: Option<OffsetDateTime>,
    /// When the customer last submitted.
    pub submitted_at: Option<OffsetDateTime>,
    /// The categories the documents step asks for.
    pub requirements: DocumentRequirements,
    /// Every document of this journey, drafts and submitted, oldest first.
    pub documents: Vec<CustomerDocument>,
    /// The current selfie and signature, when taken.
    pub captures: Vec<CustomerCapture>,
    /// The latest try of each online check (bank, DigiLocker).
    pub checks: Vec<crate::checks::CustomerCheck>,
    /// Reviewers' comments meant for the customer (never the internal ones), oldest first.
    pub comments: Vec<CustomerComment>,
    /// The customer's support tickets on this journey.
    pub tickets: Vec<crate::tickets::Ticket>,
    /// The merchant's support address, offered beside tickets.
    pub support_email: Option<String>,
}

/// A reviewer's comment the customer may read, on a document or a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerComment {
    pub document_id: Option<Uuid>,
    pub step: Option<StepKind>,
    pub body: String,
    pub created_at: OffsetDateTime,
}

impl CustomerJourney {
    /// What the customer has prepared, as the submission rules read it.
    pub fn prepared(&self) -> Prepared {
        let steps: Vec<crate::Step> = self.steps.iter().map(|s| s.step.clone()).collect();
        Self::prepared_from(
            self.consented_at.is_some(),
            self.submitted_at.is_some(),
            &self.documents,
            &self.captures,
            &self.checks,
            &steps,
        )
    }

    /// The submission rules' input from its parts (the server reads them under a lock).
    /// A capture already submitted does not count for a step handed back to the customer:
    /// they must take it again.
    pub fn prepared_from(
        consented: bool,
        submitted: bool,
        documents: &[CustomerDocument],
        captures: &[CustomerCapture],
        checks: &[crate::checks::CustomerCheck],
        steps: &[crate::Step],
    ) -> Prepared {
        let handed_back = |kind: StepKind| {
            steps.iter().any(|s| {
                s.kind == kind
                    && matches!(&s.state, StepState::RequiresAction(a) if a.by == crate::Party::Customer)
            })
        };
        Prepared {
            consented,
            documents: documents
                .iter()
                .map(|d| PreparedDocument {
                    category: d.category.clone(),
                    doc_type: d.doc_type,
                    state: d.state.clone(),
                    sides: d.files.iter().map(|f| f.side).collect(),
                    submitted: d.submitted_at.is_some(),
                })
                .collect(),
            captures: captures
                .iter()
                .filter(|c| !c.submitted || !handed_back(c.kind))
                .map(|c| c.kind)
                .collect(),
            checks_waiting: checks
                .iter()
                .filter(|c| c.status == crate::checks::CheckStatus::Waiting)
                .map(|c| c.kind)
                .collect(),
            submitted,
        }
    }

    /// The journey's steps in the shape the core rules read.
    pub fn rules_view(&self) -> crate::Journey {
        crate::Journey {
            state: self.state,
            expires_at: self.expires_at,
            steps: self.steps.iter().map(|s| s.step.clone()).collect(),
        }
    }
}

/// One uploaded document as its customer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDocument {
    pub id: Uuid,
    pub category: String,
    pub doc_type: DocumentType,
    pub files: Vec<CustomerFile>,
    /// `None` while it is a draft the customer may still remove.
    pub submitted_at: Option<OffsetDateTime>,
    /// The review state, with the reason and the reviewer's comment when sent back.
    pub state: DocumentState,
}

/// One stored file of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerFile {
    pub object_id: Uuid,
    pub side: DocumentSide,
    pub content_type: String,
}

/// The current capture of a selfie or signature step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCapture {
    pub kind: StepKind,
    pub object_id: Uuid,
    pub captured_at: OffsetDateTime,
    pub submitted: bool,
}

/// One step as the customer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerStep {
    pub kind: StepKind,
    /// Stable state code (`not_started`, `requires_action`, ...).
    pub state_code: String,
    pub state_label: String,
    /// What is asked of the customer, when the step waits for them.
    pub message: Option<String>,
    /// The step as the rules see it, with any staff note removed.
    pub step: crate::Step,
}

impl CustomerStep {
    /// The customer's view of a step: the message only when the customer must act. The
    /// sanction screening shows "In progress" from the moment it starts, whatever it found:
    /// its outcome must never tip the customer off (the journey's end says the rest).
    pub fn of(step: &crate::Step) -> Self {
        if step.kind == crate::StepKind::SanctionScreening
            && !matches!(step.state, StepState::NotStarted | StepState::InProgress)
        {
            let mut neutral = step.clone();
            neutral.state = StepState::InProgress;
            return CustomerStep::of(&neutral);
        }
        let message = match &step.state {
            StepState::RequiresAction(action)
                if action.by == crate::Party::Customer && !action.customer_message.is_empty() =>
            {
                Some(action.customer_message.clone())
            }
            _ => None,
        };
        CustomerStep {
            kind: step.kind,
            state_code: step.state.as_str().to_owned(),
            state_label: step.state.label().to_owned(),
            message,
            step: without_internal_note(step),
        }
    }
}

fn without_internal_note(step: &crate::Step) -> crate::Step {
    let mut step = step.clone();
    if let StepState::RequiresAction(action) = &mut step.state {
        action.internal_note.clear();
        action.reason_code.clear();
    }
    step
}
