use reqwest::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn another_merchants_operator_gets_not_found_for_customers_and_journeys(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let acme = app.signed_in("operator@acme.test").await;
    let globex = app.signed_in("operator@globex.test").await;
    let customer = app.create_customer(&acme, "Ravi Kumar", "SECRET-REF").await;
    let (journey, _) = app
        .generate_link(&acme, &customer, &[("steps[0]", "documents")])
        .await;

    assert_eq!(
        app.call(&globex, "get_customer", &[("id", &customer)])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(&globex, "get_journey", &[("id", &journey)])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let link = app
        .call(
            &globex,
            "generate_link",
            &[
                ("customer_id", &customer),
                ("validity_hours", "1"),
                ("steps[0]", "selfie"),
            ],
        )
        .await;
    assert_eq!(link.status(), StatusCode::NOT_FOUND);

    for (name, form) in [
        ("list_customers", vec![("page", "0")]),
        ("list_customers", vec![("page", "0"), ("search", "SECRET")]),
        ("list_journeys", vec![("page", "0")]),
        (
            "list_journeys",
            vec![("page", "0"), ("customer_id", customer.as_str())],
        ),
    ] {
        let listed: Value = app.call(&globex, name, &form).await.json().await.unwrap();
        assert_eq!(listed, Value::Array(vec![]), "{name} {form:?}");
    }

    let own: Value = app
        .call(
            &acme,
            "list_journeys",
            &[("page", "0"), ("customer_id", customer.as_str())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(own.as_array().unwrap().len(), 1);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_merchant_comes_from_the_session_not_the_request(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let globex = app.signed_in("operator@globex.test").await;
    let acme_id: String = sqlx::query_scalar("SELECT id::text FROM merchants WHERE slug = 'acme'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let form = [
        ("input[full_name]", "Planted"),
        ("input[email]", "p@example.in"),
        ("input[phone]", ""),
        ("input[external_ref]", ""),
        ("merchant_id", acme_id.as_str()),
    ];
    app.call(&globex, "create_customer", &form).await;
    let owner: String = sqlx::query_scalar("SELECT m.slug FROM customers c JOIN merchants m ON m.id = c.merchant_id WHERE c.full_name = 'Planted'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(owner, "globex");
}
