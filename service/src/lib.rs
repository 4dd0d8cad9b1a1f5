//! The use cases of the KYC platform, written once and called by both front doors: the
//! dashboard's server functions (`kyc-app`) and the REST API (`kyc-server`).
//!
//! Every use case takes an authenticated [`Actor`] (a staff member, an API key, a customer,
//! the system), checks the permission itself against the one table in
//! [`kyc_core::access`], reads the time once from its own transaction ([`Work`]) and writes
//! its rows, events, outbox rows and audit entry in that transaction. Front doors parse,
//! call, and map the typed [`ServiceError`] to their own answers.
//!
//! The customer's own changes ([`journey`]) are the one exception to `Work`: each runs in
//! the one transaction `kyc_db::journeys` opens under the journey's row lock, at the time
//! the request was read (an upload's, or the use case's), because a journey found overdue
//! there is expired and that expiry commits even though the change is refused.

pub mod account;
pub mod actor;
pub mod api_keys;
pub mod checks;
pub mod customers;
pub mod error;
pub mod handoff;
pub mod journey;
pub mod links;
pub mod password;
mod qr;
pub mod reports;
pub mod request;
pub mod review;
pub mod services;
pub mod session;
pub mod settings;
pub mod sign_in;
pub mod staff;
mod two_factor;
pub mod webhooks;
mod work;

pub use actor::{Actor, ApiKeyActor, Authorized, StaffActor};
pub use error::ServiceError;
pub use services::{Sealer, Services};
pub use work::Work;
