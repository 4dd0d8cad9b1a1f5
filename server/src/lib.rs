//! The KYC platform's server: the router (web app, link opening, branding assets), its
//! security layers, start-up configuration, demo data and background maintenance.

pub mod config;
pub mod demo;
pub mod maintenance;
pub mod router;

mod branding;
mod link;
mod security;

pub use config::Config;
pub use router::{router, ServerState};
