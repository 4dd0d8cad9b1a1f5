//! A link's life after it is generated: resent with a new token, revoked, or expired by
//! the worker when its window passes while the customer still has work to do.

use kyc_core::journey::ExpiryReason;
use kyc_core::link::TokenHash;
use kyc_core::rules::Refused;
use kyc_core::{ActorKind, JourneyEvent, Refusal};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::invitation::{self, Invitation};
use super::transition::{self, Actor, Change};
use crate::{DbError, Tx};

/// Replaces the journey's token with `token_hash`: the old link (and any session opened
/// with it) stops working at once. Under the row lock, so of two resends at once exactly
/// one token is valid afterwards: the later one. Ended journeys are refused. With an
/// `invitation`, the new link is also emailed to the customer (queued in the caller's
/// transaction).
pub async fn resend(
    tx: &mut Tx<'_>,
    merchant_id: Uuid,
    operator_id: Uuid,
    journey_id: Uuid,
    token_hash: &TokenHash,
    invitation: Option<&Invitation>,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let (journey, _) = transition::load_locked(tx, merchant_id, journey_id).await?;
    if journey.state.is_terminal() || journey.is_due_to_expire(now) {
        return Err(DbError::Transition(kyc_core::InvalidTransition {
            lifecycle: kyc_core::Lifecycle::Journey,
            from: journey.state.as_str(),
            event: "resend",
            refusal: if journey.state.is_terminal() {
                Refusal::Terminal
            } else {
                Refusal::WindowPassed
            },
        }));
    }
    sqlx::query!(
        "UPDATE journeys SET token_hash = $3, version = version + 1 WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        journey_id,
        &token_hash.0[..]
    )
    .execute(&mut **tx)
    .await?;
    let operator = Actor {
        kind: ActorKind::Operator,
        id: Some(operator_id),
    };
    transition::record(
        tx,
        merchant_id,
        journey_id,
        Change::other("link", "resent"),
        &operator,
        None,
        now,
    )
    .await?;
    if let Some(invitation) = invitation {
        invitation::queue(tx, merchant_id, journey_id, invitation, now).await?;
    }
    Ok(())
}

/// Withdraws the link, in the caller's transaction: the journey is Expired with reason
/// `revoked`.
pub async fn revoke(
    tx: &mut Tx<'_>,
    merchant_id: Uuid,
    operator_id: Uuid,
    journey_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let operator = Actor {
        kind: ActorKind::Operator,
        id: Some(operator_id),
    };
    transition::apply(
        tx,
        merchant_id,
        journey_id,
        JourneyEvent::Revoke,
        &operator,
        None,
        None,
        now,
    )
    .await?;
    Ok(())
}

/// A withdrawn journey about to be issued again, read under its row lock: its customer,
/// its steps in order and how long its link was valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawn {
    pub customer_id: Uuid,
    pub steps: Vec<String>,
    pub window: time::Duration,
}

/// The merchant's journey `journey_id` under its row lock, if its link was withdrawn and it
/// was not issued again yet ([`Refused::NotWithdrawn`] otherwise; `NotFound` for another
/// merchant's).
pub async fn withdrawn(
    tx: &mut Tx<'_>,
    merchant_id: Uuid,
    journey_id: Uuid,
) -> Result<Withdrawn, DbError> {
    let row = sqlx::query!(
        "SELECT customer_id, end_reason, reissued_as, created_at, expires_at FROM journeys
         WHERE merchant_id = $1 AND id = $2 FOR UPDATE",
        merchant_id,
        journey_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let revoked = row.end_reason.as_deref() == Some(ExpiryReason::Revoked.as_str());
    if !revoked || row.reissued_as.is_some() {
        return Err(DbError::Refused(Refused::NotWithdrawn));
    }
    let steps = sqlx::query_scalar!(
        "SELECT kind FROM journey_steps WHERE journey_id = $1 ORDER BY position",
        journey_id
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(Withdrawn {
        customer_id: row.customer_id,
        steps,
        window: row.expires_at - row.created_at,
    })
}

/// Records that the withdrawn journey `journey_id` was issued again as `new_id`.
pub async fn mark_reissued(
    tx: &mut Tx<'_>,
    merchant_id: Uuid,
    journey_id: Uuid,
    new_id: Uuid,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE journeys SET reissued_as = $3 WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        journey_id,
        new_id
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Expires up to `limit` journeys whose window has passed while the customer still had
/// work to do (the core rule decides, under each row's lock); returns how many. Journeys
/// that only wait for a reviewer are left alone.
pub async fn expire_due(db: &PgPool, now: OffsetDateTime, limit: i64) -> Result<u64, DbError> {
    let candidates = sqlx::query!(
        "SELECT id, merchant_id FROM journeys
         WHERE state IN ('created', 'in_progress') AND expires_at <= $1
         ORDER BY expires_at LIMIT $2",
        now,
        limit
    )
    .fetch_all(db)
    .await?;
    let mut expired = 0;
    for candidate in candidates {
        let mut tx = db.begin().await?;
        let (journey, _) =
            transition::load_locked(&mut tx, candidate.merchant_id, candidate.id).await?;
        if transition::expire_if_due(&mut tx, candidate.merchant_id, candidate.id, &journey, now)
            .await?
        {
            tx.commit().await?;
            expired += 1;
        }
    }
    Ok(expired)
}
