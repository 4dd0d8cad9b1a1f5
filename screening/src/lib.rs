//! Sanctions lists, without a database: importers for the lists' own formats (OFAC legacy
//! CSV sets, UN XML, EU XML, UK CSV, US CSL CSV), the list store, the `screening` CLI, the
//! evaluation over the labelled sets, and the runtime that holds the loaded lists for
//! the matcher. The matcher itself is `kyc_core::screening`; the worker that screens
//! journeys and records the results is in the server (`kyc_server::workers::screening`).

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

#[cfg(test)]
mod fuzz;
