//! The status page a returning customer sees: each step's and each document's state, the
//! reviewer's words on anything sent back, and what to do next.

use kyc_core::views::CustomerJourney;
use kyc_core::{DocumentState, JourneyState, Party, StepKind, StepState};
use leptos::prelude::*;

use super::page::{Panel, PanelLink};
use crate::i18n::{document_type_name, rejection_reason, step_name, t, use_lang, Lang, LocalTime};

#[component]
pub fn StatusPanel(journey: CustomerJourney) -> impl IntoView {
    let lang = use_lang();
    let open = journey.state == JourneyState::InProgress;
    let action_needed: Vec<StepKind> = journey
        .steps
        .iter()
        .filter(|s| s.kind.is_done_by_customer() && s.step.awaits_customer())
        .map(|s| s.kind)
        .collect();
    view! {
        <section class="card" aria-labelledby="status-title" id="status-panel">
            <h2 id="status-title">{t!(lang, "status-title")}</h2>
            {journey.submitted_at.map(|at| view! {
                <p>
                    {t!(lang, "status-submitted-before")}
                    <LocalTime at/>
                    {t!(lang, "status-submitted-after")}
                </p>
            })}
            <ul class="status-steps">
                {journey.steps.iter().map(|step| view! {
                    <li class="status-step" data-step=step.kind.as_str()>
                        <span class="step-name">{step_name(lang, step.kind)}</span>
                        <span class=format!("badge badge-{}", step.state_code)>{customer_label(lang, &step.step.state)}</span>
                        {step.message.clone().map(|m| view! { <p class="step-message">{m}</p> })}
                        {journey.checks.iter().find(|c| c.kind == step.kind).map(|c| view! {
                            <p class="step-message check-message">{format!("{}: {}", c.subject, c.message(lang))}</p>
                        })}
                        <Comments comments=journey.comments.iter().filter(|c| c.step == Some(step.kind)).cloned().collect()/>
                    </li>
                }).collect_view()}
            </ul>
            {(!journey.documents.is_empty()).then(|| view! {
                <h3>{t!(lang, "status-documents")}</h3>
                <ul class="status-documents">
                    {journey.documents.iter().filter(|d| d.submitted_at.is_some()).map(|d| {
                        let (label, code, note) = match &d.state {
                            DocumentState::Pending => ("status-document-pending", "pending", None),
                            DocumentState::Approved => ("status-document-approved", "completed", None),
                            DocumentState::Rejected(r) => {
                                let reason = rejection_reason(lang, r.reason);
                                // The reviewer's comment is their own words, shown as written.
                                let note = if r.comment.is_empty() {
                                    reason
                                } else {
                                    format!("{reason}: {}", r.comment)
                                };
                                ("status-document-rejected", "failed", Some(note))
                            }
                        };
                        let label = t!(lang, label);
                        view! {
                            <li class="status-document" data-state=code>
                                <span>{document_type_name(lang, d.doc_type)}</span>
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
                        <p>{t!(lang, "status-attention")}</p>
                        <PanelLink to=Panel::Step(first)>
                            {t!(lang, "status-go-to", step = step_name(lang, first))}
                        </PanelLink>
                    </div>
                }
            })}
        </section>
    }
}

/// What the reviewers wrote to the customer about one document or step.
#[component]
fn Comments(comments: Vec<kyc_core::views::CustomerComment>) -> impl IntoView {
    let lang = use_lang();
    (!comments.is_empty()).then(|| {
        view! {
            <ul class="customer-comments">
                {comments.into_iter().map(|c| view! {
                    <li class="customer-comment">
                        <span class="muted">{t!(lang, "status-reviewer-message")}</span>
                        {c.body}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

/// Step states in the customer's words: a step with a reviewer is simply being checked.
fn customer_label(lang: Lang, state: &StepState) -> String {
    let id = match state {
        StepState::NotStarted => "status-step-not-started",
        StepState::InProgress => "status-step-in-progress",
        StepState::Completed => "status-step-completed",
        StepState::Failed => "status-step-failed",
        StepState::RequiresAction(action) if action.by == Party::Customer => {
            "status-step-action-needed"
        }
        StepState::RequiresAction(_) => "status-step-being-checked",
    };
    t!(lang, id)
}
