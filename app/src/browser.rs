//! Browser-only helpers: the file a person picked, and sending a file to an upload route.

use kyc_i18n::{t, Lang};
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
/// server's message on refusal, already worded for the customer; failures that never got
/// an answer from the server are worded in `lang`.
pub async fn upload(
    lang: Lang,
    url: &str,
    body: JsValue,
    content_type: &str,
) -> Result<(), String> {
    let request = gloo_net::http::Request::post(url)
        .header("Content-Type", content_type)
        .body(body)
        .map_err(|_| t!(lang, "upload-unreadable"))?;
    let response = request
        .send()
        .await
        .map_err(|_| t!(lang, "upload-not-sent"))?;
    if response.ok() {
        return Ok(());
    }
    let message = response
        .json::<serde_json::Value>()
        .await
        .ok()
        .and_then(|body| body["error"]["message"].as_str().map(str::to_owned))
        // The status is a code, not a quantity, so it goes in as text.
        .unwrap_or_else(|| {
            t!(
                lang,
                "upload-failed",
                status = response.status().to_string()
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

/// `iso` (an RFC 3339 moment) as the person reads it: their time zone, in `lang`
/// (the browser's own variant of it when it has one, e.g. `en-IN`), with the zone's name.
pub fn local_time(iso: &str, lang: &str) -> Option<String> {
    let millis = js_sys::Date::parse(iso);
    if millis.is_nan() {
        return None;
    }
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let preferred = web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|tag| tag.split('-').next() == Some(lang))
        .unwrap_or_else(|| lang.to_owned());
    let options = js_sys::Object::new();
    for (key, value) in [
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let locales = js_sys::Array::of1(&preferred.into());
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()?
        .as_string()
}
