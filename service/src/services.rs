//! What the use cases share: the database, the public address links are built on, and
//! the master key's sealing of secrets the database keeps for a while.

use std::sync::Arc;

use kyc_db::PgPool;

use crate::error::ServiceError;
use crate::work::Work;

/// The use cases' dependencies, built once by the server and handed to both front doors.
#[derive(Clone, Debug)]
pub struct Services {
    pub db: PgPool,
    /// The address customers reach the app at, e.g. `https://kyc.example.com`.
    pub public_url: String,
    /// Encrypts secrets the database keeps for a while (an emailed link until it is sent).
    pub sealer: Arc<dyn Sealer>,
    /// The server's rules for webhook endpoints (URL checks, new secrets).
    pub webhooks: Arc<dyn crate::webhooks::EndpointRules>,
    /// What throttle keys are made under (derived from the master key).
    pub throttle: kyc_db::throttle::ThrottleSecret,
    /// What audit entries are sealed and chain heads signed with (derived from the master
    /// key).
    pub audit: kyc_db::audit::AuditKeys,
}

/// Encrypts a short secret under the server's master key, bound to `label`, and opens it
/// again (under the same label only).
pub trait Sealer: Send + Sync + std::fmt::Debug {
    fn seal(
        &self,
        label: &str,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>>;

    fn open(
        &self,
        label: &str,
        sealed: &[u8],
    ) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>>;
}

impl Services {
    /// The throttle key of `value` in `namespace` (an email, an address, a journey).
    pub fn throttle_key(&self, namespace: &str, value: &str) -> kyc_db::throttle::ThrottleKey {
        kyc_db::throttle::ThrottleKey::new(&self.throttle, namespace, value)
    }

    /// Starts a use case's transaction and reads its time.
    pub async fn begin(&self) -> Result<Work, ServiceError> {
        Work::begin(&self.db, self.audit.seal.clone()).await
    }

    /// Seals `secret` under `label`.
    pub(crate) fn seal(&self, label: &str, secret: &[u8]) -> Result<Vec<u8>, ServiceError> {
        self.sealer
            .seal(label, secret)
            .map_err(ServiceError::Internal)
    }

    /// Opens what [`Services::seal`] sealed under `label`.
    pub(crate) fn open(&self, label: &str, sealed: &[u8]) -> Result<Vec<u8>, ServiceError> {
        self.sealer
            .open(label, sealed)
            .map_err(ServiceError::Internal)
    }
}
