//! `GET /journeys/{id}/live`: a journey's changes as server-sent events.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use http::HeaderMap;
use kyc_core::merchant::Permission;
use kyc_core::views::LiveUpdate;
use kyc_db::PgPool;
use kyc_errors::AppError;
use serde::Deserialize;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::Instant;
use tower_sessions::Session;
use uuid::Uuid;

use super::Wake;
use crate::state::ServerState;
use crate::uploads::error_response;

/// A stream ends after this long; the browser reconnects at once (with `Last-Event-ID`), and
/// the session is checked again, so a signed-out or demoted user stops receiving updates.
const STREAM_LIFETIME: Duration = Duration::from_secs(300);
/// Even without a notification, a stream reads the table this often (a safety net).
const RECHECK: Duration = Duration::from_secs(30);
/// How soon the browser reconnects after the stream ends.
const RETRY: Duration = Duration::from_millis(1000);

#[derive(Debug, Deserialize)]
pub struct LiveQuery {
    /// The last event the page already shows (used when there is no `Last-Event-ID`).
    after: Option<i64>,
}

/// Streams the journey's new events, each message a [`LiveUpdate`] whose SSE id is its last
/// event id. Staff of the journey's merchant only.
pub async fn journey_stream(
    State(state): State<ServerState>,
    session: Session,
    Path(journey_id): Path<Uuid>,
    Query(query): Query<LiveQuery>,
    headers: HeaderMap,
) -> Response {
    let staff =
        match kyc_service::session::staff_with(&session, &state.db, Permission::ViewJourneys).await
        {
            Ok(staff) => staff,
            Err(error) => return error_response(&AppError::from(error)),
        };
    // Subscribe first: an event committed while the journey is checked still wakes us.
    let wakes = state.live.subscribe();
    if let Err(error) = kyc_db::journeys::get(&state.db, staff.merchant_id, journey_id).await {
        return error_response(&AppError::from(error));
    }
    let after = last_event_id(&headers).or(query.after).unwrap_or(0).max(0);
    let watch = Watch {
        db: state.db.clone(),
        session,
        checked: Instant::now(),
        merchant_id: staff.merchant_id,
        journey_id,
        after,
        wakes,
        pending: true,
        ends: Instant::now() + STREAM_LIFETIME,
    };
    Sse::new(updates(watch))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

fn last_event_id(headers: &HeaderMap) -> Option<i64> {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// One browser's view of one journey.
struct Watch {
    db: PgPool,
    /// The staff member's session, checked again every [`RECHECK`]: a member disabled,
    /// removed, demoted or past the sign-in lifetime stops receiving updates.
    session: Session,
    checked: Instant,
    merchant_id: Uuid,
    journey_id: Uuid,
    /// The last event sent (or that the browser already had).
    after: i64,
    wakes: broadcast::Receiver<Wake>,
    /// Whether the table must be read before waiting again.
    pending: bool,
    ends: Instant,
}

fn updates(watch: Watch) -> impl Stream<Item = Result<Event, Infallible>> {
    let first = Event::default().retry(RETRY).comment("live");
    stream::once(async move { Ok(first) }).chain(stream::unfold(watch, |mut watch| async move {
        loop {
            if watch.checked.elapsed() >= RECHECK {
                if !watch.still_allowed().await {
                    return None;
                }
                watch.checked = Instant::now();
            }
            if watch.pending {
                watch.pending = false;
                match watch.read().await {
                    Ok(Some(event)) => return Some((Ok(event), watch)),
                    Ok(None) => {}
                    Err(error) => {
                        tracing::warn!(journey.id = %watch.journey_id, error = %error, "live stream read failed");
                        return None;
                    }
                }
            }
            let wait = (watch.ends - Instant::now()).min(RECHECK);
            if wait.is_zero() {
                return None;
            }
            match tokio::time::timeout(wait, watch.wakes.recv()).await {
                Ok(Ok(Wake::Journey(id))) => watch.pending = id == watch.journey_id,
                Ok(Ok(Wake::CatchUp)) | Ok(Err(RecvError::Lagged(_))) | Err(_) => {
                    watch.pending = true
                }
                Ok(Err(RecvError::Closed)) => return None,
            }
        }
    }))
}

impl Watch {
    /// Whether the session still exists in the store (not signed out, not expired) and
    /// belongs to a member of the journey's merchant who may view journeys.
    async fn still_allowed(&self) -> bool {
        use tower_sessions::SessionStore;
        // The session is read once per request and kept; the store says whether it ended.
        let Some(id) = self.session.id() else {
            return false;
        };
        let store = tower_sessions_sqlx_store::PostgresStore::new(self.db.clone());
        if !matches!(store.load(&id).await, Ok(Some(_))) {
            return false;
        }
        let member =
            kyc_service::session::staff_with(&self.session, &self.db, Permission::ViewJourneys)
                .await;
        matches!(member, Ok(member) if member.merchant_id == self.merchant_id)
    }

    /// The events after the last one sent, with the journey as it now stands; `None` when
    /// there are none.
    async fn read(&mut self) -> Result<Option<Event>, kyc_db::DbError> {
        let events =
            kyc_db::journeys::events(&self.db, self.merchant_id, self.journey_id, self.after)
                .await?;
        let Some(last) = events.last().map(|e| e.id) else {
            return Ok(None);
        };
        let detail = kyc_db::journeys::get(&self.db, self.merchant_id, self.journey_id).await?;
        self.after = last;
        let update = LiveUpdate { detail, events };
        let event = Event::default()
            .event("update")
            .id(last.to_string())
            .json_data(&update)
            .map_err(|_| kyc_db::DbError::Corrupt("live update"))?;
        Ok(Some(event))
    }
}
