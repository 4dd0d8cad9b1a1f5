//! The customer's own changes: consent, document files, selfie and signature captures,
//! removing drafts, and submission. Each runs under the journey's row lock and the core
//! rules; the journey id comes from the customer's session.

use kyc_core::email;
use kyc_core::rules::JourneyRule;
use kyc_core::submission::{self, CONSENT_VERSION};
use kyc_core::{DocumentRequirements, Journey, JourneyEvent, JourneyState, Refusal, StepKind};
use sqlx::{PgPool, Postgres, Transaction};
use time::OffsetDateTime;
use uuid::Uuid;

mod captures;
mod checks;
mod documents;

pub use captures::{save_capture, CaptureSource};
pub use checks::{start_check, NewCheck, StartedCheck};
pub use documents::{attach_document_file, remove_draft, DocumentTarget, MAX_DOCUMENTS};

use super::prepared::load_prepared;
use super::rows;
use super::transition::{self, Actor, Change};
use crate::{outbox, DbError};

const CUSTOMER: Actor = Actor::CUSTOMER;

/// A transaction holding the journey's row lock, for a journey the customer may change.
struct Locked<'a> {
    tx: Transaction<'a, Postgres>,
    merchant_id: Uuid,
    journey: Journey,
}

/// Locks the journey for a change by its customer. A journey whose window has passed
/// while the customer had work to do is expired here (and the change refused).
/// With `needs_consent` (everything but giving consent), nothing is collected before it.
async fn lock<'a>(
    db: &'a PgPool,
    journey_id: Uuid,
    now: OffsetDateTime,
    needs_consent: bool,
) -> Result<Locked<'a>, DbError> {
    let mut tx = db.begin().await?;
    let row = sqlx::query!(
        r#"SELECT merchant_id, consented_at IS NOT NULL AS "consented!" FROM journeys WHERE id = $1"#,
        journey_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let merchant_id = row.merchant_id;
    let (journey, _) = transition::load_locked(&mut tx, merchant_id, journey_id).await?;
    if transition::expire_if_due(&mut tx, merchant_id, journey_id, &journey, now).await? {
        tx.commit().await?;
        return Err(refused(&journey, Refusal::WindowPassed));
    }
    check_open(&journey, needs_consent && !row.consented)?;
    Ok(Locked {
        tx,
        merchant_id,
        journey,
    })
}

/// The customer may change a journey in progress, and (`consent_missing` aside) only
/// after consenting.
fn check_open(journey: &Journey, consent_missing: bool) -> Result<(), DbError> {
    if journey.state != JourneyState::InProgress {
        return Err(refused(journey, Refusal::JourneyNotInProgress));
    }
    if consent_missing {
        return Err(DbError::Refused(JourneyRule::ConsentRequired.into()));
    }
    Ok(())
}

fn refused(journey: &Journey, refusal: Refusal) -> DbError {
    DbError::Transition(kyc_core::InvalidTransition {
        lifecycle: kyc_core::Lifecycle::Journey,
        from: journey.state.as_str(),
        event: "customer_change",
        refusal,
    })
}

impl Locked<'_> {
    /// Lets the customer work on step `kind` (starting it, or taking it back after a
    /// hand-back) and records the change.
    async fn begin(
        &mut self,
        journey_id: Uuid,
        kind: StepKind,
        now: OffsetDateTime,
    ) -> Result<(), DbError> {
        let step = self
            .journey
            .step(kind)
            .ok_or_else(|| refused(&self.journey, Refusal::UnknownStep))?;
        let begin =
            submission::begin_work(step).map_err(|refusal| refused(&self.journey, refusal))?;
        if let Some(event) = begin {
            let (after, _) = transition::apply_to(
                &mut self.tx,
                self.merchant_id,
                journey_id,
                &self.journey,
                JourneyEvent::Step { kind, event },
                &CUSTOMER,
                None,
                now,
            )
            .await?;
            self.journey = after;
        }
        Ok(())
    }

    /// Records a change made by the customer.
    async fn record(
        &mut self,
        journey_id: Uuid,
        change: Change,
        reason: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<(), DbError> {
        transition::record(
            &mut self.tx,
            self.merchant_id,
            journey_id,
            change,
            &CUSTOMER,
            reason,
            now,
        )
        .await
    }

    async fn attach(&mut self, object_id: Uuid, now: OffsetDateTime) -> Result<(), DbError> {
        sqlx::query!(
            "UPDATE stored_objects SET state = 'attached', attached_at = $2 WHERE id = $1 AND state = 'staged'",
            object_id,
            now
        )
        .execute(&mut *self.tx)
        .await?
        .rows_affected()
        .eq(&1)
        .then_some(())
        .ok_or(DbError::NotFound)
    }
}

