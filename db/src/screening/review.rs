//! The reviewer's side of screening: a journey's results, the open alerts, resolving a
//! possible match, and the merchant's thresholds.

use kyc_core::screening::model::ListSource;
use kyc_core::screening::record::{
    ListRef, Resolution, ScreeningAlert, ScreeningReason, ScreeningRecord, REASON_CODE,
    REJECTION_REASON,
};
use kyc_core::screening::{Decision, Thresholds};
use kyc_core::{JourneyEvent, JourneyState, Party, StepEvent, StepKind, StepState};
use sqlx::PgPool;
use uuid::Uuid;

use crate::journeys::transition::{self, Actor};
use crate::review::Reviewer;
use crate::DbError;

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
    tx: &mut crate::Tx<'_>,
    by: &Reviewer<'_>,
    result_id: Uuid,
    resolution: Resolution,
    expected_version: i32,
) -> Result<(), DbError> {
    let row = sqlx::query!(
        "SELECT journey_id, reason, decision, resolution FROM screening_results WHERE merchant_id = $1 AND id = $2",
        by.merchant_id,
        result_id
    )
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(DbError::NotFound)?;
    let (journey, version) =
        transition::load_locked(&mut *tx, by.merchant_id, row.journey_id).await?;
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
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if resolved != 1 {
        return Err(DbError::Refused(
            if row.decision == "clear" {
                kyc_core::rules::ReviewRule::ScreeningClear
            } else {
                kyc_core::rules::ReviewRule::ScreeningAlreadyResolved
            }
            .into(),
        ));
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
                    &mut *tx,
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
                    &mut *tx,
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
                    &mut *tx,
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
        .execute(&mut **tx)
        .await?;
    }
    let action = match resolution {
        Resolution::FalsePositive => "screening.false_positive",
        Resolution::TrueMatch => "screening.true_match",
    };
    let detail = serde_json::json!({ "reason": row.reason });
    by.record(
        tx,
        row.journey_id,
        action,
        ("screening_result", Some(result_id)),
        detail,
    )
    .await?;
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

/// Changes the merchant's thresholds (an admin's settings change; the caller audits it).
pub async fn set_thresholds(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    thresholds: Thresholds,
) -> Result<(), DbError> {
    if !thresholds.is_valid() {
        return Err(DbError::Refused(
            kyc_core::rules::SettingsRule::ScreeningThresholdsInvalid.into(),
        ));
    }
    let updated = sqlx::query!(
        "UPDATE merchants SET screening_review_threshold = $2, screening_confirm_threshold = $3 WHERE id = $1",
        merchant_id,
        thresholds.review,
        thresholds.confirm
    )
    .execute(db)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}
