//! The live tracker stream: changes reach a tracker on another instance, survive a killed
//! listener connection, resume after `Last-Event-ID`, and stay within the merchant.

use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::support::{browser, TestApp};

/// Longer than any healthy delivery, shorter than the stream's 30 s safety re-read, so a
/// delivery that only the safety net would make fails the test.
const DELIVERY: Duration = Duration::from_secs(10);

/// A server-sent event stream, read frame by frame.
struct Sse {
    body: reqwest::Response,
    buffer: String,
}

impl Sse {
    async fn open(client: &Client, url: String, last_event_id: Option<i64>) -> Sse {
        let mut request = client.get(url);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Sse {
            body: response,
            buffer: String::new(),
        }
    }

    /// The next `update` message: (its SSE id, its data).
    async fn next_update(&mut self) -> (i64, Value) {
        tokio::time::timeout(DELIVERY, async {
            loop {
                if let Some(end) = self.buffer.find("\n\n") {
                    let frame: String = self.buffer.drain(..end + 2).collect();
                    if let Some(update) = parse(&frame) {
                        return update;
                    }
                    continue;
                }
                let chunk = self.body.chunk().await.unwrap().expect("stream open");
                self.buffer.push_str(std::str::from_utf8(&chunk).unwrap());
            }
        })
        .await
        .expect("an update within the delivery bound")
    }

    /// Reads updates until one holds an event with `subject`; returns every event id read.
    async fn until_subject(&mut self, subject: &str, seen: &mut Vec<i64>) {
        loop {
            let (id, data) = self.next_update().await;
            let events = data["events"].as_array().unwrap();
            assert_eq!(events.last().unwrap()["id"].as_i64(), Some(id));
            seen.extend(events.iter().map(|e| e["id"].as_i64().unwrap()));
            if events.iter().any(|e| e["subject"] == subject) {
                return;
            }
        }
    }
}

