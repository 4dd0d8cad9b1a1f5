//! The DigiLocker client against the sandbox, nested under a prefix as the server mounts it:
//! a person's walk through the screens (forms posted by a client that follows no redirects
//! and keeps no cookies), then every persona's outcome and every refusal of the protocol.

use super::*;
use crate::digilocker::{
    self, callback, eaadhaar, CallbackQuery, DigiLocker, DigiLockerConfig, DigiLockerError, Token,
    TrustedCertificate, XmlError,
};

const CALLBACK: &str = "http://127.0.0.1:9/kyc/digilocker/callback";

async fn sandbox(delay_for_slow: Duration) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let public_base = format!(
        "http://{}/sandbox/digilocker",
        listener.local_addr().expect("address")
    );
    let mut config = SandboxConfig::new(public_base.clone());
    config.delay_for_slow = delay_for_slow;
    let app = Router::new().nest("/sandbox/digilocker", router(config));
    tokio::spawn(async move { axum::serve(listener, app).await });
    public_base
}

fn client(base: &str) -> DigiLocker {
    DigiLocker::new(
        DigiLockerConfig::new(base, CLIENT_ID, CLIENT_SECRET, CALLBACK),
        reqwest::Client::new(),
    )
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

fn trusted() -> Vec<TrustedCertificate> {
    vec![TrustedCertificate::from_pem(SANDBOX_CERT_PEM.as_bytes()).expect("sandbox certificate")]
}

/// The value of the first `name="value"` after `after` in a page.
fn attribute(html: &str, after: &str, name: &str) -> String {
    let from = html.find(after).expect("marker in page");
    let needle = format!("{name}=\"");
    let start = html[from..].find(&needle).expect("attribute") + from + needle.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].replace("&amp;", "&")
}

async fn post(browser: &reqwest::Client, page: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let action = attribute(page, "<form", "action");
    let flow = attribute(page, "name=\"flow\"", "value");
    let mut form = vec![("flow", flow.as_str())];
    form.extend_from_slice(fields);
    browser
        .post(action)
        .form(&form)
        .send()
        .await
        .expect("posted")
}

/// Walks sign-in, OTP and consent as a person would and returns where DigiLocker sent them.
async fn walk(authorize_url: &str, login: &str, decision: &str) -> (CallbackQuery, String) {
    let browser = browser();
    let page = browser.get(authorize_url).send().await.expect("authorize");
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.expect("sign-in page");
    assert!(page.contains("<label for=\"login\">"));
    let otp_page = post(&browser, &page, &[("login", login)])
        .await
        .text()
        .await
        .expect("otp page");
    let retry = post(&browser, &otp_page, &[("otp", "000000")])
        .await
        .text()
        .await
        .expect("retry");
    assert!(retry.contains("That code is not right"), "{retry}");
    let consent = post(&browser, &retry, &[("otp", OTP)])
        .await
        .text()
        .await
        .expect("consent");
    assert!(consent.contains("Allow") && consent.contains("Date of birth"));
    let redirect = post(&browser, &consent, &[("decision", decision)]).await;
    assert_eq!(redirect.status(), StatusCode::FOUND);
    let location = redirect.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with(CALLBACK), "{location}");
    let url = url::Url::parse(&location).expect("location URL");
    let mut query = CallbackQuery::default();
    for (name, value) in url.query_pairs() {
        let value = Some(value.into_owned());
        match &*name {
            "code" => query.code = value,
            "state" => query.state = value,
            "error" => query.error = value,
            _ => query.error_description = value,
        }
    }
    (query, location)
}

/// Signs `login` in, allows, and exchanges the code.
async fn token_for(base: &str, login: &str) -> Token {
    let digilocker = client(base);
    let started = digilocker.begin();
    let (query, _) = walk(&started.url, login, "allow").await;
    let code = callback(&query, &started.state).expect("a code");
    digilocker
        .exchange(&code, &started.code_verifier)
        .await
        .expect("a token")
}