/// Whether the customer may change the journey at `now` (consented, in progress, in time),
/// asked before an upload is read so nothing is stored for a journey that would refuse it.
/// A plain read without the row lock: the change itself is checked again under the lock.
/// Only a journey whose window has passed is locked here, to expire it (as any change
/// would) before the refusal. Returns the journey's merchant (its objects are stored
/// under it).
pub async fn may_change(
    db: &PgPool,
    journey_id: Uuid,
    now: OffsetDateTime,
) -> Result<Uuid, DbError> {
    let row = sqlx::query!(
        r#"SELECT merchant_id, state, expires_at, consented_at IS NOT NULL AS "consented!"
           FROM journeys WHERE id = $1"#,
        journey_id
    )
    .fetch_one(db)
    .await?;
    let steps = rows::load_steps(db, journey_id)
        .await?
        .into_iter()
        .map(|(step, _)| step)
        .collect();
    let journey = Journey {
        state: rows::journey_state(&row.state)?,
        expires_at: row.expires_at,
        steps,
    };
    if journey.is_due_to_expire(now) {
        // Expired under the lock (and refused) unless someone changed it meanwhile; then
        // the lock's own checks decided, as for any change.
        let locked = lock(db, journey_id, now, true).await?;
        locked.tx.rollback().await?;
        return Ok(locked.merchant_id);
    }
    check_open(&journey, !row.consented)?;
    Ok(row.merchant_id)
}

/// Records the customer's consent (idempotent: the first time is kept), and `language`, the
/// one their pages were in, unless they chose one already: the emails follow it.
pub async fn give_consent(
    db: &PgPool,
    journey_id: Uuid,
    language: &str,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let mut locked = lock(db, journey_id, now, false).await?;
    let updated = sqlx::query!(
        "UPDATE journeys SET consented_at = $2, consent_version = $3, language = COALESCE(language, $4) \
         WHERE id = $1 AND consented_at IS NULL",
        journey_id,
        now,
        CONSENT_VERSION,
        language
    )
    .execute(&mut *locked.tx)
    .await?;
    if updated.rows_affected() == 1 {
        let change = Change::other("consent", "given");
        locked
            .record(journey_id, change, Some(CONSENT_VERSION), now)
            .await?;
    }
    locked.tx.commit().await?;
    Ok(())
}
/// Submits everything the customer prepared: the core rules decide whether it is complete
/// (`Unready` lists what is missing) and how each step moves; drafts become Pending
/// documents; the confirmation email is queued in the same transaction.
pub async fn submit(db: &PgPool, journey_id: Uuid, now: OffsetDateTime) -> Result<(), DbError> {
    let mut locked = lock(db, journey_id, now, true).await?;
    let prepared = load_prepared(&mut locked.tx, journey_id).await?;
    let events = submission::plan(&locked.journey, &DocumentRequirements::default(), &prepared)
        .map_err(DbError::Unready)?;
    for event in events {
        let (after, _) = transition::apply_to(
            &mut locked.tx,
            locked.merchant_id,
            journey_id,
            &locked.journey,
            event,
            &CUSTOMER,
            None,
            now,
        )
        .await?;
        locked.journey = after;
    }
    let drafts = sqlx::query_scalar!(
        "UPDATE documents SET submitted_at = $2 WHERE journey_id = $1 AND submitted_at IS NULL RETURNING id",
        journey_id,
        now
    )
    .fetch_all(&mut *locked.tx)
    .await?;
    for document_id in drafts {
        let change = Change::document(document_id, None, "pending");
        locked.record(journey_id, change, None, now).await?;
    }
    sqlx::query!(
        "UPDATE journey_captures SET submitted_at = $2 WHERE journey_id = $1 AND submitted_at IS NULL",
        journey_id,
        now
    )
    .execute(&mut *locked.tx)
    .await?;
    sqlx::query!(
        "UPDATE journeys SET submitted_at = $2 WHERE id = $1",
        journey_id,
        now
    )
    .execute(&mut *locked.tx)
    .await?;
    let change = Change::other("submission", "submitted");
    locked.record(journey_id, change, None, now).await?;
    queue_confirmation(&mut locked.tx, locked.merchant_id, journey_id, now).await?;
    locked.tx.commit().await?;
    Ok(())
}

async fn queue_confirmation(
    tx: &mut Transaction<'_, Postgres>,
    merchant_id: Uuid,
    journey_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let to = super::invitation::Recipient::of(tx, merchant_id, journey_id).await?;
    let content = email::submission_received(to.lang(), &to.brand(), &to.full_name);
    let message = outbox::NewEmail {
        id: Uuid::new_v4(),
        merchant_id,
        journey_id: Some(journey_id),
        kind: "submission_received",
        recipient: &to.email,
        content: &content,
        sealed_link: None,
    };
    outbox::enqueue(tx, &message, now).await
}

/// Keeps the language the customer chose (`en`, `hi`) for the journey's pages and emails.
pub async fn set_language(db: &PgPool, journey_id: Uuid, language: &str) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE journeys SET language = $2 WHERE id = $1",
        journey_id,
        language
    )
    .execute(db)
    .await?;
    Ok(())
}
