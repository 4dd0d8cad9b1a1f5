//! The one way a journey changes: lock the row, let `kyc-core` decide, write the new
//! states and one event per change, in the caller's transaction.

use kyc_core::journey::ExpiryReason;
use kyc_core::{ActorKind, Journey, JourneyEvent, JourneyState, StepKind, StepState};
use sqlx::{Postgres, Transaction};
use time::OffsetDateTime;
use uuid::Uuid;

use super::rows;
use crate::DbError;

/// Who caused a change: a kind and, for staff, their user id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub kind: ActorKind,
    pub id: Option<Uuid>,
}

impl Actor {
    /// The platform itself (the expiry worker, a rule applied on access).
    pub const SYSTEM: Actor = Actor {
        kind: ActorKind::System,
        id: None,
    };
    /// The customer behind the link.
    pub const CUSTOMER: Actor = Actor {
        kind: ActorKind::Customer,
        id: None,
    };
}

/// One state change to record on the timeline.
pub(crate) struct Change {
    subject: &'static str,
    step_kind: Option<StepKind>,
    document_id: Option<Uuid>,
    from: Option<&'static str>,
    to: &'static str,
}

impl Change {
    pub(crate) fn journey(from: Option<JourneyState>, to: JourneyState) -> Self {
        Change {
            subject: "journey",
            step_kind: None,
            document_id: None,
            from: from.map(JourneyState::as_str),
            to: to.as_str(),
        }
    }

    /// A document's review state changed (`from` is `None` when it was first submitted).
    pub(crate) fn document(id: Uuid, from: Option<&'static str>, to: &'static str) -> Self {
        Change {
            subject: "document",
            step_kind: None,
            document_id: Some(id),
            from,
            to,
        }
    }

    /// A fact without a state machine of its own: `consent` given, `submission` made.
    pub(crate) fn other(subject: &'static str, to: &'static str) -> Self {
        Change {
            subject,
            step_kind: None,
            document_id: None,
            from: None,
            to,
        }
    }

    fn step(kind: StepKind, from: &StepState, to: &StepState) -> Self {
        Change {
            subject: "step",
            step_kind: Some(kind),
            document_id: None,
            from: Some(from.as_str()),
            to: to.as_str(),
        }
    }
}

