//! The customer starting an online check (bank penny drop, DigiLocker): the step is begun
//! (a retry counts as a new try) and the check recorded as waiting, before the provider is
//! called. One check per step can wait at a time.

use kyc_core::{Refusal, StepKind};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{lock, refused};
use crate::DbError;

/// A check to record as waiting for its provider.
#[derive(Debug, Clone)]
pub struct NewCheck {
    pub kind: StepKind,
    pub provider: String,
    /// What is checked, as staff read it (never a whole account or Aadhaar number).
    pub subject: String,
    /// What the customer typed: the account holder's name (bank) or their name as on
    /// Aadhaar and their birth date (DigiLocker); the account as its last four digits.
    pub holder_name: Option<String>,
    pub entered_dob: Option<time::Date>,
    pub account_last4: Option<String>,
    pub ifsc: Option<String>,
}

/// The recorded check: its id, the merchant whose journey it is, and the step's try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartedCheck {
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub attempt: i32,
}

/// Begins the step and records the check as waiting. Refused when the step is not the
/// customer's to do (`NoRetriesLeft` once every try is used), or another check of the step
/// is still waiting (`check_waiting`).
pub async fn start_check(
    db: &PgPool,
    journey_id: Uuid,
    check: &NewCheck,
    now: OffsetDateTime,
) -> Result<StartedCheck, DbError> {
    if !matches!(
        check.kind,
        StepKind::BankAccount | StepKind::DigiLockerAadhaar
    ) {
        return Err(DbError::Refused(
            kyc_core::rules::JourneyRule::NotACheckStep.into(),
        ));
    }
    let mut locked = lock(db, journey_id, now, true).await?;
    let waiting = sqlx::query_scalar!(
        "SELECT EXISTS (SELECT 1 FROM online_checks WHERE journey_id = $1 AND step_kind = $2 AND status = 'waiting') AS \"waiting!\"",
        journey_id,
        check.kind.as_str()
    )
    .fetch_one(&mut *locked.tx)
    .await?;
    if waiting {
        return Err(DbError::Refused(
            kyc_core::rules::JourneyRule::CheckWaiting.into(),
        ));
    }
    locked.begin(journey_id, check.kind, now).await?;
    let step = locked
        .journey
        .step(check.kind)
        .ok_or_else(|| refused(&locked.journey, Refusal::UnknownStep))?;
    let attempt = i32::try_from(step.attempts.max(1)).unwrap_or(i32::MAX);
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO online_checks (id, merchant_id, journey_id, step_kind, attempt, status, subject, provider,
             holder_name, entered_dob, account_last4, ifsc, created_at)
         VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $7, $8, $9, $10, $11, $12)",
        id,
        locked.merchant_id,
        journey_id,
        check.kind.as_str(),
        attempt,
        check.subject,
        check.provider,
        check.holder_name,
        check.entered_dob,
        check.account_last4,
        check.ifsc,
        now
    )
    .execute(&mut *locked.tx)
    .await?;
    let merchant_id = locked.merchant_id;
    locked.tx.commit().await?;
    Ok(StartedCheck {
        id,
        merchant_id,
        attempt,
    })
}
