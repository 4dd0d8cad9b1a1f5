//! `/api/v1/journeys`: create a KYC link, read a journey with its steps and timestamps,
//! list, resend, revoke, and the journey's events.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use kyc_core::link::{LinkRequest, LinkToken};
use kyc_core::JourneyState;
use kyc_db::api_keys::ApiPrincipal;
use rand::RngCore;
use time::OffsetDateTime;
use uuid::Uuid;

use super::auth::require;
use super::customers::json_body;
use super::error::ErrorBody;
use super::pagination::{cursor, PageQuery};
use super::{idempotency, ApiError, ApiState};

mod model;

pub use model::*;

/// A fresh link token and its URL.
fn new_link(state: &ApiState) -> (LinkToken, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = LinkToken::from_bytes(bytes);
    let url = format!("{}/k/{}", state.public_url, token.encode());
    (token, url)
}

/// The invitation email's sealed link, when asked for.
fn invitation(
    state: &ApiState,
    send: bool,
    url: &str,
) -> Result<Option<kyc_db::journeys::Invitation>, ApiError> {
    if !send {
        return Ok(None);
    }
    let email_id = Uuid::new_v4();
    let label = kyc_app::context::invitation_label(email_id);
    let sealed_link = state
        .store
        .seal_secret(&label, url.as_bytes())
        .map_err(|e| ApiError::internal(&e))?;
    Ok(Some(kyc_db::journeys::Invitation {
        email_id,
        sealed_link,
    }))
}

/// Creates a KYC link for a customer.
#[utoipa::path(post, path = "/journeys", tag = "journeys", request_body = NewJourney,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key and body")),
    responses((status = 201, body = Link), (status = 404, description = "no such customer", body = ErrorBody),
               (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<ApiState>,
    Extension(key): Extension<ApiPrincipal>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(error) = require(&key, "write") {
        return error.into_response();
    }
    let work = async {
        let input: NewJourney = json_body(&body)?;
        let request = LinkRequest::parse(&input.steps, &input.validity_hours.to_string())
            .map_err(|e| ApiError::invalid(e.0))?;
        kyc_db::customers::get(&state.db, key.merchant_id, input.customer_id).await?;
        let (token, url) = new_link(&state);
        let now = OffsetDateTime::now_utc();
        let expires_at = now + request.validity.duration();
        let new = kyc_db::journeys::NewJourney {
            customer_id: input.customer_id,
            steps: request.steps,
            token_hash: token.hash(),
            expires_at,
        };
        let invitation = invitation(&state, input.send_email, &url)?;
        let journey_id = kyc_db::journeys::create(
            &state.db,
            key.merchant_id,
            key.created_by,
            &new,
            invitation.as_ref(),
            now,
        )
        .await?;
        tracing::info!(journey.id = %journey_id, api_key.id = %key.key_id, "link generated through the API");
        let link = Link {
            journey_id,
            url,
            expires_at: Some(expires_at),
            emailed: invitation.is_some(),
        };
        let body = serde_json::to_value(link).map_err(|e| ApiError::internal(&e))?;
        Ok((StatusCode::CREATED, body))
    };
    idempotency::once(
        &state,
        key.merchant_id,
        &headers,
        "POST /journeys",
        &body,
        work,
    )
    .await
}

/// One journey with its steps and timestamps.
#[utoipa::path(get, path = "/journeys/{id}", tag = "journeys", params(("id" = Uuid, Path)),
    responses((status = 200, body = Journey), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<ApiState>,
    Extension(key): Extension<ApiPrincipal>,
    Path(id): Path<Uuid>,
) -> Result<Json<Journey>, ApiError> {
    require(&key, "read")?;
    let detail = kyc_db::journeys::summary(&state.db, key.merchant_id, id).await?;
    Ok(Json(detail.into()))
}

/// The merchant's journeys, newest first.
#[utoipa::path(get, path = "/journeys", tag = "journeys", params(JourneyFilter, PageQuery),
    responses((status = 200, body = JourneyPage), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<ApiState>,
    Extension(key): Extension<ApiPrincipal>,
    Query(filter): Query<JourneyFilter>,
    Query(page): Query<PageQuery>,
) -> Result<Json<JourneyPage>, ApiError> {
    require(&key, "read")?;
    let limit = page.limit()?;
    let after = page.after()?.map(|a| (a.created_at, a.id));
    let journey_state = match filter.state.as_deref() {
        None => None,
        Some(s) => Some(JourneyState::from_db(s).ok_or_else(|| {
            ApiError::invalid(vec![kyc_core::FieldError::new(
                "state",
                "is not a journey state",
            )])
        })?),
    };
    let rows = kyc_db::journeys::page(
        &state.db,
        key.merchant_id,
        filter.customer_id,
        journey_state,
        after,
        limit + 1,
    )
    .await?;
    let more = rows.len() as i64 > limit;
    let mut data = Vec::new();
    for row in rows.iter().take(limit as usize) {
        data.push(
            kyc_db::journeys::summary(&state.db, key.merchant_id, row.id)
                .await?
                .into(),
        );
    }
    let next_cursor = more
        .then(|| {
            rows.get(limit as usize - 1)
                .map(|r| cursor(r.created_at, r.id))
        })
        .flatten();
    Ok(Json(JourneyPage { data, next_cursor }))
}

/// The journey's recorded changes, oldest first.
#[utoipa::path(get, path = "/journeys/{id}/events", tag = "journeys",
    params(("id" = Uuid, Path), EventsQuery),
    responses((status = 200, body = Vec<Event>), (status = 404, body = ErrorBody)))]
