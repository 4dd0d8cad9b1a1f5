//! What `/api/v1/journeys` reads and answers, as documented in the OpenAPI document.

use kyc_core::views::{EventRow, JourneyDetail};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// A journey (one KYC link) with its steps.
#[derive(Serialize, ToSchema)]
pub struct Journey {
    pub id: Uuid,
    pub customer_id: Uuid,
    /// `created`, `in_progress`, `completed`, `rejected` or `expired`.
    pub state: String,
    /// Why it ended: `window_passed`, `revoked`, a rejection reason.
    pub end_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub opened_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ended_at: Option<OffsetDateTime>,
    pub steps: Vec<Step>,
}

#[derive(Serialize, ToSchema)]
pub struct Step {
    /// `documents`, `digilocker_aadhaar`, `bank_account`, `selfie`, `signature`,
    /// `sanction_screening`.
    pub kind: String,
    /// `not_started`, `in_progress`, `completed`, `failed`, `requires_action`.
    pub state: String,
    /// Who must act when `requires_action`: `customer` or `reviewer`.
    pub action_by: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: OffsetDateTime,
}

impl From<JourneyDetail> for Journey {
    fn from(d: JourneyDetail) -> Self {
        Journey {
            id: d.id,
            customer_id: d.customer_id,
            state: d.state.as_str().to_owned(),
            end_reason: d.end_reason,
            created_at: d.created_at,
            opened_at: d.opened_at,
            expires_at: d.expires_at,
            ended_at: d.ended_at,
            steps: d
                .steps
                .into_iter()
                .map(|s| Step {
                    kind: s.kind.as_str().to_owned(),
                    action_by: match &s.state {
                        kyc_core::StepState::RequiresAction(a) => Some(a.by.as_str().to_owned()),
                        _ => None,
                    },
                    state: s.state.as_str().to_owned(),
                    updated_at: s.updated_at,
                })
                .collect(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewJourney {
    pub customer_id: Uuid,
    /// The steps, e.g. `["documents", "selfie", "signature"]`.
    pub steps: Vec<String>,
    /// How long the link stays valid, in hours (1 to 720).
    pub validity_hours: u32,
    /// Also email the link to the customer (branded, from the merchant).
    #[serde(default)]
    pub send_email: bool,
}

/// A link: its URL is shown this once (only its hash is stored).
#[derive(Serialize, ToSchema)]
pub struct Link {
    pub journey_id: Uuid,
    pub url: String,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub expires_at: Option<OffsetDateTime>,
    pub emailed: bool,
}

impl From<kyc_service::links::IssuedLink> for Link {
    fn from(link: kyc_service::links::IssuedLink) -> Self {
        Link {
            journey_id: link.journey_id,
            url: link.url,
            expires_at: link.expires_at,
            emailed: link.emailed,
        }
    }
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Resend {
    #[serde(default)]
    pub send_email: bool,
}

#[derive(Serialize, ToSchema)]
pub struct JourneyPage {
    pub data: Vec<Journey>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct JourneyFilter {
    pub customer_id: Option<Uuid>,
    /// One of the journey states.
    pub state: Option<String>,
}

/// One recorded change of a journey.
#[derive(Serialize, ToSchema)]
pub struct Event {
    pub id: i64,
    /// `journey`, `step`, `document`, `consent`, `submission`, `link`, `bank_check`,
    /// `aadhaar_check`.
    pub subject: String,
    pub step: Option<String>,
    pub from_state: Option<String>,
    pub to_state: String,
    /// `customer`, `operator`, `reviewer`, `admin`, `system`.
    pub actor: String,
    pub reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub occurred_at: OffsetDateTime,
}

impl From<EventRow> for Event {
    fn from(e: EventRow) -> Self {
        Event {
            id: e.id,
            subject: e.subject,
            step: e.step_kind.map(|k| k.as_str().to_owned()),
            from_state: e.from_state,
            to_state: e.to_state,
            actor: e.actor.as_str().to_owned(),
            reason: e.reason,
            occurred_at: e.occurred_at,
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub struct EventsQuery {
    /// Only events after this id (0 or absent: all).
    pub after: Option<i64>,
}
