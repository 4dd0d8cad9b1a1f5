//! The journeys list: filters by state, step state, date range and customer, search by
//! name, email or reference, paging, bad filters named; and the chart figures.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::support::TestApp;

async fn list(app: &TestApp, client: &Client, form: &[(&str, &str)]) -> Value {
    let response = app.call(client, "list_journeys", form).await;
    assert_eq!(response.status(), StatusCode::OK, "{form:?}");
    response.json().await.unwrap()
}

fn ids(page: &Value) -> Vec<String> {
    page["journeys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["id"].as_str().unwrap().to_owned())
        .collect()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn filters_search_and_pages_narrow_the_list_exactly(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let asha = app.create_customer(&operator, "Asha Rao", "REF-100").await;
    let (untouched, _) = app
        .generate_link(&operator, &asha, &[("steps[0]", "selfie")])
        .await;
    // Opened and consented: in progress, its documents step started by an upload later.
    let (_, opened) = app.customer_with_link(&["documents", "signature"]).await;
    let (_, revoked) = app.customer_with_link(&["documents"]).await;
    assert_eq!(
        app.call(&operator, "revoke_link", &[("journey_id", &revoked)])
            .await
            .status(),
        StatusCode::OK
    );
    sqlx::query("UPDATE journeys SET created_at = '2025-06-01T12:00:00Z' WHERE id = $1::uuid")
        .bind(&revoked)
        .execute(&app.db)
        .await
        .unwrap();

    let all = list(&app, &operator, &[("page", "0")]).await;
    assert_eq!(all["total"], 3);
    assert_eq!(ids(&all)[2], revoked, "newest first");

    let created = list(
        &app,
        &operator,
        &[("page", "0"), ("query[state]", "created")],
    )
    .await;
    assert_eq!(ids(&created), std::slice::from_ref(&untouched));
    let expired = list(
        &app,
        &operator,
        &[("page", "0"), ("query[state]", "expired")],
    )
    .await;
    assert_eq!(ids(&expired), std::slice::from_ref(&revoked));

    // Step filters: kind alone, state alone, both.
    let with_selfie = list(&app, &operator, &[("page", "0"), ("query[step]", "selfie")]).await;
    assert_eq!(ids(&with_selfie), std::slice::from_ref(&untouched));
    let signature_waiting = list(
        &app,
        &operator,
        &[
            ("page", "0"),
            ("query[step]", "signature"),
            ("query[step_state]", "not_started"),
        ],
    )
    .await;
    assert_eq!(ids(&signature_waiting), std::slice::from_ref(&opened));
    let completed_steps = list(
        &app,
        &operator,
        &[("page", "0"), ("query[step_state]", "completed")],
    )
    .await;
    assert_eq!(completed_steps["total"], 0);

    // Dates: whole UTC days, both ends included.
    let june = list(
        &app,
        &operator,
        &[
            ("page", "0"),
            ("query[from]", "2025-06-01"),
            ("query[to]", "2025-06-01"),
        ],
    )
    .await;
    assert_eq!(ids(&june), std::slice::from_ref(&revoked));
    let since = list(
        &app,
        &operator,
        &[("page", "0"), ("query[from]", "2025-06-02")],
    )
    .await;
    assert_eq!(since["total"], 2);

    // Search: name, email, reference; case-insensitive; wildcards taken literally.
    for q in ["asha", "ref-100", "c@example", "ASHA RAO"] {
        let found = list(&app, &operator, &[("page", "0"), ("query[q]", q)]).await;
        assert!(ids(&found).contains(&untouched), "{q}");
    }
    let literal = list(&app, &operator, &[("page", "0"), ("query[q]", "%")]).await;
    assert_eq!(literal["total"], 0, "a % is searched for, not a wildcard");

    // Each journey carries its steps' outcomes and dates.
    let opened_row = &all["journeys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"] == opened.as_str())
        .unwrap()
        .clone();
    assert_eq!(opened_row["steps"][0]["kind"], "Documents");
    assert_eq!(opened_row["steps"][1]["state"], "not_started");
    assert!(opened_row["opened_at"].is_array() || opened_row["opened_at"].is_string());

    // Bad filters are named, not ignored.
    let bad = app
        .call(
            &operator,
            "list_journeys",
            &[
                ("page", "0"),
                ("query[state]", "done"),
                ("query[from]", "yesterday"),
            ],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.text().await.unwrap();
    assert!(body.contains("state") && body.contains("from"), "{body}");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn pages_hold_twenty_five_journeys_and_count_them_all(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Many Links", "").await;
    for _ in 0..27 {
        app.generate_link(&operator, &customer, &[("steps[0]", "documents")])
            .await;
    }
    let first = list(&app, &operator, &[("page", "0")]).await;
    let second = list(&app, &operator, &[("page", "1")]).await;
    assert_eq!(first["total"], 27);
    assert_eq!(ids(&first).len(), 25);
    assert_eq!(ids(&second).len(), 2);
    assert!(ids(&second).iter().all(|id| !ids(&first).contains(id)));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_funnel_counts_each_stage_and_the_median_time_comes_from_the_timeline(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Funnel", "").await;
    app.generate_link(&operator, &customer, &[("steps[0]", "documents")])
        .await;
    let (_, journey) = app.customer_with_link(&["documents", "selfie"]).await;
    // A selfie step completed 90 seconds after it started, written as the timeline would.
    sqlx::query(
        "UPDATE journey_steps SET state = 'completed', updated_at = now() WHERE journey_id = $1::uuid AND kind = 'selfie'",
    )
    .bind(&journey)
    .execute(&app.db)
    .await
    .unwrap();
    let (merchant,): (uuid::Uuid,) =
        sqlx::query_as("SELECT merchant_id FROM journeys WHERE id = $1::uuid")
            .bind(&journey)
            .fetch_one(&app.db)
            .await
            .unwrap();
    for (to, at) in [
        ("in_progress", "2026-01-01T10:00:00Z"),
        ("completed", "2026-01-01T10:01:30Z"),
    ] {
        sqlx::query(
            "INSERT INTO journey_events (merchant_id, journey_id, subject, step_kind, from_state, to_state, actor_kind, occurred_at)
             VALUES ($1, $2::uuid, 'step', 'selfie', 'not_started', $3, 'customer', $4::timestamptz)",
        )
        .bind(merchant)
        .bind(&journey)
        .bind(to)
        .bind(at)
        .execute(&app.db)
        .await
        .unwrap();
    }
    let figures: Value = app
        .call(&operator, "chart_figures", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(figures["created"], 2);
    assert_eq!(figures["opened"], 1);
    assert_eq!(figures["completed"], 0);
    let steps = figures["steps"].as_array().unwrap();
    assert_eq!(steps[0]["kind"], "Documents");
    assert_eq!(steps[0]["journeys"], 2);
    assert_eq!(steps[1]["kind"], "Selfie");
    assert_eq!(steps[1]["completed"], 1);
    assert_eq!(steps[1]["median_seconds"], 90.0);
    assert!(steps[0]["median_seconds"].is_null());
}
