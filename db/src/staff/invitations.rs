//! Invitations to join a merchant's staff: a single-use link, kept as its hash, for
//! [`kyc_core::staff::INVITATION_LIFETIME`].

use kyc_core::link::TokenHash;
use kyc_core::merchant::Role;
use kyc_core::staff::InvitationRow;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// An invitation ready to be stored.
#[derive(Debug, Clone)]
pub struct NewInvitation<'a> {
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub email: &'a str,
    pub role: Role,
    pub token: &'a TokenHash,
    pub invited_by: Uuid,
    pub now: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// Stores the invitation, withdrawing any earlier one to the same address that is still
/// open (the newest link is the one that works).
pub async fn create(tx: &mut PgConnection, new: &NewInvitation<'_>) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE staff_invites SET revoked_at = $3
         WHERE merchant_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL",
        new.merchant_id,
        new.email,
        new.now
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO staff_invites (id, merchant_id, email, role, token_hash, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        new.id,
        new.merchant_id,
        new.email,
        new.role.as_str(),
        &new.token.0[..],
        new.invited_by,
        new.now,
        new.expires_at
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The merchant's invitations still open (neither accepted nor withdrawn), newest first;
/// expired ones too, so that an admin sees them and invites again.
pub async fn open(db: &PgPool, merchant_id: Uuid) -> Result<Vec<InvitationRow>, DbError> {
    let rows = sqlx::query!(
        "SELECT id, email, role, created_at, expires_at FROM staff_invites
         WHERE merchant_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL
         ORDER BY created_at DESC",
        merchant_id
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(InvitationRow {
                id: r.id,
                email: r.email,
                role: Role::from_db(&r.role).ok_or(DbError::Corrupt("staff_invites.role"))?,
                created_at: r.created_at,
                expires_at: r.expires_at,
            })
        })
        .collect()
}

/// Withdraws an open invitation of the merchant; `NotFound` for anything else.
pub async fn withdraw(
    tx: &mut PgConnection,
    merchant_id: Uuid,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let done = sqlx::query!(
        "UPDATE staff_invites SET revoked_at = $3
         WHERE merchant_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
        merchant_id,
        id,
        now
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// An invitation that can still be accepted.
#[derive(Debug, Clone)]
pub struct Usable {
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub merchant_name: String,
    pub email: String,
    pub role: Role,
    /// The account the email already has, if any.
    pub existing_user: Option<Uuid>,
}

/// The invitation behind `token` if it can still be accepted at `now`, locked for the
/// caller's transaction (two tabs accepting at once: the second finds it used); `None`
/// otherwise.
pub async fn usable(
    tx: &mut PgConnection,
    token: &TokenHash,
    now: OffsetDateTime,
) -> Result<Option<Usable>, DbError> {
    let row = sqlx::query!(
        "SELECT i.id, i.merchant_id, m.display_name AS merchant_name, i.email, i.role,
                (SELECT u.id FROM staff_users u WHERE lower(u.email) = lower(i.email)) AS existing_user
         FROM staff_invites i JOIN merchants m ON m.id = i.merchant_id
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2
         FOR UPDATE OF i",
        &token.0[..],
        now
    )
    .fetch_optional(&mut *tx)
    .await?;
    row.map(|r| {
        Ok(Usable {
            id: r.id,
            merchant_id: r.merchant_id,
            merchant_name: r.merchant_name,
            email: r.email,
            role: Role::from_db(&r.role).ok_or(DbError::Corrupt("staff_invites.role"))?,
            existing_user: r.existing_user,
        })
    })
    .transpose()
}

/// Marks the invitation accepted by `user_id`.
pub async fn accepted(
    tx: &mut PgConnection,
    id: Uuid,
    user_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE staff_invites SET accepted_at = $3, accepted_by = $2 WHERE id = $1",
        id,
        user_id,
        now
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
