//! Review: the queue, the case, decisions under concurrency, document views audited,
//! tenant isolation, decision emails, and the audit trail's chains.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::fixtures::{prepare_everything, upload_front};
use crate::support::TestApp;

/// A customer who has submitted documents, selfie and signature; returns (client, journey).
pub(crate) async fn submitted(app: &TestApp) -> (Client, String) {
    let (customer, journey_id) = app
        .customer_with_link(&["documents", "selfie", "signature"])
        .await;
    prepare_everything(app, &customer).await;
    assert_eq!(
        app.call(&customer, "submit_journey", &[]).await.status(),
        StatusCode::OK
    );
    (customer, journey_id)
}

pub(crate) async fn case(app: &TestApp, client: &Client, journey_id: &str) -> Value {
    let response = app
        .call(client, "load_case", &[("journey_id", journey_id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

pub(crate) fn version(case: &Value) -> String {
    case["journey"]["version"].as_i64().unwrap().to_string()
}

pub(crate) fn document_id(case: &Value, doc_type: &str) -> String {
    case["documents"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|d| d["doc_type"] == doc_type)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub(crate) async fn decide(
    app: &TestApp,
    client: &Client,
    form: &[(&str, &str)],
) -> reqwest::Response {
    app.call(client, "decide_document", form).await
}

async fn email_kinds(app: &TestApp, journey_id: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT kind FROM outbox_emails WHERE journey_id = $1::uuid ORDER BY created_at, kind",
    )
    .bind(journey_id)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_document_sent_back_is_uploaded_again_and_the_approved_journey_completes(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = submitted(&app).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;

    let queue: Value = app
        .call(&reviewer, "review_queue", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue[0]["journey_id"], journey_id.as_str());
    assert_eq!(queue[0]["pending_documents"], 2);
    let take = app
        .call(
            &reviewer,
            "assign_case",
            &[("journey_id", &journey_id), ("assignee", "me")],
        )
        .await;
    assert_eq!(take.status(), StatusCode::OK);
    let mine: Value = app
        .call(&reviewer, "review_queue", &[("scope", "mine")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine[0]["assignee"]["name"], "Riya Reviewer");

    // Reject the passport as Retry with a comment: the customer sees why and must upload again.
    let seen = case(&app, &reviewer, &journey_id).await;
    let passport = document_id(&seen, "Passport");
    let rejected = decide(
        &app,
        &reviewer,
        &[
            ("journey_id", &journey_id),
            ("document_id", &passport),
            ("version", &version(&seen)),
            ("decision", "reject"),
            ("reason", "blurry"),
            ("mode", "retry"),
            (
                "comment",
                "The photo is blurred; please retake it in daylight.",
            ),
        ],
    )
    .await;
    assert_eq!(rejected.status(), StatusCode::OK);
    let mine: Value = app
        .call(&customer, "my_journey", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["steps"][0]["state_code"], "requires_action");
    let shown = mine["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == passport.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        shown["state"]["Rejected"]["comment"],
        "The photo is blurred; please retake it in daylight."
    );

    // The customer uploads a new identity document and submits again.
    upload_front(&app, &customer, "identity", "pan").await;
    assert_eq!(
        app.call(&customer, "submit_journey", &[]).await.status(),
        StatusCode::OK
    );

    // Approve both pending documents (the new identity one and the address one).
    for _ in 0..2 {
        let seen = case(&app, &reviewer, &journey_id).await;
        let id = seen["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["state"] == "Pending")
            .unwrap_or_else(|| panic!("a pending document in {seen}"))["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let approved = decide(
            &app,
            &reviewer,
            &[
                ("journey_id", &journey_id),
                ("document_id", &id),
                ("version", &version(&seen)),
                ("decision", "approve"),
            ],
        )
        .await;
        assert_eq!(
            approved.status(),
            StatusCode::OK,
            "{}",
            approved.text().await.unwrap()
        );
    }
    let seen = case(&app, &reviewer, &journey_id).await;
    assert_eq!(seen["journey"]["steps"][0]["state"], "Completed");
    let early = app
        .call(
            &reviewer,
            "decide_journey",
            &[
                ("journey_id", &journey_id),
                ("version", &version(&seen)),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(
        early.status(),
        StatusCode::CONFLICT,
        "the selfie still waits"
    );
    let selfie = app
        .call(
            &reviewer,
            "decide_step",
            &[
                ("journey_id", &journey_id),
                ("step", "selfie"),
                ("version", &version(&seen)),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(selfie.status(), StatusCode::OK);
    let seen = case(&app, &reviewer, &journey_id).await;
    let done = app
        .call(
            &reviewer,
            "decide_journey",
            &[
                ("journey_id", &journey_id),
                ("version", &version(&seen)),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(done.status(), StatusCode::OK);
    let state: String = sqlx::query_scalar("SELECT state FROM journeys WHERE id = $1::uuid")
        .bind(&journey_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "completed");
    assert_eq!(
        email_kinds(&app, &journey_id).await,
        [
            "submission_received",
            "documents_sent_back",
            "submission_received",
            "journey_completed"
        ]
    );
    let sent_back: String = sqlx::query_scalar("SELECT text_body FROM outbox_emails WHERE journey_id = $1::uuid AND kind = 'documents_sent_back'")
        .bind(&journey_id).fetch_one(&app.db).await.unwrap();
    assert!(
        sent_back.contains("blurry") && sent_back.contains("retake it in daylight"),
        "{sent_back}"
    );

    // Every decision and the assignment are on the journey's audit chain, between the
    // reviewer's views of the case, and it verifies.
    let views: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE journey_id = $1::uuid AND action = 'case.viewed'",
    )
    .bind(&journey_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(views >= 1, "case views are audited");
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE journey_id = $1::uuid AND action <> 'case.viewed' ORDER BY seq")
            .bind(&journey_id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        actions,
        [
            "case.assigned",
            "document.rejected",
            "document.approved",
            "document.approved",
            "step.approved",
            "journey.approved"
        ]
    );
    assert!(kyc_db::audit::verify(&app.db, &app.services.audit, &[])
        .await
        .unwrap()
        .breaks
        .is_empty());
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn of_32_concurrent_decisions_on_one_document_exactly_one_wins_and_is_audited(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (_, journey_id) = submitted(&app).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let admin = app.signed_in("admin@acme.test").await;
    let seen = case(&app, &reviewer, &journey_id).await;
    let passport = document_id(&seen, "Passport");
    let v = version(&seen);
    let app = &app;
    let calls = (0..32).map(|i| {
        let client = if i % 2 == 0 { &reviewer } else { &admin };
        let form: Vec<(&str, &str)> = if i % 3 == 0 {
            vec![
                ("journey_id", &journey_id),
                ("document_id", &passport),
                ("version", &v),
                ("decision", "approve"),
            ]
        } else {
            vec![
                ("journey_id", &journey_id),
                ("document_id", &passport),
                ("version", &v),
                ("decision", "reject"),
                ("reason", "expired"),
                ("mode", "retry"),
                ("comment", ""),
            ]
        };
        async move { decide(app, client, &form).await }
    });
    let responses = futures_util::future::join_all(calls).await;
    let mut ok = 0;
    for response in responses {
        match response.status() {
            StatusCode::OK => ok += 1,
            StatusCode::CONFLICT => assert!(response
                .text()
                .await
                .unwrap()
                .contains("changed since you opened it")),
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(ok, 1);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE object_id = $1::uuid AND action LIKE 'document.%'",
    )
    .bind(&passport)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM journey_events WHERE document_id = $1::uuid AND from_state = 'pending'")
        .bind(&passport).fetch_one(&app.db).await.unwrap();
    assert_eq!(events, 1);
}
