//! Server functions for journeys. Each authorises itself and scopes by the session's merchant.

use kyc_core::views::{EventRow, JourneyDetail, JourneySummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppError;

/// Journeys per page.
pub const PAGE_SIZE: i64 = 25;

/// A freshly generated link. The URL holds the token and is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedLink {
    pub journey_id: Uuid,
    pub url: String,
}

/// Generates a KYC link for a customer of the merchant with the chosen steps and validity.
#[server(endpoint = "generate_link")]
pub async fn generate_link(
    customer_id: Uuid,
    steps: Option<Vec<String>>,
    validity_hours: String,
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
        let journey_id = kyc_db::journeys::create(&context.db, staff.merchant_id, staff.user_id, &new, now).await?;
        tracing::info!(journey.id = %journey_id, merchant.id = %staff.merchant_id, "link generated");
        Ok(GeneratedLink { journey_id, url: format!("{}/k/{}", context.public_url, token.encode()) })
    })
    .await
}

/// Sends the journey a new link: a new token replaces the old one, which stops working.
/// The new URL is shown this once.
#[server(endpoint = "resend_link")]
pub async fn resend_link(journey_id: Uuid) -> Result<GeneratedLink, AppError> {
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
        kyc_db::journeys::resend(
            &context.db,
            staff.merchant_id,
            staff.user_id,
            journey_id,
            &token.hash(),
            now,
        )
        .await?;
        tracing::info!(journey.id = %journey_id, merchant.id = %staff.merchant_id, "link resent");
        Ok(GeneratedLink {
            journey_id,
            url: format!("{}/k/{}", context.public_url, token.encode()),
        })
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

/// A page of the merchant's journeys, optionally in one state or of one customer.
#[server(endpoint = "list_journeys")]
pub async fn list_journeys(
    state: Option<String>,
    customer_id: Option<Uuid>,
    page: u32,
) -> Result<Vec<JourneySummary>, AppError> {
    use kyc_core::merchant::Permission;
    use kyc_core::JourneyState;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ViewJourneys).await?;
        let state = match state.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => Some(JourneyState::from_db(s).ok_or_else(|| {
                AppError::Invalid(kyc_core::FieldErrors(vec![kyc_core::FieldError::new(
                    "state",
                    "is not a journey state",
                )]))
            })?),
            None => None,
        };
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::journeys::list(
            &db,
            staff.merchant_id,
            customer_id,
            state,
            PAGE_SIZE,
            i64::from(page) * PAGE_SIZE,
        )
        .await?)
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
        let events = kyc_db::journeys::events(&db, staff.merchant_id, id).await?;
        Ok((detail, events))
    })
    .await
}
