use reqwest::StatusCode;
use serde_json::Value;

use crate::support::{browser, session_cookie, TestApp, PASSWORD};

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn signing_in_sets_an_http_only_same_site_cookie_with_a_new_session_id_each_time(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let client = browser();
    let first = app
        .call(
            &client,
            "login",
            &[("email", "operator@acme.test"), ("password", PASSWORD)],
        )
        .await;
    let first_cookie = session_cookie(&first).expect("session cookie");
    assert!(first_cookie.contains("HttpOnly"), "{first_cookie}");
    assert!(first_cookie.contains("SameSite=Lax"), "{first_cookie}");
    let second = app
        .call(
            &client,
            "login",
            &[("email", "operator@acme.test"), ("password", PASSWORD)],
        )
        .await;
    let second_cookie = session_cookie(&second).expect("rotated cookie");
    let id = |c: &str| c.split(';').next().unwrap_or_default().to_owned();
    assert_ne!(id(&first_cookie), id(&second_cookie));

    let old = reqwest::Client::new();
    let whoami = old
        .post(app.url("/api/whoami"))
        .header("cookie", id(&first_cookie))
        .send()
        .await
        .unwrap();
    assert_eq!(
        whoami.json::<Value>().await.unwrap(),
        Value::Null,
        "the old session id no longer signs anyone in"
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let wrong_password = app
        .call(
            &browser(),
            "login",
            &[("email", "operator@acme.test"), ("password", "nope")],
        )
        .await;
    let unknown_email = app
        .call(
            &browser(),
            "login",
            &[("email", "nobody@acme.test"), ("password", "nope")],
        )
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown_email.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong_password.text().await.unwrap(),
        unknown_email.text().await.unwrap()
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn sign_in_is_refused_for_a_while_after_five_failures_even_with_the_right_password(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    for _ in 0..5 {
        let failed = app
            .call(
                &browser(),
                "login",
                &[("email", "Operator@acme.test"), ("password", "guess")],
            )
            .await;
        assert_eq!(failed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let blocked = app
        .call(
            &browser(),
            "login",
            &[("email", "operator@acme.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    let other_user = app
        .call(
            &browser(),
            "login",
            &[("email", "admin@acme.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        other_user.status(),
        StatusCode::OK,
        "the limit is per email, not global"
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn fifty_parallel_wrong_passwords_get_five_tries_not_fifty(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let guess = || async {
        app.call(
            &browser(),
            "login",
            &[("email", "operator@acme.test"), ("password", "guess")],
        )
        .await
        .status()
    };
    let answers = futures_util::future::join_all((0..50).map(|_| guess())).await;
    let tried = answers
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((tried, refused), (5, 45), "{answers:?}");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn server_functions_refuse_visitors_who_are_not_signed_in(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    for (name, form) in [
        ("list_customers", vec![("page", "0")]),
        ("list_journeys", vec![("page", "0")]),
        (
            "create_customer",
            vec![
                ("input[full_name]", "X"),
                ("input[email]", "x@example.in"),
                ("input[phone]", ""),
                ("input[external_ref]", ""),
            ],
        ),
    ] {
        let response = app.call(&browser(), name, &form).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{name}");
    }
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_reviewer_can_see_journeys_but_not_create_customers_or_links(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    assert_eq!(
        app.call(&reviewer, "list_journeys", &[("page", "0")])
            .await
            .status(),
        StatusCode::OK
    );
    let create = app
        .call(
            &reviewer,
            "create_customer",
            &[
                ("input[full_name]", "X"),
                ("input[email]", "x@example.in"),
                ("input[phone]", ""),
                ("input[external_ref]", ""),
            ],
        )
        .await;
    assert_eq!(create.status(), StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn signing_out_deletes_the_session(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let client = app.signed_in("operator@acme.test").await;
    assert_eq!(
        app.call(&client, "logout", &[]).await.status(),
        StatusCode::OK
    );
    let whoami = app.call(&client, "whoami", &[]).await;
    assert_eq!(whoami.json::<Value>().await.unwrap(), Value::Null);
    let sessions: i64 = sqlx::query_scalar("SELECT count(*) FROM tower_sessions.session")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}
