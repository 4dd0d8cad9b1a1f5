//! Server functions for journeys. Each authorises itself and scopes by the session's merchant.

use kyc_core::dashboard::{JourneyFigures, JourneyPage, JourneyQuery};
use kyc_core::views::{EventRow, JourneyDetail};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppError;

/// A freshly generated link. The URL holds the token and is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedLink {
    pub journey_id: Uuid,
    pub url: String,
    /// Whether the link was also queued for email to the customer.
    pub emailed: bool,
}

/// Generates a KYC link for a customer of the merchant with the chosen steps and validity;
/// with `email_link` ticked, also emails it to the customer (branded, through the outbox).
#[server(endpoint = "generate_link")]
pub async fn generate_link(
    customer_id: Uuid,
    steps: Option<Vec<String>>,
    validity_hours: String,
    email_link: Option<String>,
) -> Result<GeneratedLink, AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let input = kyc_service::links::GenerateLink {
            customer_id,
            steps: steps.unwrap_or_default(),
            validity_hours,
            email: ticked(email_link.as_deref()),
        };
        let services = crate::context::app_context()?.services;
        Ok(kyc_service::links::generate(&services, &actor, input)
            .await?
            .into())
    })
    .await
}

/// Sends the journey a new link: a new token replaces the old one, which stops working.
/// The new URL is shown this once; with `email_link` ticked it is also emailed.
#[server(endpoint = "resend_link")]
pub async fn resend_link(
    journey_id: Uuid,
    email_link: Option<String>,
) -> Result<GeneratedLink, AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let services = crate::context::app_context()?.services;
        let email = ticked(email_link.as_deref());
        Ok(
            kyc_service::links::resend(&services, &actor, journey_id, email)
                .await?
                .into(),
        )
    })
    .await
}

/// Withdraws a journey's link: the journey ends as Expired with reason `revoked`.
#[server(endpoint = "revoke_link")]
pub async fn revoke_link(journey_id: Uuid) -> Result<(), AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let services = crate::context::app_context()?.services;
        Ok(kyc_service::links::revoke(&services, &actor, journey_id).await?)
    })
    .await
}

/// Issues a journey whose link was withdrawn again, as a new journey for the same customer
/// (same steps and validity window); its link is emailed and shown this once.
#[server(endpoint = "reissue_link")]
pub async fn reissue_link(journey_id: Uuid) -> Result<GeneratedLink, AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let services = crate::context::app_context()?.services;
        Ok(kyc_service::links::reissue(&services, &actor, journey_id)
            .await?
            .into())
    })
    .await
}

/// Whether a form's checkbox was ticked.
#[cfg(feature = "ssr")]
fn ticked(value: Option<&str>) -> bool {
    matches!(value, Some("on" | "true"))
}

#[cfg(feature = "ssr")]
impl From<kyc_service::links::IssuedLink> for GeneratedLink {
    fn from(link: kyc_service::links::IssuedLink) -> Self {
        GeneratedLink {
            journey_id: link.journey_id,
            url: link.url,
            emailed: link.emailed,
        }
    }
}

/// A page (from 0) of the merchant's journeys matching the list's filters, newest first.
#[server(endpoint = "list_journeys")]
pub async fn list_journeys(
    #[server(default)] query: JourneyQuery,
    page: u32,
) -> Result<JourneyPage, AppError> {
    use kyc_core::merchant::Permission;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ViewJourneys).await?;
        let filter = query.parse().map_err(AppError::Invalid)?;
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::journeys::list(&db, staff.merchant_id, &filter, page).await?)
    })
    .await
}

/// The funnel and median-time figures over the merchant's journeys created in the list's
/// date range (the other filters do not narrow the charts).
#[server(endpoint = "chart_figures")]
pub async fn chart_figures(
    #[server(default)] query: JourneyQuery,
) -> Result<JourneyFigures, AppError> {
    use kyc_core::merchant::Permission;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ViewJourneys).await?;
        let filter = query.parse().map_err(AppError::Invalid)?;
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::journeys::figures(&db, staff.merchant_id, filter.start(), filter.end()).await?)
    })
    .await
}

/// One journey of the merchant with its steps and full timeline.
#[server(endpoint = "get_journey")]
pub async fn get_journey(id: Uuid) -> Result<(JourneyDetail, Vec<EventRow>), AppError> {
    use kyc_core::merchant::Permission;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ViewJourneys).await?;
        let db = crate::context::app_context()?.db;
        let detail = kyc_db::journeys::get(&db, staff.merchant_id, id).await?;
        let events = kyc_db::journeys::events(&db, staff.merchant_id, id, 0).await?;
        Ok((detail, events))
    })
    .await
}
