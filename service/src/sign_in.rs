//! Staff sign-in: the password (argon2id), then the second factor when the account has one
//! (a TOTP code or a recovery code), then a session under a new id in their merchant, bound
//! to their session epoch. Every completed sign-in is on the audit trail; every step is
//! throttled, with attempts recorded before they are checked.

use kyc_db::throttle::{self, Limit};
use tower_sessions::Session;
use uuid::Uuid;

use crate::error::ServiceError;
use crate::session::{
    SECOND_FACTOR_WINDOW, STAFF_EPOCH, STAFF_MERCHANT, STAFF_PENDING, STAFF_SINCE, STAFF_USER,
};
use crate::Services;

/// Attempts allowed per email address (passwords) or per account (second factors), and per
/// client address, in the window.
mod limits {
    pub const WINDOW: time::Duration = time::Duration::minutes(15);
    pub const PER_EMAIL: i64 = 5;
    pub const PER_ACCOUNT: i64 = 5;
    pub const PER_ADDRESS: i64 = 50;
}

/// A sign-in as the login form and the connection gave it.
#[derive(Debug)]
pub struct SignIn<'a> {
    pub email: &'a str,
    pub password: String,
    /// The client's address, for the per-address allowance.
    pub address: &'a str,
    pub request_id: Option<&'a str>,
}

/// Where a sign-in stands after the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedIn {
    /// Signed in.
    Done,
    /// The password was right; the account's second factor is asked for next
    /// ([`second_factor`], within five minutes).
    SecondFactor,
}

fn wrong(field: &str, message: &str) -> ServiceError {
    ServiceError::Invalid(kyc_core::FieldErrors(vec![kyc_core::FieldError::new(
        field, message,
    )]))
}

/// Checks the email and password. Wrong email and wrong password get the same answer;
/// failures count against the email and the address. With a second factor on the account
/// nothing is signed in yet: the session only remembers, for five minutes, whose code to
/// ask for.
pub async fn sign_in(
    session: &Session,
    services: &Services,
    attempt: SignIn<'_>,
) -> Result<SignedIn, ServiceError> {
    let db = &services.db;
    let now = time::OffsetDateTime::now_utc();
    let limits = [
        Limit {
            key: services.throttle_key("login-email", &attempt.email.trim().to_lowercase()),
            limit: limits::PER_EMAIL,
        },
        Limit {
            key: services.throttle_key("login-address", attempt.address),
            limit: limits::PER_ADDRESS,
        },
    ];
    // Recorded before the password is checked: attempts still running count too, so
    // parallel guesses get the allowance, not more. A sign-in that succeeds is withdrawn.
    let Some(recorded) = throttle::attempt(db, &limits, limits::WINDOW, now).await? else {
        return Err(ServiceError::TooManyAttempts);
    };
    let credentials = kyc_db::staff::credentials(db, attempt.email.trim()).await?;
    let stored = credentials.as_ref().map(|c| c.password_hash.clone());
    let matches = crate::password::verify_blocking(attempt.password, stored).await?;
    let user = credentials.filter(|c| matches && !c.disabled);
    let merchant = match &user {
        Some(user) => kyc_db::staff::default_merchant(db, user.user_id).await?,
        None => None,
    };
    let (Some(user), Some(merchant)) = (user, merchant) else {
        tracing::info!("sign-in refused");
        return Err(wrong("password", "The email or password is not correct."));
    };
    if user.two_factor {
        throttle::withdraw(db, recorded).await?;
        session.cycle_id().await?;
        let pending = (
            user.user_id,
            merchant,
            user.session_epoch,
            now.unix_timestamp(),
        );
        session.insert(STAFF_PENDING, pending).await?;
        return Ok(SignedIn::SecondFactor);
    }
    let by = Completed {
        user_id: user.user_id,
        merchant_id: merchant,
        epoch: user.session_epoch,
        second_factor: None,
    };
    let work = services.begin().await?;
    complete(session, work, by, recorded, attempt.request_id).await?;
    Ok(SignedIn::Done)
}

