//! `GET /journey/live`: tells a customer's page that their journey changed (on another
//! device they continued on, or by a reviewer), so it reads the journey again. The stream
//! carries no data of the journey, only the wake-up: what the page shows still comes
//! through the customer's own view of it.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use kyc_db::PgPool;
use kyc_errors::AppError;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::Instant;
use tower_sessions::Session;
use uuid::Uuid;

use super::Wake;
use crate::state::ServerState;
use crate::uploads::error_response;

/// A stream ends after this long and the browser reconnects, the session checked again.
const STREAM_LIFETIME: Duration = Duration::from_secs(300);
/// How often the session is checked while the stream is open.
const RECHECK: Duration = Duration::from_secs(30);
/// How soon the browser reconnects after the stream ends.
const RETRY: Duration = Duration::from_millis(1000);

/// A `changed` event whenever the journey of the customer behind the session may have
/// changed. Any customer session, open or ended journey alike.
pub async fn customer_stream(State(state): State<ServerState>, session: Session) -> Response {
    // Subscribe first: a change committed while the session is checked still wakes us.
    let wakes = state.live.subscribe();
    let journey_id = match kyc_service::session::customer_standing(&session, &state.db).await {
        Ok((journey_id, _)) => journey_id,
        Err(error) => return error_response(&AppError::from(error)),
    };
    let watch = Watch {
        db: state.db.clone(),
        session,
        journey_id,
        wakes,
        checked: Instant::now(),
        ends: Instant::now() + STREAM_LIFETIME,
    };
    Sse::new(changes(watch))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

struct Watch {
    db: PgPool,
    session: Session,
    journey_id: Uuid,
    wakes: broadcast::Receiver<Wake>,
    checked: Instant,
    ends: Instant,
}

fn changes(watch: Watch) -> impl Stream<Item = Result<Event, Infallible>> {
    let first = Event::default().retry(RETRY).comment("live");
    stream::once(async move { Ok(first) }).chain(stream::unfold(watch, |mut watch| async move {
        loop {
            if watch.checked.elapsed() >= RECHECK {
                if !watch.still_allowed().await {
                    return None;
                }
                watch.checked = Instant::now();
            }
            let wait = (watch.ends - Instant::now()).min(RECHECK);
            if wait.is_zero() {
                return None;
            }
            let changed = match tokio::time::timeout(wait, watch.wakes.recv()).await {
                Ok(Ok(Wake::Journey(id))) => id == watch.journey_id,
                // Notifications may have been missed: the page reads the journey again.
                Ok(Ok(Wake::CatchUp)) | Ok(Err(RecvError::Lagged(_))) => true,
                Err(_) => false,
                Ok(Err(RecvError::Closed)) => return None,
            };
            if changed {
                // Not empty: a browser drops an event without data.
                let event = Event::default().event("changed").data("changed");
                return Some((Ok(event), watch));
            }
        }
    }))
}

impl Watch {
    /// Whether the session still holds this journey with its current link (not withdrawn,
    /// not replaced by a resend).
    async fn still_allowed(&self) -> bool {
        matches!(
            kyc_service::session::customer_standing(&self.session, &self.db).await,
            Ok((journey_id, _)) if journey_id == self.journey_id
        )
    }
}
