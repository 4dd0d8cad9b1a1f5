//! Idempotency keys of API POSTs: the first request with a key records its body's hash and,
//! once answered, its response; the same key with the same body replays that response, with
//! another body is refused, and while the first is still running a duplicate is told so
//! (two concurrent duplicates never both run).

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// What a request with an idempotency key may do.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// The first request with this key: run it, then [`complete`] (or [`release`]).
    New,
    /// Answered before: send this again.
    Replay {
        status: u16,
        body: serde_json::Value,
    },
    /// The key was used with another request body.
    Mismatch,
    /// The first request with this key is still running.
    InProgress,
}

/// Claims `key` for a request whose body hashes to `request_hash`.
pub async fn claim(
    db: &PgPool,
    merchant_id: Uuid,
    key: &str,
    request_hash: &[u8; 32],
    now: OffsetDateTime,
) -> Result<Claim, DbError> {
    let inserted = sqlx::query!(
        "INSERT INTO api_idempotency (merchant_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING",
        merchant_id,
        key,
        &request_hash[..],
        now
    )
    .execute(db)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Claim::New);
    }
    let row = sqlx::query!(
        "SELECT request_hash, response_status, response_body, created_at FROM api_idempotency WHERE merchant_id = $1 AND key = $2",
        merchant_id,
        key
    )
    .fetch_one(db)
    .await?;
    if row.request_hash != request_hash[..] {
        return Ok(Claim::Mismatch);
    }
    Ok(match (row.response_status, row.response_body) {
        (Some(status), Some(body)) => Claim::Replay {
            status: u16::try_from(status)
                .map_err(|_| DbError::Corrupt("api_idempotency.response_status"))?,
            body,
        },
        // A claim whose request never answered (the server stopped during it) is taken
        // over after a minute, rather than refusing the key for ever.
        _ if row.created_at < now - time::Duration::minutes(1) => {
            let taken = sqlx::query!(
                "UPDATE api_idempotency SET created_at = $4
                 WHERE merchant_id = $1 AND key = $2 AND response_status IS NULL AND created_at = $3",
                merchant_id,
                key,
                row.created_at,
                now
            )
            .execute(db)
            .await?;
            if taken.rows_affected() == 1 {
                Claim::New
            } else {
                Claim::InProgress
            }
        }
        _ => Claim::InProgress,
    })
}

/// Forgets answers older than `before` (kept a day: long enough for any client retry).
pub async fn purge(db: &PgPool, before: OffsetDateTime) -> Result<u64, DbError> {
    Ok(
        sqlx::query!("DELETE FROM api_idempotency WHERE created_at < $1", before)
            .execute(db)
            .await?
            .rows_affected(),
    )
}

/// Records the response of the request that claimed `key`.
pub async fn complete(
    db: &PgPool,
    merchant_id: Uuid,
    key: &str,
    status: u16,
    body: &serde_json::Value,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE api_idempotency SET response_status = $3, response_body = $4 WHERE merchant_id = $1 AND key = $2",
        merchant_id,
        key,
        i16::try_from(status).unwrap_or(500),
        body
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets a claim whose request failed on our side, so the client may retry with it.
pub async fn release(db: &PgPool, merchant_id: Uuid, key: &str) -> Result<(), DbError> {
    sqlx::query!(
        "DELETE FROM api_idempotency WHERE merchant_id = $1 AND key = $2 AND response_status IS NULL",
        merchant_id,
        key
    )
    .execute(db)
    .await?;
    Ok(())
}
