//! The API's one error shape: `{"error": {"code", "message", "request_id", "fields"}}`.
//! Handlers return [`ApiError`]; the outer layer adds the request's id (set by the
//! request-id layer, echoed in `x-request-id`).

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kyc_core::FieldError;
use kyc_db::DbError;
use kyc_service::error::Denied;
use kyc_service::ServiceError;
use serde::Serialize;
use utoipa::ToSchema;

/// An error answer: a stable code, a sentence for people, problems per field.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<FieldError>,
}

/// The body of every error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, snake_case: `unauthorized`, `forbidden`, `not_found`, `invalid`, `conflict`,
    /// `rate_limited`, `idempotency_key_reused`, `idempotency_key_in_use`, `internal`.
    pub code: String,
    pub message: String,
    /// The request's id, as in the `x-request-id` header: quote it to support.
    pub request_id: Option<String>,
    /// For `invalid`: what is wrong with each field.
    pub fields: Vec<FieldProblem>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        ApiError {
            fields,
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "Some fields are not valid; see `fields`.",
            )
        }
    }

    pub fn not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "Not found.")
    }

    pub fn forbidden(denied: Denied) -> Self {
        let message = match denied.api_scope() {
            Some(scope) => format!("This API key does not have the `{scope}` scope."),
            None => "API keys cannot do this.".to_owned(),
        };
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// An unexpected failure: logged with the request's id, answered without details.
    pub fn internal(error: &dyn std::error::Error) -> Self {
        tracing::error!(error = %error, "API request failed");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side. Quote the request id if it persists.",
        )
    }
}

impl From<DbError> for ApiError {
    fn from(error: DbError) -> Self {
        ServiceError::from(error).into()
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::NotFound => ApiError::not_found(),
            ServiceError::Forbidden(denied) => ApiError::forbidden(denied),
            ServiceError::Invalid(errors) => ApiError::invalid(errors.0),
            ServiceError::Taken(field) => ApiError {
                fields: vec![FieldError::new(field, "is already used by another record")],
                ..ApiError::new(
                    StatusCode::CONFLICT,
                    "conflict",
                    "A record with this value exists already.",
                )
            },
            ServiceError::Transition(refusal) => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                format!(
                    "Not possible now: `{}` is refused in state `{}` ({:?}).",
                    refusal.event, refusal.from, refusal.refusal
                ),
            ),
            ServiceError::Refused(rule) => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                format!("Not possible now ({}).", rule.code()),
            ),
            ServiceError::TooManyAttempts => ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many attempts; try again later.",
            ),
            ServiceError::Internal(error) => ApiError::internal(&*error),
            other @ (ServiceError::Unauthenticated
            | ServiceError::TwoFactorRequired
            | ServiceError::LinkInvalid
            | ServiceError::LinkWithdrawn
            | ServiceError::Stale
            | ServiceError::Unready(_)) => ApiError::internal(&other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Renders an [`ApiError`] left by a handler or the authentication layer, with the
/// request's id.
pub async fn with_request_id(request: Request, next: Next) -> Response {
    let request_id = kyc_service::request::request_id_of(request.headers()).map(str::to_owned);
    let response = next.run(request).await;
    let Some(error) = response.extensions().get::<ApiError>().cloned() else {
        return response;
    };
    let body = ErrorBody {
        error: ErrorDetail {
            code: error.code.to_owned(),
            message: error.message,
            request_id,
            fields: error
                .fields
                .into_iter()
                .map(|f| FieldProblem {
                    field: f.field,
                    message: f.message,
                })
                .collect(),
        },
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let json = serde_json::to_vec(&body).unwrap_or_default();
    Response::from_parts(parts, axum::body::Body::from(json))
}
