//! A local DigiLocker sandbox speaking the Authorized Partner protocol the client uses:
//! sign-in screens (mobile number, OTP, consent), the token endpoint with PKCE, user
//! details, the issued-files list and the e-Aadhaar XML, with test accounts for each
//! outcome (see `digilocker/personas.json`; the OTP is always 123456).
//!
//! SANDBOX ONLY: `digilocker/sandbox-key.pem` and `digilocker/untrusted-key.pem` are
//! published test keys. A production deployment must never trust [`SANDBOX_CERT_PEM`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use serde_json::json;
use subtle::ConstantTimeEq;

use crate::digilocker::code_challenge;

mod pages;
mod personas;
mod screens;

use personas::{Kind, Persona, Signer};

/// The certificate the sandbox signs e-Aadhaar documents with: trust it in sandbox mode only.
pub const SANDBOX_CERT_PEM: &str = include_str!("digilocker/sandbox-cert.pem");
const SANDBOX_KEY_PEM: &str = include_str!("digilocker/sandbox-key.pem");
/// A certificate nobody trusts, for the persona whose document is signed by a stranger.
pub const UNTRUSTED_CERT_PEM: &str = include_str!("digilocker/untrusted-cert.pem");
const UNTRUSTED_KEY_PEM: &str = include_str!("digilocker/untrusted-key.pem");
const PHOTO_JPEG: &[u8] = include_bytes!("digilocker/photo.jpg");

/// The sandbox's default credentials (any deployment using the sandbox is not production).
pub const CLIENT_ID: &str = "digilocker-sandbox-client";
pub const CLIENT_SECRET: &str = "digilocker-sandbox-secret";
/// The OTP every sandbox persona accepts.
pub const OTP: &str = "123456";

const FLOW_LIFETIME: Duration = Duration::from_secs(15 * 60);
const CODE_LIFETIME: Duration = Duration::from_secs(10 * 60);
const TOKEN_LIFETIME: Duration = Duration::from_secs(60 * 60);
/// Pending entries kept at most, so that a loop of sign-ins cannot fill the memory.
const MAX_ENTRIES: usize = 10_000;

#[derive(Clone)]
pub struct SandboxConfig {
    /// Where the router is reachable from a browser, with its prefix and no trailing slash,
    /// e.g. `http://127.0.0.1:3000/sandbox/digilocker`.
    pub public_base: String,
    pub client_id: String,
    pub client_secret: String,
    /// How long the "slow" persona's e-Aadhaar takes.
    pub delay_for_slow: Duration,
    /// The partner's registered redirect URI: when set, authorize refuses any other (as
    /// DigiLocker does); when not, any http(s) URL is accepted (the sandbox's own tests).
    pub registered_redirect_uri: Option<String>,
}

impl SandboxConfig {
    /// The default credentials and a 30 second delay for the slow persona.
    pub fn new(public_base: impl Into<String>) -> Self {
        SandboxConfig {
            public_base: public_base.into().trim_end_matches('/').to_owned(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            delay_for_slow: Duration::from_secs(30),
            registered_redirect_uri: None,
        }
    }
}

/// A sign-in between the authorize request and the consent decision.
struct Flow {
    client_redirect: String,
    state: String,
    challenge: String,
    persona: Option<usize>,
    verified: bool,
    wrong_otps: u8,
    started: Instant,
}

/// An authorisation code.
struct Grant {
    persona: usize,
    redirect_uri: String,
    challenge: String,
    issued: Instant,
    used: bool,
    token: Option<String>,
}

#[derive(Default)]
struct Store {
    flows: HashMap<String, Flow>,
    codes: HashMap<String, Grant>,
    tokens: HashMap<String, (usize, Instant)>,
}

impl Store {
    fn prune(&mut self, now: Instant) {
        self.flows
            .retain(|_, f| now.duration_since(f.started) < FLOW_LIFETIME);
        self.codes
            .retain(|_, g| now.duration_since(g.issued) < CODE_LIFETIME);
        self.tokens.retain(|_, (_, expires)| *expires > now);
    }

    fn full(&self) -> bool {
        self.flows.len() + self.codes.len() + self.tokens.len() >= MAX_ENTRIES
    }
}

struct Inner {
    config: SandboxConfig,
    personas: Vec<Persona>,
    signer: Signer,
    untrusted: Signer,
    store: Mutex<Store>,
}

#[derive(Clone)]
struct Sandbox(Arc<Inner>);

impl Sandbox {
    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic elsewhere cannot leave the maps half-written in a way that matters here.
        self.0.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0.config.public_base)
    }
}

/// The sandbox's routes, to nest under the prefix `config.public_base` ends with.
pub fn router(config: SandboxConfig) -> Router {
    let sandbox = Sandbox(Arc::new(Inner {
        config,
        personas: personas::load(),
        signer: Signer::from_pem(SANDBOX_KEY_PEM, SANDBOX_CERT_PEM),
        untrusted: Signer::from_pem(UNTRUSTED_KEY_PEM, UNTRUSTED_CERT_PEM),
        store: Mutex::new(Store::default()),
    }));
    Router::new()
        .route("/oauth2/1/authorize", get(screens::authorize))
        .route("/oauth2/1/signin", post(screens::sign_in))
        .route("/oauth2/1/otp", post(screens::otp))
        .route("/oauth2/1/consent", post(screens::consent))
        .route("/oauth2/1/token", post(token))
        .route("/oauth2/1/user", get(user))
        .route("/oauth2/2/files/issued", get(issued_files))
        .route("/oauth2/2/xml/eaadhaar", get(eaadhaar))
        .with_state(sandbox)
}

