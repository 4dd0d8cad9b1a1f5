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

/// Why an upload did not land: the words for the customer, and whether sending the same
/// file again may work (the connection dropped, the server failed) or not (it was refused).
#[derive(Debug, Clone)]
pub struct UploadError {
    pub message: String,
    pub retry: bool,
}

/// POSTs `body` (a `File`, `Blob` or byte array) to `url` with `content_type`; returns the
/// server's message on refusal, already worded for the customer; failures that never got
/// an answer from the server are worded in `lang`.
pub async fn upload(
    lang: Lang,
    url: &str,
    body: JsValue,
    content_type: &str,
) -> Result<(), UploadError> {
    let request = gloo_net::http::Request::post(url)
        .header("Content-Type", content_type)
        .body(body)
        .map_err(|_| UploadError {
            message: t!(lang, "upload-unreadable"),
            retry: false,
        })?;
    let response = request.send().await.map_err(|_| UploadError {
        message: t!(lang, "upload-not-sent"),
        retry: true,
    })?;
    if response.ok() {
        return Ok(());
    }
    let retry = response.status() >= 500 || response.status() == 408;
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
    Err(UploadError { message, retry })
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
    let date = moment(iso)?;
    let preferred = web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|tag| tag.split('-').next() == Some(lang))
        .unwrap_or_else(|| lang.to_owned());
    let format = date_format(
        &preferred,
        &[
            ("day", "numeric"),
            ("month", "short"),
            ("year", "numeric"),
            ("hour", "numeric"),
            ("minute", "2-digit"),
            ("timeZoneName", "short"),
        ],
    )?;
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()?
        .as_string()
}

/// `iso` in time zone `zone` (an IANA name) as staff read it: `2026-12-05 19:33:20 IST`,
/// the zone's short name as the browser knows it. `None` for a zone the browser does not
/// know.
pub fn zoned_time(iso: &str, zone: &str) -> Option<String> {
    let date = moment(iso)?;
    let format = date_format(
        "en-GB",
        &[
            ("year", "numeric"),
            ("month", "2-digit"),
            ("day", "2-digit"),
            ("hour", "2-digit"),
            ("minute", "2-digit"),
            ("second", "2-digit"),
            ("hourCycle", "h23"),
            ("timeZone", zone),
            ("timeZoneName", "short"),
        ],
    )?;
    let parts = format.format_to_parts(&date);
    let part = |kind: &str| {
        parts.iter().find_map(|part| {
            let is = js_sys::Reflect::get(&part, &"type".into())
                .ok()?
                .as_string()?
                == kind;
            is.then(|| {
                js_sys::Reflect::get(&part, &"value".into())
                    .ok()?
                    .as_string()
            })
            .flatten()
        })
    };
    Some(format!(
        "{}-{}-{} {}:{}:{} {}",
        part("year")?,
        part("month")?,
        part("day")?,
        part("hour")?,
        part("minute")?,
        part("second")?,
        part("timeZoneName")?
    ))
}

fn moment(iso: &str) -> Option<js_sys::Date> {
    let millis = js_sys::Date::parse(iso);
    (!millis.is_nan()).then(|| js_sys::Date::new(&JsValue::from_f64(millis)))
}

/// An `Intl.DateTimeFormat` for `locale` with `options`; `None` where the constructor
/// throws (a time zone or locale the browser does not know).
fn date_format(locale: &str, options: &[(&str, &str)]) -> Option<js_sys::Intl::DateTimeFormat> {
    use wasm_bindgen::JsCast;
    let object = js_sys::Object::new();
    for (key, value) in options {
        js_sys::Reflect::set(&object, &(*key).into(), &(*value).into()).ok()?;
    }
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: js_sys::Function = js_sys::Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let arguments = js_sys::Array::of2(&js_sys::Array::of1(&locale.into()), &object);
    js_sys::Reflect::construct(&constructor, &arguments)
        .ok()?
        .dyn_into()
        .ok()
}

/// Moves keyboard and screen-reader focus to the first element matching `selector` (a new
/// step's heading), making it focusable by script only (`tabindex="-1"`) if it is not.
pub fn focus_first(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    let _ = element.focus();
    true
}

thread_local! {
    /// Where the focus was when a new step's heading was asked to take it, until it does.
    static FOCUS_ASKED_FROM: std::cell::RefCell<Option<Option<web_sys::Element>>> =
        const { std::cell::RefCell::new(None) };
}

fn active_element() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
}

/// Asks for the focus to move to a new step's heading once it is drawn
/// ([`focus_when_drawn`]), remembering where the focus is now.
pub fn ask_focus() {
    FOCUS_ASKED_FROM.with(|asked| *asked.borrow_mut() = Some(active_element()));
}

/// Drops a request made with [`ask_focus`] (the page that made it is gone).
pub fn forget_focus() {
    FOCUS_ASKED_FROM.with(|asked| *asked.borrow_mut() = None);
}

/// If the focus was asked for ([`ask_focus`]): moves it to the first element matching
/// `selector` once there is one, unless the person has moved the focus elsewhere since it
/// was asked for (then the request lapses).
pub fn focus_when_drawn(selector: &str) {
    FOCUS_ASKED_FROM.with(|asked| {
        let mut asked = asked.borrow_mut();
        let Some(from) = asked.as_ref() else {
            return;
        };
        // Moved elsewhere by the person: the request lapses. Else it holds until drawn.
        let moved = active_element() != *from && !focus_lost();
        if moved || focus_first(selector) {
            *asked = None;
        }
    });
}

/// Whether the focus fell back to the page itself (the element that had it was redrawn).
pub fn focus_lost() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| match (d.active_element(), d.body()) {
            (None, _) => true,
            (Some(active), Some(body)) => active == *body,
            (Some(_), None) => false,
        })
}

/// Puts `href` (same origin) in the address bar without loading it or adding a history
/// entry.
pub fn replace_address(href: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(href));
    }
}

/// Unhides the element with id `id` (without going through the reactive system, which may
/// be what failed).
pub fn show_element(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = element.remove_attribute("hidden");
    }
}
