//! Review and submit: what will be sent, what is missing, and a confirmation before the
//! one submission that hands everything to the merchant's reviewers.

use kyc_core::submission::{plan, step_ready};
use kyc_core::views::CustomerJourney;
use leptos::prelude::*;

use super::api::SubmitJourney;
use super::page::{JourneyUi, Panel, PanelLink};
use crate::i18n::{missing_text, step_name, t, use_lang};
use crate::AppError;

#[component]
pub fn ReviewAndSubmit(journey: CustomerJourney) -> impl IntoView {
    let ui = JourneyUi::get();
    let lang = use_lang();
    let prepared = journey.prepared();
    let rules = journey.rules_view();
    let allowed = plan(&rules, &journey.requirements, &prepared).is_ok();
    let confirming = RwSignal::new(false);
    let submit = ServerAction::<SubmitJourney>::new();
    let done = move || matches!(submit.value().get(), Some(Ok(())));
    let error = move || submit.value().get().and_then(Result::err);
    // The dialog takes the focus when it opens (to "Yes, submit") and gives it back to
    // Submit when the customer goes back.
    Effect::new(move |before: Option<bool>| {
        let open = confirming.get();
        #[cfg(feature = "hydrate")]
        if open {
            request_animation_frame(|| {
                crate::browser::focus_first("#confirm-submit");
            });
        } else if before == Some(true) {
            request_animation_frame(|| {
                crate::browser::focus_first("#submit-journey");
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = before;
        open
    });
    // Once submitted, the focus goes to what comes next ("See status").
    Effect::new(move |_| {
        if done() {
            #[cfg(feature = "hydrate")]
            request_animation_frame(|| {
                crate::browser::focus_first("#submitted .button");
            });
        }
    });
    let steps: Vec<_> = journey
        .steps
        .iter()
        .filter(|s| s.kind.is_done_by_customer())
        .map(|s| {
            let missing = if s.step.awaits_customer() {
                step_ready(s.kind, &journey.requirements, &prepared)
                    .err()
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            (s.kind, missing)
        })
        .collect();
    view! {
        <section class="card" aria-labelledby="review-title">
            <h2 id="review-title">{t!(lang, "submit-title")}</h2>
            <ul class="review-list">
                {steps.into_iter().map(|(kind, missing)| {
                    let ok = missing.is_empty();
                    view! {
                        <li class=if ok { "review-ok" } else { "review-missing" }>
                            <strong>{step_name(lang, kind)}</strong>
                            {if ok {
                                view! { <span class="badge badge-completed">{t!(lang, "submit-ready")}</span> }.into_any()
                            } else {
                                view! {
                                    <ul>{missing.iter().map(|m| view! { <li>{missing_text(lang, m)}</li> }).collect_view()}</ul>
                                    <PanelLink to=Panel::Step(kind) class="button link-button">
                                        {t!(lang, "submit-go-to", step = step_name(lang, kind))}
                                    </PanelLink>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || error().map(|e| view! { <SubmitError error=e/> })}
            {move || if done() {
                view! {
                    <div class="notice notice-success" role="status" id="submitted">
                        <p><strong>{t!(lang, "submit-done")}</strong></p>
                        <p>{t!(lang, "submit-done-email")}</p>
                        <button type="button" class="button primary" on:click=move |_| { ui.chosen.set(None); ui.refresh(); }>
                            {t!(lang, "submit-see-status")}
                        </button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <div class="step-actions">
                        <button type="button" id="submit-journey" class="button primary" disabled=!allowed on:click=move |_| confirming.set(true)>
                            {t!(lang, "submit-submit")}
                        </button>
                    </div>
                }.into_any()
            }}
            <Show when=move || confirming.get() && !done()>
                <div class="dialog-backdrop">
                    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-text"
                        on:keydown=move |ev| if ev.key() == "Escape" { confirming.set(false) }>
                        <h3 id="confirm-title">{t!(lang, "submit-confirm-title")}</h3>
                        <p id="confirm-text">{t!(lang, "submit-confirm-text")}</p>
                        <div class="step-actions">
                            <button type="button" id="confirm-submit" class="button primary" disabled=move || submit.pending().get()
                                on:click=move |_| { submit.dispatch(SubmitJourney {}); confirming.set(false); }>
                                {t!(lang, "submit-confirm-yes")}
                            </button>
                            <button type="button" class="button" on:click=move |_| confirming.set(false)>{t!(lang, "submit-go-back")}</button>
                        </div>
                    </div>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn SubmitError(error: AppError) -> impl IntoView {
    let lang = use_lang();
    let details = match &error {
        AppError::Unready(missing) => missing.clone(),
        _ => Vec::new(),
    };
    view! {
        <div class="notice notice-error" role="alert">
            <p>{error.message(lang)}</p>
            <ul>{details.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
        </div>
    }
}
