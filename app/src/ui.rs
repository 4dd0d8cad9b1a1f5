//! Small pieces shared by every page.

use leptos::prelude::*;
use time::OffsetDateTime;

use crate::AppError;

/// A timestamp as staff read it: `2026-11-21 14:03:22 UTC`.
pub use kyc_core::timefmt::readable_utc as format_time;

/// An ISO 8601 timestamp for `<time datetime=…>`.
pub fn iso_time(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The time zone staff pages show times in: the merchant's, once the dashboard frame knows
/// it (provided by the frame; `None` until then, and times read UTC).
#[derive(Debug, Clone, Copy)]
pub struct StaffZone(pub RwSignal<Option<String>>);

/// A `<time>` element showing `at`: in UTC as the server renders it, then in the merchant's
/// time zone (named in the text, the full name in its title) once the page runs.
#[component]
pub fn Timestamp(at: OffsetDateTime) -> impl IntoView {
    let iso = iso_time(at);
    let zone = use_context::<StaffZone>().map(|z| z.0);
    let text = RwSignal::new(format_time(at));
    #[cfg(feature = "hydrate")]
    {
        let iso = iso.clone();
        Effect::new(move |_| {
            if let Some(shown) = zone
                .and_then(|z| z.get())
                .and_then(|name| crate::browser::zoned_time(&iso, &name))
            {
                text.set(shown);
            }
        });
    }
    let title = move || zone.and_then(|z| z.get());
    view! { <time datetime=iso title=title>{move || text.get()}</time> }
}

/// The error message for `field`, shown beside it, if the last submission had one.
#[component]
pub fn FieldMessage(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    move || {
        error.get().and_then(|e| e.field_message(field, lang)).map(|message| {
            view! { <p class="field-error" id=format!("{field}-error") role="alert">{message}</p> }
        })
    }
}

/// `aria-invalid` for the input of `field`: `"true"` while `error` has a problem with it,
/// absent otherwise; its message is the [`FieldMessage`] the input's `aria-describedby`
/// names (`{field}-error`).
pub fn invalid(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
    move || {
        error
            .get()
            .is_some_and(|e| e.field_message(field, crate::i18n::Lang::En).is_some())
            .then_some("true")
    }
}

/// A coloured badge for a state label.
#[component]
pub fn StateBadge(label: &'static str, code: &'static str) -> impl IntoView {
    view! { <span class=format!("badge badge-{code}")>{label}</span> }
}

/// The route parameter `name` as a UUID; `None` when absent or malformed.
pub fn use_uuid_param(
    name: &'static str,
) -> impl Fn() -> Option<uuid::Uuid> + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).and_then(|value| value.parse().ok())
}

/// The last submission's error when it is not about one field (those show beside the field).
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Invalid(_)))
            .map(|e| view! { <p class="notice notice-error" role="alert">{e.message(lang)}</p> })
    }
}

/// A list as a table: a header row of `columns` and one row each (their cells carry
/// `data-label` for the narrow layout), or the `empty` sentence when there are none.
#[component]
pub fn ListTable<R>(
    class: &'static str,
    #[prop(optional)] id: Option<&'static str>,
    columns: Vec<&'static str>,
    empty: &'static str,
    #[prop(optional)] empty_id: Option<&'static str>,
    rows: Vec<R>,
) -> impl IntoView
where
    R: IntoView + 'static,
{
    if rows.is_empty() {
        return view! { <p class="muted" id=empty_id>{empty}</p> }.into_any();
    }
    let head = columns
        .into_iter()
        .map(|c| view! { <th>{c}</th> })
        .collect_view();
    view! {
        <table class=class id=id>
            <thead><tr>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
