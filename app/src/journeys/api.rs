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

/// The invitation to queue when the form's "email the link" box is ticked: the link sealed
/// under the master key for a new email id (the database never holds it in the clear).
#[cfg(feature = "ssr")]
fn invitation(
    context: &crate::context::AppContext,
    ticked: Option<&str>,
    url: &str,
) -> Result<Option<kyc_db::journeys::Invitation>, AppError> {
    if !matches!(ticked, Some("on" | "true")) {
        return Ok(None);
    }
    let email_id = Uuid::new_v4();
    let label = crate::context::invitation_label(email_id);
    let sealed_link = context
        .sealer
        .seal(&label, url.as_bytes())
        .map_err(|e| AppError::internal(&*e))?;
    Ok(Some(kyc_db::journeys::Invitation {
        email_id,
        sealed_link,
    }))
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
    use kyc_core::link::{LinkRequest, LinkToken};
    use kyc_core::merchant::Permission;
    use rand::RngCore;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ManageLinks).await?;
        let request = LinkRequest::parse(&steps.unwrap_or_default(), &validity_hours).map_err(AppError::Invalid)?;
        let context = crate::context::app_context()?;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = LinkToken::from_bytes(bytes);
        let now = crate::context::now();
        let new = kyc_db::journeys::NewJourney {
            customer_id,
            steps: request.steps,
            token_hash: token.hash(),
            expires_at: now + request.validity.duration(),
        };
        let url = format!("{}/k/{}", context.public_url, token.encode());
        let invitation = invitation(&context, email_link.as_deref(), &url)?;
        let journey_id = kyc_db::journeys::create(&context.db, staff.merchant_id, staff.user_id, &new, invitation.as_ref(), now).await?;
        tracing::info!(journey.id = %journey_id, merchant.id = %staff.merchant_id, emailed = invitation.is_some(), "link generated");
        Ok(GeneratedLink { journey_id, url, emailed: invitation.is_some() })
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
    use kyc_core::link::LinkToken;
    use kyc_core::merchant::Permission;
    use rand::RngCore;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ManageLinks).await?;
        let context = crate::context::app_context()?;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = LinkToken::from_bytes(bytes);
        let now = crate::context::now();
        let url = format!("{}/k/{}", context.public_url, token.encode());
        let invitation = invitation(&context, email_link.as_deref(), &url)?;
        kyc_db::journeys::resend(
            &context.db,
            staff.merchant_id,
            staff.user_id,
            journey_id,
            &token.hash(),
            invitation.as_ref(),
            now,
        )
        .await?;
        tracing::info!(journey.id = %journey_id, merchant.id = %staff.merchant_id, emailed = invitation.is_some(), "link resent");
        Ok(GeneratedLink { journey_id, url, emailed: invitation.is_some() })
    })
    .await
}

/// Withdraws a journey's link: the journey ends as Expired with reason `revoked`.
#[server(endpoint = "revoke_link")]
pub async fn revoke_link(journey_id: Uuid) -> Result<(), AppError> {
    use kyc_core::merchant::Permission;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ManageLinks).await?;
        let db = crate::context::app_context()?.db;
        kyc_db::journeys::revoke(
            &db,
            staff.merchant_id,
            staff.user_id,
            journey_id,
            crate::context::now(),
        )
        .await?;
        tracing::info!(journey.id = %journey_id, merchant.id = %staff.merchant_id, "link revoked");
        Ok(())
    })
    .await
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
