//! Every route and server function, swept: each is enumerated at run time (the server-function
//! registry, the server's own route list, the app's pages, the API's OpenAPI document) and
//! called by every kind of identity. Who may pass is declared beside the code
//! (`kyc_app::access::SERVER_FUNCTIONS`, `kyc_server::router::route_gates`, the permission
//! table) and written here again by hand; the test fails when the two differ, when anything is
//! missing from either, when an answer contradicts them, or when anyone but merchant A's own
//! staff and customer finds any of A's records in an answer.

use std::collections::{BTreeMap, BTreeSet};

use kyc_core::access::Gate;
use reqwest::{Client, Method, StatusCode};
use serde_json::Value;

use crate::review::submitted;
use crate::support::{browser, TestApp};

mod matrix;
use matrix::{letters, Reach, API, ROUTES, SERVER_FUNCTIONS};
use Reach::{Names, Own};

/// One identity of the sweep.
struct Who {
    name: &'static str,
    client: Client,
    /// `c`, `o`, `r`, `a`, or empty for nobody.
    letter: &'static str,
    /// Merchant A's own staff or the customer of A's journey: they use a form of ids that
    /// exist nowhere (their reach is proven by the other tests; here only their gate).
    own: bool,
}

/// What an identity may do with an entry point whose hand-written letters are `allowed`.
fn passes(allowed: &str, who: &Who) -> bool {
    match allowed {
        "*" => true,
        "p" => false,
        "s" => matches!(who.letter, "o" | "r" | "a"),
        "c" => who.letter == "c",
        roles => !who.letter.is_empty() && who.letter != "c" && roles.contains(who.letter),
    }
}

/// Refused: 401, 403, 404, 410, or a redirect to the sign-in or invalid-link page.
fn refused(status: StatusCode, location: Option<&str>) -> bool {
    let to_a_dead_end = status.is_redirection()
        && location.is_some_and(|to| ["/login", "/link-invalid", "/link-withdrawn"].contains(&to));
    to_a_dead_end || refused_status(status)
}

fn refused_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::GONE
    )
}

/// Merchant A's records, and the strings that would give them away.
struct Seeded {
    ids: BTreeMap<&'static str, String>,
    secrets: Vec<String>,
}

async fn json(response: reqwest::Response) -> Value {
    let status = response.status();
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: {text}"))
}

