//! Announcing committed journey events to every server instance (the live tracker).
//!
//! A trigger queues each new event in `event_dispatch` inside the writing transaction;
//! [`dispatch`] takes queued events and NOTIFYs their journeys on [`CHANNEL`] in a
//! transaction of its own, so a listener only ever hears of committed events. A notification
//! is a wake-up, never the data: listeners read the events table after the last event they
//! delivered, which also covers notifications lost while a listener was reconnecting.

use sqlx::PgPool;

use crate::DbError;

/// The NOTIFY channel; the payload is the journey id.
pub const CHANNEL: &str = "kyc_journey_events";

/// Announces up to `limit` queued events, one NOTIFY per journey, and returns how many events
/// it took. Dispatchers on several instances never take the same event (SKIP LOCKED).
pub async fn dispatch(db: &PgPool, limit: i64) -> Result<i64, DbError> {
    let taken = sqlx::query_scalar!(
        r#"WITH batch AS (
               DELETE FROM event_dispatch
               WHERE event_id IN (SELECT event_id FROM event_dispatch ORDER BY event_id LIMIT $1 FOR UPDATE SKIP LOCKED)
               RETURNING journey_id
           ),
           notified AS (
               SELECT pg_notify('kyc_journey_events', journey_id::text) FROM (SELECT DISTINCT journey_id FROM batch) j
           )
           SELECT (SELECT count(*) FROM batch) + 0 * (SELECT count(*) FROM notified) AS "taken!""#,
        limit
    )
    .fetch_one(db)
    .await?;
    Ok(taken)
}

/// How many committed events wait for an announcement.
pub async fn pending(db: &PgPool) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar!(r#"SELECT count(*) AS "n!" FROM event_dispatch"#)
            .fetch_one(db)
            .await?,
    )
}
