//! Endpoints themselves: secret rotation with both secrets signing during the overlap,
//! tenant isolation, and the URL rules outside development.

use kyc_db::webhooks as store;
use kyc_server::webhooks::address::UrlError;
use kyc_server::webhooks::{Rules, Secret};
use kyc_service::webhooks::{create, rotate_secret, EndpointForm};
use kyc_service::ServiceError;
use time::{Duration, OffsetDateTime};

use super::receiver::*;

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn during_a_rotation_both_secrets_sign_until_the_overlap_ends(db: kyc_db::PgPool) {
    let app = app(db).await;
    let receiver = Receiver::spawn(vec![]).await;
    let created = one_message(&app, &receiver).await;
    let acme = merchant(&app, "acme").await;
    let t0 = OffsetDateTime::now_utc();
    let new_secret = rotate_secret(&app.services, &admin_of(&app, acme).await, created.id)
        .await
        .unwrap();
    assert_ne!(new_secret, created.secret);
    assert_eq!(
        audited(&app, "webhook.secret_rotated").await,
        1,
        "the rotation and its audit entry commit together"
    );
    let worker = deliverer(&app);
    worker.deliver_due(t0).await.unwrap();
    let old = Secret::parse(&created.secret).unwrap();
    let new = Secret::parse(&new_secret).unwrap();
    let first = &receiver.received()[0];
    assert_eq!(first.signature.split(' ').count(), 2);
    assert!(
        verifies(first, std::slice::from_ref(&old)) && verifies(first, std::slice::from_ref(&new))
    );

    // A day later, a replay of the same message is signed by the new secret only.
    let message_id = first.id.clone();
    store::replay(&app.db, acme, created.id, &message_id, t0)
        .await
        .unwrap();
    worker.deliver_due(t0 + Duration::hours(25)).await.unwrap();
    let replayed = &receiver.received()[1];
    assert_eq!(replayed.id, message_id, "a replay keeps the message id");
    assert_eq!(replayed.signature.split(' ').count(), 1);
    assert!(verifies(replayed, &[new]) && !verifies(replayed, &[old]));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn another_merchant_can_neither_see_nor_replay_nor_change_an_endpoint(db: kyc_db::PgPool) {
    let app = app(db).await;
    let receiver = Receiver::spawn(vec![]).await;
    let created = one_message(&app, &receiver).await;
    let globex = merchant(&app, "globex").await;
    let message_id: String = sqlx::query_scalar("SELECT message_id FROM webhook_deliveries")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    assert!(matches!(
        store::get(&app.db, globex, created.id).await,
        Err(kyc_db::DbError::NotFound)
    ));
    assert!(store::list(&app.db, globex).await.unwrap().is_empty());
    assert!(store::delivery_log(&app.db, globex, created.id, None, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store::replay(&app.db, globex, created.id, &message_id, now).await,
        Err(kyc_db::DbError::NotFound)
    ));
    assert!(matches!(
        store::disable(&app.db, globex, created.id, now).await,
        Err(kyc_db::DbError::NotFound)
    ));
    assert!(matches!(
        store::delete(&app.db, globex, created.id).await,
        Err(kyc_db::DbError::NotFound)
    ));
    assert!(matches!(
        rotate_secret(&app.services, &admin_of(&app, globex).await, created.id).await,
        Err(ServiceError::NotFound)
    ));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn outside_development_only_https_to_public_addresses_is_accepted(db: kyc_db::PgPool) {
    let app = app(db).await;
    let acme = merchant(&app, "acme").await;
    let admin = admin_of(&app, acme).await;
    let production = kyc_service::Services {
        webhooks: std::sync::Arc::new(Rules { development: false }),
        ..app.services.clone()
    };
    let create = |url: &'static str| {
        let (production, admin) = (&production, &admin);
        async move {
            let form = EndpointForm {
                url: url.to_owned(),
                description: String::new(),
                event_types: Vec::new(),
            };
            create(production, admin, form).await
        }
    };
    let refused = |result: Result<_, ServiceError>, expected: UrlError| match result {
        Err(ServiceError::Invalid(errors)) => {
            errors.get("url") == Some(expected.to_string().as_str())
        }
        _ => false,
    };
    assert!(refused(
        create("http://127.0.0.1:9/hook").await,
        UrlError::NotHttps
    ));
    for url in [
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/",
    ] {
        assert!(refused(create(url).await, UrlError::PrivateAddress));
    }
    assert_eq!(
        audited(&app, "webhook.created").await,
        0,
        "a refused endpoint leaves no audit entry"
    );
    assert!(store::list(&app.db, acme).await.unwrap().is_empty());
}

/// How many audit entries record `action`.
async fn audited(app: &crate::support::TestApp, action: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&app.db)
        .await
        .unwrap()
}
