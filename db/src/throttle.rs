//! Counting attempts per key (an email's or an address's keyed hash) to slow guessing.
//! Kept in Postgres so every server instance sees the same counts, and counted atomically:
//! concurrent attempts against one key take their turn, so a limit of five lets exactly
//! five through however many arrive at once.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

use crate::DbError;

/// The secret throttle keys are made under (the server derives it from its master key), so
/// that nobody holding the database alone can test a guessed email or address against it.
#[derive(Clone)]
pub struct ThrottleSecret([u8; 32]);

impl ThrottleSecret {
    pub fn new(bytes: [u8; 32]) -> Self {
        ThrottleSecret(bytes)
    }
}

impl std::fmt::Debug for ThrottleSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ThrottleSecret(..)")
    }
}

/// A throttle key: the HMAC-SHA256 of a namespaced value under the [`ThrottleSecret`]; no
/// address or email is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ThrottleKey([u8; 32]);

impl ThrottleKey {
    /// The key for `value` within `namespace` (e.g. `login-email`).
    pub fn new(secret: &ThrottleSecret, namespace: &str, value: &str) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&secret.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(namespace.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        ThrottleKey(mac.finalize().into_bytes().into())
    }

    /// The advisory lock serialising attempts on this key (its first eight bytes).
    fn lock_id(self) -> i64 {
        let mut first = [0; 8];
        first.copy_from_slice(&self.0[..8]);
        i64::from_be_bytes(first)
    }
}

/// At most `limit` attempts for `key` within the window.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub key: ThrottleKey,
    pub limit: i64,
}

/// The attempt just recorded (its rows), to withdraw when it succeeds and only failures
/// should count.
#[derive(Debug)]
pub struct Attempt(Vec<i64>);

/// Records an attempt against every limit, unless one of them is reached already: `None`
/// then, with nothing recorded. The attempt is recorded before the work it guards (a
/// password check, an upload), so attempts still running count too; concurrent callers on
/// any instance wait in turn on a transaction-scoped advisory lock per key. A flood on one
/// key is refused before it waits, and no caller waits more than a second for the lock
/// (refused then too), so it never ties up the connection pool.
pub async fn attempt(
    db: &PgPool,
    limits: &[Limit],
    window: Duration,
    now: OffsetDateTime,
) -> Result<Option<Attempt>, DbError> {
    let mut conn = db.acquire().await?;
    if over_a_limit(&mut conn, limits, window, now).await? {
        return Ok(None);
    }
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    sqlx::query("SET LOCAL lock_timeout = '1s'")
        .execute(&mut *tx)
        .await?;
    let mut keys: Vec<ThrottleKey> = limits.iter().map(|l| l.key).collect();
    // One order for every caller, so two attempts sharing keys never wait on each other.
    keys.sort();
    keys.dedup();
    for key in &keys {
        let locked = sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(key.lock_id())
            .execute(&mut *tx)
            .await;
        match locked {
            Ok(_) => {}
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("55P03") => {
                tx.rollback().await?;
                return Ok(None);
            }
            Err(other) => return Err(other.into()),
        }
    }
    if over_a_limit(&mut tx, limits, window, now).await? {
        tx.rollback().await?;
        return Ok(None);
    }
    let hashes: Vec<Vec<u8>> = keys.iter().map(|k| k.0.to_vec()).collect();
    let ids = sqlx::query_scalar!(
        "INSERT INTO throttle_hits (key_hash, hit_at) SELECT unnest($1::bytea[]), $2 RETURNING id",
        &hashes,
        now
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(Attempt(ids)))
}

/// Whether one of `limits` has its count of attempts within the window already.
async fn over_a_limit(
    conn: &mut sqlx::PgConnection,
    limits: &[Limit],
    window: Duration,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    for limit in limits {
        let count = sqlx::query_scalar!(
            r#"SELECT count(*) AS "count!" FROM throttle_hits WHERE key_hash = $1 AND hit_at > $2"#,
            &limit.key.0[..],
            now - window
        )
        .fetch_one(&mut *conn)
        .await?;
        if count >= limit.limit {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Withdraws an attempt that succeeded, where only failures count (signing in); on the
/// pool, or in the transaction that records the success.
pub async fn withdraw<'e>(db: impl sqlx::PgExecutor<'e>, attempt: Attempt) -> Result<(), DbError> {
    sqlx::query!("DELETE FROM throttle_hits WHERE id = ANY($1)", &attempt.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets attempts older than `keep`.
pub async fn prune(db: &PgPool, keep: Duration, now: OffsetDateTime) -> Result<u64, DbError> {
    Ok(
        sqlx::query!("DELETE FROM throttle_hits WHERE hit_at < $1", now - keep)
            .execute(db)
            .await?
            .rows_affected(),
    )
}

#[cfg(test)]
mod tests {
    use super::{ThrottleKey, ThrottleSecret};

    #[test]
    fn keys_depend_on_the_secret_and_the_namespace() {
        let one = ThrottleSecret::new([1; 32]);
        let two = ThrottleSecret::new([2; 32]);
        let key = ThrottleKey::new(&one, "login-email", "asha@example.com");
        assert_eq!(
            key,
            ThrottleKey::new(&one, "login-email", "asha@example.com")
        );
        assert_ne!(
            key,
            ThrottleKey::new(&two, "login-email", "asha@example.com")
        );
        assert_ne!(
            key,
            ThrottleKey::new(&one, "login-address", "asha@example.com")
        );
    }
}
