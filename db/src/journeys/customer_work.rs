//! The customer's own changes: consent, document files, selfie and signature captures,
//! removing drafts, and submission. Each runs under the journey's row lock and the core
//! rules; the journey id comes from the customer's session.

use kyc_core::document::DocumentSide;
use kyc_core::email::{self, EmailBrand};
use kyc_core::submission::{self, CONSENT_VERSION};
use kyc_core::{
    ActorKind, DocumentRequirements, DocumentType, Journey, JourneyEvent, JourneyState, Refusal,
    StepKind,
};
use sqlx::{PgPool, Postgres, Transaction};
use time::OffsetDateTime;
use uuid::Uuid;

use super::prepared::{load_documents, load_prepared};
use super::transition::{self, Actor, Change};
use crate::{outbox, DbError};

/// Drafts a customer may hold at once, so one journey cannot fill the store.
pub const MAX_DOCUMENTS: i64 = 12;

const CUSTOMER: Actor = Actor {
    kind: ActorKind::Customer,
    id: None,
};

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
    if journey.is_due_to_expire(now) {
        let system = Actor {
            kind: ActorKind::System,
            id: None,
        };
        transition::apply_to(
            &mut tx,
            merchant_id,
            journey_id,
            &journey,
            JourneyEvent::Expire,
            &system,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        return Err(refused(&journey, Refusal::WindowPassed));
    }
    if journey.state != JourneyState::InProgress {
        return Err(refused(&journey, Refusal::JourneyNotInProgress));
    }
    if needs_consent && !row.consented {
        return Err(DbError::Refused("consent_required"));
    }
    Ok(Locked {
        tx,
        merchant_id,
        journey,
    })
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

/// Whether the customer may change the journey now (consented, in progress, in time),
/// checked before an upload is read so nothing is stored for a journey that would refuse
/// it. A journey whose window has passed is expired here, as on any change.
pub async fn check_may_change(
    db: &PgPool,
    journey_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let locked = lock(db, journey_id, now, true).await?;
    locked.tx.rollback().await?;
    Ok(())
}

/// Records the customer's consent (idempotent: the first time is kept).
pub async fn give_consent(
    db: &PgPool,
    journey_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let mut locked = lock(db, journey_id, now, false).await?;
    let updated = sqlx::query!(
        "UPDATE journeys SET consented_at = $2, consent_version = $3 WHERE id = $1 AND consented_at IS NULL",
        journey_id,
        now,
        CONSENT_VERSION
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

/// Which document a new file belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentTarget {
    /// A new draft document of this category and type.
    New {
        category: String,
        doc_type: DocumentType,
    },
    /// A draft the customer started earlier (e.g. adding the back side).
    Existing(Uuid),
}

/// Records a stored object as one side of a draft document; returns the document's id.
pub async fn attach_document_file(
    db: &PgPool,
    journey_id: Uuid,
    target: &DocumentTarget,
    side: DocumentSide,
    object_id: Uuid,
    now: OffsetDateTime,
) -> Result<Uuid, DbError> {
    let mut locked = lock(db, journey_id, now, true).await?;
    locked.begin(journey_id, StepKind::Documents, now).await?;
    let documents = load_documents(&mut locked.tx, journey_id).await?;
    let document_id = match target {
        DocumentTarget::New { category, doc_type } => {
            if !DocumentRequirements::default().accepts(category, *doc_type) {
                return Err(DbError::Refused("type_not_accepted"));
            }
            let open = documents
                .iter()
                .filter(|d| d.submitted_at.is_none())
                .count();
            if open as i64 >= MAX_DOCUMENTS {
                return Err(DbError::Refused("too_many_documents"));
            }
            let id = Uuid::new_v4();
            sqlx::query!(
                "INSERT INTO documents (id, merchant_id, journey_id, category, doc_type, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                id,
                locked.merchant_id,
                journey_id,
                category,
                doc_type.as_str(),
                now
            )
            .execute(&mut *locked.tx)
            .await?;
            id
        }
        DocumentTarget::Existing(id) => {
            let document = documents
                .iter()
                .find(|d| d.id == *id)
                .ok_or(DbError::NotFound)?;
            if document.submitted_at.is_some() {
                return Err(DbError::Refused("document_submitted"));
            }
            let sides: Vec<DocumentSide> = document.files.iter().map(|f| f.side).collect();
            if !document.doc_type.accepts_side(&sides, side) {
                return Err(DbError::Refused("side_not_accepted"));
            }
            *id
        }
    };
    sqlx::query!(
        "INSERT INTO document_files (id, document_id, side, object_id, created_at) VALUES ($1, $2, $3, $4, $5)",
        Uuid::new_v4(),
        document_id,
        side.as_str(),
        object_id,
        now
    )
    .execute(&mut *locked.tx)
    .await?;
    locked.attach(object_id, now).await?;
    locked.tx.commit().await?;
    Ok(document_id)
}

/// Removes a draft document and marks its objects for deletion. Submitted documents stay.
pub async fn remove_draft(
    db: &PgPool,
    journey_id: Uuid,
    document_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let mut locked = lock(db, journey_id, now, true).await?;
    let submitted = sqlx::query_scalar!(
        "SELECT submitted_at FROM documents WHERE id = $1 AND journey_id = $2 FOR UPDATE",
        document_id,
        journey_id
    )
    .fetch_one(&mut *locked.tx)
    .await?;
    if submitted.is_some() {
        return Err(DbError::Refused("document_submitted"));
    }
    let objects = sqlx::query_scalar!(
        "DELETE FROM document_files WHERE document_id = $1 RETURNING object_id",
        document_id
    )
    .fetch_all(&mut *locked.tx)
    .await?;
    sqlx::query!("DELETE FROM documents WHERE id = $1", document_id)
        .execute(&mut *locked.tx)
        .await?;
    sqlx::query!(
        "UPDATE stored_objects SET state = 'discarded', attached_at = NULL, discarded_at = $2 WHERE id = ANY($1)",
        &objects,
        now
    )
    .execute(&mut *locked.tx)
    .await?;
    locked.tx.commit().await?;
    Ok(())
}

/// How a capture was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureSource {
    Camera,
    File,
    Drawn,
}

impl CaptureSource {
    fn as_str(self) -> &'static str {
        match self {
            CaptureSource::Camera => "camera",
            CaptureSource::File => "file",
            CaptureSource::Drawn => "drawn",
        }
    }
}

