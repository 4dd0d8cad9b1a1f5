//! Screening in the database: the list snapshots screened against, the journeys whose
//! screening step is due, results with their hits, re-screening of completed journeys, a
//! reviewer's resolution, and the merchant's thresholds.

use kyc_core::screening::model::{ListSource, SnapshotInfo};
use kyc_core::screening::record::{
    ListRef, Resolution, ScreeningAlert, ScreeningReason, ScreeningRecord, CUSTOMER_MESSAGE,
    REASON_CODE, REJECTION_REASON,
};
use kyc_core::screening::{Decision, Outcome, Thresholds};
use kyc_core::{JourneyEvent, JourneyState, Party, RequiredAction, StepEvent, StepKind, StepState};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::journeys::transition::{self, Actor};
use crate::review::Reviewer;
use crate::{audit, DbError};

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

/// Someone to screen: a journey, its customer's name and the merchant's thresholds.
#[derive(Debug, Clone)]
pub struct Subject {
    pub merchant_id: Uuid,
    pub journey_id: Uuid,
    pub full_name: String,
    pub thresholds: Thresholds,
}

impl Subject {
    fn new(
        merchant_id: Uuid,
        journey_id: Uuid,
        full_name: String,
        (review, confirm): (f32, f32),
    ) -> Subject {
        Subject {
            merchant_id,
            journey_id,
            full_name,
            thresholds: Thresholds { review, confirm },
        }
    }
}

/// Journeys whose customer has submitted and whose screening step has not run yet.
pub async fn due(db: &PgPool, limit: i64) -> Result<Vec<Subject>, DbError> {
    let rows = sqlx::query!(
        "SELECT j.merchant_id, j.id, c.full_name, m.screening_review_threshold, m.screening_confirm_threshold
         FROM journeys j
         JOIN journey_steps s ON s.journey_id = j.id AND s.kind = 'sanction_screening' AND s.state = 'not_started'
         JOIN customers c ON c.merchant_id = j.merchant_id AND c.id = j.customer_id
         JOIN merchants m ON m.id = j.merchant_id
         WHERE j.state = 'in_progress' AND j.submitted_at IS NOT NULL
         ORDER BY j.submitted_at LIMIT $1",
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            Subject::new(
                r.merchant_id,
                r.id,
                r.full_name,
                (r.screening_review_threshold, r.screening_confirm_threshold),
            )
        })
        .collect())
}

/// The latest completed journey of every customer, in pages after `after` (journey id).
pub async fn completed(
    db: &PgPool,
    after: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Subject>, DbError> {
    let rows = sqlx::query!(
        r#"SELECT DISTINCT ON (j.customer_id) j.merchant_id, j.id AS "id!", c.full_name,
                  m.screening_review_threshold, m.screening_confirm_threshold
           FROM journeys j
           JOIN customers c ON c.merchant_id = j.merchant_id AND c.id = j.customer_id
           JOIN merchants m ON m.id = j.merchant_id
           WHERE j.state = 'completed'
           ORDER BY j.customer_id, j.ended_at DESC"#,
    )
    .fetch_all(db)
    .await?;
    let mut subjects: Vec<Subject> = rows
        .into_iter()
        .map(|r| {
            Subject::new(
                r.merchant_id,
                r.id,
                r.full_name,
                (r.screening_review_threshold, r.screening_confirm_threshold),
            )
        })
        .collect();
    subjects.sort_by_key(|s| s.journey_id);
    Ok(subjects
        .into_iter()
        .filter(|s| after.is_none_or(|a| s.journey_id > a))
        .take(limit as usize)
        .collect())
}

/// What a screening ran against.
#[derive(Debug, Clone)]
pub struct Against<'a> {
    pub generation: &'a str,
    pub lists: &'a [SnapshotInfo],
}

