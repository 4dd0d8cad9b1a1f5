//! Consent, submission and its confirmation email, through the customer's server functions.

use reqwest::StatusCode;
use serde_json::Value;

use crate::fixtures::{jpeg, png, prepare_everything, upload_front};
use crate::support::TestApp;

async fn journey(app: &TestApp, client: &reqwest::Client) -> Value {
    let response = app.call(client, "my_journey", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn submitting_hands_everything_to_review_records_events_and_queues_one_email(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (client, journey_id) = app
        .customer_with_link(&["documents", "selfie", "signature"])
        .await;
    prepare_everything(&app, &client).await;

    let before = journey(&app, &client).await;
    assert!(!before["consented_at"].is_null());
    assert_eq!(before["documents"].as_array().unwrap().len(), 2);
    assert!(
        before["documents"][0]["submitted_at"].is_null(),
        "drafts until submitted"
    );

    let submitted = app.call(&client, "submit_journey", &[]).await;
    assert_eq!(submitted.status(), StatusCode::OK);

    let after = journey(&app, &client).await;
    let states: Vec<&str> = after["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["state_code"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["requires_action", "requires_action", "completed"]);
    assert!(after["documents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["state"] == "Pending" && !d["submitted_at"].is_null()));
    assert!(!after["submitted_at"].is_null());

    let subjects: Vec<String> = sqlx::query_scalar(
        "SELECT subject || ':' || coalesce(step_kind, '') || ':' || to_state FROM journey_events WHERE journey_id = $1::uuid ORDER BY id",
    )
    .bind(&journey_id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    for expected in [
        "consent::given",
        "step:documents:in_progress",
        "step:selfie:in_progress",
        "step:signature:in_progress",
        "step:documents:requires_action",
        "document::pending",
        "submission::submitted",
    ] {
        assert!(
            subjects.iter().any(|s| s == expected),
            "missing event {expected} in {subjects:?}"
        );
    }
    let emails: Vec<(String, String)> =
        sqlx::query_as("SELECT recipient, subject FROM outbox_emails WHERE journey_id = $1::uuid")
            .bind(&journey_id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(emails.len(), 1);
    assert!(
        emails[0].1.contains("Acme"),
        "branded subject: {}",
        emails[0].1
    );

    // Replaying the submission changes nothing and says so.
    let replay = app.call(&client, "submit_journey", &[]).await;
    assert_eq!(replay.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(replay.text().await.unwrap().contains("nothing to submit"));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox_emails")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1);

    // Documents under review cannot be changed.
    let late = app
        .upload(
            &client,
            "/journey/documents/files?side=front&category=identity&type=pan",
            "image/jpeg",
            jpeg(800, 600),
        )
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn submitting_with_a_category_missing_lists_what_is_missing_and_changes_nothing(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (client, journey_id) = app.customer_with_link(&["documents"]).await;
    let front = app
        .upload(
            &client,
            "/journey/documents/files?side=front&category=identity&type=aadhaar",
            "image/jpeg",
            jpeg(900, 600),
        )
        .await;
    assert_eq!(front.status(), StatusCode::CREATED);

    let refused = app.call(&client, "submit_journey", &[]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Aadhaar: add the back side"), "{body}");
    assert!(
        body.contains("Address proof: add 1 more document"),
        "{body}"
    );
    let submitted: Option<time::OffsetDateTime> =
        sqlx::query_scalar("SELECT submitted_at FROM journeys WHERE id = $1::uuid")
            .bind(&journey_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(submitted.is_none());
    let emails: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox_emails")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(emails, 0);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn nothing_can_be_uploaded_or_submitted_before_consent(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (client, _) = app.customer_before_consent(&["signature"]).await;
    let response = app
        .upload(
            &client,
            "/journey/captures/signature",
            "image/png",
            png(600, 200, true),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(response.text().await.unwrap().contains("consent"));
    assert_eq!(app.object_rows().await, 0);
    assert!(app.stored_files().is_empty());
    let refused = app.call(&client, "submit_journey", &[]).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("consent"));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_draft_can_be_removed_and_its_files_are_swept_but_not_another_journeys(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (client, _) = app.customer_with_link(&["documents"]).await;
    let document_id = upload_front(&app, &client, "identity", "passport").await;

    let (other, _) = app.customer_with_link(&["documents"]).await;
    let foreign = app
        .call(&other, "remove_document", &[("document_id", &document_id)])
        .await;
    assert_eq!(
        foreign.status(),
        StatusCode::NOT_FOUND,
        "another journey's document is not found"
    );

    let removed = app
        .call(&client, "remove_document", &[("document_id", &document_id)])
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    assert!(journey(&app, &client).await["documents"]
        .as_array()
        .unwrap()
        .is_empty());
    kyc_server::sweeper::sweep_once(&app.db, &app.store).await;
    assert_eq!(app.object_rows().await, 0);
    assert!(app.stored_files().is_empty());
}
