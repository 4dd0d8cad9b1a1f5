//! The customer's side: the branded journey reached through a KYC link: consent, the
//! steps in order, submission, and the status afterwards.

pub mod api;
mod bank;
mod capture;
mod check_panel;
mod consent;
mod digilocker;
mod documents;
mod page;
mod progress;
#[cfg(feature = "ssr")]
mod refusals;
mod signature;
mod status;
mod submit;
pub mod support;
mod upload;

pub use page::{CustomerJourneyPage, InvalidLinkPage};
#[cfg(feature = "ssr")]
pub use refusals::customer_error;
