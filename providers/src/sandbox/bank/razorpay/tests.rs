//! The Razorpay-style client against the sandbox: validations created then completed or
//! failed, polled; the signed webhook verified on its raw bytes; refusals.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;

use super::{KEY_ID, KEY_SECRET};
use crate::bank::{BankStatus, BankVerifier, Incoming, ProviderError, RazorpayStyle};
use crate::sandbox::bank::{router, Callback};
use crate::webhook::WebhookError;
use kyc_core::bank::{AccountNumber, Ifsc};
use kyc_core::checks::BankDetails;

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

fn client(base: &str, secret: &str) -> RazorpayStyle {
    RazorpayStyle {
        base: base.to_owned(),
        key_id: KEY_ID.to_owned(),
        key_secret: secret.to_owned(),
        source_account: "7878780080316316".to_owned(),
        webhook_secret: Some(b"hook-secret".to_vec()),
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
async fn validations_are_created_then_completed_or_failed_when_polled() {
    let base = serve(router(Duration::from_millis(200), None)).await;
    let provider = client(&base, KEY_SECRET);
    let ifsc = Ifsc::parse("ifsc", "HDFC0001234").expect("ifsc");
    let mut references = Vec::new();
    for number in [
        "026291800001191",
        "026291800001194",
        "026291800001195",
        "026291800001196",
    ] {
        let created = provider
            .verify(&details(number, &ifsc))
            .await
            .expect("created");
        assert_eq!(created.status, BankStatus::Pending, "{number}");
        assert!(created.reference.starts_with("fav_"));
        references.push(created.reference);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut answers = Vec::new();
    for reference in &references {
        let done = provider.status(reference).await.expect("answered");
        answers.push((done.status, done.name_at_bank));
    }
    let invalid = || BankStatus::Invalid {
        code: "ACCOUNT_INVALID".into(),
    };
    let failed = BankStatus::Failed {
        code: "VALIDATION_FAILED".into(),
    };
    assert_eq!(
        answers,
        [
            (BankStatus::Valid, Some("ASHA RAO".to_owned())),
            (invalid(), None),
            (invalid(), None),
            (failed, None),
        ]
    );
    assert_eq!(
        client(&base, "wrong")
            .verify(&details("026291800001191", &ifsc))
            .await,
        Err(ProviderError::Refused("HTTP 401".into()))
    );
    assert_eq!(
        provider.status("fav_unknown").await,
        Err(ProviderError::Refused("HTTP 404".into()))
    );
    assert_eq!(
        provider.status("../../admin").await,
        Err(ProviderError::Refused("malformed reference".into()))
    );
}

#[tokio::test]
async fn the_completed_webhook_is_signed_over_its_raw_body() {
    type Received = Arc<Mutex<Vec<(HeaderMap, axum::body::Bytes)>>>;
    let received: Received = Arc::default();
    let inbox = received.clone();
    let receiver = Router::new().route(
        "/hooks",
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
    let hooks = serve(receiver).await;
    let callback = Callback {
        url: format!("{hooks}/hooks"),
        secret: b"hook-secret".to_vec(),
    };
    let base = serve(router(Duration::from_millis(50), Some(callback))).await;
    let provider = client(&base, KEY_SECRET);
    let ifsc = Ifsc::parse("ifsc", "HDFC0001234").expect("ifsc");
    let created = provider
        .verify(&details("026291800001192", &ifsc))
        .await
        .expect("created");
    let mut delivery = None;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(20)).await;
        delivery = received.lock().ok().and_then(|r| r.first().cloned());
        if delivery.is_some() {
            break;
        }
    }
    let (headers, body) = delivery.expect("a webhook arrived");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let read = provider
        .webhook(incoming(&headers, &body, now))
        .expect("verified");
    assert_eq!(read.reference, created.reference);
    assert_eq!(
        (read.status, read.name_at_bank.as_deref()),
        (BankStatus::Valid, Some("ASHA R"))
    );
    assert!(!String::from_utf8_lossy(&body).contains("026291800001192"));

    let mut tampered = body.to_vec();
    let at = tampered
        .iter()
        .position(|b| *b == b'R')
        .expect("a letter to change");
    tampered[at] = b'X';
    assert_eq!(
        provider.webhook(incoming(&headers, &tampered, now)),
        Err(WebhookError::BadSignature)
    );
    let mut unsigned = headers.clone();
    unsigned.remove("x-razorpay-signature");
    assert_eq!(
        provider.webhook(incoming(&unsigned, &body, now)),
        Err(WebhookError::Malformed)
    );
}

fn incoming<'a>(headers: &'a HeaderMap, body: &'a [u8], now: i64) -> Incoming<'a> {
    Incoming { headers, body, now }
}
