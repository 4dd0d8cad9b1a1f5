//! One use case's unit of work: its transaction and the time it was read once.

use kyc_db::audit::AuditKey;
use kyc_db::{PgPool, Tx};
use time::OffsetDateTime;

use crate::error::ServiceError;
use crate::{Actor, Authorized};

/// A use case's transaction and its own time (Postgres `now()`, read once): every row the
/// use case writes carries this one time, and nothing is written unless it commits.
pub struct Work {
    pub tx: Tx<'static>,
    pub now: OffsetDateTime,
    /// What the use case's audit entries are sealed with.
    pub audit_key: AuditKey,
}

impl Work {
    /// Begins the transaction and reads its time.
    pub async fn begin(db: &PgPool, audit_key: AuditKey) -> Result<Self, ServiceError> {
        let mut tx = kyc_db::begin(db).await?;
        let now = kyc_db::transaction_time(&mut tx).await?;
        Ok(Work { tx, now, audit_key })
    }

    /// Writes `actor`'s audit entry about `object` in this transaction, at its time: the
    /// change and its entry commit together or not at all.
    pub async fn audit(
        &mut self,
        actor: &Actor,
        by: Authorized,
        action: &str,
        object: (&str, Option<uuid::Uuid>),
        detail: serde_json::Value,
    ) -> Result<(), ServiceError> {
        let entry = actor.audit(by, action, object, detail);
        Ok(kyc_db::audit::record(&mut self.tx, &self.audit_key, &entry).await?)
    }

    /// Commits everything the use case wrote.
    pub async fn commit(self) -> Result<(), ServiceError> {
        Ok(kyc_db::commit(self.tx).await?)
    }
}
