//! Signed webhooks: merchants' endpoints (secrets stored sealed), the fan-out of journey
//! events into messages and deliveries, the delivery worker's claims and records, and the
//! delivery log with manual replay.
//!
//! Every endpoint, log and replay function takes the merchant id of the authenticated
//! principal; another merchant's endpoint is `NotFound`. Endpoint changes with their audit
//! entries are use cases (`kyc_service::webhooks`); URL rules, opening secrets and sending
//! belong to the server (`kyc_server::webhooks`).

mod deliveries;
mod endpoints;
mod fanout;

pub use deliveries::{
    claim_due, delivery_log, record_attempt, replay, AttemptRecord, DisableReason, DueDelivery,
    LogEntry, NextStep,
};
pub use endpoints::{
    create, delete, disable, enable, get, list, rotate_secret, Endpoint, NewEndpoint,
};
pub use fanout::{fan_out, FanOut};
pub use kyc_core::webhook::EventType;

use crate::DbError;

/// Reads stored event type names (an endpoint's filter).
fn event_types(stored: Vec<String>) -> Result<Vec<EventType>, DbError> {
    stored
        .iter()
        .map(|s| EventType::parse(s).ok_or(DbError::Corrupt("webhook_endpoints.event_types")))
        .collect()
}

fn event_type_names(types: &[EventType]) -> Vec<String> {
    types.iter().map(|t| t.as_str().to_owned()).collect()
}
