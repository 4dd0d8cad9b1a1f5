//! Branding settings: colours checked for contrast, logos cleaned or refused, admins only,
//! each change audited, applied to the journey's theme.

use reqwest::StatusCode;
use serde_json::Value;

use crate::fixtures::{error_of, png};
use crate::support::TestApp;

async fn merchant_id(app: &TestApp, slug: &str) -> uuid::Uuid {
    sqlx::query_scalar("SELECT id FROM merchants WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'branding.%' ORDER BY id")
        .fetch_all(&app.db)
        .await
        .unwrap()
}

async fn upload_logo(
    app: &TestApp,
    client: &reqwest::Client,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.upload(client, "/settings/logo", content_type, body)
        .await
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn colours_are_saved_when_they_keep_aa_contrast_and_refused_with_a_suggestion_otherwise(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let admin = app.signed_in("admin@acme.test").await;
    let acme = merchant_id(&app, "acme").await;

    let saved = app
        .call(
            &admin,
            "save_colours",
            &[("primary_colour", "#7C3AED"), ("accent_colour", "#0369a1")],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let theme = reqwest::get(app.url(&format!("/m/{acme}/theme.css")))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        theme.contains("--brand: #7c3aed") && theme.contains("--accent: #0369a1"),
        "{theme}"
    );

    let refused = app
        .call(
            &admin,
            "save_colours",
            &[("primary_colour", "#facc15"), ("accent_colour", "#0369a1")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("primary_colour")
            && body.contains("4.5:1")
            && body.contains("nearest darker shade"),
        "{body}"
    );
    let stored: String = sqlx::query_scalar("SELECT primary_colour FROM merchants WHERE id = $1")
        .bind(acme)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, "#7c3aed", "a refused colour changes nothing");
    assert_eq!(audit_actions(&app).await, ["branding.colours_changed"]);

    for (who, status) in [
        ("operator@acme.test", StatusCode::FORBIDDEN),
        ("reviewer@acme.test", StatusCode::FORBIDDEN),
    ] {
        let client = app.signed_in(who).await;
        let response = app
            .call(
                &client,
                "save_colours",
                &[("primary_colour", "#1a56db"), ("accent_colour", "#0369a1")],
            )
            .await;
        assert_eq!(response.status(), status, "{who}");
    }
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn logos_are_re_encoded_or_refused_and_stay_with_their_merchant(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let admin = app.signed_in("admin@acme.test").await;
    let acme = merchant_id(&app, "acme").await;
    let globex = merchant_id(&app, "globex").await;
    let logo_of = |id: uuid::Uuid| {
        let url = app.url(&format!("/m/{id}/logo"));
        async move { reqwest::get(url).await.unwrap() }
    };
    let before = logo_of(acme).await.bytes().await.unwrap();

    // An SVG with a script is refused, clearly, and the old logo stays.
    let hostile = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="5" height="5"/></svg>"#;
    let (status, code, message) =
        error_of(upload_logo(&app, &admin, "image/svg+xml", hostile.to_vec()).await).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "file_refused")
    );
    assert!(
        !message.is_empty() && !message.contains("alert"),
        "{message}"
    );
    assert_eq!(logo_of(acme).await.bytes().await.unwrap(), before);

    // Too large: refused before decoding.
    let (status, _, message) =
        error_of(upload_logo(&app, &admin, "image/png", vec![0; 300 * 1024]).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(message.contains("256"), "{message}");

    // A PNG is accepted, re-encoded, and served as the merchant's logo.
    let response = upload_logo(&app, &admin, "image/png", png(40, 20, true)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["content_type"], "image/png");
    let served = logo_of(acme).await;
    assert_eq!(served.headers()["content-type"], "image/png");
    let bytes = served.bytes().await.unwrap();
    assert!(image::load_from_memory(&bytes).is_ok());
    assert_eq!(audit_actions(&app).await, ["branding.logo_changed"]);
    // Globex's logo is untouched.
    assert_eq!(logo_of(globex).await.status(), StatusCode::NOT_FOUND);

    // An operator cannot change it; a cleaned SVG from Globex's admin goes to Globex only.
    let operator = app.signed_in("operator@acme.test").await;
    assert_eq!(
        upload_logo(&app, &operator, "image/png", png(10, 10, true))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let globex_admin = app.signed_in("admin@globex.test").await;
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><metadata>editor data</metadata><circle cx="5" cy="5" r="4" fill="#6d28d9"/></svg>"##;
    let response = upload_logo(&app, &globex_admin, "image/svg+xml", svg.to_vec()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let cleaned = logo_of(globex).await.text().await.unwrap();
    assert!(
        cleaned.contains("<circle") && !cleaned.contains("editor data"),
        "{cleaned}"
    );
    assert_eq!(logo_of(acme).await.headers()["content-type"], "image/png");
}

/// The dashboard's time zone: Asia/Kolkata to begin with; an admin sets another by its IANA
/// name (kept as the database spells it), an unknown one is refused and changes nothing,
/// and it is the admin's merchant's alone.
#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_dashboard_time_zone_is_the_merchant_s_and_must_be_a_real_one(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let admin = app.signed_in("admin@acme.test").await;
    let other = app.signed_in("admin@globex.test").await;
    let zone_of = |client: reqwest::Client| {
        let app = &app;
        async move {
            let me: Value = app.call(&client, "whoami", &[]).await.json().await.unwrap();
            me["time_zone"].as_str().unwrap_or_default().to_owned()
        }
    };
    assert_eq!(zone_of(admin.clone()).await, "Asia/Kolkata");

    let saved = app
        .call(
            &admin,
            "save_time_zone",
            &[("time_zone", " europe/london ")],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(saved.json::<String>().await.unwrap(), "Europe/London");
    assert_eq!(zone_of(admin.clone()).await, "Europe/London");
    assert_eq!(zone_of(other.clone()).await, "Asia/Kolkata");

    for bad in ["Mars/Olympus_Mons", "+05:30", ""] {
        let refused = app
            .call(&admin, "save_time_zone", &[("time_zone", bad)])
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let body = refused.text().await.unwrap();
        assert!(
            body.contains("time_zone"),
            "the field is named: {bad}: {body}"
        );
    }
    assert_eq!(zone_of(admin.clone()).await, "Europe/London");
    let audited: Vec<String> = sqlx::query_scalar(
        "SELECT detail->>'time_zone' FROM audit_log WHERE action = 'settings.time_zone'",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, ["Europe/London"]);

    let operator = app.signed_in("operator@acme.test").await;
    let forbidden = app
        .call(&operator, "save_time_zone", &[("time_zone", "UTC")])
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
}
