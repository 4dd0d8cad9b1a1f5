//! How the API answers requests: idempotency (sequential and concurrent), rate limits, the
//! OpenAPI document matching the routes and answers, and the streamed report.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use super::{api_key, call, new_customer};
use crate::support::TestApp;

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_idempotency_key_replays_the_first_answer_and_concurrent_duplicates_create_one_journey(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let key = api_key(&app, "admin@acme.test", &["read", "write"]).await;
    let customer = new_customer(&app, &key, "crm-idem").await;
    let body = json!({ "customer_id": customer, "steps": ["selfie"], "validity_hours": 24 });
    let post = |idempotency: &'static str, body: Value| {
        let (app, key) = (&app, key.clone());
        async move {
            let response = Client::new()
                .post(app.url("/api/v1/journeys"))
                .bearer_auth(key)
                .header("idempotency-key", idempotency)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap())
        }
    };
    let (first_status, first) = post("order-1", body.clone()).await;
    assert_eq!(first_status, StatusCode::CREATED);
    let (again_status, again) = post("order-1", body.clone()).await;
    assert_eq!(
        (again_status, &again),
        (StatusCode::CREATED, &first),
        "the same answer, link included"
    );
    // The stored answer (a link is a bearer token) is sealed, not readable in the database.
    let stored: Vec<String> = sqlx::query_scalar("SELECT response_body::text FROM api_idempotency")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let token = first["url"].as_str().unwrap().rsplit('/').next().unwrap();
    assert!(stored
        .iter()
        .all(|s| s.contains("sealed") && !s.contains(token)));
    let other = json!({ "customer_id": customer, "steps": ["documents"], "validity_hours": 24 });
    let (status, refused) = post("order-1", other).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("idempotency_key_reused")
        )
    );

    let answers =
        futures_util::future::join_all((0..8).map(|_| post("order-2", body.clone()))).await;
    let created: Vec<&Value> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .map(|(_, b)| b)
        .collect();
    assert!(!created.is_empty());
    assert!(created
        .iter()
        .all(|b| b["journey_id"] == created[0]["journey_id"]));
    assert!(answers
        .iter()
        .all(|(s, b)| *s == StatusCode::CREATED || b["error"]["code"] == "idempotency_key_in_use"));
    let journeys: i64 =
        sqlx::query_scalar("SELECT count(*) FROM journeys WHERE customer_id = $1::uuid")
            .bind(&customer)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(journeys, 2, "one per idempotency key");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn each_key_is_rate_limited_with_headers_saying_when_to_retry(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let key = api_key(&app, "admin@acme.test", &["read"]).await;
    let other = api_key(&app, "admin@acme.test", &["read"]).await;
    sqlx::query("UPDATE api_keys SET rate_limit = 3")
        .execute(&app.db)
        .await
        .unwrap();
    for expected in ["2", "1", "0"] {
        let (status, headers, _) = call(&app, &key, reqwest::Method::GET, "/customers", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["ratelimit-limit"], "3");
        assert_eq!(headers["ratelimit-remaining"], expected);
    }
    let (status, headers, body) = call(&app, &key, reqwest::Method::GET, "/customers", None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["error"]["code"], "rate_limited");
    let retry: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=20).contains(&retry), "{retry}");
    let (status, _, _) = call(&app, &other, reqwest::Method::GET, "/customers", None).await;
    assert_eq!(status, StatusCode::OK, "another key has its own limit");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_openapi_document_covers_every_route_and_describes_the_answers(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let document: Value = Client::new()
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = document["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/customers", &["get", "post"][..]),
        ("/customers/{id}", &["get"]),
        ("/journeys", &["get", "post"]),
        ("/journeys/{id}", &["get"]),
        ("/journeys/{id}/events", &["get"]),
        ("/journeys/{id}/resend", &["post"]),
        ("/journeys/{id}/revoke", &["post"]),
        ("/reports/journeys.csv", &["get"]),
    ] {
        for method in methods {
            assert!(
                paths[path][method].is_object(),
                "{method} {path} is documented"
            );
        }
    }
    assert_eq!(
        paths.len(),
        8,
        "no undocumented or stale paths: {:?}",
        paths.keys()
    );

    // A real answer has every field its schema requires, and no field it does not know.
    let key = api_key(&app, "admin@acme.test", &["read", "write"]).await;
    let customer = new_customer(&app, &key, "crm-doc").await;
    let (_, _, link) = call(
        &app,
        &key,
        reqwest::Method::POST,
        "/journeys",
        Some(json!({ "customer_id": customer, "steps": ["selfie"], "validity_hours": 24 })),
    )
    .await;
    let journey = link["journey_id"].as_str().unwrap();
    let (_, _, answer) = call(
        &app,
        &key,
        reqwest::Method::GET,
        &format!("/journeys/{journey}"),
        None,
    )
    .await;
    let (_, _, error) = call(
        &app,
        &key,
        reqwest::Method::GET,
        "/journeys/00000000-0000-4000-8000-000000000000",
        None,
    )
    .await;
    for (schema, value) in [("Journey", &answer), ("Link", &link), ("ErrorBody", &error)] {
        let schema = &document["components"]["schemas"][schema];
        let properties = schema["properties"].as_object().unwrap();
        for required in schema["required"].as_array().unwrap() {
            assert!(
                value.get(required.as_str().unwrap()).is_some(),
                "{required} in {value}"
            );
        }
        for field in value.as_object().unwrap().keys() {
            assert!(properties.contains_key(field), "{field} is documented");
        }
    }
    let page = Client::new()
        .get(app.url("/api/v1/docs"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    assert!(page.contains("/journeys/{id}/resend") && page.contains("Idempotency-Key"));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_report_is_streamed_to_keys_with_the_reports_scope_and_audited(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let reader = api_key(&app, "admin@acme.test", &["read", "write"]).await;
    let reports = api_key(&app, "admin@acme.test", &["reports"]).await;
    let customer = new_customer(&app, &reader, "crm-report").await;
    let (_, _, link) = call(
        &app,
        &reader,
        reqwest::Method::POST,
        "/journeys",
        Some(json!({ "customer_id": customer, "steps": ["selfie"], "validity_hours": 24 })),
    )
    .await;
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let path = format!("/reports/journeys.csv?from={today}&to={today}");
    let (status, _, body) = call(&app, &reader, reqwest::Method::GET, &path, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    let response = Client::new()
        .get(app.url(&format!("/api/v1{path}")))
        .bearer_auth(&reports)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = response.text().await.unwrap();
    assert_eq!(
        csv.lines().count(),
        2,
        "a header and the one journey: {csv}"
    );
    assert!(csv.contains(link["journey_id"].as_str().unwrap()));
    let (status, _, body) = call(
        &app,
        &reports,
        reqwest::Method::GET,
        "/reports/journeys.csv?from=2026-13-01&to=x",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let globex = api_key(&app, "admin@globex.test", &["reports"]).await;
    let theirs = Client::new()
        .get(app.url(&format!("/api/v1{path}")))
        .bearer_auth(&globex)
        .send()
        .await
        .unwrap();
    assert_eq!(
        theirs.text().await.unwrap().lines().count(),
        1,
        "only a header for another merchant"
    );
    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'report.downloaded'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audited, 2);
}
