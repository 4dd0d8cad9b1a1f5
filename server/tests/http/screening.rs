//! The screening step: a submitted journey is screened against the loaded lists; a possible
//! match waits for a reviewer who sees the explained hits and resolves it; completed
//! journeys are re-screened after a list update; thresholds per merchant; and none of it
//! crosses merchants or reaches the customer.

use kyc_core::screening::model::{ListSnapshot, ListSource, SnapshotInfo};
use kyc_screening::error::{File, Reading};
use kyc_screening::runtime::{Loaded, Screener};
use kyc_screening::un;
use kyc_server::workers::screening as worker;
use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::fixtures::sign_and_submit;
use crate::review::{case, version};
use crate::support::TestApp;

const UN_FIXTURE: &[u8] = include_bytes!("../../../screening/tests/fixtures/un.xml");

/// The UN fixture (ten real entries, among them BOSCO TAGANDA, CDi.030).
fn loaded(sha256: &str) -> Loaded {
    let parsed = un::parse(
        File {
            name: "un.xml",
            bytes: UN_FIXTURE,
        },
        Reading::new(false, &mut || {}),
    )
    .expect("fixture parses");
    let info = SnapshotInfo {
        source: ListSource::Un,
        version: parsed.version.clone().unwrap_or_default(),
        sha256: sha256.to_owned(),
        entries: parsed.entries.len(),
        people: 0,
        aliases: 0,
        skipped: 0,
    };
    Loaded::new(vec![ListSnapshot {
        info,
        entries: parsed.entries,
    }])
}

/// A customer named `name` who signed and submitted; returns the journey id.
async fn submitted_as(app: &TestApp, name: &str) -> String {
    submitted_with_client(app, name).await.1
}

async fn submitted_with_client(app: &TestApp, name: &str) -> (Client, String) {
    let (customer, journey_id) = app
        .customer_with_link(&["signature", "sanction_screening"])
        .await;
    sign_and_submit(app, &customer).await;
    sqlx::query("UPDATE customers SET full_name = $2 WHERE id = (SELECT customer_id FROM journeys WHERE id = $1::uuid)")
        .bind(&journey_id)
        .bind(name)
        .execute(&app.db)
        .await
        .unwrap();
    (customer, journey_id)
}

