//! Tests that drive the real router over HTTP, each against a fresh database with demo data.

mod auth;
mod links;
mod security;
mod support;
mod tenancy;
