//! The audit log: sensitive reads and settings changes, append-only, without personal data.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// One audited action.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub merchant_id: Uuid,
    /// `admin`, `reviewer`, `operator`, `system`...
    pub actor_kind: &'a str,
    pub actor_id: Option<Uuid>,
    /// What was done, e.g. `report.downloaded`, `branding.changed`.
    pub action: &'a str,
    /// What it was done to, e.g. `journey_report`, `merchant`.
    pub object_kind: &'a str,
    pub object_id: Option<Uuid>,
    /// Ids, ranges and names of changed settings only: never personal data.
    pub detail: serde_json::Value,
    pub request_id: Option<&'a str>,
    pub at: OffsetDateTime,
}

/// Appends `entry`, in the caller's transaction when given one.
pub async fn record(db: impl sqlx::PgExecutor<'_>, entry: &Entry<'_>) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO audit_log (merchant_id, actor_kind, actor_id, action, object_kind, object_id, detail, request_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        entry.merchant_id,
        entry.actor_kind,
        entry.actor_id,
        entry.action,
        entry.object_kind,
        entry.object_id,
        entry.detail,
        entry.request_id,
        entry.at,
    )
    .execute(db)
    .await?;
    Ok(())
}
