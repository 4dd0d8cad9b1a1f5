//! Counting failed attempts per key (an email's or address's hash) to slow guessing.
//! Kept in Postgres so every server instance sees the same counts.

use sha2::{Digest, Sha256};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

use crate::DbError;

/// A throttle key: the SHA-256 of a namespaced value, so no address or email is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleKey([u8; 32]);

impl ThrottleKey {
    /// The key for `value` within `namespace` (e.g. `login-email`).
    pub fn new(namespace: &str, value: &str) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(namespace.as_bytes());
        hasher.update([0]);
        hasher.update(value.as_bytes());
        ThrottleKey(hasher.finalize().into())
    }
}

/// How many failures were recorded for `key` within `window` before `now`.
pub async fn recent_failures(
    db: &PgPool,
    key: ThrottleKey,
    window: Duration,
    now: OffsetDateTime,
) -> Result<i64, DbError> {
    let count = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM throttle_hits WHERE key_hash = $1 AND hit_at > $2"#,
        &key.0[..],
        now - window
    )
    .fetch_one(db)
    .await?;
    Ok(count)
}

/// Records one failure for each key.
pub async fn record_failure(
    db: &PgPool,
    keys: &[ThrottleKey],
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let hashes: Vec<Vec<u8>> = keys.iter().map(|k| k.0.to_vec()).collect();
    sqlx::query!(
        "INSERT INTO throttle_hits (key_hash, hit_at) SELECT unnest($1::bytea[]), $2",
        &hashes,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets failures older than `keep`.
pub async fn prune(db: &PgPool, keep: Duration, now: OffsetDateTime) -> Result<u64, DbError> {
    Ok(
        sqlx::query!("DELETE FROM throttle_hits WHERE hit_at < $1", now - keep)
            .execute(db)
            .await?
            .rows_affected(),
    )
}
