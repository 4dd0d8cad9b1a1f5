//! The online checks a customer runs from a step (a bank penny drop, a DigiLocker
//! sign-in): the customer's form is parsed here, and the server's port
//! ([`OnlineChecks`]) runs the check against the configured provider or its sandbox.

use kyc_core::checks::{BankDetails, BankForm};
use kyc_core::customer::PersonName;
use kyc_core::{FieldError, FieldErrors};
use time::{Date, OffsetDateTime};

use crate::{Actor, ServiceError};

pub use crate::webhooks::BoxFuture;

/// The online checks, wired by the server to providers (or their sandboxes); nothing here
/// knows which.
pub trait OnlineChecks: Send + Sync + std::fmt::Debug {
    /// Starts a penny drop for the journey and waits for the answer when it comes at once
    /// (otherwise the check stays waiting and a webhook or poll finishes it).
    fn verify_bank(
        &self,
        journey_id: uuid::Uuid,
        details: BankDetails,
    ) -> BoxFuture<'_, Result<(), ServiceError>>;

    /// Records a DigiLocker sign-in for the journey with what the customer typed, keeps its
    /// state and PKCE verifier in `session`, and returns DigiLocker's authorize URL.
    fn start_digilocker(
        &self,
        session: tower_sessions::Session,
        journey_id: uuid::Uuid,
        name: String,
        date_of_birth: Date,
    ) -> BoxFuture<'_, Result<String, ServiceError>>;
}

/// Verifies the customer's bank account with a penny drop. Field problems come back on
/// their fields; a provider that does not answer leaves the step open to try again.
pub async fn verify_bank(
    checks: &dyn OnlineChecks,
    actor: &Actor,
    form: BankForm,
) -> Result<(), ServiceError> {
    let journey_id = actor.journey()?;
    let details = form
        .parse()
        .map_err(|errors| ServiceError::Invalid(FieldErrors(errors)))?;
    checks.verify_bank(journey_id, details).await
}

/// Starts the DigiLocker step with the name and birth date the customer typed (as on their
/// Aadhaar, `YYYY-MM-DD`); returns where to send the browser.
pub async fn start_digilocker(
    checks: &dyn OnlineChecks,
    actor: &Actor,
    session: tower_sessions::Session,
    name: &str,
    date_of_birth: &str,
) -> Result<String, ServiceError> {
    let journey_id = actor.journey()?;
    let mut errors = FieldErrors::default();
    let name = errors.check(PersonName::parse(name).map_err(|e| e.on("name")));
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let today = OffsetDateTime::now_utc().date();
    let born = errors.check(
        Date::parse(date_of_birth.trim(), &format)
            .ok()
            .filter(|d| *d < today && d.year() >= 1900)
            .ok_or_else(|| {
                FieldError::known(
                    "date_of_birth",
                    "field-date-of-birth",
                    "enter your date of birth as on your Aadhaar",
                )
            }),
    );
    let (Some(name), Some(born)) = (name, born) else {
        return Err(ServiceError::Invalid(errors));
    };
    checks
        .start_digilocker(session, journey_id, name.as_str().to_owned(), born)
        .await
}
