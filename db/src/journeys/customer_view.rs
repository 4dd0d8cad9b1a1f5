//! The customer's side of a journey: resolving a link, opening it, what the page shows.

use kyc_core::link::TokenHash;
use kyc_core::{JourneyEvent, JourneyState};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::prepared::{load_captures, load_documents};
use super::{rows, transition, Actor};
use crate::merchants::Branding;
use crate::DbError;
use kyc_core::journey::ExpiryReason;
pub use kyc_core::views::{CustomerJourney, CustomerStep};
use kyc_core::DocumentRequirements;

/// The journey behind a link token: its id and merchant.
pub async fn find_by_token(db: &PgPool, hash: &TokenHash) -> Result<Option<Found>, DbError> {
    let row = sqlx::query!(
        "SELECT id, merchant_id, end_reason FROM journeys WHERE token_hash = $1",
        &hash.0[..]
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Found {
        journey_id: r.id,
        merchant_id: r.merchant_id,
        revoked: r.end_reason.as_deref() == Some(ExpiryReason::Revoked.as_str()),
    }))
}

/// The journey a link belongs to, and whether the link was withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub journey_id: Uuid,
    pub merchant_id: Uuid,
    pub revoked: bool,
}

/// What opening a link led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenOutcome {
    /// The customer may continue (first open moved it Created -> InProgress).
    Usable,
    /// The journey has ended (completed, rejected, expired or revoked); the state says which.
    Ended(JourneyState),
}

/// Opens a journey for its customer at `now`: the first open moves it to InProgress; a
/// journey whose window has passed while the customer had work to do is expired instead.
/// Both changes are recorded as events.
pub async fn open(
    db: &PgPool,
    merchant_id: Uuid,
    journey_id: Uuid,
    now: OffsetDateTime,
) -> Result<OpenOutcome, DbError> {
    let mut tx = db.begin().await?;
    let (journey, _) = transition::load_locked(&mut tx, merchant_id, journey_id).await?;
    let state = journey.state;
    let (event, actor) = if journey.is_due_to_expire(now) {
        (JourneyEvent::Expire, Actor::SYSTEM)
    } else if state == JourneyState::Created {
        (JourneyEvent::Opened, Actor::CUSTOMER)
    } else if state.is_terminal() {
        return Ok(OpenOutcome::Ended(state));
    } else {
        return Ok(OpenOutcome::Usable);
    };
    let (after, _) = transition::apply_to(
        &mut tx,
        merchant_id,
        journey_id,
        &journey,
        event,
        &actor,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(if after.state.is_terminal() {
        OpenOutcome::Ended(after.state)
    } else {
        OpenOutcome::Usable
    })
}

/// The customer's view of their journey. The journey id comes from the customer's session,
/// which was only ever set from a valid link.
pub async fn customer_view(db: &PgPool, journey_id: Uuid) -> Result<CustomerJourney, DbError> {
    let row = sqlx::query!(
        r#"SELECT j.state, j.end_reason, j.expires_at, j.consented_at, j.submitted_at, m.id AS merchant_id, m.display_name, m.primary_colour, m.accent_colour, m.support_email,
                  m.logo IS NOT NULL AS "has_logo!"
           FROM journeys j JOIN merchants m ON m.id = j.merchant_id WHERE j.id = $1"#,
        journey_id
    )
    .fetch_one(db)
    .await?;
    let mut conn = db.acquire().await?;
    let documents = load_documents(&mut conn, journey_id).await?;
    let captures = load_captures(&mut conn, journey_id).await?;
    let checks = crate::checks::for_customer(&mut conn, journey_id).await?;
    let steps = rows::load_steps(&mut *conn, journey_id)
        .await?
        .iter()
        .map(|(step, _)| CustomerStep::of(step))
        .collect();
    Ok(CustomerJourney {
        branding: Branding {
            merchant_id: row.merchant_id,
            display_name: row.display_name,
            primary_colour: row.primary_colour,
            accent_colour: row.accent_colour,
            has_logo: row.has_logo,
        },
        state: rows::journey_state(&row.state)?,
        revoked: row.end_reason.as_deref() == Some(ExpiryReason::Revoked.as_str()),
        expires_at: row.expires_at,
        steps,
        consented_at: row.consented_at,
        submitted_at: row.submitted_at,
        requirements: DocumentRequirements::default(),
        documents,
        comments: crate::review::comments::for_customer(db, journey_id).await?,
        tickets: crate::tickets::of_journey(db, journey_id, false).await?,
        support_email: row.support_email,
        captures,
        checks,
    })
}

/// What a customer's session is checked against: the token hash currently valid for the
/// journey (a session opened with an older link, before a resend rotated it, no longer
/// matches), the journey's state, and whether its link was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerLink {
    pub token_hash: TokenHash,
    pub state: JourneyState,
    pub revoked: bool,
}

pub async fn customer_link(db: &PgPool, journey_id: Uuid) -> Result<CustomerLink, DbError> {
    let row = sqlx::query!(
        "SELECT token_hash, state, end_reason FROM journeys WHERE id = $1",
        journey_id
    )
    .fetch_one(db)
    .await?;
    let token_hash = row
        .token_hash
        .try_into()
        .map(TokenHash)
        .map_err(|_| DbError::Corrupt("journeys.token_hash"))?;
    Ok(CustomerLink {
        token_hash,
        state: rows::journey_state(&row.state)?,
        revoked: row.end_reason.as_deref() == Some(ExpiryReason::Revoked.as_str()),
    })
}