/// Completes a sign-in whose password was right with the account's TOTP code or one of its
/// recovery codes. Wrong codes count against the account and the address (five per 15
/// minutes per account); a code is accepted once.
pub async fn second_factor(
    session: &Session,
    services: &Services,
    code: &str,
    address: &str,
    request_id: Option<&str>,
) -> Result<(), ServiceError> {
    let pending: Option<(Uuid, Uuid, i32, i64)> = session.get(STAFF_PENDING).await?;
    let now = time::OffsetDateTime::now_utc();
    let Some((user_id, merchant_id, epoch, at)) = pending else {
        return Err(ServiceError::Unauthenticated);
    };
    if now.unix_timestamp() - at > SECOND_FACTOR_WINDOW {
        session
            .remove::<(Uuid, Uuid, i32, i64)>(STAFF_PENDING)
            .await?;
        return Err(ServiceError::Unauthenticated);
    }
    let limits = [
        Limit {
            key: services.throttle_key("login-second-factor", &user_id.to_string()),
            limit: limits::PER_ACCOUNT,
        },
        Limit {
            key: services.throttle_key("login-address", address),
            limit: limits::PER_ADDRESS,
        },
    ];
    let Some(recorded) = throttle::attempt(&services.db, &limits, limits::WINDOW, now).await?
    else {
        return Err(ServiceError::TooManyAttempts);
    };
    let mut work = services.begin().await?;
    let Some(method) = crate::two_factor::check(&mut work, services, user_id, code).await? else {
        work.commit().await?;
        return Err(wrong("code", "The code is not correct."));
    };
    session
        .remove::<(Uuid, Uuid, i32, i64)>(STAFF_PENDING)
        .await?;
    let by = Completed {
        user_id,
        merchant_id,
        epoch,
        second_factor: Some(method),
    };
    // The code is used up in the transaction that records the sign-in: both or neither.
    complete(session, work, by, recorded, request_id).await
}

/// A sign-in that passed every check.
struct Completed {
    user_id: Uuid,
    merchant_id: Uuid,
    epoch: i32,
    second_factor: Option<&'static str>,
}

/// Records the sign-in (audit trail, last sign-in time) in `work`, withdraws its throttle
/// attempt in the same transaction, and starts the session. Audited before the session
/// exists: a sign-in that cannot be recorded does not happen, and one refused at this last
/// step (the account changed meanwhile) still counts as an attempt.
async fn complete(
    session: &Session,
    mut work: crate::work::Work,
    by: Completed,
    attempt: throttle::Attempt,
    request_id: Option<&str>,
) -> Result<(), ServiceError> {
    let entry = kyc_db::audit::Entry {
        merchant_id: by.merchant_id,
        journey_id: None,
        actor_kind: "staff",
        actor_id: Some(by.user_id),
        action: "staff.signed_in",
        object_kind: "session",
        object_id: None,
        detail: serde_json::json!({ "second_factor": by.second_factor }),
        request_id,
    };
    // Checked in the transaction that records the sign-in: a member disabled, reset or
    // removed since the password was checked (say, while typing the code) is not let in.
    let still_member =
        kyc_db::staff::signed_in(&mut work.tx, by.user_id, by.merchant_id, by.epoch, work.now)
            .await?;
    if !still_member {
        tracing::info!("sign-in refused: the account changed since its password was checked");
        return Err(ServiceError::Unauthenticated);
    }
    kyc_db::audit::record(&mut work.tx, &work.audit_key, &entry).await?;
    throttle::withdraw(&mut *work.tx, attempt).await?;
    work.commit().await?;
    start_session(session, by.user_id, by.merchant_id, by.epoch).await?;
    tracing::info!(user.id = %by.user_id, merchant.id = %by.merchant_id, "signed in");
    Ok(())
}

/// Signs a staff member in to `merchant_id` under `epoch`, under a new session id.
pub async fn start_session(
    session: &Session,
    user_id: Uuid,
    merchant_id: Uuid,
    epoch: i32,
) -> Result<(), ServiceError> {
    session.cycle_id().await?;
    session.insert(STAFF_USER, user_id).await?;
    session.insert(STAFF_MERCHANT, merchant_id).await?;
    session.insert(STAFF_EPOCH, epoch).await?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    session.insert(STAFF_SINCE, now).await?;
    Ok(())
}

/// Carries the current session over to the user's new epoch (after they changed their
/// password here: every other session ends, this one goes on).
pub async fn keep_session(session: &Session, epoch: i32) -> Result<(), ServiceError> {
    session.cycle_id().await?;
    session.insert(STAFF_EPOCH, epoch).await?;
    Ok(())
}
