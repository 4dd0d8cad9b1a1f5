//! Endpoint changes that need the server: URL rules with DNS, secrets generated and sealed.
//! The dashboard and the API call these; plain reads (list, get, log) and replay are in
//! `kyc_db::webhooks`.

use kyc_db::webhooks::{self, EndpointChange, EventType, NewEndpoint};
use kyc_db::{DbError, PgPool};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::address::{UrlError, WebhookUrl};
use super::delivery::secret_label;
use super::signing::Secret;
use crate::storage::{DocumentStore, StorageError};

/// How long the secret before a rotation keeps signing beside the new one.
pub const ROTATION_OVERLAP: Duration = Duration::hours(24);
/// The longest description.
pub const DESCRIPTION_MAX: usize = 200;

/// An endpoint as an admin enters it.
#[derive(Debug, Clone)]
pub struct EndpointInput<'a> {
    pub url: &'a str,
    pub description: &'a str,
    /// Empty means every type.
    pub event_types: &'a [EventType],
}

/// A new endpoint and its secret, shown to the admin once.
#[derive(Debug, Clone)]
pub struct CreatedEndpoint {
    pub id: Uuid,
    pub secret: String,
}

/// Why an endpoint change was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
    /// The URL breaks a rule: show the message beside the URL field.
    #[error(transparent)]
    Url(#[from] UrlError),
    #[error("the description is longer than 200 characters")]
    DescriptionTooLong,
    #[error(transparent)]
    Db(#[from] DbError),
    /// Sealing or opening a secret failed (log it; a generic message to the person).
    #[error("secret storage")]
    Secret(#[source] StorageError),
}

async fn checked_url(
    input: &EndpointInput<'_>,
    development: bool,
) -> Result<WebhookUrl, EndpointError> {
    if input.description.chars().count() > DESCRIPTION_MAX {
        return Err(EndpointError::DescriptionTooLong);
    }
    let url = WebhookUrl::parse(input.url, development)?;
    url.resolve(development).await?;
    Ok(url)
}

/// Adds an endpoint to the merchant with a new secret, after checking its URL (DNS
/// included). `development` allows `http` to loopback.
pub async fn create_endpoint(
    db: &PgPool,
    store: &DocumentStore,
    merchant_id: Uuid,
    input: &EndpointInput<'_>,
    created_by: Option<Uuid>,
    development: bool,
    now: OffsetDateTime,
) -> Result<CreatedEndpoint, EndpointError> {
    let url = checked_url(input, development).await?;
    let id = Uuid::new_v4();
    let secret = Secret::generate().expose();
    let sealed = store
        .seal_secret(&secret_label(id), secret.as_bytes())
        .map_err(EndpointError::Secret)?;
    let endpoint = NewEndpoint {
        id,
        url: url.as_str(),
        description: input.description.trim(),
        event_types: input.event_types,
        sealed_secret: &sealed,
        created_by,
    };
    webhooks::create(db, merchant_id, &endpoint, now).await?;
    Ok(CreatedEndpoint { id, secret })
}

/// Changes an endpoint's URL (checked again), description and event filter.
pub async fn update_endpoint(
    db: &PgPool,
    merchant_id: Uuid,
    id: Uuid,
    input: &EndpointInput<'_>,
    development: bool,
) -> Result<(), EndpointError> {
    let url = checked_url(input, development).await?;
    let change = EndpointChange {
        url: url.as_str(),
        description: input.description.trim(),
        event_types: input.event_types,
    };
    Ok(webhooks::update(db, merchant_id, id, &change).await?)
}

/// Gives the endpoint a new secret and returns it (shown once); the old one keeps signing
/// for [`ROTATION_OVERLAP`], so receivers can switch without losing deliveries.
pub async fn rotate_secret(
    db: &PgPool,
    store: &DocumentStore,
    merchant_id: Uuid,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<String, EndpointError> {
    let secret = Secret::generate().expose();
    let sealed = store
        .seal_secret(&secret_label(id), secret.as_bytes())
        .map_err(EndpointError::Secret)?;
    webhooks::rotate_secret(db, merchant_id, id, &sealed, now + ROTATION_OVERLAP).await?;
    Ok(secret)
}

/// The endpoint's current secret, for an admin who asks to see it again.
pub async fn reveal_secret(
    db: &PgPool,
    store: &DocumentStore,
    merchant_id: Uuid,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<String, EndpointError> {
    let sealed = webhooks::sealed_secrets(db, merchant_id, id, now).await?;
    let plain = store
        .open_secret(&secret_label(id), &sealed.current)
        .map_err(EndpointError::Secret)?;
    String::from_utf8(plain).map_err(|_| EndpointError::Db(DbError::Corrupt("webhook secret")))
}
