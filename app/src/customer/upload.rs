//! A file input that uploads the chosen file at once and reloads the journey. An upload
//! that did not get through (the connection dropped, the server failed) keeps the file and
//! offers Retry; what was uploaded before is on the server, so a reload loses nothing.

use leptos::prelude::*;

use super::page::{JourneyUi, Panel};
use crate::i18n::{t, use_lang};

/// A file waiting to be sent again: where, the file, its type.
#[cfg(feature = "hydrate")]
type Pending = (String, web_sys::File, String);

/// Uploads the chosen file to `url`. With `sides`, `&side=whole` is added for a PDF and
/// `&side=front` for a photo; otherwise `url` already names the side.
#[component]
pub fn FileUpload(
    id: String,
    label: String,
    #[prop(into)] url: Signal<String>,
    sides: bool,
    accept: &'static str,
    /// The panel the upload belongs to, kept on screen after it.
    panel: Panel,
) -> impl IntoView {
    let ui = JourneyUi::get();
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let can_retry = RwSignal::new(false);
    // The file of an upload that may work if sent again (a browser object: kept in the
    // browser's thread only).
    #[cfg(feature = "hydrate")]
    let pending = StoredValue::new_local(None::<Pending>);
    #[cfg(feature = "hydrate")]
    let send = move |next: Pending| {
        busy.set(true);
        error.set(None);
        can_retry.set(false);
        leptos::task::spawn_local(async move {
            let (target, file, content_type) = next.clone();
            let result = crate::browser::upload(lang, &target, file.into(), &content_type).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    pending.set_value(None);
                    ui.refresh_on(panel);
                }
                Err(failure) => {
                    error.set(Some(failure.message));
                    can_retry.set(failure.retry);
                    pending.set_value(failure.retry.then_some(next));
                }
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = crate::browser::picked_file(&ev) else {
                return;
            };
            let content_type = file.type_();
            let target = if !sides {
                url.get_untracked()
            } else if content_type == "application/pdf" {
                format!("{}&side=whole", url.get_untracked())
            } else {
                format!("{}&side=front", url.get_untracked())
            };
            send((target, file, content_type));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, sides, url, ui, panel);
    };
    let retry = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(next) = pending.get_value() {
            send(next);
        }
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="file-upload">
            <label for=id.clone()>{label}</label>
            <input type="file" id=id accept=accept disabled=move || busy.get()
                aria-describedby=error_id.clone() on:change=on_change/>
            <p class="upload-status" role="status">{move || busy.get().then(|| t!(lang, "upload-in-progress"))}</p>
            <p class="field-error upload-error" id=error_id role="alert">{move || error.get()}</p>
            {move || can_retry.get().then(|| view! {
                <button type="button" class="button upload-retry" on:click=retry>{t!(lang, "retry")}</button>
            })}
        </div>
    }
}
