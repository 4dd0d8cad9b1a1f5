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

/// Verifies the customer's bank account with a penny drop. Field problems come back on
/// their fields; a provider that does not answer leaves the step open to try again.
#[server(endpoint = "verify_bank_account")]
pub async fn verify_bank_account(form: kyc_core::checks::BankForm) -> Result<(), AppError> {
    crate::error::respond(async move {
        let journey_id = crate::auth::principal::require_customer().await?;
        let details = form
            .parse()
            .map_err(|errors| AppError::Invalid(kyc_core::FieldErrors(errors)))?;
        let checks = crate::context::app_context()?.checks;
        checks.verify_bank(journey_id, details).await
    })
    .await
}

/// Starts the DigiLocker step with the name and birth date the customer typed (as on their
/// Aadhaar, `YYYY-MM-DD`); returns where to send the browser.
#[server(endpoint = "start_digilocker")]
pub async fn start_digilocker(name: String, date_of_birth: String) -> Result<String, AppError> {
    use kyc_core::{FieldError, FieldErrors};
    crate::error::respond(async move {
        let journey_id = crate::auth::principal::require_customer().await?;
        let mut errors = FieldErrors::default();
        let name = errors.check(
            kyc_core::customer::PersonName::parse(&name)
                .map_err(|e| FieldError::new("name", e.message)),
        );
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let today = crate::context::now().date();
        let born = errors.check(
            time::Date::parse(date_of_birth.trim(), &format)
                .ok()
                .filter(|d| *d < today && d.year() >= 1900)
                .ok_or_else(|| {
                    FieldError::new(
                        "date_of_birth",
                        "enter your date of birth as on your Aadhaar",
                    )
                }),
        );
        let (Some(name), Some(born)) = (name, born) else {
            return Err(AppError::Invalid(errors));
        };
        let session = crate::context::session().await?;
        let checks = crate::context::app_context()?.checks;
        let url = checks
            .start_digilocker(session, journey_id, name.as_str().to_owned(), born)
            .await?;
        // Without the browser bundle the form post itself is redirected there.
        leptos_axum::redirect(&url);
        Ok(url)
    })
    .await
}
