use kyc_core::rules::JourneyRule;
use kyc_core::InvalidTransition;

/// What a storage operation can fail with. The `Sqlx` variant is for logs only: callers
/// turn it into a generic message.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No such row for this merchant (another merchant's row is also "not found").
    #[error("not found")]
    NotFound,
    /// A uniqueness rule refused the write; names the field the person can change.
    #[error("{0} is already taken")]
    Conflict(&'static str),
    /// The row changed since the caller read it (optimistic concurrency).
    #[error("the record changed since it was read")]
    Stale,
    /// The domain rules refused the change.
    #[error(transparent)]
    Transition(#[from] InvalidTransition),
    /// A rule beyond the lifecycles refused the change (typed per operation).
    #[error("refused: {0}")]
    Refused(kyc_core::Refused),
    /// Submission is not possible yet: everything that is missing.
    #[error("not ready to submit")]
    Unready(Vec<kyc_core::submission::Missing>),
    /// A stored value the domain does not know: the database holds something it should not.
    #[error("stored value out of range in {0}")]
    Corrupt(&'static str),
    #[error("database error")]
    Sqlx(#[source] sqlx::Error),
}

impl From<sqlx::Error> for DbError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => DbError::NotFound,
            sqlx::Error::Database(db) => match db.constraint() {
                Some("customers_external_ref_key") => DbError::Conflict("external_ref"),
                Some("merchants_slug_key") => DbError::Conflict("slug"),
                Some("staff_users_email_key") => DbError::Conflict("email"),
                Some("document_files_side_key") => DbError::Refused(JourneyRule::SideTaken.into()),
                _ => DbError::Sqlx(error),
            },
            _ => DbError::Sqlx(error),
        }
    }
}
