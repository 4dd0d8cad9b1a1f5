//! `Idempotency-Key` on POSTs: the first request with a key runs and its answer is kept;
//! the same key and body replays it, another body is refused, and a duplicate arriving
//! while the first still runs is told to retry (so two never both run).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json, RequestExt};
use kyc_core::access::Permission;
use kyc_db::idempotency::{self, Claim};
use kyc_service::Actor;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::error::ApiError;
use super::state::ApiState;

/// A write request of the API as its handler needs it: the state, the caller the bearer
/// layer authenticated, the body, and what an `Idempotency-Key` is bound to (the route as
/// requested, `POST /journeys/{id}/resend` with the id, and the body). It reads the body,
/// so it is a handler's last argument.
pub struct ApiWrite {
    pub state: ApiState,
    pub actor: Actor,
    pub body: Bytes,
    headers: HeaderMap,
    route: String,
}

impl FromRequest<ApiState> for ApiWrite {
    type Rejection = Response;

    async fn from_request(mut request: Request, state: &ApiState) -> Result<Self, Response> {
        let Extension(actor) = request
            .extract_parts::<Extension<Actor>>()
            .await
            .map_err(IntoResponse::into_response)?;
        let route = route_of(request.method(), request.uri().path());
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(ApiWrite {
            state: state.clone(),
            actor,
            body,
            headers,
            route,
        })
    }
}

/// What a key is bound to besides the body: the method and the path as the API's own router
/// sees it (under `/api/v1`), each id in its one spelling, so that a retry writing the id
/// otherwise (upper case, without hyphens) still replays.
fn route_of(method: &http::Method, path: &str) -> String {
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
            Uuid::parse_str(&decoded).map_or_else(|_| segment.to_owned(), |id| id.to_string())
        })
        .collect();
    format!("{method} {}", segments.join("/"))
}

impl ApiWrite {
    /// Runs `work` as this write: the actor is authorised for `permission` first (so a key
    /// without the scope never claims an idempotency key), then `work` runs at most once
    /// per `Idempotency-Key` and its value is the JSON answer; a success is 201 Created.
    pub async fn created<T, F>(&self, permission: Permission, work: F) -> Result<Response, ApiError>
    where
        T: serde::Serialize,
        F: std::future::Future<Output = Result<T, ApiError>>,
    {
        self.answer(StatusCode::CREATED, permission, work).await
    }

    /// Runs `work` as this write; a success answers 200 OK.
    pub async fn ok<T, F>(&self, permission: Permission, work: F) -> Result<Response, ApiError>
    where
        T: serde::Serialize,
        F: std::future::Future<Output = Result<T, ApiError>>,
    {
        self.answer(StatusCode::OK, permission, work).await
    }

    /// [`ApiWrite::created`] with another status.
    async fn answer<T, F>(
        &self,
        status: StatusCode,
        permission: Permission,
        work: F,
    ) -> Result<Response, ApiError>
    where
        T: serde::Serialize,
        F: std::future::Future<Output = Result<T, ApiError>>,
    {
        let by = self.actor.authorize(permission)?;
        let work = async {
            let value = work.await?;
            let body = serde_json::to_value(value).map_err(|e| ApiError::internal(&e))?;
            Ok((status, body))
        };
        let (headers, route) = (&self.headers, &self.route);
        Ok(once(
            &self.state,
            by.merchant_id,
            headers,
            route,
            &self.body,
            work,
        )
        .await)
    }
}

