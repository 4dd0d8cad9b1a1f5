//! Online checks after they start: the provider's answer (direct, by webhook or by
//! polling) moves the step by the core rules, exactly once; staff and customer views; the
//! merchant's name-match bands.

use kyc_core::bank::NameBands;
use kyc_core::checks::{AadhaarEvidence, AadhaarRecord, CheckRecord, CheckStatus, CustomerCheck};
use kyc_core::{JourneyEvent, JourneyState, StepKind, StepState};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::journeys::transition::{self, Actor, Change};
use crate::DbError;

mod aadhaar;
mod polling;

pub use aadhaar::{aadhaar_name, bank_name, claim, entered, identity, record_aadhaar, Entered};
pub use polling::{abandon_stale, due_polls, find_by_reference, schedule_poll, waiting, DuePoll};

/// What the provider's answer comes to (the core rule's type).
pub use kyc_core::checks::CheckResolution as Resolution;

/// Records the answer of a waiting check and moves its step. `Ok(false)` when the check
/// was already answered (a webhook and a poll racing): nothing changes twice. A journey
/// no longer in progress, or a step someone else has moved meanwhile, keeps its state;
/// the answer is still recorded.
pub async fn resolve(
    db: &PgPool,
    check_id: Uuid,
    resolution: &Resolution,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    let mut tx = db.begin().await?;
    let resolved = resolve_in(&mut tx, check_id, resolution, now).await?;
    tx.commit().await?;
    Ok(resolved)
}

/// [`resolve`] inside the caller's transaction (which also stores what the check found).
pub(crate) async fn resolve_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    check_id: Uuid,
    resolution: &Resolution,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    let check = sqlx::query!(
        "SELECT merchant_id, journey_id, step_kind FROM online_checks WHERE id = $1",
        check_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let kind =
        StepKind::from_db(&check.step_kind).ok_or(DbError::Corrupt("online_checks.step_kind"))?;
    let (journey, _) = transition::load_locked(tx, check.merchant_id, check.journey_id).await?;
    let (status, code, names, dob_matches, name_at_bank) = match resolution {
        Resolution::Decided {
            outcome,
            names,
            dob_matches,
            provider_code,
            name_at_bank,
        } => (
            CheckStatus::of(outcome),
            provider_code
                .clone()
                .or_else(|| Some(outcome.code().to_owned())),
            names.clone(),
            *dob_matches,
            name_at_bank.clone(),
        ),
        Resolution::Unavailable { code } => (
            CheckStatus::Unavailable,
            Some(code.clone()),
            Vec::new(),
            None,
            None,
        ),
    };
    let names =
        serde_json::to_value(&names).map_err(|_| DbError::Corrupt("online_checks.names"))?;
    let updated = sqlx::query!(
        "UPDATE online_checks SET status = $2, code = $3, names = $4, dob_matches = $5, name_at_bank = $6,
             next_poll_at = NULL, resolved_at = $7
         WHERE id = $1 AND status = 'waiting'",
        check_id,
        status.as_str(),
        code,
        names,
        dob_matches,
        name_at_bank,
        now
    )
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    let step_in_progress = journey
        .step(kind)
        .is_some_and(|s| s.state == StepState::InProgress);
    if let Resolution::Decided { outcome, .. } = resolution {
        if journey.state == JourneyState::InProgress && step_in_progress {
            transition::apply_to(
                tx,
                check.merchant_id,
                check.journey_id,
                &journey,
                JourneyEvent::Step {
                    kind,
                    event: outcome.event(),
                },
                &Actor::SYSTEM,
                Some(outcome.code()).filter(|c| *c != "passed"),
                now,
            )
            .await?;
        }
    }
    let change = Change::other(check_subject(kind), status.as_str());
    transition::record(
        tx,
        check.merchant_id,
        check.journey_id,
        change,
        &Actor::SYSTEM,
        code.as_deref().filter(|c| *c != "passed"),
        now,
    )
    .await?;
    Ok(true)
}

/// The timeline subject of a check's events.
fn check_subject(kind: StepKind) -> &'static str {
    match kind {
        StepKind::DigiLockerAadhaar => "aadhaar_check",
        _ => "bank_check",
    }
}

