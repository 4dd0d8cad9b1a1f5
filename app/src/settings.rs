//! Merchant settings (admins): branding, screening thresholds and the audit trail.

pub mod api;
mod audit_page;
mod branding_page;
mod screening_page;

pub use audit_page::AuditPage;
pub use branding_page::BrandingPage;
pub use screening_page::ScreeningSettingsPage;
