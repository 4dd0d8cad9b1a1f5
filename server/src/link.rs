//! Opening a KYC link: the token is exchanged once for a journey-scoped session, and the
//! browser is sent on to a URL without it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::request::Parts;
use http::StatusCode;
use kyc_core::link::LinkToken;
use kyc_db::journeys;
use kyc_db::throttle::{self, ThrottleKey};
use kyc_db::PgPool;
use time::{Duration, OffsetDateTime};
use tower_sessions::Session;

/// Failed link openings allowed per client address in the window.
const FAILURES_PER_ADDRESS: i64 = 30;
const WINDOW: Duration = Duration::minutes(15);

pub async fn open(
    State(db): State<PgPool>,
    session: Session,
    Path(raw): Path<String>,
    parts: Parts,
) -> Response {
    match try_open(&db, &session, &raw, &client_address(&parts)).await {
        Ok(response) => response,
        Err(error) => {
            let id = uuid::Uuid::new_v4().simple().to_string();
            tracing::error!(error.id = %id, error = %error, "opening a link failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Something went wrong on our side. If it persists, quote error {id}."),
            )
                .into_response()
        }
    }
}

async fn try_open(
    db: &PgPool,
    session: &Session,
    raw: &str,
    address: &str,
) -> anyhow::Result<Response> {
    let now = OffsetDateTime::now_utc();
    let found = match LinkToken::parse(raw) {
        Ok(token) => journeys::find_by_token(db, &token.hash())
            .await?
            .map(|found| (found, token.hash())),
        Err(_) => None,
    };
    // Only failures are counted and refused: a valid link always opens, so customers
    // behind one shared address (a carrier's NAT, a proxy) are never locked out by others.
    let Some((link, hash)) = found else {
        let key = ThrottleKey::new("link-address", address);
        if throttle::recent_failures(db, key, WINDOW, now).await? >= FAILURES_PER_ADDRESS {
            return Ok((
                StatusCode::TOO_MANY_REQUESTS,
                "Too many invalid links were tried. Please wait a few minutes.",
            )
                .into_response());
        }
        throttle::record_failure(db, &[key], now).await?;
        return Ok(Redirect::to("/link-invalid").into_response());
    };
    // A withdrawn link opens nothing: no session, not even the merchant's name.
    if link.revoked {
        return Ok(Redirect::to("/link-withdrawn").into_response());
    }
    let journey_id = link.journey_id;
    let outcome = journeys::open(db, link.merchant_id, journey_id, now).await?;
    kyc_service::session::start_customer_session(session, journey_id, &hash).await?;
    tracing::info!(journey.id = %journey_id, outcome = ?outcome, "link opened");
    Ok(Redirect::to("/journey").into_response())
}

fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}
