//! The merchant's members as its admins manage them: listed, given another role, disabled
//! and enabled again, never leaving the merchant without an enabled admin.

use kyc_core::merchant::Role;
use kyc_core::rules::StaffRule;
use kyc_core::staff::{StaffRow, TwoFactorPolicy};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// The merchant's members, by name.
pub async fn list(db: &PgPool, merchant_id: Uuid) -> Result<Vec<StaffRow>, DbError> {
    let rows = sqlx::query!(
        r#"SELECT u.id, u.email, u.display_name, m.role, m.disabled_at IS NOT NULL AS "disabled!",
                  u.last_sign_in_at, u.totp_enabled_at IS NOT NULL AS "two_factor!"
           FROM memberships m JOIN staff_users u ON u.id = m.staff_user_id
           WHERE m.merchant_id = $1 ORDER BY lower(u.display_name), u.id"#,
        merchant_id
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(StaffRow {
                user_id: r.id,
                email: r.email,
                display_name: r.display_name,
                role: Role::from_db(&r.role).ok_or(DbError::Corrupt("memberships.role"))?,
                disabled: r.disabled,
                last_sign_in_at: r.last_sign_in_at,
                two_factor: r.two_factor,
            })
        })
        .collect()
}

/// A member as a change to them starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub role: Role,
    pub disabled: bool,
}

/// Locks the merchant's staff for a change (every change to roles and enabled members takes
/// this lock first, so two admins demoting each other at once cannot both succeed) and
/// reads `user_id`'s membership: `NotFound` for anyone not a member of this merchant.
pub async fn lock(
    tx: &mut PgConnection,
    merchant_id: Uuid,
    user_id: Uuid,
) -> Result<Membership, DbError> {
    sqlx::query!(
        "SELECT id FROM merchants WHERE id = $1 FOR NO KEY UPDATE",
        merchant_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let row = sqlx::query!(
        r#"SELECT role, disabled_at IS NOT NULL AS "disabled!" FROM memberships
           WHERE merchant_id = $1 AND staff_user_id = $2"#,
        merchant_id,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(DbError::NotFound)?;
    Ok(Membership {
        role: Role::from_db(&row.role).ok_or(DbError::Corrupt("memberships.role"))?,
        disabled: row.disabled,
    })
}

/// Refuses a change that takes `before` out of the enabled admins when it is the last one
/// (call under [`lock`]).
pub async fn keep_an_admin(
    tx: &mut PgConnection,
    merchant_id: Uuid,
    before: Membership,
) -> Result<(), DbError> {
    if before.role != Role::Admin || before.disabled {
        return Ok(());
    }
    let admins = sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!" FROM memberships m JOIN staff_users u ON u.id = m.staff_user_id
           WHERE m.merchant_id = $1 AND m.role = 'admin' AND m.disabled_at IS NULL AND u.disabled_at IS NULL"#,
        merchant_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if admins <= 1 {
        return Err(DbError::Refused(StaffRule::LastAdmin.into()));
    }
    Ok(())
}

/// Gives the member another role (under [`lock`]).
pub async fn set_role(
    tx: &mut PgConnection,
    merchant_id: Uuid,
    user_id: Uuid,
    role: Role,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE memberships SET role = $3 WHERE merchant_id = $1 AND staff_user_id = $2",
        merchant_id,
        user_id,
        role.as_str()
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Disables the member from `at`, or enables them again with `None` (under [`lock`]).
pub async fn set_disabled(
    tx: &mut PgConnection,
    merchant_id: Uuid,
    user_id: Uuid,
    at: Option<OffsetDateTime>,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE memberships SET disabled_at = $3 WHERE merchant_id = $1 AND staff_user_id = $2",
        merchant_id,
        user_id,
        at
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Whether `email` is already a member of the merchant.
pub async fn is_member(
    tx: &mut PgConnection,
    merchant_id: Uuid,
    email: &str,
) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM memberships m JOIN staff_users u ON u.id = m.staff_user_id
                          WHERE m.merchant_id = $1 AND lower(u.email) = lower($2)) AS "exists!""#,
        merchant_id,
        email
    )
    .fetch_one(&mut *tx)
    .await?)
}

/// The merchant's two-factor policy.
pub async fn policy(db: &PgPool, merchant_id: Uuid) -> Result<TwoFactorPolicy, DbError> {
    let stored = sqlx::query_scalar!(
        "SELECT two_factor_policy FROM merchants WHERE id = $1",
        merchant_id
    )
    .fetch_one(db)
    .await?;
    TwoFactorPolicy::parse(&stored).ok_or(DbError::Corrupt("merchants.two_factor_policy"))
}

/// Sets the merchant's two-factor policy.
pub async fn set_policy(
    tx: &mut PgConnection,
    merchant_id: Uuid,
    policy: TwoFactorPolicy,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE merchants SET two_factor_policy = $2 WHERE id = $1",
        merchant_id,
        policy.as_str()
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The merchant's name and colour, for the emails sent on its behalf.
pub async fn brand(tx: &mut PgConnection, merchant_id: Uuid) -> Result<(String, String), DbError> {
    let row = sqlx::query!(
        "SELECT display_name, primary_colour FROM merchants WHERE id = $1",
        merchant_id
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok((row.display_name, row.primary_colour))
}
