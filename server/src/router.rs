//! The router as a function of its dependencies.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use kyc_app::context::AppContext;
use kyc_app::{shell, App};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

use crate::{branding, link, live, reports, security, uploads};

/// Name of the session cookie (staff and customer sessions alike).
pub const SESSION_COOKIE: &str = "kyc_session";

pub use crate::state::ServerState;

/// The whole HTTP surface: the Leptos app and its server functions, link opening, branding
/// assets, with sessions and the security layers around them.
pub fn router(state: ServerState) -> Router {
    let context = AppContext {
        db: state.db.clone(),
        services: state.services.clone(),
        checks: std::sync::Arc::new(state.checks.clone()),
    };
    let providers = providers(&state);
    let api_state = crate::api::ApiState {
        db: state.db.clone(),
        services: state.services.clone(),
        store: state.store.clone(),
        limits: crate::api::Limits::default(),
    };
    let provide = move || provide_context(context.clone());
    let options = state.leptos_options.clone();
    let sessions = SessionManagerLayer::new(PostgresStore::new(state.db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.production)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)));
    let production = state.production;
    let trusted_proxies = state.trusted_proxies.clone();
    Router::new()
        .route("/k/{token}", get(link::open))
        .route("/m/{merchant_id}/logo", get(branding::logo))
        .route("/m/{merchant_id}/theme.css", get(branding::theme))
        .route("/health", get(|| async { "ok" }))
        .route(
            "/journey/documents/files",
            post(uploads::upload_document_file).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/journey/captures/{step}",
            post(uploads::upload_capture).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/journey/tickets/{ticket_id}/attachments",
            post(uploads::upload_ticket_attachment).layer(DefaultBodyLimit::disable()),
        )
        .route("/journey/files/{object_id}", get(uploads::serve_object))
        .route(
            "/journey/digilocker/callback",
            get(crate::checks::digilocker_callback),
        )
        .route("/review/files/{object_id}", get(uploads::serve_for_review))
        .route("/journeys/{journey_id}/live", get(live::journey_stream))
        .route("/reports/journeys.csv", get(reports::download))
        .route(
            "/settings/logo",
            post(branding::upload_logo).layer(DefaultBodyLimit::disable()),
        )
        .leptos_routes_with_context(
            &state,
            generate_route_list(App),
            provide.clone(),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(provide, shell))
        .with_state(state)
        .layer(sessions)
        .layer(axum::middleware::from_fn(
            security::refuse_cross_site_writes,
        ))
        .layer(axum::middleware::from_fn(move |req, next| {
            security::client_address(trusted_proxies.clone(), req, next)
        }))
        .layer(axum::middleware::from_fn(move |req, next| {
            security::set_headers(production, req, next)
        }))
        // Outermost: every request gets an id (or keeps the one a proxy gave it), echoed in
        // the response and written to audit entries.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .merge(providers)
        .merge(crate::api::router(api_state))
}

/// Provider webhooks and sandboxes: provider protocols, not browser pages, so outside the
/// app's session and cross-site layers.
fn providers(state: &ServerState) -> Router {
    let mut routes = Router::new()
        .route("/webhooks/bank", post(crate::checks::bank_webhook))
        .with_state(state.checks.clone());
    if let Some(sandboxes) = &state.sandboxes {
        let callback = sandboxes
            .bank_webhooks
            .then(|| kyc_providers::sandbox::bank::Callback {
                url: format!("{}/webhooks/bank", state.public_url),
                secret: kyc_providers::sandbox::bank::WEBHOOK_SECRET.to_vec(),
            });
        let mut digilocker = kyc_providers::sandbox::digilocker::SandboxConfig::new(format!(
            "{}/sandbox/digilocker",
            state.public_url
        ));
        digilocker.delay_for_slow = sandboxes.digilocker_slow;
        digilocker.registered_redirect_uri =
            Some(format!("{}/journey/digilocker/callback", state.public_url));
        routes = routes
            .nest(
                "/sandbox/bank",
                kyc_providers::sandbox::bank::router(sandboxes.bank_delay, callback),
            )
            .nest(
                "/sandbox/digilocker",
                kyc_providers::sandbox::digilocker::router(digilocker),
            );
    }
    security::outside_headers(routes)
}
