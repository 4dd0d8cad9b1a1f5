//! The customer's language: chosen on the journey (a cookie for the pages, the journey for
//! the emails), else the browser's; what the server says to them in it.

use reqwest::StatusCode;

use crate::fixtures::prepare_everything;
use crate::support::{browser, TestApp};

async fn page(app: &TestApp, client: &reqwest::Client, path: &str, accept: &str) -> String {
    client
        .get(app.url(path))
        .header("accept-language", accept)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn html_lang(app: &TestApp, client: &reqwest::Client, path: &str, accept: &str) -> String {
    let page = page(app, client, path, accept).await;
    let start = page
        .find("<html lang=\"")
        .expect("an html element with a language")
        + 12;
    page[start..start + 2].to_owned()
}

/// The language kept on the journey, if any.
async fn stored_language(app: &TestApp, journey_id: &str) -> Option<String> {
    sqlx::query_scalar("SELECT language FROM journeys WHERE id = $1::uuid")
        .bind(journey_id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn customer_pages_speak_the_browser_s_language_and_staff_pages_english(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let client = browser();
    assert_eq!(
        html_lang(&app, &client, "/link-invalid", "hi-IN,hi;q=0.9,en;q=0.8").await,
        "hi"
    );
    assert_eq!(
        html_lang(&app, &client, "/link-invalid", "en-GB,en;q=0.9").await,
        "en"
    );
    assert_eq!(
        html_lang(&app, &client, "/link-invalid", "ta-IN").await,
        "en"
    );
    assert_eq!(html_lang(&app, &client, "/login", "hi-IN").await, "en");
    // The staff's tracker, not the customer's journey.
    assert_eq!(
        html_lang(
            &app,
            &client,
            "/journeys/00000000-0000-0000-0000-000000000000",
            "hi-IN"
        )
        .await,
        "en"
    );
    let page = page(&app, &client, "/link-invalid", "hi").await;
    assert!(page.contains("यह लिंक मान्य नहीं है"), "{page}");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_customer_who_chooses_hindi_is_refused_and_emailed_in_hindi(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (client, journey_id) = app
        .customer_with_link(&["documents", "selfie", "signature"])
        .await;
    let chosen = app
        .call(
            &client,
            "choose_language",
            &[("language", "hi"), ("back", "/journey")],
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::OK);
    let cookie = chosen
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        cookie.starts_with("kyc_lang=hi;")
            && cookie.contains("Path=/")
            && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    let stored = stored_language(&app, &journey_id).await;
    assert_eq!(stored.as_deref(), Some("hi"));
    assert_eq!(html_lang(&app, &client, "/journey", "en").await, "hi");

    // What is missing, and a refused upload, in Hindi.
    let early = app.call(&client, "submit_journey", &[]).await;
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = early.text().await.unwrap();
    assert!(body.contains("एक सेल्फ़ी लें"), "{body}");
    let empty = app
        .upload(
            &client,
            "/journey/captures/selfie?source=file",
            "image/jpeg",
            Vec::new(),
        )
        .await;
    let body = empty.text().await.unwrap();
    assert!(body.contains("फ़ाइल खाली है"), "{body}");

    prepare_everything(&app, &client).await;
    assert_eq!(
        app.call(&client, "submit_journey", &[]).await.status(),
        StatusCode::OK
    );
    let (subject, text): (String, String) =
        sqlx::query_as("SELECT subject, text_body FROM outbox_emails WHERE journey_id = $1::uuid")
            .bind(&journey_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(subject, "Acme Finance: हमें आपका सत्यापन मिल गया है");
    assert!(text.starts_with("नमस्ते "), "{text}");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_unknown_language_is_refused_and_changes_nothing(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (client, journey_id) = app.customer_with_link(&["documents"]).await;
    // The consent kept the page's language.
    let before = stored_language(&app, &journey_id).await;
    assert_eq!(before.as_deref(), Some("en"));
    let refused = app
        .call(
            &client,
            "choose_language",
            &[("language", "xx"), ("back", "/journey")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.headers().get("set-cookie").is_none());
    let stored = stored_language(&app, &journey_id).await;
    assert_eq!(stored, before);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn plain_form_posts_return_the_customer_to_the_journey_not_the_sign_in(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (client, _) = app.customer_before_consent(&["documents"]).await;
    let consent = client
        .post(app.url("/api/give_consent"))
        .header("accept", "text/html,application/xhtml+xml")
        .form(&[("agree", "on")])
        .send()
        .await
        .unwrap();
    assert_eq!(consent.status(), StatusCode::FOUND);
    assert_eq!(consent.headers()["location"], "/journey");
    // The language switch goes back to the page it was on, and only to a customer page.
    for (back, expected) in [
        ("/journey", "/journey"),
        ("/link-invalid", "/link-invalid"),
        ("/settings/staff", "/journey"),
        ("//evil.example/journey", "/journey"),
    ] {
        let switched = client
            .post(app.url("/api/choose_language"))
            .header("accept", "text/html")
            .form(&[("language", "hi"), ("back", back)])
            .send()
            .await
            .unwrap();
        assert_eq!(switched.status(), StatusCode::FOUND, "{back}");
        assert_eq!(switched.headers()["location"], expected, "{back}");
    }
}

/// A customer who never pressed the switch gets their emails in the language their pages
/// were in when they consented; one who chose keeps their choice.
#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn consent_keeps_the_page_language_unless_one_was_chosen(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let consent = |client: reqwest::Client| {
        let url = app.url("/api/give_consent");
        async move {
            client
                .post(url)
                .header("accept-language", "hi-IN,hi;q=0.9,en;q=0.5")
                .form(&[("agree", "on")])
                .send()
                .await
                .unwrap()
        }
    };
    let (browser_only, journey_id) = app.customer_before_consent(&["documents"]).await;
    assert_eq!(stored_language(&app, &journey_id).await, None);
    assert!(consent(browser_only).await.status().is_success());
    assert_eq!(
        stored_language(&app, &journey_id).await.as_deref(),
        Some("hi")
    );

    let (chose, journey_id) = app.customer_before_consent(&["documents"]).await;
    let switched = app
        .call(
            &chose,
            "choose_language",
            &[("language", "en"), ("back", "/journey")],
        )
        .await;
    assert!(switched.status().is_success());
    // The cookie now says English, whatever the browser asks for.
    assert!(consent(chose).await.status().is_success());
    assert_eq!(
        stored_language(&app, &journey_id).await.as_deref(),
        Some("en")
    );
}

/// A plain form post that is refused (the wasm not running) comes back to the journey
/// page, which says why once, in the customer's language; the address carries nothing.
#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_refused_plain_form_post_is_explained_on_the_journey_page_once(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (client, _) = app.customer_with_link(&["bank_account"]).await;
    let refused = client
        .post(app.url("/api/verify_bank_account"))
        .header("accept", "text/html")
        .header("accept-language", "hi-IN")
        .form(&[
            ("form[holder_name]", "Asha Rao"),
            ("form[account_number]", "026291800001191"),
            ("form[account_number_again]", "026291800001191"),
            ("form[ifsc]", "NOT-AN-IFSC"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FOUND);
    assert_eq!(refused.headers()["location"], "/journey");
    let ifsc_hindi = kyc_i18n::text(kyc_i18n::Lang::Hi, "field-ifsc", &[]);
    let shown = page(&app, &client, "/journey", "hi-IN").await;
    assert!(shown.contains("plain-form-notice"), "no notice on the page");
    assert!(shown.contains(&ifsc_hindi), "the field's problem, in Hindi");
    let again = page(&app, &client, "/journey", "hi-IN").await;
    assert!(!again.contains("plain-form-notice"), "shown only once");
}
