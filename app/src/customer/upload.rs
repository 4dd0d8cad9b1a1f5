//! A file input that uploads the chosen file at once and reloads the journey.

use leptos::prelude::*;

use super::page::{JourneyUi, Panel};
use crate::i18n::{t, use_lang};

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
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let result =
                    crate::browser::upload(lang, &target, file.into(), &content_type).await;
                busy.set(false);
                match result {
                    Ok(()) => ui.refresh_on(panel),
                    Err(message) => error.set(Some(message)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, sides, url, ui, panel);
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="file-upload">
            <label for=id.clone()>{label}</label>
            <input type="file" id=id accept=accept disabled=move || busy.get()
                aria-describedby=error_id.clone() on:change=on_change/>
            <p class="upload-status" role="status">{move || busy.get().then(|| t!(lang, "upload-in-progress"))}</p>
            <p class="field-error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}
