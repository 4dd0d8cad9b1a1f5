//! Two-factor sign-in (TOTP): the sealed secret, its confirmation, the last time step used
//! (so a code counts once) and the single-use recovery codes, kept as SHA-256.

use kyc_core::rules::StaffRule;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// A user's TOTP secret (sealed) and whether it is confirmed.
#[derive(Debug, Clone)]
pub struct Secret {
    pub sealed: Vec<u8>,
    pub enabled: bool,
}

/// The user's TOTP secret, locked for the caller's transaction, if one was set.
pub async fn secret(tx: &mut PgConnection, user_id: Uuid) -> Result<Option<Secret>, DbError> {
    let row = sqlx::query!(
        r#"SELECT totp_secret, totp_enabled_at IS NOT NULL AS "enabled!" FROM staff_users WHERE id = $1 FOR NO KEY UPDATE"#,
        user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(row.totp_secret.map(|sealed| Secret {
        sealed,
        enabled: row.enabled,
    }))
}

/// Starts an enrolment with a new sealed secret; refused while two-factor sign-in is on.
pub async fn start(tx: &mut PgConnection, user_id: Uuid, sealed: &[u8]) -> Result<(), DbError> {
    let done = sqlx::query!(
        "UPDATE staff_users SET totp_secret = $2, totp_last_step = NULL
         WHERE id = $1 AND totp_enabled_at IS NULL",
        user_id,
        sealed
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::Refused(StaffRule::TwoFactorOn.into()));
    }
    Ok(())
}

/// Turns two-factor sign-in on after its first code (time step `step`), with new recovery
/// codes (their SHA-256) replacing any earlier ones.
pub async fn confirm(
    tx: &mut PgConnection,
    user_id: Uuid,
    step: i64,
    recovery_hashes: &[[u8; 32]],
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE staff_users SET totp_enabled_at = $2, totp_last_step = $3 WHERE id = $1",
        user_id,
        now,
        step
    )
    .execute(&mut *tx)
    .await?;
    forget_recovery_codes(tx, user_id).await?;
    let hashes: Vec<Vec<u8>> = recovery_hashes.iter().map(|h| h.to_vec()).collect();
    sqlx::query!(
        "INSERT INTO staff_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::bytea[])",
        user_id,
        &hashes
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Accepts a code of time step `step` unless a code of that step or a later one was
/// accepted already (each code counts once).
pub async fn accept_step(tx: &mut PgConnection, user_id: Uuid, step: i64) -> Result<bool, DbError> {
    let done = sqlx::query!(
        "UPDATE staff_users SET totp_last_step = $2
         WHERE id = $1 AND totp_enabled_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < $2)",
        user_id,
        step
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Uses one recovery code (by its SHA-256) if it is the user's and unused.
pub async fn use_recovery_code(
    tx: &mut PgConnection,
    user_id: Uuid,
    hash: &[u8; 32],
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    let done = sqlx::query!(
        "UPDATE staff_recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
        user_id,
        &hash[..],
        now
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the user's recovery codes, used or not.
async fn forget_recovery_codes(tx: &mut PgConnection, user_id: Uuid) -> Result<(), DbError> {
    sqlx::query!(
        "DELETE FROM staff_recovery_codes WHERE user_id = $1",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Turns two-factor sign-in off: the secret and the recovery codes are gone.
pub async fn turn_off(tx: &mut PgConnection, user_id: Uuid) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE staff_users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    forget_recovery_codes(tx, user_id).await?;
    Ok(())
}

/// How many unused recovery codes the user has.
pub async fn recovery_codes_left(db: &PgPool, user_id: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM staff_recovery_codes WHERE user_id = $1 AND used_at IS NULL"#,
        user_id
    )
    .fetch_one(db)
    .await?)
}
