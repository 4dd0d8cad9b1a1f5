//! Security layers around every response: cross-site write refusal (CSRF) and headers.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use tower_http::set_header::SetResponseHeaderLayer;

/// Refuses state-changing requests that a browser marks as coming from another site.
///
/// Browsers send `Sec-Fetch-Site` on every request; older ones at least send `Origin` on
/// cross-origin writes. Requests with neither come from non-browser clients, which carry no
/// ambient cookies of a victim, so they pass (as in Go's `CrossOriginProtection`).
pub async fn refuse_cross_site_writes(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || is_same_origin(&request)
    {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "cross-site write refused");
    (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response()
}

fn is_same_origin(request: &Request) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin.to_str().ok().and_then(|o| {
        o.strip_prefix("https://")
            .or_else(|| o.strip_prefix("http://"))
    });
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

/// Puts the client's address on the request ([`kyc_service::request::ClientAddress`]): the
/// connection's peer, or behind one of the `trusted` proxies the address it forwarded.
pub async fn client_address(
    trusted: std::sync::Arc<Vec<ipnet::IpNet>>,
    mut request: Request,
    next: Next,
) -> Response {
    use axum::extract::ConnectInfo;
    let peer = request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    if let Some(peer) = peer {
        let forwarded: Vec<String> = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        let forwarded: Vec<&str> = forwarded.iter().map(String::as_str).collect();
        let client = kyc_service::request::client_address(peer, &forwarded, &trusted);
        request
            .extensions_mut()
            .insert(kyc_service::request::ClientAddress(client));
    }
    next.run(request).await
}

/// The headers of everything outside the browser app (the API and its reference page,
/// provider webhooks, the sandboxes): never cached, never sniffed.
pub fn outside_headers<S>(router: axum::Router<S>) -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// Sets the security headers on every response, and `Cache-Control: no-store` on those that
/// did not choose their own caching (the site assets do: [`crate::assets`]).
pub async fn set_headers(production: bool, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed: [(HeaderName, &str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(self), microphone=(), geolocation=(), payment=()",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if production {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// Server functions answer 500 when their arguments do not decode (Leptos's default), yet
/// that is the caller's mistake: such answers become 400, with the same body. Found by the
/// route sweep (`sweep.rs`).
pub async fn bad_arguments_are_client_errors(request: Request, next: Next) -> Response {
    let server_function = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !server_function || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are small JSON; a larger one is passed on untouched but for its length.
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    use leptos::server_fn::error::ServerFnErrorErr as E;
    if matches!(
        serde_json::from_slice::<kyc_errors::AppError>(&bytes),
        Ok(kyc_errors::AppError::Request(
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_)
        ))
    ) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}