async fn insert_result(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    subject: &Subject,
    reason: ScreeningReason,
    against: &Against<'_>,
    outcome: &Outcome,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, DbError> {
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
pub async fn record_journey(
    db: &PgPool,
    subject: &Subject,
    against: &Against<'_>,
    outcome: &Outcome,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
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
    if insert_result(
        &mut tx,
        subject,
        ScreeningReason::Journey,
        against,
        outcome,
        now,
    )
    .await?
    .is_none()
    {
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
pub async fn record_rescreen(
    db: &PgPool,
    subject: &Subject,
    against: &Against<'_>,
    outcome: &Outcome,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
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
    let id = insert_result(
        &mut tx,
        subject,
        ScreeningReason::Rescreen,
        against,
        outcome,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id.is_some())
}

/// Every screening of a journey of `merchant_id`, newest first.
pub async fn for_journey(
    db: &PgPool,
    merchant_id: Uuid,
    journey_id: Uuid,
) -> Result<Vec<ScreeningRecord>, DbError> {
    let rows = sqlx::query!(
        r#"SELECT r.id, r.reason, r.decision, r.best_score, r.review_threshold, r.confirm_threshold, r.lists, r.hits,
                  r.screened_at, r.resolution, r.resolved_at, u.display_name AS "resolved_by?"
           FROM screening_results r LEFT JOIN staff_users u ON u.id = r.resolved_by
           WHERE r.merchant_id = $1 AND r.journey_id = $2
           ORDER BY r.screened_at DESC, r.id"#,
        merchant_id,
        journey_id
    )
    .fetch_all(db)
    .await?;
    let shas: Vec<String> = rows.iter().flat_map(|r| r.lists.clone()).collect();
    let known = sqlx::query!(
        "SELECT sha256, source, version FROM screening_lists WHERE sha256 = ANY($1)",
        &shas
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            let lists = r
                .lists
                .iter()
                .filter_map(|sha| known.iter().find(|k| &k.sha256 == sha))
                .filter_map(|k| {
                    Some(ListRef {
                        source: ListSource::from_code(&k.source)?,
                        version: k.version.clone(),
                        sha256: k.sha256.clone(),
                    })
                })
                .collect();
            Ok(ScreeningRecord {
                id: r.id,
                reason: ScreeningReason::parse(&r.reason)
                    .ok_or(DbError::Corrupt("screening_results.reason"))?,
                decision: decision(&r.decision)?,
                best_score: r.best_score,
                thresholds: Thresholds {
                    review: r.review_threshold,
                    confirm: r.confirm_threshold,
                },
                lists,
                hits: serde_json::from_value(r.hits)
                    .map_err(|_| DbError::Corrupt("screening_results.hits"))?,
                screened_at: r.screened_at,
                resolution: r
                    .resolution
                    .as_deref()
                    .map(|s| {
                        Resolution::parse(s).ok_or(DbError::Corrupt("screening_results.resolution"))
                    })
                    .transpose()?,
                resolved_by: r.resolved_by,
                resolved_at: r.resolved_at,
            })
        })
        .collect()
}

fn decision(text: &str) -> Result<Decision, DbError> {
    match text {
        "clear" => Ok(Decision::Clear),
        "possible_match" => Ok(Decision::PossibleMatch),
        "match" => Ok(Decision::Match),
        _ => Err(DbError::Corrupt("screening_results.decision")),
    }
}

/// Possible matches of `merchant_id` nobody has resolved, oldest first.
pub async fn open_alerts(db: &PgPool, merchant_id: Uuid) -> Result<Vec<ScreeningAlert>, DbError> {
    let rows = sqlx::query!(
        "SELECT r.id, r.journey_id, c.full_name, r.reason, r.decision, r.best_score, r.screened_at
         FROM screening_results r
         JOIN journeys j ON j.merchant_id = r.merchant_id AND j.id = r.journey_id
         JOIN customers c ON c.merchant_id = j.merchant_id AND c.id = j.customer_id
         WHERE r.merchant_id = $1 AND r.resolution IS NULL AND r.decision <> 'clear'
         ORDER BY r.screened_at, r.id",
        merchant_id
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(ScreeningAlert {
                result_id: r.id,
                journey_id: r.journey_id,
                customer_name: r.full_name,
                reason: ScreeningReason::parse(&r.reason)
                    .ok_or(DbError::Corrupt("screening_results.reason"))?,
                decision: decision(&r.decision)?,
                best_score: r.best_score,
                screened_at: r.screened_at,
            })
        })
        .collect()
}

/// A reviewer resolves a possible match. For the journey's own screening the step moves
/// too (false positive: Completed; true match: Failed and the journey Rejected), under the
/// journey's lock and the version the reviewer saw. A result already resolved is refused.
pub async fn resolve(
    db: &PgPool,
    by: &Reviewer<'_>,
    result_id: Uuid,
    resolution: Resolution,
    expected_version: i32,
) -> Result<(), DbError> {
    let mut tx = db.begin().await?;
    let row = sqlx::query!(
        "SELECT journey_id, reason, decision, resolution FROM screening_results WHERE merchant_id = $1 AND id = $2",
        by.merchant_id,
        result_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(DbError::NotFound)?;
    let (journey, version) =
        transition::load_locked(&mut tx, by.merchant_id, row.journey_id).await?;
    if version != expected_version {
        return Err(DbError::Stale);
    }
    let resolved = sqlx::query!(
        "UPDATE screening_results SET resolution = $3, resolved_by = $4, resolved_at = $5
         WHERE merchant_id = $1 AND id = $2 AND resolution IS NULL AND decision <> 'clear'",
        by.merchant_id,
        result_id,
        resolution.as_str(),
        by.user_id,
        by.now
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if resolved != 1 {
        return Err(DbError::Refused(if row.decision == "clear" {
            "screening_clear"
        } else {
            "screening_already_resolved"
        }));
    }
    let actor = Actor {
        kind: kyc_core::ActorKind::Reviewer,
        id: Some(by.user_id),
    };
    let step_waits = journey.step(StepKind::SanctionScreening).is_some_and(
        |s| matches!(&s.state, StepState::RequiresAction(a) if a.by == Party::Reviewer && a.reason_code == REASON_CODE),
    );
    if row.reason == ScreeningReason::Journey.as_str()
        && step_waits
        && journey.state == JourneyState::InProgress
    {
        let step = |event| JourneyEvent::Step {
            kind: StepKind::SanctionScreening,
            event,
        };
        match resolution {
            Resolution::FalsePositive => {
                transition::apply_to(
                    &mut tx,
                    by.merchant_id,
                    row.journey_id,
                    &journey,
                    step(StepEvent::Complete),
                    &actor,
                    None,
                    by.now,
                )
                .await?;
            }
            Resolution::TrueMatch => {
                let (failed, _) = transition::apply_to(
                    &mut tx,
                    by.merchant_id,
                    row.journey_id,
                    &journey,
                    step(StepEvent::Fail),
                    &actor,
                    None,
                    by.now,
                )
                .await?;
                transition::apply_to(
                    &mut tx,
                    by.merchant_id,
                    row.journey_id,
                    &failed,
                    JourneyEvent::Reject,
                    &actor,
                    Some(REJECTION_REASON),
                    by.now,
                )
                .await?;
            }
        }
    } else {
        // A re-screening alert (or a journey already decided): the record and the audit
        // entry are the outcome; the journey's own state is not reopened.
        sqlx::query!(
            "UPDATE journeys SET version = version + 1 WHERE id = $1",
            row.journey_id
        )
        .execute(&mut *tx)
        .await?;
    }
    let action = match resolution {
        Resolution::FalsePositive => "screening.false_positive",
        Resolution::TrueMatch => "screening.true_match",
    };
    let detail = serde_json::json!({ "reason": row.reason });
    audit::record(
        &mut *tx,
        &by.audit(
            row.journey_id,
            action,
            ("screening_result", Some(result_id)),
            detail,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The merchant's thresholds.
pub async fn thresholds(db: &PgPool, merchant_id: Uuid) -> Result<Thresholds, DbError> {
    let r = sqlx::query!(
        "SELECT screening_review_threshold, screening_confirm_threshold FROM merchants WHERE id = $1",
        merchant_id
    )
    .fetch_one(db)
    .await?;
    Ok(Thresholds {
        review: r.screening_review_threshold,
        confirm: r.screening_confirm_threshold,
    })
}

/// Changes the merchant's thresholds (an admin's settings change, audited).
pub async fn set_thresholds(
    db: &PgPool,
    by: &Reviewer<'_>,
    thresholds: Thresholds,
) -> Result<(), DbError> {
    if !thresholds.is_valid() {
        return Err(DbError::Refused("screening_thresholds_invalid"));
    }
    let mut tx = db.begin().await?;
    sqlx::query!(
        "UPDATE merchants SET screening_review_threshold = $2, screening_confirm_threshold = $3 WHERE id = $1",
        by.merchant_id,
        thresholds.review,
        thresholds.confirm
    )
    .execute(&mut *tx)
    .await?;
    let entry = audit::Entry {
        merchant_id: by.merchant_id,
        journey_id: None,
        actor_kind: by.role,
        actor_id: Some(by.user_id),
        action: "settings.screening_thresholds",
        object_kind: "merchant",
        object_id: Some(by.merchant_id),
        detail: serde_json::json!({ "review": thresholds.review, "confirm": thresholds.confirm }),
        request_id: by.request_id,
        at: by.now,
    };
    audit::record(&mut *tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}
