//! What a use case can fail with, typed: front doors map each variant to their own answer
//! (a status and a stable code for the API, a sentence for the dashboard) and never show
//! the internal one's details.

use kyc_core::access::Permission;
use kyc_core::submission::Missing;
use kyc_core::{FieldErrors, InvalidTransition, Refused};
use kyc_db::DbError;

/// A use case's failure.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No signed-in staff member behind the request.
    #[error("not signed in")]
    Unauthenticated,
    /// The customer's session was not opened with the journey's current link.
    #[error("the link is no longer valid")]
    LinkInvalid,
    /// The merchant withdrew the journey's link: its sessions see nothing of it any more.
    #[error("the link was withdrawn")]
    LinkWithdrawn,
    /// The actor does not hold the permission the use case needs.
    #[error("not allowed: {0}")]
    Forbidden(Denied),
    /// No such record for the actor's merchant (another merchant's is "not found" too).
    #[error("not found")]
    NotFound,
    /// The input is not valid: what is wrong with each field.
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// A uniqueness rule refused the write; names the field the person can change.
    #[error("{0} is already taken")]
    Taken(&'static str),
    /// The record changed since the actor read it.
    #[error("the record changed since it was read")]
    Stale,
    /// The domain rules refused the change.
    #[error(transparent)]
    Transition(InvalidTransition),
    /// A rule beyond the lifecycles refused the change (typed per operation: a stable
    /// code and a sentence for whoever asked).
    #[error("refused: {0}")]
    Refused(Refused),
    /// Submission is not possible yet: everything that is missing.
    #[error("not ready to submit")]
    Unready(Vec<Missing>),
    /// The merchant requires a second factor of this staff member, who has not set one up:
    /// only their own account's security answers them until they do.
    #[error("two-factor sign-in must be set up first")]
    TwoFactorRequired,
    /// The actor made too many attempts in the allowed time; try again later.
    #[error("too many attempts")]
    TooManyAttempts,
    /// Anything unexpected: for the log only.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// The permission an actor lacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Denied {
    pub permission: Permission,
}

impl Denied {
    /// The API key scope that would have granted it, if any.
    pub fn api_scope(self) -> Option<&'static str> {
        self.permission.api_scope().map(|s| s.as_str())
    }
}

impl std::fmt::Display for Denied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "needs {:?}", self.permission)
    }
}

impl ServiceError {
    /// An unexpected failure of anything a use case relies on.
    pub fn internal(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        ServiceError::Internal(Box::new(error))
    }
}

impl From<DbError> for ServiceError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::NotFound => ServiceError::NotFound,
            DbError::Conflict(field) => ServiceError::Taken(field),
            DbError::Stale => ServiceError::Stale,
            DbError::Transition(refusal) => ServiceError::Transition(refusal),
            DbError::Refused(rule) => ServiceError::Refused(rule),
            DbError::Unready(missing) => ServiceError::Unready(missing),
            other @ (DbError::Corrupt(_) | DbError::Sqlx(_)) => ServiceError::internal(other),
        }
    }
}

impl From<tower_sessions::session::Error> for ServiceError {
    fn from(error: tower_sessions::session::Error) -> Self {
        ServiceError::internal(error)
    }
}
