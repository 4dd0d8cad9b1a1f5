//! API keys on requests: `Authorization: Bearer kyc_...` is hashed (SHA-256; keys are 192
//! random bits, so a slow hash adds nothing) and looked up; a revoked key is refused at
//! once. Each key has its own rate (requests per minute, GCRA via `governor`), reported in
//! `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset` and, when refused, in
//! `Retry-After`. Limits are per server instance.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::{Quota, RateLimiter};
use kyc_db::api_keys::ApiPrincipal;
use kyc_service::{Actor, ApiKeyActor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::error::ApiError;
use super::state::ApiState;

type Limiter = RateLimiter<
    governor::state::NotKeyed,
    governor::state::InMemoryState,
    DefaultClock,
    StateInformationMiddleware,
>;

/// A limiter and the rate it was built for.
type RatedLimiter = (u32, Arc<Limiter>);

/// Every key's limiter and when it was last recorded as used.
#[derive(Clone, Default)]
pub struct Limits {
    /// Each key's rate (requests per minute) and its limiter.
    limiters: Arc<Mutex<HashMap<Uuid, RatedLimiter>>>,
    touched: Arc<Mutex<HashMap<Uuid, OffsetDateTime>>>,
}

fn unauthorized() -> Response {
    let mut response = ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "Send a valid API key as `Authorization: Bearer <key>`.",
    )
    .into_response();
    response
        .headers_mut()
        .insert("www-authenticate", HeaderValue::from_static("Bearer"));
    response
}

impl Limits {
    /// The key's limiter, built again when its rate was changed.
    fn limiter(&self, principal: &ApiPrincipal) -> Option<Arc<Limiter>> {
        let per_minute = NonZeroU32::new(principal.rate_limit)?;
        let mut limiters = self.limiters.lock().ok()?;
        let build = || {
            Arc::new(
                RateLimiter::direct(Quota::per_minute(per_minute))
                    .with_middleware::<StateInformationMiddleware>(),
            )
        };
        let entry = limiters
            .entry(principal.key_id)
            .or_insert_with(|| (principal.rate_limit, build()));
        if entry.0 != principal.rate_limit {
            *entry = (principal.rate_limit, build());
        }
        Some(entry.1.clone())
    }

    /// Whether the key's use should be recorded now (at most once a minute per key).
    fn due_for_touch(&self, key_id: Uuid, now: OffsetDateTime) -> bool {
        let Ok(mut touched) = self.touched.lock() else {
            return false;
        };
        match touched.get(&key_id) {
            Some(at) if now - *at < time::Duration::minutes(1) => false,
            _ => {
                touched.insert(key_id, now);
                true
            }
        }
    }
}

/// Authenticates the request and applies the key's rate; the principal goes into the
/// request's extensions for the handlers.
pub async fn authenticate(
    State(state): State<ApiState>,
    mut request: Request,
    next: Next,
) -> Response {
    let presented = request
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|k| k.starts_with("kyc_") && k.len() <= 100);
    let Some(presented) = presented else {
        return unauthorized();
    };
    let principal =
        match kyc_db::api_keys::authenticate(&state.db, &kyc_db::api_keys::hash_secret(presented))
            .await
        {
            Ok(Some(principal)) => principal,
            Ok(None) => return unauthorized(),
            Err(error) => return ApiError::internal(&error).into_response(),
        };
    let Some(limiter) = state.limits.limiter(&principal) else {
        return ApiError::internal(&std::io::Error::other("rate limiter")).into_response();
    };
    let limit = principal.rate_limit.to_string();
    let now = OffsetDateTime::now_utc();
    if state.limits.due_for_touch(principal.key_id, now) {
        if let Err(error) = kyc_db::api_keys::touch(&state.db, principal.key_id, now).await {
            tracing::warn!(api_key.id = %principal.key_id, error = %error, "recording an API key's use failed");
        }
    }
    match limiter.check() {
        Ok(snapshot) => {
            let request_id =
                kyc_service::request::request_id_of(request.headers()).map(str::to_owned);
            request.extensions_mut().insert(Actor::ApiKey(ApiKeyActor {
                key_id: principal.key_id,
                merchant_id: principal.merchant_id,
                created_by: principal.created_by,
                scopes: principal.scopes,
                request_id,
            }));
            let mut response = next.run(request).await;
            let headers = response.headers_mut();
            let left = snapshot.remaining_burst_capacity();
            let remaining = left.to_string();
            // Seconds until the full allowance is back: one request per minute/limit.
            let used = principal.rate_limit.saturating_sub(left);
            let reset = (u64::from(used) * 60).div_ceil(u64::from(principal.rate_limit.max(1)));
            let reset = reset.to_string();
            for (name, value) in [
                ("ratelimit-limit", limit.as_str()),
                ("ratelimit-remaining", remaining.as_str()),
                ("ratelimit-reset", reset.as_str()),
            ] {
                if let Ok(value) = HeaderValue::from_str(value) {
                    headers.insert(name, value);
                }
            }
            response
        }
        Err(not_until) => {
            let wait = not_until
                .wait_time_from(DefaultClock::default().now())
                .as_secs()
                .max(1)
                .to_string();
            tracing::info!(api_key.id = %principal.key_id, "API rate limit reached");
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests for this API key; wait as `Retry-After` says.",
            )
            .into_response();
            let headers = response.headers_mut();
            for (name, value) in [
                ("retry-after", wait.as_str()),
                ("ratelimit-limit", limit.as_str()),
                ("ratelimit-remaining", "0"),
                ("ratelimit-reset", wait.as_str()),
            ] {
                if let Ok(value) = HeaderValue::from_str(value) {
                    headers.insert(name, value);
                }
            }
            response
        }
    }
}

/// Declares the bearer scheme in the OpenAPI document.
pub struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API key from Settings, API keys: `kyc_...`"))
                    .build(),
            ),
        );
        openapi.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "api_key",
            Vec::<String>::new(),
        )]);
    }
}
