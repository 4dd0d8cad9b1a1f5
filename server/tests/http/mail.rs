//! The email outbox delivered over real SMTP: the local mail sink that scripts/test starts
//! (`KYC_TEST_SMTP_URL`, its messages at `KYC_TEST_MAIL_API`).

use kyc_core::email::{submission_received, EmailBrand};
use kyc_db::outbox::{self, NewEmail};
use kyc_server::mailer::{deliver_due, Mailer};
use serde_json::Value;

use crate::support::TestApp;

fn sink_smtp() -> String {
    std::env::var("KYC_TEST_SMTP_URL").unwrap_or_else(|_| "smtp://127.0.0.1:1025".to_owned())
}

async fn sink_messages_to(recipient: &str) -> Vec<Value> {
    let api = std::env::var("KYC_TEST_MAIL_API")
        .unwrap_or_else(|_| "http://127.0.0.1:1080/messages".to_owned());
    let all: Vec<Value> = reqwest::get(&api)
        .await
        .expect("the mail sink must be running (scripts/test starts it)")
        .json()
        .await
        .unwrap();
    all.into_iter()
        .filter(|m| m["to"][0] == recipient)
        .collect()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_email_queued_while_smtp_is_down_is_delivered_once_when_it_is_back(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let merchant_id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM merchants WHERE slug = 'acme'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let recipient = format!("{}@example.test", uuid::Uuid::new_v4().simple());
    let brand = EmailBrand {
        merchant_name: "Acme Finance",
        primary_colour: "#0f766e",
    };
    let content = submission_received(kyc_i18n::Lang::En, &brand, "Asha Rao");
    let mut tx = app.db.begin().await.unwrap();
    let email = NewEmail {
        id: uuid::Uuid::new_v4(),
        merchant_id,
        journey_id: None,
        kind: "submission_received",
        recipient: &recipient,
        content: &content,
        sealed_link: None,
    };
    outbox::enqueue(&mut tx, &email, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // SMTP down: nothing is lost, the email waits with a retry time and no personal data
    // in the recorded error.
    let down = Mailer::new(
        "smtp://127.0.0.1:9",
        "KYC <no-reply@kyc.test>",
        app.store.clone(),
    )
    .unwrap();
    assert_eq!(deliver_due(&app.db, &down).await, 0);
    let (attempts, error, retry_later): (i32, String, bool) = sqlx::query_as(
        "SELECT attempts, last_error, next_attempt_at > now() FROM outbox_emails WHERE recipient = $1",
    )
    .bind(&recipient)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(attempts, 1);
    assert!(retry_later);
    assert!(
        error.starts_with("transient") && !error.contains('@'),
        "{error}"
    );
    // Not due yet: another pass does not try again.
    let up = Mailer::new(&sink_smtp(), "KYC <no-reply@kyc.test>", app.store.clone()).unwrap();
    assert_eq!(deliver_due(&app.db, &up).await, 0);

    sqlx::query("UPDATE outbox_emails SET next_attempt_at = now() WHERE recipient = $1")
        .bind(&recipient)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(deliver_due(&app.db, &up).await, 1);
    assert_eq!(
        deliver_due(&app.db, &up).await,
        0,
        "sent emails are not sent again"
    );

    let received = sink_messages_to(&recipient).await;
    assert_eq!(received.len(), 1);
    let message = &received[0];
    assert_eq!(
        message["subject"],
        "Acme Finance: we have received your verification"
    );
    assert!(message["text"].as_str().unwrap().contains("Hello Asha Rao"));
    assert!(
        message["html"].as_str().unwrap().contains("#0f766e"),
        "branded HTML body"
    );
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM outbox_emails WHERE recipient = $1")
        .bind(&recipient)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        message["message_id"]
            .as_str()
            .unwrap()
            .contains(&id.to_string()),
        "stable Message-ID"
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_emailed_link_is_stored_only_encrypted_and_arrives_working(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Meera Iyer", "").await;
    let recipient = format!("{}@example.test", uuid::Uuid::new_v4().simple());
    sqlx::query("UPDATE customers SET email = $1 WHERE id = $2::uuid")
        .bind(&recipient)
        .bind(&customer)
        .execute(&app.db)
        .await
        .unwrap();
    let response = app
        .call(
            &operator,
            "generate_link",
            &[
                ("customer_id", customer.as_str()),
                ("validity_hours", "72"),
                ("steps[0]", "documents"),
                ("email_link", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let link: Value = response.json().await.unwrap();
    assert_eq!(link["emailed"], true);
    let url = link["url"].as_str().unwrap().to_owned();
    let token = url.rsplit('/').next().unwrap().to_owned();

    // The database holds a marker and the sealed link, never the token.
    let (text, html, sealed): (String, String, Option<Vec<u8>>) = sqlx::query_as(
        "SELECT text_body, html_body, sealed_link FROM outbox_emails WHERE recipient = $1",
    )
    .bind(&recipient)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(text.contains(kyc_core::email::LINK_MARKER) && !text.contains(&token));
    assert!(!html.contains(&token));
    let sealed = sealed.expect("sealed link stored");
    assert!(!sealed.windows(token.len()).any(|w| w == token.as_bytes()));

    let mailer = Mailer::new(&sink_smtp(), "KYC <no-reply@kyc.test>", app.store.clone()).unwrap();
    assert_eq!(deliver_due(&app.db, &mailer).await, 1);
    let received = sink_messages_to(&recipient).await;
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0]["subject"],
        "Acme Finance: please verify your identity"
    );
    assert!(received[0]["text"].as_str().unwrap().contains(&url));
    assert!(received[0]["html"]
        .as_str()
        .unwrap()
        .contains(&format!("href=\"{url}\"")));
    // Once sent, the sealed link is gone; the emailed link opens the journey.
    let left: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT sealed_link FROM outbox_emails WHERE recipient = $1")
            .bind(&recipient)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(left.is_none());
    let opened = crate::support::browser().get(&url).send().await.unwrap();
    assert_eq!(opened.headers()["location"], "/journey");

    // A resend by email sends the new link; the emailed old one stops working.
    let journey_id = link["journey_id"].as_str().unwrap();
    let resent: Value = app
        .call(
            &operator,
            "resend_link",
            &[("journey_id", journey_id), ("email_link", "on")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(resent["emailed"], true);
    assert_eq!(deliver_due(&app.db, &mailer).await, 1);
    let received = sink_messages_to(&recipient).await;
    assert_eq!(received.len(), 2);
    let new_url = resent["url"].as_str().unwrap();
    assert!(received
        .iter()
        .any(|m| m["text"].as_str().unwrap().contains(new_url)));
    let old = crate::support::browser().get(&url).send().await.unwrap();
    assert_ne!(old.headers()["location"], "/journey");
}
