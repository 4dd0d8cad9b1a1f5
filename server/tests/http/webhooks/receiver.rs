//! Receivers on loopback and helpers the webhook tests share.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kyc_db::webhooks::EventType;
use kyc_server::webhooks::{fan_out_all, verify, Deliverer, Secret};
use kyc_service::webhooks::{CreatedEndpoint, EndpointForm};
use kyc_service::{Actor, StaffActor};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::support::TestApp;

/// One request a receiver got.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) id: String,
    pub(crate) timestamp: i64,
    pub(crate) signature: String,
    pub(crate) body: Vec<u8>,
}

/// What a receiver answers, in order; 200 once the script runs out.
pub(crate) type Reply = (u16, Vec<(&'static str, String)>);

#[derive(Default)]
pub(crate) struct Inbox {
    pub(crate) script: VecDeque<Reply>,
    pub(crate) received: Vec<Received>,
}

#[derive(Clone)]
pub(crate) struct Receiver {
    pub(crate) url: String,
    pub(crate) inbox: Arc<Mutex<Inbox>>,
}

impl Receiver {
    pub(crate) async fn spawn(script: Vec<Reply>) -> Receiver {
        let inbox = Arc::new(Mutex::new(Inbox {
            script: script.into(),
            received: Vec::new(),
        }));
        let app = axum::Router::new()
            .fallback(receive)
            .with_state(inbox.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks/kyc", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver { url, inbox }
    }

    pub(crate) fn received(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().received.clone()
    }
}

pub(crate) async fn receive(
    State(inbox): State<Arc<Mutex<Inbox>>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let mut inbox = inbox.lock().unwrap();
    inbox.received.push(Received {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp").parse().unwrap_or_default(),
        signature: header("webhook-signature"),
        body: body.to_vec(),
    });
    let (status, extra) = inbox.script.pop_front().unwrap_or((200, Vec::new()));
    let mut response = (StatusCode::from_u16(status).unwrap(), "ok").into_response();
    for (name, value) in extra {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}

pub(crate) fn verifies(received: &Received, secrets: &[Secret]) -> bool {
    let timestamp = received.timestamp.to_string();
    let headers = [
        ("webhook-id", received.id.as_str()),
        ("webhook-timestamp", timestamp.as_str()),
        ("webhook-signature", received.signature.as_str()),
    ];
    verify(secrets, &headers, &received.body, received.timestamp).is_ok()
}

pub(crate) async fn merchant(app: &TestApp, slug: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM merchants WHERE slug = $1")
        .bind(slug)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The app with the demo data's events already fanned out (no endpoint saw them).
pub(crate) async fn app(db: kyc_db::PgPool) -> TestApp {
    let app = TestApp::spawn(db).await;
    fan_out_all(&app.db, OffsetDateTime::now_utc())
        .await
        .unwrap();
    app
}

pub(crate) fn deliverer(app: &TestApp) -> Deliverer {
    Deliverer {
        db: app.db.clone(),
        store: app.store.clone(),
        development: true,
    }
}

pub(crate) async fn endpoint(
    app: &TestApp,
    merchant_id: Uuid,
    url: &str,
    event_types: &[EventType],
) -> CreatedEndpoint {
    let form = EndpointForm {
        url: url.to_owned(),
        description: "test receiver".to_owned(),
        event_types: event_types.iter().map(|t| t.as_str().to_owned()).collect(),
    };
    kyc_service::webhooks::create(&app.services, &admin_of(app, merchant_id).await, form)
        .await
        .unwrap()
}

/// The merchant's (demo) admin, as the actor of its settings changes.
pub(crate) async fn admin_of(app: &TestApp, merchant_id: Uuid) -> Actor {
    let user_id: Uuid = sqlx::query_scalar(
        "SELECT staff_user_id FROM memberships WHERE merchant_id = $1 AND role = 'admin' LIMIT 1",
    )
    .bind(merchant_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    Actor::Staff(StaffActor {
        user_id,
        merchant_id,
        role: kyc_core::merchant::Role::Admin,
        request_id: None,
    })
}

/// A new acme journey for a customer with `reference` (one `journey.created` event); its id.
pub(crate) async fn new_journey(app: &TestApp, reference: &str) -> (String, String) {
    let operator = app.signed_in("operator@acme.test").await;
    let customer = app.create_customer(&operator, "Asha Rao", reference).await;
    app.generate_link(&operator, &customer, &[("steps[0]", "documents")])
        .await
}

/// One acme journey created and fanned out, to an endpoint taking `journey.created` only.
pub(crate) async fn one_message(app: &TestApp, receiver: &Receiver) -> CreatedEndpoint {
    let acme = merchant(app, "acme").await;
    let created = endpoint(app, acme, &receiver.url, &[EventType::JourneyCreated]).await;
    new_journey(app, "").await;
    fan_out_all(&app.db, OffsetDateTime::now_utc())
        .await
        .unwrap();
    created
}

pub(crate) async fn delivery_state(app: &TestApp, endpoint_id: Uuid) -> (String, i32) {
    sqlx::query_as("SELECT status, attempts FROM webhook_deliveries WHERE endpoint_id = $1")
        .bind(endpoint_id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}
