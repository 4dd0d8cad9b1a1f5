//! Who may see a case: another merchant's staff and operators cannot open cases or their
//! documents, drafts stay the customer's, and only active reviewers can be assigned.

use reqwest::StatusCode;
use serde_json::Value;

use crate::review::{case, decide, document_id, submitted, version};
use crate::support::{browser, TestApp};

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn another_merchants_staff_and_operators_cannot_open_cases_or_documents(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = submitted(&app).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let seen = case(&app, &reviewer, &journey_id).await;
    let passport = document_id(&seen, "Passport");
    let file = seen["documents"][0]["files"][0]["object_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let file_url = app.url(&format!("/review/files/{file}"));

    // The reviewer's view is served and audited.
    let viewed = reviewer.get(&file_url).send().await.unwrap();
    assert_eq!(viewed.status(), StatusCode::OK);
    assert_eq!(viewed.headers()["cache-control"], "private, no-store");
    let views: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'document.viewed' AND object_id = $1::uuid",
    )
    .bind(&file)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(views, 1);

    let globex = app.signed_in("admin@globex.test").await;
    assert_eq!(
        globex.get(&file_url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(&globex, "load_case", &[("journey_id", &journey_id)])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let queue: Value = app
        .call(&globex, "review_queue", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue, Value::Array(vec![]));
    let v = version(&seen);
    let form = [
        ("journey_id", journey_id.as_str()),
        ("document_id", passport.as_str()),
        ("version", v.as_str()),
        ("decision", "approve"),
    ];
    assert_eq!(
        decide(&app, &globex, &form).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(
            &globex,
            "assign_case",
            &[("journey_id", &journey_id), ("assignee", "me")]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    // Acme's operator cannot review; the customer and strangers cannot see staff files.
    let operator = app.signed_in("operator@acme.test").await;
    assert_eq!(
        decide(&app, &operator, &form).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        operator.get(&file_url).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        customer.get(&file_url).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        browser().get(&file_url).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    // Nothing was decided by any of them.
    assert_eq!(
        decide(&app, &reviewer, &form).await.status(),
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn drafts_stay_the_customers_and_only_active_reviewers_can_be_assigned(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["documents"]).await;
    let response = app
        .upload(
            &customer,
            "/journey/documents/files?side=front&category=identity&type=passport",
            "image/jpeg",
            crate::fixtures::jpeg(900, 600),
        )
        .await;
    let draft: Value = response.json().await.unwrap();
    let object = draft["object_id"].as_str().unwrap();
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let url = app.url(&format!("/review/files/{object}"));
    assert_eq!(
        reviewer.get(&url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "a draft is not the merchant's yet"
    );

    let operator_id: String =
        sqlx::query_scalar("SELECT id::text FROM staff_users WHERE email = 'operator@acme.test'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let wrong = app
        .call(
            &reviewer,
            "assign_case",
            &[("journey_id", &journey_id), ("assignee", &operator_id)],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let admin_id: String =
        sqlx::query_scalar("SELECT id::text FROM staff_users WHERE email = 'admin@acme.test'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    sqlx::query("UPDATE staff_users SET disabled_at = now() WHERE email = 'admin@acme.test'")
        .execute(&app.db)
        .await
        .unwrap();
    let disabled = app
        .call(
            &reviewer,
            "assign_case",
            &[("journey_id", &journey_id), ("assignee", &admin_id)],
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
