//! Screening in the database: the list snapshots screened against, the journeys whose
//! screening step is due, results with their hits, re-screening of completed journeys, a
//! reviewer's resolution, and the merchant's thresholds.

use kyc_core::screening::model::{ListSource, SnapshotInfo};
use kyc_core::screening::record::{ScreeningReason, CUSTOMER_MESSAGE, REASON_CODE};
use kyc_core::screening::{Decision, Outcome, Thresholds};
use kyc_core::{JourneyEvent, JourneyState, Party, RequiredAction, StepEvent, StepKind, StepState};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::journeys::transition::{self, Actor};
use crate::DbError;

mod review;

pub use review::{for_journey, open_alerts, resolve, set_thresholds, thresholds};

/// Records the snapshots the server loaded (once each). True when one of them was new:
/// the instance that records a snapshot first re-screens completed journeys against it.
pub async fn record_lists(db: &PgPool, lists: &[SnapshotInfo]) -> Result<bool, DbError> {
    let mut new = false;
    for l in lists {
        let inserted = sqlx::query!(
            "INSERT INTO screening_lists (sha256, source, version, entries, people, aliases)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING",
            l.sha256,
            l.source.code(),
            l.version,
            l.entries as i32,
            l.people as i32,
            l.aliases as i32,
        )
        .execute(db)
        .await?
        .rows_affected();
        new |= inserted == 1;
    }
    Ok(new)
}

/// Someone to screen: a journey, its customer's name and the merchant's thresholds. Its
/// `Debug` names the journey only, never the person.
#[derive(Clone)]
pub struct Subject {
    pub merchant_id: Uuid,
    pub journey_id: Uuid,
    pub full_name: String,
    /// From the journey's verified Aadhaar, when it has one.
    pub birth_date: Option<time::Date>,
    /// `M`, `F` or `T`, from the journey's verified Aadhaar.
    pub gender: Option<String>,
    pub thresholds: Thresholds,
}

impl std::fmt::Debug for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subject")
            .field("merchant_id", &self.merchant_id)
            .field("journey_id", &self.journey_id)
            .finish_non_exhaustive()
    }
}

/// A row of the queries that find journeys to screen.
struct SubjectRow {
    merchant_id: Uuid,
    id: Uuid,
    full_name: String,
    birth_date: Option<time::Date>,
    gender: Option<String>,
    screening_review_threshold: f32,
    screening_confirm_threshold: f32,
}

impl From<SubjectRow> for Subject {
    fn from(r: SubjectRow) -> Subject {
        Subject {
            merchant_id: r.merchant_id,
            journey_id: r.id,
            full_name: r.full_name,
            birth_date: r.birth_date,
            gender: r.gender,
            thresholds: Thresholds {
                review: r.screening_review_threshold,
                confirm: r.screening_confirm_threshold,
            },
        }
    }
}

/// Journeys whose customer has submitted and whose screening step has not run yet.
pub async fn due(db: &PgPool, limit: i64) -> Result<Vec<Subject>, DbError> {
    let rows = sqlx::query_as!(
        SubjectRow,
        r#"SELECT j.merchant_id, j.id, c.full_name, a.date_of_birth AS "birth_date?", a.gender AS "gender?",
                m.screening_review_threshold, m.screening_confirm_threshold
         FROM journeys j
         JOIN journey_steps s ON s.journey_id = j.id AND s.kind = 'sanction_screening' AND s.state = 'not_started'
         JOIN customers c ON c.merchant_id = j.merchant_id AND c.id = j.customer_id
         JOIN merchants m ON m.id = j.merchant_id
         LEFT JOIN LATERAL (SELECT r.date_of_birth, r.gender FROM aadhaar_records r
                            JOIN online_checks k ON k.id = r.check_id AND k.status = 'passed'
                            WHERE r.journey_id = j.id ORDER BY r.verified_at DESC LIMIT 1) a ON true
         WHERE j.state = 'in_progress' AND j.submitted_at IS NOT NULL
         ORDER BY j.submitted_at LIMIT $1"#,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Subject::from).collect())
}

/// The latest completed journey of every customer, a page of `limit` after journey id
/// `after`, in journey id order.
pub async fn completed(
    db: &PgPool,
    after: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Subject>, DbError> {
    let rows = sqlx::query_as!(
        SubjectRow,
        r#"SELECT latest.merchant_id AS "merchant_id!", latest.id AS "id!", latest.full_name AS "full_name!",
                  latest.birth_date AS "birth_date?", latest.gender AS "gender?",
                  latest.screening_review_threshold AS "screening_review_threshold!",
                  latest.screening_confirm_threshold AS "screening_confirm_threshold!"
           FROM (SELECT DISTINCT ON (j.customer_id) j.merchant_id, j.id, c.full_name,
                        a.date_of_birth AS birth_date, a.gender,
                        m.screening_review_threshold, m.screening_confirm_threshold
                 FROM journeys j
                 JOIN customers c ON c.merchant_id = j.merchant_id AND c.id = j.customer_id
                 JOIN merchants m ON m.id = j.merchant_id
                 LEFT JOIN LATERAL (SELECT r.date_of_birth, r.gender FROM aadhaar_records r
                                    JOIN online_checks k ON k.id = r.check_id AND k.status = 'passed'
                                    WHERE r.journey_id = j.id ORDER BY r.verified_at DESC LIMIT 1) a ON true
                 WHERE j.state = 'completed'
                 ORDER BY j.customer_id, j.ended_at DESC NULLS LAST, j.id DESC) latest
           WHERE $1::uuid IS NULL OR latest.id > $1
           ORDER BY latest.id
           LIMIT $2"#,
        after,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Subject::from).collect())
}

/// Whether the re-screening of completed journeys against `generation` has finished.
pub async fn rescreened(db: &PgPool, generation: &str) -> Result<bool, DbError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM screening_generations WHERE generation = $1) AS "done!""#,
        generation
    )
    .fetch_one(db)
    .await?)
}

