//! The merchant REST API: keys (created by admins, shown once, revoked at once), scopes,
//! every endpoint, tenant isolation by key, idempotency (sequential and concurrent), rate
//! limiting, the error shape, and the OpenAPI document matching the routes and answers.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::support::TestApp;

mod requests;

/// A key of `admin`'s merchant with `scopes`; returns the secret.
async fn api_key(app: &TestApp, admin: &str, scopes: &[&str]) -> String {
    let client = app.signed_in(admin).await;
    let mut form = vec![("name", "integration")];
    form.extend(scopes.iter().map(|s| ("scopes[]", *s)));
    let response = app.call(&client, "create_api_key", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    let created: Value = response.json().await.unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with(created["key"]["prefix"].as_str().unwrap()));
    secret
}

async fn call(
    app: &TestApp,
    key: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, reqwest::header::HeaderMap, Value) {
    let mut request = Client::new()
        .request(method, app.url(&format!("/api/v1{path}")))
        .bearer_auth(key);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let text = response.text().await.unwrap();
    (
        status,
        headers,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

async fn new_customer(app: &TestApp, key: &str, reference: &str) -> String {
    let (status, _, body) = call(
        app,
        key,
        reqwest::Method::POST,
        "/customers",
        Some(json!({ "full_name": "Asha Rao", "email": "asha@example.in", "external_reference": reference })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().unwrap().to_owned()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn keys_are_made_by_admins_shown_once_scoped_and_revoked_at_once(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let refused = app
        .call(
            &operator,
            "create_api_key",
            &[("name", "x"), ("scopes[]", "read")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let admin = app.signed_in("admin@acme.test").await;
    let invalid = app
        .call(
            &admin,
            "create_api_key",
            &[("name", " "), ("scopes[]", "admin")],
        )
        .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let read_only = api_key(&app, "admin@acme.test", &["read"]).await;
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("SELECT secret_hash FROM api_keys")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert!(stored
        .iter()
        .all(|h| h.len() == 32 && !String::from_utf8_lossy(h).contains("kyc_")));
    let listed = app
        .call(&admin, "list_api_keys", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(!listed.contains(&read_only), "the secret is never listed");

    let (status, _, _) = call(&app, &read_only, reqwest::Method::GET, "/customers", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = call(
        &app,
        &read_only,
        reqwest::Method::POST,
        "/customers",
        Some(json!({ "full_name": "A", "email": "a@example.in" })),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");

    let listed: Value = app
        .call(&admin, "list_api_keys", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(!listed[0]["last_used_at"].is_null(), "use is recorded");
    let key_id = listed[0]["id"].as_str().unwrap().to_owned();
    let revoked = app
        .call(&admin, "revoke_api_key", &[("key_id", &key_id)])
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    let (status, headers, body) =
        call(&app, &read_only, reqwest::Method::GET, "/customers", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    assert_eq!(
        body["error"]["request_id"].as_str(),
        headers.get("x-request-id").and_then(|v| v.to_str().ok())
    );
    let globex = app.signed_in("admin@globex.test").await;
    let other = app
        .call(&globex, "revoke_api_key", &[("key_id", &key_id)])
        .await;
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn customers_and_journeys_through_the_api_stay_within_the_keys_merchant(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let acme = api_key(&app, "admin@acme.test", &["read", "write"]).await;
    let globex = api_key(&app, "admin@globex.test", &["read", "write"]).await;
    let customer = new_customer(&app, &acme, "crm-1").await;
    let (status, _, body) = call(
        &app,
        &acme,
        reqwest::Method::POST,
        "/customers",
        Some(json!({ "full_name": "Asha Rao", "email": "asha@example.in", "external_reference": "crm-1" })),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    let (status, _, body) = call(
        &app,
        &acme,
        reqwest::Method::POST,
        "/customers",
        Some(json!({ "full_name": "", "email": "nope" })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"full_name") && fields.contains(&"email"),
        "{body}"
    );

    let (status, _, found) = call(
        &app,
        &acme,
        reqwest::Method::GET,
        "/customers?external_reference=crm-1",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found["data"][0]["id"], customer.as_str());

    let (status, _, link) = call(
        &app,
        &acme,
        reqwest::Method::POST,
        "/journeys",
        Some(json!({ "customer_id": customer, "steps": ["documents", "selfie"], "validity_hours": 48 })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{link}");
    let journey = link["journey_id"].as_str().unwrap().to_owned();
    assert!(link["url"].as_str().unwrap().contains("/k/"));
    let (status, _, detail) = call(
        &app,
        &acme,
        reqwest::Method::GET,
        &format!("/journeys/{journey}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["state"], "created");
    let steps: Vec<&str> = detail["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["documents", "selfie"]);

    // The customer opens the link; the events show it.
    let opened = crate::support::browser()
        .get(link["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(opened.status().is_redirection());
    let (_, _, events) = call(
        &app,
        &acme,
        reqwest::Method::GET,
        &format!("/journeys/{journey}/events"),
        None,
    )
    .await;
    let to: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_state"].as_str().unwrap())
        .collect();
    assert!(to.contains(&"in_progress"), "{events}");

    let (status, _, resent) = call(
        &app,
        &acme,
        reqwest::Method::POST,
        &format!("/journeys/{journey}/resend"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(resent["url"], link["url"]);
    let (status, _, revoked) = call(
        &app,
        &acme,
        reqwest::Method::POST,
        &format!("/journeys/{journey}/revoke"),
        None,
    )
    .await;
    assert_eq!(
        (status, revoked["state"].as_str()),
        (StatusCode::OK, Some("expired"))
    );
    assert_eq!(revoked["end_reason"], "revoked");

    // Another merchant's key sees none of it.
    for path in [
        format!("/customers/{customer}"),
        format!("/journeys/{journey}"),
        format!("/journeys/{journey}/events"),
    ] {
        let (status, _, _) = call(&app, &globex, reqwest::Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in [
        format!("/journeys/{journey}/resend"),
        format!("/journeys/{journey}/revoke"),
    ] {
        let (status, _, _) = call(&app, &globex, reqwest::Method::POST, &path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, _, _) = call(
        &app,
        &globex,
        reqwest::Method::POST,
        "/journeys",
        Some(json!({ "customer_id": customer, "steps": ["selfie"], "validity_hours": 1 })),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, listed) = call(&app, &globex, reqwest::Method::GET, "/journeys", None).await;
    assert_eq!(listed["data"], json!([]));
    let (_, _, listed) = call(
        &app,
        &globex,
        reqwest::Method::GET,
        "/customers?external_reference=crm-1",
        None,
    )
    .await;
    assert_eq!(listed["data"], json!([]));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn lists_are_paged_by_cursor_without_gaps_or_repeats(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let key = api_key(&app, "admin@acme.test", &["read", "write"]).await;
    let customer = new_customer(&app, &key, "crm-page").await;
    let mut created = Vec::new();
    for _ in 0..5 {
        let (_, _, link) = call(
            &app,
            &key,
            reqwest::Method::POST,
            "/journeys",
            Some(json!({ "customer_id": customer, "steps": ["selfie"], "validity_hours": 24 })),
        )
        .await;
        created.push(link["journey_id"].as_str().unwrap().to_owned());
    }
    let mut seen = Vec::new();
    let mut path = format!("/journeys?customer_id={customer}&limit=2");
    loop {
        let (status, _, page) = call(&app, &key, reqwest::Method::GET, &path, None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(
            page["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|j| j["id"].as_str().unwrap().to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                path = format!("/journeys?customer_id={customer}&limit=2&cursor={cursor}")
            }
            None => break,
        }
    }
    created.reverse();
    assert_eq!(seen, created, "newest first, each once");
    let (status, _, body) = call(
        &app,
        &key,
        reqwest::Method::GET,
        "/journeys?cursor=garbage",
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"]["fields"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("cursor"))
    );
    let (status, _, _) = call(
        &app,
        &key,
        reqwest::Method::GET,
        "/journeys?limit=1000",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_key_stops_working_when_its_creator_is_no_longer_an_enabled_admin(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let key = api_key(&app, "admin@acme.test", &["read"]).await;
    let (status, _, _) = call(&app, &key, reqwest::Method::GET, "/customers", None).await;
    assert_eq!(status, StatusCode::OK);
    sqlx::query("UPDATE memberships SET role = 'operator' WHERE staff_user_id = (SELECT id FROM staff_users WHERE email = 'admin@acme.test')")
        .execute(&app.db)
        .await
        .unwrap();
    let (status, _, _) = call(&app, &key, reqwest::Method::GET, "/customers", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "no longer an admin");
    sqlx::query("UPDATE memberships SET role = 'admin' WHERE staff_user_id = (SELECT id FROM staff_users WHERE email = 'admin@acme.test')")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE staff_users SET disabled_at = now() WHERE email = 'admin@acme.test'")
        .execute(&app.db)
        .await
        .unwrap();
    let (status, _, _) = call(&app, &key, reqwest::Method::GET, "/customers", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a disabled user");
}