/// Every check of a journey of `merchant_id`, newest first.
pub async fn for_journey(
    db: &mut PgConnection,
    merchant_id: Uuid,
    journey_id: Uuid,
) -> Result<Vec<CheckRecord>, DbError> {
    let rows = sqlx::query!(
        r#"SELECT c.id, c.step_kind, c.attempt, c.status, c.code, c.subject, c.names, c.dob_matches, c.created_at, c.resolved_at,
                  c.entered_dob, r.name AS "aadhaar_name?", r.date_of_birth AS "aadhaar_dob?", r.gender AS "gender?",
                  r.address AS "address?", r.aadhaar_last4 AS "aadhaar_last4?", r.photo_object_id AS "photo_object_id?",
                  r.xml_object_id AS "xml_object_id?", r.certificate_fingerprint AS "certificate_fingerprint?"
         FROM online_checks c LEFT JOIN aadhaar_records r ON r.check_id = c.id AND r.merchant_id = c.merchant_id
         WHERE c.merchant_id = $1 AND c.journey_id = $2 ORDER BY c.created_at DESC, c.id"#,
        merchant_id,
        journey_id
    )
    .fetch_all(&mut *db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(CheckRecord {
                id: r.id,
                kind: StepKind::from_db(&r.step_kind)
                    .ok_or(DbError::Corrupt("online_checks.step_kind"))?,
                attempt: r.attempt,
                status: CheckStatus::from_db(&r.status)
                    .ok_or(DbError::Corrupt("online_checks.status"))?,
                code: r.code,
                subject: r.subject,
                names: serde_json::from_value(r.names)
                    .map_err(|_| DbError::Corrupt("online_checks.names"))?,
                dob_matches: r.dob_matches,
                created_at: r.created_at,
                resolved_at: r.resolved_at,
                aadhaar: match (r.aadhaar_name, r.aadhaar_dob, r.xml_object_id) {
                    (Some(name), Some(date_of_birth), Some(xml_object_id)) => {
                        Some(AadhaarEvidence {
                            record: AadhaarRecord {
                                name,
                                date_of_birth,
                                gender: r.gender.unwrap_or_default(),
                                address: r.address.unwrap_or_default(),
                                aadhaar_last4: r.aadhaar_last4.unwrap_or_default(),
                                photo_object_id: r.photo_object_id,
                                xml_object_id,
                                certificate_fingerprint: r
                                    .certificate_fingerprint
                                    .unwrap_or_default(),
                            },
                            entered_date_of_birth: r.entered_dob,
                        })
                    }
                    _ => None,
                },
            })
        })
        .collect()
}

/// The latest check of each step, as the customer sees it (no names, no scores).
pub async fn for_customer(
    db: &mut PgConnection,
    journey_id: Uuid,
) -> Result<Vec<CustomerCheck>, DbError> {
    let rows = sqlx::query!(
        "SELECT DISTINCT ON (step_kind) step_kind, status, code, subject
         FROM online_checks WHERE journey_id = $1 ORDER BY step_kind, created_at DESC, id",
        journey_id
    )
    .fetch_all(&mut *db)
    .await?;
    rows.into_iter()
        .map(|r| {
            let status =
                CheckStatus::from_db(&r.status).ok_or(DbError::Corrupt("online_checks.status"))?;
            let kind = StepKind::from_db(&r.step_kind)
                .ok_or(DbError::Corrupt("online_checks.step_kind"))?;
            Ok(CustomerCheck {
                kind,
                status,
                subject: r.subject,
                code: r.code,
            })
        })
        .collect()
}

/// The merchant's name-match bands.
pub async fn name_bands(db: &PgPool, merchant_id: Uuid) -> Result<NameBands, DbError> {
    let row = sqlx::query!(
        "SELECT name_match_pass_from, name_match_fail_to FROM merchants WHERE id = $1",
        merchant_id
    )
    .fetch_one(db)
    .await?;
    Ok(NameBands {
        pass_from: u8::try_from(row.name_match_pass_from)
            .map_err(|_| DbError::Corrupt("merchants.name_match_pass_from"))?,
        fail_to: u8::try_from(row.name_match_fail_to)
            .map_err(|_| DbError::Corrupt("merchants.name_match_fail_to"))?,
    })
}

/// Sets the merchant's name-match bands (fail_to < pass_from <= 100). The caller audits it.
pub async fn set_name_bands(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    bands: NameBands,
) -> Result<(), DbError> {
    if !bands.is_valid() {
        return Err(DbError::Refused(
            kyc_core::rules::SettingsRule::NameBandsInvalid.into(),
        ));
    }
    let updated = sqlx::query!(
        "UPDATE merchants SET name_match_pass_from = $2, name_match_fail_to = $3 WHERE id = $1",
        merchant_id,
        i16::from(bands.pass_from),
        i16::from(bands.fail_to)
    )
    .execute(db)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}
