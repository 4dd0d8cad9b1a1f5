//! Live tracker: committed journey events reach every browser watching the journey, on
//! whichever instance it is connected to.
//!
//! - The **dispatcher** (every instance runs one) announces committed events through
//!   Postgres NOTIFY (`kyc_db::live::dispatch`), outside any write transaction.
//! - The **hub** (one per instance) LISTENs on its own connection and fans the journey ids
//!   out to this instance's streams. When its connection is lost it reconnects and tells
//!   every stream to catch up, since notifications sent meanwhile are gone.
//! - Each **stream** (`GET /journeys/{id}/live`, server-sent events) reads the events table
//!   after the last event it sent whenever it is woken, so a notification is never the data:
//!   nothing is lost when one is missed and nothing is sent twice. A browser that reconnects
//!   sends `Last-Event-ID` and continues from there.

mod customer;
mod stream;

use std::time::Duration;

use kyc_db::PgPool;
use sqlx::postgres::{PgListener, PgPoolOptions};
use tokio::sync::broadcast;
use uuid::Uuid;

pub use customer::customer_stream;
pub use stream::journey_stream;

/// The `application_name` of the hub's listening connection (operators can find it in
/// `pg_stat_activity`).
pub const LISTENER_APPLICATION: &str = "kyc-live-listener";

/// How often the dispatcher looks for events to announce when it found none.
const DISPATCH_INTERVAL: Duration = Duration::from_millis(200);
/// Events announced per dispatch transaction.
const DISPATCH_BATCH: i64 = 500;

/// What a stream is woken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Events of this journey were committed.
    Journey(Uuid),
    /// Notifications may have been missed: every stream reads the table again.
    CatchUp,
}

/// This instance's fan-out of journey notifications to its streams.
#[derive(Debug, Clone)]
pub struct Hub {
    wakes: broadcast::Sender<Wake>,
}

impl Hub {
    /// Starts listening (in a background task) on a connection of its own to `db`'s server.
    pub fn start(db: &PgPool) -> Hub {
        let (wakes, _) = broadcast::channel(1024);
        let options = db
            .connect_options()
            .as_ref()
            .clone()
            .application_name(LISTENER_APPLICATION);
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .connect_lazy_with(options);
        tokio::spawn(listen(pool, wakes.clone()));
        Hub { wakes }
    }

    /// A receiver of every wake from now on. Subscribe before reading the table, so that an
    /// event committed in between wakes the stream.
    pub fn subscribe(&self) -> broadcast::Receiver<Wake> {
        self.wakes.subscribe()
    }
}

async fn listen(pool: PgPool, wakes: broadcast::Sender<Wake>) {
    let mut backoff = Duration::from_millis(100);
    loop {
        let mut listener = match subscribed(&pool).await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::warn!(error = %error, "live listener cannot connect; retrying");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
                continue;
            }
        };
        backoff = Duration::from_millis(100);
        // Anything committed before LISTEN took effect is in the table.
        let _ = wakes.send(Wake::CatchUp);
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => match notification.payload().parse::<Uuid>() {
                    Ok(journey_id) => {
                        let _ = wakes.send(Wake::Journey(journey_id));
                    }
                    Err(_) => tracing::warn!("live listener: unexpected payload"),
                },
                Ok(None) => {
                    // sqlx has reconnected and listens again; what was sent meanwhile is lost.
                    tracing::warn!("live listener lost its connection and reconnected");
                    let _ = wakes.send(Wake::CatchUp);
                }
                Err(error) => {
                    tracing::warn!(error = %error, "live listener failed; reconnecting");
                    break;
                }
            }
        }
    }
}

async fn subscribed(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(kyc_db::live::CHANNEL).await?;
    Ok(listener)
}

/// Runs forever: announces committed events as soon as it finds them.
pub async fn dispatch(db: PgPool) {
    loop {
        match kyc_db::live::dispatch(&db, DISPATCH_BATCH).await {
            Ok(taken) if taken == DISPATCH_BATCH => continue,
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error, "announcing journey events failed"),
        }
        tokio::time::sleep(DISPATCH_INTERVAL).await;
    }
}
