//! The composition root: one [`App::build`] turns a configuration and a database pool into
//! the server's state, router and workers. `main`, the HTTP tests and the benchmarks all
//! start here, so what they run is what production runs.

use anyhow::Context;
use kyc_db::PgPool;

use crate::config::Config;
use crate::router::router;
use crate::state::ServerState;
use crate::storage::DocumentStore;

/// The assembled server.
pub struct App {
    pub config: Config,
    pub state: ServerState,
}

impl App {
    /// Opens the document store, wires the providers (or their sandboxes) and the live hub,
    /// and assembles the shared state. Starts nothing: see [`App::start_workers`] and
    /// [`App::serve`].
    pub fn build(config: Config, db: PgPool) -> anyhow::Result<App> {
        let store = DocumentStore::open(&config.storage_url, config.master_key.clone())
            .context("opening document storage (KYC_STORAGE_URL)")?;
        let sandboxes = config.sandboxes.is_some();
        let checks = crate::checks::Checks {
            db: db.clone(),
            store: store.clone(),
            bank: crate::checks::bank_provider(&config.bank, &config.public_url, sandboxes),
            digilocker: crate::checks::digilocker_provider(
                &config.digilocker,
                &config.public_url,
                sandboxes,
            )
            .context("configuring DigiLocker (KYC_DIGILOCKER_*)")?,
        };
        let services = kyc_service::Services {
            db: db.clone(),
            public_url: config.public_url.clone(),
            sealer: std::sync::Arc::new(store.clone()),
            webhooks: std::sync::Arc::new(crate::webhooks::Rules {
                development: !config.production,
            }),
            throttle: kyc_db::throttle::ThrottleSecret::new(
                config.master_key.derive("kyc throttle keys v1"),
            ),
            audit: kyc_db::audit::AuditKeys::derive(|purpose| config.master_key.derive(purpose)),
        };
        let state = ServerState {
            leptos_options: config.leptos.clone(),
            live: crate::live::Hub::start(&db),
            db,
            services,
            public_url: config.public_url.clone(),
            production: config.production,
            trusted_proxies: std::sync::Arc::new(config.trusted_proxies.clone()),
            store,
            uploads: config.uploads.clone(),
            checks,
            sandboxes: config.sandboxes.clone(),
        };
        Ok(App { config, state })
    }

    /// Starts every background worker (see [`crate::workers`]).
    pub fn start_workers(&self) -> anyhow::Result<()> {
        crate::workers::start_all(&self.state, &self.config)
    }

    /// The whole HTTP surface.
    pub fn router(&self) -> axum::Router {
        router(self.state.clone())
    }

    /// Serves on `listener` until Ctrl-C.
    pub async fn serve(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        let app = self
            .router()
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    }

    /// Serves on `listener` in the background (tests and benchmarks).
    pub fn spawn(self, listener: tokio::net::TcpListener) {
        let app = self
            .router()
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await });
    }
}
