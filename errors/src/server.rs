//! How a use case's failure becomes what a person is shown (server only).

use crate::AppError;
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
            AppError::Forbidden | AppError::TwoFactorRequired => StatusCode::FORBIDDEN,
            AppError::NotFound | AppError::LinkInvalid => StatusCode::NOT_FOUND,
            AppError::LinkExpired | AppError::LinkWithdrawn => StatusCode::GONE,
            AppError::Unready(_) | AppError::FileRefused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::FileTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
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
/// refusals in theirs first ([`crate::customer_error`]).
impl From<kyc_service::ServiceError> for AppError {
    fn from(error: kyc_service::ServiceError) -> Self {
        use kyc_service::ServiceError as E;
        match error {
            E::Unauthenticated => AppError::Unauthenticated,
            E::LinkInvalid => AppError::LinkInvalid,
            E::LinkWithdrawn => AppError::LinkWithdrawn,
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
                "This record changed while you were looking at it. Reload and try again.".into(),
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
            E::Unready(missing) => AppError::Unready(missing.iter().map(|m| m.message()).collect()),
            E::TooManyAttempts => AppError::TooManyAttempts,
            E::TwoFactorRequired => AppError::TwoFactorRequired,
            E::Internal(error) => AppError::internal(&*error),
        }
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        AppError::internal(&error)
    }
}
