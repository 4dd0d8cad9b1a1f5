//! The status page a returning customer sees: each step's and each document's state, the
//! reviewer's words on anything sent back, and what to do next.

use kyc_core::views::CustomerJourney;
use kyc_core::{DocumentState, JourneyState, Party, StepKind, StepState};
use leptos::prelude::*;

use super::page::{JourneyUi, Panel};
use crate::ui::Timestamp;

#[component]
pub fn StatusPanel(journey: CustomerJourney) -> impl IntoView {
    let ui = JourneyUi::get();
    let open = journey.state == JourneyState::InProgress;
    let action_needed: Vec<StepKind> = journey
        .steps
        .iter()
        .filter(|s| s.kind.is_done_by_customer() && s.step.awaits_customer())
        .map(|s| s.kind)
        .collect();
    view! {
        <section class="card" aria-labelledby="status-title" id="status-panel">
            <h2 id="status-title">"Status"</h2>
            {journey.submitted_at.map(|at| view! {
                <p>"Submitted on " <Timestamp at/> ". We will email you when there is news."</p>
            })}
            <ul class="status-steps">
                {journey.steps.iter().map(|step| view! {
                    <li class="status-step" data-step=step.kind.as_str()>
                        <span class="step-name">{step.kind.label()}</span>
                        <span class=format!("badge badge-{}", step.state_code)>{customer_label(&step.step.state)}</span>
                        {step.message.clone().map(|m| view! { <p class="step-message">{m}</p> })}
                        {journey.checks.iter().find(|c| c.kind == step.kind).map(|c| view! {
                            <p class="step-message check-message">{format!("{}: {}", c.subject, c.message)}</p>
                        })}
                        <Comments comments=journey.comments.iter().filter(|c| c.step == Some(step.kind)).cloned().collect()/>
                    </li>
                }).collect_view()}
            </ul>
            {(!journey.documents.is_empty()).then(|| view! {
                <h3>"Your documents"</h3>
                <ul class="status-documents">
                    {journey.documents.iter().filter(|d| d.submitted_at.is_some()).map(|d| {
                        let (label, code, note) = match &d.state {
                            DocumentState::Pending => ("Pending", "pending", None),
                            DocumentState::Approved => ("Approved", "completed", None),
                            DocumentState::Rejected(r) => ("Rejected", "failed", Some(
                                if r.comment.is_empty() { r.reason.label().to_owned() } else { format!("{}: {}", r.reason.label(), r.comment) }
                            )),
                        };
                        view! {
                            <li class="status-document" data-state=code>
                                <span>{d.doc_type.label()}</span>
                                <span class=format!("badge badge-{code}")>{label}</span>
                                {note.map(|n| view! { <p class="rejection">{n}</p> })}
                                <Comments comments=journey.comments.iter().filter(|c| c.document_id == Some(d.id)).cloned().collect()/>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(open && !action_needed.is_empty()).then(|| {
                let first = action_needed[0];
                view! {
                    <div class="notice notice-warning" role="status">
                        <p>"Something needs your attention."</p>
                        <button type="button" class="button primary" on:click=move |_| ui.show(Panel::Step(first))>
                            {format!("Go to {}", first.label())}
                        </button>
                    </div>
                }
            })}
        </section>
    }
}

/// What the reviewers wrote to the customer about one document or step.
#[component]
fn Comments(comments: Vec<kyc_core::views::CustomerComment>) -> impl IntoView {
    (!comments.is_empty()).then(|| view! {
        <ul class="customer-comments">
            {comments.into_iter().map(|c| view! {
                <li class="customer-comment"><span class="muted">"Message from the reviewer: "</span>{c.body}</li>
            }).collect_view()}
        </ul>
    })
}

/// Step states in the customer's words: a step with a reviewer is simply being checked.
fn customer_label(state: &StepState) -> &'static str {
    match state {
        StepState::NotStarted => "Not started",
        StepState::InProgress => "In progress",
        StepState::Completed => "Completed",
        StepState::Failed => "Not successful",
        StepState::RequiresAction(action) if action.by == Party::Customer => "Action needed",
        StepState::RequiresAction(_) => "Being checked",
    }
}
