//! One's own staff account: accepting an invitation, resetting a forgotten password, and the
//! security page (password, two-factor sign-in).

pub mod api;
mod invitation_page;
mod reset_pages;
mod security_page;

pub use invitation_page::InvitationPage;
pub use reset_pages::{ForgotPasswordPage, ResetPasswordPage};
pub use security_page::SecurityPage;
