//! Clients of external providers' published protocols. Each has a local sandbox speaking
//! the same protocol (`crate::sandbox`); nothing in the journey code knows which it talks to.

pub mod bank;
pub mod digilocker;
pub mod webhook;
