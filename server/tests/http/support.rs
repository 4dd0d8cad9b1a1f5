//! Spawns the app on a free port and signs people in.

use kyc_db::PgPool;
use kyc_server::config::leptos_options;
use kyc_server::{router, ServerState};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

pub const PASSWORD: &str = kyc_server::demo::DEMO_PASSWORD;

pub struct TestApp {
    pub base: String,
    pub db: PgPool,
}

impl TestApp {
    /// The app on a free port, with the demo merchants (acme, globex) and their staff.
    pub async fn spawn(db: PgPool) -> TestApp {
        kyc_server::demo::seed(&db)
            .await
            .expect("seeding demo data");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding");
        let address = listener.local_addr().expect("address");
        let base = format!("http://{address}");
        let state = ServerState {
            leptos_options: leptos_options(address),
            db: db.clone(),
            public_url: base.clone(),
            production: false,
        };
        let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await });
        TestApp { base, db }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// POSTs a server function with form fields.
    pub async fn call(&self, client: &Client, name: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(self.url(&format!("/api/{name}")))
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// A client signed in as `email` (a demo user).
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = browser();
        let response = self
            .call(
                &client,
                "login",
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "signing in {email}");
        client
    }

    /// Creates a customer as the signed-in client; returns its id.
    pub async fn create_customer(&self, client: &Client, name: &str, reference: &str) -> String {
        let response = self
            .call(
                client,
                "create_customer",
                &[
                    ("input[full_name]", name),
                    ("input[email]", "c@example.in"),
                    ("input[phone]", ""),
                    ("input[external_ref]", reference),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json::<String>().await.expect("customer id")
    }

    /// Generates a link with the given steps; returns (journey id, url).
    pub async fn generate_link(
        &self,
        client: &Client,
        customer_id: &str,
        steps: &[(&str, &str)],
    ) -> (String, String) {
        let mut form = vec![("customer_id", customer_id), ("validity_hours", "72")];
        form.extend_from_slice(steps);
        let response = self.call(client, "generate_link", &form).await;
        assert_eq!(response.status(), StatusCode::OK);
        let link: Value = response.json().await.expect("link");
        (
            link["journey_id"].as_str().expect("id").to_owned(),
            link["url"].as_str().expect("url").to_owned(),
        )
    }
}

/// A client that keeps cookies and does not follow redirects, like a browser tab we inspect.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The session cookie a response sets, if any.
pub fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kyc_session="))
        .map(str::to_owned)
}

/// The body of the page at `url`, as `client` sees it.
pub async fn page(client: &Client, url: impl reqwest::IntoUrl) -> String {
    let response = client.get(url).send().await.expect("request");
    response.text().await.expect("body")
}
