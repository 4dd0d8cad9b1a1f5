//! Local sandboxes of the external providers, speaking their protocols, for development
//! and tests.

pub mod bank;
pub mod digilocker;
