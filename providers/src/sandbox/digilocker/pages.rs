//! The sandbox's server-rendered screens: small, readable on a phone, every input labelled.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::personas::{escape, Persona};

const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
background:#eef1f6;color:#1b2330}\
header{background:#1d3f8f;color:#fff;padding:.75rem 1rem;font-weight:600}\
header small{display:block;font-weight:400;opacity:.85}\
main{max-width:26rem;margin:1.5rem auto;padding:0 1rem}\
.card{background:#fff;border-radius:.75rem;padding:1.25rem;box-shadow:0 1px 3px #0002}\
h1{font-size:1.3rem;margin:0 0 .75rem}\
label{display:block;font-weight:600;margin:.75rem 0 .25rem}\
input[type=text],input[type=tel]{width:100%;padding:.65rem;font-size:1.1rem;\
border:1px solid #6b7585;border-radius:.4rem}\
button{display:block;width:100%;margin-top:.75rem;padding:.7rem;font-size:1rem;\
border-radius:.4rem;border:1px solid #1d3f8f;background:#1d3f8f;color:#fff;cursor:pointer}\
button.secondary{background:#fff;color:#1d3f8f}\
button.warning{background:#fff;color:#8a2c0d;border-color:#8a2c0d}\
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}\
.error{color:#a3161a;background:#fdecec;border-radius:.4rem;padding:.5rem .75rem}\
.hint{color:#4a5465;font-size:.9rem}\
ul{padding-left:1.25rem}\
details{margin-top:1rem}\
table{border-collapse:collapse;font-size:.85rem;width:100%}\
td,th{text-align:left;padding:.2rem .3rem;border-bottom:1px solid #dde2ea}";

/// A whole page, not cached, not framed, sending no referrer (the authorize URL carries
/// the state).
pub(super) fn page(status: StatusCode, heading: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{heading} - DigiLocker sandbox</title><style>{STYLE}</style></head><body>\
         <header>DigiLocker sandbox<small>Test service: no real accounts or documents</small>\
         </header><main><div class=\"card\"><h1>{heading}</h1>{body}</div></main></body></html>"
    );
    (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
            (header::X_FRAME_OPTIONS, "DENY"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            ),
        ],
        Html(html),
    )
        .into_response()
}

fn error_paragraph(error: Option<&str>) -> String {
    error.map_or(String::new(), |e| {
        format!(
            "<p class=\"error\" id=\"error\" role=\"alert\">{}</p>",
            escape(e)
        )
    })
}

fn described(error: Option<&str>) -> &'static str {
    if error.is_some() {
        " aria-invalid=\"true\" aria-describedby=\"error\""
    } else {
        ""
    }
}

pub(super) fn sign_in(
    action: &str,
    flow: &str,
    error: Option<&str>,
    personas: &[Persona],
) -> Response {
    let rows: String = personas
        .iter()
        .map(|p| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&p.mobile),
                escape(&p.username),
                escape(&p.scenario)
            )
        })
        .collect();
    let body = format!(
        "<p>Sign in to share documents from your DigiLocker.</p>{}\
         <form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"flow\" value=\"{}\">\
         <label for=\"login\">Mobile number or username</label>\
         <input type=\"tel\" id=\"login\" name=\"login\" autocomplete=\"username\" required autofocus{}>\
         <button type=\"submit\">Send code</button></form>\
         <details><summary>Test accounts</summary><table><tr><th>Mobile</th><th>Username</th>\
         <th>What happens</th></tr>{rows}</table><p class=\"hint\">The code is always 123456.</p>\
         </details>",
        error_paragraph(error),
        escape(action),
        escape(flow),
        described(error),
    );
    page(StatusCode::OK, "Sign in to DigiLocker", &body)
}

pub(super) fn otp(action: &str, flow: &str, mobile: &str, error: Option<&str>) -> Response {
    let last = mobile
        .get(mobile.len().saturating_sub(4)..)
        .unwrap_or_default();
    let body = format!(
        "<p>We sent a 6-digit code to the mobile number ending in {}.</p>{}\
         <form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"flow\" value=\"{}\">\
         <label for=\"otp\">Code</label>\
         <input type=\"text\" id=\"otp\" name=\"otp\" inputmode=\"numeric\" \
         autocomplete=\"one-time-code\" pattern=\"[0-9]*\" maxlength=\"6\" required autofocus{}>\
         <p class=\"hint\">Sandbox: the code is always 123456.</p>\
         <button type=\"submit\">Verify</button></form>",
        escape(last),
        error_paragraph(error),
        escape(action),
        escape(flow),
        described(error),
    );
    page(StatusCode::OK, "Enter the code", &body)
}

pub(super) fn consent(action: &str, flow: &str) -> Response {
    let body = format!(
        "<p>The site you came from asks to see, from your Aadhaar:</p>\
         <ul><li>Name</li><li>Date of birth</li><li>Gender</li><li>Address</li><li>Photo</li>\
         <li>e-Aadhaar document</li></ul>\
         <form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"flow\" value=\"{}\">\
         <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\
         <button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">Deny</button>\
         <button type=\"submit\" name=\"decision\" value=\"not_linked\" class=\"warning\">\
         Aadhaar not linked (simulate the error)</button></form>",
        escape(action),
        escape(flow),
    );
    page(StatusCode::OK, "Share your documents?", &body)
}

/// A dead end: the sign-in cannot go on, and there is nowhere safe to send the person back.
pub(super) fn problem(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<p class=\"error\" role=\"alert\">{}</p><p>Go back to the site you came from and start \
         again.</p>",
        escape(message)
    );
    page(status, "This sign-in cannot continue", &body)
}
