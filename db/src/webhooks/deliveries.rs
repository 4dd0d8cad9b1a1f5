//! The delivery worker's side: claim due deliveries, record each attempt and what comes next
//! (delivered, retried, failed with the endpoint disabled and the admins emailed); and the
//! admin's side: the delivery log and manual replay.

use kyc_core::email::{self, EmailBrand};
use sqlx::{PgPool, Postgres, Transaction};
use time::OffsetDateTime;
use uuid::Uuid;

use super::EventType;
use crate::{outbox, DbError, Lease};

/// A claimed delivery, ready to sign and send. `message_id` is the `webhook-id`, the same
/// on every attempt and replay.
#[derive(Debug, Clone)]
pub struct DueDelivery {
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub endpoint_id: Uuid,
    pub message_id: String,
    /// Attempts recorded so far; this one is `attempts + 1`.
    pub attempts: i32,
    pub url: String,
    pub payload: serde_json::Value,
    pub sealed_secret: Vec<u8>,
    pub sealed_previous_secret: Option<Vec<u8>>,
    pub previous_secret_until: Option<OffsetDateTime>,
}

/// Claims the deliveries of enabled endpoints due at `now` under `lease`: a worker that
/// dies between sending and recording sends again (same `webhook-id`) once it has run out.
pub async fn claim_due(
    db: &PgPool,
    now: OffsetDateTime,
    lease: Lease,
) -> Result<Vec<DueDelivery>, DbError> {
    sqlx::query_as!(
        DueDelivery,
        "WITH due AS (
             SELECT d.id FROM webhook_deliveries d
             JOIN webhook_endpoints e ON e.merchant_id = d.merchant_id AND e.id = d.endpoint_id
             WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND e.disabled_at IS NULL
             ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED)
         UPDATE webhook_deliveries d SET next_attempt_at = $2
         FROM due, webhook_endpoints e, webhook_messages m
         WHERE d.id = due.id AND e.merchant_id = d.merchant_id AND e.id = d.endpoint_id
           AND m.merchant_id = d.merchant_id AND m.id = d.message_id
         RETURNING d.id, d.merchant_id, d.endpoint_id, d.message_id, d.attempts, e.url, m.payload,
                   e.sealed_secret, e.sealed_previous_secret, e.previous_secret_until",
        now,
        now + lease.duration,
        lease.batch
    )
    .fetch_all(db)
    .await
    .map_err(DbError::from)
}

/// Why the worker disabled an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisableReason {
    /// The endpoint answered 410 Gone.
    Gone,
    /// The last retry failed.
    Failing,
}

impl DisableReason {
    fn as_str(self) -> &'static str {
        match self {
            DisableReason::Gone => "gone",
            DisableReason::Failing => "failing",
        }
    }
}

/// What happens to a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    Delivered,
    RetryAt(OffsetDateTime),
    /// The delivery failed for good, and the endpoint is disabled.
    Failed(DisableReason),
}

/// One attempt as the log keeps it. `response_body` is cut to 1 kB by the caller.
#[derive(Debug, Clone)]
pub struct AttemptRecord<'a> {
    pub delivery: &'a DueDelivery,
    pub started_at: OffsetDateTime,
    pub latency_ms: i32,
    pub response_status: Option<i32>,
    /// `timeout`, `connect`, `refused_address`, `dns`, `request`, `redirect`, `status`.
    pub error_class: Option<&'static str>,
    pub response_body: Option<&'a str>,
    pub next: NextStep,
}

