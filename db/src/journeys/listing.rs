//! The Compliance section's journey list (filtered, searched, paged) and its chart figures.

use kyc_core::dashboard::{JourneyFigures, JourneyFilter, JourneyPage, StepFigures, PAGE_SIZE};
use kyc_core::views::{JourneySummary, StepBrief};
use kyc_core::StepKind;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::rows;
use crate::DbError;

/// Page `page` (from 0) of `merchant_id`'s journeys matching `filter`, newest first. The
/// search looks at the customer's name, email and external reference, ignoring case.
pub async fn list(
    db: &PgPool,
    merchant_id: Uuid,
    filter: &JourneyFilter,
    page: u32,
) -> Result<JourneyPage, DbError> {
    let rows = sqlx::query!(
        r#"SELECT j.id, j.customer_id, c.full_name, j.state, j.created_at, j.expires_at,
                  j.opened_at, j.submitted_at, j.ended_at,
                  (SELECT array_agg(s.kind ORDER BY s.position) FROM journey_steps s WHERE s.journey_id = j.id) AS "step_kinds: Vec<String>",
                  (SELECT array_agg(s.state ORDER BY s.position) FROM journey_steps s WHERE s.journey_id = j.id) AS "step_states: Vec<String>",
                  count(*) OVER () AS "total!"
           FROM journeys j JOIN customers c ON c.id = j.customer_id
           WHERE j.merchant_id = $1
             AND ($2::uuid IS NULL OR j.customer_id = $2)
             AND ($3::text IS NULL OR j.state = $3)
             AND ($4::timestamptz IS NULL OR j.created_at >= $4)
             AND ($5::timestamptz IS NULL OR j.created_at < $5)
             AND (($6::text IS NULL AND $7::text IS NULL) OR EXISTS (
                   SELECT 1 FROM journey_steps s
                   WHERE s.journey_id = j.id
                     AND ($6::text IS NULL OR s.kind = $6)
                     AND ($7::text IS NULL OR s.state = $7)))
             AND ($8::text IS NULL OR c.full_name ILIKE $8 OR c.email ILIKE $8 OR c.external_ref ILIKE $8)
           ORDER BY j.created_at DESC, j.id
           LIMIT $9 OFFSET $10"#,
        merchant_id,
        filter.customer_id,
        filter.state.map(|s| s.as_str()),
        filter.start(),
        filter.end(),
        filter.step.map(StepKind::as_str),
        filter.step_state,
        filter.search_pattern(),
        PAGE_SIZE,
        i64::from(page) * PAGE_SIZE,
    )
    .fetch_all(db)
    .await?;
    let total = rows.first().map_or(0, |r| r.total);
    let journeys = rows
        .into_iter()
        .map(|r| {
            let kinds = r.step_kinds.unwrap_or_default();
            let states = r.step_states.unwrap_or_default();
            let steps = kinds
                .iter()
                .zip(states)
                .map(|(kind, state)| {
                    Ok(StepBrief {
                        kind: rows::step_kind(kind)?,
                        state,
                    })
                })
                .collect::<Result<_, DbError>>()?;
            Ok(JourneySummary {
                id: r.id,
                customer_id: r.customer_id,
                customer_name: r.full_name,
                state: rows::journey_state(&r.state)?,
                created_at: r.created_at,
                expires_at: r.expires_at,
                opened_at: r.opened_at,
                submitted_at: r.submitted_at,
                ended_at: r.ended_at,
                steps,
            })
        })
        .collect::<Result<_, DbError>>()?;
    Ok(JourneyPage {
        journeys,
        total,
        page,
    })
}

