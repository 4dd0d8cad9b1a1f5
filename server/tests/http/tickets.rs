//! Support tickets: the customer asks with an attachment, a reviewer answers and closes,
//! the customer sees the answer and is emailed; other merchants and journeys see nothing.

use reqwest::StatusCode;
use serde_json::Value;

use crate::fixtures::jpeg;
use crate::support::{browser, TestApp};

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn tickets_need_consent_and_are_limited_per_hour(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (early, _) = app.customer_before_consent(&["documents"]).await;
    let refused = app
        .call(
            &early,
            "open_ticket",
            &[("subject", "Hello"), ("message", "Before consent")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let tickets: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(tickets, 0);

    let (customer, _) = app.customer_with_link(&["documents"]).await;
    for i in 0..20 {
        let subject = format!("Question {i}");
        let ok = app
            .call(
                &customer,
                "open_ticket",
                &[("subject", subject.as_str()), ("message", "?")],
            )
            .await;
        assert_eq!(ok.status(), StatusCode::OK, "{i}");
    }
    let flood = app
        .call(
            &customer,
            "open_ticket",
            &[("subject", "One more"), ("message", "?")],
        )
        .await;
    assert_eq!(flood.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_customer_asks_a_reviewer_answers_and_closes_and_nobody_else_sees_it(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["documents"]).await;

    let opened = app
        .call(
            &customer,
            "open_ticket",
            &[
                ("subject", "My PAN card"),
                ("message", "Which side should I upload?"),
            ],
        )
        .await;
    assert_eq!(opened.status(), StatusCode::OK);
    let ticket: String = opened.json().await.unwrap();
    let attached = app
        .upload(
            &customer,
            &format!("/journey/tickets/{ticket}/attachments"),
            "image/jpeg",
            jpeg(400, 300),
        )
        .await;
    assert_eq!(attached.status(), StatusCode::CREATED);
    let empty = app
        .call(
            &customer,
            "open_ticket",
            &[("subject", " "), ("message", "")],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The reviewer sees it waiting, with the attachment, and answers.
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let list: Value = app
        .call(&reviewer, "list_tickets", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["subject"], "My PAN card");
    assert_eq!(list[0]["awaiting_reply"], true);
    let case: Value = app
        .call(&reviewer, "load_case", &[("journey_id", &journey_id)])
        .await
        .json()
        .await
        .unwrap();
    let messages = case["tickets"][0]["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    let file = messages[1]["attachment"].as_str().unwrap().to_owned();
    let viewed = reviewer
        .get(app.url(&format!("/review/files/{file}")))
        .send()
        .await
        .unwrap();
    assert_eq!(viewed.status(), StatusCode::OK);
    let answer = "Only the front: it holds everything we need.";
    let replied = app
        .call(
            &reviewer,
            "reply_ticket",
            &[("ticket_id", &ticket), ("message", answer)],
        )
        .await;
    assert_eq!(replied.status(), StatusCode::OK);

    // The customer sees the answer (from "Support", no staff name) and is emailed.
    let mine: Value = app
        .call(&customer, "my_journey", &[])
        .await
        .json()
        .await
        .unwrap();
    let reply = &mine["tickets"][0]["messages"][2];
    assert_eq!(reply["body"], answer);
    assert_eq!(reply["from_staff"], true);
    assert!(reply["author_name"].is_null());
    assert_eq!(mine["support_email"], "support@acme.test");
    let email: String = sqlx::query_scalar(
        "SELECT text_body FROM outbox_emails WHERE journey_id = $1::uuid AND kind = 'ticket_reply'",
    )
    .bind(&journey_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(email.contains(answer) && email.contains("My PAN card"));

    // Another merchant sees nothing and can do nothing; another customer neither.
    let globex = app.signed_in("admin@globex.test").await;
    let theirs: Value = app
        .call(&globex, "list_tickets", &[("show", "all")])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs, Value::Array(vec![]));
    assert_eq!(
        app.call(
            &globex,
            "reply_ticket",
            &[("ticket_id", &ticket), ("message", "hi")]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(&globex, "close_ticket", &[("ticket_id", &ticket)])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        globex
            .get(app.url(&format!("/review/files/{file}")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let (stranger, _) = app.customer_with_link(&["documents"]).await;
    assert_eq!(
        app.call(
            &stranger,
            "ticket_message",
            &[("ticket_id", &ticket), ("message", "me too")]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    let foreign_upload = app
        .upload(
            &stranger,
            &format!("/journey/tickets/{ticket}/attachments"),
            "image/jpeg",
            jpeg(400, 300),
        )
        .await;
    assert_eq!(foreign_upload.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        browser()
            .get(app.url(&format!("/review/files/{file}")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let operator = app.signed_in("operator@acme.test").await;
    assert_eq!(
        app.call(&operator, "list_tickets", &[]).await.status(),
        StatusCode::FORBIDDEN
    );

    // Closed: the customer can no longer write on it; closing twice is refused.
    assert_eq!(
        app.call(&reviewer, "close_ticket", &[("ticket_id", &ticket)])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.call(&reviewer, "close_ticket", &[("ticket_id", &ticket)])
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let late = app
        .call(
            &customer,
            "ticket_message",
            &[("ticket_id", &ticket), ("message", "thanks")],
        )
        .await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE object_kind = 'ticket' ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(actions, ["ticket.replied", "ticket.closed"]);
}
