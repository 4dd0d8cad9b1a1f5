//! Reading stored journey and step values back into domain types.

use kyc_core::{JourneyState, Party, RequiredAction, Step, StepKind, StepState};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

pub(crate) fn journey_state(stored: &str) -> Result<JourneyState, DbError> {
    JourneyState::from_db(stored).ok_or(DbError::Corrupt("journeys.state"))
}

pub(crate) fn step_kind(stored: &str) -> Result<StepKind, DbError> {
    StepKind::from_db(stored).ok_or(DbError::Corrupt("journey_steps.kind"))
}

/// The steps of a journey in order, with when each last changed.
pub(crate) async fn load_steps(
    db: impl sqlx::PgExecutor<'_>,
    journey_id: Uuid,
) -> Result<Vec<(Step, OffsetDateTime)>, DbError> {
    let rows = sqlx::query!(
        "SELECT kind, state, action_by, reason_code, customer_message, internal_note, attempts, max_attempts, updated_at
         FROM journey_steps WHERE journey_id = $1 ORDER BY position",
        journey_id
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            let state = match r.state.as_str() {
                "not_started" => StepState::NotStarted,
                "in_progress" => StepState::InProgress,
                "completed" => StepState::Completed,
                "failed" => StepState::Failed,
                "requires_action" => StepState::RequiresAction(RequiredAction {
                    by: r
                        .action_by
                        .as_deref()
                        .and_then(Party::from_db)
                        .ok_or(DbError::Corrupt("journey_steps.action_by"))?,
                    reason_code: r.reason_code.unwrap_or_default(),
                    customer_message: r.customer_message.unwrap_or_default(),
                    internal_note: r.internal_note.unwrap_or_default(),
                }),
                _ => return Err(DbError::Corrupt("journey_steps.state")),
            };
            let step = Step {
                kind: step_kind(&r.kind)?,
                state,
                attempts: u32::try_from(r.attempts)
                    .map_err(|_| DbError::Corrupt("journey_steps.attempts"))?,
                max_attempts: u32::try_from(r.max_attempts)
                    .map_err(|_| DbError::Corrupt("journey_steps.max_attempts"))?,
            };
            Ok((step, r.updated_at))
        })
        .collect()
}
