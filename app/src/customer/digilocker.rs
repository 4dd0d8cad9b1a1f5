//! The DigiLocker Aadhaar step: the customer types their name and birth date as on their
//! Aadhaar, then signs in to DigiLocker and allows sharing their e-Aadhaar; DigiLocker
//! sends them back here, and this panel says what came of it.

use kyc_core::checks::CheckStatus;
use kyc_core::views::CustomerJourney;
use kyc_core::StepKind;
use leptos::prelude::*;

use super::api::StartDigilocker;
use super::check_panel::{CheckCard, CheckStep, Outcome};
use crate::i18n::{t, use_lang};
use crate::ui::{invalid, FieldMessage, FormError};

#[component]
pub fn DigiLockerStep(journey: CustomerJourney) -> impl IntoView {
    let lang = use_lang();
    let state = CheckStep::of(&journey, StepKind::DigiLockerAadhaar);
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
    let outcome = state
        .check
        .clone()
        .filter(|c| c.status != CheckStatus::Waiting)
        .map(|check| view! { <Outcome check id="digilocker-check"/> });
    let form = state.may_try().then(|| {
        view! {
            <ActionForm action=start attr:class="digilocker-form">
                <label for="aadhaar_name">{t!(lang, "digilocker-name")}</label>
                <input id="aadhaar_name" name="name" required maxlength="200" autocomplete="name"
                    aria-describedby="name-error" aria-invalid=invalid(error, "name")/>
                <FieldMessage error field="name"/>
                <label for="aadhaar_dob">{t!(lang, "digilocker-date-of-birth")}</label>
                <input id="aadhaar_dob" name="date_of_birth" type="date" required autocomplete="bday"
                    aria-describedby="date_of_birth-error" aria-invalid=invalid(error, "date_of_birth")/>
                <FieldMessage error field="date_of_birth"/>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || start.pending().get()>
                    {move || if start.pending().get() { t!(lang, "digilocker-opening") } else { t!(lang, "digilocker-continue") }}
                </button>
            </ActionForm>
        }
    });
    view! {
        <CheckCard
            id="digilocker-step"
            title=t!(lang, "digilocker-title")
            intro=t!(lang, "digilocker-intro")
            attempts_id="digilocker-attempts"
            state
            outcome=outcome.map(IntoAny::into_any)
            form=form.map(IntoAny::into_any)
        />
    }
}