async fn screening_step(app: &TestApp, journey_id: &str) -> (String, Option<String>) {
    sqlx::query_as("SELECT state, internal_note FROM journey_steps WHERE journey_id = $1::uuid AND kind = 'sanction_screening'")
        .bind(journey_id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn screen(app: &TestApp, screener: &Screener) -> usize {
    let loaded = screener.current().expect("lists");
    kyc_db::screening::record_lists(&app.db, &loaded.lists)
        .await
        .unwrap();
    worker::screen_due(&app.db, screener).await.unwrap()
}

async fn resolve(
    app: &TestApp,
    client: &Client,
    result: &str,
    version: &str,
    resolution: &str,
) -> reqwest::Response {
    app.call(
        client,
        "resolve_screening",
        &[
            ("result_id", result),
            ("version", version),
            ("resolution", resolution),
        ],
    )
    .await
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_listed_name_waits_for_a_reviewer_who_sees_why_and_resolves_it(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, listed) = submitted_with_client(&app, "Bosco Tagande").await;
    let clear = submitted_as(&app, "Asha Rao").await;
    let screener = Screener::fixed(loaded("fixture-1"));
    assert_eq!(screen(&app, &screener).await, 2);
    assert_eq!(
        screen(&app, &screener).await,
        0,
        "each journey is screened once"
    );

    assert_eq!(screening_step(&app, &clear).await.0, "completed");
    let (state, note) = screening_step(&app, &listed).await;
    assert_eq!(state, "requires_action");
    assert!(
        note.unwrap_or_default().contains("CDi.030"),
        "the internal note names the entry"
    );

    let reviewer = app.signed_in("reviewer@acme.test").await;
    let case = case(&app, &reviewer, &listed).await;
    let record = &case["screening"][0];
    assert_ne!(record["decision"], "clear");
    let hit = &record["hits"][0];
    assert_eq!(
        (hit["list_id"].as_str(), hit["source"].as_str()),
        (Some("CDi.030"), Some("un"))
    );
    assert!(
        hit["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["query"] == "tagande" && t["listed"] == "taganda" && t["how"] == "typo"),
        "{hit}"
    );
    assert_eq!(
        record["lists"][0]["sha256"], "fixture-1",
        "the result names its list snapshot"
    );
    let result_id = record["id"].as_str().unwrap().to_owned();

    // Nothing of it reaches the customer: a neutral message, no list, entry or note.
    let seen = app
        .call(&customer, "my_journey", &[])
        .await
        .text()
        .await
        .unwrap();
    let view: Value = serde_json::from_str(&seen).unwrap();
    let step = view["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "SanctionScreening")
        .expect("the step");
    assert_eq!(
        (step["state_code"].as_str(), &step["message"]),
        (Some("in_progress"), &Value::Null),
        "the same whatever the screening found"
    );
    for secret in [
        "CDi.030",
        "TAGANDA",
        "sanction_screening_match",
        "Possible sanctions match",
        "possible_sanctions_match",
    ] {
        assert!(!seen.contains(secret), "{secret} reached the customer");
    }

    // Another merchant's reviewer, an operator, a stale view, then the reviewer.
    let other = app.signed_in("admin@globex.test").await;
    let v = version(&case);
    assert_eq!(
        resolve(&app, &other, &result_id, &v, "false_positive")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let alerts: Value = app
        .call(&other, "screening_alerts", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(alerts.as_array().unwrap().len(), 0);
    let operator = app.signed_in("operator@acme.test").await;
    assert_eq!(
        resolve(&app, &operator, &result_id, &v, "false_positive")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // The generic step decision cannot go around the screening's own.
    let around = app
        .call(
            &reviewer,
            "decide_step",
            &[
                ("journey_id", listed.as_str()),
                ("step", "sanction_screening"),
                ("version", v.as_str()),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(around.status(), StatusCode::CONFLICT);
    let stale = (v.parse::<i32>().unwrap() - 1).to_string();
    assert_eq!(
        resolve(&app, &reviewer, &result_id, &stale, "false_positive")
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        resolve(&app, &reviewer, &result_id, &v, "false_positive")
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(screening_step(&app, &listed).await.0, "completed");
    let again = version(&crate::review::case(&app, &reviewer, &listed).await);
    assert_eq!(
        resolve(&app, &reviewer, &result_id, &again, "true_match")
            .await
            .status(),
        StatusCode::CONFLICT,
        "resolved once"
    );
    let audited: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'screening.false_positive' AND object_id = $1::uuid")
        .bind(&result_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_true_match_fails_the_step_and_rejects_the_journey(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let listed = submitted_as(&app, "TAGANDA, Bosco").await;
    let screener = Screener::fixed(loaded("fixture-1"));
    screen(&app, &screener).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let case = case(&app, &reviewer, &listed).await;
    let result_id = case["screening"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        resolve(&app, &reviewer, &result_id, &version(&case), "true_match")
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(screening_step(&app, &listed).await.0, "failed");
    let (state, reason): (String, Option<String>) =
        sqlx::query_as("SELECT state, end_reason FROM journeys WHERE id = $1::uuid")
            .bind(&listed)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (state.as_str(), reason.as_deref()),
        ("rejected", Some("sanctions_match"))
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn completed_journeys_are_rescreened_once_per_list_update(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let journey = submitted_as(&app, "Asha Rao").await;
    let first = Screener::fixed(loaded("fixture-1"));
    screen(&app, &first).await;
    sqlx::query("UPDATE journeys SET state = 'completed', ended_at = now() WHERE id = $1::uuid")
        .bind(&journey)
        .execute(&app.db)
        .await
        .unwrap();
    // The customer's name now resembles a listed person (as if a list update added them).
    sqlx::query("UPDATE customers SET full_name = 'Innocent Kaina' WHERE id = (SELECT customer_id FROM journeys WHERE id = $1::uuid)")
        .bind(&journey)
        .execute(&app.db)
        .await
        .unwrap();
    let update = loaded("fixture-2");
    assert_eq!(
        worker::rescreen_completed(&app.db, &update).await.unwrap(),
        1
    );
    assert_eq!(
        worker::rescreen_completed(&app.db, &update).await.unwrap(),
        0,
        "same generation"
    );
    assert_eq!(
        worker::rescreen_completed(&app.db, &loaded("fixture-3"))
            .await
            .unwrap(),
        0,
        "no new entry"
    );
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let alerts: Value = app
        .call(&reviewer, "screening_alerts", &[])
        .await
        .json()
        .await
        .unwrap();
    let alert = alerts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["journey_id"] == journey.as_str())
        .expect("an alert");
    assert_eq!(alert["reason"], "Rescreen");
    let other = app.signed_in("admin@globex.test").await;
    let none: Value = app
        .call(&other, "screening_alerts", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(none.as_array().unwrap().is_empty());
    // Resolving it records the answer; the completed journey stays completed.
    let case = case(&app, &reviewer, &journey).await;
    let id = alert["result_id"].as_str().unwrap();
    assert_eq!(
        resolve(&app, &reviewer, id, &version(&case), "false_positive")
            .await
            .status(),
        StatusCode::OK
    );
    let state: String = sqlx::query_scalar("SELECT state FROM journeys WHERE id = $1::uuid")
        .bind(&journey)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "completed");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn thresholds_are_set_by_admins_per_merchant_within_bounds(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let admin = app.signed_in("admin@acme.test").await;
    let save = |client: Client, review: &'static str, confirm: &'static str| {
        let app = &app;
        async move {
            app.call(
                &client,
                "save_screening_thresholds",
                &[("review", review), ("confirm", confirm)],
            )
            .await
            .status()
        }
    };
    assert_eq!(save(admin.clone(), "0.9", "0.95").await, StatusCode::OK);
    assert_eq!(
        save(admin.clone(), "0.96", "0.9").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        save(admin.clone(), "0.2", "0.9").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        save(admin.clone(), "abc", "0.9").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let reviewer = app.signed_in("reviewer@acme.test").await;
    assert_eq!(save(reviewer, "0.5", "0.5").await, StatusCode::FORBIDDEN);
    let thresholds: Vec<(String, f32)> =
        sqlx::query_as("SELECT slug, screening_review_threshold FROM merchants ORDER BY slug")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        thresholds,
        vec![
            ("acme".to_owned(), 0.9),
            (
                "globex".to_owned(),
                kyc_core::screening::Thresholds::default().review
            )
        ]
    );
}
