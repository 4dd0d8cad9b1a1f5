use kyc_core::views::{EventRow, JourneyDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::api::get_journey;
use crate::error::error_view;
use crate::ui::{use_uuid_param, StateBadge, Timestamp};
use crate::AppError;

/// The tracker of one journey: each step's state and when it changed, and the full timeline.
#[component]
pub fn TrackerPage() -> impl IntoView {
    let id = use_uuid_param("id");
    let journey = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_journey(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let (detail, events) = journey.await?;
                    Ok::<_, AppError>(view! { <Tracker detail events/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Tracker(detail: JourneyDetail, events: Vec<EventRow>) -> impl IntoView {
    view! {
        <Title text="KYC Tracker · KYC"/>
        <div class="page-head">
            <h1>"KYC Tracker"</h1>
            <span id="journey-state"><StateBadge label=detail.state.label() code=detail.state.as_str()/></span>
        </div>
        <section class="card">
            <dl class="facts">
                <dt>"Customer"</dt>
                <dd><A href=format!("/customers/{}", detail.customer_id)>{detail.customer_name}</A></dd>
                <dt>"Journey"</dt><dd class="mono">{detail.id.to_string()}</dd>
                <dt>"Created"</dt><dd><Timestamp at=detail.created_at/></dd>
                <dt>"Opened"</dt><dd>{detail.opened_at.map(|at| view! { <Timestamp at/> }.into_any()).unwrap_or_else(|| "Not yet".into_any())}</dd>
                <dt>"Expires"</dt><dd><Timestamp at=detail.expires_at/></dd>
                {detail.end_reason.map(|reason| view! { <dt>"End reason"</dt><dd>{reason}</dd> })}
            </dl>
        </section>
        <section class="card">
            <h2>"Steps"</h2>
            <ol class="steps">
                {detail.steps.into_iter().map(|step| view! {
                    <li class="step">
                        <span class="step-name">{step.kind.label()}</span>
                        <StateBadge label=step.state.label() code=step.state.as_str()/>
                        <Timestamp at=step.updated_at/>
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <section class="card">
            <h2>"Timeline"</h2>
            <ol class="timeline" id="timeline">
                {events.into_iter().map(|e| view! { <TimelineEntry event=e/> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn TimelineEntry(event: EventRow) -> impl IntoView {
    let subject = match event.step_kind {
        Some(kind) => format!("{} step", kind.label()),
        None => "Journey".to_owned(),
    };
    let change = match &event.from_state {
        Some(from) => format!("{} → {}", label(from), label(&event.to_state)),
        None => label(&event.to_state),
    };
    let actor = match event.actor_name {
        Some(name) => format!("{} ({name})", event.actor.label()),
        None => event.actor.label().to_owned(),
    };
    view! {
        <li class="timeline-entry" data-to=event.to_state.clone()>
            <Timestamp at=event.occurred_at/>
            <span class="timeline-subject">{subject}</span>
            <span class="timeline-change">{change}</span>
            <span class="muted">{format!("by {actor}")}</span>
            {event.reason.map(|r| view! { <span class="muted">{format!("reason: {r}")}</span> })}
        </li>
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