/// Appends one event row. The caller holds the journey's row lock (or created the journey in
/// this transaction): a journey's events then commit in id order, which the live tracker's
/// catch-up ("events after id N") relies on.
pub(crate) async fn record(
    tx: &mut Transaction<'_, Postgres>,
    merchant_id: Uuid,
    journey_id: Uuid,
    change: Change,
    actor: &Actor,
    reason: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO journey_events (merchant_id, journey_id, subject, step_kind, document_id, from_state, to_state, actor_kind, actor_id, reason, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        merchant_id,
        journey_id,
        change.subject,
        change.step_kind.map(StepKind::as_str),
        change.document_id,
        change.from,
        change.to,
        actor.kind.as_str(),
        actor.id,
        reason,
        now,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The journey of `merchant_id` and its version, read under a row lock held until the
/// transaction ends; `NotFound` for another merchant's journey. The lock is `NO KEY UPDATE`:
/// it serialises changes to the journey but lets rows that merely reference it (audit
/// entries, comments, emails) be inserted meanwhile, so no lock-order deadlock arises.
pub(crate) async fn load_locked(
    tx: &mut Transaction<'_, Postgres>,
    merchant_id: Uuid,
    journey_id: Uuid,
) -> Result<(Journey, i32), DbError> {
    let row = sqlx::query!(
        "SELECT state, expires_at, version FROM journeys WHERE merchant_id = $1 AND id = $2 FOR NO KEY UPDATE",
        merchant_id,
        journey_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let steps = rows::load_steps(&mut **tx, journey_id)
        .await?
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let journey = Journey {
        state: rows::journey_state(&row.state)?,
        expires_at: row.expires_at,
        steps,
    };
    Ok((journey, row.version))
}

/// Loads the journey of `merchant_id` under a row lock, applies `event` through the core
/// rules and writes the result with its events. `expected_version`, when given, must match
/// the stored version (`Stale` otherwise). Returns the new journey and version.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is a distinct part of the change"
)]
pub async fn apply(
    tx: &mut Transaction<'_, Postgres>,
    merchant_id: Uuid,
    journey_id: Uuid,
    event: JourneyEvent,
    actor: &Actor,
    reason: Option<&str>,
    expected_version: Option<i32>,
    now: OffsetDateTime,
) -> Result<(Journey, i32), DbError> {
    let (before, version) = load_locked(tx, merchant_id, journey_id).await?;
    if expected_version.is_some_and(|v| v != version) {
        return Err(DbError::Stale);
    }
    apply_to(
        tx,
        merchant_id,
        journey_id,
        &before,
        event,
        actor,
        reason,
        now,
    )
    .await
}

/// Applies `event` to `before`, a journey the caller loaded with [`load_locked`] in this
/// transaction, and writes the result with one event per change.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is a distinct part of the change"
)]
pub(crate) async fn apply_to(
    tx: &mut Transaction<'_, Postgres>,
    merchant_id: Uuid,
    journey_id: Uuid,
    before: &Journey,
    event: JourneyEvent,
    actor: &Actor,
    reason: Option<&str>,
    now: OffsetDateTime,
) -> Result<(Journey, i32), DbError> {
    let end_reason = match &event {
        JourneyEvent::Expire => Some(ExpiryReason::WindowPassed.as_str()),
        JourneyEvent::Revoke => Some(ExpiryReason::Revoked.as_str()),
        JourneyEvent::Reject => Some(reason.unwrap_or("rejected")),
        _ => None,
    };
    let after = before.apply(event, now)?;

    for (old, new) in before
        .steps
        .iter()
        .zip(&after.steps)
        .filter(|(old, new)| old != new)
    {
        let action = match &new.state {
            StepState::RequiresAction(action) => Some(action),
            _ => None,
        };
        sqlx::query!(
            "UPDATE journey_steps SET state = $3, action_by = $4, reason_code = $5, customer_message = $6, internal_note = $7,
                 attempts = $8, updated_at = $9
             WHERE journey_id = $1 AND kind = $2",
            journey_id,
            new.kind.as_str(),
            new.state.as_str(),
            action.map(|a| a.by.as_str()),
            action.map(|a| a.reason_code.as_str()),
            action.map(|a| a.customer_message.as_str()),
            action.map(|a| a.internal_note.as_str()),
            i32::try_from(new.attempts).map_err(|_| DbError::Corrupt("journey_steps.attempts"))?,
            now,
        )
        .execute(&mut **tx)
        .await?;
        let step_reason = reason.or(action.map(|a| a.reason_code.as_str()));
        record(
            tx,
            merchant_id,
            journey_id,
            Change::step(new.kind, &old.state, &new.state),
            actor,
            step_reason,
            now,
        )
        .await?;
    }

    let version = sqlx::query_scalar!(
        "UPDATE journeys SET state = $3, version = version + 1,
             opened_at = CASE WHEN $3 = 'in_progress' THEN coalesce(opened_at, $4) ELSE opened_at END,
             ended_at = CASE WHEN $5 THEN $4 END,
             end_reason = coalesce($6, end_reason)
         WHERE merchant_id = $1 AND id = $2
         RETURNING version",
        merchant_id,
        journey_id,
        after.state.as_str(),
        now,
        after.state.is_terminal(),
        end_reason,
    )
    .fetch_one(&mut **tx)
    .await?;
    if after.state != before.state {
        let change = Change::journey(Some(before.state), after.state);
        record(
            tx,
            merchant_id,
            journey_id,
            change,
            actor,
            end_reason.or(reason),
            now,
        )
        .await?;
    }
    Ok((after, version))
}

/// Expires `journey` (loaded with [`load_locked`] in this transaction) when its window
/// has passed while the customer had work to do; whether it did.
pub(crate) async fn expire_if_due(
    tx: &mut Transaction<'_, Postgres>,
    merchant_id: Uuid,
    journey_id: Uuid,
    journey: &Journey,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    if !journey.is_due_to_expire(now) {
        return Ok(false);
    }
    apply_to(
        tx,
        merchant_id,
        journey_id,
        journey,
        JourneyEvent::Expire,
        &Actor::SYSTEM,
        None,
        now,
    )
    .await?;
    Ok(true)
}
