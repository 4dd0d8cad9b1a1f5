//! Database tests: each runs against a fresh database with the migrations applied.

#![expect(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod customers;
mod journeys;
mod support;
