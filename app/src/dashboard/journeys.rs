//! Journeys from the merchant's side: generating links, the list, and each journey's tracker.

pub mod api;
mod charts;
mod generate_link;
mod list_page;
mod live;
mod table;
mod tracker_page;

pub use generate_link::GenerateLink;
pub use list_page::JourneysPage;
pub use table::JourneyTable;
pub use tracker_page::TrackerPage;
