//! `/api/v1/openapi.json` (the generated OpenAPI 3.1 document) and `/api/v1/docs`, a
//! reference page rendered from it on the server: no script, no CDN, readable on a phone.

use std::fmt::Write;
use std::sync::Arc;

use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;
use serde_json::Value;

pub fn router(document: Arc<utoipa::openapi::OpenApi>) -> Router {
    let json = Arc::new(serde_json::to_value(&*document).unwrap_or(Value::Null));
    let page = Arc::new(render(&json));
    Router::new()
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let json = json.clone();
                async move {
                    (
                        [(header::CACHE_CONTROL, "no-cache")],
                        axum::Json((*json).clone()),
                    )
                }
            }),
        )
        .route(
            "/api/v1/docs",
            get(move || {
                let page = page.clone();
                async move { Html((*page).clone()).into_response() }
            }),
        )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn schema_name(schema: &Value) -> String {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference.rsplit('/').next().unwrap_or(reference).to_owned();
    }
    if let Some(items) = schema.get("items") {
        return format!("array of {}", schema_name(items));
    }
    match schema.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "object".to_owned(),
    }
}

/// The reference page: every operation with its parameters, body and answers, then every
/// schema with its fields.
pub fn render(doc: &Value) -> String {
    let mut out = String::new();
    let title = doc["info"]["title"].as_str().unwrap_or("API");
    let _ = write!(
        out,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{t} reference</title><style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#111827;line-height:1.5}}\
         code{{background:#f3f4f6;padding:.1rem .3rem;border-radius:.25rem}}section{{border:1px solid #e5e7eb;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}}\
         .method{{font-weight:700;text-transform:uppercase;margin-right:.5rem}}table{{border-collapse:collapse;width:100%;font-size:.9rem}}\
         th,td{{text-align:left;border-top:1px solid #f3f4f6;padding:.25rem .5rem;vertical-align:top}}</style></head><body>\
         <h1>{t}</h1><p>{d}</p><p>The machine-readable document: <a href=\"/api/v1/openapi.json\"><code>/api/v1/openapi.json</code></a> (OpenAPI {v}). Paths are under <code>/api/v1</code>.</p><h2>Operations</h2>",
        t = escape(title),
        d = escape(doc["info"]["description"].as_str().unwrap_or("")),
        v = escape(doc["openapi"].as_str().unwrap_or("3.1")),
    );
    if let Some(paths) = doc["paths"].as_object() {
        for (path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, op) in item {
                let id = format!("{method}-{path}").replace(['/', '{', '}'], "-");
                let _ = write!(
                    out,
                    "<section id=\"{}\"><h3><span class=\"method\">{}</span><code>{}</code></h3><p>{}</p>",
                    escape(&id),
                    escape(method),
                    escape(path),
                    escape(op["description"].as_str().or(op["summary"].as_str()).unwrap_or("")),
                );
                if let Some(params) = op["parameters"].as_array().filter(|p| !p.is_empty()) {
                    out.push_str("<table><tr><th>Parameter</th><th>In</th><th>Type</th><th>Required</th><th>Meaning</th></tr>");
                    for p in params {
                        let _ = write!(
                            out,
                            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            escape(p["name"].as_str().unwrap_or("")),
                            escape(p["in"].as_str().unwrap_or("")),
                            escape(&schema_name(&p["schema"])),
                            if p["required"].as_bool().unwrap_or(false) { "yes" } else { "no" },
                            escape(p["description"].as_str().unwrap_or("")),
                        );
                    }
                    out.push_str("</table>");
                }
                if let Some(body) =
                    op["requestBody"]["content"]["application/json"]["schema"].as_object()
                {
                    let _ = write!(
                        out,
                        "<p>Body: <code>{}</code></p>",
                        escape(&schema_name(&Value::Object(body.clone())))
                    );
                }
                if let Some(responses) = op["responses"].as_object() {
                    out.push_str("<table><tr><th>Status</th><th>Meaning</th><th>Body</th></tr>");
                    for (status, answer) in responses {
                        let body = answer["content"]["application/json"]["schema"]
                            .as_object()
                            .map(|s| schema_name(&Value::Object(s.clone())))
                            .unwrap_or_default();
                        let _ = write!(
                            out,
                            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                            escape(status),
                            escape(answer["description"].as_str().unwrap_or("")),
                            escape(&body),
                        );
                    }
                    out.push_str("</table>");
                }
                out.push_str("</section>");
            }
        }
    }
    out.push_str("<h2>Schemas</h2>");
    if let Some(schemas) = doc["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            let _ = write!(
                out,
                "<section id=\"schema-{n}\"><h3><code>{n}</code></h3>",
                n = escape(name)
            );
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if let Some(props) = schema["properties"].as_object() {
                out.push_str(
                    "<table><tr><th>Field</th><th>Type</th><th>Required</th><th>Meaning</th></tr>",
                );
                for (field, prop) in props {
                    let _ = write!(
                        out,
                        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        escape(field),
                        escape(&schema_name(prop)),
                        if required.contains(&field.as_str()) {
                            "yes"
                        } else {
                            "no"
                        },
                        escape(prop["description"].as_str().unwrap_or("")),
                    );
                }
                out.push_str("</table>");
            }
            out.push_str("</section>");
        }
    }
    out.push_str("</body></html>");
    out
}