/// The funnel and median-time figures over `merchant_id`'s journeys created in
/// `[start, end)` (either end open). A step's time runs from its first In Progress (or, if
/// it never had one, the link's opening) to its first Completed.
pub async fn figures(
    db: &PgPool,
    merchant_id: Uuid,
    start: Option<OffsetDateTime>,
    end: Option<OffsetDateTime>,
) -> Result<JourneyFigures, DbError> {
    let totals = sqlx::query!(
        r#"SELECT count(*) AS "created!",
                  count(opened_at) AS "opened!",
                  count(submitted_at) AS "submitted!",
                  count(*) FILTER (WHERE state = 'completed') AS "completed!"
           FROM journeys
           WHERE merchant_id = $1
             AND ($2::timestamptz IS NULL OR created_at >= $2)
             AND ($3::timestamptz IS NULL OR created_at < $3)"#,
        merchant_id,
        start,
        end,
    )
    .fetch_one(db)
    .await?;
    let steps = sqlx::query!(
        r#"WITH scope AS (
               SELECT id, opened_at FROM journeys
               WHERE merchant_id = $1
                 AND ($2::timestamptz IS NULL OR created_at >= $2)
                 AND ($3::timestamptz IS NULL OR created_at < $3)
           ),
           timed AS (
               SELECT s.kind, s.state, scope.opened_at,
                      (SELECT min(e.occurred_at) FROM journey_events e
                       WHERE e.journey_id = s.journey_id AND e.step_kind = s.kind AND e.to_state = 'in_progress') AS started,
                      (SELECT min(e.occurred_at) FROM journey_events e
                       WHERE e.journey_id = s.journey_id AND e.step_kind = s.kind AND e.to_state = 'completed') AS done
               FROM journey_steps s JOIN scope ON scope.id = s.journey_id
           )
           SELECT kind AS "kind!",
                  count(*) AS "journeys!",
                  count(*) FILTER (WHERE state <> 'not_started') AS "reached!",
                  count(*) FILTER (WHERE state = 'completed') AS "completed!",
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM done - coalesce(started, opened_at))::float8)
                      FILTER (WHERE done IS NOT NULL AND coalesce(started, opened_at) IS NOT NULL) AS median_seconds
           FROM timed GROUP BY kind"#,
        merchant_id,
        start,
        end,
    )
    .fetch_all(db)
    .await?;
    let mut figures: Vec<StepFigures> = steps
        .into_iter()
        .map(|r| {
            Ok(StepFigures {
                kind: rows::step_kind(&r.kind)?,
                journeys: r.journeys,
                reached: r.reached,
                completed: r.completed,
                median_seconds: r.median_seconds,
            })
        })
        .collect::<Result<_, DbError>>()?;
    figures.sort_by_key(|f| f.kind);
    Ok(JourneyFigures {
        created: totals.created,
        opened: totals.opened,
        submitted: totals.submitted,
        completed: totals.completed,
        steps: figures,
    })
}

/// A journey with its steps, for the API's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyRow {
    pub id: Uuid,
    pub customer_id: Uuid,
    pub state: kyc_core::JourneyState,
    pub created_at: OffsetDateTime,
}

/// Up to `limit` of `merchant_id`'s journeys created before `after` (created_at, id),
/// newest first, optionally of one customer or in one state.
pub async fn page(
    db: &PgPool,
    merchant_id: Uuid,
    customer_id: Option<Uuid>,
    state: Option<kyc_core::JourneyState>,
    after: Option<(OffsetDateTime, Uuid)>,
    limit: i64,
) -> Result<Vec<JourneyRow>, DbError> {
    let (after_at, after_id) = after.unzip();
    let rows = sqlx::query!(
        r#"SELECT id, customer_id, state, created_at FROM journeys
           WHERE merchant_id = $1
             AND ($2::uuid IS NULL OR customer_id = $2)
             AND ($3::text IS NULL OR state = $3)
             AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
           ORDER BY created_at DESC, id DESC
           LIMIT $6"#,
        merchant_id,
        customer_id,
        state.map(|s| s.as_str()),
        after_at,
        after_id,
        limit
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(JourneyRow {
                id: r.id,
                customer_id: r.customer_id,
                state: rows::journey_state(&r.state)?,
                created_at: r.created_at,
            })
        })
        .collect()
}
