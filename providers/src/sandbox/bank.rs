//! A local penny-drop sandbox speaking the protocols the clients use (Cashfree-style here,
//! Razorpay-style in `razorpay`), with test accounts for each outcome: valid with names in
//! each name-match band, invalid, blocked, a provider failure, and asynchronous completion
//! after a delay with a signed webhook.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

/// The sandbox's credentials (any deployment using the sandbox is not production).
pub const CLIENT_ID: &str = "sandbox-client";
pub const CLIENT_SECRET: &str = "sandbox-secret";
/// The secret the sandbox signs its webhooks with, when it is mounted in the app.
pub const WEBHOOK_SECRET: &[u8] = b"sandbox-webhook-secret";

/// Test accounts: number -> (status, status code, name at the bank).
pub const ACCOUNTS: &[(&str, &str, &str, &str)] = &[
    ("026291800001191", "VALID", "ACCOUNT_IS_VALID", "ASHA RAO"),
    ("026291800001192", "VALID", "ACCOUNT_IS_VALID", "ASHA R"),
    (
        "026291800001193",
        "VALID",
        "ACCOUNT_IS_VALID",
        "VIKRAM SINGH",
    ),
    ("026291800001194", "INVALID", "ACCOUNT_IS_INVALID", ""),
    ("026291800001195", "INVALID", "ACCOUNT_BLOCKED", ""),
    ("026291800001196", "FAIL", "", ""),
];

#[derive(Clone)]
struct Sandbox {
    /// How long an asynchronous check stays in process.
    delay: Duration,
    pending: Arc<Mutex<HashMap<String, (Instant, &'static str)>>>,
    callback: Option<Callback>,
}

/// Where the sandbox posts the signed webhook of a finished asynchronous check, and the
/// secret it signs with (as a provider's dashboard would be configured).
#[derive(Clone)]
pub struct Callback {
    pub url: String,
    pub secret: Vec<u8>,
}

/// The sandbox's routes, to nest under a prefix (e.g. `/sandbox/bank`).
pub fn router(delay: Duration, callback: Option<Callback>) -> Router {
    let sandbox = Sandbox {
        delay,
        pending: Arc::new(Mutex::new(HashMap::new())),
        callback: callback.clone(),
    };
    // The same test accounts also answer the Razorpay-style protocol.
    Router::new()
        .route("/verification/bank-account/sync", post(sync))
        .route("/verification/bank-account/async", post(asynchronous))
        .route("/verification/bank-account", get(status))
        .with_state(sandbox)
        .merge(razorpay::routes(delay, callback))
}

#[derive(Deserialize)]
struct Check {
    bank_account: String,
    ifsc: String,
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("x-client-id").is_some_and(|v| v == CLIENT_ID)
        && headers
            .get("x-client-secret")
            .is_some_and(|v| v == CLIENT_SECRET)
}

fn account(
    number: &str,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    ACCOUNTS.iter().find(|a| a.0 == number)
}

fn answer(reference: &str, number: &str) -> (StatusCode, Json<Value>) {
    match account(number) {
        Some((_, "FAIL", _, _)) => (
            StatusCode::BAD_GATEWAY,
            Json(json!({ "message": "bank unreachable" })),
        ),
        Some((_, status, code, name)) => (
            StatusCode::OK,
            Json(
                json!({ "reference_id": reference, "account_status": status, "account_status_code": code, "name_at_bank": name }),
            ),
        ),
        None => (
            StatusCode::OK,
            Json(
                json!({ "reference_id": reference, "account_status": "INVALID", "account_status_code": "ACCOUNT_IS_INVALID" }),
            ),
        ),
    }
}

type Answer = (StatusCode, Json<Value>);

/// The provider's answer to bad credentials or a malformed check, if either.
fn refusal(headers: &HeaderMap, check: Option<&Check>) -> Option<Answer> {
    if !authorised(headers) {
        return Some((
            StatusCode::UNAUTHORIZED,
            Json(json!({ "message": "bad credentials" })),
        ));
    }
    if check.is_some_and(|c| !well_formed(c)) {
        return Some((
            StatusCode::BAD_REQUEST,
            Json(json!({ "message": "invalid request" })),
        ));
    }
    None
}

fn well_formed(check: &Check) -> bool {
    kyc_core::bank::Ifsc::parse("ifsc", &check.ifsc).is_ok()
        && check.bank_account.chars().all(|c| c.is_ascii_digit())
}

async fn sync(headers: HeaderMap, Json(check): Json<Check>) -> (StatusCode, Json<Value>) {
    if let Some(refusal) = refusal(&headers, Some(&check)) {
        return refusal;
    }
    answer(&uuid::Uuid::new_v4().to_string(), &check.bank_account)
}

async fn asynchronous(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Json(check): Json<Check>,
) -> (StatusCode, Json<Value>) {
    if let Some(refusal) = refusal(&headers, Some(&check)) {
        return refusal;
    }
    let reference = uuid::Uuid::new_v4().to_string();
    let known = account(&check.bank_account).map_or("", |a| a.0);
    if let Ok(mut pending) = sandbox.pending.lock() {
        pending.insert(reference.clone(), (Instant::now() + sandbox.delay, known));
    }
    if let Some(callback) = sandbox.callback.clone() {
        let (reference, delay) = (reference.clone(), sandbox.delay);
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let (_, Json(body)) = answer(&reference, known);
            let body = body.to_string().into_bytes();
            let timestamp = time::OffsetDateTime::now_utc().unix_timestamp().to_string();
            let signature = crate::webhook::sign(&callback.secret, &timestamp, &body);
            let sent = reqwest::Client::new()
                .post(&callback.url)
                .header("content-type", "application/json")
                .header("x-webhook-timestamp", timestamp)
                .header("x-webhook-signature", signature)
                .body(body)
                .send()
                .await;
            if sent.is_err() {
                tracing::warn!("sandbox webhook could not be delivered");
            }
        });
    }
    (
        StatusCode::OK,
        Json(json!({ "reference_id": reference, "account_status": "RECEIVED" })),
    )
}

#[derive(Deserialize)]
struct StatusQuery {
    reference_id: String,
}

async fn status(
    State(sandbox): State<Sandbox>,
    headers: HeaderMap,
    Query(q): Query<StatusQuery>,
) -> (StatusCode, Json<Value>) {
    if let Some(refusal) = refusal(&headers, None) {
        return refusal;
    }
    let found = sandbox
        .pending
        .lock()
        .ok()
        .and_then(|p| p.get(&q.reference_id).copied());
    match found {
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({ "message": "unknown reference" })),
        ),
        Some((due, _)) if Instant::now() < due => (
            StatusCode::OK,
            Json(json!({ "reference_id": q.reference_id, "account_status": "IN_PROCESS" })),
        ),
        Some((_, number)) => answer(&q.reference_id, number),
    }
}

pub mod razorpay;
#[cfg(test)]
mod tests;
