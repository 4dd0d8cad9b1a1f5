//! The progress indicator over the link's steps; each entry takes the customer there.

use kyc_core::submission::step_ready;
use kyc_core::views::CustomerJourney;
use leptos::prelude::*;

use super::page::{Panel, PanelLink};
use crate::i18n::{step_name, t, use_lang};

/// The customer's steps in order, then "Review and submit"; the current one is marked.
#[component]
pub fn Progress(journey: CustomerJourney, #[prop(into)] current: Signal<Panel>) -> impl IntoView {
    let lang = use_lang();
    let prepared = journey.prepared();
    let mut entries: Vec<(Panel, String, &'static str)> = journey
        .steps
        .iter()
        .filter(|s| s.kind.is_done_by_customer())
        .map(|s| {
            let status = if !s.step.awaits_customer() {
                "done"
            } else if step_ready(s.kind, &journey.requirements, &prepared).is_ok() {
                "ready"
            } else {
                "todo"
            };
            (Panel::Step(s.kind), step_name(lang, s.kind), status)
        })
        .collect();
    let submitted = journey.submitted_at.is_some()
        && !journey
            .steps
            .iter()
            .any(|s| s.kind.is_done_by_customer() && s.step.awaits_customer());
    entries.push(if submitted {
        (Panel::Status, t!(lang, "progress-status"), "done")
    } else {
        (Panel::Review, t!(lang, "progress-review"), "todo")
    });
    let total = entries.len();
    view! {
        <nav class="progress" aria-label=t!(lang, "progress-label")>
            <ol>
                {entries.into_iter().enumerate().map(|(i, (panel, label, status))| {
                    let is_current = move || current.get() == panel;
                    let status_text = match status {
                        "done" => t!(lang, "progress-state-done"),
                        "ready" => t!(lang, "progress-state-ready"),
                        _ => t!(lang, "progress-state-todo"),
                    };
                    let position = t!(
                        lang,
                        "progress-position",
                        number = i + 1,
                        total = total,
                        status = status_text
                    );
                    view! {
                        <li class=move || format!("progress-step progress-{status}{}", if is_current() { " current" } else { "" })>
                            <PanelLink to=panel class="progress-button" current=Signal::derive(is_current)>
                                <span class="progress-number" aria-hidden="true">{i + 1}</span>
                                <span class="progress-label">{label}</span>
                                <span class="visually-hidden">{position}</span>
                            </PanelLink>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}
