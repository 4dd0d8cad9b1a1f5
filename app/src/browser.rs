//! Browser-only helpers: the file a person picked, and sending a file to an upload route.

use leptos::prelude::event_target;
use wasm_bindgen::JsValue;

/// The file just picked in the `<input type="file">` of `ev`; the input is cleared so that
/// picking the same file again (after a refusal) is seen again.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let file = input.files().and_then(|files| files.get(0))?;
    input.set_value("");
    Some(file)
}

/// POSTs `body` (a `File`, `Blob` or byte array) to `url` with `content_type`; returns the
/// server's message on refusal, already worded for the customer.
pub async fn upload(url: &str, body: JsValue, content_type: &str) -> Result<(), String> {
    let request = gloo_net::http::Request::post(url)
        .header("Content-Type", content_type)
        .body(body)
        .map_err(|_| "The file could not be read. Please choose it again.".to_owned())?;
    let response = request.send().await.map_err(|_| {
        "The upload did not reach us. Check your connection and try again.".to_owned()
    })?;
    if response.ok() {
        return Ok(());
    }
    let message = response
        .json::<serde_json::Value>()
        .await
        .ok()
        .and_then(|body| body["error"]["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| {
            format!(
                "The upload failed (error {}). Please try again.",
                response.status()
            )
        });
    Err(message)
}

/// Bytes of a `data:` URL (as made by a canvas), as a JS byte array.
pub fn data_url_bytes(data_url: &str) -> Option<JsValue> {
    use base64::Engine;
    let (_, encoded) = data_url.split_once(";base64,")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    Some(js_sys::Uint8Array::from(&bytes[..]).into())
}
