//! Signed webhooks to merchants' systems (Standard Webhooks): the worker that fans journey
//! events out into deliveries and sends them, signing ([`signing`], with the [`verify`]
//! helper merchants can copy), the URL rules ([`address`]) and endpoint changes that need
//! DNS or new secrets ([`endpoints`], behind `kyc_service::webhooks`).
//!
//! Logs carry ids and status codes only: never payloads, URLs or response bodies.

pub mod address;
pub mod delivery;
pub mod endpoints;
pub mod signing;

pub use delivery::Deliverer;
pub use endpoints::Rules;
pub use signing::{verify, Secret, VerifyError};

use kyc_db::PgPool;
use time::OffsetDateTime;

use crate::storage::DocumentStore;

/// Events fanned out per transaction.
const FAN_OUT_BATCH: i64 = 200;

/// Fans out every queued journey event, batch by batch; returns how many events it took.
pub async fn fan_out_all(db: &PgPool, now: OffsetDateTime) -> Result<usize, kyc_db::DbError> {
    let mut taken = 0;
    loop {
        let pass = kyc_db::webhooks::fan_out(db, FAN_OUT_BATCH, now).await?;
        taken += pass.events;
        if pass.events < usize::try_from(FAN_OUT_BATCH).unwrap_or(usize::MAX) {
            return Ok(taken);
        }
    }
}

/// The delivery worker: every second, fans out new journey events and sends the due
/// deliveries. Several instances may run it (claims use SKIP LOCKED). `development` allows
/// `http` to loopback and private addresses.
pub async fn run(db: PgPool, store: DocumentStore, development: bool) {
    let deliverer = Deliverer {
        db: db.clone(),
        store,
        development,
    };
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = fan_out_all(&db, OffsetDateTime::now_utc()).await {
            tracing::error!(error = %e, "fanning out webhook events");
        }
        if let Err(e) = deliverer.deliver_due(OffsetDateTime::now_utc()).await {
            tracing::error!(error = %e, "sending webhooks");
        }
    }
}
