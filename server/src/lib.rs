//! The KYC platform's server: the router (web app, link opening, branding assets), its
//! security layers, start-up configuration, demo data and background maintenance.

pub mod api;
pub mod application;
pub mod assets;
pub mod audit;
pub mod checks;
pub mod config;
pub mod demo;
pub mod live;
pub mod mailer;
pub mod maintenance;
pub mod reports;
pub mod router;
pub mod state;
pub mod storage;
pub mod sweeper;
pub mod uploads;
pub mod webhooks;
pub mod workers;

mod branding;
mod link;
mod security;

pub use application::App;
pub use config::{Config, Sandboxes};
pub use router::router;
pub use state::ServerState;
