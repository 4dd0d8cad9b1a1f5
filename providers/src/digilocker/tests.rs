//! The parts of the client that need no server: starting a sign-in, reading the callback,
//! reading the token answer, and what each error tells the customer. The sandbox tests
//! cover the calls to DigiLocker.

use std::collections::HashMap;

use super::*;

fn config() -> DigiLockerConfig {
    DigiLockerConfig::new(
        "https://digilocker.example/public/",
        "client id&1",
        "s3cret",
        "https://kyc.example/digilocker/callback?x=1",
    )
}

fn query(pairs: &[(&str, &str)]) -> CallbackQuery {
    let mut q = CallbackQuery::default();
    for (name, value) in pairs {
        let value = Some((*value).to_owned());
        match *name {
            "code" => q.code = value,
            "state" => q.state = value,
            "error" => q.error = value,
            _ => q.error_description = value,
        }
    }
    q
}

#[test]
fn begin_sends_an_s256_challenge_of_a_fresh_verifier_and_state() {
    let first = begin(&config());
    let url = url::Url::parse(&first.url).expect("a URL");
    assert_eq!(url.path(), "/public/oauth2/1/authorize");
    let params: HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(params["response_type"], "code");
    assert_eq!(params["client_id"], "client id&1");
    assert_eq!(
        params["redirect_uri"],
        "https://kyc.example/digilocker/callback?x=1"
    );
    assert_eq!(params["state"], first.state);
    assert_eq!(params["code_challenge_method"], "S256");
    assert_eq!(
        params["code_challenge"],
        code_challenge(&first.code_verifier)
    );
    assert_eq!(params.len(), 6);
    assert!(!first.url.contains("client id"), "percent-encoded");
    assert!(first.state.len() >= 43);
    assert!((43..=128).contains(&first.code_verifier.len()));
    assert!(first
        .code_verifier
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c)));
    let second = begin(&config());
    assert_ne!(first.state, second.state);
    assert_ne!(first.code_verifier, second.code_verifier);
    assert_eq!(format!("{first:?}"), "Authorization(<redacted>)");
}

