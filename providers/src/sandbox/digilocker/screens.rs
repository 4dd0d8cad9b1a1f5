//! The sign-in journey: authorize request, mobile number, OTP, consent, then back to the
//! client's redirect URI. The pending sign-in stays in server memory under a random id the
//! forms carry; the persona's data never goes into a URL.

use std::collections::HashMap;
use std::time::Instant;

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;

use super::personas::Kind;
use super::{pages, random_id, Flow, Grant, Sandbox, OTP};

const MAX_WRONG_OTPS: u8 = 5;
const EXPIRED: &str = "This sign-in has expired or was already finished.";

type Fields = HashMap<String, String>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .get(name)
        .map(String::as_str)
        .unwrap_or_default()
        .trim()
}

/// A 302 to the client's redirect URI with `params` added to its query.
fn back_to_client(redirect_uri: &str, params: &[(&str, &str)]) -> Response {
    let Ok(mut url) = url::Url::parse(redirect_uri) else {
        return pages::problem(
            StatusCode::BAD_REQUEST,
            "The redirect_uri is not a valid URL.",
        );
    };
    url.query_pairs_mut().extend_pairs(params);
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, url.to_string()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
    )
        .into_response()
}

pub(super) async fn authorize(
    State(sandbox): State<Sandbox>,
    Query(query): Query<Fields>,
) -> Response {
    let config = &sandbox.0.config;
    if field(&query, "client_id") != config.client_id {
        return pages::problem(
            StatusCode::BAD_REQUEST,
            "The client_id is not known to the sandbox.",
        );
    }
    let redirect_uri = field(&query, "redirect_uri");
    let redirect_ok = url::Url::parse(redirect_uri)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.fragment().is_none())
        && config
            .registered_redirect_uri
            .as_deref()
            .is_none_or(|registered| registered == redirect_uri);
    if !redirect_ok {
        return pages::problem(
            StatusCode::BAD_REQUEST,
            "The redirect_uri is missing, not an http(s) URL, or not the one registered.",
        );
    }
    let state = field(&query, "state");
    let refuse = |error: &str, description: &str| {
        let mut params = vec![("error", error), ("error_description", description)];
        if !state.is_empty() {
            params.push(("state", state));
        }
        back_to_client(redirect_uri, &params)
    };
    if field(&query, "response_type") != "code" {
        return refuse("unsupported_response_type", "response_type must be code");
    }
    if field(&query, "code_challenge_method") != "S256" {
        return refuse(
            "invalid_request",
            "PKCE with code_challenge_method=S256 is required",
        );
    }
    let challenge = field(&query, "code_challenge");
    let challenge_ok = challenge.len() == 43
        && challenge
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !challenge_ok {
        return refuse(
            "invalid_request",
            "code_challenge must be a base64url SHA-256",
        );
    }
    if state.is_empty() {
        return refuse("invalid_request", "state is required");
    }
    let id = random_id();
    let now = Instant::now();
    {
        let mut store = sandbox.store();
        store.prune(now);
        if store.full() {
            return refuse("temporarily_unavailable", "the sandbox is busy");
        }
        store.flows.insert(
            id.clone(),
            Flow {
                client_redirect: redirect_uri.to_owned(),
                state: state.to_owned(),
                challenge: challenge.to_owned(),
                persona: None,
                verified: false,
                wrong_otps: 0,
                started: now,
            },
        );
    }
    pages::sign_in(
        &sandbox.url("/oauth2/1/signin"),
        &id,
        None,
        &sandbox.0.personas,
    )
}

pub(super) async fn sign_in(State(sandbox): State<Sandbox>, Form(form): Form<Fields>) -> Response {
    let id = field(&form, "flow");
    let login = field(&form, "login");
    let found = sandbox.0.personas.iter().position(|p| p.answers_to(login));
    let mut store = sandbox.store();
    store.prune(Instant::now());
    let Some(flow) = store.flows.get_mut(id) else {
        return pages::problem(StatusCode::BAD_REQUEST, EXPIRED);
    };
    let action = sandbox.url("/oauth2/1/signin");
    let Some(index) = found else {
        let error = "No sandbox account has that mobile number or username. Open the list of \
                     test accounts below.";
        return pages::sign_in(&action, id, Some(error), &sandbox.0.personas);
    };
    flow.persona = Some(index);
    flow.verified = false;
    let mobile = sandbox
        .0
        .personas
        .get(index)
        .map_or("", |p| p.mobile.as_str());
    pages::otp(&sandbox.url("/oauth2/1/otp"), id, mobile, None)
}

pub(super) async fn otp(State(sandbox): State<Sandbox>, Form(form): Form<Fields>) -> Response {
    let id = field(&form, "flow");
    let mut store = sandbox.store();
    store.prune(Instant::now());
    let Some(flow) = store.flows.get_mut(id) else {
        return pages::problem(StatusCode::BAD_REQUEST, EXPIRED);
    };
    let Some(index) = flow.persona else {
        return pages::problem(
            StatusCode::BAD_REQUEST,
            "Sign in with a mobile number first.",
        );
    };
    if field(&form, "otp") == OTP {
        flow.verified = true;
        return pages::consent(&sandbox.url("/oauth2/1/consent"), id);
    }
    flow.wrong_otps += 1;
    if flow.wrong_otps >= MAX_WRONG_OTPS {
        store.flows.remove(id);
        return pages::problem(StatusCode::BAD_REQUEST, "Too many wrong codes.");
    }
    let mobile = sandbox
        .0
        .personas
        .get(index)
        .map_or("", |p| p.mobile.as_str());
    let error = "That code is not right. Check it and try again.";
    pages::otp(&sandbox.url("/oauth2/1/otp"), id, mobile, Some(error))
}

pub(super) async fn consent(State(sandbox): State<Sandbox>, Form(form): Form<Fields>) -> Response {
    let id = field(&form, "flow");
    let now = Instant::now();
    let mut store = sandbox.store();
    store.prune(now);
    let Some(flow) = store.flows.remove(id) else {
        return pages::problem(StatusCode::BAD_REQUEST, EXPIRED);
    };
    let (Some(index), true) = (flow.persona, flow.verified) else {
        return pages::problem(StatusCode::BAD_REQUEST, "Sign in and enter the code first.");
    };
    let not_linked = sandbox
        .0
        .personas
        .get(index)
        .is_some_and(|p| p.kind == Kind::NotLinked);
    let redirect = flow.client_redirect.as_str();
    let state = flow.state.as_str();
    match field(&form, "decision") {
        "allow" if !not_linked => {
            let code = random_id();
            store.codes.insert(
                code.clone(),
                Grant {
                    persona: index,
                    redirect_uri: flow.client_redirect.clone(),
                    challenge: flow.challenge.clone(),
                    issued: now,
                    used: false,
                    token: None,
                },
            );
            back_to_client(redirect, &[("code", &code), ("state", state)])
        }
        "allow" | "not_linked" => back_to_client(
            redirect,
            &[
                ("error", "aadhaar_not_linked"),
                (
                    "error_description",
                    "Aadhaar is not linked to this DigiLocker account",
                ),
                ("state", state),
            ],
        ),
        "deny" => back_to_client(
            redirect,
            &[
                ("error", "access_denied"),
                ("error_description", "The user denied access"),
                ("state", state),
            ],
        ),
        _ => pages::problem(StatusCode::BAD_REQUEST, "Choose Allow or Deny."),
    }
}
