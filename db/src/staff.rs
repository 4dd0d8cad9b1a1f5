//! Staff users, their memberships (role per merchant) and what a session resolves to;
//! the merchant's management of its staff, invitations, password resets and two-factor
//! sign-in in the modules below.

use kyc_core::customer::EmailAddress;
use kyc_core::merchant::Role;
use kyc_core::staff::TwoFactorPolicy;
pub use kyc_core::views::StaffMember;
use sqlx::PgPool;
use uuid::Uuid;

use crate::DbError;

pub mod invitations;
pub mod members;
pub mod resets;
pub mod two_factor;

/// A staff user ready to be stored; the password is already hashed.
#[derive(Debug, Clone)]
pub struct NewStaffUser {
    pub email: EmailAddress,
    pub display_name: String,
    pub password_hash: String,
    pub is_platform_admin: bool,
}

/// What sign-in needs to check a password.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user_id: Uuid,
    pub password_hash: String,
    pub disabled: bool,
    /// The epoch a session signed in now is bound to.
    pub session_epoch: i32,
    /// A second factor (TOTP) is on: the password alone does not sign in.
    pub two_factor: bool,
}

/// Stores a staff user. `Conflict("email")` when the address is taken (case-insensitive).
pub async fn create_user(
    db: impl sqlx::PgExecutor<'_>,
    user: &NewStaffUser,
) -> Result<Uuid, DbError> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO staff_users (id, email, display_name, password_hash, is_platform_admin) VALUES ($1, $2, $3, $4, $5)",
        id,
        user.email.as_str(),
        user.display_name,
        user.password_hash,
        user.is_platform_admin,
    )
    .execute(db)
    .await?;
    Ok(id)
}

/// Gives a user a role within a merchant (replacing any role they had there).
pub async fn grant_role(
    db: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
    merchant_id: Uuid,
    role: Role,
) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO memberships (staff_user_id, merchant_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (staff_user_id, merchant_id) DO UPDATE SET role = EXCLUDED.role",
        user_id,
        merchant_id,
        role.as_str(),
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The credentials for an email address, case-insensitively.
pub async fn credentials(db: &PgPool, email: &str) -> Result<Option<Credentials>, DbError> {
    let row = sqlx::query!(
        r#"SELECT id, password_hash, disabled_at IS NOT NULL AS "disabled!", session_epoch,
                  totp_enabled_at IS NOT NULL AS "two_factor!"
           FROM staff_users WHERE lower(email) = lower($1)"#,
        email
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Credentials {
        user_id: r.id,
        password_hash: r.password_hash,
        disabled: r.disabled,
        session_epoch: r.session_epoch,
        two_factor: r.two_factor,
    }))
}

/// The merchant a user works in after signing in: their oldest enabled membership.
pub async fn default_merchant(db: &PgPool, user_id: Uuid) -> Result<Option<Uuid>, DbError> {
    Ok(sqlx::query_scalar!(
        "SELECT merchant_id FROM memberships WHERE staff_user_id = $1 AND disabled_at IS NULL ORDER BY created_at, merchant_id LIMIT 1",
        user_id
    )
    .fetch_optional(db)
    .await?)
}

/// The staff member behind a session signed in under `epoch`, if the user is still enabled,
/// still an enabled member, and has not ended their sessions since (a password reset or
/// change bumps the epoch).
pub async fn member(
    db: &PgPool,
    user_id: Uuid,
    merchant_id: Uuid,
    epoch: i32,
) -> Result<Option<StaffMember>, DbError> {
    let row = sqlx::query!(
        "SELECT u.display_name, u.is_platform_admin, m.role, mer.display_name AS merchant_name,
                mer.two_factor_policy, mer.time_zone, u.totp_enabled_at IS NOT NULL AS \"two_factor!\"
         FROM staff_users u
         JOIN memberships m ON m.staff_user_id = u.id
         JOIN merchants mer ON mer.id = m.merchant_id
         WHERE u.id = $1 AND m.merchant_id = $2 AND u.disabled_at IS NULL AND m.disabled_at IS NULL
           AND u.session_epoch = $3",
        user_id,
        merchant_id,
        epoch
    )
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        let role = Role::from_db(&r.role).ok_or(DbError::Corrupt("memberships.role"))?;
        let policy = TwoFactorPolicy::parse(&r.two_factor_policy)
            .ok_or(DbError::Corrupt("merchants.two_factor_policy"))?;
        Ok(StaffMember {
            user_id,
            display_name: r.display_name,
            merchant_id,
            merchant_name: r.merchant_name,
            role,
            is_platform_admin: r.is_platform_admin,
            must_set_up_two_factor: policy.requires(role) && !r.two_factor,
            time_zone: r.time_zone,
        })
    })
    .transpose()
}

/// Records a completed sign-in's time (the Staff list shows it), if the account is still
/// enabled, still under `epoch` and still an enabled member of `merchant_id`: false when
/// any of that changed since its password was checked (disabled, reset, removed while it
/// typed its code), and then nothing is recorded.
pub async fn signed_in(
    tx: &mut sqlx::PgConnection,
    user_id: Uuid,
    merchant_id: Uuid,
    epoch: i32,
    now: time::OffsetDateTime,
) -> Result<bool, DbError> {
    let updated = sqlx::query!(
        "UPDATE staff_users u SET last_sign_in_at = $4
         WHERE u.id = $1 AND u.disabled_at IS NULL AND u.session_epoch = $3
           AND EXISTS (SELECT 1 FROM memberships m
                       WHERE m.staff_user_id = u.id AND m.merchant_id = $2
                         AND m.disabled_at IS NULL)",
        user_id,
        merchant_id,
        epoch,
        now
    )
    .execute(&mut *tx)
    .await?;
    Ok(updated.rows_affected() == 1)
}
