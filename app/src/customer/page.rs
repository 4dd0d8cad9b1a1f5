use kyc_core::submission::step_ready;
use kyc_core::views::CustomerJourney;
use kyc_core::{JourneyState, StepKind};
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::my_journey;
use super::consent::Consent;
use super::panels;
use super::progress::Progress;
use super::status::StatusPanel;
use super::support::SupportCard;
use crate::i18n::{step_name, t, use_lang, Lang, LocalTime};
use crate::AppError;

/// Which part of the journey is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Panel {
    Step(StepKind),
    Review,
    Status,
}

impl Panel {
    /// The panel's name in the journey page's address (`/journey?step=selfie`), which is
    /// how the progress list and Continue work as plain links before and without the wasm.
    pub fn name(self) -> &'static str {
        match self {
            Panel::Step(kind) => kind.as_str(),
            Panel::Review => "review",
            Panel::Status => "status",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "review" => Some(Panel::Review),
            "status" => Some(Panel::Status),
            other => StepKind::from_db(other).map(Panel::Step),
        }
    }

    pub fn href(self) -> String {
        format!("/journey?step={}", self.name())
    }
}

/// What every part of the journey page shares: a way to reload the journey after a change,
/// and the panel the customer chose (`None`: wherever they left off).
#[derive(Debug, Clone, Copy)]
pub(super) struct JourneyUi {
    pub reload: RwSignal<u32>,
    pub chosen: RwSignal<Option<Panel>>,
    /// The step last on screen (`Some(None)`: consent or the closed journey; `None`: nothing
    /// yet), kept across the page's redraws to tell a new step from the same one redrawn.
    pub shown: StoredValue<Option<Option<Panel>>>,
}

impl JourneyUi {
    pub fn get() -> Self {
        expect_context::<JourneyUi>()
    }

    /// Reloads the journey from the server (after an upload, removal, submission).
    pub fn refresh(&self) {
        self.reload.update(|n| *n += 1);
    }

    /// Reloads after a change made on `panel`, staying there: the customer moves on with
    /// Continue, not because an upload happened to complete the step.
    pub fn refresh_on(&self, panel: Panel) {
        if self.chosen.get_untracked().is_none() {
            self.chosen.set(Some(panel));
        }
        self.refresh();
    }

    /// Shows `panel`.
    /// Shows `panel`; the address follows, so that a reload comes back to it.
    pub fn show(&self, panel: Panel) {
        self.chosen.set(Some(panel));
        #[cfg(feature = "hydrate")]
        crate::browser::replace_address(&panel.href());
    }
}

/// Where the customer left off: the first step they still have to prepare, then review;
/// the status once nothing waits for them.
pub(super) fn resume_at(journey: &CustomerJourney) -> Panel {
    let prepared = journey.prepared();
    let waiting: Vec<_> = journey
        .steps
        .iter()
        .filter(|s| s.kind.is_done_by_customer() && s.step.awaits_customer())
        .collect();
    if journey.state != JourneyState::InProgress {
        return Panel::Status;
    }
    if waiting.is_empty() {
        // Checks that finished before submission still want the journey submitted once.
        return if journey.submitted_at.is_none() {
            Panel::Review
        } else {
            Panel::Status
        };
    }
    waiting
        .iter()
        .find(|s| step_ready(s.kind, &journey.requirements, &prepared).is_err())
        .map_or(Panel::Review, |s| Panel::Step(s.kind))
}

