//! Who is behind a browser session: the signed-in staff member, or the customer whose link
//! opened it. Both front doors (server functions and the server's own handlers) ask here.

use kyc_core::access::Permission;
use kyc_core::link::TokenHash;
use kyc_core::views::StaffMember;
use kyc_db::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use crate::actor::{Actor, StaffActor};
use crate::error::{Denied, ServiceError};

const STAFF_USER: &str = "staff.user";
const STAFF_MERCHANT: &str = "staff.merchant";
const JOURNEY_ID: &str = "journey.id";
const JOURNEY_TOKEN: &str = "journey.token";

/// The signed-in staff member behind `session`, if any, still enabled and still a member of
/// the merchant.
pub async fn staff_member(
    session: &Session,
    db: &PgPool,
) -> Result<Option<StaffMember>, ServiceError> {
    let user: Option<Uuid> = session.get(STAFF_USER).await?;
    let merchant: Option<Uuid> = session.get(STAFF_MERCHANT).await?;
    let (Some(user), Some(merchant)) = (user, merchant) else {
        return Ok(None);
    };
    Ok(kyc_db::staff::member(db, user, merchant).await?)
}

/// The staff actor behind `session`, acting in the request `request_id`:
/// `Unauthenticated` without one.
pub async fn staff_actor(
    session: &Session,
    db: &PgPool,
    request_id: Option<String>,
) -> Result<Actor, ServiceError> {
    let member = staff_member(session, db)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    Ok(Actor::Staff(StaffActor {
        user_id: member.user_id,
        merchant_id: member.merchant_id,
        role: member.role,
        request_id,
    }))
}

/// [`staff_member`] holding `permission`: `Unauthenticated` without a staff session,
/// `Forbidden` without the permission.
pub async fn staff_with(
    session: &Session,
    db: &PgPool,
    permission: Permission,
) -> Result<StaffMember, ServiceError> {
    let member = staff_member(session, db)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    if !member.role.allows(permission) {
        return Err(ServiceError::Forbidden(Denied { permission }));
    }
    Ok(member)
}

/// Signs a staff member in to `merchant_id`, under a new session id.
pub async fn sign_in_staff(
    session: &Session,
    user_id: Uuid,
    merchant_id: Uuid,
) -> Result<(), ServiceError> {
    session.cycle_id().await?;
    session.insert(STAFF_USER, user_id).await?;
    session.insert(STAFF_MERCHANT, merchant_id).await?;
    Ok(())
}

/// Stores a freshly opened link in the session, under a new session id.
pub async fn start_customer_session(
    session: &Session,
    journey_id: Uuid,
    token: &TokenHash,
) -> Result<(), ServiceError> {
    session.cycle_id().await?;
    session.insert(JOURNEY_ID, journey_id).await?;
    session.insert(JOURNEY_TOKEN, hex(&token.0)).await?;
    Ok(())
}

/// The journey of the customer behind `session`. The session must have been opened with the
/// journey's current link: a resend (which rotates the token) ends older sessions.
pub async fn customer_journey(session: &Session, db: &PgPool) -> Result<Uuid, ServiceError> {
    let journey: Option<Uuid> = session.get(JOURNEY_ID).await?;
    let token: Option<String> = session.get(JOURNEY_TOKEN).await?;
    let (Some(journey), Some(token)) = (journey, token) else {
        return Err(ServiceError::LinkInvalid);
    };
    let current = kyc_db::journeys::current_token_hash(db, journey).await?;
    if hex(&current.0) != token {
        return Err(ServiceError::LinkInvalid);
    }
    Ok(journey)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
