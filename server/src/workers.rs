//! The background workers, started from one place. Every instance of the server runs all
//! of them; each claims its work with `SKIP LOCKED` (or leases), so any number can run.

use anyhow::Context;
use kyc_screening::runtime::Screener;
use secrecy::ExposeSecret;

use crate::config::Config;
use crate::state::ServerState;

pub mod screening;

/// Starts every worker: housekeeping (sessions, throttles, unused objects, expiry), the
/// sanctions screening of submitted journeys, the email outbox, the live-event dispatcher,
/// webhook deliveries, the online checks' poller and the signing of audit chain heads.
pub fn start_all(state: &ServerState, config: &Config) -> anyhow::Result<()> {
    let db = &state.db;
    let mailer = crate::mailer::Mailer::new(
        config.smtp_url.expose_secret(),
        &config.mail_from,
        state.store.clone(),
    )
    .context("configuring email (KYC_SMTP_URL, KYC_MAIL_FROM)")?;
    tokio::spawn(crate::maintenance::run(db.clone(), state.store.clone()));
    let screener = Screener::from_store(config.screening_dir.clone());
    tokio::spawn(screening::run(db.clone(), screener));
    tokio::spawn(crate::mailer::run(db.clone(), mailer));
    start_live_dispatch(state);
    tokio::spawn(crate::webhooks::run(
        db.clone(),
        state.store.clone(),
        !state.production,
    ));
    tokio::spawn(crate::checks::run(state.checks.clone()));
    tokio::spawn(crate::audit::sign_heads(
        db.clone(),
        state.services.audit.clone(),
    ));
    Ok(())
}

/// Starts only the dispatcher that announces committed journey events to live trackers
/// (the HTTP tests run the other workers' passes by hand).
pub fn start_live_dispatch(state: &ServerState) {
    tokio::spawn(crate::live::dispatch(state.db.clone()));
}
