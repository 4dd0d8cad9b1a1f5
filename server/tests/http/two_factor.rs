//! Two-factor sign-in (TOTP and recovery codes), the merchant's policy, and an account
//! that changes between its password and its code.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::staff::{json, user_id, whoami};
use crate::support::{browser, TestApp, PASSWORD};

/// The TOTP of a base32 secret, as an authenticator app computes it.
fn code_at(secret: &str, at: u64) -> String {
    let bytes = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, secret).unwrap();
    totp_rs::Builder::new()
        .with_secret(bytes)
        .build()
        .unwrap()
        .generate(at)
        .to_string()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A browser that gave the reviewer's right password and is asked for the second factor,
/// not signed in yet.
async fn password_only(app: &TestApp) -> Client {
    let client = browser();
    let step = app
        .call(
            &client,
            "login",
            &[("email", "reviewer@acme.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(step.status(), StatusCode::OK);
    assert_eq!(step.json::<Value>().await.unwrap(), Value::Bool(true));
    assert_eq!(whoami(app, &client).await, Value::Null, "not signed in yet");
    client
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn two_factor_sign_in_takes_each_code_once_and_recovery_codes_once(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let enrolment = json(
        app.call(&reviewer, "start_two_factor", &[("password", PASSWORD)])
            .await,
    )
    .await;
    assert!(enrolment["qr_code"]
        .as_str()
        .unwrap()
        .starts_with("data:image/svg+xml;base64,"));
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    let wrong = app
        .call(&reviewer, "confirm_two_factor", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let confirmed = app
        .call(
            &reviewer,
            "confirm_two_factor",
            &[("code", &code_at(&secret, now()))],
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let recovery: Vec<String> = confirmed.json().await.unwrap();
    assert_eq!(recovery.len(), 10);
    let sealed: Vec<u8> = sqlx::query_scalar(
        "SELECT totp_secret FROM staff_users WHERE email = 'reviewer@acme.test'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let raw = base32::decode(base32::Alphabet::Rfc4648 { padding: false }, &secret).unwrap();
    assert_eq!(raw.len(), 20);
    assert!(
        !sealed.windows(raw.len()).any(|w| w == raw.as_slice()),
        "kept sealed"
    );

    // The password alone no longer signs in; the code does, once.
    let client = password_only(&app).await;
    let bad = app
        .call(&client, "second_factor", &[("code", "123456")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The step after enrolment's (enrolment took this step's code).
    let next = code_at(&secret, now() + 30);
    let good = app.call(&client, "second_factor", &[("code", &next)]).await;
    assert_eq!(good.status(), StatusCode::OK);
    assert_eq!(whoami(&app, &client).await["role"], "Reviewer");
    let replay = password_only(&app).await;
    let again = app.call(&replay, "second_factor", &[("code", &next)]).await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a code counts once"
    );
    let by_recovery = app
        .call(
            &replay,
            "second_factor",
            &[("code", &recovery[0].to_uppercase())],
        )
        .await;
    assert_eq!(by_recovery.status(), StatusCode::OK);
    let third = password_only(&app).await;
    let used = app
        .call(&third, "second_factor", &[("code", &recovery[0])])
        .await;
    assert_eq!(
        used.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a recovery code counts once"
    );

    // Guessing is throttled per account, as passwords are.
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            app.call(&third, "second_factor", &[("code", "111111")])
                .await
                .status(),
        );
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    let audited: Vec<Value> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'staff.signed_in' ORDER BY id DESC LIMIT 2",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(audited[0]["second_factor"], "recovery_code");
    assert_eq!(audited[1]["second_factor"], "totp");
}

/// Enrols the reviewer in TOTP from a session of theirs; returns the recovery codes.
async fn enrol_reviewer(app: &TestApp) -> Vec<String> {
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let enrolment = json(
        app.call(&reviewer, "start_two_factor", &[("password", PASSWORD)])
            .await,
    )
    .await;
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    let confirmed = app
        .call(
            &reviewer,
            "confirm_two_factor",
            &[("code", &code_at(&secret, now()))],
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    confirmed.json().await.unwrap()
}

/// The password was right, then the account was disabled, reset or removed from the
/// merchant while its owner typed the code: the right code does not sign them in, no
/// sign-in is recorded, and the attempt still counts.
#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_account_changed_between_password_and_code_is_not_signed_in(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let recovery = enrol_reviewer(&app).await;
    let reviewer_id = user_id(&app, "reviewer@acme.test").await;
    let changes = [
        "UPDATE staff_users SET disabled_at = now() WHERE id = $1::uuid",
        "UPDATE staff_users SET session_epoch = session_epoch + 1 WHERE id = $1::uuid",
        "UPDATE memberships SET disabled_at = now() WHERE staff_user_id = $1::uuid",
    ];
    let undo = "UPDATE staff_users SET disabled_at = NULL WHERE id = $1::uuid; \
                UPDATE memberships SET disabled_at = NULL WHERE staff_user_id = $1::uuid";
    for (step, change) in changes.iter().enumerate() {
        let client = password_only(&app).await;
        sqlx::query(change)
            .bind(&reviewer_id)
            .execute(&app.db)
            .await
            .unwrap();
        // A code good for this account (each counts once).
        let code = &recovery[step];
        let answer = app.call(&client, "second_factor", &[("code", code)]).await;
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{change}");
        assert_eq!(whoami(&app, &client).await, Value::Null, "{change}");
        for undo in undo.split("; ") {
            sqlx::query(undo)
                .bind(&reviewer_id)
                .execute(&app.db)
                .await
                .unwrap();
        }
    }
    let recorded: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'staff.signed_in' AND actor_id = $1::uuid \
         AND detail->>'second_factor' IS NOT NULL",
    )
    .bind(&reviewer_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(recorded, 0, "no sign-in with a code was recorded");

    // Those three refused right codes still count against the account's five: two wrong
    // codes more, and the next try is refused outright.
    let client = password_only(&app).await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let answer = app
            .call(&client, "second_factor", &[("code", "000000")])
            .await;
        statuses.push(answer.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_policy_requiring_two_factor_confines_members_to_their_security_page(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let admin = app.signed_in("admin@acme.test").await;
    let bad = app
        .call(&admin, "set_two_factor_policy", &[("policy", "sometimes")])
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let set = app
        .call(&admin, "set_two_factor_policy", &[("policy", "everyone")])
        .await;
    assert_eq!(set.status(), StatusCode::OK);
    let reviewer = app.signed_in("reviewer@acme.test").await;
    assert_eq!(
        whoami(&app, &reviewer).await["must_set_up_two_factor"],
        true
    );
    let queue = app.call(&reviewer, "review_queue", &[]).await;
    assert_eq!(queue.status(), StatusCode::FORBIDDEN);
    assert!(queue.text().await.unwrap().contains("TwoFactorRequired"));
    let security = json(app.call(&reviewer, "account_security", &[]).await).await;
    assert_eq!(security["two_factor_required"], true);
    let enrolment = json(
        app.call(&reviewer, "start_two_factor", &[("password", PASSWORD)])
            .await,
    )
    .await;
    let code = code_at(enrolment["secret"].as_str().unwrap(), now());
    let confirmed = app
        .call(&reviewer, "confirm_two_factor", &[("code", &code)])
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert_eq!(
        app.call(&reviewer, "review_queue", &[]).await.status(),
        StatusCode::OK
    );
    // Globex's policy is its own.
    let globex = app.signed_in("operator@globex.test").await;
    assert_eq!(whoami(&app, &globex).await["must_set_up_two_factor"], false);
}
