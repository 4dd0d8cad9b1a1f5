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
    /// Encrypts secrets the database keeps for a while (an emailed link until it is sent).
    pub sealer: std::sync::Arc<dyn Sealer>,
    /// Runs the online checks (bank penny drop, DigiLocker) against the configured providers.
    pub checks: std::sync::Arc<dyn OnlineChecks>,
    /// Webhook endpoint changes that need the server (URL rules with DNS, sealed secrets).
    pub webhooks: std::sync::Arc<dyn WebhookAdmin>,
}

/// What an admin enters for a webhook endpoint.
#[derive(Debug, Clone)]
pub struct WebhookInput {
    pub url: String,
    pub description: String,
    /// Stored event type names; empty means every type.
    pub event_types: Vec<String>,
}

/// Webhook endpoint changes the server makes for the dashboard: the URL is checked (https,
/// public addresses outside development), secrets are generated and sealed. Every call is
/// scoped to `merchant_id`; a field problem comes back as `AppError::Invalid`.
pub trait WebhookAdmin: Send + Sync + std::fmt::Debug {
    /// Creates an endpoint; returns its id and its secret (shown once).
    fn create(
        &self,
        merchant_id: uuid::Uuid,
        created_by: uuid::Uuid,
        input: WebhookInput,
    ) -> BoxFuture<'_, Result<(uuid::Uuid, String), AppError>>;

    /// A new secret; the previous one keeps signing for 24 hours.
    fn rotate(
        &self,
        merchant_id: uuid::Uuid,
        id: uuid::Uuid,
    ) -> BoxFuture<'_, Result<String, AppError>>;
}

/// A boxed future, for the object-safe traits the server implements.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// The online checks a customer runs from a step. The server wires them to providers (or
/// their sandboxes); the journey code does not know which.
pub trait OnlineChecks: Send + Sync + std::fmt::Debug {
    /// Starts a penny drop for the journey and waits for the answer when it comes at once
    /// (otherwise the check stays waiting and a webhook or poll finishes it).
    fn verify_bank(
        &self,
        journey_id: uuid::Uuid,
        details: kyc_core::checks::BankDetails,
    ) -> BoxFuture<'_, Result<(), AppError>>;

    /// Records a DigiLocker sign-in for the journey with what the customer typed, keeps its
    /// state and PKCE verifier in `session`, and returns DigiLocker's authorize URL.
    fn start_digilocker(
        &self,
        session: tower_sessions::Session,
        journey_id: uuid::Uuid,
        name: String,
        date_of_birth: time::Date,
    ) -> BoxFuture<'_, Result<String, AppError>>;
}

/// Encrypts a short secret under the server's master key, bound to `label`.
pub trait Sealer: Send + Sync + std::fmt::Debug {
    fn seal(
        &self,
        label: &str,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>>;
}

/// The label an invitation's link is sealed under: bound to the email's id.
pub fn invitation_label(email_id: uuid::Uuid) -> String {
    format!("outbox/{email_id}")
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

/// This request's id (set by the server's request-id layer), if it is a plain token.
pub fn request_id() -> Option<String> {
    use_context::<http::request::Parts>()
        .and_then(|parts| request_id_of(&parts.headers).map(str::to_owned))
}

/// The request id in `headers` (from the request-id layer, or a proxy's), if it is a plain
/// token: a client-chosen value never carries anything else into the audit log.
pub fn request_id_of(headers: &http::HeaderMap) -> Option<&str> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            (1..=64).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}
