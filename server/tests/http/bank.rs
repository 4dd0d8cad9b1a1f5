//! The bank account (penny drop) step against the penny-drop sandbox: each name band moves
//! the step as the merchant's bands say, tries are counted and limited, a provider failure
//! costs no try, asynchronous checks finish by signed webhook or by polling, and the
//! account number is never kept, shown or sent back whole.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::support::TestApp;

mod asynchronous;

const PASS: &str = "026291800001191";
const REVIEW: &str = "026291800001192";
const MISMATCH: &str = "026291800001193";
const BLOCKED: &str = "026291800001195";
const PROVIDER_DOWN: &str = "026291800001196";

async fn verify(app: &TestApp, customer: &Client, account: &str) -> reqwest::Response {
    app.call(
        customer,
        "verify_bank_account",
        &[
            ("form[holder_name]", "Asha Rao"),
            ("form[account_number]", account),
            ("form[account_number_again]", account),
            ("form[ifsc]", "hdfc0001234"),
        ],
    )
    .await
}

async fn my_journey(app: &TestApp, customer: &Client) -> (Value, String) {
    let response = app.call(customer, "my_journey", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    (serde_json::from_str(&text).unwrap(), text)
}

fn bank_step(journey: &Value) -> &Value {
    journey["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "BankAccount")
        .expect("a bank step")
}

/// The journey as the acme operator sees it, and the raw answer.
async fn staff_view(app: &TestApp, journey_id: &str) -> (Value, String) {
    let operator = app.signed_in("operator@acme.test").await;
    let response = app
        .call(&operator, "get_journey", &[("id", journey_id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    (serde_json::from_str(&text).unwrap(), text)
}

/// Rows of every table of the schema whose text contains `needle`.
async fn rows_containing(app: &TestApp, needle: &str) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut found = Vec::new();
    for table in tables {
        let sql = format!("SELECT count(*) FROM \"{table}\" t WHERE t::text LIKE '%' || $1 || '%'");
        let count: i64 = sqlx::query_scalar(&sql)
            .bind(needle)
            .fetch_one(&app.db)
            .await
            .unwrap();
        if count > 0 {
            found.push(table);
        }
    }
    found
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_matching_account_completes_the_step_and_only_its_last_four_digits_are_kept(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["bank_account", "signature"]).await;
    assert_eq!(verify(&app, &customer, PASS).await.status(), StatusCode::OK);

    let (journey, text) = my_journey(&app, &customer).await;
    assert_eq!(bank_step(&journey)["state_code"], "completed");
    let check = &journey["checks"][0];
    assert_eq!(check["status"], "Passed");
    assert_eq!(
        check["subject"],
        "Account XXXXXXXXXXX1191, IFSC HDFC0001234"
    );
    assert!(!text.contains(PASS), "the customer's answer has the number");
    assert!(
        !text.contains("ASHA RAO"),
        "the customer never sees the bank's record"
    );

    let (detail, text) = staff_view(&app, &journey_id).await;
    let record = &detail[0]["checks"][0];
    assert_eq!(record["status"], "Passed");
    let names = &record["names"][0]["comparison"];
    assert_eq!(
        (names["other"].as_str(), names["band"].as_str()),
        (Some("ASHA RAO"), Some("Pass"))
    );
    assert_eq!(names["score"], 100);
    assert!(!text.contains(PASS));
    let events = detail[1].as_array().unwrap();
    assert!(events
        .iter()
        .any(|e| e["subject"] == "bank_check" && e["to_state"] == "passed"));

    assert_eq!(rows_containing(&app, PASS).await, Vec::<String>::new());
    assert_eq!(
        rows_containing(&app, "91800001191").await,
        Vec::<String>::new()
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_partial_name_waits_for_a_reviewer_and_a_mismatch_uses_a_try_until_none_are_left(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["bank_account"]).await;
    assert_eq!(
        verify(&app, &customer, REVIEW).await.status(),
        StatusCode::OK
    );
    let (journey, _) = my_journey(&app, &customer).await;
    assert_eq!(bank_step(&journey)["state_code"], "requires_action");
    let (detail, _) = staff_view(&app, &journey_id).await;
    assert_eq!(detail[0]["checks"][0]["code"], "bank_name_review");
    // Waiting for a reviewer: the customer cannot run it again.
    assert_eq!(
        verify(&app, &customer, PASS).await.status(),
        StatusCode::CONFLICT
    );

    let (customer, journey_id) = app.customer_with_link(&["bank_account"]).await;
    for attempt in 1..=3 {
        assert_eq!(
            verify(&app, &customer, MISMATCH).await.status(),
            StatusCode::OK
        );
        let (journey, _) = my_journey(&app, &customer).await;
        let step = bank_step(&journey);
        assert_eq!(step["state_code"], "failed");
        assert_eq!(step["step"]["attempts"], attempt);
        assert!(crate::fixtures::check_message(&journey["checks"][0])
            .contains("does not match the name you entered"));
    }
    let refused = verify(&app, &customer, PASS).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body: Value = refused.json().await.unwrap();
    assert!(body.to_string().contains("No more attempts"), "{body}");
    let (detail, _) = staff_view(&app, &journey_id).await;
    let attempts: Vec<i64> = detail[0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["attempt"].as_i64().unwrap())
        .collect();
    assert_eq!(attempts, [3, 2, 1], "each try recorded, newest first");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_blocked_account_fails_the_try_and_a_provider_failure_costs_none(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["bank_account"]).await;
    assert_eq!(
        verify(&app, &customer, PROVIDER_DOWN).await.status(),
        StatusCode::OK
    );
    let (journey, _) = my_journey(&app, &customer).await;
    assert_eq!(bank_step(&journey)["state_code"], "in_progress");
    assert_eq!(journey["checks"][0]["status"], "Unavailable");
    assert_eq!(
        verify(&app, &customer, BLOCKED).await.status(),
        StatusCode::OK
    );
    let (journey, _) = my_journey(&app, &customer).await;
    let step = bank_step(&journey);
    assert_eq!(
        (
            step["state_code"].as_str(),
            step["step"]["attempts"].as_i64()
        ),
        (Some("failed"), Some(1))
    );
    let (detail, _) = staff_view(&app, &journey_id).await;
    assert_eq!(detail[0]["checks"][0]["code"], "ACCOUNT_BLOCKED");
    assert_eq!(verify(&app, &customer, PASS).await.status(), StatusCode::OK);
    let (journey, _) = my_journey(&app, &customer).await;
    let step = bank_step(&journey);
    assert_eq!(
        (
            step["state_code"].as_str(),
            step["step"]["attempts"].as_i64()
        ),
        (Some("completed"), Some(2))
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn bad_input_is_refused_field_by_field_and_nothing_is_recorded(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, _) = app.customer_with_link(&["bank_account"]).await;
    let response = app
        .call(
            &customer,
            "verify_bank_account",
            &[
                ("form[holder_name]", " "),
                ("form[account_number]", "12345678901"),
                ("form[account_number_again]", "12345678902"),
                ("form[ifsc]", "HDFC1001234"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    for field in ["holder_name", "account_number_again", "ifsc"] {
        assert!(body.contains(field), "{field} in {body}");
    }
    assert!(!body.contains("12345678901"), "the number is not echoed");
    let (journey, _) = my_journey(&app, &customer).await;
    assert_eq!(bank_step(&journey)["state_code"], "not_started");
    let checks: i64 = sqlx::query_scalar("SELECT count(*) FROM online_checks")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(checks, 0);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn another_merchant_sees_no_check_and_the_customer_only_their_own(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["bank_account"]).await;
    assert_eq!(verify(&app, &customer, PASS).await.status(), StatusCode::OK);
    let globex = app.signed_in("admin@globex.test").await;
    let response = app
        .call(&globex, "get_journey", &[("id", &journey_id)])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (other, _) = app.customer_with_link(&["bank_account"]).await;
    let (journey, _) = my_journey(&app, &other).await;
    assert_eq!(journey["checks"], serde_json::json!([]));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn name_match_bands_are_set_by_admins_per_merchant_and_move_the_step(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let save = |client: Client, pass_from: &'static str, fail_to: &'static str| {
        let app = &app;
        async move {
            app.call(
                &client,
                "save_name_match_bands",
                &[("pass_from", pass_from), ("fail_to", fail_to)],
            )
            .await
            .status()
        }
    };
    let admin = app.signed_in("admin@acme.test").await;
    for (pass_from, fail_to) in [("40", "60"), ("101", "10"), ("x", "10"), ("50", "50")] {
        assert_eq!(
            save(admin.clone(), pass_from, fail_to).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{pass_from}/{fail_to}"
        );
    }
    let operator = app.signed_in("operator@acme.test").await;
    assert_eq!(save(operator, "70", "10").await, StatusCode::FORBIDDEN);
    // A lenient acme: ASHA R (a reviewer's call by default) now passes.
    assert_eq!(save(admin.clone(), "70", "10").await, StatusCode::OK);
    let bands: Vec<(String, i16, i16)> = sqlx::query_as(
        "SELECT slug, name_match_pass_from, name_match_fail_to FROM merchants ORDER BY slug",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        bands,
        [("acme".to_owned(), 70, 10), ("globex".to_owned(), 85, 33)]
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'settings.name_match_bands'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let settings = app.call(&admin, "name_match_settings", &[]).await;
    let settings: Value = settings.json().await.unwrap();
    assert_eq!(settings[0]["pass_from"], 70);
    let (customer, _) = app.customer_with_link(&["bank_account"]).await;
    assert_eq!(
        verify(&app, &customer, REVIEW).await.status(),
        StatusCode::OK
    );
    let (journey, _) = my_journey(&app, &customer).await;
    assert_eq!(bank_step(&journey)["state_code"], "completed");
}
