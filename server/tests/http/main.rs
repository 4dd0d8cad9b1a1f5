//! Tests that drive the real router over HTTP, each against a fresh database with demo data.
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on purpose")]

mod api;
mod audit;
mod auth;
mod bank;
mod branding;
mod comments;
mod dashboard;
mod digilocker;
mod fixtures;
mod handoff;
mod language;
mod lifecycle;
mod links;
mod live;
mod mail;
mod reports;
mod review;
mod review_access;
mod screening;
mod security;
mod staff;
mod submission;
mod support;
mod sweep;
mod tenancy;
mod tickets;
mod two_factor;
mod uploads;
mod webhooks;
