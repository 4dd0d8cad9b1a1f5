//! What the server provides to every page render and server function.

use kyc_db::PgPool;
use leptos::prelude::*;

use crate::AppError;

/// Shared server state, provided as Leptos context on every request.
#[derive(Clone, Debug)]
pub struct AppContext {
    pub db: PgPool,
    /// The use cases' dependencies (the same the REST API calls them with).
    pub services: kyc_service::Services,
    /// Runs the online checks (bank penny drop, DigiLocker) against the configured providers.
    pub checks: std::sync::Arc<dyn kyc_service::checks::OnlineChecks>,
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

/// This request's id (set by the server's request-id layer), if it is a plain token.
pub fn request_id() -> Option<String> {
    use_context::<http::request::Parts>()
        .and_then(|parts| request_id_of(&parts.headers).map(str::to_owned))
}

pub use kyc_service::request::request_id_of;

/// Whether this server function was called by a plain HTML form post (the page's wasm not
/// running), which expects to be sent to a page afterwards rather than an answer to read.
pub fn is_plain_form() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}
