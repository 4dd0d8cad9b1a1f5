//! Opening a KYC link: the token is exchanged once for a journey-scoped session, and the
//! browser is sent on to a URL without it.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use http::{HeaderMap, StatusCode};
use kyc_core::link::LinkToken;
use kyc_db::journeys;
use kyc_db::throttle::{self, Limit};
use kyc_i18n::Lang;
use kyc_service::request::ClientAddress;
use time::{Duration, OffsetDateTime};
use tower_sessions::Session;

use crate::state::ServerState;

/// Failed link openings allowed per client address in the window.
const FAILURES_PER_ADDRESS: i64 = 30;
const WINDOW: Duration = Duration::minutes(15);

pub async fn open(
    State(state): State<ServerState>,
    session: Session,
    Path(raw): Path<String>,
    client: Option<Extension<ClientAddress>>,
    headers: HeaderMap,
) -> Response {
    let address = client.map_or_else(|| "unknown".to_owned(), |Extension(c)| c.0.to_string());
    let lang = kyc_app::i18n::request_lang(&headers);
    answer(try_open(&state, &session, &raw, &address, lang).await, lang)
}

/// `POST /h/{code}`: a hand-off code scanned on another device (the phone), confirmed on the
/// page its address shows, opens the same journey there. The code works once and for
/// minutes; failures count with invalid links.
pub async fn hand_off(
    State(state): State<ServerState>,
    session: Session,
    Path(raw): Path<String>,
    client: Option<Extension<ClientAddress>>,
    headers: HeaderMap,
) -> Response {
    let address = client.map_or_else(|| "unknown".to_owned(), |Extension(c)| c.0.to_string());
    let lang = kyc_app::i18n::request_lang(&headers);
    answer(
        try_hand_off(&state, &session, &raw, &address, lang).await,
        lang,
    )
}

/// What the customer reads when opening failed, in their language (the page they came from
/// may have set it; else their browser's).
fn answer(result: anyhow::Result<Response>, lang: Lang) -> Response {
    match result {
        Ok(response) => response,
        Err(error) => {
            let id = uuid::Uuid::new_v4().simple().to_string();
            tracing::error!(error.id = %id, error = %error, "opening a link failed");
            let message = kyc_i18n::text(lang, "error-internal", &[("id", id.as_str().into())]);
            (StatusCode::INTERNAL_SERVER_ERROR, message).into_response()
        }
    }
}

/// A link or code that opens nothing: counted against the address, then the invalid-link
/// page (or, past the limit, 429).
async fn refuse(
    state: &ServerState,
    address: &str,
    now: OffsetDateTime,
    lang: Lang,
) -> anyhow::Result<Response> {
    let limit = Limit {
        key: state.services.throttle_key("link-address", address),
        limit: FAILURES_PER_ADDRESS,
    };
    if throttle::attempt(&state.db, &[limit], WINDOW, now)
        .await?
        .is_none()
    {
        let message = kyc_i18n::text(lang, "error-too-many-attempts", &[]);
        return Ok((StatusCode::TOO_MANY_REQUESTS, message).into_response());
    }
    Ok(Redirect::to("/link-invalid").into_response())
}

async fn try_hand_off(
    state: &ServerState,
    session: &Session,
    raw: &str,
    address: &str,
    lang: Lang,
) -> anyhow::Result<Response> {
    use kyc_service::handoff::{redeem, Redemption};
    let now = OffsetDateTime::now_utc();
    let (journey_id, merchant_id, link) = match redeem(&state.db, raw, now).await? {
        Redemption::Journey {
            journey_id,
            merchant_id,
            link,
        } => (journey_id, merchant_id, link),
        Redemption::Withdrawn => return Ok(Redirect::to("/link-withdrawn").into_response()),
        Redemption::Invalid => return refuse(state, address, now, lang).await,
    };
    let opened =
        kyc_service::session::open_link(session, &state.db, journey_id, merchant_id, &link).await?;
    tracing::info!(journey.id = %journey_id, "journey continued on another device");
    if opened == kyc_service::session::LinkOpened::AskFirst {
        return Ok(Redirect::to("/link-switch").into_response());
    }
    Ok(Redirect::to("/journey").into_response())
}

async fn try_open(
    state: &ServerState,
    session: &Session,
    raw: &str,
    address: &str,
    lang: Lang,
) -> anyhow::Result<Response> {
    let db = &state.db;
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
        return refuse(state, address, now, lang).await;
    };
    // A withdrawn link opens nothing: no session, not even the merchant's name.
    if link.revoked {
        return Ok(Redirect::to("/link-withdrawn").into_response());
    }
    let journey_id = link.journey_id;
    let opened =
        kyc_service::session::open_link(session, db, journey_id, link.merchant_id, &hash).await?;
    if opened == kyc_service::session::LinkOpened::AskFirst {
        tracing::info!(journey.id = %journey_id, "link opened beside another journey: asking first");
        return Ok(Redirect::to("/link-switch").into_response());
    }
    let outcome = journeys::open(db, link.merchant_id, journey_id, now).await?;
    tracing::info!(journey.id = %journey_id, outcome = ?outcome, "link opened");
    Ok(Redirect::to("/journey").into_response())
}
