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

/// Uploads a utility-bill PDF as a draft; returns its stored object's id.
async fn upload_pdf(app: &TestApp, customer: &reqwest::Client) -> reqwest::Response {
    app.upload(
        customer,
        "/journey/documents/files?side=whole&category=address&type=utility_bill",
        "application/pdf",
        PDF.to_vec(),
    )
    .await
}

async fn object_of(response: reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    body["object_id"].as_str().unwrap().to_owned()
}

async fn open_ticket(app: &TestApp, customer: &reqwest::Client) -> reqwest::Response {
    app.call(
        customer,
        "open_ticket",
        &[("subject", "Question"), ("message", "Can you help?")],
    )
    .await
}

async fn file(app: &TestApp, customer: &reqwest::Client, object_id: &str) -> StatusCode {
    customer
        .get(app.url(&format!("/journey/files/{object_id}")))
        .send()
        .await
        .unwrap()
        .status()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_revoked_link_shows_its_sessions_nothing_and_refuses_further_changes(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer_id = app.create_customer(&operator, "Asha Rao", "").await;
    let (journey_id, url) = app
        .generate_link(&operator, &customer_id, &[("steps[0]", "documents")])
        .await;
    let customer = browser();
    assert!(customer
        .get(&url)
        .send()
        .await
        .unwrap()
        .status()
        .is_redirection());
    let consent = app.call(&customer, "give_consent", &[]).await;
    assert_eq!(consent.status(), StatusCode::OK);
    let object_id = object_of(upload_pdf(&app, &customer).await).await;
    assert_eq!(file(&app, &customer, &object_id).await, StatusCode::OK);
    assert_eq!(open_ticket(&app, &customer).await.status(), StatusCode::OK);

    let revoked = app
        .call(&operator, "revoke_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    assert_eq!(
        state_of(&app, &journey_id).await,
        ("expired".to_owned(), Some("revoked".to_owned()))
    );

    // The session opened before: a plain "withdrawn" answer, with no names in it.
    let mine = app.call(&customer, "my_journey", &[]).await;
    assert_eq!(mine.status(), StatusCode::GONE);
    let body = mine.text().await.unwrap();
    assert!(body.contains("LinkWithdrawn"), "{body}");
    assert!(!body.contains("Asha") && !body.contains("Acme"), "{body}");
    assert_eq!(file(&app, &customer, &object_id).await, StatusCode::GONE);
    assert_eq!(
        open_ticket(&app, &customer).await.status(),
        StatusCode::GONE
    );
    assert_eq!(upload_pdf(&app, &customer).await.status(), StatusCode::GONE);
    assert_eq!(app.object_rows().await, 1, "nothing more stored");
    // The link itself opens nothing, in that browser or a new one.
    for client in [&customer, &browser()] {
        let opened = client.get(&url).send().await.unwrap();
        assert_eq!(opened.headers()["location"], "/link-withdrawn");
    }
    let stranger = browser();
    stranger.get(&url).send().await.unwrap();
    let nothing = app.call(&stranger, "my_journey", &[]).await;
    assert_eq!(
        nothing.status(),
        StatusCode::NOT_FOUND,
        "no session was opened"
    );

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
async fn an_ended_journey_shows_its_status_but_no_files_and_takes_nothing(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["documents"]).await;
    let object_id = object_of(upload_pdf(&app, &customer).await).await;
    assert_eq!(open_ticket(&app, &customer).await.status(), StatusCode::OK);
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(4);
    let expired = kyc_db::journeys::expire_due(&app.db, later, 100)
        .await
        .unwrap();
    assert_eq!(expired, 1);
    assert_eq!(state_of(&app, &journey_id).await.0, "expired");

    let mine = app.call(&customer, "my_journey", &[]).await;
    assert_eq!(mine.status(), StatusCode::OK);
    let status: Value = mine.json().await.unwrap();
    assert_eq!(status["state"], "Expired");
    assert_eq!(status["tickets"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        file(&app, &customer, &object_id).await,
        StatusCode::CONFLICT
    );
    let refused = open_ticket(&app, &customer).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("has ended"));
    assert_eq!(
        upload_pdf(&app, &customer).await.status(),
        StatusCode::CONFLICT
    );
    let tickets: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(tickets, 1);
    assert_eq!(app.object_rows().await, 1);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_revoked_journey_is_issued_again_as_a_new_journey_for_the_same_customer(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (_, journey_id) = app.customer_with_link(&["documents", "selfie"]).await;
    let operator = app.signed_in("operator@acme.test").await;
    let reissue = |client: reqwest::Client, id: String| {
        let app = &app;
        async move {
            app.call(&client, "reissue_link", &[("journey_id", &id)])
                .await
        }
    };
    let open = reissue(operator.clone(), journey_id.clone()).await;
    assert_eq!(
        open.status(),
        StatusCode::CONFLICT,
        "an open journey is resent instead"
    );
    let revoked = app
        .call(&operator, "revoke_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    let globex = app.signed_in("operator@globex.test").await;
    let foreign = reissue(globex, journey_id.clone()).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);

    let issued = reissue(operator.clone(), journey_id.clone()).await;
    assert_eq!(issued.status(), StatusCode::OK);
    let link: Value = issued.json().await.unwrap();
    let new_id = link["journey_id"].as_str().unwrap().to_owned();
    assert_ne!(new_id, journey_id);
    let customers: Vec<String> = sqlx::query_scalar(
        "SELECT customer_id::text FROM journeys WHERE id IN ($1::uuid, $2::uuid)",
    )
    .bind(&journey_id)
    .bind(&new_id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(customers.len(), 2);
    assert_eq!(customers[0], customers[1], "the same customer");
    let steps = |id: String| {
        let db = app.db.clone();
        async move {
            let mut kinds: Vec<String> =
                sqlx::query_scalar("SELECT kind FROM journey_steps WHERE journey_id = $1::uuid")
                    .bind(id)
                    .fetch_all(&db)
                    .await
                    .unwrap();
            kinds.sort();
            kinds
        }
    };
    assert_eq!(steps(new_id.clone()).await, steps(journey_id.clone()).await);
    assert_eq!(state_of(&app, &new_id).await, ("created".to_owned(), None));
    assert_eq!(
        state_of(&app, &journey_id).await,
        ("expired".to_owned(), Some("revoked".to_owned())),
        "the withdrawn journey stays as it ended"
    );
    let emailed: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox_emails WHERE journey_id = $1::uuid")
            .bind(&new_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(emailed, 1, "the new link is emailed");
    let twice = reissue(operator.clone(), journey_id.clone()).await;
    assert_eq!(
        twice.status(),
        StatusCode::CONFLICT,
        "issued again once only"
    );
    let journeys: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM journeys WHERE customer_id = (SELECT customer_id FROM journeys WHERE id = $1::uuid)",
    )
    .bind(&journey_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(journeys, 2);
    assert!(opens(link["url"].as_str().unwrap()).await);
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
