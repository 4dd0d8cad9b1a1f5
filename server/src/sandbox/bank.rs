//! A local penny-drop sandbox speaking the Cashfree-style protocol the client uses, with
//! test accounts for each outcome: valid with names in each name-match band, invalid,
//! blocked, a provider failure, and asynchronous completion after a delay.

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
}

/// The sandbox's routes, to nest under a prefix (e.g. `/sandbox/bank`).
pub fn router(delay: Duration) -> Router {
    let sandbox = Sandbox {
        delay,
        pending: Arc::new(Mutex::new(HashMap::new())),
    };
    Router::new()
        .route("/verification/bank-account/sync", post(sync))
        .route("/verification/bank-account/async", post(asynchronous))
        .route("/verification/bank-account", get(status))
        .with_state(sandbox)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::bank::{BankStatus, BankVerifier, CashfreeStyle, ProviderError};
    use kyc_core::bank::{name_match_score, AccountNumber, Ifsc, NameBand, NameBands};

    async fn sandbox(delay: Duration) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, router(delay)).await });
        base
    }

    fn client(base: &str, asynchronous: bool, secret: &str) -> CashfreeStyle {
        CashfreeStyle {
            base: base.to_owned(),
            client_id: CLIENT_ID.to_owned(),
            client_secret: secret.to_owned(),
            asynchronous,
            http: reqwest::Client::new(),
        }
    }

    fn account(number: &str) -> AccountNumber {
        AccountNumber::parse(number, number).expect("valid number")
    }

    #[tokio::test]
    async fn each_test_account_gives_its_outcome_and_name_band() {
        let base = sandbox(Duration::ZERO).await;
        let provider = client(&base, false, CLIENT_SECRET);
        let ifsc = Ifsc::parse("ifsc", "HDFC0001234").expect("ifsc");
        let bands = NameBands::default();
        let mut seen = Vec::new();
        for (number, band) in [
            ("026291800001191", NameBand::Pass),
            ("026291800001192", NameBand::Review),
            ("026291800001193", NameBand::Fail),
        ] {
            let v = provider
                .verify(&account(number), &ifsc, "Asha Rao")
                .await
                .expect("answered");
            assert_eq!(v.status, BankStatus::Valid);
            let name = v.name_at_bank.expect("a name");
            assert_eq!(
                bands.band(name_match_score("Asha Rao", &name)),
                band,
                "{name}"
            );
            seen.push(v.reference);
        }
        seen.dedup();
        assert_eq!(seen.len(), 3, "a reference per check");
        let invalid = provider
            .verify(&account("026291800001194"), &ifsc, "Asha Rao")
            .await
            .expect("answered");
        assert_eq!(
            invalid.status,
            BankStatus::Invalid {
                code: "ACCOUNT_IS_INVALID".into()
            }
        );
        let blocked = provider
            .verify(&account("026291800001195"), &ifsc, "Asha Rao")
            .await
            .expect("answered");
        assert_eq!(
            blocked.status,
            BankStatus::Invalid {
                code: "ACCOUNT_BLOCKED".into()
            }
        );
        assert_eq!(blocked.name_at_bank, None);
        let failing = provider
            .verify(&account("026291800001196"), &ifsc, "Asha Rao")
            .await;
        assert_eq!(failing, Err(ProviderError::Unavailable("HTTP 502".into())));
        let wrong = client(&base, false, "not-the-secret")
            .verify(&account("026291800001191"), &ifsc, "Asha Rao")
            .await;
        assert_eq!(wrong, Err(ProviderError::Refused("HTTP 401".into())));
    }

    #[tokio::test]
    async fn an_asynchronous_check_is_pending_until_its_delay_has_passed() {
        let base = sandbox(Duration::from_millis(300)).await;
        let provider = client(&base, true, CLIENT_SECRET);
        let ifsc = Ifsc::parse("ifsc", "SBIN0000001").expect("ifsc");
        let started = provider
            .verify(&account("026291800001191"), &ifsc, "Asha Rao")
            .await
            .expect("answered");
        assert_eq!(started.status, BankStatus::Pending);
        let polled = provider.status(&started.reference).await.expect("answered");
        assert_eq!(polled.status, BankStatus::Pending);
        tokio::time::sleep(Duration::from_millis(400)).await;
        let done = provider.status(&started.reference).await.expect("answered");
        assert_eq!(
            (done.status, done.name_at_bank.as_deref()),
            (BankStatus::Valid, Some("ASHA RAO"))
        );
        assert_eq!(
            provider.status("no-such-reference").await,
            Err(ProviderError::Refused("HTTP 404".into()))
        );
    }

    #[tokio::test]
    async fn an_unreachable_provider_is_unavailable_not_invalid() {
        let provider = client("http://127.0.0.1:9", false, CLIENT_SECRET);
        let ifsc = Ifsc::parse("ifsc", "HDFC0001234").expect("ifsc");
        let result = provider
            .verify(&account("026291800001191"), &ifsc, "Asha Rao")
            .await;
        assert!(
            matches!(result, Err(ProviderError::Unavailable(_))),
            "{result:?}"
        );
    }
}
