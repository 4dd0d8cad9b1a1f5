//! The DigiLocker Aadhaar step: the customer types their name and birth date as on their
//! Aadhaar, then signs in to DigiLocker and allows sharing their e-Aadhaar; DigiLocker
//! sends them back here, and this panel says what came of it.

use kyc_core::checks::{CheckStatus, CustomerCheck};
use kyc_core::views::CustomerJourney;
use kyc_core::{StepKind, StepState};
use leptos::prelude::*;

use super::api::StartDigilocker;
use super::page::{next_after, JourneyUi};
use crate::ui::{FieldMessage, FormError};

#[component]
pub fn DigiLockerStep(journey: CustomerJourney) -> impl IntoView {
    let ui = JourneyUi::get();
    let step = journey
        .steps
        .iter()
        .find(|s| s.kind == StepKind::DigiLockerAadhaar)
        .map(|s| s.step.clone());
    let check: Option<CustomerCheck> = journey
        .checks
        .iter()
        .find(|c| c.kind == StepKind::DigiLockerAadhaar)
        .cloned();
    let next = next_after(&journey, StepKind::DigiLockerAadhaar);
    let done = step.as_ref().is_some_and(|s| !s.awaits_customer());
    let (attempts, max_attempts) = step
        .as_ref()
        .map_or((0, 0), |s| (s.attempts, s.max_attempts));
    let tries_left = step.as_ref().is_some_and(|s| match s.state {
        StepState::Failed => s.attempts < s.max_attempts,
        _ => true,
    });
    let start = ServerAction::<StartDigilocker>::new();
    let error = Signal::derive(move || start.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(url)) = start.value().get() {
            #[cfg(feature = "hydrate")]
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign(&url);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = url;
        }
    });
    // A sign-in that was left unfinished is simply started again.
    let outcome = check.filter(|c| c.status != CheckStatus::Waiting).map(|c| {
        let class = match c.status {
            CheckStatus::Passed | CheckStatus::ToReview => "notice notice-success",
            _ => "notice notice-warning",
        };
        view! {
            <div class=class role="status" id="digilocker-check" data-status=c.status.as_str()>
                <p>{c.message.clone()}</p>
            </div>
        }
    });
    let form = (!done && tries_left).then(|| {
        view! {
            <ActionForm action=start attr:class="digilocker-form">
                <label for="aadhaar_name">"Your name as on your Aadhaar"</label>
                <input id="aadhaar_name" name="name" required maxlength="200" autocomplete="name"/>
                <FieldMessage error field="name"/>
                <label for="aadhaar_dob">"Your date of birth"</label>
                <input id="aadhaar_dob" name="date_of_birth" type="date" required autocomplete="bday"/>
                <FieldMessage error field="date_of_birth"/>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || start.pending().get()>
                    {move || if start.pending().get() { "Opening DigiLocker…" } else { "Continue to DigiLocker" }}
                </button>
            </ActionForm>
        }
    });
    view! {
        <section class="card" id="digilocker-step">
            <h2>"Aadhaar from DigiLocker"</h2>
            <p>"You sign in to DigiLocker (the Government of India's document wallet) and allow it to share your e-Aadhaar: name, date of birth, gender, address and photo. Only the last four digits of your Aadhaar number are kept."</p>
            {outcome}
            {(attempts > 0 && !done).then(|| view! {
                <p class="muted" id="digilocker-attempts">{format!("Attempt {attempts} of {max_attempts}")}</p>
            })}
            {(!done && !tries_left).then(|| view! {
                <p class="notice notice-error" role="alert">"No more attempts are left for this step. The company that sent your link will contact you."</p>
            })}
            {form}
            <div class="actions">
                <button type="button" class="button" disabled=!done on:click=move |_| ui.show(next)>"Continue"</button>
            </div>
        </section>
    }
}
