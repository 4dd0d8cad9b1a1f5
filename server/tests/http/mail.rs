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
    let content = submission_received(&brand, "Asha Rao");
    let mut tx = app.db.begin().await.unwrap();
    let email = NewEmail {
        merchant_id,
        journey_id: None,
        kind: "submission_received",
        recipient: &recipient,
        content: &content,
    };
    outbox::enqueue(&mut tx, &email, time::OffsetDateTime::now_utc())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // SMTP down: nothing is lost, the email waits with a retry time and no personal data
    // in the recorded error.
    let down = Mailer::new("smtp://127.0.0.1:9", "KYC <no-reply@kyc.test>").unwrap();
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
    let up = Mailer::new(&sink_smtp(), "KYC <no-reply@kyc.test>").unwrap();
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
