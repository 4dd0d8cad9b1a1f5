//! Document files: a new draft or another side of one, and removing a draft.

use kyc_core::document::DocumentSide;
use kyc_core::{DocumentRequirements, DocumentType, StepKind};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::lock;
use crate::journeys::prepared::load_documents;
use crate::DbError;

/// Drafts a customer may hold at once, so one journey cannot fill the store.
pub const MAX_DOCUMENTS: i64 = 12;
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
                return Err(DbError::Refused(
                    kyc_core::rules::JourneyRule::TypeNotAccepted.into(),
                ));
            }
            let open = documents
                .iter()
                .filter(|d| d.submitted_at.is_none())
                .count();
            if open as i64 >= MAX_DOCUMENTS {
                return Err(DbError::Refused(
                    kyc_core::rules::JourneyRule::TooManyDocuments.into(),
                ));
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
                return Err(DbError::Refused(
                    kyc_core::rules::JourneyRule::DocumentSubmitted.into(),
                ));
            }
            let sides: Vec<DocumentSide> = document.files.iter().map(|f| f.side).collect();
            if !document.doc_type.accepts_side(&sides, side) {
                return Err(DbError::Refused(
                    kyc_core::rules::JourneyRule::SideNotAccepted.into(),
                ));
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
        return Err(DbError::Refused(
            kyc_core::rules::JourneyRule::DocumentSubmitted.into(),
        ));
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
