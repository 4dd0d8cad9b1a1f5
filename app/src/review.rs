//! The reviewer's side: the review queue and the case view with its decisions.

pub mod api;
mod case_page;
mod queue_page;

pub use case_page::CasePage;
pub use queue_page::QueuePage;
