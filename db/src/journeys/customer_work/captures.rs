//! The selfie and the signature: one current capture per step.

use kyc_core::StepKind;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::lock;
use crate::DbError;

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
        return Err(DbError::Refused(
            kyc_core::rules::JourneyRule::NotACaptureStep.into(),
        ));
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
