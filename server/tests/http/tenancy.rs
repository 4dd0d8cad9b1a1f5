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

    for form in [
        vec![("page", "0")],
        vec![("page", "0"), ("search", "SECRET")],
    ] {
        let listed: Value = app
            .call(&globex, "list_customers", &form)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(listed, Value::Array(vec![]), "list_customers {form:?}");
    }
    for form in [
        vec![("page", "0")],
        vec![("page", "0"), ("query[customer]", customer.as_str())],
        vec![("page", "0"), ("query[q]", "SECRET")],
        vec![("page", "0"), ("query[q]", "Ravi")],
    ] {
        let listed: Value = app
            .call(&globex, "list_journeys", &form)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(listed["total"], 0, "list_journeys {form:?}");
        assert_eq!(
            listed["journeys"],
            Value::Array(vec![]),
            "list_journeys {form:?}"
        );
    }
    let figures: Value = app
        .call(&globex, "chart_figures", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        figures["created"], 0,
        "another merchant's journeys are not counted"
    );

    for form in [
        vec![("page", "0"), ("query[customer]", customer.as_str())],
        vec![("page", "0"), ("query[q]", "secret-ref")],
    ] {
        let own: Value = app
            .call(&acme, "list_journeys", &form)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(own["journeys"].as_array().unwrap().len(), 1, "{form:?}");
    }
    let figures: Value = app
        .call(&acme, "chart_figures", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(figures["created"], 1);
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
