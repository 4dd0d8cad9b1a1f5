//! Merchant settings (admins): branding and the audit trail.

pub mod api;
mod audit_page;
mod branding_page;

pub use audit_page::AuditPage;
pub use branding_page::BrandingPage;
