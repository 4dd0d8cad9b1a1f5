//! The customer's language switch: a plain form (it works before and without the wasm),
//! kept in a cookie for the pages and on the journey for the emails.

use leptos::prelude::*;

use crate::i18n::{t, use_lang, Lang};
use crate::AppError;

/// The pages that carry the switch, where a plain form post returns to.
#[cfg(feature = "ssr")]
const CUSTOMER_PAGES: [&str; 4] = [
    "/journey",
    "/link-invalid",
    "/link-withdrawn",
    "/link-switch",
];

/// Switches the customer's pages to `language` (`en`, `hi`), then shows `back` again (the
/// page the switch was on; only a customer page, anything else is the journey).
#[server(endpoint = "choose_language")]
pub async fn choose_language(language: String, back: String) -> Result<(), AppError> {
    use tower_sessions::cookie::{Cookie, SameSite};
    crate::error::respond(async move {
        let lang = Lang::from_tag(&language).ok_or_else(|| {
            AppError::Invalid(kyc_core::FieldErrors(vec![kyc_core::FieldError::new(
                "language",
                "is not a language of this site",
            )]))
        })?;
        // A journey behind the session keeps the choice for the emails it sends.
        if let Ok(journey_id) = crate::auth::principal::customer_status().await {
            let services = crate::context::app_context()?.services;
            let actor = kyc_service::Actor::Customer { journey_id };
            kyc_service::journey::choose_language(&services, &actor, lang)
                .await
                .map_err(super::customer_error)?;
        }
        // Then remembered for a year in this browser (only once the journey took it, so a
        // refusal leaves both as they were); the server reads it, the page has no need to.
        let cookie = Cookie::build((crate::i18n::LANG_COOKIE, lang.code()))
            .path("/")
            .max_age(time::Duration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .build();
        if let (Some(response), Ok(value)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(&cookie.to_string()),
        ) {
            response.append_header(http::header::SET_COOKIE, value);
        }
        if crate::context::is_plain_form() {
            // Only the customer pages the switch is shown on: nothing typed reaches the
            // Location header.
            let back = CUSTOMER_PAGES
                .into_iter()
                .find(|page| *page == back)
                .unwrap_or("/journey");
            leptos_axum::redirect(back);
        }
        Ok(())
    })
    .await
}

/// The switch: one button per other language, each saying its name in that language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let choose = ServerAction::<ChooseLanguage>::new();
    let location = leptos_router::hooks::use_location();
    // With the wasm running the page reloads, so that everything (and `<html lang>`) is in
    // the new language at once.
    Effect::new(move |_| {
        if matches!(choose.value().get(), Some(Ok(()))) {
            #[cfg(feature = "hydrate")]
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        }
    });
    let others = Lang::ALL
        .into_iter()
        .filter(move |other| *other != lang)
        .map(|other| {
            view! {
                <button type="submit" name="language" value=other.code() lang=other.code()
                    class="button link language-choice">
                    {other.native_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=choose attr:class="language-switch">
            <input type="hidden" name="back" value=move || location.pathname.get()/>
            <span class="muted" id="language-switch-label">{t!(lang, "language-switch-label")}": "</span>
            <span role="group" aria-labelledby="language-switch-label">{others}</span>
        </ActionForm>
    }
}
