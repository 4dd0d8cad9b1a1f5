//! What the bank and DigiLocker panels share: where the step stands (done, tries), the
//! latest check's outcome, and the line about tries.

use kyc_core::checks::{CheckStatus, CustomerCheck};
use kyc_core::views::CustomerJourney;
use kyc_core::{StepKind, StepState};
use leptos::prelude::*;

use super::page::{next_after, Panel, PanelLink};
use crate::i18n::{t, use_lang};

/// A check step as its panel reads it.
#[derive(Clone)]
pub(super) struct CheckStep {
    pub check: Option<CustomerCheck>,
    /// Where Continue goes.
    pub next: Panel,
    /// Nothing more for the customer to do (passed, or with a reviewer).
    pub done: bool,
    pub attempts: u32,
    pub max_attempts: u32,
    pub tries_left: bool,
}

impl CheckStep {
    pub fn of(journey: &CustomerJourney, kind: StepKind) -> CheckStep {
        let step = journey
            .steps
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.step.clone());
        CheckStep {
            check: journey.checks.iter().find(|c| c.kind == kind).cloned(),
            next: next_after(journey, kind),
            done: step.as_ref().is_some_and(|s| !s.awaits_customer()),
            attempts: step.as_ref().map_or(0, |s| s.attempts),
            max_attempts: step.as_ref().map_or(0, |s| s.max_attempts),
            tries_left: step.as_ref().is_some_and(|s| match s.state {
                StepState::Failed => s.attempts < s.max_attempts,
                _ => true,
            }),
        }
    }

    /// Whether the customer may run the check now.
    pub fn may_try(&self) -> bool {
        !self.done && self.tries_left
    }
}

/// The latest check's outcome in the customer's words (`id` names it for tests).
#[component]
pub(super) fn Outcome(
    check: CustomerCheck,
    id: &'static str,
    #[prop(optional)] subject: bool,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let class = match check.status {
        CheckStatus::Passed | CheckStatus::ToReview => "notice notice-success",
        CheckStatus::Waiting => "notice",
        _ => "notice notice-warning",
    };
    view! {
        <div class=class role="status" id=id data-status=check.status.as_str()>
            {subject.then(|| view! { <p><strong>{check.subject.clone()}</strong></p> })}
            <p>{check.message(lang)}</p>
        </div>
    }
}

/// "Attempt n of m", or that none are left.
#[component]
pub(super) fn Tries(
    attempts: u32,
    max_attempts: u32,
    done: bool,
    tries_left: bool,
    id: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        {(attempts > 0 && !done).then(|| view! {
            <p class="muted" id=id>{t!(lang, "check-attempt", attempt = attempts, max_attempts = max_attempts)}</p>
        })}
        {(!done && !tries_left).then(|| view! {
            <p class="notice notice-error" role="alert">{t!(lang, "check-no-attempts-left")}</p>
        })}
    }
}

/// The card of a check step: its heading and what it does, the latest outcome, the tries
/// (`attempts_id` names that line for tests), the form while the customer may try, and
/// Continue once there is nothing more to do.
#[component]
pub(super) fn CheckCard(
    id: &'static str,
    title: String,
    intro: String,
    attempts_id: &'static str,
    state: CheckStep,
    outcome: Option<AnyView>,
    form: Option<AnyView>,
) -> impl IntoView {
    let lang = use_lang();
    let (next, done) = (state.next, state.done);
    view! {
        <section class="card" id=id>
            <h2>{title}</h2>
            <p>{intro}</p>
            {outcome}
            <Tries attempts=state.attempts max_attempts=state.max_attempts done tries_left=state.tries_left id=attempts_id/>
            {form}
            <div class="actions">
                <PanelLink to=next enabled=done class="button">{t!(lang, "continue")}</PanelLink>
            </div>
        </section>
    }
}
