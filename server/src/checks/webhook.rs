//! `POST /webhooks/bank`: the bank provider's signed answer to an asynchronous check.
//! Verified on the raw body before anything is read; an unknown or already answered
//! reference is acknowledged (so the provider stops retrying) and changes nothing.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

use kyc_providers::bank::Incoming;

use super::Checks;

pub async fn bank_webhook(
    State(checks): State<Checks>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let now = time::OffsetDateTime::now_utc();
    let incoming = Incoming {
        headers: &headers,
        body: &body,
        now: now.unix_timestamp(),
    };
    let verification = match checks.bank.webhook(incoming) {
        Ok(verification) => verification,
        Err(error) => {
            tracing::warn!(error = %error, "bank webhook refused");
            return StatusCode::UNAUTHORIZED;
        }
    };
    if verification.status == kyc_providers::bank::BankStatus::Pending {
        // Still in process: polling goes on as scheduled.
        return StatusCode::OK;
    }
    let found =
        kyc_db::checks::find_by_reference(&checks.db, checks.bank.name(), &verification.reference)
            .await;
    let (check_id, merchant_id, holder) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return StatusCode::OK,
        Err(error) => {
            tracing::error!(error = %error, "bank webhook: looking up the check failed");
            return StatusCode::SERVICE_UNAVAILABLE;
        }
    };
    let holder = holder.unwrap_or_default();
    match checks
        .settle(check_id, merchant_id, &holder, Ok(verification), 0)
        .await
    {
        Ok(()) => StatusCode::OK,
        Err(error) => {
            tracing::error!(check.id = %check_id, error = %error, "bank webhook: recording failed");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}
