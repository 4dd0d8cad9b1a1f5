//! The audit log: sensitive reads, decisions and settings changes, append-only, without
//! personal data (ids, names of settings, digests), hash-chained per journey and per
//! merchant with hashes keyed under a key the database does not hold, and every entry at
//! its transaction's own time. [`verify`] recomputes every chain; signed [`heads`] show
//! when a chain was cut short.

use uuid::Uuid;

use crate::DbError;

pub mod heads;
mod seal;
pub mod verify;

pub use heads::{Head, HeadSigner};
pub use seal::AuditKey;
use seal::Sealed;
pub use verify::{verify, Break, Verification, UNCOVERED};

/// The two audit keys the server derives from its master key: one seals entries, one
/// signs chain heads.
#[derive(Debug, Clone)]
pub struct AuditKeys {
    pub seal: AuditKey,
    pub heads: HeadSigner,
}

impl AuditKeys {
    /// Derives both from `derive` (the master key's derivation, by purpose).
    pub fn derive(derive: impl Fn(&str) -> [u8; 32]) -> Self {
        AuditKeys {
            seal: AuditKey::new(derive("kyc audit chain v1")),
            heads: HeadSigner::new(derive("kyc audit heads v1")),
        }
    }
}

/// One audited action.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub merchant_id: Uuid,
    /// The journey the action concerns, if any: its entry then joins that journey's chain
    /// (otherwise the merchant's).
    pub journey_id: Option<Uuid>,
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
}

/// Appends `entry` to its chain in the caller's transaction, at the transaction's time,
/// sealed under `key`: takes the chain's lock (after the journey's, as the trigger does),
/// reads the chain's last entry, and inserts the next one with its keyed hash.
pub async fn record(
    tx: &mut sqlx::PgConnection,
    key: &AuditKey,
    entry: &Entry<'_>,
) -> Result<(), DbError> {
    let chain = seal::chain_of(entry.merchant_id, entry.journey_id);
    if let Some(journey_id) = entry.journey_id {
        sqlx::query!(
            "SELECT 1 AS one FROM journeys WHERE id = $1 FOR KEY SHARE",
            journey_id
        )
        .fetch_optional(&mut *tx)
        .await?;
    }
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .bind(&chain)
        .execute(&mut *tx)
        .await?;
    let tip = sqlx::query!(
        r#"SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurred!",
                  $2::jsonb::text AS "detail!",
                  coalesce((SELECT seq FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1), 0) AS "seq!",
                  (SELECT hash FROM audit_log WHERE chain = $1 ORDER BY seq DESC LIMIT 1) AS prev_hash"#,
        chain,
        entry.detail
    )
    .fetch_one(&mut *tx)
    .await?;
    let seq = tip.seq + 1;
    let hash = Sealed {
        chain: &chain,
        seq,
        merchant_id: entry.merchant_id,
        journey_id: entry.journey_id,
        actor_kind: entry.actor_kind,
        actor_id: entry.actor_id,
        action: entry.action,
        object_kind: entry.object_kind,
        object_id: entry.object_id,
        detail: &tip.detail,
        request_id: entry.request_id,
        occurred: &tip.occurred,
    }
    .hash(tip.prev_hash.as_deref(), Some(key));
    sqlx::query!(
        "INSERT INTO audit_log (merchant_id, journey_id, actor_kind, actor_id, action, object_kind, object_id,
                                detail, request_id, occurred_at, chain, seq, prev_hash, hash, keyed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10, $11, $12, $13, true)",
        entry.merchant_id,
        entry.journey_id,
        entry.actor_kind,
        entry.actor_id,
        entry.action,
        entry.object_kind,
        entry.object_id,
        entry.detail,
        entry.request_id,
        chain,
        seq,
        tip.prev_hash,
        hash,
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub use kyc_core::review::TrailEntry;

/// What the trail is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct TrailFilter {
    pub journey_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    /// An action, or a prefix ending in `.` (`document.`).
    pub action: Option<String>,
}

/// Entries per page of the trail.
pub const TRAIL_PAGE: i64 = 50;

/// A page (from 0) of `merchant_id`'s audit trail, newest first.
pub async fn trail(
    db: &sqlx::PgPool,
    merchant_id: Uuid,
    filter: &TrailFilter,
    page: u32,
) -> Result<Vec<TrailEntry>, DbError> {
    let action_pattern = filter.action.as_ref().map(|a| {
        let escaped = a
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        if a.ends_with('.') {
            format!("{escaped}%")
        } else {
            escaped
        }
    });
    Ok(sqlx::query_as!(
        TrailEntry,
        r#"SELECT a.id, a.occurred_at, a.actor_kind, u.display_name AS "actor_name?", a.action, a.object_kind,
                  a.object_id, a.journey_id, a.request_id, a.seq AS chain_seq
           FROM audit_log a LEFT JOIN staff_users u ON u.id = a.actor_id
           WHERE a.merchant_id = $1
             AND ($2::uuid IS NULL OR a.journey_id = $2)
             AND ($3::uuid IS NULL OR a.actor_id = $3)
             AND ($4::text IS NULL OR a.action LIKE $4)
           ORDER BY a.occurred_at DESC, a.id DESC
           LIMIT $5 OFFSET $6"#,
        merchant_id,
        filter.journey_id,
        filter.actor_id,
        action_pattern,
        TRAIL_PAGE,
        i64::from(page) * TRAIL_PAGE,
    )
    .fetch_all(db)
    .await?)
}

/// The merchant's staff, for the trail's actor filter.
pub async fn staff_names(
    db: &sqlx::PgPool,
    merchant_id: Uuid,
) -> Result<Vec<(Uuid, String)>, DbError> {
    let rows = sqlx::query!(
        "SELECT u.id, u.display_name FROM memberships m JOIN staff_users u ON u.id = m.staff_user_id
         WHERE m.merchant_id = $1 ORDER BY u.display_name",
        merchant_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.display_name)).collect())
}
