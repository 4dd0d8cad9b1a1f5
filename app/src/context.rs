//! What the server provides to every page render and server function.

use kyc_db::PgPool;
use leptos::prelude::*;

use crate::AppError;

/// Shared server state, provided as Leptos context on every request.
#[derive(Clone, Debug)]
pub struct AppContext {
    pub db: PgPool,
    /// The address customers reach the app at, e.g. `https://kyc.example.com`; links are built on it.
    pub public_url: String,
}

/// The server state of this request.
pub fn app_context() -> Result<AppContext, AppError> {
    use_context::<AppContext>().ok_or_else(|| AppError::Internal("no-context".into()))
}

/// The session of this request.
pub async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|e| AppError::internal(&e))
}

/// The current time, read once per request and passed down to the rules.
pub fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}
