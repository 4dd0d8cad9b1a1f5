//! Background housekeeping: expired sessions, old throttle entries, unused stored objects,
//! journeys past their window.

use std::time::Duration;

use kyc_db::PgPool;
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

/// Runs forever: every minute deletes expired sessions, throttle entries and API
/// idempotency answers older than a day and stored objects nothing points at, and expires journeys whose window has passed
/// while the customer had work to do.
pub async fn run(db: PgPool, store: crate::storage::DocumentStore) {
    let sessions = PostgresStore::new(db.clone());
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        if let Err(error) = sessions.delete_expired().await {
            tracing::warn!(error = %error, "deleting expired sessions failed");
        }
        let now = time::OffsetDateTime::now_utc();
        if let Err(error) = kyc_db::throttle::prune(&db, time::Duration::days(1), now).await {
            tracing::warn!(error = %error, "pruning throttle entries failed");
        }
        crate::sweeper::sweep_once(&db, &store).await;
        if let Err(error) = kyc_db::idempotency::purge(&db, now - time::Duration::days(1)).await {
            tracing::warn!(error = %error, "purging idempotency answers failed");
        }
        match kyc_db::journeys::expire_due(&db, now, 500).await {
            Ok(0) => {}
            Ok(expired) => tracing::info!(expired, "expired journeys whose window passed"),
            Err(error) => tracing::warn!(error = %error, "expiring journeys failed"),
        }
    }
}