fn random_id() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn same(a: &str, b: &str) -> bool {
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({ "error": error, "error_description": description });
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

async fn token(
    State(sandbox): State<Sandbox>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let config = &sandbox.0.config;
    if !same(field("client_id"), &config.client_id)
        || !same(field("client_secret"), &config.client_secret)
    {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "unknown client or wrong secret",
        );
    }
    if field("grant_type") != "authorization_code" {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only authorization_code",
        );
    }
    let invalid = |why: &str| oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", why);
    let now = Instant::now();
    let mut guard = sandbox.store();
    let store = &mut *guard;
    store.prune(now);
    let Some(grant) = store.codes.get_mut(field("code")) else {
        return invalid("the code is unknown or expired");
    };
    if grant.used {
        // A replayed code revokes what it gave (RFC 6749 section 4.1.2).
        if let Some(token) = grant.token.take() {
            store.tokens.remove(&token);
        }
        return invalid("the code was already used");
    }
    grant.used = true;
    if grant.redirect_uri != field("redirect_uri") {
        return invalid("redirect_uri differs from the authorization request");
    }
    let verifier = field("code_verifier");
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c));
    if !well_formed || !same(&code_challenge(verifier), &grant.challenge) {
        return invalid("code_verifier does not match the code_challenge");
    }
    let access_token = random_id();
    grant.token = Some(access_token.clone());
    let persona_index = grant.persona;
    store
        .tokens
        .insert(access_token.clone(), (persona_index, now + TOKEN_LIFETIME));
    drop(guard);
    let Some(persona) = sandbox.0.personas.get(persona_index) else {
        return invalid("unknown account");
    };
    let mut body = user_details(persona);
    body["access_token"] = json!(access_token);
    body["token_type"] = json!("Bearer");
    body["expires_in"] = json!(TOKEN_LIFETIME.as_secs());
    body["scope"] = json!("files.issueddocs userdetails");
    (
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response()
}

fn user_details(persona: &Persona) -> serde_json::Value {
    let eaadhaar = if persona.kind == Kind::EaadhaarNotAvailable {
        "N"
    } else {
        "Y"
    };
    json!({
        "digilocker_id": persona.digilocker_id(),
        "name": persona.name,
        "dob": persona.dob_compact(),
        "gender": persona.gender,
        "eaadhaar": eaadhaar,
        "reference_key": format!("sandbox-reference-{}", persona.username),
    })
}

/// The persona a bearer token belongs to.
fn bearer<'a>(sandbox: &'a Sandbox, headers: &HeaderMap) -> Option<&'a Persona> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let mut store = sandbox.store();
    store.prune(Instant::now());
    store
        .tokens
        .get(token.trim())
        .and_then(|(index, _)| sandbox.0.personas.get(*index))
}

fn unauthorised() -> Response {
    oauth_error(
        StatusCode::UNAUTHORIZED,
        "invalid_token",
        "unknown or expired token",
    )
}

async fn user(State(sandbox): State<Sandbox>, headers: HeaderMap) -> Response {
    match bearer(&sandbox, &headers) {
        Some(persona) => Json(user_details(persona)).into_response(),
        None => unauthorised(),
    }
}

async fn issued_files(State(sandbox): State<Sandbox>, headers: HeaderMap) -> Response {
    let persona = match bearer(&sandbox, &headers) {
        Some(persona) => persona,
        None => return unauthorised(),
    };
    let items = if persona.kind == Kind::EaadhaarNotAvailable {
        json!([])
    } else {
        json!([{
            "name": "Aadhaar Card",
            "type": "file",
            "size": "",
            "date": time::OffsetDateTime::now_utc().date().to_string(),
            "parent": "",
            "mime": ["application/xml", "application/pdf"],
            "uri": format!("in.gov.uidai-ADHAR-sandbox-{}", persona.username),
            "doctype": "ADHAR",
            "description": "Aadhaar Card",
            "issuerid": "in.gov.uidai",
            "issuer": "Aadhaar, Unique Identification Authority of India",
        }])
    };
    Json(json!({ "items": items, "resource": "issued" })).into_response()
}

async fn eaadhaar(State(sandbox): State<Sandbox>, headers: HeaderMap) -> Response {
    let persona = match bearer(&sandbox, &headers) {
        Some(persona) => persona,
        None => return unauthorised(),
    };
    let unsigned = persona.unsigned_xml(PHOTO_JPEG, time::OffsetDateTime::now_utc());
    let document = match persona.kind {
        Kind::EaadhaarNotAvailable | Kind::NotLinked => {
            return oauth_error(
                StatusCode::NOT_FOUND,
                "not_found",
                "no e-Aadhaar in this account",
            )
        }
        Kind::Failing => {
            return oauth_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "server_error",
                "sandbox failure",
            )
        }
        Kind::Normal => sandbox.0.signer.sign(&unsigned),
        Kind::Slow => {
            tokio::time::sleep(sandbox.0.config.delay_for_slow).await;
            sandbox.0.signer.sign(&unsigned)
        }
        Kind::Tampered => sandbox
            .0
            .signer
            .sign(&unsigned)
            .map(|s| personas::tamper(&s)),
        Kind::Unsigned => Ok(unsigned),
        Kind::Untrusted => sandbox.0.untrusted.sign(&unsigned),
    };
    match document {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/xml")], xml).into_response(),
        Err(_) => {
            tracing::error!("the DigiLocker sandbox could not sign a document");
            oauth_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "signing failed",
            )
        }
    }
}

#[cfg(test)]
mod tests;
