//! Server functions for branding settings. Admins only (ManageSettings); every change is
//! audited in the same transaction (`kyc_service::settings`).

use kyc_core::review::TrailEntry;
use kyc_core::views::Branding;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// The merchant's current branding.
#[server(endpoint = "branding_settings")]
pub async fn branding_settings() -> Result<Branding, AppError> {
    use kyc_core::merchant::Permission;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ManageSettings).await?;
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::merchants::branding(&db, staff.merchant_id).await?)
    })
    .await
}

/// Sets the primary and accent colours. A colour that would break WCAG AA contrast is
/// refused with the reason and the nearest shade that passes.
#[server(endpoint = "save_colours")]
pub async fn save_colours(primary_colour: String, accent_colour: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        let saved =
            kyc_service::settings::set_colours(&services, &actor, &primary_colour, &accent_colour);
        Ok(saved.await?)
    })
    .await
}

/// Sets the time zone the merchant's staff read times in (an IANA name).
#[server(endpoint = "save_time_zone")]
pub async fn save_time_zone(time_zone: String) -> Result<String, AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::settings::set_time_zone(&services, &actor, &time_zone).await?)
    })
    .await
}

/// Removes the merchant's logo (the journey then shows the merchant's name only).
#[server(endpoint = "remove_logo")]
pub async fn remove_logo() -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::settings::remove_logo(&services, &actor).await?)
    })
    .await
}

/// The audit trail's filters as typed in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub journey: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
}

/// A page of the merchant's audit trail (admins), with the merchant's staff for the filter.
#[server(endpoint = "audit_trail")]
pub async fn audit_trail(
    #[server(default)] query: AuditQuery,
    page: u32,
) -> Result<(Vec<TrailEntry>, Vec<(uuid::Uuid, String)>), AppError> {
    use kyc_core::merchant::Permission;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ManageSettings).await?;
        let id = |field: &str, raw: &str| -> Result<Option<uuid::Uuid>, AppError> {
            match raw.trim() {
                "" => Ok(None),
                raw => uuid::Uuid::parse_str(raw).map(Some).map_err(|_| {
                    AppError::Invalid(kyc_core::FieldErrors(vec![kyc_core::FieldError::new(
                        field,
                        "is not an id",
                    )]))
                }),
            }
        };
        let filter = kyc_db::audit::TrailFilter {
            journey_id: id("journey", &query.journey)?,
            actor_id: id("actor", &query.actor)?,
            action: Some(query.action.trim().to_owned()).filter(|a| !a.is_empty()),
        };
        let db = crate::context::app_context()?.db;
        let entries = kyc_db::audit::trail(&db, staff.merchant_id, &filter, page).await?;
        let names = kyc_db::audit::staff_names(&db, staff.merchant_id).await?;
        Ok((entries, names))
    })
    .await
}
