//! Server functions for the customer. The journey comes from the session, which only a
//! valid link can set; nothing in the request names it.

use kyc_core::views::CustomerJourney;
use leptos::prelude::*;
use uuid::Uuid;

use crate::AppError;

/// Runs a customer server function. A plain form post (the page's wasm not running) is
/// then sent back to the journey page, which shows where things stand: without this it
/// would follow the missing `Referer` (the site sends none) to the start page, which is
/// the staff's sign-in.
/// A refusal it met is kept in the session for that page to show once
/// ([`take_plain_form_notice`]): never in the address.
#[cfg(feature = "ssr")]
pub(crate) async fn respond<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let result = crate::error::respond(body).await;
    if crate::context::is_plain_form() {
        if let Err(error) = &result {
            let notice = plain_form_notice(error, crate::i18n::request_language());
            if let Ok(session) = crate::context::session().await {
                // Lost only if the session store fails, and then the page says nothing new.
                let _ = session.insert(NOTICE_KEY, notice).await;
            }
        }
        leptos_axum::redirect("/journey");
    }
    result
}

/// Where a plain form post's refusal waits for the journey page.
#[cfg(feature = "ssr")]
const NOTICE_KEY: &str = "plain_form_notice";

/// The refusal in words: the error, and each field's problem for a form that needs
/// correcting (the fields themselves are not marked on a page rendered afresh).
#[cfg(feature = "ssr")]
fn plain_form_notice(error: &AppError, lang: crate::i18n::Lang) -> Vec<String> {
    let mut lines = vec![error.message(lang)];
    if let AppError::Invalid(errors) = error {
        lines.extend(
            errors
                .0
                .iter()
                .filter_map(|field| error.field_message(&field.field, lang)),
        );
    }
    lines
}

/// The refusal a plain form post met, taken from the session so that it shows once. Read
/// while the page renders on the server; the browser gets it with the page.
pub(crate) async fn take_plain_form_notice() -> Vec<String> {
    #[cfg(feature = "ssr")]
    if let Ok(session) = crate::context::session().await {
        return session
            .remove::<Vec<String>>(NOTICE_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default();
    }
    Vec::new()
}

/// The customer's journey with the merchant's branding: while it is open, and its status
/// once it has ended (a withdrawn link shows nothing).
#[server(endpoint = "my_journey")]
pub async fn my_journey() -> Result<CustomerJourney, AppError> {
    crate::error::respond(async move {
        let journey_id = crate::auth::principal::customer_status().await?;
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::journeys::customer_view(&db, journey_id).await?)
    })
    .await
}

/// Switches this browser to the link it opened last, which waited because another journey
/// was open here (the customer confirmed on the page; a POST under the cross-site check).
#[server(endpoint = "switch_link")]
pub async fn switch_link() -> Result<(), AppError> {
    crate::error::respond(async move {
        let session = crate::context::session().await?;
        let db = crate::context::app_context()?.db;
        kyc_service::session::switch_to_pending(&session, &db).await?;
        leptos_axum::redirect("/journey");
        Ok(())
    })
    .await
}

/// Records that the customer read and accepted the consent, with the language their pages
/// are in unless they chose one (the emails follow it).
#[server(endpoint = "give_consent")]
pub async fn give_consent() -> Result<(), AppError> {
    respond(async move {
        let (services, actor) = crate::auth::principal::customer_services().await?;
        let language = crate::i18n::request_language();
        kyc_service::journey::give_consent(&services, &actor, language)
            .await
            .map_err(super::customer_error)
    })
    .await
}

/// Removes a document the customer has not submitted yet.
#[server(endpoint = "remove_document")]
pub async fn remove_document(document_id: Uuid) -> Result<(), AppError> {
    respond(async move {
        let (services, actor) = crate::auth::principal::customer_services().await?;
        kyc_service::journey::remove_draft(&services, &actor, document_id)
            .await
            .map_err(super::customer_error)
    })
    .await
}

/// Submits everything prepared; refused with the list of what is missing.
#[server(endpoint = "submit_journey")]
pub async fn submit_journey() -> Result<(), AppError> {
    respond(async move {
        let (services, actor) = crate::auth::principal::customer_services().await?;
        kyc_service::journey::submit(&services, &actor)
            .await
            .map_err(super::customer_error)
    })
    .await
}

/// Verifies the customer's bank account with a penny drop. Field problems come back on
/// their fields; a provider that does not answer leaves the step open to try again.
#[server(endpoint = "verify_bank_account")]
pub async fn verify_bank_account(form: kyc_core::checks::BankForm) -> Result<(), AppError> {
    respond(async move {
        let (_, actor) = crate::auth::principal::customer_services().await?;
        let checks = crate::context::app_context()?.checks;
        kyc_service::checks::verify_bank(&*checks, &actor, form)
            .await
            .map_err(super::customer_error)
    })
    .await
}

/// Starts the DigiLocker step with the name and birth date the customer typed (as on their
/// Aadhaar, `YYYY-MM-DD`); returns where to send the browser.
#[server(endpoint = "start_digilocker")]
pub async fn start_digilocker(name: String, date_of_birth: String) -> Result<String, AppError> {
    let started = respond(async move {
        let (_, actor) = crate::auth::principal::customer_services().await?;
        let session = crate::context::session().await?;
        let checks = crate::context::app_context()?.checks;
        kyc_service::checks::start_digilocker(&*checks, &actor, session, &name, &date_of_birth)
            .await
            .map_err(super::customer_error)
    })
    .await;
    // There, not back to the journey: without the browser bundle the form post itself is
    // redirected.
    if let Ok(url) = &started {
        leptos_axum::redirect(url);
    }
    started
}

/// A code (and its QR image) that continues this journey on the customer's phone; any
/// earlier code stops working.
#[server(endpoint = "start_handoff")]
pub async fn start_handoff() -> Result<kyc_core::views::Handoff, AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::customer_services().await?;
        kyc_service::handoff::start(&services, &actor)
            .await
            .map_err(super::customer_error)
    })
    .await
}

/// Whether the customer's latest hand-off code has been used.
#[server(endpoint = "handoff_used")]
pub async fn handoff_used() -> Result<bool, AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::customer_services().await?;
        kyc_service::handoff::used(&services, &actor)
            .await
            .map_err(super::customer_error)
    })
    .await
}
