//! Asynchronous penny drops: finished by the provider's signed webhook (a forged one is
//! refused), by polling with backoff when no webhook comes, and with the Razorpay-style
//! provider chosen by configuration.

use kyc_server::config::BankSettings;
use reqwest::{Client, StatusCode};
use serde_json::Value;

use super::{bank_step, my_journey, staff_view, verify, PASS, REVIEW};
use crate::support::TestApp;

/// Waits (up to 10 s) until the customer's bank check is no longer waiting.
async fn answered(app: &TestApp, customer: &Client) -> Value {
    for _ in 0..100 {
        let (journey, _) = my_journey(app, customer).await;
        if journey["checks"][0]["status"] != "Waiting" {
            return journey;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the check was never answered");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_asynchronous_check_is_finished_by_the_signed_webhook_and_a_forged_one_is_refused(
    db: kyc_db::PgPool,
) {
    let bank = BankSettings {
        asynchronous: true,
        ..Default::default()
    };
    let sandboxes = kyc_server::Sandboxes {
        bank_delay: std::time::Duration::from_millis(300),
        bank_webhooks: true,
        digilocker_slow: std::time::Duration::from_secs(2),
    };
    let app = TestApp::spawn_with_sandboxes(db, bank, sandboxes).await;
    let (customer, _) = app.customer_with_link(&["bank_account"]).await;
    assert_eq!(verify(&app, &customer, PASS).await.status(), StatusCode::OK);
    let (journey, _) = my_journey(&app, &customer).await;
    assert_eq!(journey["checks"][0]["status"], "Waiting");
    // A second try while the first waits is refused.
    assert_eq!(
        verify(&app, &customer, PASS).await.status(),
        StatusCode::CONFLICT
    );

    let reference: String = sqlx::query_scalar("SELECT provider_reference FROM online_checks")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let forged = format!(
        r#"{{"reference_id":"{reference}","account_status":"VALID","account_status_code":"ACCOUNT_IS_VALID","name_at_bank":"ASHA RAO"}}"#
    );
    let now = time::OffsetDateTime::now_utc().unix_timestamp().to_string();
    let response = Client::new()
        .post(app.url("/webhooks/bank"))
        .header("x-webhook-timestamp", &now)
        .header(
            "x-webhook-signature",
            kyc_providers::webhook::sign(b"guessed", &now, forged.as_bytes()),
        )
        .body(forged)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (journey, _) = my_journey(&app, &customer).await;
    assert_eq!(
        journey["checks"][0]["status"], "Waiting",
        "a forged webhook changes nothing"
    );

    let journey = answered(&app, &customer).await;
    assert_eq!(journey["checks"][0]["status"], "Passed");
    assert_eq!(bank_step(&journey)["state_code"], "completed");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn without_webhooks_a_waiting_check_is_polled_with_backoff_until_answered(
    db: kyc_db::PgPool,
) {
    let bank = BankSettings {
        asynchronous: true,
        ..Default::default()
    };
    let sandboxes = kyc_server::Sandboxes {
        bank_delay: std::time::Duration::from_millis(300),
        bank_webhooks: false,
        digilocker_slow: std::time::Duration::from_secs(2),
    };
    let app = TestApp::spawn_with_sandboxes(db, bank, sandboxes).await;
    let (customer, _) = app.customer_with_link(&["bank_account"]).await;
    assert_eq!(
        verify(&app, &customer, REVIEW).await.status(),
        StatusCode::OK
    );
    let make_due = || async {
        sqlx::query("UPDATE online_checks SET next_poll_at = now() WHERE status = 'waiting'")
            .execute(&app.db)
            .await
            .unwrap();
    };
    // Polled before the provider has the answer: still waiting, the next poll later.
    make_due().await;
    app.checks.poll_due().await.unwrap();
    let (polls, delay): (i32, f64) = sqlx::query_as(
        "SELECT polls, extract(epoch FROM next_poll_at - now())::float8 FROM online_checks WHERE status = 'waiting'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(polls, 1);
    assert!(
        (2.0..=4.5).contains(&delay),
        "backoff after the first poll: {delay}"
    );

    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    make_due().await;
    app.checks.poll_due().await.unwrap();
    let (journey, _) = my_journey(&app, &customer).await;
    assert_eq!(journey["checks"][0]["status"], "ToReview");
    assert_eq!(bank_step(&journey)["state_code"], "requires_action");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_razorpay_style_provider_is_chosen_by_configuration_and_answers_by_webhook(
    db: kyc_db::PgPool,
) {
    let bank = BankSettings {
        provider: kyc_server::config::BankProvider::Razorpay,
        ..Default::default()
    };
    let sandboxes = kyc_server::Sandboxes {
        bank_delay: std::time::Duration::from_millis(300),
        bank_webhooks: true,
        digilocker_slow: std::time::Duration::from_secs(2),
    };
    let app = TestApp::spawn_with_sandboxes(db, bank, sandboxes).await;
    let (customer, journey_id) = app.customer_with_link(&["bank_account"]).await;
    assert_eq!(
        verify(&app, &customer, REVIEW).await.status(),
        StatusCode::OK
    );
    let (journey, _) = my_journey(&app, &customer).await;
    assert_eq!(journey["checks"][0]["status"], "Waiting");
    let journey = answered(&app, &customer).await;
    assert_eq!(journey["checks"][0]["status"], "ToReview");
    let provider: String = sqlx::query_scalar("SELECT provider FROM online_checks")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(provider, "razorpay");
    let (detail, _) = staff_view(&app, &journey_id).await;
    assert_eq!(
        detail[0]["checks"][0]["names"][0]["comparison"]["other"],
        "ASHA R"
    );
}
