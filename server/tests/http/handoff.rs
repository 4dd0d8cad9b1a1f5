//! Continuing a journey on the phone: a code made on the computer opens the same journey in
//! another browser once, only while it is fresh and its link still stands, and the
//! computer's page hears of it (and of every later change) on its live stream.

use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::support::{browser, TestApp};

/// A new code for the customer behind `client`: its address.
async fn new_code(app: &TestApp, client: &Client) -> String {
    let response = app.call(client, "start_handoff", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let code: Value = response.json().await.unwrap();
    assert!(
        code["qr"]
            .as_str()
            .unwrap()
            .starts_with("data:image/svg+xml;base64,"),
        "{code}"
    );
    code["url"].as_str().unwrap().to_owned()
}

/// Where using the code at `url` in `client` leads (the page's form posts to its address).
async fn lands(client: &Client, url: &str) -> String {
    let response = client.post(url).send().await.unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn used(app: &TestApp, client: &Client) -> bool {
    let response = app.call(client, "handoff_used", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_code_opens_the_same_journey_on_another_device_once(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (computer, journey_id) = app.customer_with_link(&["documents", "selfie"]).await;
    let url = new_code(&app, &computer).await;
    assert!(url.starts_with(&app.url("/h/")), "{url}");
    assert!(!used(&app, &computer).await);

    // Only the code's hash is kept.
    let code = url.rsplit('/').next().unwrap();
    let stored: Vec<u8> =
        sqlx::query_scalar("SELECT token_hash FROM journey_handoffs WHERE journey_id = $1::uuid")
            .bind(&journey_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let decoded = kyc_core::link::LinkToken::parse(code).unwrap();
    assert_eq!(stored, decoded.hash().0.to_vec());

    // Reading the address (a link preview, a prefetch) only shows the question; the code is
    // not spent and opens nothing.
    let preview = browser();
    let page = preview.get(&url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("Continue on this device"), "{page}");
    assert!(page.contains(&format!("action=\"/h/{code}\"")), "{page}");
    assert_eq!(
        app.call(&preview, "my_journey", &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(!used(&app, &computer).await);

    let phone = browser();
    assert_eq!(lands(&phone, &url).await, "/journey");
    let journey = app.call(&phone, "my_journey", &[]).await;
    assert_eq!(journey.status(), StatusCode::OK);
    let journey: Value = journey.json().await.unwrap();
    let on_computer: Value = app
        .call(&computer, "my_journey", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(journey, on_computer, "the same journey on both devices");
    assert!(used(&app, &computer).await);

    // Spent: a second scan, from anywhere, opens nothing; both devices keep working.
    let third = browser();
    assert_eq!(lands(&third, &url).await, "/link-invalid");
    assert_eq!(lands(&phone, &url).await, "/link-invalid");
    assert_eq!(
        app.call(&third, "my_journey", &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(&computer, "my_journey", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.call(&phone, "give_consent", &[]).await.status(),
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_code_is_worthless_once_replaced_expired_resent_or_withdrawn(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (computer, journey_id) = app.customer_with_link(&["documents"]).await;
    let operator = app.signed_in("operator@acme.test").await;

    // A newer code replaces the older.
    let first = new_code(&app, &computer).await;
    let second = new_code(&app, &computer).await;
    assert_eq!(lands(&browser(), &first).await, "/link-invalid");

    // Past its ten minutes.
    sqlx::query(
        "UPDATE journey_handoffs SET created_at = now() - interval '11 minutes',
             expires_at = now() - interval '1 minute' WHERE journey_id = $1::uuid",
    )
    .bind(&journey_id)
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(lands(&browser(), &second).await, "/link-invalid");

    // Made under a link that a resend replaced.
    let third = new_code(&app, &computer).await;
    let resent = app
        .call(&operator, "resend_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(resent.status(), StatusCode::OK);
    assert_eq!(lands(&browser(), &third).await, "/link-invalid");
    // The computer's session ended with the old link: it makes no more codes.
    assert_eq!(
        app.call(&computer, "start_handoff", &[]).await.status(),
        StatusCode::NOT_FOUND
    );

    // A journey whose link is withdrawn: the code shows the withdrawn page and no session.
    let (computer, journey_id) = app.customer_with_link(&["documents"]).await;
    let code = new_code(&app, &computer).await;
    let revoked = app
        .call(&operator, "revoke_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    let phone = browser();
    assert_eq!(lands(&phone, &code).await, "/link-withdrawn");
    assert_eq!(
        app.call(&phone, "my_journey", &[]).await.status(),
        StatusCode::NOT_FOUND
    );

    // Junk and unknown codes count against the address like invalid links.
    assert_eq!(
        lands(&browser(), &app.url("/h/short")).await,
        "/link-invalid"
    );
    let unknown = app.url(&format!("/h/{}", "A".repeat(43)));
    assert_eq!(lands(&browser(), &unknown).await, "/link-invalid");
}

/// Reads the stream until a `changed` event, within `within`; every frame read is kept in
/// `seen`.
async fn changed(
    stream: &mut reqwest::Response,
    buffer: &mut String,
    seen: &mut Vec<String>,
    within: Duration,
) -> bool {
    tokio::time::timeout(within, async {
        loop {
            if let Some(end) = buffer.find("\n\n") {
                let frame: String = buffer.drain(..end + 2).collect();
                seen.push(frame.clone());
                if frame.lines().any(|line| line == "event: changed") {
                    return true;
                }
                continue;
            }
            match stream.chunk().await {
                Ok(Some(chunk)) => buffer.push_str(std::str::from_utf8(&chunk).unwrap()),
                _ => return false,
            }
        }
    })
    .await
    .unwrap_or(false)
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_computer_hears_when_the_phone_takes_over_and_moves_on(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (computer, _) = app.customer_before_consent(&["documents"]).await;
    let url = new_code(&app, &computer).await;
    let mut stream = computer.get(app.url("/journey/live")).send().await.unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let mut buffer = String::new();
    let mut seen = Vec::new();
    let within = Duration::from_secs(10);

    let phone = browser();
    assert_eq!(lands(&phone, &url).await, "/journey");
    assert!(
        changed(&mut stream, &mut buffer, &mut seen, within).await,
        "the code's use"
    );
    assert_eq!(
        app.call(&phone, "give_consent", &[]).await.status(),
        StatusCode::OK
    );
    assert!(
        changed(&mut stream, &mut buffer, &mut seen, within).await,
        "the consent"
    );
    // The frames carry nothing of the journey: every data line is the word itself.
    assert!(
        seen.iter()
            .flat_map(|frame| frame.lines())
            .filter(|line| line.starts_with("data:"))
            .all(|line| line == "data: changed"),
        "{seen:?}"
    );
    assert!(seen.len() >= 2, "{seen:?}");

    // Staff and strangers get no stream: for them there is no such journey.
    let staff = app.signed_in("operator@acme.test").await;
    for client in [staff, browser()] {
        let refused = client.get(app.url("/journey/live")).send().await.unwrap();
        assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    }
}
