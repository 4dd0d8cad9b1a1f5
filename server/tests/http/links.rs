use reqwest::StatusCode;
use serde_json::Value;

use crate::support::{browser, page, session_cookie, TestApp};

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn opening_a_link_swaps_the_token_for_a_session_and_starts_the_journey(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Ravi Kumar", "R-1").await;
    let (journey, url) = app
        .generate_link(
            &operator,
            &customer,
            &[("steps[0]", "documents"), ("steps[4]", "signature")],
        )
        .await;
    let token = url.rsplit('/').next().unwrap().to_owned();
    assert_eq!(token.len(), 43);

    let stored: Vec<u8> = sqlx::query_scalar("SELECT token_hash FROM journeys WHERE id = $1::uuid")
        .bind(&journey)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 32);
    assert!(
        !String::from_utf8_lossy(&stored).contains(&token),
        "only the hash is stored"
    );

    let phone = browser();
    let opened = phone.get(&url).send().await.unwrap();
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    assert_eq!(opened.headers()["location"], "/journey");
    assert_eq!(opened.headers()["referrer-policy"], "no-referrer");
    assert!(session_cookie(&opened).is_some());

    let mine: Value = app
        .call(&phone, "my_journey", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["state"], "InProgress");
    assert_eq!(mine["branding"]["display_name"], "Acme Finance");
    let steps: Vec<&str> = mine["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["Documents", "Signature"]);

    let tracked: Value = app
        .call(&operator, "get_journey", &[("id", &journey)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tracked[0]["state"], "InProgress");
    let timeline: Vec<&str> = tracked[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_state"].as_str().unwrap())
        .collect();
    assert_eq!(timeline, ["created", "in_progress"]);
    assert_eq!(tracked[1][1]["actor"], "Customer");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn unknown_and_malformed_links_lead_to_a_clear_page(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    for path in [
        "/k/not-a-token",
        "/k/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        let response = browser().get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(response.headers()["location"], "/link-invalid");
    }
    let page = browser()
        .get(app.url("/link-invalid"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("This link is not valid"));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_customer_page_without_a_link_session_explains_instead_of_failing(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let response = app.call(&browser(), "my_journey", &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = page(&browser(), app.url("/journey")).await;
    assert!(body.contains("This link is not valid"));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_expired_link_shows_the_customer_that_it_expired(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Ravi Kumar", "R-1").await;
    let (journey, url) = app
        .generate_link(&operator, &customer, &[("steps[3]", "selfie")])
        .await;
    sqlx::query("UPDATE journeys SET expires_at = now() - interval '1 minute' WHERE id = $1::uuid")
        .bind(&journey)
        .execute(&app.db)
        .await
        .unwrap();
    let phone = browser();
    phone.get(&url).send().await.unwrap();
    let mine: Value = app
        .call(&phone, "my_journey", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (mine["state"].as_str(), mine["revoked"].as_bool()),
        (Some("Expired"), Some(false))
    );
    let body = page(&phone, app.url("/journey")).await;
    assert!(body.contains("This link has expired"), "{body}");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_link_needs_at_least_one_known_step_and_a_sane_window(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Ravi Kumar", "R-1").await;
    let none = app
        .call(
            &operator,
            "generate_link",
            &[("customer_id", &customer), ("validity_hours", "72")],
        )
        .await;
    assert_eq!(none.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none
        .text()
        .await
        .unwrap()
        .contains("choose at least one step"));
    let too_long = app
        .call(
            &operator,
            "generate_link",
            &[
                ("customer_id", &customer),
                ("validity_hours", "9999"),
                ("steps[0]", "documents"),
            ],
        )
        .await;
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let journeys: i64 = sqlx::query_scalar("SELECT count(*) FROM journeys")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(journeys, 0);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn guessing_links_is_slowed_down_per_address_but_valid_links_still_open(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Ravi Kumar", "R-1").await;
    let (_, url) = app
        .generate_link(&operator, &customer, &[("steps[3]", "selfie")])
        .await;
    for _ in 0..30 {
        browser().get(app.url("/k/guess")).send().await.unwrap();
    }
    let blocked = browser().get(app.url("/k/guess")).send().await.unwrap();
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        blocked.text().await.unwrap(),
        kyc_i18n::text(kyc_i18n::Lang::En, "error-too-many-attempts", &[])
    );
    // A customer whose browser asks for Hindi is told in Hindi.
    let in_hindi = browser()
        .get(app.url("/k/guess"))
        .header("accept-language", "hi-IN,hi;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(in_hindi.status(), StatusCode::TOO_MANY_REQUESTS);
    let said = in_hindi.text().await.unwrap();
    assert_eq!(
        said,
        kyc_i18n::text(kyc_i18n::Lang::Hi, "error-too-many-attempts", &[])
    );
    assert!(
        said.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)),
        "{said}"
    );
    let valid = browser().get(&url).send().await.unwrap();
    assert_eq!(
        valid.status(),
        StatusCode::SEE_OTHER,
        "a shared address does not lock out real customers"
    );
    assert_eq!(valid.headers()["location"], "/journey");
}

/// The steps of the journey the browser's session holds.
async fn steps_of(app: &TestApp, client: &reqwest::Client) -> Value {
    let mine: Value = app
        .call(client, "my_journey", &[])
        .await
        .json()
        .await
        .unwrap();
    mine["steps"].clone()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_second_link_in_the_same_browser_asks_before_switching(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let asha = app.create_customer(&operator, "Asha Rao", "A-1").await;
    let ravi = app.create_customer(&operator, "Ravi Kumar", "R-1").await;
    let (_, first) = app
        .generate_link(&operator, &asha, &[("steps[0]", "selfie")])
        .await;
    let (second_id, second) = app
        .generate_link(&operator, &ravi, &[("steps[0]", "signature")])
        .await;
    let phone = browser();
    let opened = phone.get(&first).send().await.unwrap();
    assert_eq!(opened.headers()["location"], "/journey");
    let own = steps_of(&app, &phone).await;

    // Someone makes the browser open another journey's link: nothing changes yet.
    let forced = phone.get(&second).send().await.unwrap();
    assert_eq!(forced.headers()["location"], "/link-switch");
    assert_eq!(steps_of(&app, &phone).await, own);
    let state: String = sqlx::query_scalar("SELECT state FROM journeys WHERE id = $1::uuid")
        .bind(&second_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "created", "the other journey was not opened");
    let cross_site = phone
        .post(app.url("/api/switch_link"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert_eq!(steps_of(&app, &phone).await, own);

    // The customer confirms on the page: now the new journey is theirs here.
    let switched = app.call(&phone, "switch_link", &[]).await;
    assert!(switched.status().is_success() || switched.status().is_redirection());
    let now = steps_of(&app, &phone).await;
    assert_ne!(now, own);
    let again = app.call(&phone, "switch_link", &[]).await;
    assert_eq!(
        again.status(),
        StatusCode::NOT_FOUND,
        "nothing waits any more"
    );

    // A browser without an open journey is not asked.
    let fresh = browser();
    let opened = fresh.get(&first).send().await.unwrap();
    assert_eq!(opened.headers()["location"], "/journey");
}

/// Guesses a link from `address` as a proxy in front of the app would forward it.
async fn guess_from(app: &TestApp, address: &str) -> reqwest::Response {
    browser()
        .get(app.url("/k/guess"))
        .header("x-forwarded-for", address)
        .send()
        .await
        .unwrap()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn behind_a_trusted_proxy_one_address_locked_out_does_not_lock_out_others(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn_configured(db, |config| {
        config.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    for _ in 0..30 {
        guess_from(&app, "203.0.113.5").await;
    }
    let blocked = guess_from(&app, "203.0.113.5").await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    let neighbour = guess_from(&app, "203.0.113.6").await;
    assert_eq!(neighbour.status(), StatusCode::SEE_OTHER);
    assert_eq!(neighbour.headers()["location"], "/link-invalid");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn without_a_trusted_proxy_a_forwarded_address_is_not_believed(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    for i in 0..30 {
        guess_from(&app, &format!("203.0.113.{i}")).await;
    }
    let blocked = guess_from(&app, "198.51.100.1").await;
    assert_eq!(
        blocked.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the peer's address counts, whatever the header says"
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_customer_sees_what_is_asked_of_them_but_never_staff_notes(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Ravi Kumar", "R-1").await;
    let (journey, url) = app
        .generate_link(&operator, &customer, &[("steps[3]", "selfie")])
        .await;
    let phone = browser();
    phone.get(&url).send().await.unwrap();
    sqlx::query(
        "UPDATE journey_steps SET state = 'requires_action', action_by = 'customer', attempts = 1,
             reason_code = 'selfie_blurry', customer_message = 'Please retake your selfie in good light',
             internal_note = 'possible spoof attempt'
         WHERE journey_id = $1::uuid",
    )
    .bind(&journey)
    .execute(&app.db)
    .await
    .unwrap();
    let body = app
        .call(&phone, "my_journey", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("Please retake your selfie in good light"),
        "{body}"
    );
    assert!(!body.contains("possible spoof attempt"), "{body}");
    assert!(!body.contains("selfie_blurry"), "{body}");
    let consent = app.call(&phone, "give_consent", &[]).await;
    assert_eq!(consent.status(), reqwest::StatusCode::OK);
    let body = page(&phone, app.url("/journey")).await;
    assert!(body.contains("Please retake your selfie in good light"));
    assert!(!body.contains("possible spoof attempt"));
}