/// Merchant A (acme) with a submitted journey whose customer has a distinctive name, a
/// comment, a ticket, a webhook endpoint and an API key.
async fn seed(app: &TestApp) -> (Seeded, Client) {
    let (customer, journey_id) = submitted(app).await;
    let name = "Zenobia Quartermaine";
    let email = "zenobia.quartermaine@example.in";
    let phone = "+919812345678";
    sqlx::query(
        "UPDATE customers SET full_name = $2, email = $3, phone = $4
         WHERE id = (SELECT customer_id FROM journeys WHERE id = $1::uuid)",
    )
    .bind(&journey_id)
    .bind(name)
    .bind(email)
    .bind(phone)
    .execute(&app.db)
    .await
    .unwrap();
    let ticket = app
        .call(
            &customer,
            "open_ticket",
            &[
                ("subject", "Quartermaine question"),
                ("message", "Which side of the card?"),
            ],
        )
        .await;
    let ticket_id: String = json(ticket).await.as_str().unwrap().to_owned();
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let comment = app
        .call(
            &reviewer,
            "add_comment",
            &[
                ("journey_id", &journey_id),
                ("target", "step:documents"),
                ("visibility", "internal"),
                ("body", "Quartermaine internal note"),
            ],
        )
        .await;
    assert_eq!(comment.status(), StatusCode::OK);
    let case = json(
        app.call(&reviewer, "load_case", &[("journey_id", &journey_id)])
            .await,
    )
    .await;
    let document_id = case["documents"][0]["id"].as_str().unwrap().to_owned();
    let object_id = case["documents"][0]["files"][0]["object_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let customer_id: uuid::Uuid =
        sqlx::query_scalar("SELECT customer_id FROM journeys WHERE id = $1::uuid")
            .bind(&journey_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let customer_id = customer_id.to_string();
    let admin = app.signed_in("admin@acme.test").await;
    let webhook = json(
        app.call(
            &admin,
            "create_webhook",
            &[
                ("url", "http://127.0.0.1:9/quartermaine-hook"),
                ("event_types[0]", "journey.completed"),
            ],
        )
        .await,
    )
    .await;
    let webhook_id = webhook["id"].as_str().unwrap().to_owned();
    let key = json(
        app.call(
            &admin,
            "create_api_key",
            &[("name", "Quartermaine CRM"), ("scopes[0]", "read")],
        )
        .await,
    )
    .await;
    let key_id = key["key"]["id"].as_str().unwrap().to_owned();
    let reviewer_id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'reviewer@acme.test'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let merchant_id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM merchants WHERE slug = 'acme'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let ids = BTreeMap::from([
        ("journey_id", journey_id.clone()),
        ("customer_id", customer_id.clone()),
        ("document_id", document_id.clone()),
        ("object_id", object_id.clone()),
        ("ticket_id", ticket_id.clone()),
        ("webhook_id", webhook_id.clone()),
        ("key_id", key_id),
        ("user_id", reviewer_id.to_string()),
        ("merchant_id", merchant_id.to_string()),
    ]);
    let secrets = vec![
        journey_id,
        customer_id,
        document_id,
        object_id,
        ticket_id,
        webhook_id,
        name.to_owned(),
        email.to_owned(),
        phone.to_owned(),
        "Quartermaine".to_owned(),
        "quartermaine".to_owned(),
    ];
    (Seeded { ids, secrets }, customer)
}

/// Every field any server function takes, filled with `ids` (A's records, or ids that exist
/// nowhere) and harmless values: unknown fields are ignored, so each function reads its own.
fn universal_form(ids: &BTreeMap<&'static str, String>) -> Vec<(String, String)> {
    let id = |name: &str| ids.get(name).cloned().unwrap_or_default();
    let mut form: Vec<(&str, String)> = vec![
        ("journey_id", id("journey_id")),
        ("customer_id", id("customer_id")),
        ("document_id", id("document_id")),
        ("ticket_id", id("ticket_id")),
        ("result_id", id("document_id")),
        ("key_id", id("key_id")),
        ("id", id("webhook_id")),
        ("user_id", id("user_id")),
        ("message_id", id("document_id")),
        ("version", "1".into()),
        ("page", "0".into()),
        ("decision", "approve".into()),
        ("resolution", "false_positive".into()),
        ("reason", "blurry".into()),
        ("mode", "retry".into()),
        ("comment", "sweep".into()),
        ("visibility", "internal".into()),
        ("target", "step:documents".into()),
        ("step", "documents".into()),
        ("steps[0]", "documents".into()),
        ("body", "sweep".into()),
        ("subject", "Sweep".into()),
        ("message", "sweep".into()),
        ("language", "hi".into()),
        ("back", "/journey".into()),
        ("assignee", "me".into()),
        ("scope", "all".into()),
        ("search", "".into()),
        ("email", "sweep@example.in".into()),
        ("password", "not-the-password".into()),
        ("current", "not-the-password".into()),
        ("new", "not-the-password".into()),
        ("confirm", "not-the-password".into()),
        ("code", "000000".into()),
        (
            "token",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into(),
        ),
        ("display_name", "Sweep".into()),
        ("name", "Sweep".into()),
        ("role", "operator".into()),
        ("enabled", "true".into()),
        ("policy", "none".into()),
        ("time_zone", "Asia/Kolkata".into()),
        ("primary_colour", "#123456".into()),
        ("accent_colour", "#654321".into()),
        ("fail_to", "50".into()),
        ("pass_from", "80".into()),
        ("review", "0.9".into()),
        ("show", "all".into()),
        ("action", "disable".into()),
        ("url", "http://127.0.0.1:9/sweep".into()),
        ("description", "".into()),
        ("event_types[0]", "journey.completed".into()),
        ("scopes[0]", "read".into()),
        ("validity_hours", "72".into()),
        ("date_of_birth", "1990-01-01".into()),
        ("input[full_name]", "Sweep Person".into()),
        ("input[email]", "sweep@example.in".into()),
        ("input[phone]", "".into()),
        ("input[external_ref]", "".into()),
        ("form[holder_name]", "Sweep".into()),
        ("form[account_number]", "1".into()),
        ("form[account_number_again]", "2".into()),
        ("form[ifsc]", "X".into()),
        ("query[state]", "".into()),
        ("query[journey]", "".into()),
    ];
    form.sort_by_key(|(name, _)| *name);
    form.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// Ids of the same kinds that exist nowhere.
fn nowhere(ids: &BTreeMap<&'static str, String>) -> BTreeMap<&'static str, String> {
    ids.keys()
        .map(|name| (*name, uuid::Uuid::new_v4().to_string()))
        .collect()
}

/// `path` with its `{parameters}` (or `:parameters`) replaced from `ids`.
fn fill(path: &str, ids: &BTreeMap<&'static str, String>) -> String {
    let param = |name: &str| -> String {
        match name {
            "id" | "journey_id" if path.contains("customers") => ids["customer_id"].clone(),
            "id" | "journey_id" => ids["journey_id"].clone(),
            // A link token and a hand-off code have one shape: a well-formed one that is
            // nobody's, so the page (not the shape check) answers.
            "token" | "code" => "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_owned(),
            "step" => "selfie".to_owned(),
            other => ids
                .get(other)
                .cloned()
                .unwrap_or_else(|| ids["journey_id"].clone()),
        }
    };
    // The upload routes read what is uploaded from the query: a well-formed one, so that only
    // the gate decides.
    let query = match path {
        "/journey/documents/files" => "?side=front&category=identity&type=passport",
        _ => "",
    };
    let filled = path
        .split('/')
        .map(|segment| {
            if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                param(name)
            } else if let Some(name) = segment.strip_prefix(':') {
                param(name)
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/");
    format!("{filled}{query}")
}

/// One call's outcome, for the report.
struct Finding {
    entry: String,
    who: &'static str,
    status: StatusCode,
    problem: String,
}

/// Where a redirect goes.
fn location_of(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Reads at most 256 kB of the body, within two seconds (the live stream never ends).
async fn body_of(response: reqwest::Response) -> String {
    use futures_util::StreamExt;
    let mut stream = response.bytes_stream();
    let mut body = Vec::new();
    let deadline = tokio::time::sleep(std::time::Duration::from_secs(2));
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            chunk = stream.next() => match chunk {
                Some(Ok(bytes)) => {
                    body.extend_from_slice(&bytes);
                    if body.len() > 256 * 1024 { break; }
                }
                _ => break,
            },
            () = &mut deadline => break,
        }
    }
    String::from_utf8_lossy(&body).into_owned()
}

/// Checks one answer against the matrix; returns the problem, if any.
fn judge(
    allowed: &str,
    reach: Reach,
    who: &Who,
    (status, location, body): (StatusCode, Option<&str>, &str),
    secrets: &[String],
) -> Option<String> {
    if status.is_server_error() {
        return Some(format!("a server error: {body}"));
    }
    let passes = passes(allowed, who);
    if !passes && allowed != "*" && !refused(status, location) {
        return Some(format!("should be refused, answered {status}"));
    }
    if passes
        && allowed != "*"
        && matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
    {
        return Some(format!("should pass the gate, answered {status}"));
    }
    // Merchant A's roles without the permission call with A's real records: only the role
    // check stands between them and the record, and it must answer 403.
    let role_gate = !matches!(allowed, "*" | "c" | "s" | "p");
    if who.own
        && !passes
        && role_gate
        && matches!(who.letter, "o" | "r" | "a")
        && status != StatusCode::FORBIDDEN
    {
        return Some(format!(
            "another role of the same merchant must be forbidden, answered {status}"
        ));
    }
    if who.own {
        return None;
    }
    if passes && reach == Names && allowed != "*" && status.is_success() {
        return Some(format!("found another's record: {status}"));
    }
    secrets
        .iter()
        .find(|secret| !secret.is_empty() && body.contains(secret.as_str()))
        .map(|secret| format!("leaked {secret:?}"))
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn every_route_and_server_function_admits_only_whom_it_declares_and_leaks_nothing(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (seeded, a_customer) = seed(&app).await;

    // The declarations match the hand-written matrix, and cover everything registered.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let declared: BTreeMap<&str, Gate> =
        kyc_app::access::SERVER_FUNCTIONS.iter().copied().collect();
    let by_hand: BTreeMap<&str, (&str, Reach)> = SERVER_FUNCTIONS
        .iter()
        .map(|(name, letters, reach)| (*name, (*letters, *reach)))
        .collect();
    let declared_names: BTreeSet<String> = declared.keys().map(|n| (*n).to_owned()).collect();
    let hand_names: BTreeSet<String> = by_hand.keys().map(|n| (*n).to_owned()).collect();
    assert_eq!(
        registered, declared_names,
        "registered vs declared server functions"
    );
    assert_eq!(
        declared_names, hand_names,
        "declared vs hand-written server functions"
    );
    for (name, gate) in &declared {
        assert_eq!(
            letters(*gate),
            by_hand[name].0,
            "{name}: declared vs by hand"
        );
    }
    let routes = kyc_server::router::route_gates();
    let route_keys: BTreeSet<(String, String)> = routes
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    let hand_routes: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p, _, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(route_keys, hand_routes, "the router's routes vs by hand");
    for route in &routes {
        let hand = ROUTES
            .iter()
            .find(|(m, p, _, _)| *m == route.method && *p == route.path)
            .map(|r| r.2)
            .unwrap_or_default();
        assert_eq!(letters(route.gate), hand, "{} {}", route.method, route.path);
    }
    let document: Value = json(
        browser()
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let operations: BTreeSet<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let hand_api: BTreeSet<(String, String)> = API
        .iter()
        .map(|(m, p, _, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(
        operations, hand_api,
        "the OpenAPI document's operations vs by hand"
    );

    // The identities.
    let (other_customer, _) = app.customer_with_link(&["documents"]).await;
    add_globex_reviewer(&app).await;
    let mut everyone = vec![
        Who {
            name: "nobody",
            client: browser(),
            letter: "",
            own: false,
        },
        Who {
            name: "customer of another journey",
            client: other_customer,
            letter: "c",
            own: false,
        },
        Who {
            name: "B operator",
            client: app.signed_in("operator@globex.test").await,
            letter: "o",
            own: false,
        },
        Who {
            name: "B reviewer",
            client: app.signed_in("reviewer@globex.test").await,
            letter: "r",
            own: false,
        },
        Who {
            name: "B admin",
            client: app.signed_in("admin@globex.test").await,
            letter: "a",
            own: false,
        },
        Who {
            name: "A customer",
            client: a_customer,
            letter: "c",
            own: true,
        },
        Who {
            name: "A operator",
            client: app.signed_in("operator@acme.test").await,
            letter: "o",
            own: true,
        },
        Who {
            name: "A reviewer",
            client: app.signed_in("reviewer@acme.test").await,
            letter: "r",
            own: true,
        },
        Who {
            name: "A admin",
            client: app.signed_in("admin@acme.test").await,
            letter: "a",
            own: true,
        },
    ];
    let theirs = universal_form(&seeded.ids);
    let elsewhere = nowhere(&seeded.ids);
    let ours = universal_form(&elsewhere);
    let mut findings = Vec::new();
    let mut calls = 0;

    // Server functions (signing out last: it ends the sessions the others use).
    let mut names: Vec<&(&str, &str, Reach)> = SERVER_FUNCTIONS.iter().collect();
    names.sort_by_key(|(name, _, _)| *name == "logout");
    for (name, allowed, reach) in names {
        for who in &everyone {
            // A's own who pass the gate use ids that exist nowhere (their reach is the
            // other tests' business); everyone else uses A's real records.
            let form = if who.own && passes(allowed, who) {
                &ours
            } else {
                &theirs
            };
            let response = who
                .client
                .post(app.url(&format!("/api/{name}")))
                .form(form)
                .send()
                .await
                .unwrap();
            let status = response.status();
            let location = location_of(&response);
            let body = body_of(response).await;
            calls += 1;
            if status == StatusCode::BAD_REQUEST {
                findings.push(Finding {
                    entry: (*name).to_owned(),
                    who: who.name,
                    status,
                    problem: format!("the form does not fit: {body}"),
                });
            } else if let Some(problem) = judge(
                allowed,
                *reach,
                who,
                (status, location.as_deref(), &body),
                &seeded.secrets,
            ) {
                findings.push(Finding {
                    entry: (*name).to_owned(),
                    who: who.name,
                    status,
                    problem,
                });
            }
        }
    }
    // Signed out by the sweep: sign the staff in again for the routes.
    for who in &mut everyone {
        if let Some(email) = staff_email(who.name) {
            who.client = app.signed_in(email).await;
        }
    }

    // The server's own routes and the app's pages.
    let pages: Vec<String> = leptos_axum::generate_route_list(kyc_app::App)
        .iter()
        .map(|listing| listing.path().to_owned())
        .collect();
    let mut entries: Vec<(String, String, &str, Reach)> = ROUTES
        .iter()
        .map(|(m, p, allowed, reach)| ((*m).to_owned(), (*p).to_owned(), *allowed, *reach))
        .collect();
    entries.extend(
        pages
            .iter()
            .map(|p| ("GET".to_owned(), p.clone(), "*", Own)),
    );
    for (method, path, allowed, reach) in &entries {
        for who in &everyone {
            let ids = if who.own && passes(allowed, who) {
                &elsewhere
            } else {
                &seeded.ids
            };
            let url = app.url(&fill(path, ids));
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let response = who.client.request(method, url).send().await.unwrap();
            let status = response.status();
            let location = location_of(&response);
            let body = body_of(response).await;
            calls += 1;
            if let Some(problem) = judge(
                allowed,
                *reach,
                who,
                (status, location.as_deref(), &body),
                &seeded.secrets,
            ) {
                findings.push(Finding {
                    entry: path.clone(),
                    who: who.name,
                    status,
                    problem,
                });
            }
        }
    }

    // The API, by key: none, merchant B's with every scope, merchant A's with one scope each.
    let b_admin = app.signed_in("admin@globex.test").await;
    let a_admin = app.signed_in("admin@acme.test").await;
    let key = |client: Client, scope: &'static str| {
        let app = &app;
        async move {
            let created = json(
                app.call(
                    &client,
                    "create_api_key",
                    &[("name", "Sweep"), ("scopes[0]", scope)],
                )
                .await,
            )
            .await;
            created["secret"].as_str().unwrap().to_owned()
        }
    };
    let mut b_key_scopes = Vec::new();
    for scope in ["read", "write", "reports"] {
        b_key_scopes.push(key(b_admin.clone(), scope).await);
    }
    let mut keys: Vec<(&'static str, Option<String>, &'static str, bool)> =
        vec![("no key", None, "", false)];
    for (scope, secret) in ["read", "write", "reports"].into_iter().zip(b_key_scopes) {
        keys.push(("B key", Some(secret), scope, false));
    }
    for scope in ["read", "write", "reports"] {
        keys.push((
            "A key",
            Some(key(a_admin.clone(), scope).await),
            scope,
            true,
        ));
    }
    for (method, path, scope, reach) in API {
        for (name, secret, key_scope, own) in &keys {
            let ids = if *own && key_scope == scope {
                &elsewhere
            } else {
                &seeded.ids
            };
            let mut request = reqwest::Client::new().request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                app.url(&format!("/api/v1{}", fill(path, ids))),
            );
            if let Some(secret) = secret {
                request = request.bearer_auth(secret);
            }
            if *method == "POST" {
                request = request.json(&serde_json::json!({
                    "full_name": "Sweep Person",
                    "email": "sweep@example.in",
                    "customer_id": ids["customer_id"],
                    "steps": ["documents"],
                }));
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let location = location_of(&response);
            let body = body_of(response).await;
            calls += 1;
            let who = Who {
                name,
                client: browser(),
                letter: if secret.is_some() && key_scope == scope {
                    "k"
                } else {
                    ""
                },
                own: *own,
            };
            let allowed = if secret.is_some() && key_scope == scope {
                "k"
            } else {
                "-"
            };
            let problem = if secret.is_none() && status != StatusCode::UNAUTHORIZED {
                Some(format!("without a key: {status}"))
            } else if secret.is_some() && key_scope != scope && status != StatusCode::FORBIDDEN {
                Some(format!("without the scope: {status}"))
            } else {
                judge(
                    allowed,
                    *reach,
                    &who,
                    (status, location.as_deref(), &body),
                    &seeded.secrets,
                )
            };
            if let Some(problem) = problem {
                findings.push(Finding {
                    entry: format!("{method} /api/v1{path}"),
                    who: name,
                    status,
                    problem,
                });
            }
        }
    }

    // Malformed arguments (every field "x") are the caller's mistake: never a server error.
    let malformed: Vec<(String, String)> = theirs
        .iter()
        .map(|(name, _)| (name.clone(), "x".to_owned()))
        .collect();
    for (name, _, _) in SERVER_FUNCTIONS {
        let response = browser()
            .post(app.url(&format!("/api/{name}")))
            .form(&malformed)
            .send()
            .await
            .unwrap();
        calls += 1;
        let status = response.status();
        if status.is_server_error() {
            findings.push(Finding {
                entry: (*name).to_owned(),
                who: "nobody, with malformed fields",
                status,
                problem: body_of(response).await,
            });
        }
    }

    let entry_count = SERVER_FUNCTIONS.len() + entries.len() + API.len();
    println!(
        "route sweep: {} entry points ({} server functions, {} routes and pages, {} API operations) x identities = {calls} calls; {} problems",
        entry_count,
        SERVER_FUNCTIONS.len(),
        entries.len(),
        API.len(),
        findings.len()
    );
    let report: Vec<String> = findings
        .iter()
        .map(|f| format!("{} as {}: {} ({})", f.entry, f.who, f.problem, f.status))
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

fn staff_email(name: &str) -> Option<&'static str> {
    Some(match name {
        "B operator" => "operator@globex.test",
        "B reviewer" => "reviewer@globex.test",
        "B admin" => "admin@globex.test",
        "A operator" => "operator@acme.test",
        "A reviewer" => "reviewer@acme.test",
        "A admin" => "admin@acme.test",
        _ => return None,
    })
}

/// Globex has no reviewer in the demo data: one is added for the sweep.
async fn add_globex_reviewer(app: &TestApp) {
    let globex: uuid::Uuid = sqlx::query_scalar("SELECT id FROM merchants WHERE slug = 'globex'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let hash: String = sqlx::query_scalar(
        "SELECT password_hash FROM staff_users WHERE email = 'admin@globex.test'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let user = kyc_db::staff::create_user(
        &app.db,
        &kyc_db::staff::NewStaffUser {
            email: kyc_core::customer::EmailAddress::parse("reviewer@globex.test").unwrap(),
            display_name: "Gopal Reviewer".to_owned(),
            password_hash: hash,
            is_platform_admin: false,
        },
    )
    .await
    .unwrap();
    kyc_db::staff::grant_role(&app.db, user, globex, kyc_core::merchant::Role::Reviewer)
        .await
        .unwrap();
}
