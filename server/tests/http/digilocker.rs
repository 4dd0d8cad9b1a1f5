//! The DigiLocker Aadhaar step through the DigiLocker sandbox's screens, as a customer's
//! browser goes: the e-Aadhaar is verified and compared with what the customer typed (and
//! the bank's name), each error persona ends the way the issue says, a forged callback
//! changes nothing, and the Aadhaar number is never kept whole.

use reqwest::{header, Client, StatusCode};
use serde_json::Value;

use crate::support::TestApp;

/// The value of the first `name="value"` after `after` in a page.
fn attribute(html: &str, after: &str, name: &str) -> String {
    let from = html.find(after).expect("marker in page");
    let needle = format!("{name}=\"");
    let start = html[from..].find(&needle).expect("attribute") + from + needle.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].replace("&amp;", "&")
}

/// Posts the page's form with its hidden flow id and `fields`.
async fn post(browser: &Client, page: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let action = attribute(page, "<form", "action");
    let flow = attribute(page, "name=\"flow\"", "value");
    let mut form = vec![("flow", flow.as_str())];
    form.extend_from_slice(fields);
    browser.post(action).form(&form).send().await.unwrap()
}

/// The customer starts the step, signs in to the sandbox as `login`, answers `decision`
/// on the consent screen and follows DigiLocker back to the app. Returns the callback URL.
async fn through_digilocker(
    app: &TestApp,
    customer: &Client,
    typed: (&str, &str),
    login: &str,
    decision: &str,
) -> String {
    let started = app
        .call(
            customer,
            "start_digilocker",
            &[("name", typed.0), ("date_of_birth", typed.1)],
        )
        .await;
    assert_eq!(started.status(), StatusCode::OK);
    let authorize: String = started.json().await.unwrap();
    assert!(
        authorize.contains("code_challenge_method=S256"),
        "{authorize}"
    );
    // DigiLocker's pages run in the same browser, without the app's cookie mattering.
    let page = customer
        .get(&authorize)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let otp = post(customer, &page, &[("login", login)])
        .await
        .text()
        .await
        .unwrap();
    let consent = post(customer, &otp, &[("otp", "123456")])
        .await
        .text()
        .await
        .unwrap();
    let back = post(customer, &consent, &[("decision", decision)]).await;
    assert_eq!(back.status(), StatusCode::FOUND);
    let callback = back.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        callback.starts_with(&app.url("/journey/digilocker/callback")),
        "{callback}"
    );
    let landed = customer.get(&callback).send().await.unwrap();
    assert!(landed.status().is_redirection());
    assert_eq!(landed.headers()[header::LOCATION], "/journey");
    callback
}