#[tokio::test]
async fn a_person_signs_in_allows_and_their_verified_eaadhaar_keeps_only_four_digits() {
    let base = sandbox(Duration::ZERO).await;
    let digilocker = client(&base);
    let started = digilocker.begin();
    let (query, location) = walk(&started.url, "9000000001", "allow").await;
    assert!(
        !location.contains("Asha") && !location.contains("4821"),
        "{location}"
    );
    let code = callback(&query, &started.state).expect("a code");
    let token = digilocker
        .exchange(&code, &started.code_verifier)
        .await
        .expect("a token");
    assert_eq!(token.name, "Asha Rao");
    assert_eq!(token.dob, Some(time::macros::date!(1990 - 04 - 12)));
    assert!(token.eaadhaar_available);
    let document = digilocker
        .verified_eaadhaar(&token, &trusted())
        .await
        .expect("verified");
    assert_eq!(document.name, "Asha Rao");
    assert_eq!(document.dob, time::macros::date!(1990 - 04 - 12));
    assert_eq!(document.gender, eaadhaar::Gender::Female);
    assert_eq!(document.aadhaar_last4, "4821");
    assert_eq!(document.address.pincode, "560038");
    assert!(document
        .address
        .one_line()
        .starts_with("12, MG Road, Near City Library"));
    assert!(document.photo.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert_eq!(document.certificate_fingerprint, trusted()[0].fingerprint());
    let xml = digilocker.eaadhaar(&token).await.expect("xml");
    let text = String::from_utf8(xml).expect("utf-8");
    assert!(text.contains("uid=\"xxxxxxxx4821\"") && text.contains("<SignatureValue>"));

    let http = reqwest::Client::new();
    let user: serde_json::Value = http
        .get(format!("{base}/oauth2/1/user"))
        .bearer_auth(token.access_token())
        .send()
        .await
        .expect("user")
        .json()
        .await
        .expect("json");
    assert_eq!(user["dob"], "12041990");
    let files: serde_json::Value = http
        .get(format!("{base}/oauth2/2/files/issued"))
        .bearer_auth(token.access_token())
        .send()
        .await
        .expect("files")
        .json()
        .await
        .expect("json");
    assert_eq!(files["items"][0]["doctype"], "ADHAR");
    let anonymous = http
        .get(format!("{base}/oauth2/1/user"))
        .send()
        .await
        .expect("user");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn special_characters_in_the_address_survive_signing_and_verification() {
    let base = sandbox(Duration::ZERO).await;
    let token = token_for(&base, "vikram").await;
    let document = client(&base)
        .verified_eaadhaar(&token, &trusted())
        .await
        .expect("verified");
    assert_eq!(document.address.house, "B-7 \"Shanti Kunj\"");
    assert_eq!(document.address.street, "Station Road & Market");
    assert_eq!(document.gender, eaadhaar::Gender::Male);
}

#[tokio::test]
async fn a_wrong_verifier_a_reused_code_or_another_redirect_uri_is_an_invalid_grant() {
    let base = sandbox(Duration::ZERO).await;
    let digilocker = client(&base);
    let started = digilocker.begin();
    let (query, _) = walk(&started.url, "asha", "allow").await;
    let code = callback(&query, &started.state).expect("a code");
    let other = digilocker::begin(digilocker.config());
    let mismatch = digilocker.exchange(&code, &other.code_verifier).await;
    assert!(
        matches!(mismatch, Err(DigiLockerError::InvalidGrant(_))),
        "{mismatch:?}"
    );

    let started = digilocker.begin();
    let (query, _) = walk(&started.url, "asha", "allow").await;
    let code = callback(&query, &started.state).expect("a code");
    let token = digilocker
        .exchange(&code, &started.code_verifier)
        .await
        .expect("first use");
    let again = digilocker.exchange(&code, &started.code_verifier).await;
    assert!(
        matches!(again, Err(DigiLockerError::InvalidGrant(_))),
        "{again:?}"
    );
    let revoked = digilocker.eaadhaar(&token).await;
    assert!(
        matches!(revoked, Err(DigiLockerError::InvalidGrant(_))),
        "{revoked:?}"
    );

    let started = digilocker.begin();
    let (query, _) = walk(&started.url, "asha", "allow").await;
    let code = callback(&query, &started.state).expect("a code");
    let mut elsewhere = digilocker.config().clone();
    elsewhere.redirect_uri = "http://127.0.0.1:9/somewhere-else".into();
    let moved = DigiLocker::new(elsewhere, reqwest::Client::new())
        .exchange(&code, &started.code_verifier)
        .await;
    assert!(
        matches!(moved, Err(DigiLockerError::InvalidGrant(_))),
        "{moved:?}"
    );
}

#[tokio::test]
async fn a_wrong_client_secret_is_our_configuration_not_the_customers() {
    let base = sandbox(Duration::ZERO).await;
    let digilocker = client(&base);
    let started = digilocker.begin();
    let (query, _) = walk(&started.url, "asha", "allow").await;
    let code = callback(&query, &started.state).expect("a code");
    let mut wrong = digilocker.config().clone();
    wrong.client_secret = "guess".into();
    let result = DigiLocker::new(wrong, reqwest::Client::new())
        .exchange(&code, &started.code_verifier)
        .await;
    assert!(
        matches!(&result, Err(DigiLockerError::Refused(_))),
        "{result:?}"
    );
    assert!(!result.map(|_| ()).is_err_and(|e| e.is_retryable()));
}

#[tokio::test]
async fn a_callback_for_another_sign_in_is_a_state_mismatch() {
    let base = sandbox(Duration::ZERO).await;
    let digilocker = client(&base);
    let started = digilocker.begin();
    let (query, _) = walk(&started.url, "asha", "allow").await;
    let other = digilocker.begin();
    let result = callback(&query, &other.state).map_err(DigiLockerError::from);
    assert_eq!(result.map(|_| ()), Err(DigiLockerError::StateMismatch));
}

#[tokio::test]
async fn deny_and_not_linked_come_back_as_their_own_errors() {
    let base = sandbox(Duration::ZERO).await;
    let digilocker = client(&base);
    for (login, decision, expected) in [
        ("asha", "deny", DigiLockerError::ConsentDenied),
        ("asha", "not_linked", DigiLockerError::AadhaarNotLinked),
        ("9000000004", "allow", DigiLockerError::AadhaarNotLinked),
    ] {
        let started = digilocker.begin();
        let (query, _) = walk(&started.url, login, decision).await;
        let result = callback(&query, &started.state).map_err(DigiLockerError::from);
        assert_eq!(result.map(|_| ()), Err(expected));
    }
}

#[tokio::test]
async fn an_account_without_eaadhaar_is_not_asked_for_it() {
    let base = sandbox(Duration::ZERO).await;
    let token = token_for(&base, "no-eaadhaar").await;
    assert!(!token.eaadhaar_available);
    let result = client(&base).eaadhaar(&token).await;
    assert_eq!(result, Err(DigiLockerError::AadhaarNotAvailable));
}

#[tokio::test]
async fn a_failing_or_slow_digilocker_is_unavailable_and_retryable() {
    let base = sandbox(Duration::from_secs(5)).await;
    let token = token_for(&base, "failing").await;
    let failing = client(&base).eaadhaar(&token).await;
    assert_eq!(
        failing,
        Err(DigiLockerError::Unavailable("HTTP 503".into()))
    );

    let token = token_for(&base, "slow").await;
    let mut config = client(&base).config().clone();
    config.timeout = Duration::from_millis(300);
    let slow = DigiLocker::new(config, reqwest::Client::new())
        .eaadhaar(&token)
        .await;
    assert_eq!(slow, Err(DigiLockerError::Unavailable("timeout".into())));
    assert!(slow.is_err_and(|e| e.is_retryable()));
}

#[tokio::test]
async fn tampered_unsigned_and_stranger_signed_documents_are_refused() {
    let base = sandbox(Duration::ZERO).await;
    for (login, expected) in [
        ("tampered", XmlError::DigestMismatch),
        ("unsigned", XmlError::NotSigned),
        ("untrusted", XmlError::UntrustedCertificate),
    ] {
        let token = token_for(&base, login).await;
        let result = client(&base).verified_eaadhaar(&token, &trusted()).await;
        assert_eq!(result, Err(DigiLockerError::Document(expected)), "{login}");
    }
}

mod screens;
