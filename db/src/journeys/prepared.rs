//! Reading what the customer has prepared: documents with their files, and captures.

use kyc_core::document::{DocumentSide, Rejection, RejectionMode, RejectionReason};
use kyc_core::submission::Prepared;
use kyc_core::views::{CustomerCapture, CustomerDocument, CustomerFile};
use kyc_core::{DocumentState, DocumentType, Step};
use sqlx::{PgConnection, Postgres, Transaction};
use uuid::Uuid;

use super::rows;
use crate::DbError;

/// Every document of a journey with its files, oldest first.
pub(crate) async fn load_documents(
    db: &mut PgConnection,
    journey_id: Uuid,
) -> Result<Vec<CustomerDocument>, DbError> {
    let rows = sqlx::query!(
        "SELECT id, category, doc_type, state, rejection_reason, rejection_mode, review_comment, submitted_at
         FROM documents WHERE journey_id = $1 ORDER BY created_at, id",
        journey_id
    )
    .fetch_all(&mut *db)
    .await?;
    let files = sqlx::query!(
        "SELECT f.document_id, f.side, f.object_id, o.content_type
         FROM document_files f JOIN documents d ON d.id = f.document_id JOIN stored_objects o ON o.id = f.object_id
         WHERE d.journey_id = $1 ORDER BY f.side",
        journey_id
    )
    .fetch_all(&mut *db)
    .await?;
    rows.into_iter()
        .map(|r| {
            let state = match r.state.as_str() {
                "pending" => DocumentState::Pending,
                "approved" => DocumentState::Approved,
                "rejected" => DocumentState::Rejected(Rejection {
                    reason: r
                        .rejection_reason
                        .as_deref()
                        .and_then(RejectionReason::from_db)
                        .ok_or(DbError::Corrupt("documents.rejection_reason"))?,
                    mode: r
                        .rejection_mode
                        .as_deref()
                        .and_then(RejectionMode::from_db)
                        .ok_or(DbError::Corrupt("documents.rejection_mode"))?,
                    comment: r.review_comment.unwrap_or_default(),
                }),
                _ => return Err(DbError::Corrupt("documents.state")),
            };
            let files = files
                .iter()
                .filter(|f| f.document_id == r.id)
                .map(|f| {
                    Ok(CustomerFile {
                        object_id: f.object_id,
                        side: DocumentSide::from_db(&f.side)
                            .ok_or(DbError::Corrupt("document_files.side"))?,
                        content_type: f.content_type.clone(),
                    })
                })
                .collect::<Result<_, DbError>>()?;
            Ok(CustomerDocument {
                id: r.id,
                category: r.category,
                doc_type: DocumentType::from_db(&r.doc_type)
                    .ok_or(DbError::Corrupt("documents.doc_type"))?,
                files,
                submitted_at: r.submitted_at,
                state,
            })
        })
        .collect()
}

/// The current selfie and signature of a journey.
pub(crate) async fn load_captures(
    db: &mut PgConnection,
    journey_id: Uuid,
) -> Result<Vec<CustomerCapture>, DbError> {
    let rows = sqlx::query!(
        "SELECT step_kind, object_id, captured_at, submitted_at FROM journey_captures WHERE journey_id = $1 ORDER BY step_kind",
        journey_id
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(CustomerCapture {
                kind: rows::step_kind(&r.step_kind)?,
                object_id: r.object_id,
                captured_at: r.captured_at,
                submitted: r.submitted_at.is_some(),
            })
        })
        .collect()
}

/// What submission looks at, read in the caller's transaction (under the journey lock).
pub(crate) async fn load_prepared(
    tx: &mut Transaction<'_, Postgres>,
    journey_id: Uuid,
) -> Result<Prepared, DbError> {
    let row = sqlx::query!(
        r#"SELECT consented_at IS NOT NULL AS "consented!", submitted_at IS NOT NULL AS "submitted!" FROM journeys WHERE id = $1"#,
        journey_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let documents = load_documents(tx, journey_id).await?;
    let captures = load_captures(tx, journey_id).await?;
    let checks = crate::checks::for_customer(tx, journey_id).await?;
    let steps: Vec<Step> = rows::load_steps(&mut **tx, journey_id)
        .await?
        .into_iter()
        .map(|(step, _)| step)
        .collect();
    Ok(kyc_core::views::CustomerJourney::prepared_from(
        row.consented,
        row.submitted,
        &documents,
        &captures,
        &checks,
        &steps,
    ))
}
