//! The webhook settings page's server functions: admins only, per merchant, audited; the
//! secret shown once; the delivery log and replay.

use reqwest::StatusCode;
use serde_json::Value;
use time::OffsetDateTime;

use super::receiver::{app, deliverer, new_journey, Receiver};
use kyc_server::webhooks::fan_out_all;

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn admins_manage_endpoints_of_their_merchant_and_read_the_delivery_log(db: kyc_db::PgPool) {
    let app = app(db).await;
    let receiver = Receiver::spawn(vec![(500, Vec::new())]).await;
    let admin = app.signed_in("admin@acme.test").await;
    let operator = app.signed_in("operator@acme.test").await;
    let form = [
        ("url", receiver.url.as_str()),
        ("description", "CRM"),
        ("event_types[]", "journey.created"),
    ];
    assert_eq!(
        app.call(&operator, "create_webhook", &form).await.status(),
        StatusCode::FORBIDDEN
    );
    let refused = app
        .call(
            &admin,
            "create_webhook",
            &[
                ("url", "ftp://example.com/x"),
                ("event_types[]", "journey.nope"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let created: Value = app
        .call(&admin, "create_webhook", &form)
        .await
        .json()
        .await
        .unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let id = created["id"].as_str().unwrap().to_owned();
    let listed = app
        .call(&admin, "list_webhooks", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(
        listed.contains(&receiver.url) && !listed.contains(&secret),
        "listed, secret never"
    );

    // Another merchant's admin sees none of it and changes nothing.
    let globex = app.signed_in("admin@globex.test").await;
    let theirs: Value = app
        .call(&globex, "list_webhooks", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs, Value::Array(Vec::new()));
    for (name, fields) in [
        (
            "change_webhook",
            vec![("id", id.as_str()), ("action", "delete")],
        ),
        ("rotate_webhook_secret", vec![("id", id.as_str())]),
        ("webhook_log", vec![("id", id.as_str())]),
    ] {
        let status = app.call(&globex, name, &fields).await.status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{name}");
    }

    // A journey is created; the receiver fails the first attempt; the log shows it.
    new_journey(&app, "crm-77").await;
    fan_out_all(&app.db, OffsetDateTime::now_utc())
        .await
        .unwrap();
    deliverer(&app)
        .deliver_due(OffsetDateTime::now_utc())
        .await
        .unwrap();
    let log: Value = app
        .call(&admin, "webhook_log", &[("id", id.as_str())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(log[0]["response_status"], 500);
    assert_eq!(log[0]["event_type"], "journey.created");
    let message = log[0]["message_id"].as_str().unwrap().to_owned();
    let replayed = app
        .call(
            &admin,
            "replay_webhook",
            &[("id", id.as_str()), ("message_id", message.as_str())],
        )
        .await;
    assert_eq!(replayed.status(), StatusCode::OK);
    deliverer(&app)
        .deliver_due(OffsetDateTime::now_utc())
        .await
        .unwrap();
    let ids: Vec<String> = receiver.received().iter().map(|r| r.id.clone()).collect();
    assert!(
        ids.len() >= 2 && ids.iter().all(|i| *i == message),
        "{ids:?}"
    );

    let rotated: String = app
        .call(&admin, "rotate_webhook_secret", &[("id", id.as_str())])
        .await
        .json()
        .await
        .unwrap();
    assert!(rotated.starts_with("whsec_") && rotated != secret);
    for action in ["disable", "enable", "delete"] {
        let changed = app
            .call(
                &admin,
                "change_webhook",
                &[("id", id.as_str()), ("action", action)],
            )
            .await;
        assert_eq!(changed.status(), StatusCode::OK, "{action}");
    }
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'webhook.%' ORDER BY occurred_at, id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "webhook.created",
            "webhook.replayed",
            "webhook.secret_rotated",
            "webhook.disabled",
            "webhook.enabled",
            "webhook.deleted"
        ]
    );
}
