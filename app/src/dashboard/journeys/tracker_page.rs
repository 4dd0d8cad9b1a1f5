use kyc_core::views::{EventRow, JourneyDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::api::{get_journey, ReissueLink, ResendLink, RevokeLink};
use super::generate_link::LinkReady;
use super::live::LiveStatus;
use crate::error::error_view;
use crate::ui::{use_uuid_param, FormError, StateBadge, Timestamp};
use crate::AppError;

/// The tracker of one journey: each step's state and when it changed, and the full timeline.
#[component]
pub fn TrackerPage() -> impl IntoView {
    let id = use_uuid_param("id");
    let reload = RwSignal::new(0_u32);
    let journey = Resource::new(
        move || (id(), reload.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_journey(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let (detail, events) = journey.await?;
                    Ok::<_, AppError>(view! { <Tracker detail events reload/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Tracker(detail: JourneyDetail, events: Vec<EventRow>, reload: RwSignal<u32>) -> impl IntoView {
    let journey_id = detail.id;
    let customer_id = detail.customer_id;
    let customer_name = detail.customer_name.clone();
    let created_at = detail.created_at;
    let expires_at = detail.expires_at;
    let last_event = events.last().map_or(0, |e| e.id);
    let detail = RwSignal::new(detail);
    let events = RwSignal::new(events);
    let status = RwSignal::new(LiveStatus::Connecting);
    #[cfg(feature = "hydrate")]
    super::live::follow(journey_id, last_event, detail, events, status);
    #[cfg(not(feature = "hydrate"))]
    let _ = last_event;
    let open = move || detail.with(|d| !d.state.is_terminal());
    view! {
        <Title text="KYC Tracker · KYC"/>
        <div class="page-head">
            <h1>"KYC Tracker"</h1>
            <span id="journey-state">
                {move || detail.with(|d| view! { <StateBadge label=d.state.label() code=d.state.as_str()/> })}
            </span>
            <span class="live-status" data-live=move || status.get().as_str() role="status">
                {move || status.get().label()}
            </span>
        </div>
        <section class="card">
            <dl class="facts">
                <dt>"Customer"</dt>
                <dd><A href=format!("/customers/{customer_id}")>{customer_name}</A></dd>
                <dt>"Journey"</dt><dd class="mono">{journey_id.to_string()}</dd>
                <dt>"Created"</dt><dd><Timestamp at=created_at/></dd>
                <dt>"Opened"</dt>
                <dd>{move || detail.with(|d| d.opened_at).map(|at| view! { <Timestamp at/> }.into_any()).unwrap_or_else(|| "Not yet".into_any())}</dd>
                <dt>"Expires"</dt><dd><Timestamp at=expires_at/></dd>
                {move || detail.with(|d| d.end_reason.clone()).map(|reason| view! { <dt>"End reason"</dt><dd>{reason}</dd> })}
            </dl>
            <Show when=open>
                <LinkActions journey_id reload/>
            </Show>
            <Show when=move || detail.with(|d| d.end_reason.as_deref() == Some("revoked"))>
                <ReissueAction journey_id/>
            </Show>
        </section>
        <section class="card">
            <h2>"Steps"</h2>
            <ol class="steps" id="tracker-steps">
                {move || detail.with(|d| d.steps.clone()).into_iter().map(|step| view! {
                    <li class="step" data-step=step.kind.as_str() data-state=step.state.as_str()>
                        <span class="step-name">{step.kind.label()}</span>
                        <StateBadge label=step.state.label() code=step.state.as_str()/>
                        <Timestamp at=step.updated_at/>
                    </li>
                }).collect_view()}
            </ol>
        </section>
        {move || view! { <crate::checks::CheckList checks=detail.with(|d| d.checks.clone())/> }}
        <section class="card">
            <h2>"Timeline"</h2>
            <ol class="timeline" id="timeline" aria-live="polite">
                <For each=move || events.get() key=|e| e.id let:event>
                    <TimelineEntry event/>
                </For>
            </ol>
        </section>
    }
}

/// Resend (a new token; the old link stops working) and revoke, for a journey still open.
#[component]
fn LinkActions(journey_id: uuid::Uuid, reload: RwSignal<u32>) -> impl IntoView {
    let resend = ServerAction::<ResendLink>::new();
    let revoke = ServerAction::<RevokeLink>::new();
    let confirming = RwSignal::new(false);
    let resend_error = Signal::derive(move || resend.value().get().and_then(Result::err));
    let revoke_error = Signal::derive(move || revoke.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if matches!(revoke.value().get(), Some(Ok(()))) {
            reload.update(|n| *n += 1);
        }
    });
    let id = journey_id.to_string();
    view! {
        <div class="link-actions">
            <ActionForm action=resend>
                <input type="hidden" name="journey_id" value=id/>
                <button type="submit" class="button" disabled=move || resend.pending().get()>"Resend link"</button>
                <label class="check" for="resend-email">
                    <input type="checkbox" id="resend-email" name="email_link" value="on"/>
                    "and email it to the customer"
                </label>
            </ActionForm>
            <button type="button" class="button danger" on:click=move |_| confirming.set(true)>"Revoke link"</button>
            <Show when=move || confirming.get()>
                <div class="notice notice-warning" role="alertdialog" aria-labelledby="revoke-question">
                    <p id="revoke-question">"Revoke this link? The customer will no longer be able to use it."</p>
                    <ActionForm action=revoke>
                        <input type="hidden" name="journey_id" value=journey_id.to_string()/>
                        <button type="submit" class="button danger">"Yes, revoke"</button>
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </ActionForm>
                </div>
            </Show>
            <FormError error=resend_error/>
            <FormError error=revoke_error/>
            {move || resend.value().get().and_then(Result::ok).map(|link| view! { <LinkReady url=link.url emailed=link.emailed/> })}
        </div>
    }
}

/// For a journey whose link was withdrawn: issue it again as a new journey.
#[component]
fn ReissueAction(journey_id: uuid::Uuid) -> impl IntoView {
    let reissue = ServerAction::<ReissueLink>::new();
    let error = Signal::derive(move || reissue.value().get().and_then(Result::err));
    view! {
        <div class="link-actions">
            <ActionForm action=reissue>
                <input type="hidden" name="journey_id" value=journey_id.to_string()/>
                <button type="submit" class="button" disabled=move || reissue.pending().get()>"Issue a new journey"</button>
                <span class="muted">"with the same steps; its link is emailed to the customer"</span>
            </ActionForm>
            <FormError error/>
            {move || reissue.value().get().and_then(Result::ok).map(|link| view! {
                <LinkReady url=link.url.clone() emailed=link.emailed/>
                <p><A href=format!("/journeys/{}", link.journey_id)>"Open the new journey"</A></p>
            })}
        </div>
    }
}

#[component]
fn TimelineEntry(event: EventRow) -> impl IntoView {
    let (subject, change) = describe(&event);
    let actor = match &event.actor_name {
        Some(name) => format!("{} ({name})", event.actor.label()),
        None => event.actor.label().to_owned(),
    };
    view! {
        <li class="timeline-entry" data-event=event.id data-to=event.to_state.clone()>
            <Timestamp at=event.occurred_at/>
            <span class="timeline-subject">{subject}</span>
            <span class="timeline-change">{change}</span>
            <span class="muted">{format!("by {actor}")}</span>
        </li>
    }
}

/// What an event is about and what happened, as people read it.
fn describe(event: &EventRow) -> (String, String) {
    let transition = || match &event.from_state {
        Some(from) => format!("{} → {}", label(from), label(&event.to_state)),
        None => label(&event.to_state),
    };
    let with_reason = |text: String| match &event.reason {
        Some(reason) => format!("{text} (reason: {})", label(reason)),
        None => text,
    };
    match (event.subject.as_str(), event.step_kind) {
        (_, Some(kind)) => (format!("{} step", kind.label()), with_reason(transition())),
        ("consent", _) => (
            "Consent".to_owned(),
            match &event.reason {
                Some(version) => format!("Given (notice version {version})"),
                None => "Given".to_owned(),
            },
        ),
        ("link", _) => ("Link".to_owned(), label(&event.to_state)),
        ("submission", _) => ("Submission".to_owned(), label(&event.to_state)),
        ("document", _) => ("Document".to_owned(), with_reason(transition())),
        ("bank_check", _) => ("Bank check".to_owned(), with_reason(label(&event.to_state))),
        ("aadhaar_check", _) => (
            "Aadhaar check".to_owned(),
            with_reason(label(&event.to_state)),
        ),
        _ => ("Journey".to_owned(), with_reason(transition())),
    }
}

/// A stored state name as people read it: `in_progress` -> `In Progress`.
fn label(stored: &str) -> String {
    stored
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
