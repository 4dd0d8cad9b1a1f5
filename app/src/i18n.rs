//! The customer's language on the page: which one (the customer's choice, kept in a cookie
//! and on the journey, else the browser's `Accept-Language`), the names of the domain's
//! enums in it, and times in the customer's own time zone. Messages come from `kyc-i18n`.

pub use kyc_core::names::{
    category_name, document_type_name, missing_text, rejection_reason, side_name, step_name,
};
pub use kyc_i18n::{t, Lang};
use leptos::prelude::*;
use time::OffsetDateTime;

/// The cookie that keeps the customer's chosen language (not secret; read by the server
/// when rendering, so the first paint is already in that language).
pub const LANG_COOKIE: &str = "kyc_lang";

/// The language of this page (provided by [`provide_lang`]; English outside the app).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Decides the page's language and provides it: on the server from the request, in the
/// browser from `<html lang>`, which the server set from the same decision.
pub fn provide_lang() {
    provide_context(page_lang());
}

/// The language this page is written in: the customer's on their pages, English on the
/// staff's.
pub fn page_lang() -> Lang {
    current()
}

#[cfg(feature = "ssr")]
fn current() -> Lang {
    use_context::<http::request::Parts>()
        .filter(|parts| is_customer_page(parts.uri.path()))
        .map(|parts| request_lang(&parts.headers))
        .unwrap_or_default()
}

/// Whether `path` is one of the customer's pages, which speak the customer's language (the
/// staff's pages are in English).
pub fn is_customer_page(path: &str) -> bool {
    // Whole segments: `/journeys/...` is the staff's tracker.
    path == "/journey"
        || ["/journey/", "/link-", "/k/", "/h/"]
            .iter()
            .any(|prefix| path.starts_with(prefix))
}

/// The language of the request a server function is answering: what the customer chose, or
/// their browser's.
#[cfg(feature = "ssr")]
pub fn request_language() -> Lang {
    use_context::<http::request::Parts>()
        .map(|parts| request_lang(&parts.headers))
        .unwrap_or_default()
}

/// The language a request asks for: the customer's choice (cookie), else the browser's.
#[cfg(feature = "ssr")]
pub fn request_lang(headers: &http::HeaderMap) -> Lang {
    let chosen = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(tower_sessions::cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == LANG_COOKIE)
        .and_then(|cookie| Lang::from_tag(cookie.value()));
    chosen.unwrap_or_else(|| {
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(Lang::negotiate)
            .unwrap_or_default()
    })
}

#[cfg(not(feature = "ssr"))]
fn current() -> Lang {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    Lang::En
}

/// A moment as the customer reads it: on the server (and without the wasm) in UTC, said so;
/// in the browser in the customer's own time zone and language, written by `Intl`.
#[component]
pub fn LocalTime(at: OffsetDateTime) -> impl IntoView {
    let lang = use_lang();
    let iso = crate::ui::iso_time(at);
    let text = RwSignal::new(kyc_core::timefmt::readable_utc(at));
    #[cfg(feature = "hydrate")]
    {
        let iso = iso.clone();
        Effect::new(move |_| {
            if let Some(local) = crate::browser::local_time(&iso, lang.code()) {
                text.set(local);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = lang;
    view! { <time datetime=iso>{move || text.get()}</time> }
}
