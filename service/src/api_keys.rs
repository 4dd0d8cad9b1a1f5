//! Merchant API keys (admins): created with a name and scopes, the secret shown once and
//! only its hash kept; revoked at once. Each change and its audit entry commit together.

use kyc_core::access::Permission;
use kyc_core::api_keys::{ApiKeyRow, CreatedApiKey};
use kyc_db::api_keys::{self, NewApiKey};
use serde_json::json;
use uuid::Uuid;

use crate::{Actor, ServiceError, Services};

/// Creates a key named `name` with `scopes` (stored names); its secret is in the answer
/// and nowhere else.
pub async fn create(
    services: &Services,
    actor: &Actor,
    name: &str,
    scopes: &[String],
) -> Result<CreatedApiKey, ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let (name, scopes) =
        kyc_core::api_keys::parse_new_key(name, scopes).map_err(ServiceError::Invalid)?;
    let (secret, prefix) = api_keys::new_secret();
    let new = NewApiKey {
        name: &name,
        prefix: &prefix,
        secret_hash: api_keys::hash_secret(&secret),
        scopes: &scopes,
    };
    let mut work = services.begin().await?;
    let key: ApiKeyRow =
        api_keys::create(&mut *work.tx, by.merchant_id, by.user_id, &new, work.now).await?;
    let detail = json!({ "prefix": key.prefix, "scopes": key.scopes });
    work.audit(
        actor,
        by,
        "api_key.created",
        ("api_key", Some(key.id)),
        detail,
    )
    .await?;
    work.commit().await?;
    tracing::info!(api_key.id = %key.id, merchant.id = %by.merchant_id, "API key created");
    Ok(CreatedApiKey { key, secret })
}

/// Revokes a key at once; `NotFound` for another merchant's key or one already revoked.
pub async fn revoke(services: &Services, actor: &Actor, key_id: Uuid) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let mut work = services.begin().await?;
    api_keys::revoke(&mut *work.tx, by.merchant_id, key_id, work.now).await?;
    work.audit(
        actor,
        by,
        "api_key.revoked",
        ("api_key", Some(key_id)),
        json!({}),
    )
    .await?;
    work.commit().await?;
    tracing::info!(api_key.id = %key_id, merchant.id = %by.merchant_id, "API key revoked");
    Ok(())
}
