//! The customer's side: the branded journey reached through a KYC link: consent, the
//! steps in order, submission, and the status afterwards.

pub mod api;
mod bank;
mod capture;
mod check_panel;
mod consent;
mod digilocker;
mod documents;
mod handoff;
mod language;
mod page;
mod panels;
mod progress;
mod signature;
mod status;
mod submit;
pub mod support;
mod upload;

/// The customer's version of a use case's error, in the language of this request.
#[cfg(feature = "ssr")]
pub fn customer_error(error: kyc_service::ServiceError) -> crate::AppError {
    kyc_errors::customer_error(error, crate::i18n::request_language())
}
pub use handoff::ContinueHerePage;
pub use language::LanguageSwitch;
pub use page::{CustomerJourneyPage, InvalidLinkPage, SwitchLinkPage, WithdrawnLinkPage};
#[cfg(feature = "hydrate")]
pub use panels::preload_shown;