/// Runs `work` at most once per `Idempotency-Key` (when the request has one). `work`
/// answers a status and a JSON body.
pub async fn once<F>(
    state: &ApiState,
    merchant_id: Uuid,
    headers: &HeaderMap,
    route: &str,
    body: &[u8],
    work: F,
) -> Response
where
    F: std::future::Future<Output = Result<(StatusCode, serde_json::Value), ApiError>>,
{
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty());
    let Some(key) = key else {
        return respond(work.await);
    };
    if key.len() > 255 {
        return ApiError::invalid(vec![kyc_core::FieldError::new(
            "Idempotency-Key",
            "must be at most 255 characters",
        )])
        .into_response();
    }
    let mut hasher = Sha256::new();
    hasher.update(route.as_bytes());
    hasher.update([0]);
    hasher.update(body);
    let hash: [u8; 32] = hasher.finalize().into();
    let now = time::OffsetDateTime::now_utc();
    match idempotency::claim(&state.db, merchant_id, key, &hash, now).await {
        Err(error) => ApiError::from(error).into_response(),
        Ok(Claim::Replay { status, body }) => {
            let body = match opened(state, merchant_id, key, &body) {
                Ok(body) => body,
                Err(error) => return error.into_response(),
            };
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut response = (status, Json(body)).into_response();
            response.headers_mut().insert(
                "idempotent-replayed",
                axum::http::HeaderValue::from_static("true"),
            );
            response
        }
        Ok(Claim::Mismatch) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "This Idempotency-Key was used with another request body.",
        )
        .into_response(),
        Ok(Claim::InProgress) => ApiError::new(
            StatusCode::CONFLICT,
            "idempotency_key_in_use",
            "A request with this Idempotency-Key is still running; retry in a moment.",
        )
        .into_response(),
        Ok(Claim::New) => {
            let result = work.await;
            let kept = match &result {
                Ok((status, body)) => match sealed(state, merchant_id, key, body) {
                    Ok(sealed) => {
                        idempotency::complete(&state.db, merchant_id, key, status.as_u16(), &sealed)
                            .await
                    }
                    Err(_) => idempotency::release(&state.db, merchant_id, key).await,
                },
                // A refusal is an answer too; only our own failures may be retried.
                Err(error) if error.status.is_client_error() => {
                    let body = serde_json::json!({ "error": { "code": error.code, "message": error.message } });
                    match sealed(state, merchant_id, key, &body) {
                        Ok(sealed) => {
                            idempotency::complete(
                                &state.db,
                                merchant_id,
                                key,
                                error.status.as_u16(),
                                &sealed,
                            )
                            .await
                        }
                        Err(_) => idempotency::release(&state.db, merchant_id, key).await,
                    }
                }
                Err(_) => idempotency::release(&state.db, merchant_id, key).await,
            };
            if let Err(error) = kept {
                tracing::warn!(error = %error, "recording an idempotent answer failed");
            }
            respond(result)
        }
    }
}

/// The label a stored answer is sealed under: bound to its merchant and key.
fn label(merchant_id: Uuid, key: &str) -> String {
    format!("idempotency/{merchant_id}/{key}")
}

/// A stored answer holds a link's URL (a bearer token) or a customer's details: it is kept
/// sealed under the master key, as `{"sealed": base64}`.
fn sealed(
    state: &ApiState,
    merchant_id: Uuid,
    key: &str,
    body: &serde_json::Value,
) -> Result<serde_json::Value, ApiError> {
    use base64::Engine;
    let plain = serde_json::to_vec(body).map_err(|e| ApiError::internal(&e))?;
    let sealed = state
        .store
        .seal_secret(&label(merchant_id, key), &plain)
        .map_err(|e| ApiError::internal(&e))?;
    Ok(serde_json::json!({ "sealed": base64::engine::general_purpose::STANDARD.encode(sealed) }))
}

fn opened(
    state: &ApiState,
    merchant_id: Uuid,
    key: &str,
    stored: &serde_json::Value,
) -> Result<serde_json::Value, ApiError> {
    use base64::Engine;
    let broken = || ApiError::internal(&std::io::Error::other("stored idempotent answer"));
    let sealed = stored["sealed"]
        .as_str()
        .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
        .ok_or_else(broken)?;
    let plain = state
        .store
        .open_secret(&label(merchant_id, key), &sealed)
        .map_err(|e| ApiError::internal(&e))?;
    serde_json::from_slice(&plain).map_err(|e| ApiError::internal(&e))
}

fn respond(result: Result<(StatusCode, serde_json::Value), ApiError>) -> Response {
    match result {
        Ok((status, body)) => (status, Json(body)).into_response(),
        Err(error) => error.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::route_of;
    use http::Method;

    #[test]
    fn a_route_names_its_ids_in_one_spelling() {
        let id = "0190a5b2-7c3e-7d4f-8a1b-2c3d4e5f6a7b";
        let canonical = format!("POST /journeys/{id}/resend");
        for spelled in [
            id.to_owned(),
            id.to_uppercase(),
            id.replace('-', ""),
            id.replace('-', "%2D"),
        ] {
            let path = format!("/journeys/{spelled}/resend");
            assert_eq!(route_of(&Method::POST, &path), canonical, "{spelled}");
        }
        assert_eq!(route_of(&Method::POST, "/customers"), "POST /customers");
    }
}
