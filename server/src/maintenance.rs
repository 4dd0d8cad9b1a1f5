//! Background housekeeping: expired sessions, old throttle entries, unused stored objects.

use std::time::Duration;

use kyc_db::PgPool;
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

/// Runs forever: every minute deletes expired sessions, throttle entries older than a day
/// and stored objects nothing points at.
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
    }
}
