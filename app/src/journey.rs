//! The customer's side: the branded journey page reached through a KYC link.

pub mod api;
mod page;

pub use page::{CustomerJourneyPage, InvalidLinkPage};