#[test]
fn the_pkce_challenge_is_the_rfc_7636_example() {
    assert_eq!(
        code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[test]
fn the_callback_gives_the_code_only_for_our_state() {
    let code = callback(&query(&[("code", "abc"), ("state", "s1")]), "s1").expect("code");
    assert_eq!(code.expose(), "abc");
    assert_eq!(format!("{code:?}"), "AuthorizationCode(<redacted>)");
    for q in [
        query(&[("code", "abc"), ("state", "s2")]),
        query(&[("code", "abc")]),
        query(&[("error", "access_denied"), ("state", "other")]),
    ] {
        assert_eq!(
            callback(&q, "s1").map(|_| ()),
            Err(CallbackError::StateMismatch)
        );
    }
    let empty_expected = query(&[("code", "abc"), ("state", "")]);
    assert_eq!(
        callback(&empty_expected, "").map(|_| ()),
        Err(CallbackError::StateMismatch)
    );
}

#[test]
fn the_callback_reads_digilockers_errors() {
    let cases = [
        ("access_denied", CallbackError::ConsentDenied),
        ("aadhaar_not_linked", CallbackError::AadhaarNotLinked),
        (
            "server_error",
            CallbackError::Provider("server_error".into()),
        ),
        (
            "<script>alert(1)</script>",
            CallbackError::Provider("scriptalert1script".into()),
        ),
    ];
    for (error, expected) in cases {
        let q = query(&[
            ("error", error),
            ("state", "s1"),
            ("error_description", "x"),
        ]);
        assert_eq!(callback(&q, "s1").map(|_| ()), Err(expected));
    }
    let no_code = query(&[("state", "s1")]);
    assert_eq!(
        callback(&no_code, "s1").map(|_| ()),
        Err(CallbackError::MissingCode)
    );
    assert_eq!(
        DigiLockerError::from(CallbackError::Provider("temporarily_unavailable".into())).code(),
        "unavailable"
    );
    assert_eq!(
        DigiLockerError::from(CallbackError::Provider("invalid_scope".into())).code(),
        "refused"
    );
}

#[test]
fn the_token_answer_is_read_and_its_debug_shows_nothing_personal() {
    let body = br#"{"access_token":"tok-123","expires_in":"3600","token_type":"Bearer",
        "digilocker_id":"dl-1","name":"Asha Rao","dob":"12041990","gender":"F","eaadhaar":"Y"}"#;
    let token = Token::from_json(body).expect("token");
    assert_eq!(token.access_token(), "tok-123");
    assert_eq!(token.expires_in, Some(3600));
    assert_eq!(token.dob, Some(time::macros::date!(1990 - 04 - 12)));
    assert_eq!(token.gender, Some(eaadhaar::Gender::Female));
    assert!(token.eaadhaar_available);
    let shown = format!("{token:?}");
    for secret in ["tok-123", "dl-1", "Asha", "1990"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let without =
        Token::from_json(br#"{"access_token":"t","eaadhaar":"N","dob":"1990"}"#).expect("token");
    assert!(!without.eaadhaar_available);
    assert_eq!(without.dob, None);
    assert_eq!(
        Token::from_json(b"<html>").map(|_| ()),
        Err(DigiLockerError::Unavailable("unreadable answer".into()))
    );
}

#[test]
fn token_endpoint_refusals_tell_a_stale_code_from_our_misconfiguration() {
    let refusal = |status: u16, body: &str| {
        token_refusal(
            reqwest::StatusCode::from_u16(status).expect("status"),
            body.as_bytes(),
        )
        .code()
    };
    assert_eq!(
        refusal(400, r#"{"error":"invalid_grant"}"#),
        "invalid_grant"
    );
    assert_eq!(refusal(401, ""), "invalid_grant");
    assert_eq!(refusal(401, r#"{"error":"invalid_client"}"#), "refused");
    assert_eq!(
        refusal(400, r#"{"error":"unsupported_grant_type"}"#),
        "refused"
    );
    assert_eq!(refusal(503, ""), "unavailable");
    assert_eq!(refusal(404, ""), "refused");
}

#[test]
fn every_error_has_a_customer_message_a_stable_code_and_a_retry_answer() {
    let cases = [
        (DigiLockerError::ConsentDenied, "consent_denied", true),
        (
            DigiLockerError::AadhaarNotLinked,
            "aadhaar_not_linked",
            false,
        ),
        (
            DigiLockerError::AadhaarNotAvailable,
            "aadhaar_not_available",
            false,
        ),
        (DigiLockerError::StateMismatch, "state_mismatch", true),
        (
            DigiLockerError::InvalidGrant("HTTP 400".into()),
            "invalid_grant",
            true,
        ),
        (
            DigiLockerError::Unavailable("timeout".into()),
            "unavailable",
            true,
        ),
        (
            DigiLockerError::Refused("HTTP 401".into()),
            "refused",
            false,
        ),
        (
            DigiLockerError::Document(XmlError::DigestMismatch),
            "document_tampered",
            false,
        ),
    ];
    for (error, code, retryable) in cases {
        assert_eq!(error.code(), code);
        assert_eq!(error.is_retryable(), retryable, "{code}");
        assert!(error.customer_message().ends_with('.'), "{code}");
    }
    assert_eq!(
        DigiLockerError::ConsentDenied.customer_message(),
        "You did not allow access to your DigiLocker. You can try again."
    );
    assert_eq!(
        DigiLockerError::Unavailable("timeout".into()).customer_message(),
        "DigiLocker is not responding right now. Please try again in a few minutes."
    );
}

#[test]
fn the_configuration_debug_hides_the_secret() {
    let shown = format!("{:?}", config());
    assert!(!shown.contains("s3cret"), "{shown}");
    assert_eq!(config().base, "https://digilocker.example/public");
}
