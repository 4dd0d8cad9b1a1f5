//! Database tests: each runs against a fresh database with the migrations applied.

mod customers;
mod journeys;
mod support;
