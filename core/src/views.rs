//! Read models: what pages and server functions pass around. Shared by the server (which
//! fills them from the database) and the browser (which renders them).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::merchant::Role;
use crate::{ActorKind, JourneyState, StepKind, StepState};

/// A signed-in staff member acting within one merchant, as loaded for every request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub user_id: Uuid,
    pub display_name: String,
    pub merchant_id: Uuid,
    pub merchant_name: String,
    pub role: Role,
    pub is_platform_admin: bool,
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

/// What a customer's page and emails show of the merchant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    pub merchant_id: Uuid,
    pub display_name: String,
    pub primary_colour: String,
    pub has_logo: bool,
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
}

impl CustomerStep {
    /// The customer's view of a step: the message only when the customer must act.
    pub fn of(step: &crate::Step) -> Self {
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
        }
    }
}
