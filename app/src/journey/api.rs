//! Server functions for the customer. The journey comes from the session, which only a
//! valid link can set; nothing in the request names it.

use kyc_core::views::CustomerJourney;
use leptos::prelude::*;

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