fn parse(frame: &str) -> Option<(i64, Value)> {
    let mut id = None;
    let mut kind = None;
    let mut data = String::new();
    for line in frame.lines() {
        if let Some(v) = line.strip_prefix("id:") {
            id = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("event:") {
            kind = Some(v.trim().to_owned());
        } else if let Some(v) = line.strip_prefix("data:") {
            data.push_str(v.trim_start());
        }
    }
    (kind.as_deref() == Some("update")).then(|| (id.unwrap(), serde_json::from_str(&data).unwrap()))
}

async fn event_ids(app: &TestApp, journey_id: &str) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM journey_events WHERE journey_id = $1::uuid ORDER BY id")
        .bind(journey_id)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// Kills every live listener connection of this test's database; returns how many.
async fn kill_listeners(app: &TestApp, expected: usize) -> usize {
    let query = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE application_name = $1 AND datname = current_database()";
    for _ in 0..100 {
        let listening: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
        )
        .bind(kyc_server::live::LISTENER_APPLICATION)
        .fetch_one(&app.db)
        .await
        .unwrap();
        if listening as usize >= expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sqlx::query_scalar::<_, bool>(query)
        .bind(kyc_server::live::LISTENER_APPLICATION)
        .fetch_all(&app.db)
        .await
        .unwrap()
        .len()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_change_through_one_instance_reaches_a_tracker_on_another_through_a_killed_listener(
    db: kyc_db::PgPool,
) {
    let a = TestApp::spawn(db.clone()).await;
    let b = TestApp::spawn(db).await;
    let (customer, journey_id) = a.customer_before_consent(&["documents"]).await;
    let watcher = b.signed_in("reviewer@acme.test").await;
    let mut stream = Sse::open(
        &watcher,
        b.url(&format!("/journeys/{journey_id}/live")),
        None,
    )
    .await;
    let mut seen = Vec::new();

    // Catch-up: the journey's events so far (created, opened).
    let (_, first) = stream.next_update().await;
    seen.extend(
        first["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap()),
    );
    assert_eq!(first["detail"]["state"], "InProgress");

    // A change made through instance A appears on B's stream.
    assert_eq!(
        a.call(&customer, "give_consent", &[]).await.status(),
        StatusCode::OK
    );
    stream.until_subject("consent", &mut seen).await;

    // Both instances lose their listening connection; changes made now still arrive.
    assert_eq!(kill_listeners(&a, 2).await, 2);
    let operator = a.signed_in("operator@acme.test").await;
    let resent = a
        .call(&operator, "resend_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(resent.status(), StatusCode::OK);
    stream.until_subject("link", &mut seen).await;
    let revoked = a
        .call(&operator, "revoke_link", &[("journey_id", &journey_id)])
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    loop {
        let (_, update) = stream.next_update().await;
        seen.extend(
            update["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_i64().unwrap()),
        );
        if update["detail"]["state"] == "Expired" {
            break;
        }
    }

    // Nothing lost, nothing twice, in order.
    assert_eq!(seen, event_ids(&a, &journey_id).await);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_reconnecting_browser_continues_after_its_last_event_id(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_before_consent(&["documents"]).await;
    assert_eq!(
        app.call(&customer, "give_consent", &[]).await.status(),
        StatusCode::OK
    );
    let all = event_ids(&app, &journey_id).await;
    assert_eq!(all.len(), 3, "created, opened, consent");
    let watcher = app.signed_in("operator@acme.test").await;
    let url = app.url(&format!("/journeys/{journey_id}/live"));

    let mut resumed = Sse::open(&watcher, url.clone(), Some(all[0])).await;
    let (id, update) = resumed.next_update().await;
    let ids: Vec<i64> = update["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, all[1..]);
    assert_eq!(id, all[2]);

    // `?after=` is used when there is no Last-Event-ID (the page's first connection).
    let mut fresh = Sse::open(&watcher, format!("{url}?after={}", all[1]), None).await;
    let (_, update) = fresh.next_update().await;
    assert_eq!(update["events"].as_array().unwrap().len(), 1);
    assert_eq!(update["events"][0]["subject"], "consent");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn only_the_merchants_staff_can_watch_a_journey(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = app.customer_with_link(&["documents"]).await;
    let url = app.url(&format!("/journeys/{journey_id}/live"));
    let globex = app.signed_in("operator@globex.test").await;
    assert_eq!(
        globex.get(&url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        browser().get(&url).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        customer.get(&url).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let unknown = app.url(&format!("/journeys/{}/live", uuid::Uuid::new_v4()));
    let acme = app.signed_in("operator@acme.test").await;
    assert_eq!(
        acme.get(&unknown).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
}

/// A reviewer's tracker stream of a new journey, past its first update.
async fn reviewer_watching(app: &TestApp) -> (reqwest::Client, Sse) {
    let (_, journey_id) = app.customer_with_link(&["documents"]).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let url = app.url(&format!("/journeys/{journey_id}/live"));
    let mut stream = Sse::open(&reviewer, url, Some(0)).await;
    stream.next_update().await;
    (reviewer, stream)
}

/// Whether `stream` ends within 45 s: it re-checks access every 30 s (and ends on its own
/// only after 5 minutes).
async fn ends_within_the_recheck(mut stream: Sse) -> bool {
    tokio::time::timeout(Duration::from_secs(45), async {
        while let Ok(Some(_)) = stream.body.chunk().await {}
    })
    .await
    .is_ok()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_disabled_member_stops_receiving_updates_within_the_recheck(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (_, stream) = reviewer_watching(&app).await;
    sqlx::query("UPDATE staff_users SET disabled_at = now() WHERE email = 'reviewer@acme.test'")
        .execute(&app.db)
        .await
        .unwrap();
    assert!(
        ends_within_the_recheck(stream).await,
        "the stream ended once the member was disabled"
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn signing_out_elsewhere_ends_the_stream_within_the_recheck(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (reviewer, stream) = reviewer_watching(&app).await;
    let signed_out = app.call(&reviewer, "logout", &[]).await;
    assert!(signed_out.status().is_success() || signed_out.status().is_redirection());
    assert!(
        ends_within_the_recheck(stream).await,
        "the stream ended once the session was signed out"
    );
}
