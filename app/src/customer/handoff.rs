//! Continuing on the phone: a customer who opened their link on a computer asks for a QR
//! code, scans it with the phone, and carries on there; the computer's page then follows
//! the journey live (`/journey/live`) and reads it again at every change. Shown on wide
//! screens once the page runs (see the stylesheet): the code needs the script to appear.

use kyc_core::views::Handoff;
use leptos::prelude::*;

use super::api::StartHandoff;
use super::page::JourneyUi;
use crate::i18n::{t, use_lang, LocalTime};

/// The hand-off state the journey page keeps across its redraws.
#[derive(Clone, Copy)]
pub(super) struct HandoffState {
    pub start: ServerAction<StartHandoff>,
    /// Whether the code shown was used (the phone took over).
    pub used: RwSignal<bool>,
}

impl HandoffState {
    /// Created with the page; once a code exists the page follows the journey live until it
    /// is left.
    pub fn new(ui: JourneyUi) -> Self {
        let state = HandoffState {
            start: ServerAction::new(),
            used: RwSignal::new(false),
        };
        #[cfg(feature = "hydrate")]
        {
            let owner = Owner::current();
            let following = StoredValue::new(false);
            let start = state.start;
            let used = state.used;
            Effect::new(move |_| {
                let made = matches!(start.value().get(), Some(Ok(_)));
                if made {
                    used.set(false);
                }
                if made && !following.get_value() {
                    following.set_value(true);
                    // The page's owner, not the effect's: the stream outlives the effect's runs.
                    match &owner {
                        Some(owner) => owner.with(|| follow(ui, used)),
                        None => follow(ui, used),
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ui;
        state
    }
}

/// The offer, then the code and whether the phone has taken over.
#[component]
pub(super) fn HandoffCard(state: HandoffState) -> impl IntoView {
    let lang = use_lang();
    let start = state.start;
    let ask = move |_| {
        start.dispatch(StartHandoff {});
    };
    view! {
        <section class="card handoff" aria-labelledby="handoff-title">
            <h2 id="handoff-title">{t!(lang, "handoff-title")}</h2>
            {move || match start.value().get() {
                Some(Ok(code)) => view! { <HandoffCode code used=state.used/> }.into_any(),
                other => view! {
                    <p>{t!(lang, "handoff-intro")}</p>
                    {other.and_then(Result::err).map(|error| view! {
                        <p class="field-error" role="alert">{error.message(lang)}</p>
                    })}
                }.into_any(),
            }}
            <button type="button" class="button" disabled=move || start.pending().get() on:click=ask>
                {move || if matches!(start.value().get(), Some(Ok(_))) {
                    t!(lang, "handoff-new-code")
                } else {
                    t!(lang, "handoff-show-code")
                }}
            </button>
        </section>
    }
}

#[component]
fn HandoffCode(code: Handoff, used: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    // Past its time an unused code says so (the button below makes a new one).
    let expired = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        // The browser's clock (`time`'s own needs a feature the bundle does not carry).
        let ends_ms = (code.expires_at.unix_timestamp_nanos() / 1_000_000) as f64;
        let left_ms = (ends_ms - js_sys::Date::now()).max(0.0);
        // Cleared with the code's view (a new code, or the page left), so it never fires
        // into a disposed signal.
        if let Ok(timer) = set_timeout_with_handle(
            move || expired.set(true),
            std::time::Duration::from_millis(left_ms as u64),
        ) {
            on_cleanup(move || timer.clear());
        }
    }
    view! {
        <div class="handoff-code">
            <img class="handoff-qr" src=code.qr alt=t!(lang, "handoff-qr-alt") width="200" height="200"/>
            <div>
                <p>{t!(lang, "handoff-scan")}</p>
                <p class="muted">{t!(lang, "handoff-address")}" "<span class="handoff-url">{code.url}</span></p>
                <p class="muted">
                    {t!(lang, "handoff-valid-before")}
                    <LocalTime at=code.expires_at/>
                    {t!(lang, "handoff-valid-after")}
                </p>
                <p class="handoff-state" role="status" data-used=move || used.get().to_string()>
                    {move || if used.get() {
                        t!(lang, "handoff-used")
                    } else if expired.get() {
                        t!(lang, "handoff-expired")
                    } else {
                        t!(lang, "handoff-waiting")
                    }}
                </p>
            </div>
        </div>
    }
}

/// Listens for changes to the journey (`/journey/live`) until the page is left: each one
/// reads the journey again and whether the code was used. Only a change redraws the page
/// (a redraw loses what is half typed), not the stream's reconnection every few minutes.
#[cfg(feature = "hydrate")]
fn follow(ui: JourneyUi, used: RwSignal<bool>) {
    use leptos::__reexports::send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Ok(source) = web_sys::EventSource::new("/journey/live") else {
        return;
    };
    let changed = move || {
        ui.refresh();
        leptos::task::spawn_local(async move {
            if let Ok(true) = super::api::handoff_used().await {
                used.set(true);
            }
        });
    };
    let on_change = Closure::<dyn FnMut()>::new(changed);
    let _ = source.add_event_listener_with_callback("changed", on_change.as_ref().unchecked_ref());
    let held = SendWrapper::new((source, on_change));
    on_cleanup(move || {
        let (source, ..) = held.take();
        source.close();
    });
}

/// `/h/{code}` on the phone: asks before using the code, as a plain form (a link preview or
/// a prefetch that reads the address must not spend it). A code of the wrong shape gets the
/// invalid-link page straight away.
#[component]
pub fn ContinueHerePage() -> impl IntoView {
    let lang = use_lang();
    let code = leptos_router::hooks::use_params_map()
        .with_untracked(|params| params.get("code").unwrap_or_default());
    if kyc_core::link::LinkToken::parse(&code).is_err() {
        return view! { <super::InvalidLinkPage/> }.into_any();
    }
    view! {
        <leptos_meta::Title text=t!(lang, "handoff-here-title")/>
        <main class="customer">
            <section class="card">
                <h1>{t!(lang, "handoff-here-heading")}</h1>
                <p>{t!(lang, "handoff-here-text")}</p>
                <form method="post" action=format!("/h/{code}")>
                    <button type="submit" class="button primary">{t!(lang, "handoff-here-continue")}</button>
                </form>
            </section>
        </main>
    }
    .into_any()
}
