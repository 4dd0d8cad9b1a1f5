use reqwest::StatusCode;

use crate::support::{browser, TestApp, PASSWORD};

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_browser_request_from_another_site_cannot_call_a_server_function(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let form = [("email", "operator@acme.test"), ("password", PASSWORD)];
    let cross_site = browser()
        .post(app.url("/api/login"))
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let same_site = browser()
        .post(app.url("/api/login"))
        .header("sec-fetch-site", "same-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        same_site.status(),
        StatusCode::FORBIDDEN,
        "a sibling subdomain is another origin"
    );
    let foreign_origin = browser()
        .post(app.url("/api/login"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(foreign_origin.status(), StatusCode::FORBIDDEN);
    let own_origin = browser()
        .post(app.url("/api/login"))
        .header("origin", app.base.clone())
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(own_origin.status(), StatusCode::OK);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn pages_carry_security_headers_a_nonce_csp_and_no_caching(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let page = browser().get(app.url("/login")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let headers = page.headers().clone();
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["x-frame-options"], "DENY");
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("nonce in CSP");
    let body = page.text().await.unwrap();
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "scripts carry the CSP nonce"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");

    let server_fn = app.call(&browser(), "whoami", &[]).await;
    assert_eq!(server_fn.headers()["cache-control"], "no-store");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_api_and_provider_routes_are_never_cached_or_sniffed(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let client = browser();
    let answers = [
        client
            .get(app.url("/api/v1/journeys"))
            .send()
            .await
            .unwrap(),
        client
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap(),
        client
            .post(app.url("/webhooks/bank"))
            .body("{}")
            .send()
            .await
            .unwrap(),
    ];
    for answer in answers {
        let url = answer.url().path().to_owned();
        assert_eq!(answer.headers()["cache-control"], "no-store", "{url}");
        assert_eq!(
            answer.headers()["x-content-type-options"],
            "nosniff",
            "{url}"
        );
    }
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_internal_error_shows_only_an_error_id(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db.clone()).await;
    let operator = app.signed_in("operator@acme.test").await;
    sqlx::query("ALTER TABLE customers RENAME TO customers_gone")
        .execute(&db)
        .await
        .unwrap();
    let response = app
        .call(&operator, "list_customers", &[("page", "0")])
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = response.text().await.unwrap();
    assert!(body.contains("Internal"), "{body}");
    assert!(
        !body.contains("customers"),
        "no database detail reaches the browser: {body}"
    );
}
