//! Server functions for signing in and out.

use kyc_core::views::StaffMember;
use leptos::prelude::*;

use crate::AppError;

/// Failed sign-ins allowed per email address, and per client address, in the window.
#[cfg(feature = "ssr")]
mod limits {
    pub const WINDOW: time::Duration = time::Duration::minutes(15);
    pub const PER_EMAIL: i64 = 5;
    pub const PER_ADDRESS: i64 = 50;
}

/// Signs a staff member in: checks the password (argon2id), then starts a session under a
/// new id in their merchant. Wrong email and wrong password get the same answer.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::context::{app_context, now, session};
    use kyc_db::throttle::{self, ThrottleKey};

    crate::error::respond(async move {
        let db = app_context()?.db;
        let now = now();
        let address = client_address().await;
        let keys = [
            ThrottleKey::new("login-email", &email.trim().to_lowercase()),
            ThrottleKey::new("login-address", &address),
        ];
        if throttle::recent_failures(&db, keys[0], limits::WINDOW, now).await? >= limits::PER_EMAIL
            || throttle::recent_failures(&db, keys[1], limits::WINDOW, now).await?
                >= limits::PER_ADDRESS
        {
            return Err(AppError::TooManyAttempts);
        }
        let credentials = kyc_db::staff::credentials(&db, email.trim()).await?;
        let stored = credentials.as_ref().map(|c| c.password_hash.clone());
        let _permit = kyc_service::password::CHECKS
            .acquire()
            .await
            .map_err(|e| AppError::internal(&e))?;
        let matches = tokio::task::spawn_blocking(move || {
            let stored = stored
                .as_deref()
                .unwrap_or_else(|| kyc_service::password::decoy_hash());
            kyc_service::password::verify(&password, stored)
        })
        .await
        .map_err(|e| AppError::internal(&e))?;
        let user = credentials.filter(|c| matches && !c.disabled);
        let merchant = match &user {
            Some(user) => kyc_db::staff::default_merchant(&db, user.user_id).await?,
            None => None,
        };
        let (Some(user), Some(merchant)) = (user, merchant) else {
            throttle::record_failure(&db, &keys, now).await?;
            tracing::info!("sign-in refused");
            return Err(AppError::Invalid(kyc_core::FieldErrors(vec![
                kyc_core::FieldError::new("password", "The email or password is not correct."),
            ])));
        };
        // Audited before the session exists: a sign-in that cannot be recorded does not happen.
        let request_id = crate::context::request_id();
        let entry = kyc_db::audit::Entry {
            merchant_id: merchant,
            journey_id: None,
            actor_kind: "staff",
            actor_id: Some(user.user_id),
            action: "staff.signed_in",
            object_kind: "session",
            object_id: None,
            detail: serde_json::json!({}),
            request_id: request_id.as_deref(),
            at: now,
        };
        kyc_db::audit::record(&db, &entry).await?;
        kyc_service::session::sign_in_staff(&session().await?, user.user_id, merchant).await?;
        tracing::info!(user.id = %user.user_id, merchant.id = %merchant, "signed in");
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

/// The client's address as the server saw it (the peer of the connection).
#[cfg(feature = "ssr")]
async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    match leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>().await {
        Ok(ConnectInfo(address)) => address.ip().to_string(),
        Err(_) => "unknown".to_owned(),
    }
}
