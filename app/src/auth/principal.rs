//! Who is asking: the staff member or the customer behind the request's session, as the
//! use-case layer reads it ([`kyc_service::session`]).

use kyc_core::merchant::Permission;
use kyc_core::views::StaffMember;
use kyc_service::Actor;
use uuid::Uuid;

use crate::context::{app_context, session};
use crate::AppError;

/// The signed-in staff member, if any, still enabled and still a member of the merchant.
pub async fn current_staff() -> Result<Option<StaffMember>, AppError> {
    Ok(kyc_service::session::staff_member(&session().await?, &app_context()?.db).await?)
}

/// The signed-in staff member as the actor of a use case (which authorises itself):
/// `Unauthenticated` without a staff session.
pub async fn staff_actor() -> Result<Actor, AppError> {
    let request_id = crate::context::request_id();
    Ok(
        kyc_service::session::staff_actor(&session().await?, &app_context()?.db, request_id)
            .await?,
    )
}

/// The use cases and the signed-in staff member acting through them.
pub async fn staff_services() -> Result<(kyc_service::Services, Actor), AppError> {
    let actor = staff_actor().await?;
    Ok((app_context()?.services, actor))
}

/// The signed-in staff member, who must hold `permission` in their merchant. Every staff
/// server function that does not call a use case starts here; the merchant id it returns
/// scopes every query.
pub async fn require_staff(permission: Permission) -> Result<StaffMember, AppError> {
    Ok(kyc_service::session::staff_with(&session().await?, &app_context()?.db, permission).await?)
}

/// The use cases and the customer behind this session acting through them (the session
/// must have been opened with the journey's current link).
pub async fn customer_services() -> Result<(kyc_service::Services, Actor), AppError> {
    let journey_id = require_customer().await?;
    Ok((app_context()?.services, Actor::Customer { journey_id }))
}

/// The journey of the customer behind this session, while it is open. The session must
/// have been opened with the journey's current link: a resend (which rotates the token)
/// ends older sessions, a withdrawn link every session.
pub async fn require_customer() -> Result<Uuid, AppError> {
    kyc_service::session::customer_journey(&session().await?, &app_context()?.db)
        .await
        .map_err(crate::customer::customer_error)
}

/// The journey of the customer behind this session, open or ended: for its status page only.
pub async fn customer_status() -> Result<Uuid, AppError> {
    let session = session().await?;
    let (journey_id, _) =
        kyc_service::session::customer_standing(&session, &app_context()?.db).await?;
    Ok(journey_id)
}