/// The customer's journey: the merchant's brand, consent, the steps, submission, status.
#[component]
pub fn CustomerJourneyPage() -> impl IntoView {
    let lang = use_lang();
    // A panel named in the address (a plain link followed before or without the wasm).
    let asked = leptos_router::hooks::use_query_map()
        .with_untracked(|query| query.get("step").as_deref().and_then(Panel::from_name));
    let ui = JourneyUi {
        reload: RwSignal::new(0),
        chosen: RwSignal::new(asked),
        shown: StoredValue::new(None),
    };
    provide_context(ui);
    provide_context(super::handoff::HandoffState::new(ui));
    // A step heading still waiting for the focus is forgotten with the page (not with each
    // redraw of the journey, which asks again if it must).
    #[cfg(feature = "hydrate")]
    on_cleanup(crate::browser::forget_focus);
    let journey = Resource::new(move || ui.reload.get(), |_| my_journey());
    // What a plain form post (the wasm not running) was refused, shown once.
    let notice = Resource::new(|| (), |_| super::api::take_plain_form_notice());
    view! {
        <Transition fallback=move || view! { <main class="customer"><p class="muted">{t!(lang, "loading")}</p></main> }>
            {move || Suspend::new(async move {
                let notice = notice.await;
                match journey.await {
                    Ok(journey) => view! { <Journey journey notice/> }.into_any(),
                    Err(AppError::LinkInvalid) => view! { <InvalidLinkPage/> }.into_any(),
                    Err(AppError::LinkWithdrawn) => view! { <WithdrawnLinkPage/> }.into_any(),
                    Err(error) => view! {
                        <main class="customer"><p class="notice notice-error" role="alert">{error.message(lang)}</p></main>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Journey(journey: CustomerJourney, notice: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let ui = JourneyUi::get();
    let brand = journey.branding.clone();
    let logo = brand
        .has_logo
        .then(|| format!("/m/{}/logo", brand.merchant_id));
    let open = journey.state == JourneyState::InProgress;
    let consented = journey.consented_at.is_some();
    let resume = resume_at(&journey);
    // A panel named in the address that this journey does not have is ignored.
    let offered = StoredValue::new(
        journey
            .steps
            .iter()
            .filter(|s| s.kind.is_done_by_customer())
            .map(|s| Panel::Step(s.kind))
            .chain([Panel::Review, Panel::Status])
            .collect::<Vec<_>>(),
    );
    let panel = move || {
        ui.chosen
            .get()
            .filter(|chosen| offered.with_value(|offered| offered.contains(chosen)))
            .unwrap_or(resume)
    };
    let tickets = journey.tickets.clone();
    let support_email = journey.support_email.clone();
    let show_support = consented || !tickets.is_empty();
    // Bumped when a step's chunk arrives, so that the step is drawn in its placeholder's
    // place; `Some(panel)` once a chunk failed to arrive.
    let arrived = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<Panel>);
    // Whether the panel on screen can be drawn: changes only when that panel's chunk
    // arrives (or another panel is chosen), so another step's chunk arriving redraws nothing.
    let ready = Memo::new(move |_| {
        arrived.track();
        panels::is_loaded(panel())
    });
    let step_shown = move || (open && consented).then(panel);
    let body = {
        let journey = journey.clone();
        move || {
            let journey = journey.clone();
            if !open {
                return view! { <StatusPanel journey/> }.into_any();
            }
            if !consented {
                return view! { <Consent journey/> }.into_any();
            }
            match panel() {
                Panel::Status => view! { <StatusPanel journey/> }.into_any(),
                Panel::Step(kind) if !panels::is_split(Panel::Step(kind)) => {
                    view! { <NotAvailable kind/> }.into_any()
                }
                split if ready.get() => panels::draw(split, journey).unwrap_or_else(|| {
                    // Loaded yet not drawn: nothing a new fetch would mend.
                    view! { <PanelLoading panel=split lost=Signal::stored(true)/> }.into_any()
                }),
                split => {
                    fetch_panel(split, arrived, failed);
                    let lost = Signal::derive(move || failed.get() == Some(split));
                    view! { <PanelLoading panel=split lost/> }.into_any()
                }
            }
        }
    };
    // The chunk the server-drawn step needs before the page hydrates (see `hydrate`).
    let chunk = move || {
        step_shown()
            .filter(|p| panels::is_split(*p))
            .map(Panel::name)
    };
    // A new step (after consent, chosen, or reached with Continue) takes the focus to its
    // heading once drawn (its chunk may come later), so that keyboard and screen-reader
    // users start reading it there; so does the same step drawn again after a change (an
    // upload) that took the focus with it. Not on the first load, and not if the customer
    // moved the focus themselves meanwhile.
    Effect::new(move |_| {
        ready.track();
        let now = step_shown();
        let before = ui.shown.get_value();
        ui.shown.set_value(Some(now));
        // After the frame: a journey drawn again after a change replaces the old page only
        // then, so whether the focus went with it can only be told there.
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            if before.is_some_and(|before| before != now || crate::browser::focus_lost()) {
                crate::browser::ask_focus();
            }
            crate::browser::focus_when_drawn("#step-panel h2");
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = before;
    });
    view! {
        <Title text=t!(lang, "journey-page-title", merchant = &brand.display_name)/>
        // In the body on purpose: a head tag inside a Suspense misses the already streamed head.
        <link rel="stylesheet" href=format!("/m/{}/theme.css", brand.merchant_id)/>
        <main class="customer" data-panel=move || panel().name()>
            <header class="brand-bar">
                {logo.map(|src| view! { <img class="brand-logo" src=src alt="" width="40" height="40"/> })}
                <span class="brand-name">{brand.display_name.clone()}</span>
                <super::LanguageSwitch/>
            </header>
            <section class="card journey-head">
                <h1>{t!(lang, "journey-heading")}</h1>
                <Status state=journey.state merchant=brand.display_name.clone()
                    submitted=journey.submitted_at.is_some() && resume == Panel::Status/>
                {open.then(|| view! {
                    <p class="muted">
                        {t!(lang, "journey-valid-until-before")}
                        <LocalTime at=journey.expires_at/>
                        {t!(lang, "journey-valid-until-after")}
                    </p>
                })}
            </section>
            {open.then(|| view! { <super::handoff::HandoffCard state=expect_context()/> })}
            {(!notice.is_empty()).then(|| view! {
                <div class="notice notice-error plain-form-notice" role="alert">
                    {notice.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                </div>
            })}
            {(open && consented).then(|| view! { <Progress journey=journey.clone() current=Signal::derive(panel)/> })}
            {move || match panel() {
                Panel::Step(kind) if open && consented => asked_of_customer(&journey, kind)
                    .map(|m| view! { <p class="notice notice-warning step-request" role="status">{m}</p> }),
                _ => None,
            }}
            <div id="step-panel" class="step-panel" data-chunk=chunk>{body}</div>
            {show_support.then(|| view! { <SupportCard tickets support_email writable=open/> })}
        </main>
    }
}

/// What a reviewer asked the customer to do on step `kind`, if anything.
fn asked_of_customer(journey: &CustomerJourney, kind: StepKind) -> Option<String> {
    journey
        .steps
        .iter()
        .find(|s| s.kind == kind)
        .and_then(|s| s.message.clone())
}

/// A link to `to` on the journey page: shown at once by the running page, followed as a
/// plain link (`/journey?step=...`) before or without the wasm. Shown as a disabled
/// button while `enabled` is false.
#[component]
pub(super) fn PanelLink(
    to: Panel,
    #[prop(default = true)] enabled: bool,
    #[prop(into, default = "button primary".into())] class: String,
    #[prop(optional, into)] current: Option<Signal<bool>>,
    children: Children,
) -> impl IntoView {
    let ui = JourneyUi::get();
    if !enabled {
        return view! { <button type="button" class=class disabled=true>{children()}</button> }
            .into_any();
    }
    let current = move || current.is_some_and(|c| c.get()).then_some("step");
    view! {
        <a href=to.href() class=class aria-current=current
            on:click=move |ev| {
                // A new tab or window (a modified click) is the browser's to open.
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                    return;
                }
                ev.prevent_default();
                ui.show(to);
            }>
            {children()}
        </a>
    }
    .into_any()
}

/// Fetches split `panel`'s chunk in the background: `arrived` is bumped when it is here,
/// `failed` set if it did not come.
fn fetch_panel(panel: Panel, arrived: RwSignal<u32>, failed: RwSignal<Option<Panel>>) {
    // Trying again: no error shown meanwhile (the placeholder being drawn reads this, so no
    // one need be told).
    failed.update_untracked(|failed| {
        if *failed == Some(panel) {
            *failed = None;
        }
    });
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        match panels::load(panel).await {
            Ok(()) => {
                let _ = arrived.try_update(|n| *n += 1);
            }
            Err(_) => {
                let _ = failed.try_set(Some(panel));
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (panel, arrived, failed);
}

/// Where a step is drawn while its code is fetched; if it did not arrive (`lost`), says so,
/// with a plain link that loads the step as a new page (`rel="external"`: past the router,
/// which would only show this same page again).
#[component]
fn PanelLoading(panel: Panel, lost: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let lost = move || lost.get();
    view! {
        <section class="card" aria-busy=move || (!lost()).to_string()>
            {move || if lost() {
                view! {
                    <p class="notice notice-error" role="alert">{t!(lang, "load-failed")}</p>
                    <p><a class="button primary" href=panel.href() rel="external">{t!(lang, "load-failed-reload")}</a></p>
                }.into_any()
            } else {
                view! { <p class="muted">{t!(lang, "loading")}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn NotAvailable(kind: StepKind) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="card">
            <h2>{step_name(lang, kind)}</h2>
            <p>{t!(lang, "journey-step-not-available")}</p>
        </section>
    }
}

#[component]
fn Status(state: JourneyState, merchant: String, submitted: bool) -> impl IntoView {
    let lang = use_lang();
    let text = status_text(lang, state, &merchant, submitted);
    view! { <p class="status" id="journey-status" data-state=state.as_str()>{text}</p> }
}

/// The journey's state in one sentence, naming the merchant.
fn status_text(lang: Lang, state: JourneyState, merchant: &str, submitted: bool) -> String {
    let id = match state {
        JourneyState::InProgress if submitted => "journey-status-submitted",
        JourneyState::Created | JourneyState::InProgress => "journey-status-open",
        JourneyState::Completed => "journey-status-completed",
        JourneyState::Rejected => "journey-status-rejected",
        JourneyState::Expired => "journey-status-expired",
    };
    t!(lang, id, merchant = merchant)
}

/// Shown for a link that is malformed, unknown, or no longer valid.
#[component]
pub fn InvalidLinkPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t!(lang, "link-invalid-title")/>
        <main class="customer">
            <header class="brand-bar"><super::LanguageSwitch/></header>
            <section class="card">
                <h1>{t!(lang, "link-invalid-heading")}</h1>
                <p>{t!(lang, "link-invalid-reason")}</p>
                <p>{t!(lang, "link-invalid-advice")}</p>
            </section>
        </main>
    }
}

/// The panel after step `kind`: the next step the customer does, or review.
pub(super) fn next_after(journey: &CustomerJourney, kind: StepKind) -> Panel {
    journey
        .steps
        .iter()
        .skip_while(|s| s.kind != kind)
        .skip(1)
        .find(|s| s.kind.is_done_by_customer() && s.step.awaits_customer())
        .map_or(Panel::Review, |s| Panel::Step(s.kind))
}

/// Shown for a link the company withdrew, and to every session opened with it: nothing of
/// the journey (no names, files or tickets).
#[component]
pub fn WithdrawnLinkPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t!(lang, "link-withdrawn-title")/>
        <main class="customer">
            <header class="brand-bar"><super::LanguageSwitch/></header>
            <section class="card">
                <h1>{t!(lang, "link-withdrawn-heading")}</h1>
                <p>{t!(lang, "link-withdrawn-reason")}</p>
                <p>{t!(lang, "link-withdrawn-advice")}</p>
            </section>
        </main>
    }
}

/// Shown when a link is opened in a browser that already holds another open verification:
/// nothing changes until the customer chooses (so a link someone else made the browser open
/// cannot swap their verification for another).
#[component]
pub fn SwitchLinkPage() -> impl IntoView {
    let lang = use_lang();
    let switch = ServerAction::<super::api::SwitchLink>::new();
    let error = Signal::derive(move || switch.value().get().and_then(Result::err));
    view! {
        <Title text=t!(lang, "link-switch-title")/>
        <main class="customer">
            <header class="brand-bar"><super::LanguageSwitch/></header>
            <section class="card">
                <h1>{t!(lang, "link-switch-heading")}</h1>
                <p>{t!(lang, "link-switch-question")}</p>
                <ActionForm action=switch>
                    <button type="submit" class="button primary">{t!(lang, "link-switch-new")}</button>
                </ActionForm>
                <p><a href="/journey">{t!(lang, "link-switch-keep")}</a></p>
                <crate::ui::FormError error/>
            </section>
        </main>
    }
}
