//! Waiting checks: the provider's reference, polling with backoff, and checks whose call
//! never came back (the server stopped mid-call).

use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// A waiting check due for a poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuePoll {
    pub check_id: Uuid,
    pub merchant_id: Uuid,
    pub provider: String,
    pub reference: String,
    pub holder_name: Option<String>,
    pub polls: i32,
}

/// Waiting checks whose next poll is due, oldest due first.
pub async fn due_polls(
    db: &PgPool,
    now: OffsetDateTime,
    limit: i64,
) -> Result<Vec<DuePoll>, DbError> {
    let rows = sqlx::query!(
        r#"SELECT id, merchant_id, provider, provider_reference AS "reference!", holder_name, polls
         FROM online_checks
         WHERE status = 'waiting' AND provider_reference IS NOT NULL AND next_poll_at <= $1
         ORDER BY next_poll_at LIMIT $2"#,
        now,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DuePoll {
            check_id: r.id,
            merchant_id: r.merchant_id,
            provider: r.provider,
            reference: r.reference,
            holder_name: r.holder_name,
            polls: r.polls,
        })
        .collect())
}

/// Records the provider's reference (when given) and when to poll next; `polls` is how
/// many polls have been made so far.
pub async fn schedule_poll(
    db: &PgPool,
    check_id: Uuid,
    reference: Option<&str>,
    polls: i32,
    next_at: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE online_checks SET provider_reference = coalesce($2, provider_reference), polls = $3, next_poll_at = $4
         WHERE id = $1 AND status = 'waiting'",
        check_id,
        reference,
        polls,
        next_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The waiting check a provider's webhook is about, with the name the customer typed.
pub async fn find_by_reference(
    db: &PgPool,
    provider: &str,
    reference: &str,
) -> Result<Option<(Uuid, Uuid, Option<String>)>, DbError> {
    Ok(sqlx::query!(
        "SELECT id, merchant_id, holder_name FROM online_checks
         WHERE provider = $1 AND provider_reference = $2 AND status = 'waiting'",
        provider,
        reference
    )
    .fetch_optional(db)
    .await?
    .map(|r| (r.id, r.merchant_id, r.holder_name)))
}

/// Waiting checks of step `kind` that never got a provider reference and started before
/// `cutoff`: the call was lost (the server stopped during it), or the customer never came
/// back from the provider's pages. The caller records them unavailable.
pub async fn abandon_stale(
    db: &PgPool,
    kind: kyc_core::StepKind,
    cutoff: OffsetDateTime,
) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar!(
        "SELECT id FROM online_checks WHERE status = 'waiting' AND step_kind = $1
           AND (provider_reference IS NULL OR provider_reference LIKE 'callback:%') AND created_at < $2",
        kind.as_str(),
        cutoff
    )
    .fetch_all(db)
    .await?)
}

/// The waiting checks of step `kind` of a journey.
pub async fn waiting(
    db: &PgPool,
    journey_id: Uuid,
    kind: kyc_core::StepKind,
) -> Result<Vec<Uuid>, DbError> {
    Ok(sqlx::query_scalar!(
        "SELECT id FROM online_checks WHERE journey_id = $1 AND step_kind = $2 AND status = 'waiting'",
        journey_id,
        kind.as_str()
    )
    .fetch_all(db)
    .await?)
}
