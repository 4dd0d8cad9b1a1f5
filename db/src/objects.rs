//! Stored objects: the metadata of every encrypted object in storage. A row is written
//! (`staged`) before the bytes are stored, marked `attached` in the transaction that
//! records what it belongs to, and `discarded` when it is to be deleted, so a sweeper can
//! always find objects nothing points at, whatever crashed when.

use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::DbError;

/// What is known about an object before its bytes are stored.
#[derive(Debug, Clone)]
pub struct NewObject<'a> {
    pub object_key: &'a str,
    pub content_type: &'a str,
    pub byte_size: i64,
    pub sha256: [u8; 32],
}

/// The bytes the journey's files take in storage (staged and attached ones).
pub async fn journey_bytes(db: &PgPool, journey_id: Uuid) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar!(
        r#"SELECT COALESCE(sum(byte_size), 0)::bigint AS "bytes!" FROM stored_objects
           WHERE journey_id = $1 AND state IN ('staged', 'attached')"#,
        journey_id
    )
    .fetch_one(db)
    .await?)
}

/// Records an object about to be stored for `journey_id`; returns its id.
pub async fn stage(
    db: &PgPool,
    journey_id: Uuid,
    object: &NewObject<'_>,
    now: OffsetDateTime,
) -> Result<Uuid, DbError> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO stored_objects (id, merchant_id, journey_id, object_key, content_type, byte_size, sha256, state, created_at)
         SELECT $1, merchant_id, id, $3, $4, $5, $6, 'staged', $7 FROM journeys WHERE id = $2",
        id,
        journey_id,
        object.object_key,
        object.content_type,
        object.byte_size,
        &object.sha256[..],
        now,
    )
    .execute(db)
    .await?
    .rows_affected()
    .eq(&1)
    .then_some(id)
    .ok_or(DbError::NotFound)
}

/// Marks a staged object for deletion (its upload could not be recorded). An object that
/// was attached after all (the commit succeeded but its answer was lost) is left alone.
pub async fn discard(db: &PgPool, object_id: Uuid, now: OffsetDateTime) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE stored_objects SET state = 'discarded', discarded_at = $2 WHERE id = $1 AND state = 'staged'",
        object_id,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// An object the sweeper should delete from storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sweepable {
    pub id: Uuid,
    pub object_key: String,
}

/// Objects to delete: discarded ones, and staged ones older than `grace` (an upload that
/// crashed between storing and recording; a live upload takes seconds, not the grace).
pub async fn sweepable(
    db: &PgPool,
    grace: Duration,
    now: OffsetDateTime,
    limit: i64,
) -> Result<Vec<Sweepable>, DbError> {
    // Abandoned uploads are discarded first, so a late attempt to record one fails
    // instead of pointing at bytes about to be deleted.
    sqlx::query!(
        "UPDATE stored_objects SET state = 'discarded', discarded_at = $2 WHERE state = 'staged' AND created_at < $1",
        now - grace,
        now
    )
    .execute(db)
    .await?;
    let rows = sqlx::query_as!(
        Sweepable,
        "SELECT id, object_key FROM stored_objects WHERE state = 'discarded' ORDER BY discarded_at LIMIT $1",
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows)
}

/// Forgets an object whose bytes have been deleted. Attached objects are never forgotten.
pub async fn forget(db: &PgPool, object_id: Uuid) -> Result<bool, DbError> {
    let done = sqlx::query!(
        "DELETE FROM stored_objects WHERE id = $1 AND state <> 'attached'",
        object_id
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An attached object of a journey, for serving it back to the customer or staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedObject {
    pub object_key: String,
    pub content_type: String,
}

/// The attached object `object_id` if it belongs to `journey_id`.
pub async fn attached_to_journey(
    db: &PgPool,
    journey_id: Uuid,
    object_id: Uuid,
) -> Result<AttachedObject, DbError> {
    let row = sqlx::query_as!(
        AttachedObject,
        "SELECT object_key, content_type FROM stored_objects WHERE id = $1 AND journey_id = $2 AND state = 'attached'",
        object_id,
        journey_id
    )
    .fetch_one(db)
    .await?;
    Ok(row)
}

/// The object `object_id` if it belongs to a journey of `merchant_id` and was given to the
/// merchant (a submitted document's file, a submitted capture, a ticket attachment, a
/// verified e-Aadhaar's photo or signed XML; never a draft), with that journey's id (for
/// staff: the review case view).
pub async fn attached_in_merchant(
    db: &PgPool,
    merchant_id: Uuid,
    object_id: Uuid,
) -> Result<(Uuid, AttachedObject), DbError> {
    let row = sqlx::query!(
        "SELECT o.journey_id, o.object_key, o.content_type FROM stored_objects o
         WHERE o.id = $1 AND o.merchant_id = $2 AND o.state = 'attached'
           AND (EXISTS (SELECT 1 FROM document_files f JOIN documents d ON d.id = f.document_id
                        WHERE f.object_id = o.id AND d.submitted_at IS NOT NULL)
                OR EXISTS (SELECT 1 FROM journey_captures c WHERE c.object_id = o.id AND c.submitted_at IS NOT NULL)
                OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.attachment_id = o.id)
                OR EXISTS (SELECT 1 FROM aadhaar_records a WHERE a.photo_object_id = o.id OR a.xml_object_id = o.id))",
        object_id,
        merchant_id
    )
    .fetch_one(db)
    .await?;
    Ok((
        row.journey_id,
        AttachedObject {
            object_key: row.object_key,
            content_type: row.content_type,
        },
    ))
}
