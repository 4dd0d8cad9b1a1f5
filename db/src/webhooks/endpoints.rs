//! Merchants' webhook endpoints: created with a sealed secret, listed, changed, rotated,
//! disabled and enabled, deleted (with their deliveries and log).

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{event_type_names, event_types, EventType};
use crate::DbError;

/// A new endpoint. The caller has checked the URL and sealed the secret under the label
/// `webhook/{id}`, which is why it chooses the id.
#[derive(Debug, Clone)]
pub struct NewEndpoint<'a> {
    pub id: Uuid,
    pub url: &'a str,
    pub description: &'a str,
    /// The types delivered; empty means every type.
    pub event_types: &'a [EventType],
    pub sealed_secret: &'a [u8],
    pub created_by: Option<Uuid>,
}

/// An endpoint as the settings page shows it; its secrets are never part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub id: Uuid,
    pub url: String,
    pub description: String,
    /// Empty means every type.
    pub event_types: Vec<EventType>,
    /// Until when the secret before the last rotation still signs.
    pub previous_secret_until: Option<OffsetDateTime>,
    pub disabled_at: Option<OffsetDateTime>,
    /// `manual`, `gone` (answered 410) or `failing` (retries ran out).
    pub disabled_reason: Option<String>,
    pub created_at: OffsetDateTime,
}

/// Adds an endpoint to the merchant.
pub async fn create(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    endpoint: &NewEndpoint<'_>,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO webhook_endpoints (id, merchant_id, url, description, event_types, sealed_secret, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        endpoint.id,
        merchant_id,
        endpoint.url,
        endpoint.description,
        &event_type_names(endpoint.event_types),
        endpoint.sealed_secret,
        now,
        endpoint.created_by,
    )
    .execute(db)
    .await?;
    Ok(())
}

struct EndpointRow {
    id: Uuid,
    url: String,
    description: String,
    event_types: Vec<String>,
    previous_secret_until: Option<OffsetDateTime>,
    disabled_at: Option<OffsetDateTime>,
    disabled_reason: Option<String>,
    created_at: OffsetDateTime,
}

impl TryFrom<EndpointRow> for Endpoint {
    type Error = DbError;

    fn try_from(row: EndpointRow) -> Result<Self, DbError> {
        Ok(Endpoint {
            id: row.id,
            url: row.url,
            description: row.description,
            event_types: event_types(row.event_types)?,
            previous_secret_until: row.previous_secret_until,
            disabled_at: row.disabled_at,
            disabled_reason: row.disabled_reason,
            created_at: row.created_at,
        })
    }
}

/// The merchant's endpoints, oldest first.
pub async fn list(db: &PgPool, merchant_id: Uuid) -> Result<Vec<Endpoint>, DbError> {
    sqlx::query_as!(
        EndpointRow,
        "SELECT id, url, description, event_types, previous_secret_until, disabled_at, disabled_reason, created_at
         FROM webhook_endpoints WHERE merchant_id = $1 ORDER BY created_at, id",
        merchant_id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Endpoint::try_from)
    .collect()
}

/// One endpoint of the merchant.
pub async fn get(db: &PgPool, merchant_id: Uuid, id: Uuid) -> Result<Endpoint, DbError> {
    sqlx::query_as!(
        EndpointRow,
        "SELECT id, url, description, event_types, previous_secret_until, disabled_at, disabled_reason, created_at
         FROM webhook_endpoints WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        id
    )
    .fetch_one(db)
    .await?
    .try_into()
}

/// Makes `sealed_secret` the signing secret; the current one keeps signing too until
/// `overlap_until` (a secret older than that is forgotten).
pub async fn rotate_secret(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    id: Uuid,
    sealed_secret: &[u8],
    overlap_until: OffsetDateTime,
) -> Result<(), DbError> {
    let done = sqlx::query!(
        "UPDATE webhook_endpoints
         SET sealed_previous_secret = sealed_secret, previous_secret_until = $4, sealed_secret = $3
         WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        id,
        sealed_secret,
        overlap_until,
    )
    .execute(db)
    .await?;
    found(done.rows_affected())
}

/// An admin stops deliveries to the endpoint (pending ones wait until it is enabled).
pub async fn disable(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let done = sqlx::query!(
        "UPDATE webhook_endpoints SET disabled_at = coalesce(disabled_at, $3), disabled_reason = coalesce(disabled_reason, 'manual')
         WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        id,
        now,
    )
    .execute(db)
    .await?;
    found(done.rows_affected())
}

/// An admin resumes deliveries to the endpoint, whoever disabled it.
pub async fn enable(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    id: Uuid,
) -> Result<(), DbError> {
    let done = sqlx::query!(
        "UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL
         WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        id,
    )
    .execute(db)
    .await?;
    found(done.rows_affected())
}

/// Removes the endpoint with its deliveries and their log (messages stay).
pub async fn delete(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    id: Uuid,
) -> Result<(), DbError> {
    let done = sqlx::query!(
        "DELETE FROM webhook_endpoints WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        id,
    )
    .execute(db)
    .await?;
    found(done.rows_affected())
}

fn found(rows: u64) -> Result<(), DbError> {
    if rows == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
}
