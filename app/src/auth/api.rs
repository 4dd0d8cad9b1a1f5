//! Server functions for signing in and out.

use kyc_core::views::StaffMember;
use leptos::prelude::*;

use crate::AppError;

/// Signs a staff member in: checks the password (argon2id), then starts a session under a
/// new id in their merchant. Wrong email and wrong password get the same answer. `true`
/// when the account's second factor is asked for next ([`second_factor`]).
#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<bool, AppError> {
    use crate::context::{app_context, session};
    crate::error::respond(async move {
        let services = app_context()?.services;
        let address = client_address().await;
        let request_id = crate::context::request_id();
        let attempt = kyc_service::sign_in::SignIn {
            email: &email,
            password,
            address: &address,
            request_id: request_id.as_deref(),
        };
        let step = kyc_service::sign_in::sign_in(&session().await?, &services, attempt).await?;
        if step == kyc_service::sign_in::SignedIn::SecondFactor {
            return Ok(true);
        }
        leptos_axum::redirect("/");
        Ok(false)
    })
    .await
}

/// Completes a sign-in with the code of the account's authenticator app, or one of its
/// recovery codes.
#[server(endpoint = "second_factor")]
pub async fn second_factor(code: String) -> Result<(), AppError> {
    use crate::context::{app_context, session};
    crate::error::respond(async move {
        let services = app_context()?.services;
        let address = client_address().await;
        let request_id = crate::context::request_id();
        kyc_service::sign_in::second_factor(
            &session().await?,
            &services,
            &code,
            &address,
            request_id.as_deref(),
        )
        .await?;
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

/// Ends the session (its record is deleted, not just forgotten by the browser).
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    crate::error::respond(async move {
        crate::context::session().await?.flush().await?;
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}

/// The signed-in staff member, or `None`.
#[server(endpoint = "whoami")]
pub async fn whoami() -> Result<Option<StaffMember>, AppError> {
    crate::error::respond(crate::auth::principal::current_staff()).await
}

/// The client's address: the peer of the connection, or behind a trusted proxy the
/// address it forwarded (`KYC_TRUSTED_PROXIES`; the server's client-address layer decides).
#[cfg(feature = "ssr")]
pub(crate) async fn client_address() -> String {
    use kyc_service::request::ClientAddress;
    match leptos_axum::extract::<axum::Extension<ClientAddress>>().await {
        Ok(axum::Extension(ClientAddress(address))) => address.to_string(),
        Err(_) => "unknown".to_owned(),
    }
}
