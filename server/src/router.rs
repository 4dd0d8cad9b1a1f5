//! The router as a function of its dependencies.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use kyc_app::context::AppContext;
use kyc_app::{shell, App};
use kyc_core::access::Gate;
use kyc_core::merchant::Permission;
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

/// One of the server's own routes (beside the app's pages and server functions), with who
/// may use it. The router is built from [`browser_routes`]'s list, and the route sweep test
/// reads the same list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteGate {
    pub method: &'static str,
    pub path: &'static str,
    pub gate: Gate,
}

const fn gate(method: &'static str, path: &'static str, gate: Gate) -> RouteGate {
    RouteGate { method, path, gate }
}

/// The server's own browser routes, their gates and handlers.
fn browser_routes() -> Vec<(RouteGate, MethodRouter<ServerState>)> {
    use Gate::{Anyone, Customer, Staff};
    let upload = DefaultBodyLimit::disable;
    vec![
        (gate("GET", "/k/{token}", Anyone), get(link::open)),
        // A POST from the page at `GET /h/{code}` (an app page): a link preview or a
        // prefetch that only reads the address spends nothing.
        (gate("POST", "/h/{code}", Anyone), post(link::hand_off)),
        (
            gate("GET", "/m/{merchant_id}/logo", Anyone),
            get(branding::logo),
        ),
        (
            gate("GET", "/m/{merchant_id}/theme.css", Anyone),
            get(branding::theme),
        ),
        (gate("GET", "/health", Anyone), get(|| async { "ok" })),
        (
            gate("POST", "/journey/documents/files", Customer),
            post(uploads::upload_document_file).layer(upload()),
        ),
        (
            gate("POST", "/journey/captures/{step}", Customer),
            post(uploads::upload_capture).layer(upload()),
        ),
        (
            gate("POST", "/journey/tickets/{ticket_id}/attachments", Customer),
            post(uploads::upload_ticket_attachment).layer(upload()),
        ),
        (
            gate("GET", "/journey/files/{object_id}", Customer),
            get(uploads::serve_object),
        ),
        (
            gate("GET", "/journey/live", Customer),
            get(live::customer_stream),
        ),
        (
            gate("GET", "/journey/digilocker/callback", Customer),
            get(crate::checks::digilocker_callback),
        ),
        (
            gate(
                "GET",
                "/review/files/{object_id}",
                Staff(Permission::Review),
            ),
            get(uploads::serve_for_review),
        ),
        (
            gate(
                "GET",
                "/journeys/{journey_id}/live",
                Staff(Permission::ViewJourneys),
            ),
            get(live::journey_stream),
        ),
        (
            gate(
                "GET",
                "/reports/journeys.csv",
                Staff(Permission::DownloadReports),
            ),
            get(reports::download),
        ),
        (
            gate("POST", "/settings/logo", Staff(Permission::ManageSettings)),
            post(branding::upload_logo).layer(upload()),
        ),
    ]
}

/// The bank provider's webhook: signed by the provider, outside the session layers.
const BANK_WEBHOOK: RouteGate = gate("POST", "/webhooks/bank", Gate::Provider);

/// Every route the server itself serves with its gate: the browser routes and the provider
/// webhooks (the sandboxes, served only in development, are providers' stand-ins and not
/// listed).
pub fn route_gates() -> Vec<RouteGate> {
    let mut gates: Vec<RouteGate> = browser_routes().into_iter().map(|(gate, _)| gate).collect();
    gates.push(BANK_WEBHOOK);
    gates
}

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
    let assets = crate::assets::router(
        std::path::Path::new(options.site_root.as_ref()),
        options.hash_files,
    );
    let own = browser_routes()
        .into_iter()
        .fold(assets, |router, (gate, handler)| {
            router.route(gate.path, handler)
        });
    own.leptos_routes_with_context(
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
        security::bad_arguments_are_client_errors,
    ))
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
        .route(BANK_WEBHOOK.path, post(crate::checks::bank_webhook))
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