/// Records a stored object as the selfie or signature of the journey, replacing an earlier
/// one: a draft is discarded, a submitted one stays stored as evidence of what was reviewed.
pub async fn save_capture(
    db: &PgPool,
    journey_id: Uuid,
    kind: StepKind,
    object_id: Uuid,
    source: CaptureSource,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    if !matches!(kind, StepKind::Selfie | StepKind::Signature) {
        return Err(DbError::Refused("not_a_capture_step"));
    }
    let mut locked = lock(db, journey_id, now, true).await?;
    locked.begin(journey_id, kind, now).await?;
    let replaced = sqlx::query_scalar!(
        "SELECT object_id FROM journey_captures WHERE journey_id = $1 AND step_kind = $2 AND submitted_at IS NULL FOR UPDATE",
        journey_id,
        kind.as_str()
    )
    .fetch_optional(&mut *locked.tx)
    .await?;
    sqlx::query!(
        "INSERT INTO journey_captures (journey_id, merchant_id, step_kind, object_id, source, captured_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (journey_id, step_kind) DO UPDATE
         SET object_id = EXCLUDED.object_id, source = EXCLUDED.source, captured_at = EXCLUDED.captured_at, submitted_at = NULL",
        journey_id,
        locked.merchant_id,
        kind.as_str(),
        object_id,
        source.as_str(),
        now
    )
    .execute(&mut *locked.tx)
    .await?;
    if let Some(old) = replaced {
        sqlx::query!(
            "UPDATE stored_objects SET state = 'discarded', attached_at = NULL, discarded_at = $2 WHERE id = $1",
            old,
            now
        )
        .execute(&mut *locked.tx)
        .await?;
    }
    locked.attach(object_id, now).await?;
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
    let row = sqlx::query!(
        "SELECT c.full_name, c.email, m.display_name, m.primary_colour
         FROM journeys j JOIN customers c ON c.id = j.customer_id JOIN merchants m ON m.id = j.merchant_id
         WHERE j.id = $1 AND j.merchant_id = $2",
        journey_id,
        merchant_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let brand = EmailBrand {
        merchant_name: &row.display_name,
        primary_colour: &row.primary_colour,
    };
    let content = email::submission_received(&brand, &row.full_name);
    let message = outbox::NewEmail {
        merchant_id,
        journey_id: Some(journey_id),
        kind: "submission_received",
        recipient: &row.email,
        content: &content,
    };
    outbox::enqueue(tx, &message, now).await
}
