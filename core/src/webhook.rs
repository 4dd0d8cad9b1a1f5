//! Webhook event types and which journey timeline change each one announces.

use serde::{Deserialize, Serialize};

/// What a webhook message announces. Payloads are thin: ids and states, never personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventType {
    JourneyCreated,
    JourneyStarted,
    JourneyStepChanged,
    JourneySubmitted,
    JourneyCompleted,
    JourneyRejected,
    JourneyExpired,
    DocumentReviewed,
}

impl EventType {
    /// Every type, in the order the settings page lists them.
    pub const ALL: [EventType; 8] = [
        EventType::JourneyCreated,
        EventType::JourneyStarted,
        EventType::JourneyStepChanged,
        EventType::JourneySubmitted,
        EventType::JourneyCompleted,
        EventType::JourneyRejected,
        EventType::JourneyExpired,
        EventType::DocumentReviewed,
    ];

    /// The stable name sent as `type` and stored in endpoints' filters.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::JourneyCreated => "journey.created",
            EventType::JourneyStarted => "journey.started",
            EventType::JourneyStepChanged => "journey.step_changed",
            EventType::JourneySubmitted => "journey.submitted",
            EventType::JourneyCompleted => "journey.completed",
            EventType::JourneyRejected => "journey.rejected",
            EventType::JourneyExpired => "journey.expired",
            EventType::DocumentReviewed => "document.reviewed",
        }
    }

    /// Reads a stable name; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The type announcing a timeline change (`subject`, `from_state` -> `to_state`), or
    /// `None` when merchants are not told of it (consent, link resent, online checks...).
    pub fn of_change(subject: &str, from: Option<&str>, to: &str) -> Option<Self> {
        match (subject, from, to) {
            ("journey", None, "created") => Some(EventType::JourneyCreated),
            ("journey", Some("created"), "in_progress") => Some(EventType::JourneyStarted),
            ("journey", Some(_), "completed") => Some(EventType::JourneyCompleted),
            ("journey", Some(_), "rejected") => Some(EventType::JourneyRejected),
            ("journey", Some(_), "expired") => Some(EventType::JourneyExpired),
            ("step", _, _) => Some(EventType::JourneyStepChanged),
            ("submission", _, _) => Some(EventType::JourneySubmitted),
            ("document", Some("pending"), "approved" | "rejected") => {
                Some(EventType::DocumentReviewed)
            }
            _ => None,
        }
    }
}

/// The body of every webhook message: thin, ids and states only, never personal data.
/// Merchants verify its signature over the raw bytes, then read it as this shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    /// The event type's stable name (`journey.step_changed`, ...).
    #[serde(rename = "type")]
    pub event_type: String,
    /// When the change happened (RFC 3339).
    pub timestamp: String,
    pub data: PayloadData,
}

/// What changed, and where the journey stands after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadData {
    pub journey_id: uuid::Uuid,
    /// The merchant's own reference of the customer, when it gave one.
    pub customer_reference: Option<String>,
    /// The journey's state after the change.
    pub state: Option<String>,
    /// For step changes: which step and its new state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<StepChange>,
}

/// A step's change as a payload names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepChange {
    pub kind: String,
    pub state: String,
}

impl Payload {
    pub fn new(event_type: EventType, timestamp: String, data: PayloadData) -> Self {
        Payload {
            event_type: event_type.as_str().to_owned(),
            timestamp,
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_reads_back_from_its_name() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
        assert_eq!(EventType::parse("journey.deleted"), None);
    }

    #[test]
    fn journey_changes_map_to_their_types() {
        let of = EventType::of_change;
        assert_eq!(
            of("journey", None, "created"),
            Some(EventType::JourneyCreated)
        );
        assert_eq!(
            of("journey", Some("created"), "in_progress"),
            Some(EventType::JourneyStarted)
        );
        assert_eq!(
            of("journey", Some("in_progress"), "completed"),
            Some(EventType::JourneyCompleted)
        );
        assert_eq!(
            of("journey", Some("in_progress"), "rejected"),
            Some(EventType::JourneyRejected)
        );
        assert_eq!(
            of("journey", Some("created"), "expired"),
            Some(EventType::JourneyExpired)
        );
        assert_eq!(
            of("step", Some("pending"), "in_review"),
            Some(EventType::JourneyStepChanged)
        );
        assert_eq!(
            of("submission", None, "submitted"),
            Some(EventType::JourneySubmitted)
        );
    }

    #[test]
    fn only_reviewed_documents_are_announced() {
        let of = EventType::of_change;
        assert_eq!(
            of("document", Some("pending"), "approved"),
            Some(EventType::DocumentReviewed)
        );
        assert_eq!(
            of("document", Some("pending"), "rejected"),
            Some(EventType::DocumentReviewed)
        );
        assert_eq!(of("document", None, "pending"), None);
        assert_eq!(of("consent", None, "given"), None);
        assert_eq!(of("link", None, "resent"), None);
    }
}

/// A webhook endpoint as its merchant's admins see it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EndpointView {
    pub id: uuid::Uuid,
    pub url: String,
    pub description: String,
    /// Stored names of the event types it receives; empty means every type.
    pub event_types: Vec<String>,
    /// Until when the secret before the last rotation still signs.
    pub previous_secret_until: Option<time::OffsetDateTime>,
    pub disabled_at: Option<time::OffsetDateTime>,
    /// `manual`, `gone` (answered 410) or `failing` (retries ran out).
    pub disabled_reason: Option<String>,
    pub created_at: time::OffsetDateTime,
}

/// One attempt in an endpoint's delivery log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AttemptView {
    pub id: i64,
    pub message_id: String,
    pub event_type: String,
    pub attempt: i32,
    pub started_at: time::OffsetDateTime,
    pub latency_ms: i32,
    pub response_status: Option<i32>,
    pub error_class: Option<String>,
    /// `pending`, `delivered` or `failed`.
    pub delivery_status: String,
}

/// A new endpoint and its secret, shown once.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CreatedEndpointView {
    pub id: uuid::Uuid,
    pub secret: String,
}
