//! The penny-drop sandbox speaking the Razorpay-style fund account validation protocol:
//! the same test accounts, HTTP Basic credentials, validations `created` then `completed`
//! (`active` or `invalid`) after the delay, or `failed` for the provider-failure account;
//! polled or reported by a webhook signed with `X-Razorpay-Signature`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{account, Callback};

/// The sandbox's key id and secret.
pub const KEY_ID: &str = "rzp_test_sandbox";
pub const KEY_SECRET: &str = "sandbox-key-secret";

#[derive(Clone)]
struct Razorpay {
    delay: Duration,
    pending: Arc<Mutex<HashMap<String, (Instant, String)>>>,
    callback: Option<Callback>,
}

pub(super) fn routes(delay: Duration, callback: Option<Callback>) -> Router {
    let state = Razorpay {
        delay,
        pending: Arc::new(Mutex::new(HashMap::new())),
        callback,
    };
    Router::new()
        .route("/v1/fund_accounts/validations", post(create))
        .route("/v1/fund_accounts/validations/{id}", get(fetch))
        .with_state(state)
}

fn authorised(headers: &HeaderMap) -> bool {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{KEY_ID}:{KEY_SECRET}"))
    );
    headers
        .get("authorization")
        .is_some_and(|v| v.as_bytes() == expected.as_bytes())
}

#[derive(Deserialize)]
struct Create {
    fund_account: FundAccount,
    amount: u64,
}

#[derive(Deserialize)]
struct FundAccount {
    bank_account: BankAccount,
}

#[derive(Deserialize)]
struct BankAccount {
    ifsc: String,
    account_number: String,
}

/// The validation as the provider shows it: `created` until due, then the account's result.
fn validation(id: &str, number: &str, due: bool) -> (StatusCode, Json<Value>) {
    let (status, account_status, name) = match account(number) {
        _ if !due => ("created", Value::Null, Value::Null),
        Some((_, "VALID", _, name)) => ("completed", json!("active"), json!(name)),
        // The provider failure account: the validation itself fails (the bank is down).
        Some((_, "FAIL", _, _)) => ("failed", Value::Null, Value::Null),
        _ => ("completed", json!("invalid"), Value::Null),
    };
    (
        StatusCode::OK,
        Json(json!({
            "id": id,
            "entity": "fund_account.validation",
            "status": status,
            "amount": 100,
            "currency": "INR",
            "results": { "account_status": account_status, "registered_name": name },
        })),
    )
}

async fn create(
    State(state): State<Razorpay>,
    headers: HeaderMap,
    Json(request): Json<Create>,
) -> (StatusCode, Json<Value>) {
    if !authorised(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(
                json!({ "error": { "code": "BAD_REQUEST_ERROR", "description": "The api key provided is invalid" } }),
            ),
        );
    }
    let number = request.fund_account.bank_account.account_number;
    let well_formed = kyc_core::bank::Ifsc::parse("ifsc", &request.fund_account.bank_account.ifsc)
        .is_ok()
        && number.chars().all(|c| c.is_ascii_digit())
        && request.amount > 0;
    if !well_formed {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": { "code": "BAD_REQUEST_ERROR" } })),
        );
    }
    let id = format!("fav_{}", uuid::Uuid::new_v4().simple());
    if let Ok(mut pending) = state.pending.lock() {
        pending.insert(id.clone(), (Instant::now() + state.delay, number.clone()));
    }
    if let Some(callback) = state.callback.clone() {
        let (id, delay, number) = (id.clone(), state.delay, number.clone());
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let (_, Json(entity)) = validation(&id, &number, true);
            let event = if entity["status"] == "failed" {
                "fund_account.validation.failed"
            } else {
                "fund_account.validation.completed"
            };
            let body = json!({
                "entity": "event",
                "event": event,
                "contains": ["fund_account.validation"],
                "payload": { "fund_account.validation": { "entity": entity } },
            })
            .to_string()
            .into_bytes();
            let signature = crate::bank::razorpay::signature(&callback.secret, &body);
            let sent = reqwest::Client::new()
                .post(&callback.url)
                .header("content-type", "application/json")
                .header("x-razorpay-signature", signature)
                .body(body)
                .send()
                .await;
            if sent.is_err() {
                tracing::warn!("sandbox webhook could not be delivered");
            }
        });
    }
    validation(&id, &number, false)
}

async fn fetch(
    State(state): State<Razorpay>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> (StatusCode, Json<Value>) {
    if !authorised(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": { "code": "BAD_REQUEST_ERROR" } })),
        );
    }
    let found = state.pending.lock().ok().and_then(|p| p.get(&id).cloned());
    match found {
        None => (
            StatusCode::NOT_FOUND,
            Json(
                json!({ "error": { "code": "BAD_REQUEST_ERROR", "description": "The id provided does not exist" } }),
            ),
        ),
        Some((due, number)) => validation(&id, &number, Instant::now() >= due),
    }
}

#[cfg(test)]
mod tests;
