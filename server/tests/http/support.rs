//! Spawns the app on a free port and signs people in.

use kyc_db::PgPool;
use kyc_server::config::BankSettings;
use kyc_server::storage::DocumentStore;
use kyc_server::uploads::UploadSettings;
use kyc_server::{App, Config, Sandboxes};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

pub const PASSWORD: &str = kyc_server::demo::DEMO_PASSWORD;

pub struct TestApp {
    pub base: String,
    pub db: PgPool,
    pub store: DocumentStore,
    /// The directory the encrypted objects are written to (removed when the app is dropped).
    pub storage: tempfile::TempDir,
    /// The online checks' providers (the tests run the poller by hand).
    pub checks: kyc_server::checks::Checks,
    /// What the use cases run with (the same the app's front doors use).
    pub services: kyc_service::Services,
}

impl TestApp {
    /// The app on a free port, with the demo merchants (acme, globex) and their staff.
    pub async fn spawn(db: PgPool) -> TestApp {
        Self::spawn_with(db, UploadSettings::default()).await
    }

    /// [`TestApp::spawn`] with other upload limits.
    pub async fn spawn_with(db: PgPool, uploads: UploadSettings) -> TestApp {
        Self::spawn_configured(db, |config| config.uploads = uploads).await
    }

    /// [`TestApp::spawn`] with the configuration changed by `change`.
    pub async fn spawn_configured(db: PgPool, change: impl FnOnce(&mut Config)) -> TestApp {
        // Logs are captured from the first app on, for the tests that read them.
        let _ = logs();
        let sandboxes = Sandboxes {
            bank_delay: std::time::Duration::from_millis(300),
            bank_webhooks: true,
            digilocker_slow: std::time::Duration::from_secs(2),
        };
        Self::spawn_full(db, BankSettings::default(), sandboxes, change).await
    }

    /// The app using the penny-drop sandbox as `bank` says (sync or async), the sandbox
    /// behaving as `sandboxes` says.
    pub async fn spawn_with_sandboxes(
        db: PgPool,
        bank: BankSettings,
        sandboxes: Sandboxes,
    ) -> TestApp {
        Self::spawn_full(db, bank, sandboxes, |_| {}).await
    }

    async fn spawn_full(
        db: PgPool,
        bank: BankSettings,
        sandboxes: Sandboxes,
        change: impl FnOnce(&mut Config),
    ) -> TestApp {
        kyc_server::demo::seed(&db)
            .await
            .expect("seeding demo data");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding");
        let address = listener.local_addr().expect("address");
        let base = format!("http://{address}");
        let storage = tempfile::tempdir().expect("storage directory");
        let mut config = Config::development(address, storage.path().to_str().expect("utf-8 path"));
        config.bank = bank;
        config.sandboxes = Some(sandboxes);
        change(&mut config);
        let app = App::build(config, db.clone()).expect("the app");
        kyc_server::workers::start_live_dispatch(&app.state);
        let store = app.state.store.clone();
        let checks = app.state.checks.clone();
        let services = app.state.services.clone();
        app.spawn(listener);
        TestApp {
            base,
            db,
            store,
            storage,
            checks,
            services,
        }
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

impl TestApp {
    /// A customer holding an opened link to a new journey of acme with `steps` (form
    /// values such as `documents`), consent given; returns (customer client, journey id).
    pub async fn customer_with_link(&self, steps: &[&str]) -> (Client, String) {
        let (client, journey_id) = self.customer_before_consent(steps).await;
        let consent = self.call(&client, "give_consent", &[]).await;
        assert_eq!(consent.status(), StatusCode::OK, "giving consent");
        (client, journey_id)
    }

    /// [`TestApp::customer_with_link`] before the customer has accepted the consent.
    pub async fn customer_before_consent(&self, steps: &[&str]) -> (Client, String) {
        let operator = self.signed_in("operator@acme.test").await;
        let customer = self.create_customer(&operator, "Asha Rao", "").await;
        let names: Vec<String> = (0..steps.len()).map(|i| format!("steps[{i}]")).collect();
        let form: Vec<(&str, &str)> = names
            .iter()
            .map(String::as_str)
            .zip(steps.iter().copied())
            .collect();
        let (journey_id, url) = self.generate_link(&operator, &customer, &form).await;
        let client = browser();
        let opened = client.get(url).send().await.expect("opening the link");
        assert!(opened.status().is_redirection());
        (client, journey_id)
    }

    /// Every file under the storage directory.
    pub fn stored_files(&self) -> Vec<std::path::PathBuf> {
        fn walk(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else {
                    found.push(path);
                }
            }
        }
        let mut found = Vec::new();
        walk(self.storage.path(), &mut found);
        found
    }

    /// How many stored-object rows exist.
    pub async fn object_rows(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM stored_objects")
            .fetch_one(&self.db)
            .await
            .expect("count")
    }

    /// POSTs `body` with `content_type` to an upload route.
    pub async fn upload(
        &self,
        client: &Client,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Response {
        client
            .post(self.url(path))
            .header("content-type", content_type)
            .header("origin", &self.base)
            .body(body)
            .send()
            .await
            .expect("upload")
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

/// Everything the server logged in this test binary so far (every test's app logs into
/// one buffer, at `debug` for the platform's crates), for tests that check what logs hold.
pub fn logs() -> String {
    let buffer = LOGS.get_or_init(install_log_capture);
    String::from_utf8_lossy(&buffer.lock().map(|b| b.clone()).unwrap_or_default()).into_owned()
}

type Buffer = std::sync::Arc<std::sync::Mutex<Vec<u8>>>;

static LOGS: std::sync::OnceLock<Buffer> = std::sync::OnceLock::new();

struct Capture(Buffer);

impl std::io::Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn install_log_capture() -> Buffer {
    let buffer: Buffer = Default::default();
    let writer = buffer.clone();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            "warn,kyc_server=debug,kyc_app=debug,kyc_errors=debug,kyc_service=debug,kyc_db=debug",
        )
        .with_ansi(false)
        .with_writer(move || Capture(writer.clone()))
        .try_init();
    buffer
}
