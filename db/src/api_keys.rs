//! Merchant API keys: stored only as the SHA-256 of the secret (shown once, at creation),
//! listed by prefix and last use, revoked at once. A key is scoped to its merchant like a
//! staff session.

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// A new key's secret (`kyc_` + 32 base64url characters: 192 random bits) and its prefix
/// (the first 12 characters, shown in lists).
pub fn new_secret() -> (String, String) {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = format!(
        "kyc_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let prefix = secret.chars().take(12).collect();
    (secret, prefix)
}

/// What is stored of a secret: its SHA-256 (a slow hash adds nothing to 192 random bits).
pub fn hash_secret(secret: &str) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(secret.as_bytes()).into()
}

pub use kyc_core::api_keys::{ApiKeyRow, ApiScope, ApiScopes};

/// A key to store: the secret only as its hash.
#[derive(Debug, Clone)]
pub struct NewApiKey<'a> {
    pub name: &'a str,
    pub prefix: &'a str,
    pub secret_hash: [u8; 32],
    pub scopes: &'a [ApiScope],
}

/// The key a request presented, if it is known and not revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiPrincipal {
    pub key_id: Uuid,
    pub merchant_id: Uuid,
    /// The admin who created the key: changes made through it are recorded as theirs.
    pub created_by: Uuid,
    pub scopes: ApiScopes,
    pub rate_limit: u32,
}

/// Stores a new key of `merchant_id`, created by `created_by` at `now` (the caller audits
/// it).
pub async fn create(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    created_by: Uuid,
    key: &NewApiKey<'_>,
    now: OffsetDateTime,
) -> Result<ApiKeyRow, DbError> {
    if key.scopes.is_empty() {
        return Err(DbError::Refused(
            kyc_core::rules::SettingsRule::ApiKeyScopesInvalid.into(),
        ));
    }
    let scopes: Vec<String> = key.scopes.iter().map(|s| s.as_str().to_owned()).collect();
    Ok(sqlx::query_as!(
        ApiKeyRow,
        "INSERT INTO api_keys (id, merchant_id, name, prefix, secret_hash, scopes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, name, prefix, scopes, rate_limit, created_at, last_used_at, revoked_at",
        Uuid::new_v4(),
        merchant_id,
        key.name,
        key.prefix,
        &key.secret_hash[..],
        &scopes,
        created_by,
        now
    )
    .fetch_one(db)
    .await?)
}

/// The merchant's keys, newest first.
pub async fn list(db: &PgPool, merchant_id: Uuid) -> Result<Vec<ApiKeyRow>, DbError> {
    Ok(sqlx::query_as!(
        ApiKeyRow,
        "SELECT id, name, prefix, scopes, rate_limit, created_at, last_used_at, revoked_at
         FROM api_keys WHERE merchant_id = $1 ORDER BY created_at DESC, id",
        merchant_id
    )
    .fetch_all(db)
    .await?)
}

/// Revokes a key of `merchant_id` at `now` (at once: the next request with it is refused);
/// `NotFound` for another merchant's key or one already revoked. The caller audits it.
pub async fn revoke(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    key_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let revoked = sqlx::query!(
        "UPDATE api_keys SET revoked_at = $3 WHERE merchant_id = $1 AND id = $2 AND revoked_at IS NULL",
        merchant_id,
        key_id,
        now
    )
    .execute(db)
    .await?;
    if revoked.rows_affected() != 1 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The live key whose secret hashes to `secret_hash`: not revoked, and its creator still an
/// enabled admin of its merchant (a key never outlives the access of whoever made it).
pub async fn authenticate(
    db: &PgPool,
    secret_hash: &[u8; 32],
) -> Result<Option<ApiPrincipal>, DbError> {
    let row = sqlx::query!(
        "SELECT k.id, k.merchant_id, k.created_by, k.scopes, k.rate_limit FROM api_keys k
         JOIN staff_users u ON u.id = k.created_by AND u.disabled_at IS NULL
         JOIN memberships m ON m.staff_user_id = u.id AND m.merchant_id = k.merchant_id AND m.role = 'admin' AND m.disabled_at IS NULL
         WHERE k.secret_hash = $1 AND k.revoked_at IS NULL",
        &secret_hash[..]
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| ApiPrincipal {
        key_id: r.id,
        merchant_id: r.merchant_id,
        created_by: r.created_by,
        scopes: ApiScopes::from_names(&r.scopes),
        rate_limit: u32::try_from(r.rate_limit).unwrap_or(1),
    }))
}

/// Records that a key was used (callers do this at most about once a minute per key).
pub async fn touch(db: &PgPool, key_id: Uuid, now: OffsetDateTime) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE api_keys SET last_used_at = $2 WHERE id = $1",
        key_id,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}
