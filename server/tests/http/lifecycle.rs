//! A link's life: resent with a new token, revoked, expired by the worker.

use reqwest::StatusCode;
use serde_json::Value;

use crate::fixtures::{sign_and_submit, PDF};
use crate::support::{browser, TestApp};

async fn resend(app: &TestApp, client: &reqwest::Client, journey_id: &str) -> reqwest::Response {
    app.call(client, "resend_link", &[("journey_id", journey_id)])
        .await
}

async fn opens(url: &str) -> bool {
    let response = browser().get(url).send().await.unwrap();
    response.headers()["location"] == "/journey"
}

async fn state_of(app: &TestApp, journey_id: &str) -> (String, Option<String>) {
    sqlx::query_as("SELECT state, end_reason FROM journeys WHERE id = $1::uuid")
        .bind(journey_id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_resend_replaces_the_token_and_of_two_at_once_exactly_one_link_works(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["documents"]).await;
    let operator = app.signed_in("operator@acme.test").await;
    let other = app.signed_in("admin@acme.test").await;

    let (first, second) = tokio::join!(
        resend(&app, &operator, &journey_id),
        resend(&app, &other, &journey_id)
    );
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(second.status(), StatusCode::OK);
    let urls: Vec<String> = vec![
        first.json::<Value>().await.unwrap()["url"]
            .as_str()
            .unwrap()
            .to_owned(),
        second.json::<Value>().await.unwrap()["url"]
            .as_str()
            .unwrap()
            .to_owned(),
    ];
    let mut working = 0;
    for url in &urls {
        if opens(url).await {
            working += 1;
        }
    }
    assert_eq!(
        working, 1,
        "exactly one of two concurrent resends leaves a valid link"
    );

    // The customer's session from the old link has ended.
    let mine = app.call(&customer, "my_journey", &[]).await;
    assert_eq!(mine.status(), StatusCode::NOT_FOUND);
    let resent: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM journey_events WHERE journey_id = $1::uuid AND subject = 'link'",
    )
    .bind(&journey_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(resent, 2, "each resend is on the timeline");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_revoked_link_ends_the_journey_and_refuses_further_changes(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["documents"]).await;
    let operator = app.signed_in("operator@acme.test").await;
    let revoked = app
        .call(&operator, "revoke_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    assert_eq!(
        state_of(&app, &journey_id).await,
        ("expired".to_owned(), Some("revoked".to_owned()))
    );

    let mine: Value = app
        .call(&customer, "my_journey", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["revoked"], true);
    let upload = app
        .upload(
            &customer,
            "/journey/documents/files?side=whole&category=address&type=utility_bill",
            "application/pdf",
            PDF.to_vec(),
        )
        .await;
    assert_eq!(upload.status(), StatusCode::CONFLICT);
    assert_eq!(app.object_rows().await, 0);
    assert_eq!(
        resend(&app, &operator, &journey_id).await.status(),
        StatusCode::CONFLICT
    );
    let again = app
        .call(&operator, "revoke_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn only_the_merchants_operators_and_admins_can_resend_or_revoke(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (_, journey_id) = app.customer_with_link(&["documents"]).await;
    let globex = app.signed_in("operator@globex.test").await;
    assert_eq!(
        resend(&app, &globex, &journey_id).await.status(),
        StatusCode::NOT_FOUND
    );
    let foreign = app
        .call(&globex, "revoke_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let reviewer = app.signed_in("reviewer@acme.test").await;
    assert_eq!(
        resend(&app, &reviewer, &journey_id).await.status(),
        StatusCode::FORBIDDEN
    );
    let anonymous = browser();
    assert_eq!(
        resend(&app, &anonymous, &journey_id).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(state_of(&app, &journey_id).await.0, "in_progress");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_worker_expires_journeys_past_their_window_only_while_the_customer_has_work(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (_, waiting_for_customer) = app.customer_with_link(&["documents"]).await;
    let (submitter, waiting_for_review) = app.customer_with_link(&["signature"]).await;
    sign_and_submit(&app, &submitter).await;

    let later = time::OffsetDateTime::now_utc() + time::Duration::days(4);
    let expired = kyc_db::journeys::expire_due(&app.db, later, 100)
        .await
        .unwrap();
    assert_eq!(expired, 1);
    assert_eq!(
        state_of(&app, &waiting_for_customer).await,
        ("expired".to_owned(), Some("window_passed".to_owned()))
    );
    assert_eq!(state_of(&app, &waiting_for_review).await.0, "in_progress");
    let actor: String = sqlx::query_scalar(
        "SELECT actor_kind FROM journey_events WHERE journey_id = $1::uuid AND subject = 'journey' AND to_state = 'expired'",
    )
    .bind(&waiting_for_customer)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(actor, "system");
    assert_eq!(
        kyc_db::journeys::expire_due(&app.db, later, 100)
            .await
            .unwrap(),
        0,
        "nothing twice"
    );
}
