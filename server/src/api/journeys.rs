//! `/api/v1/journeys`: create a KYC link, read a journey with its steps and timestamps,
//! list, resend, revoke, and the journey's events.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Json};
use kyc_core::access::Permission;
use kyc_core::JourneyState;
use kyc_service::links::{self, GenerateLink};
use kyc_service::Actor;
use uuid::Uuid;

use super::customers::json_body;
use super::error::ApiError;
use super::error::ErrorBody;
use super::idempotency::ApiWrite;
use super::pagination::{cursor, PageQuery};
use super::state::ApiState;

mod model;

pub use model::*;

/// Creates a KYC link for a customer.
#[utoipa::path(post, path = "/journeys", tag = "journeys", request_body = NewJourney,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key and body")),
    responses((status = 201, body = Link), (status = 404, description = "no such customer", body = ErrorBody),
               (status = 422, body = ErrorBody)))]
pub async fn create(request: ApiWrite) -> Result<Response, ApiError> {
    let ApiWrite {
        state, actor, body, ..
    } = &request;
    let work = async {
        let input: NewJourney = json_body(body)?;
        let link = GenerateLink {
            customer_id: input.customer_id,
            steps: input.steps,
            validity_hours: input.validity_hours.to_string(),
            email: input.send_email,
        };
        Ok(Link::from(
            links::generate(&state.services, actor, link).await?,
        ))
    };
    request.created(Permission::ManageLinks, work).await
}

/// One journey with its steps and timestamps.
#[utoipa::path(get, path = "/journeys/{id}", tag = "journeys", params(("id" = Uuid, Path)),
    responses((status = 200, body = Journey), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<ApiState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<Uuid>,
) -> Result<Json<Journey>, ApiError> {
    let merchant_id = actor.authorize(Permission::ViewJourneys)?.merchant_id;
    let detail = kyc_db::journeys::summary(&state.db, merchant_id, id).await?;
    Ok(Json(detail.into()))
}

/// The merchant's journeys, newest first.
#[utoipa::path(get, path = "/journeys", tag = "journeys", params(JourneyFilter, PageQuery),
    responses((status = 200, body = JourneyPage), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<ApiState>,
    Extension(actor): Extension<Actor>,
    Query(filter): Query<JourneyFilter>,
    Query(page): Query<PageQuery>,
) -> Result<Json<JourneyPage>, ApiError> {
    let merchant_id = actor.authorize(Permission::ViewJourneys)?.merchant_id;
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
        merchant_id,
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
            kyc_db::journeys::summary(&state.db, merchant_id, row.id)
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
    Extension(actor): Extension<Actor>,
    Path(id): Path<Uuid>,
    Query(query): Query<EventsQuery>,
) -> Result<Json<Vec<Event>>, ApiError> {
    let merchant_id = actor.authorize(Permission::ViewJourneys)?.merchant_id;
    let rows =
        kyc_db::journeys::events(&state.db, merchant_id, id, query.after.unwrap_or(0)).await?;
    Ok(Json(rows.into_iter().map(Event::from).collect()))
}

/// Sends a new link: a new token replaces the old one, which stops working.
#[utoipa::path(post, path = "/journeys/{id}/resend", tag = "journeys", params(("id" = Uuid, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key and body")),
    request_body(content = Resend, description = "Optional"),
    responses((status = 200, body = Link), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn resend(Path(id): Path<Uuid>, request: ApiWrite) -> Result<Response, ApiError> {
    let ApiWrite {
        state, actor, body, ..
    } = &request;
    let work = async {
        let input: Resend = if body.is_empty() {
            Resend::default()
        } else {
            json_body(body)?
        };
        let link = links::resend(&state.services, actor, id, input.send_email).await?;
        Ok(Link::from(link))
    };
    request.ok(Permission::ManageLinks, work).await
}

/// Withdraws the link: the journey ends as expired with reason `revoked`.
#[utoipa::path(post, path = "/journeys/{id}/revoke", tag = "journeys", params(("id" = Uuid, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key and body")),
    responses((status = 200, body = Journey), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn revoke(Path(id): Path<Uuid>, request: ApiWrite) -> Result<Response, ApiError> {
    let merchant_id = request
        .actor
        .authorize(Permission::ManageLinks)?
        .merchant_id;
    let work = async {
        links::revoke(&request.state.services, &request.actor, id).await?;
        let detail = kyc_db::journeys::summary(&request.state.db, merchant_id, id).await?;
        Ok(Journey::from(detail))
    };
    request.ok(Permission::ManageLinks, work).await
}
