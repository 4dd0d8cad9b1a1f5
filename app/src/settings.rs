//! Merchant settings (admins): branding.

pub mod api;
mod branding_page;

pub use branding_page::BrandingPage;
