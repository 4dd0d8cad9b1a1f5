//! Who is asking: the staff member or the customer behind the request's session.

use kyc_core::link::TokenHash;
use kyc_core::merchant::Permission;
use kyc_core::views::StaffMember;
use uuid::Uuid;

use crate::context::{app_context, session};
use crate::AppError;

pub(crate) const STAFF_USER: &str = "staff.user";
pub(crate) const STAFF_MERCHANT: &str = "staff.merchant";
pub(crate) const JOURNEY_ID: &str = "journey.id";
pub(crate) const JOURNEY_TOKEN: &str = "journey.token";

/// The signed-in staff member, if any, still enabled and still a member of the merchant.
pub async fn current_staff() -> Result<Option<StaffMember>, AppError> {
    staff_of(&session().await?, &app_context()?.db).await
}

/// The staff member behind `session`, for handlers outside server functions (live
/// updates, report downloads). Same rule as [`current_staff`].
pub async fn staff_of(
    session: &tower_sessions::Session,
    db: &kyc_db::PgPool,
) -> Result<Option<StaffMember>, AppError> {
    let user: Option<Uuid> = session.get(STAFF_USER).await?;
    let merchant: Option<Uuid> = session.get(STAFF_MERCHANT).await?;
    let (Some(user), Some(merchant)) = (user, merchant) else {
        return Ok(None);
    };
    Ok(kyc_db::staff::member(db, user, merchant).await?)
}

/// [`staff_of`] holding `permission`: `Unauthenticated` without a staff session,
/// `Forbidden` without the permission.
pub async fn staff_with(
    session: &tower_sessions::Session,
    db: &kyc_db::PgPool,
    permission: Permission,
) -> Result<StaffMember, AppError> {
    let member = staff_of(session, db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !member.role.allows(permission) {
        return Err(AppError::Forbidden);
    }
    Ok(member)
}

/// The signed-in staff member, who must hold `permission` in their merchant. Every staff
/// server function starts here; the merchant id it returns scopes every query.
pub async fn require_staff(permission: Permission) -> Result<StaffMember, AppError> {
    staff_with(&session().await?, &app_context()?.db, permission).await
}

/// Stores a freshly opened link in the session, under a new session id.
pub async fn start_customer_session(
    session: &tower_sessions::Session,
    journey_id: Uuid,
    token: &TokenHash,
) -> Result<(), tower_sessions::session::Error> {
    session.cycle_id().await?;
    session.insert(JOURNEY_ID, journey_id).await?;
    session.insert(JOURNEY_TOKEN, hex(&token.0)).await?;
    Ok(())
}

/// The journey of the customer behind this session. The session must have been opened with
/// the journey's current link: a resend (which rotates the token) ends older sessions.
pub async fn require_customer() -> Result<Uuid, AppError> {
    let session = session().await?;
    customer_journey(&session, &app_context()?.db).await
}

/// The journey of the customer behind `session`, for handlers outside server functions
/// (uploads, file downloads). Same rule as [`require_customer`].
pub async fn customer_journey(
    session: &tower_sessions::Session,
    db: &kyc_db::PgPool,
) -> Result<Uuid, AppError> {
    let journey: Option<Uuid> = session.get(JOURNEY_ID).await?;
    let token: Option<String> = session.get(JOURNEY_TOKEN).await?;
    let (Some(journey), Some(token)) = (journey, token) else {
        return Err(AppError::LinkInvalid);
    };
    let current = kyc_db::journeys::current_token_hash(db, journey).await?;
    if hex(&current.0) != token {
        return Err(AppError::LinkInvalid);
    }
    Ok(journey)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
