//! Browser-only helpers for the journey: sending a file to an upload route.

use wasm_bindgen::JsValue;

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
