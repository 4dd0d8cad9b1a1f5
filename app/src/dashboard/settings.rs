//! Merchant settings (admins): branding, staff, screening thresholds, name-match bands, API
//! keys, webhooks and the audit trail.

#[cfg(feature = "ssr")]
mod admin;
pub mod api;
mod api_keys_page;
mod audit_page;
mod branding_page;
mod checks_page;
mod screening_page;
mod staff_page;
mod webhooks_page;

pub use api_keys_page::ApiKeysPage;
pub use audit_page::AuditPage;
pub use branding_page::BrandingPage;
pub use checks_page::NameMatchSettingsPage;
pub use screening_page::ScreeningSettingsPage;
pub use staff_page::StaffPage;
pub use webhooks_page::WebhooksPage;
