//! The reviewer's side: the review queue, the case view with its decisions and comments,
//! and support tickets.

pub mod api;
mod case_page;
mod queue_page;
pub mod screening;
mod tickets;

pub use case_page::CasePage;
pub use queue_page::QueuePage;
pub use tickets::TicketsPage;
