//! Staff accounts: invitations, roles, disabling, the last admin, password resets and
//! changes; each scoped to the merchant. Two-factor sign-in is in `two_factor.rs`.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::support::{browser, TestApp, PASSWORD};

const STRONG: &str = "violet-harbour-lantern-42";

/// The link the newest email to `recipient` carries (opened from its sealed form, as the
/// mailer does), and its token.
async fn emailed_link(app: &TestApp, recipient: &str) -> (String, String) {
    let (id, sealed): (uuid::Uuid, Vec<u8>) = sqlx::query_as(
        "SELECT id, sealed_link FROM outbox_emails WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(recipient)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let url = String::from_utf8(
        app.store
            .open_secret(&kyc_service::links::invitation_label(id), &sealed)
            .unwrap(),
    )
    .unwrap();
    let token = url.rsplit('/').next().unwrap().to_owned();
    (url, token)
}

pub(crate) async fn json(response: reqwest::Response) -> Value {
    response.json().await.unwrap()
}

pub(crate) async fn whoami(app: &TestApp, client: &Client) -> Value {
    json(app.call(client, "whoami", &[]).await).await
}

pub(crate) async fn user_id(app: &TestApp, email: &str) -> String {
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap();
    id.to_string()
}

async fn invite(app: &TestApp, admin: &Client, email: &str, role: &str) -> String {
    let response = app
        .call(admin, "invite_staff", &[("email", email), ("role", role)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    emailed_link(app, email).await.1
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_invitation_makes_a_member_once_with_a_strong_password(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let admin = app.signed_in("admin@acme.test").await;
    let token = invite(&app, &admin, "nina@acme.test", "reviewer").await;

    let offered = json(
        app.call(&browser(), "load_invitation", &[("token", &token)])
            .await,
    )
    .await;
    assert_eq!(offered["merchant_name"], "Acme Finance");
    assert_eq!(offered["role"], "Reviewer");
    assert_eq!(offered["existing_account"], false);

    let nina = browser();
    let accept = |password: &'static str| {
        let (app, nina, token) = (&app, nina.clone(), token.clone());
        async move {
            app.call(
                &nina,
                "accept_invitation",
                &[
                    ("token", &token),
                    ("display_name", "Nina Reviewer"),
                    ("password", password),
                ],
            )
            .await
        }
    };
    for weak in ["short", "password1234", "ninareviewer1"] {
        let refused = accept(weak).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        assert!(json(refused).await.to_string().contains("password"));
    }
    assert_eq!(accept(STRONG).await.status(), StatusCode::OK);
    let me = whoami(&app, &nina).await;
    assert_eq!(me["display_name"], "Nina Reviewer");
    assert_eq!(me["role"], "Reviewer");
    assert_eq!(
        accept(STRONG).await.status(),
        StatusCode::CONFLICT,
        "used once"
    );

    // The admin sees the member; another merchant's admin sees none of it.
    let overview = json(app.call(&admin, "staff_overview", &[]).await).await;
    assert!(overview["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["email"] == "nina@acme.test" && !m["last_sign_in_at"].is_null()));
    assert!(overview["invitations"].as_array().unwrap().is_empty());
    let globex = app.signed_in("admin@globex.test").await;
    let theirs = json(app.call(&globex, "staff_overview", &[]).await).await;
    assert!(!theirs.to_string().contains("acme.test"));
    assert_eq!(
        app.call(&nina, "staff_overview", &[]).await.status(),
        StatusCode::FORBIDDEN,
        "reviewers do not manage staff"
    );

    // An expired invitation and a withdrawn one do not work; another merchant cannot
    // withdraw this merchant's invitation.
    let late = invite(&app, &admin, "late@acme.test", "operator").await;
    sqlx::query("UPDATE staff_invites SET expires_at = now() - interval '1 minute' WHERE email = 'late@acme.test'")
        .execute(&app.db)
        .await
        .unwrap();
    let expired = app
        .call(&browser(), "load_invitation", &[("token", &late)])
        .await;
    assert_eq!(expired.status(), StatusCode::CONFLICT);
    let _ = invite(&app, &admin, "gone@acme.test", "operator").await;
    let id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM staff_invites WHERE email = 'gone@acme.test'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let id = id.to_string();
    let foreign = app
        .call(&globex, "withdraw_invitation", &[("id", &id)])
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let withdrawn = app
        .call(&admin, "withdraw_invitation", &[("id", &id)])
        .await;
    assert_eq!(withdrawn.status(), StatusCode::OK);
    let (_, gone) = emailed_link(&app, "gone@acme.test").await;
    let refused = app
        .call(&browser(), "load_invitation", &[("token", &gone)])
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);

    // An address with an account elsewhere joins only from that account's own session.
    let other = invite(&app, &admin, "admin@globex.test", "reviewer").await;
    let offered = json(
        app.call(&browser(), "load_invitation", &[("token", &other)])
            .await,
    )
    .await;
    assert_eq!(offered["existing_account"], true);
    let guessing = app
        .call(
            &browser(),
            "accept_invitation",
            &[("token", &other), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        guessing.status(),
        StatusCode::CONFLICT,
        "a password alone never joins"
    );
    let gauri = app.signed_in("admin@globex.test").await;
    let joined = app
        .call(&gauri, "accept_invitation", &[("token", &other)])
        .await;
    assert_eq!(joined.status(), StatusCode::OK);
    assert_eq!(whoami(&app, &gauri).await["merchant_name"], "Acme Finance");

    // An existing member cannot be invited again; every change is on the trail.
    let again = app
        .call(
            &admin,
            "invite_staff",
            &[("email", "nina@acme.test"), ("role", "admin")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'staff.invit%' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "staff.invited",
            "staff.invitation_accepted",
            "staff.invited",
            "staff.invited",
            "staff.invitation_withdrawn",
            "staff.invited",
            "staff.invitation_accepted"
        ]
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_disabled_member_is_out_at_once_and_the_last_admin_stays(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let admin = app.signed_in("admin@acme.test").await;
    let admin_id = user_id(&app, "admin@acme.test").await;
    let reviewer_id = user_id(&app, "reviewer@acme.test").await;
    let operator = app.signed_in("operator@acme.test").await;
    let operator_id = user_id(&app, "operator@acme.test").await;
    assert!(whoami(&app, &operator).await.is_object());

    // The only admin can neither demote nor disable themselves.
    let demote = app
        .call(
            &admin,
            "change_staff_role",
            &[("user_id", &admin_id), ("role", "reviewer")],
        )
        .await;
    assert_eq!(demote.status(), StatusCode::CONFLICT);
    assert!(json(demote)
        .await
        .to_string()
        .contains("at least one enabled admin"));
    let disable_self = app
        .call(
            &admin,
            "set_staff_enabled",
            &[("user_id", &admin_id), ("enabled", "false")],
        )
        .await;
    assert_eq!(disable_self.status(), StatusCode::CONFLICT);

    // Disabling the operator ends their open session at once.
    let disable = app
        .call(
            &admin,
            "set_staff_enabled",
            &[("user_id", &operator_id), ("enabled", "false")],
        )
        .await;
    assert_eq!(disable.status(), StatusCode::OK);
    assert_eq!(whoami(&app, &operator).await, Value::Null);
    let refused = app
        .call(&operator, "list_customers", &[("page", "0")])
        .await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let again = app
        .call(
            &browser(),
            "login",
            &[("email", "operator@acme.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "nor can they sign in"
    );

    // Another merchant's admin finds none of these members.
    let globex = app.signed_in("admin@globex.test").await;
    for (name, form) in [
        (
            "set_staff_enabled",
            vec![("user_id", operator_id.as_str()), ("enabled", "true")],
        ),
        (
            "change_staff_role",
            vec![("user_id", reviewer_id.as_str()), ("role", "admin")],
        ),
    ] {
        assert_eq!(
            app.call(&globex, name, &form).await.status(),
            StatusCode::NOT_FOUND,
            "{name}"
        );
    }

    // With a second admin, a key of the first stops working when the first is disabled.
    let promote = app
        .call(
            &admin,
            "change_staff_role",
            &[("user_id", &reviewer_id), ("role", "admin")],
        )
        .await;
    assert_eq!(promote.status(), StatusCode::OK);
    let key = json(
        app.call(
            &admin,
            "create_api_key",
            &[("name", "CRM"), ("scopes[]", "read")],
        )
        .await,
    )
    .await["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = |key: String| {
        let app = &app;
        async move {
            reqwest::Client::new()
                .get(app.url("/api/v1/customers"))
                .bearer_auth(key)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(list(key.clone()).await, StatusCode::OK);
    let second = app.signed_in("reviewer@acme.test").await;
    let out = app
        .call(
            &second,
            "set_staff_enabled",
            &[("user_id", &admin_id), ("enabled", "false")],
        )
        .await;
    assert_eq!(out.status(), StatusCode::OK);
    assert_eq!(list(key).await, StatusCode::UNAUTHORIZED);
    assert_eq!(whoami(&app, &admin).await, Value::Null);

    // Two admins demoting each other at once: one of them stays an admin.
    let back = app
        .call(
            &second,
            "set_staff_enabled",
            &[("user_id", &admin_id), ("enabled", "true")],
        )
        .await;
    assert_eq!(back.status(), StatusCode::OK);
    let first = app.signed_in("admin@acme.test").await;
    let demote_second = [("user_id", reviewer_id.as_str()), ("role", "operator")];
    let demote_first = [("user_id", admin_id.as_str()), ("role", "operator")];
    let (a, b) = tokio::join!(
        app.call(&first, "change_staff_role", &demote_second),
        app.call(&second, "change_staff_role", &demote_first),
    );
    // One wins; the other is refused as the last admin (409), or, when the winner committed
    // first, as no longer an admin (403).
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses[0], StatusCode::OK, "{statuses:?}");
    assert!(
        [StatusCode::FORBIDDEN, StatusCode::CONFLICT].contains(&statuses[1]),
        "{statuses:?}"
    );
    let admins: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM memberships m JOIN merchants x ON x.id = m.merchant_id
         WHERE x.slug = 'acme' AND m.role = 'admin' AND m.disabled_at IS NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(admins, 1);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_password_reset_works_once_and_ends_every_session(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let open = app.signed_in("reviewer@acme.test").await;
    let asked = app
        .call(
            &browser(),
            "forgot_password",
            &[("email", "reviewer@acme.test")],
        )
        .await;
    let unknown = app
        .call(
            &browser(),
            "forgot_password",
            &[("email", "nobody@acme.test")],
        )
        .await;
    assert_eq!(asked.status(), StatusCode::OK);
    assert_eq!(unknown.status(), StatusCode::OK);
    assert_eq!(
        asked.text().await.unwrap(),
        unknown.text().await.unwrap(),
        "the same answer"
    );
    let resets: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox_emails WHERE kind = 'password_reset'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(resets, 1, "only the existing account gets an email");
    let (url, token) = emailed_link(&app, "reviewer@acme.test").await;
    assert!(url.contains("/reset-password/"));
    let stored: Vec<u8> = sqlx::query_scalar("SELECT token_hash FROM staff_password_resets")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        !stored.windows(token.len()).any(|w| w == token.as_bytes()),
        "kept hashed"
    );

    let reset = |password: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            app.call(
                &browser(),
                "reset_password",
                &[("token", &token), ("password", password)],
            )
            .await
            .status()
        }
    };
    assert_eq!(
        reset("password1234").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(reset(STRONG).await, StatusCode::OK);
    assert_eq!(reset(STRONG).await, StatusCode::CONFLICT, "once");
    assert_eq!(
        whoami(&app, &open).await,
        Value::Null,
        "the open session ended"
    );
    let old = app
        .call(
            &browser(),
            "login",
            &[("email", "reviewer@acme.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let new = app
        .call(
            &browser(),
            "login",
            &[("email", "reviewer@acme.test"), ("password", STRONG)],
        )
        .await;
    assert_eq!(new.status(), StatusCode::OK);

    // A link older than 30 minutes does not work.
    let _ = app
        .call(
            &browser(),
            "forgot_password",
            &[("email", "operator@acme.test")],
        )
        .await;
    let (_, late) = emailed_link(&app, "operator@acme.test").await;
    sqlx::query("UPDATE staff_password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL")
        .execute(&app.db)
        .await
        .unwrap();
    let expired = app
        .call(
            &browser(),
            "reset_password",
            &[("token", &late), ("password", STRONG)],
        )
        .await;
    assert_eq!(expired.status(), StatusCode::CONFLICT);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn changing_the_password_keeps_this_session_and_ends_the_others(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let here = app.signed_in("operator@acme.test").await;
    let elsewhere = app.signed_in("operator@acme.test").await;
    let wrong = app
        .call(
            &here,
            "change_password",
            &[("current", "not-it"), ("new", STRONG)],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let weak = app
        .call(
            &here,
            "change_password",
            &[("current", PASSWORD), ("new", "qwertyuiop123")],
        )
        .await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let changed = app
        .call(
            &here,
            "change_password",
            &[("current", PASSWORD), ("new", STRONG)],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert!(
        whoami(&app, &here).await.is_object(),
        "this session goes on"
    );
    assert_eq!(
        whoami(&app, &elsewhere).await,
        Value::Null,
        "the other one ended"
    );
}