pub async fn events(
    State(state): State<ApiState>,
    Extension(key): Extension<ApiPrincipal>,
    Path(id): Path<Uuid>,
    Query(query): Query<EventsQuery>,
) -> Result<Json<Vec<Event>>, ApiError> {
    require(&key, "read")?;
    let rows =
        kyc_db::journeys::events(&state.db, key.merchant_id, id, query.after.unwrap_or(0)).await?;
    Ok(Json(rows.into_iter().map(Event::from).collect()))
}

/// Sends a new link: a new token replaces the old one, which stops working.
#[utoipa::path(post, path = "/journeys/{id}/resend", tag = "journeys", params(("id" = Uuid, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key and body")),
    request_body(content = Resend, description = "Optional"),
    responses((status = 200, body = Link), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn resend(
    State(state): State<ApiState>,
    Extension(key): Extension<ApiPrincipal>,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(error) = require(&key, "write") {
        return error.into_response();
    }
    let work = async {
        let input: Resend = if body.is_empty() {
            Resend::default()
        } else {
            json_body(&body)?
        };
        let (token, url) = new_link(&state);
        let invitation = invitation(&state, input.send_email, &url)?;
        let now = OffsetDateTime::now_utc();
        kyc_db::journeys::resend(
            &state.db,
            key.merchant_id,
            key.created_by,
            id,
            &token.hash(),
            invitation.as_ref(),
            now,
        )
        .await?;
        tracing::info!(journey.id = %id, api_key.id = %key.key_id, "link resent through the API");
        let link = Link {
            journey_id: id,
            url,
            expires_at: None,
            emailed: invitation.is_some(),
        };
        let body = serde_json::to_value(link).map_err(|e| ApiError::internal(&e))?;
        Ok((StatusCode::OK, body))
    };
    let route = format!("POST /journeys/{id}/resend");
    idempotency::once(&state, key.merchant_id, &headers, &route, &body, work).await
}

/// Withdraws the link: the journey ends as expired with reason `revoked`.
#[utoipa::path(post, path = "/journeys/{id}/revoke", tag = "journeys", params(("id" = Uuid, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key and body")),
    responses((status = 200, body = Journey), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<ApiState>,
    Extension(key): Extension<ApiPrincipal>,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(error) = require(&key, "write") {
        return error.into_response();
    }
    let work = async {
        let now = OffsetDateTime::now_utc();
        kyc_db::journeys::revoke(&state.db, key.merchant_id, key.created_by, id, now).await?;
        tracing::info!(journey.id = %id, api_key.id = %key.key_id, "link revoked through the API");
        let detail = kyc_db::journeys::summary(&state.db, key.merchant_id, id).await?;
        let body =
            serde_json::to_value(Journey::from(detail)).map_err(|e| ApiError::internal(&e))?;
        Ok((StatusCode::OK, body))
    };
    let route = format!("POST /journeys/{id}/revoke");
    idempotency::once(&state, key.merchant_id, &headers, &route, &body, work).await
}
