//! The error a person is shown when a request fails: the one error type of every server
//! function, of the customer pages and of the server's own browser routes (uploads, files,
//! reports, the live tracker), and its wording.
//!
//! Policy: validation problems name the field and say what to fix; everything unexpected
//! is logged on the server with an id and shown only as a generic message with that id.

use kyc_core::FieldErrors;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

mod wording;

#[cfg(feature = "ssr")]
mod customer;
#[cfg(feature = "ssr")]
mod server;

#[cfg(feature = "ssr")]
pub use customer::customer_error;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("Not found.")]
    NotFound,
    /// The merchant requires two-factor sign-in of this member, who has not set it up.
    #[error("Your organisation requires two-factor sign-in. Set it up on your account's security page to continue.")]
    TwoFactorRequired,
    #[error("Please correct the highlighted fields.")]
    Invalid(FieldErrors),
    #[error("{0}")]
    Conflict(String),
    #[error("Too many attempts. Please wait a few minutes and try again.")]
    TooManyAttempts,
    #[error("This link is no longer valid.")]
    LinkInvalid,
    #[error("This link has expired. Please ask the company that sent it for a new one.")]
    LinkExpired,
    /// The company withdrew the link: nothing of the journey is shown any more.
    #[error("This link was withdrawn by the company that sent it. If you still need to verify, please ask them for a new one.")]
    LinkWithdrawn,
    /// The customer's submission is incomplete: what is missing, in sentences.
    #[error("Some things are still missing.")]
    Unready(Vec<String>),
    /// An uploaded file was refused; the message says why in the customer's words.
    #[error("{0}")]
    FileRefused(String),
    #[error("The file is too large. The limit is {0} MB.")]
    FileTooLarge(u64),
    /// The server is at capacity for now (image decoding): nothing was kept.
    #[error("We are busy right now. Please try again in a moment.")]
    Busy,
    #[error("Something went wrong on our side. If it persists, quote error {0}.")]
    Internal(String),
    #[error("The request could not be completed. Please reload the page and try again.")]
    Request(ServerFnErrorErr),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Request(value)
    }
}

impl From<ServerFnErrorErr> for AppError {
    fn from(value: ServerFnErrorErr) -> Self {
        AppError::Request(value)
    }
}

impl AppError {
    /// The message for one form field, if this error has one.
    pub fn field(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.get(field).map(str::to_owned),
            _ => None,
        }
    }
}
