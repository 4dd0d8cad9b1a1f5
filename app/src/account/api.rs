//! Server functions for one's own account. The invitation and reset functions take their
//! link's token (it is the credential); the others act on the signed-in member's own account
//! only, and answer even while the merchant's policy waits for their second factor.

use kyc_core::staff::{AccountSecurity, Enrolment, InvitationView};
use leptos::prelude::*;

use crate::AppError;

/// What an invitation link offers.
#[server(endpoint = "load_invitation")]
pub async fn load_invitation(token: String) -> Result<InvitationView, AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        Ok(kyc_service::account::invitation(&services, &token).await?)
    })
    .await
}

/// Accepts an invitation and signs in.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    #[server(default)] display_name: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        let request_id = crate::context::request_id();
        let acceptance = kyc_service::account::Acceptance {
            token: &token,
            display_name: &display_name,
            password,
            request_id: request_id.as_deref(),
        };
        kyc_service::account::accept_invitation(
            &crate::context::session().await?,
            &services,
            acceptance,
        )
        .await?;
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

/// Emails a reset link if the address has an account; the same answer either way.
#[server(endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        let address = crate::auth::api::client_address().await;
        Ok(kyc_service::account::request_reset(&services, &email, &address).await?)
    })
    .await
}

/// Sets a new password through a reset link.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        Ok(kyc_service::account::reset_password(&services, &token, password).await?)
    })
    .await
}

/// The signed-in member's sign-in settings.
#[server(endpoint = "account_security")]
pub async fn load_security() -> Result<AccountSecurity, AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        Ok(kyc_service::account::security(&crate::context::session().await?, &services).await?)
    })
    .await
}

/// Changes the signed-in member's password (other sessions end).
#[server(endpoint = "change_password")]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        let session = crate::context::session().await?;
        Ok(kyc_service::account::change_password(&session, &services, current, new).await?)
    })
    .await
}

/// Starts setting up two-factor sign-in, after the account's password.
#[server(endpoint = "start_two_factor")]
pub async fn start_two_factor(password: String) -> Result<Enrolment, AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        let session = crate::context::session().await?;
        Ok(kyc_service::account::start_two_factor(&session, &services, password).await?)
    })
    .await
}

/// Confirms two-factor sign-in with a code; answers the recovery codes, shown once.
#[server(endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        let session = crate::context::session().await?;
        Ok(kyc_service::account::confirm_two_factor(&session, &services, &code).await?)
    })
    .await
}

/// Turns two-factor sign-in off, after the password.
#[server(endpoint = "turn_off_two_factor")]
pub async fn turn_off_two_factor(password: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let services = crate::context::app_context()?.services;
        let session = crate::context::session().await?;
        Ok(kyc_service::account::turn_off_two_factor(&session, &services, password).await?)
    })
    .await
}
