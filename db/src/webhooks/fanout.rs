//! Turns committed journey events into webhook messages (one per event) and deliveries (one
//! per subscribed, enabled endpoint of the journey's merchant).

use kyc_core::webhook::{Payload, PayloadData, StepChange};
use sqlx::PgPool;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use uuid::Uuid;

use super::EventType;
use crate::DbError;

/// What one fan-out pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FanOut {
    /// Events taken from the queue (all of them are done with, announced or not).
    pub events: usize,
    pub messages: usize,
    pub deliveries: usize,
}

/// Fans out up to `limit` queued events, oldest first, in one transaction: the messages and
/// deliveries are written exactly when the events leave the queue, so each event is fanned
/// out exactly once. Passes on several instances take different events (SKIP LOCKED).
/// An event whose merchant has no endpoint for its type leaves no message.
pub async fn fan_out(db: &PgPool, limit: i64, now: OffsetDateTime) -> Result<FanOut, DbError> {
    let mut tx = db.begin().await?;
    let events = sqlx::query!(
        r#"WITH queued AS (
               SELECT event_id FROM webhook_fanout_queue ORDER BY event_id LIMIT $1 FOR UPDATE SKIP LOCKED
           )
           SELECT e.id, e.merchant_id, e.journey_id, e.subject, e.step_kind, e.from_state, e.to_state, e.occurred_at,
                  c.external_ref AS "customer_reference?",
                  (SELECT s.to_state FROM journey_events s
                   WHERE s.journey_id = e.journey_id AND s.subject = 'journey' AND s.id <= e.id
                   ORDER BY s.id DESC LIMIT 1) AS "journey_state?"
           FROM queued q
           JOIN journey_events e ON e.id = q.event_id
           JOIN journeys j ON j.merchant_id = e.merchant_id AND j.id = e.journey_id
           JOIN customers c ON c.merchant_id = j.merchant_id AND c.id = j.customer_id
           ORDER BY e.id"#,
        limit
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut done = FanOut {
        events: events.len(),
        ..FanOut::default()
    };
    for event in &events {
        let Some(event_type) =
            EventType::of_change(&event.subject, event.from_state.as_deref(), &event.to_state)
        else {
            continue;
        };
        let timestamp = event
            .occurred_at
            .format(&Rfc3339)
            .map_err(|_| DbError::Corrupt("journey_events.occurred_at"))?;
        let data = PayloadData {
            journey_id: event.journey_id,
            customer_reference: event.customer_reference.clone(),
            state: event.journey_state.clone(),
            step: event.step_kind.as_ref().map(|kind| StepChange {
                kind: kind.clone(),
                state: event.to_state.clone(),
            }),
        };
        let payload = serde_json::to_value(Payload::new(event_type, timestamp, data))
            .map_err(|_| DbError::Corrupt("webhook payload"))?;
        let message_id = format!("msg_{}", Uuid::new_v4().simple());
        let deliveries = sqlx::query_scalar!(
            r#"WITH endpoints AS (
                   SELECT id FROM webhook_endpoints
                   WHERE merchant_id = $1 AND disabled_at IS NULL
                     AND (event_types = '{}' OR $2 = ANY (event_types))
               ),
               message AS (
                   INSERT INTO webhook_messages (id, merchant_id, event_id, event_type, payload, created_at)
                   SELECT $3, $1, $4, $2, $5, $6 WHERE EXISTS (SELECT 1 FROM endpoints)
                   RETURNING id
               ),
               deliveries AS (
                   INSERT INTO webhook_deliveries (id, merchant_id, message_id, endpoint_id, next_attempt_at, created_at)
                   SELECT gen_random_uuid(), $1, message.id, endpoints.id, $6, $6 FROM message, endpoints
                   RETURNING 1
               )
               SELECT count(*) AS "n!" FROM deliveries"#,
            event.merchant_id,
            event_type.as_str(),
            message_id,
            event.id,
            payload,
            now,
        )
        .fetch_one(&mut *tx)
        .await?;
        if deliveries > 0 {
            done.messages += 1;
            done.deliveries += usize::try_from(deliveries).unwrap_or(usize::MAX);
        }
    }
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    sqlx::query!(
        "DELETE FROM webhook_fanout_queue WHERE event_id = ANY ($1)",
        &ids
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done)
}
