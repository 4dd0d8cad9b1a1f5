//! Postgres storage: embedded forward-only migrations and every query of the platform.
//!
//! Every function that reads or writes tenant data takes the merchant id of the
//! authenticated principal and scopes by it; a row of another merchant is `NotFound`.

pub mod api_keys;
pub mod audit;
pub mod checks;
pub mod customers;
pub mod idempotency;
pub mod journeys;
pub mod live;
pub mod merchants;
pub mod objects;
pub mod outbox;
pub mod reports;
pub mod review;
pub mod screening;
pub mod staff;
pub mod throttle;
pub mod tickets;
pub mod webhooks;

mod error;

pub use error::DbError;
pub use sqlx::PgPool;

/// How a worker claims due work: at most `batch` rows, each left to it for `duration` (no
/// other worker takes them until that runs out, so a worker that dies mid-way only delays
/// them).
#[derive(Debug, Clone, Copy)]
pub struct Lease {
    pub duration: time::Duration,
    pub batch: i64,
}

/// A transaction, for callers that write several things at once.
pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Postgres>;

/// Starts a transaction.
pub async fn begin(db: &PgPool) -> Result<Tx<'static>, DbError> {
    Ok(db.begin().await?)
}

/// The transaction's own time: Postgres's `now()`, the same for every statement in the
/// transaction, so a use case that reads it once writes one time everywhere, in Rust and in
/// SQL alike.
pub async fn transaction_time(tx: &mut Tx<'_>) -> Result<time::OffsetDateTime, DbError> {
    Ok(sqlx::query_scalar!(r#"SELECT now() AS "now!""#)
        .fetch_one(&mut **tx)
        .await?)
}

/// Commits a transaction.
pub async fn commit(tx: Tx<'_>) -> Result<(), DbError> {
    Ok(tx.commit().await?)
}

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;

/// The schema migrations, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens a pool on `url`.
pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await
}

/// Brings the schema up to date. Safe to run from several processes at once.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}
