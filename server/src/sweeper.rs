//! Deletes stored objects nothing points at: drafts the customer removed, retaken
//! captures, and uploads that crashed between storing and recording.

use kyc_db::objects;
use kyc_db::PgPool;
use time::{Duration, OffsetDateTime};

use crate::storage::{DocumentStore, ObjectKey};

/// How long a staged object may wait for its upload to be recorded before it counts as
/// abandoned. An upload takes seconds; an hour leaves room for a slow one.
pub const STAGED_GRACE: Duration = Duration::hours(1);

/// One pass: deletes up to 500 sweepable objects; returns how many were removed.
pub async fn sweep_once(db: &PgPool, store: &DocumentStore) -> usize {
    sweep_at(db, store, OffsetDateTime::now_utc()).await
}

/// [`sweep_once`] as of `now` (tests move the clock instead of waiting an hour).
pub async fn sweep_at(db: &PgPool, store: &DocumentStore, now: OffsetDateTime) -> usize {
    let found = match objects::sweepable(db, STAGED_GRACE, now, 500).await {
        Ok(found) => found,
        Err(error) => {
            tracing::warn!(error = %error, "listing objects to sweep failed");
            return 0;
        }
    };
    let mut removed = 0;
    for object in found {
        let Some(key) = ObjectKey::parse(&object.object_key) else {
            tracing::error!(object.id = %object.id, "stored object has a malformed key");
            continue;
        };
        if let Err(error) = store.delete(&key).await {
            tracing::warn!(object.id = %object.id, error = %error, "deleting an object failed");
            continue;
        }
        match objects::forget(db, object.id).await {
            Ok(true) => removed += 1,
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(object.id = %object.id, error = %error, "forgetting an object failed")
            }
        }
    }
    if removed > 0 {
        tracing::info!(removed, "swept unused stored objects");
    }
    removed
}
