//! Server functions for the customer. The journey comes from the session, which only a
//! valid link can set; nothing in the request names it.

use kyc_core::views::CustomerJourney;
use leptos::prelude::*;
use uuid::Uuid;

use crate::AppError;

/// The customer's journey with the merchant's branding.
#[server(endpoint = "my_journey")]
pub async fn my_journey() -> Result<CustomerJourney, AppError> {
    crate::error::respond(async move {
        let journey_id = crate::auth::principal::require_customer().await?;
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::journeys::customer_view(&db, journey_id).await?)
    })
    .await
}

/// Records that the customer read and accepted the consent.
#[server(endpoint = "give_consent")]
pub async fn give_consent() -> Result<(), AppError> {
    crate::error::respond(async move {
        let journey_id = crate::auth::principal::require_customer().await?;
        let db = crate::context::app_context()?.db;
        kyc_db::journeys::give_consent(&db, journey_id, crate::context::now())
            .await
            .map_err(super::customer_error)
    })
    .await
}

/// Removes a document the customer has not submitted yet.
#[server(endpoint = "remove_document")]
pub async fn remove_document(document_id: Uuid) -> Result<(), AppError> {
    crate::error::respond(async move {
        let journey_id = crate::auth::principal::require_customer().await?;
        let db = crate::context::app_context()?.db;
        kyc_db::journeys::remove_draft(&db, journey_id, document_id, crate::context::now())
            .await
            .map_err(super::customer_error)
    })
    .await
}

/// Submits everything prepared; refused with the list of what is missing.
#[server(endpoint = "submit_journey")]
pub async fn submit_journey() -> Result<(), AppError> {
    crate::error::respond(async move {
        let journey_id = crate::auth::principal::require_customer().await?;
        let db = crate::context::app_context()?.db;
        let result = kyc_db::journeys::submit(&db, journey_id, crate::context::now()).await;
        if result.is_ok() {
            tracing::info!(journey.id = %journey_id, "journey submitted");
        }
        result.map_err(super::customer_error)
    })
    .await
}
