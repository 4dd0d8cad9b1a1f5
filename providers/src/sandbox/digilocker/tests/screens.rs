//! The sandbox's own screens and fixtures: authorize refusals, sign-in mistakes, and every
//! persona usable.

use super::*;

#[tokio::test]
async fn authorize_refuses_plain_pkce_and_unknown_clients() {
    let base = sandbox(Duration::ZERO).await;
    let started = client(&base).begin();
    let plain = started
        .url
        .replace("code_challenge_method=S256", "code_challenge_method=plain");
    let response = browser().get(plain).send().await.expect("authorize");
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("location");
    assert!(location.contains("error=invalid_request"), "{location}");
    let unknown = started.url.replace(CLIENT_ID, "someone-else");
    let response = browser().get(unknown).send().await.expect("authorize");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_logins_are_told_and_too_many_wrong_codes_end_the_sign_in() {
    let base = sandbox(Duration::ZERO).await;
    let browser = browser();
    let started = client(&base).begin();
    let page = browser
        .get(&started.url)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    let unknown = post(&browser, &page, &[("login", "9999999999")])
        .await
        .text()
        .await
        .expect("html");
    assert!(unknown.contains("No sandbox account") && unknown.contains("aria-invalid"));
    let mut otp = post(&browser, &unknown, &[("login", "+91 90000 00001")])
        .await
        .text()
        .await
        .expect("html");
    assert!(otp.contains("ending in 0001"), "{otp}");
    for _ in 0..4 {
        otp = post(&browser, &otp, &[("otp", "111111")])
            .await
            .text()
            .await
            .expect("html");
    }
    let ended = post(&browser, &otp, &[("otp", "111111")]).await;
    assert_eq!(ended.status(), StatusCode::BAD_REQUEST);
    let after = post(&browser, &otp, &[("otp", OTP)]).await;
    assert_eq!(after.status(), StatusCode::BAD_REQUEST);
}

#[test]
fn every_persona_in_the_fixture_is_usable() {
    let all = personas::load();
    assert!(all.len() >= 9);
    for persona in &all {
        assert_eq!(persona.aadhaar_last4.len(), 4);
        assert_eq!(persona.dob_compact().len(), 8, "{}", persona.username);
        assert!(persona.answers_to(&persona.mobile) && persona.answers_to(&persona.username));
    }
}
