//! What the server's request handlers share: built once by `App::build`, read by every
//! route (its own module, so that handlers do not import it back from the router).

use axum::extract::FromRef;
use kyc_db::PgPool;
use leptos::prelude::LeptosOptions;

use crate::config::Sandboxes;

/// What request handlers share.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub db: PgPool,
    /// The use cases' dependencies, shared by the dashboard and the REST API.
    pub services: kyc_service::Services,
    pub public_url: String,
    /// Secure cookies and HSTS (production).
    pub production: bool,
    /// The proxies whose `X-Forwarded-For` is believed (see `kyc_service::request::client_address`).
    pub trusted_proxies: std::sync::Arc<Vec<ipnet::IpNet>>,
    /// Encrypted object storage for documents, selfies and signatures.
    pub store: crate::storage::DocumentStore,
    pub uploads: crate::uploads::UploadSettings,
    /// This instance's fan-out of journey notifications to live trackers.
    pub live: crate::live::Hub,
    /// The online checks' providers.
    pub checks: crate::checks::Checks,
    /// Serve the providers' local sandboxes under `/sandbox/...` (development and tests).
    pub sandboxes: Option<Sandboxes>,
}
