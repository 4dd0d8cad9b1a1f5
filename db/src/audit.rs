//! The audit log: sensitive reads, decisions and settings changes, append-only, without
//! personal data, hash-chained per journey and per merchant (the chaining is done by a
//! trigger; [`verify`] recomputes every chain here, independently of the database's own
//! function).

use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

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
    pub at: OffsetDateTime,
}

/// Appends `entry`, in the caller's transaction when given one.
pub async fn record(db: impl sqlx::PgExecutor<'_>, entry: &Entry<'_>) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO audit_log (merchant_id, journey_id, actor_kind, actor_id, action, object_kind, object_id, detail, request_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        entry.merchant_id,
        entry.journey_id,
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

/// A place where a chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub chain: String,
    pub seq: i64,
    pub entry_id: i64,
    pub problem: &'static str,
}

/// What verifying found: how many entries and chains were checked, and every break.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    pub entries: u64,
    pub chains: u64,
    pub breaks: Vec<Break>,
}

/// Recomputes every chain's hashes in order and reports each entry whose hash, link to the
/// previous entry, or position does not hold.
pub async fn verify(db: &sqlx::PgPool) -> Result<Verification, DbError> {
    use futures_util::StreamExt;
    use sha2::{Digest, Sha256};

    let mut rows = sqlx::query!(
        r#"SELECT id, chain, seq, merchant_id, journey_id, actor_kind, actor_id, action, object_kind, object_id,
                  detail::text AS "detail!", request_id,
                  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurred!",
                  prev_hash, hash
           FROM audit_log ORDER BY chain, seq"#
    )
    .fetch(db);
    let mut result = Verification::default();
    let mut previous: Option<(String, i64, Vec<u8>)> = None;
    while let Some(row) = rows.next().await {
        let row = row?;
        result.entries += 1;
        let (expected_seq, expected_prev) = match &previous {
            Some((chain, seq, hash)) if *chain == row.chain => (seq + 1, Some(hash.clone())),
            _ => {
                result.chains += 1;
                (1, None)
            }
        };
        let text = [
            row.chain.clone(),
            row.seq.to_string(),
            row.merchant_id.to_string(),
            row.journey_id.map(|id| id.to_string()).unwrap_or_default(),
            row.actor_kind,
            row.actor_id.map(|id| id.to_string()).unwrap_or_default(),
            row.action,
            row.object_kind,
            row.object_id.map(|id| id.to_string()).unwrap_or_default(),
            row.detail,
            row.request_id.unwrap_or_default(),
            row.occurred,
        ]
        .join("\u{1f}");
        let mut hasher = Sha256::new();
        hasher.update(row.prev_hash.as_deref().unwrap_or_default());
        hasher.update(text.as_bytes());
        let digest = hasher.finalize().to_vec();
        let mut broken = |problem| {
            result.breaks.push(Break {
                chain: row.chain.clone(),
                seq: row.seq,
                entry_id: row.id,
                problem,
            })
        };
        if row.seq != expected_seq {
            broken("out of sequence (an entry is missing or was inserted)");
        }
        if row.prev_hash != expected_prev {
            broken("does not link to the previous entry");
        }
        if digest != row.hash {
            broken("its content does not match its hash");
        }
        previous = Some((row.chain, row.seq, row.hash));
    }
    Ok(result)
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