async fn my_journey(app: &TestApp, customer: &Client) -> Value {
    let response = app.call(customer, "my_journey", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn aadhaar_step(journey: &Value) -> &Value {
    journey["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "DigiLockerAadhaar")
        .expect("a DigiLocker step")
}

async fn staff_checks(app: &TestApp, journey_id: &str) -> Value {
    let operator = app.signed_in("operator@acme.test").await;
    let response = app
        .call(&operator, "get_journey", &[("id", journey_id)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let detail: Value = response.json().await.unwrap();
    detail[0]["checks"].clone()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_verified_eaadhaar_completes_the_step_and_keeps_only_what_it_should(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["digilocker_aadhaar"]).await;
    through_digilocker(
        &app,
        &customer,
        ("Asha Rao", "1990-04-12"),
        "9000000001",
        "allow",
    )
    .await;

    let journey = my_journey(&app, &customer).await;
    assert_eq!(aadhaar_step(&journey)["state_code"], "completed");
    assert_eq!(journey["checks"][0]["status"], "Passed");
    // Nothing waits any more, but the journey is submitted once, for the merchant.
    let submitted = app.call(&customer, "submit_journey", &[]).await;
    assert_eq!(submitted.status(), StatusCode::OK);
    let again = app.call(&customer, "submit_journey", &[]).await;
    assert!(again.status().is_client_error());
    let checks = staff_checks(&app, &journey_id).await;
    let name = &checks[0]["names"][0]["comparison"];
    assert_eq!(
        (name["other"].as_str(), name["band"].as_str()),
        (Some("Asha Rao"), Some("Pass"))
    );
    assert_eq!(checks[0]["dob_matches"], true);
    let evidence = &checks[0]["aadhaar"];
    assert_eq!(evidence["aadhaar_last4"], "4821");
    assert!(evidence["address"].as_str().unwrap().contains("Bengaluru"));

    // A reviewer downloads the signed XML (never inline); another merchant cannot.
    let xml_id = evidence["xml_object_id"].as_str().unwrap().to_owned();
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let xml = reviewer
        .get(app.url(&format!("/review/files/{xml_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(xml.status(), StatusCode::OK);
    assert!(xml.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let body = xml.text().await.unwrap();
    assert!(body.contains("<Signature") && body.contains("xxxxxxxx4821"));
    let globex = app.signed_in("admin@globex.test").await;
    let refused = globex
        .get(app.url(&format!("/review/files/{xml_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);

    let (last4, gender, dob, fingerprint, photo, xml): (String, String, time::Date, String, Option<uuid::Uuid>, uuid::Uuid) =
        sqlx::query_as(
            "SELECT aadhaar_last4, gender, date_of_birth, certificate_fingerprint, photo_object_id, xml_object_id FROM aadhaar_records",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!((last4.as_str(), gender.as_str()), ("4821", "F"));
    assert_eq!(dob, time::macros::date!(1990 - 04 - 12));
    assert_eq!(fingerprint.len(), 64);
    // The photo and the signed XML are encrypted objects attached to the journey.
    for object in [photo.unwrap(), xml] {
        let state: String = sqlx::query_scalar("SELECT state FROM stored_objects WHERE id = $1")
            .bind(object)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(state, "attached");
    }
    for file in app.stored_files() {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            !bytes.windows(8).any(|w| w == b"Asha Rao"),
            "stored in clear"
        );
    }
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_different_birth_date_or_bank_name_waits_for_a_reviewer(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["digilocker_aadhaar"]).await;
    through_digilocker(
        &app,
        &customer,
        ("Asha Rao", "1990-04-13"),
        "9000000001",
        "allow",
    )
    .await;
    let journey = my_journey(&app, &customer).await;
    assert_eq!(aadhaar_step(&journey)["state_code"], "requires_action");
    let checks = staff_checks(&app, &journey_id).await;
    assert_eq!(checks[0]["dob_matches"], false);
    assert_eq!(checks[0]["code"], "aadhaar_details_mismatch");

    // The bank holds another name: the Aadhaar name is compared with it too.
    let (customer, journey_id) = app
        .customer_with_link(&["bank_account", "digilocker_aadhaar"])
        .await;
    let verified = app
        .call(
            &customer,
            "verify_bank_account",
            &[
                ("form[holder_name]", "Vikram Singh"),
                ("form[account_number]", "026291800001193"),
                ("form[account_number_again]", "026291800001193"),
                ("form[ifsc]", "HDFC0001234"),
            ],
        )
        .await;
    assert_eq!(verified.status(), StatusCode::OK);
    through_digilocker(
        &app,
        &customer,
        ("Asha Rao", "1990-04-12"),
        "9000000001",
        "allow",
    )
    .await;
    let checks = staff_checks(&app, &journey_id).await;
    let aadhaar = checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "DigiLockerAadhaar")
        .unwrap();
    assert_eq!(
        aadhaar["names"][1]["label"],
        "Name on Aadhaar vs name at bank"
    );
    assert_eq!(aadhaar["names"][1]["comparison"]["band"], "Fail");
    assert_eq!(aadhaar["status"], "ToReview");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn each_error_ends_as_it_should_and_technical_ones_cost_no_try(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    // (login, decision, step state after, attempts after, the customer's message contains)
    let cases = [
        ("9000000001", "deny", "failed", 1, "did not allow access"),
        ("9000000004", "not_linked", "failed", 2, "not linked"),
        ("9000000003", "allow", "failed", 3, "no e-Aadhaar"),
    ];
    let (customer, _) = app.customer_with_link(&["digilocker_aadhaar"]).await;
    for (login, decision, state, attempts, message) in cases {
        through_digilocker(&app, &customer, ("Asha Rao", "1990-04-12"), login, decision).await;
        let journey = my_journey(&app, &customer).await;
        let step = aadhaar_step(&journey);
        assert_eq!(step["state_code"], state, "{login}");
        assert_eq!(step["step"]["attempts"], attempts, "{login}");
        let said = crate::fixtures::check_message(&journey["checks"][0]);
        assert!(said.contains(message), "{login}: {said}");
    }
    // Every try is used: a fourth is refused.
    let refused = app
        .call(
            &customer,
            "start_digilocker",
            &[("name", "Asha Rao"), ("date_of_birth", "1990-04-12")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);

    // Documents that fail verification fail the try with their reason; a failing
    // DigiLocker leaves the step in progress without using one.
    for (login, code) in [
        ("9000000007", "document_tampered"),
        ("9000000008", "document_not_signed"),
        ("9000000009", "document_untrusted_certificate"),
        ("9000000006", "unavailable"),
    ] {
        let (customer, journey_id) = app.customer_with_link(&["digilocker_aadhaar"]).await;
        through_digilocker(&app, &customer, ("Asha Rao", "1990-04-12"), login, "allow").await;
        let journey = my_journey(&app, &customer).await;
        let expected = if code == "unavailable" {
            "in_progress"
        } else {
            "failed"
        };
        assert_eq!(aadhaar_step(&journey)["state_code"], expected, "{login}");
        let checks = staff_checks(&app, &journey_id).await;
        assert_eq!(checks[0]["code"], code, "{login}");
    }
    let records: i64 = sqlx::query_scalar("SELECT count(*) FROM aadhaar_records")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(records, 0, "nothing is kept from a refused document");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_callback_with_another_state_or_from_another_session_changes_nothing(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, _) = app.customer_with_link(&["digilocker_aadhaar"]).await;
    let started = app
        .call(
            &customer,
            "start_digilocker",
            &[("name", "Asha Rao"), ("date_of_birth", "1990-04-12")],
        )
        .await;
    let authorize: String = started.json().await.unwrap();
    assert!(authorize.contains("state="));
    // A forged callback: the attacker's own code with a state of their choosing.
    let forged = app.url("/journey/digilocker/callback?code=attacker-code&state=guessed");
    let landed = customer.get(&forged).send().await.unwrap();
    assert!(landed.status().is_redirection());
    let journey = my_journey(&app, &customer).await;
    assert_eq!(aadhaar_step(&journey)["state_code"], "in_progress");
    assert_ne!(journey["checks"][0]["status"], "Passed");
    let records: i64 = sqlx::query_scalar("SELECT count(*) FROM aadhaar_records")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(records, 0);

    // Another customer's browser following a genuine callback URL: no flow in its session.
    let (victim, _) = app.customer_with_link(&["digilocker_aadhaar"]).await;
    let callback = through_digilocker(
        &app,
        &victim,
        ("Asha Rao", "1990-04-12"),
        "9000000001",
        "allow",
    )
    .await;
    let (other, _) = app.customer_with_link(&["digilocker_aadhaar"]).await;
    let replayed = other.get(&callback).send().await.unwrap();
    assert!(replayed.status().is_redirection());
    let journey = my_journey(&app, &other).await;
    assert_eq!(aadhaar_step(&journey)["state_code"], "not_started");
    // And the victim's own replay finds its flow used up.
    let again = victim.get(&callback).send().await.unwrap();
    assert!(again.status().is_redirection());
    let records: i64 = sqlx::query_scalar("SELECT count(*) FROM aadhaar_records")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(records, 1);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_form_is_checked_before_anyone_is_sent_to_digilocker(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, _) = app.customer_with_link(&["digilocker_aadhaar"]).await;
    let response = app
        .call(
            &customer,
            "start_digilocker",
            &[("name", " "), ("date_of_birth", "2090-01-01")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("name") && body.contains("date_of_birth"),
        "{body}"
    );
    let checks: i64 = sqlx::query_scalar("SELECT count(*) FROM online_checks")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(checks, 0);
}
