//! The one error type of every server function, and how pages show it.
//!
//! Policy: validation problems name the field and say what to fix; everything unexpected
//! is logged on the server with an id and shown only as a generic message with that id.

use kyc_core::FieldErrors;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("Not found.")]
    NotFound,
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
    /// The customer's submission is incomplete: what is missing, in sentences.
    #[error("Some things are still missing.")]
    Unready(Vec<String>),
    /// An uploaded file was refused; the message says why in the customer's words.
    #[error("{0}")]
    FileRefused(String),
    #[error("The file is too large. The limit is {0} MB.")]
    FileTooLarge(u64),
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

#[cfg(feature = "ssr")]
mod server {
    use super::AppError;
    use http::StatusCode;
    use kyc_db::DbError;

    impl AppError {
        /// An unexpected failure: logged with a fresh id (never its payload), shown by id only.
        pub fn internal(error: &dyn std::error::Error) -> Self {
            let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
            let cause = error.source().map(ToString::to_string).unwrap_or_default();
            tracing::error!(error.id = %id, error = %error, cause = %cause, "internal error");
            AppError::Internal(id)
        }

        pub fn status(&self) -> StatusCode {
            match self {
                AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
                AppError::Forbidden => StatusCode::FORBIDDEN,
                AppError::NotFound | AppError::LinkInvalid => StatusCode::NOT_FOUND,
                AppError::LinkExpired => StatusCode::GONE,
                AppError::Unready(_) | AppError::FileRefused(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::FileTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::Conflict(_) => StatusCode::CONFLICT,
                AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
                AppError::Request(_) => StatusCode::BAD_REQUEST,
                AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            }
        }
    }

    impl From<DbError> for AppError {
        fn from(error: DbError) -> Self {
            kyc_service::ServiceError::from(error).into()
        }
    }

    /// The generic mapping: a rule's refusal in its own words; customer pages map lifecycle
    /// refusals in theirs first (`customer::customer_error`).
    impl From<kyc_service::ServiceError> for AppError {
        fn from(error: kyc_service::ServiceError) -> Self {
            use kyc_service::ServiceError as E;
            match error {
                E::Unauthenticated => AppError::Unauthenticated,
                E::LinkInvalid => AppError::LinkInvalid,
                E::Forbidden(_) => AppError::Forbidden,
                E::NotFound => AppError::NotFound,
                E::Invalid(errors) => AppError::Invalid(errors),
                E::Taken(field) => {
                    AppError::Invalid(kyc_core::FieldErrors(vec![kyc_core::FieldError::new(
                        field,
                        "is already used by another record",
                    )]))
                }
                E::Stale => AppError::Conflict(
                    "This record changed while you were looking at it. Reload and try again."
                        .into(),
                ),
                E::Transition(refused) => {
                    AppError::Conflict(format!("That is not possible now: {}.", refused.refusal))
                }
                E::Refused(kyc_core::Refused::Review(
                    rule @ kyc_core::rules::ReviewRule::NotAReviewer,
                )) => AppError::Invalid(kyc_core::FieldErrors(vec![kyc_core::FieldError::new(
                    "assignee",
                    rule.message(),
                )])),
                E::Refused(rule) => AppError::Conflict(rule.message().to_owned()),
                E::Unready(missing) => {
                    AppError::Unready(missing.iter().map(|m| m.message()).collect())
                }
                E::TooManyAttempts => AppError::TooManyAttempts,
                E::Internal(error) => AppError::internal(&*error),
            }
        }
    }

    impl From<tower_sessions::session::Error> for AppError {
        fn from(error: tower_sessions::session::Error) -> Self {
            AppError::internal(&error)
        }
    }
}

/// Runs a server function's body and, on failure, sets the HTTP status that fits the error.
#[cfg(feature = "ssr")]
pub async fn respond<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let result = body.await;
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
    }
    result
}

/// The view shown by every page's error boundary.
pub fn error_view(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| {
                let message = error
                    .downcast_ref::<AppError>()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| "Something went wrong.".to_owned());
                let sign_in = matches!(
                    error.downcast_ref::<AppError>(),
                    Some(AppError::Unauthenticated)
                );
                view! {
                    <p>{message}</p>
                    {sign_in.then(|| view! { <a href="/login">"Sign in"</a> })}
                }
            })
            .collect_view()
    };
    view! { <div class="notice notice-error" role="alert">{messages}</div> }
}
