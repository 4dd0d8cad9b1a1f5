//! Staff sign-in: the login page, the session, and the principal every server function
//! checks before doing anything.

pub mod api;
mod login_page;
#[cfg(feature = "ssr")]
pub mod principal;

pub use login_page::LoginPage;
