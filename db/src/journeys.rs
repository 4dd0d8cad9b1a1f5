//! Journeys (one KYC link each), their steps and their event timeline.

mod customer_view;
mod customer_work;
pub mod handoffs;
pub(crate) mod invitation;
mod lifecycle;
mod listing;
pub(crate) mod prepared;
pub(crate) mod rows;
pub(crate) mod transition;

pub use customer_view::{
    customer_link, customer_view, find_by_token, open, CustomerJourney, CustomerLink, CustomerStep,
    Found, OpenOutcome,
};
pub use customer_work::{
    attach_document_file, give_consent, may_change, remove_draft, save_capture, set_language,
    start_check, submit, CaptureSource, DocumentTarget, NewCheck, StartedCheck, MAX_DOCUMENTS,
};
pub use invitation::Invitation;
pub use lifecycle::{expire_due, mark_reissued, resend, revoke, withdrawn, Withdrawn};
pub use listing::{figures, list, page, JourneyRow};
pub use transition::{apply, Actor};

use kyc_core::link::TokenHash;
pub use kyc_core::views::{EventRow, JourneyDetail, JourneySummary, StepSummary};
use kyc_core::{ActorKind, JourneyState, StepKind};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{DbError, Tx};

/// What a new link needs.
#[derive(Debug, Clone)]
pub struct NewJourney {
    pub customer_id: Uuid,
    pub steps: Vec<StepKind>,
    pub token_hash: TokenHash,
    pub expires_at: OffsetDateTime,
}

/// Creates a journey for a customer of `merchant_id` with its steps and its first event,
/// in the caller's transaction; with an `invitation`, the link is emailed to the customer
/// too. `NotFound` when the customer is not the merchant's.
pub async fn create(
    tx: &mut Tx<'_>,
    merchant_id: Uuid,
    operator_id: Uuid,
    new: &NewJourney,
    invitation: Option<&Invitation>,
    now: OffsetDateTime,
) -> Result<Uuid, DbError> {
    sqlx::query_scalar!(
        "SELECT id FROM customers WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        new.customer_id
    )
    .fetch_one(&mut **tx)
    .await?;
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO journeys (id, merchant_id, customer_id, token_hash, state, expires_at, created_at, created_by)
         VALUES ($1, $2, $3, $4, 'created', $5, $6, $7)",
        id,
        merchant_id,
        new.customer_id,
        &new.token_hash.0[..],
        new.expires_at,
        now,
        operator_id,
    )
    .execute(&mut **tx)
    .await?;
    let kinds: Vec<String> = new.steps.iter().map(|k| k.as_str().to_owned()).collect();
    sqlx::query!(
        "INSERT INTO journey_steps (journey_id, kind, position, state, updated_at)
         SELECT $1, kind, position::smallint, 'not_started', $3 FROM unnest($2::text[]) WITH ORDINALITY AS s(kind, position)",
        id,
        &kinds,
        now
    )
    .execute(&mut **tx)
    .await?;
    let actor = Actor {
        kind: ActorKind::Operator,
        id: Some(operator_id),
    };
    transition::record(
        tx,
        merchant_id,
        id,
        transition::Change::journey(None, JourneyState::Created),
        &actor,
        None,
        now,
    )
    .await?;
    if let Some(invitation) = invitation {
        invitation::queue(tx, merchant_id, id, invitation, now).await?;
    }
    Ok(id)
}

/// One journey of `merchant_id` with its steps and online checks; `NotFound` for any other
/// merchant's.
pub async fn get(db: &PgPool, merchant_id: Uuid, id: Uuid) -> Result<JourneyDetail, DbError> {
    let mut detail = summary(db, merchant_id, id).await?;
    detail.checks = crate::checks::for_journey(&mut *db.acquire().await?, merchant_id, id).await?;
    Ok(detail)
}

/// One journey of `merchant_id` with its steps, without the checks' details (what the API
/// answers); `NotFound` for any other merchant's.
pub async fn summary(db: &PgPool, merchant_id: Uuid, id: Uuid) -> Result<JourneyDetail, DbError> {
    let j = sqlx::query!(
        "SELECT j.customer_id, c.full_name, j.state, j.end_reason, j.created_at, j.opened_at, j.expires_at, j.ended_at, j.version
         FROM journeys j JOIN customers c ON c.id = j.customer_id
         WHERE j.merchant_id = $1 AND j.id = $2",
        merchant_id,
        id
    )
    .fetch_one(db)
    .await?;
    let steps = rows::load_steps(db, id)
        .await?
        .into_iter()
        .map(|(step, updated_at)| StepSummary {
            kind: step.kind,
            state: step.state,
            updated_at,
        })
        .collect();
    Ok(JourneyDetail {
        id,
        customer_id: j.customer_id,
        customer_name: j.full_name,
        state: rows::journey_state(&j.state)?,
        end_reason: j.end_reason,
        created_at: j.created_at,
        opened_at: j.opened_at,
        expires_at: j.expires_at,
        ended_at: j.ended_at,
        version: j.version,
        steps,
        checks: Vec::new(),
    })
}

/// The timeline of a journey of `merchant_id` after event `after` (0 for all), oldest first;
/// `NotFound` for another merchant's journey.
///
/// Every event of a journey is written under the journey's row lock (see
/// `transition::record`), so a journey's events commit in id order: a reader that has seen
/// event `after` has seen every earlier one, and reading after it misses nothing.
pub async fn events(
    db: &PgPool,
    merchant_id: Uuid,
    journey_id: Uuid,
    after: i64,
) -> Result<Vec<EventRow>, DbError> {
    sqlx::query_scalar!(
        "SELECT id FROM journeys WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        journey_id
    )
    .fetch_one(db)
    .await?;
    let rows = sqlx::query!(
        "SELECT e.id, e.subject, e.step_kind, e.from_state, e.to_state, e.actor_kind, u.display_name AS \"actor_name?\", e.reason, e.occurred_at
         FROM journey_events e LEFT JOIN staff_users u ON u.id = e.actor_id
         WHERE e.merchant_id = $1 AND e.journey_id = $2 AND e.id > $3
         ORDER BY e.id",
        merchant_id,
        journey_id,
        after
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(EventRow {
                id: r.id,
                subject: r.subject,
                step_kind: r.step_kind.as_deref().map(rows::step_kind).transpose()?,
                from_state: r.from_state,
                to_state: r.to_state,
                actor: ActorKind::from_db(&r.actor_kind)
                    .ok_or(DbError::Corrupt("journey_events.actor_kind"))?,
                actor_name: r.actor_name,
                reason: r.reason,
                occurred_at: r.occurred_at,
            })
        })
        .collect()
}
