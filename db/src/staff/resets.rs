//! Password resets: a single-use link, kept as its hash, for
//! [`kyc_core::staff::RESET_LIFETIME`]; and what a new password does to the account.

use kyc_core::link::TokenHash;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// Who a reset email goes to: an enabled user with an enabled membership (whose merchant
/// the email is sent on behalf of).
#[derive(Debug, Clone)]
pub struct ResetRecipient {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub merchant_id: Uuid,
}

/// The enabled user with `email` and an enabled membership, if any.
pub async fn recipient(
    tx: &mut PgConnection,
    email: &str,
) -> Result<Option<ResetRecipient>, DbError> {
    Ok(sqlx::query_as!(
        ResetRecipient,
        "SELECT u.id AS user_id, u.email, u.display_name, m.merchant_id
         FROM staff_users u JOIN memberships m ON m.staff_user_id = u.id AND m.disabled_at IS NULL
         WHERE lower(u.email) = lower($1) AND u.disabled_at IS NULL
         ORDER BY m.created_at, m.merchant_id LIMIT 1",
        email
    )
    .fetch_optional(&mut *tx)
    .await?)
}

/// Stores a reset link for the user, ending any earlier one still open.
pub async fn create(
    tx: &mut PgConnection,
    user_id: Uuid,
    token: &TokenHash,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE staff_password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
        user_id,
        now
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO staff_password_resets (id, user_id, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
        Uuid::new_v4(),
        user_id,
        &token.0[..],
        now,
        expires_at
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Uses the reset link behind `token` if it still works at `now`: marks it used and returns
/// its user (enabled); `None` otherwise.
pub async fn redeem(
    tx: &mut PgConnection,
    token: &TokenHash,
    now: OffsetDateTime,
) -> Result<Option<(Uuid, String)>, DbError> {
    let row = sqlx::query!(
        "UPDATE staff_password_resets r SET used_at = $2
         FROM staff_users u
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2
           AND u.id = r.user_id AND u.disabled_at IS NULL
         RETURNING u.id, u.email",
        &token.0[..],
        now
    )
    .fetch_optional(&mut *tx)
    .await?;
    Ok(row.map(|r| (r.id, r.email)))
}

/// Sets a new password hash and ends every session of the user (their epoch moves on);
/// returns the new epoch, for the one session that should carry on (a change made while
/// signed in).
pub async fn set_password(
    tx: &mut PgConnection,
    user_id: Uuid,
    password_hash: &str,
) -> Result<i32, DbError> {
    Ok(sqlx::query_scalar!(
        "UPDATE staff_users SET password_hash = $2, session_epoch = session_epoch + 1 WHERE id = $1
         RETURNING session_epoch",
        user_id,
        password_hash
    )
    .fetch_one(&mut *tx)
    .await?)
}

/// The user's email, name and password hash (for changing a password, which asks for the
/// current one first).
pub async fn account(
    tx: &mut PgConnection,
    user_id: Uuid,
) -> Result<(String, String, String), DbError> {
    let row = sqlx::query!(
        "SELECT email, display_name, password_hash FROM staff_users WHERE id = $1",
        user_id
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok((row.email, row.display_name, row.password_hash))
}
