use kyc_core::link::ValidityWindow;
use kyc_core::StepKind;
use leptos::prelude::*;
use uuid::Uuid;

use super::api::GenerateLink as GenerateLinkFn;
use crate::ui::{FieldMessage, FormError};

/// The form that generates a KYC link for a customer, then shows the link once to copy.
#[component]
pub fn GenerateLink(customer_id: Uuid, on_generated: RwSignal<u32>) -> impl IntoView {
    let generate = ServerAction::<GenerateLinkFn>::new();
    let error = Signal::derive(move || generate.value().get().and_then(Result::err));
    let link = move || generate.value().get().and_then(Result::ok);
    Effect::new(move |_| {
        if link().is_some() {
            on_generated.update(|n| *n += 1);
        }
    });
    view! {
        <section class="card">
            <h2>"Generate KYC link"</h2>
            <ActionForm action=generate>
                <input type="hidden" name="customer_id" value=customer_id.to_string()/>
                <fieldset>
                    <legend>"Steps"</legend>
                    <div class="checks">
                        {StepKind::ALL.iter().enumerate().map(|(i, kind)| {
                            let id = format!("step-{}", kind.as_str());
                            let label_for = id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input type="checkbox" id=id name=format!("steps[{i}]") value=kind.as_str() checked=true/>
                                    {kind.label()}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    <FieldMessage error field="steps"/>
                </fieldset>
                <label for="validity_hours">"Valid for (hours)"</label>
                <input id="validity_hours" name="validity_hours" type="number" min="1" max=ValidityWindow::MAX_HOURS
                    value=ValidityWindow::DEFAULT_HOURS required inputmode="numeric"/>
                <FieldMessage error field="validity_hours"/>
                <label class="check" for="email_link">
                    <input type="checkbox" id="email_link" name="email_link" value="on"/>
                    "Also email the link to the customer"
                </label>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || generate.pending().get()>"Generate link"</button>
            </ActionForm>
            {move || link().map(|link| view! { <LinkReady url=link.url emailed=link.emailed/> })}
        </section>
    }
}

/// The new link, selectable, with a copy button. It is shown only this once.
#[component]
pub(super) fn LinkReady(url: String, emailed: bool) -> impl IntoView {
    let copied = RwSignal::new(false);
    let to_copy = url.clone();
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(window) = web_sys::window() {
                let promise = window.navigator().clipboard().write_text(&to_copy);
                wasm_bindgen_futures::spawn_local(async move {
                    if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                        copied.set(true);
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &to_copy;
    };
    view! {
        <div class="link-ready" role="status">
            <label for="generated-link">"Link ready. Copy it now: it is shown only once."</label>
            <div class="copy-row">
                <input id="generated-link" readonly value=url class="mono"/>
                <button type="button" class="button" on:click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
            </div>
            {emailed.then(|| view! { <p class="muted">"It is also on its way to the customer by email."</p> })}
        </div>
    }
}