/// Records an attempt and its consequence in one transaction: the log row, the delivery's
/// state, and when it failed for good the endpoint disabled and an email to each admin of
/// the merchant. Returns `false` (and records nothing) when another worker recorded this
/// attempt already.
pub async fn record_attempt(
    db: &PgPool,
    record: &AttemptRecord<'_>,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    let delivery = record.delivery;
    let (status, next_attempt_at, finished_at) = match record.next {
        NextStep::Delivered => ("delivered", now, Some(now)),
        NextStep::RetryAt(at) => ("pending", at, None),
        NextStep::Failed(_) => ("failed", now, Some(now)),
    };
    let mut tx = db.begin().await?;
    let updated = sqlx::query_scalar!(
        "UPDATE webhook_deliveries
         SET attempts = attempts + 1, status = $3, next_attempt_at = $4, finished_at = $5, last_status = $6
         WHERE merchant_id = $1 AND id = $2 AND status = 'pending' AND attempts = $7
         RETURNING attempts",
        delivery.merchant_id,
        delivery.id,
        status,
        next_attempt_at,
        finished_at,
        record.response_status,
        delivery.attempts,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(attempt) = updated else {
        return Ok(false);
    };
    sqlx::query!(
        "INSERT INTO webhook_attempts (merchant_id, delivery_id, endpoint_id, message_id, attempt, started_at, latency_ms, response_status, error_class, response_body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        delivery.merchant_id,
        delivery.id,
        delivery.endpoint_id,
        delivery.message_id,
        attempt,
        record.started_at,
        record.latency_ms,
        record.response_status,
        record.error_class,
        record.response_body,
    )
    .execute(&mut *tx)
    .await?;
    if let NextStep::Failed(reason) = record.next {
        disable_and_tell_admins(&mut tx, delivery, reason, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

async fn disable_and_tell_admins(
    tx: &mut Transaction<'_, Postgres>,
    delivery: &DueDelivery,
    reason: DisableReason,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let disabled = sqlx::query!(
        "UPDATE webhook_endpoints SET disabled_at = $3, disabled_reason = $4
         WHERE merchant_id = $1 AND id = $2 AND disabled_at IS NULL",
        delivery.merchant_id,
        delivery.endpoint_id,
        now,
        reason.as_str(),
    )
    .execute(&mut **tx)
    .await?;
    if disabled.rows_affected() == 0 {
        return Ok(());
    }
    let merchant = sqlx::query!(
        "SELECT display_name, primary_colour FROM merchants WHERE id = $1",
        delivery.merchant_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let host = url_host(&delivery.url);
    let content = email::webhook_endpoint_disabled(
        &EmailBrand {
            merchant_name: &merchant.display_name,
            primary_colour: &merchant.primary_colour,
        },
        host,
        reason == DisableReason::Gone,
    );
    let admins = sqlx::query_scalar!(
        "SELECT u.email FROM memberships m JOIN staff_users u ON u.id = m.staff_user_id
         WHERE m.merchant_id = $1 AND m.role = 'admin' AND u.disabled_at IS NULL AND m.disabled_at IS NULL
         ORDER BY u.email",
        delivery.merchant_id
    )
    .fetch_all(&mut **tx)
    .await?;
    for recipient in &admins {
        let email = outbox::NewEmail {
            id: Uuid::new_v4(),
            merchant_id: delivery.merchant_id,
            journey_id: None,
            kind: "webhook_endpoint_disabled",
            recipient,
            content: &content,
            sealed_link: None,
        };
        outbox::enqueue(tx, &email, now).await?;
    }
    Ok(())
}

/// The host of a stored URL (`https://host:port/path` -> `host:port`).
fn url_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    authority.rsplit('@').next().unwrap_or(authority)
}

/// One attempt in an endpoint's delivery log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// The entry's position, for paging (`before`).
    pub id: i64,
    pub delivery_id: Uuid,
    pub message_id: String,
    pub event_type: EventType,
    pub attempt: i32,
    pub started_at: OffsetDateTime,
    pub latency_ms: i32,
    pub response_status: Option<i32>,
    pub error_class: Option<String>,
    /// The delivery's state now: `pending`, `delivered` or `failed`.
    pub delivery_status: String,
}

/// The endpoint's attempts, newest first, `limit` at a time: pass the last entry's `id` as
/// `before` for the next page.
pub async fn delivery_log(
    db: &PgPool,
    merchant_id: Uuid,
    endpoint_id: Uuid,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<LogEntry>, DbError> {
    let rows = sqlx::query!(
        "SELECT a.id, a.delivery_id, a.message_id, m.event_type, a.attempt, a.started_at, a.latency_ms,
                a.response_status, a.error_class, d.status
         FROM webhook_attempts a
         JOIN webhook_deliveries d ON d.merchant_id = a.merchant_id AND d.id = a.delivery_id
         JOIN webhook_messages m ON m.merchant_id = a.merchant_id AND m.id = a.message_id
         WHERE a.merchant_id = $1 AND a.endpoint_id = $2 AND a.id < coalesce($3, 9223372036854775807)
         ORDER BY a.id DESC LIMIT $4",
        merchant_id,
        endpoint_id,
        before,
        limit
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(LogEntry {
                id: r.id,
                delivery_id: r.delivery_id,
                message_id: r.message_id,
                event_type: EventType::parse(&r.event_type)
                    .ok_or(DbError::Corrupt("webhook_messages.event_type"))?,
                attempt: r.attempt,
                started_at: r.started_at,
                latency_ms: r.latency_ms,
                response_status: r.response_status,
                error_class: r.error_class,
                delivery_status: r.status,
            })
        })
        .collect()
}

/// Sends a message to an endpoint again, as a new delivery (attempts from zero, due now)
/// with the same message id. `NotFound` unless both are the merchant's and the message was
/// delivered (or attempted) to that endpoint before.
pub async fn replay(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    endpoint_id: Uuid,
    message_id: &str,
    now: OffsetDateTime,
) -> Result<Uuid, DbError> {
    let id = Uuid::new_v4();
    sqlx::query_scalar!(
        "INSERT INTO webhook_deliveries (id, merchant_id, message_id, endpoint_id, next_attempt_at, created_at, replay_of)
         SELECT $1, $2, $3, $4, $5, $5,
                (SELECT d.id FROM webhook_deliveries d
                 WHERE d.merchant_id = $2 AND d.message_id = $3 AND d.endpoint_id = $4
                 ORDER BY d.created_at DESC LIMIT 1)
         WHERE EXISTS (SELECT 1 FROM webhook_deliveries d
                       WHERE d.merchant_id = $2 AND d.message_id = $3 AND d.endpoint_id = $4)
         RETURNING id",
        id,
        merchant_id,
        message_id,
        endpoint_id,
        now,
    )
    .fetch_one(db)
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::url_host;

    #[test]
    fn an_email_names_the_host_and_never_the_path_or_credentials() {
        assert_eq!(
            url_host("https://hooks.example.com/k/secret?x=1"),
            "hooks.example.com"
        );
        assert_eq!(url_host("http://127.0.0.1:8080/hook"), "127.0.0.1:8080");
        assert_eq!(url_host("https://user:pw@example.com/"), "example.com");
    }
}
