//! Comments on a document or a step: internal, or visible to the customer.

use kyc_core::review::forms::NewComment;
use kyc_core::review::{CaseComment, Visibility};
use kyc_core::views::CustomerComment;
use sqlx::PgPool;
use uuid::Uuid;

use super::Reviewer;
use crate::journeys::rows;
use crate::DbError;

pub use kyc_core::review::forms::CommentTarget as Target;

/// Adds a comment to a document or a step of the merchant's journey; audited (without its
/// text). `NotFound` when the journey, document or step is not the merchant's.
pub async fn add(
    tx: &mut crate::Tx<'_>,
    by: &Reviewer<'_>,
    journey_id: Uuid,
    comment: &NewComment,
) -> Result<Uuid, DbError> {
    let NewComment {
        target,
        visibility,
        body,
    } = comment;
    sqlx::query_scalar!(
        "SELECT id FROM journeys WHERE merchant_id = $1 AND id = $2",
        by.merchant_id,
        journey_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let (document_id, step) = match *target {
        Target::Document(id) => {
            sqlx::query_scalar!(
                "SELECT id FROM documents WHERE journey_id = $1 AND id = $2 AND submitted_at IS NOT NULL",
                journey_id,
                id
            )
            .fetch_one(&mut **tx)
            .await?;
            (Some(id), None)
        }
        Target::Step(kind) => {
            sqlx::query_scalar!(
                "SELECT kind FROM journey_steps WHERE journey_id = $1 AND kind = $2",
                journey_id,
                kind.as_str()
            )
            .fetch_one(&mut **tx)
            .await?;
            (None, Some(kind.as_str()))
        }
    };
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO comments (id, merchant_id, journey_id, document_id, step_kind, author_id, visibility, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        id,
        by.merchant_id,
        journey_id,
        document_id,
        step,
        by.user_id,
        visibility.as_str(),
        body.as_str(),
        by.now,
    )
    .execute(&mut **tx)
    .await?;
    let detail = serde_json::json!({ "visibility": visibility.as_str(), "document_id": document_id, "step": step });
    by.record(
        tx,
        journey_id,
        "comment.added",
        ("comment", Some(id)),
        detail,
    )
    .await?;
    Ok(id)
}

/// Every comment of a journey, for staff.
pub async fn for_staff(db: &PgPool, journey_id: Uuid) -> Result<Vec<CaseComment>, DbError> {
    let rows = sqlx::query!(
        "SELECT c.id, c.document_id, c.step_kind, u.display_name, c.visibility, c.body, c.created_at
         FROM comments c JOIN staff_users u ON u.id = c.author_id
         WHERE c.journey_id = $1 ORDER BY c.created_at, c.id",
        journey_id
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(CaseComment {
                id: r.id,
                document_id: r.document_id,
                step: r.step_kind.as_deref().map(rows::step_kind).transpose()?,
                author_name: r.display_name,
                visibility: Visibility::from_db(&r.visibility)
                    .ok_or(DbError::Corrupt("comments.visibility"))?,
                body: r.body,
                created_at: r.created_at,
            })
        })
        .collect()
}

/// The customer-visible comments of a journey; internal ones are never read here.
pub async fn for_customer(db: &PgPool, journey_id: Uuid) -> Result<Vec<CustomerComment>, DbError> {
    let rows = sqlx::query!(
        "SELECT document_id, step_kind, body, created_at FROM comments
         WHERE journey_id = $1 AND visibility = 'customer' ORDER BY created_at, id",
        journey_id
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(CustomerComment {
                document_id: r.document_id,
                step: r.step_kind.as_deref().map(rows::step_kind).transpose()?,
                body: r.body,
                created_at: r.created_at,
            })
        })
        .collect()
}
