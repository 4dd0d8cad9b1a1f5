//! The Cashfree-style client against the sandbox: every test account, async polling, the
//! signed webhook, and an unreachable provider.

use super::*;
use crate::bank::{BankStatus, BankVerifier, CashfreeStyle, ProviderError};
use kyc_core::bank::{name_match_score, AccountNumber, Ifsc, NameBand, NameBands};
use kyc_core::checks::BankDetails;

async fn sandbox(delay: Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, router(delay, None)).await });
    base
}

fn client(base: &str, asynchronous: bool, secret: &str) -> CashfreeStyle {
    CashfreeStyle {
        base: base.to_owned(),
        client_id: CLIENT_ID.to_owned(),
        client_secret: secret.to_owned(),
        asynchronous,
        webhook_secret: Some(b"webhook-secret".to_vec()),
        http: reqwest::Client::new(),
    }
}

/// Asha Rao's account `number` at `ifsc`.
fn details(number: &str, ifsc: &Ifsc) -> BankDetails {
    BankDetails {
        holder_name: "Asha Rao".to_owned(),
        account: AccountNumber::parse(number, number).expect("valid number"),
        ifsc: ifsc.clone(),
    }
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
            .verify(&details(number, &ifsc))
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
        .verify(&details("026291800001194", &ifsc))
        .await
        .expect("answered");
    assert_eq!(
        invalid.status,
        BankStatus::Invalid {
            code: "ACCOUNT_IS_INVALID".into()
        }
    );
    let blocked = provider
        .verify(&details("026291800001195", &ifsc))
        .await
        .expect("answered");
    assert_eq!(
        blocked.status,
        BankStatus::Invalid {
            code: "ACCOUNT_BLOCKED".into()
        }
    );
    assert_eq!(blocked.name_at_bank, None);
    let failing = provider.verify(&details("026291800001196", &ifsc)).await;
    assert_eq!(failing, Err(ProviderError::Unavailable("HTTP 502".into())));
    let wrong = client(&base, false, "not-the-secret")
        .verify(&details("026291800001191", &ifsc))
        .await;
    assert_eq!(wrong, Err(ProviderError::Refused("HTTP 401".into())));
}

#[tokio::test]
async fn an_asynchronous_check_is_pending_until_its_delay_has_passed() {
    let base = sandbox(Duration::from_millis(300)).await;
    let provider = client(&base, true, CLIENT_SECRET);
    let ifsc = Ifsc::parse("ifsc", "SBIN0000001").expect("ifsc");
    let started = provider
        .verify(&details("026291800001191", &ifsc))
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
    let result = provider.verify(&details("026291800001191", &ifsc)).await;
    assert!(
        matches!(result, Err(ProviderError::Unavailable(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn an_asynchronous_check_calls_back_with_a_signed_webhook() {
    use crate::webhook;
    type Received = Arc<Mutex<Vec<(HeaderMap, axum::body::Bytes)>>>;
    let received: Received = Arc::default();
    let inbox = received.clone();
    let receiver = Router::new().route(
        "/hooks/bank",
        post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let inbox = inbox.clone();
            async move {
                if let Ok(mut inbox) = inbox.lock() {
                    inbox.push((headers, body));
                }
                StatusCode::OK
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let hooks = format!(
        "http://{}/hooks/bank",
        listener.local_addr().expect("address")
    );
    tokio::spawn(async move { axum::serve(listener, receiver).await });
    let secret = b"sandbox-webhook-secret".to_vec();
    let callback = Callback {
        url: hooks,
        secret: secret.clone(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move {
        axum::serve(listener, router(Duration::from_millis(100), Some(callback))).await
    });

    let provider = client(&base, true, CLIENT_SECRET);
    let ifsc = Ifsc::parse("ifsc", "HDFC0001234").expect("ifsc");
    let started = provider
        .verify(&details("026291800001193", &ifsc))
        .await
        .expect("answered");
    assert_eq!(started.status, BankStatus::Pending);
    let mut waited = 0;
    while received.lock().map(|r| r.is_empty()).unwrap_or(true) && waited < 50 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += 1;
    }
    let (headers, body) = received.lock().expect("inbox")[0].clone();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let verified = webhook::verify(
        &secret,
        &header("x-webhook-timestamp"),
        &body,
        &header("x-webhook-signature"),
        now,
    );
    assert_eq!(verified, Ok(()));
    let event: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(
        (
            event["reference_id"].as_str(),
            event["name_at_bank"].as_str()
        ),
        (Some(started.reference.as_str()), Some("VIKRAM SINGH"))
    );
    assert!(
        !String::from_utf8_lossy(&body).contains("026291800001193"),
        "no account number in the webhook"
    );
    let wrong = webhook::verify(
        b"guess",
        &header("x-webhook-timestamp"),
        &body,
        &header("x-webhook-signature"),
        now,
    );
    assert_eq!(wrong, Err(webhook::WebhookError::BadSignature));
}
