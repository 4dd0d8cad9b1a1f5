//! The staff's side (merchant operators, reviewers and admins): journeys and their live
//! tracker, customers, the review queue and cases, reports and the merchant's settings.

pub mod customers;
pub mod journeys;
pub mod reports;
pub mod review;
pub mod settings;
