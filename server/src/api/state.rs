//! What the API's handlers share (its own module: handlers do not import it back from the
//! API's router).

use kyc_db::PgPool;

use super::auth::Limits;

/// What the API handlers share.
#[derive(Clone)]
pub struct ApiState {
    pub db: PgPool,
    /// The use cases' dependencies (the same the dashboard calls them with).
    pub services: kyc_service::Services,
    /// Seals stored idempotent answers (they may hold a link or a customer's details).
    pub store: crate::storage::DocumentStore,
    pub limits: Limits,
}
