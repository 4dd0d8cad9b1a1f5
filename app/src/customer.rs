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
mod signature;
mod status;
mod submit;
pub mod support;
mod upload;

#[cfg(feature = "ssr")]
pub use kyc_errors::customer_error;
pub use page::{CustomerJourneyPage, InvalidLinkPage, SwitchLinkPage, WithdrawnLinkPage};
