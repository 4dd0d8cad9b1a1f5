//! Sanctions screening: list entries held in memory, a token index that tolerates typos,
//! reordering, initials and other scripts, a token-aligned Jaro-Winkler rescoring, birth
//! date / nationality / gender adjustments, and an explanation for every result.
//!
//! Pure: the server's importers fill [`model::ListEntry`] values from the lists' files and
//! build an [`index::Index`]; screening is a function of the index and the query.

pub mod adjust;
pub mod country;
pub mod evaluate;
pub mod index;
pub mod matcher;
pub mod model;
pub mod normalise;
pub mod record;
pub mod score;
pub mod variants;

pub use index::Index;
pub use matcher::{Decision, Hit, Outcome, Query, Subject, Thresholds, ThresholdsForm};
pub use model::{EntryKind, Gender, ListEntry, ListSource, PartialDate};

#[cfg(test)]
mod tests;
