//! Webhook deliveries to real receivers on loopback: signatures, retries with the same id,
//! 410, redirects not followed, a lost record sent again, Retry-After, fan-out per merchant
//! and filter, thin payloads, secret rotation, replay and tenant isolation.

use kyc_db::webhooks::{self as store, EventType};
use kyc_server::webhooks::{fan_out_all, Secret};
use serde_json::Value;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::support::browser;

mod dashboard;
mod endpoints;
mod receiver;

use receiver::*;

#[test]
fn the_standard_webhooks_known_answer_signature_is_produced_and_verified() {
    let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
    let signature = secret.sign(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        br#"{"test": 2432232314}"#,
    );
    assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    let received = Received {
        id: "msg_p5jXN8AQM9LWM0D4loKWxJek".to_owned(),
        timestamp: 1614265330,
        signature,
        body: br#"{"test": 2432232314}"#.to_vec(),
    };
    assert!(verifies(&received, &[secret]));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_receiver_failing_three_times_then_succeeding_gets_four_attempts_with_one_id(
    db: kyc_db::PgPool,
) {
    let app = app(db).await;
    let receiver = Receiver::spawn(vec![
        (500, vec![]),
        (503, vec![]),
        (404, vec![]),
        (204, vec![]),
    ])
    .await;
    let created = one_message(&app, &receiver).await;
    let worker = deliverer(&app);
    let t0 = OffsetDateTime::now_utc();
    // Immediately, then after 5 s, 5 min and 30 min (each with at most 10% jitter).
    for at in [
        t0,
        t0 + Duration::seconds(6),
        t0 + Duration::minutes(6),
        t0 + Duration::minutes(40),
    ] {
        assert_eq!(
            worker.deliver_due(at).await.unwrap(),
            1,
            "one attempt at {at}"
        );
        assert_eq!(
            worker.deliver_due(at).await.unwrap(),
            0,
            "not due again at once"
        );
    }
    let received = receiver.received();
    assert_eq!(received.len(), 4);
    let secret = Secret::parse(&created.secret).unwrap();
    for r in &received {
        assert_eq!(r.id, received[0].id, "the same webhook-id on every attempt");
        assert!(r.id.starts_with("msg_"));
        assert!(
            verifies(r, std::slice::from_ref(&secret)),
            "a valid signature"
        );
        assert_eq!(r.body, received[0].body, "the same body");
    }
    assert_eq!(
        delivery_state(&app, created.id).await,
        ("delivered".to_owned(), 4)
    );
    let acme = merchant(&app, "acme").await;
    let log = store::delivery_log(&app.db, acme, created.id, None, 10)
        .await
        .unwrap();
    let statuses: Vec<_> = log.iter().map(|e| (e.attempt, e.response_status)).collect();
    assert_eq!(
        statuses,
        [
            (4, Some(204)),
            (3, Some(404)),
            (2, Some(503)),
            (1, Some(500))
        ]
    );
    let page = store::delivery_log(&app.db, acme, created.id, Some(log[1].id), 10)
        .await
        .unwrap();
    assert_eq!(page.len(), 2, "the next page starts after the given entry");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_410_disables_the_endpoint_and_emails_the_merchants_admins(db: kyc_db::PgPool) {
    let app = app(db).await;
    let receiver = Receiver::spawn(vec![(410, vec![])]).await;
    let created = one_message(&app, &receiver).await;
    deliverer(&app)
        .deliver_due(OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(
        delivery_state(&app, created.id).await,
        ("failed".to_owned(), 1)
    );
    let acme = merchant(&app, "acme").await;
    let endpoint = store::get(&app.db, acme, created.id).await.unwrap();
    assert!(endpoint.disabled_at.is_some());
    assert_eq!(endpoint.disabled_reason.as_deref(), Some("gone"));
    let emails: Vec<(String, String)> = sqlx::query_as(
        "SELECT recipient, text_body FROM outbox_emails WHERE kind = 'webhook_endpoint_disabled'",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(!emails.is_empty(), "the admins are told");
    assert!(emails.iter().all(|(to, _)| to.ends_with("@acme.test")));
    assert!(emails[0].1.contains("127.0.0.1") && !emails[0].1.contains("/hooks/kyc"));

    // A disabled endpoint gets no new deliveries.
    new_journey(&app, "").await;
    let pass = fan_out_all(&app.db, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert!(pass >= 1);
    let deliveries: i64 =
        sqlx::query_scalar("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = $1")
            .bind(created.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(deliveries, 1);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_redirect_to_another_loopback_port_is_not_followed(db: kyc_db::PgPool) {
    let app = app(db).await;
    let elsewhere = Receiver::spawn(vec![]).await;
    let receiver = Receiver::spawn(vec![(302, vec![("location", elsewhere.url.clone())])]).await;
    let created = one_message(&app, &receiver).await;
    deliverer(&app)
        .deliver_due(OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(receiver.received().len(), 1);
    assert!(
        elsewhere.received().is_empty(),
        "the redirect was not followed"
    );
    assert_eq!(
        delivery_state(&app, created.id).await,
        ("pending".to_owned(), 1),
        "a redirect is a failure, retried later"
    );
    let acme = merchant(&app, "acme").await;
    let log = store::delivery_log(&app.db, acme, created.id, None, 10)
        .await
        .unwrap();
    assert_eq!(log[0].response_status, Some(302));
    assert_eq!(log[0].error_class.as_deref(), Some("redirect"));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_send_whose_record_was_lost_is_sent_again_with_the_same_id(db: kyc_db::PgPool) {
    let app = app(db).await;
    let receiver = Receiver::spawn(vec![]).await;
    let created = one_message(&app, &receiver).await;
    let worker = deliverer(&app);
    let t0 = OffsetDateTime::now_utc();
    // A worker claims and sends, then dies before recording.
    let claimed = worker.claim(t0).await.unwrap();
    assert_eq!(claimed.len(), 1);
    let sent = worker.send(&claimed[0], t0).await;
    assert_eq!(sent.status, Some(200));
    drop(claimed);
    assert_eq!(receiver.received().len(), 1);

    // Its claim holds for a while, then another worker sends again with the same id.
    assert_eq!(
        worker
            .deliver_due(t0 + Duration::seconds(30))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        worker
            .deliver_due(t0 + Duration::seconds(61))
            .await
            .unwrap(),
        1
    );
    let received = receiver.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].id, received[1].id);
    assert_eq!(
        delivery_state(&app, created.id).await,
        ("delivered".to_owned(), 1)
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn retry_after_is_honoured_instead_of_the_schedule(db: kyc_db::PgPool) {
    let app = app(db).await;
    let receiver = Receiver::spawn(vec![(429, vec![("retry-after", "120".to_owned())])]).await;
    let created = one_message(&app, &receiver).await;
    let worker = deliverer(&app);
    let t0 = OffsetDateTime::now_utc();
    assert_eq!(worker.deliver_due(t0).await.unwrap(), 1);
    // The schedule's 5 s would have made it due by now; the receiver asked for 2 minutes.
    assert_eq!(
        worker
            .deliver_due(t0 + Duration::seconds(60))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        worker
            .deliver_due(t0 + Duration::seconds(125))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        delivery_state(&app, created.id).await,
        ("delivered".to_owned(), 2)
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn fan_out_makes_one_message_per_event_for_subscribed_endpoints_of_the_merchant_only(
    db: kyc_db::PgPool,
) {
    let app = app(db).await;
    let acme = merchant(&app, "acme").await;
    let globex = merchant(&app, "globex").await;
    let everything = endpoint(&app, acme, "http://127.0.0.1:9/all", &[]).await;
    let completed_only = endpoint(
        &app,
        acme,
        "http://127.0.0.1:9/done",
        &[EventType::JourneyCompleted],
    )
    .await;
    let other_merchant = endpoint(&app, globex, "http://127.0.0.1:9/globex", &[]).await;

    let (journey_id, url) = new_journey(&app, "CUST-42").await;
    let opened = browser().get(url).send().await.unwrap();
    assert!(opened.status().is_redirection());
    fan_out_all(&app.db, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(
        fan_out_all(&app.db, OffsetDateTime::now_utc())
            .await
            .unwrap(),
        0,
        "every event is fanned out once"
    );

    let events: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT subject, from_state, to_state FROM journey_events WHERE journey_id = $1::uuid ORDER BY id",
    )
    .bind(&journey_id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let expected: Vec<&str> = events
        .iter()
        .filter_map(|(s, f, t)| EventType::of_change(s, f.as_deref(), t))
        .map(EventType::as_str)
        .collect();
    assert!(expected.contains(&"journey.created") && expected.contains(&"journey.started"));
    let messages: Vec<(String, Value)> = sqlx::query_as(
        "SELECT event_type, payload FROM webhook_messages WHERE payload->'data'->>'journey_id' = $1 ORDER BY event_id",
    )
    .bind(&journey_id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let types: Vec<&str> = messages.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types, expected, "one message per announced event");

    let count = |endpoint_id: Uuid| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = $1",
            )
            .bind(endpoint_id)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    assert_eq!(count(everything.id).await, messages.len() as i64);
    assert_eq!(count(completed_only.id).await, 0, "filtered out");
    assert_eq!(
        count(other_merchant.id).await,
        0,
        "another merchant's endpoint"
    );

    // Thin payloads: ids and states, no name or email.
    let (_, created) = &messages[0];
    assert_eq!(created["type"], "journey.created");
    assert_eq!(created["data"]["journey_id"], journey_id.as_str());
    assert_eq!(created["data"]["customer_reference"], "CUST-42");
    assert_eq!(created["data"]["state"], "created");
    assert!(OffsetDateTime::parse(
        created["timestamp"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339
    )
    .is_ok());
    for (_, payload) in &messages {
        let text = payload.to_string();
        assert!(!text.contains("Asha") && !text.contains('@'), "{text}");
    }
    let started = messages
        .iter()
        .find(|(t, _)| t == "journey.started")
        .unwrap();
    assert_eq!(started.1["data"]["state"], "in_progress");
}
