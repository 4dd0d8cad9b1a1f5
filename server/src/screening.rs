//! Sanctions lists on the server: importers for the lists' own formats, the list store,
//! the CLI, and the evaluation over the labelled sets. The matcher itself is
//! `kyc_core::screening`.

pub mod cli;
pub mod csl;
pub mod error;
pub mod eu;
pub mod evaluation;
pub mod load;
pub mod ofac;
pub mod progress;
pub mod runtime;
pub mod store;
pub mod uk;
pub mod un;
