//! The merchant REST API under `/api/v1`: everything an operator does with customers, links
//! and status, for the merchant's own systems. Authenticated by API keys (`Authorization:
//! Bearer kyc_...`) scoped to their merchant like a staff session, limited per key, with one
//! error shape (`{"error": {"code", "message", "request_id", "fields"}}`), cursor
//! pagination and `Idempotency-Key` on every POST. The OpenAPI 3.1 document is generated
//! from the handlers (`/api/v1/openapi.json`, reference page at `/api/v1/docs`).

use axum::Router;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

mod auth;
mod customers;
mod docs;
mod error;
mod idempotency;
mod journeys;
mod pagination;
mod reports;
mod state;

use auth::BearerScheme;
pub use auth::Limits;
pub use error::ApiError;
pub use state::ApiState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "KYC platform API",
        version = "1",
        description = "Customers, KYC links and their status for the merchant's own systems. Every request carries `Authorization: Bearer <API key>`; keys are created by merchant admins under Settings, API keys, with the scopes read, write and reports. Errors are `{\"error\": {\"code\", \"message\", \"request_id\", \"fields\"}}`. Lists are paged with `cursor` (from `next_cursor`). Every POST accepts `Idempotency-Key`: the same key and body replays the first response; the same key with another body is refused with 422 `idempotency_key_reused`."
    ),
    modifiers(&BearerScheme),
    tags((name = "customers"), (name = "journeys"), (name = "reports"))
)]
struct Reference;

/// The API's routes and its OpenAPI document, built from the same handlers: a route cannot
/// exist without being documented.
fn api() -> OpenApiRouter<ApiState> {
    OpenApiRouter::with_openapi(Reference::openapi())
        .routes(routes!(customers::create, customers::list))
        .routes(routes!(customers::get))
        .routes(routes!(journeys::create, journeys::list))
        .routes(routes!(journeys::get))
        .routes(routes!(journeys::events))
        .routes(routes!(journeys::resend))
        .routes(routes!(journeys::revoke))
        .routes(routes!(reports::journeys_csv))
}

/// The OpenAPI document.
pub fn document() -> utoipa::openapi::OpenApi {
    api().split_for_parts().1
}

/// `/api/v1`: the routes, the document and its reference page. Outside the browser app's
/// session and cross-site layers: a bearer key is no ambient credential.
pub fn router(state: ApiState) -> Router {
    let (routes, document) = api().split_for_parts();
    let routes = routes
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .with_state(state);
    let api = Router::new()
        .nest("/api/v1", routes)
        .merge(docs::router(std::sync::Arc::new(document)));
    crate::security::outside_headers(api)
        .layer(axum::middleware::from_fn(error::with_request_id))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