/// Records that the re-screening against `generation` has finished.
pub async fn mark_rescreened(db: &PgPool, generation: &str) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO screening_generations (generation) VALUES ($1) ON CONFLICT DO NOTHING",
        generation
    )
    .execute(db)
    .await?;
    Ok(())
}

/// What a screening ran against.
#[derive(Debug, Clone)]
pub struct Against<'a> {
    pub generation: &'a str,
    pub lists: &'a [SnapshotInfo],
}

/// One screening to record: whom, against which lists, what the matcher found, and when.
#[derive(Clone, Copy)]
pub struct Screening<'a> {
    pub subject: &'a Subject,
    pub against: &'a Against<'a>,
    pub outcome: &'a Outcome,
    pub at: OffsetDateTime,
}

async fn insert_result(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    screening: Screening<'_>,
    reason: ScreeningReason,
) -> Result<Option<Uuid>, DbError> {
    let Screening {
        subject,
        against,
        outcome,
        at: now,
    } = screening;
    let id = Uuid::new_v4();
    let lists: Vec<String> = against.lists.iter().map(|l| l.sha256.clone()).collect();
    let hits =
        serde_json::to_value(&outcome.hits).map_err(|_| DbError::Corrupt("screening hits"))?;
    let inserted = sqlx::query!(
        "INSERT INTO screening_results (id, merchant_id, journey_id, reason, generation, lists, decision, best_score,
             review_threshold, confirm_threshold, hits, screened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (journey_id, reason, generation) DO NOTHING",
        id,
        subject.merchant_id,
        subject.journey_id,
        reason.as_str(),
        against.generation,
        &lists,
        outcome.decision.code(),
        outcome.best().map_or(0.0, |h| h.score),
        outcome.thresholds.review,
        outcome.thresholds.confirm,
        hits,
        now,
    )
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok((inserted == 1).then_some(id))
}

/// Records a journey's screening and moves its step: Completed when clear, waiting for a
/// reviewer (with a neutral message for the customer) otherwise. Returns false when the
/// step had already run or the journey moved on.
pub async fn record_journey(db: &PgPool, screening: Screening<'_>) -> Result<bool, DbError> {
    let Screening {
        subject,
        outcome,
        at: now,
        ..
    } = screening;
    let mut tx = db.begin().await?;
    let (journey, _) =
        transition::load_locked(&mut tx, subject.merchant_id, subject.journey_id).await?;
    let due = journey.state == JourneyState::InProgress
        && journey
            .step(StepKind::SanctionScreening)
            .is_some_and(|s| s.state == StepState::NotStarted);
    if !due {
        return Ok(false);
    }
    let recorded = insert_result(&mut tx, screening, ScreeningReason::Journey).await?;
    if recorded.is_none() {
        return Ok(false);
    }
    let step = |event| JourneyEvent::Step {
        kind: StepKind::SanctionScreening,
        event,
    };
    let (journey, _) = transition::apply_to(
        &mut tx,
        subject.merchant_id,
        subject.journey_id,
        &journey,
        step(StepEvent::Start),
        &Actor::SYSTEM,
        None,
        now,
    )
    .await?;
    let last = match outcome.decision {
        Decision::Clear => StepEvent::Complete,
        Decision::PossibleMatch | Decision::Match => StepEvent::RequireAction(RequiredAction {
            by: Party::Reviewer,
            reason_code: REASON_CODE.to_owned(),
            customer_message: CUSTOMER_MESSAGE.to_owned(),
            internal_note: outcome.best().map_or_else(String::new, |h| {
                format!(
                    "Possible sanctions match: {} {} scored {:.3}",
                    h.source.code(),
                    h.list_id,
                    h.score
                )
            }),
        }),
    };
    transition::apply_to(
        &mut tx,
        subject.merchant_id,
        subject.journey_id,
        &journey,
        step(last),
        &Actor::SYSTEM,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Records a re-screening of a completed journey's customer, only when it finds an entry
/// not flagged on that journey before. Returns whether a new alert was raised.
pub async fn record_rescreen(db: &PgPool, screening: Screening<'_>) -> Result<bool, DbError> {
    let Screening {
        subject, outcome, ..
    } = screening;
    if outcome.decision == Decision::Clear {
        return Ok(false);
    }
    let earlier = sqlx::query_scalar!(
        "SELECT hits FROM screening_results WHERE journey_id = $1 AND decision <> 'clear'",
        subject.journey_id
    )
    .fetch_all(db)
    .await?;
    let flagged: Vec<(ListSource, String)> = earlier
        .into_iter()
        .filter_map(|h| serde_json::from_value::<Vec<kyc_core::screening::Hit>>(h).ok())
        .flatten()
        .map(|h| (h.source, h.list_id))
        .collect();
    let new = outcome
        .hits
        .iter()
        .filter(|h| h.score >= outcome.thresholds.review)
        .any(|h| !flagged.contains(&(h.source, h.list_id.clone())));
    if !new {
        return Ok(false);
    }
    let mut tx = db.begin().await?;
    let id = insert_result(&mut tx, screening, ScreeningReason::Rescreen).await?;
    tx.commit().await?;
    Ok(id.is_some())
}
