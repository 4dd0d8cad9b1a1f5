//! The consent screen: what is collected, why, and who sees it, before anything else.

use kyc_core::views::CustomerJourney;
use kyc_core::StepKind;
use leptos::prelude::*;

use super::api::GiveConsent;
use super::page::JourneyUi;
use crate::i18n::{t, use_lang, Lang};
use crate::ui::FormError;

/// What each step collects, and why: the reason carries the punctuation around it, which
/// differs between languages.
pub(super) fn purpose(lang: Lang, kind: StepKind) -> (String, String) {
    let (what, why) = match kind {
        StepKind::Documents => ("consent-collect-documents", "consent-why-documents"),
        StepKind::Selfie => ("consent-collect-selfie", "consent-why-selfie"),
        StepKind::Signature => ("consent-collect-signature", "consent-why-signature"),
        StepKind::DigiLockerAadhaar => ("consent-collect-digilocker", "consent-why-digilocker"),
        StepKind::BankAccount => ("consent-collect-bank", "consent-why-bank"),
        StepKind::SanctionScreening => ("consent-collect-screening", "consent-why-screening"),
    };
    (t!(lang, what), t!(lang, why))
}

/// Asks for consent; recorded with its time and the consent text's version.
#[component]
pub fn Consent(journey: CustomerJourney) -> impl IntoView {
    let lang = use_lang();
    let ui = JourneyUi::get();
    let agree = ServerAction::<GiveConsent>::new();
    let error = Signal::derive(move || agree.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if matches!(agree.value().get(), Some(Ok(()))) {
            ui.refresh();
        }
    });
    let merchant = journey.branding.display_name.clone();
    view! {
        <section class="card" aria-labelledby="consent-title">
            <h2 id="consent-title">{t!(lang, "consent-title")}</h2>
            <p>{t!(lang, "consent-intro", merchant = &merchant)}</p>
            <ul class="purposes">
                {journey.steps.iter().map(|step| {
                    let (what, why) = purpose(lang, step.kind);
                    view! { <li><strong>{what}</strong>{why}</li> }
                }).collect_view()}
            </ul>
            <p>{t!(lang, "consent-privacy", merchant = &merchant)}</p>
            <ActionForm action=agree>
                <label class="check consent-check" for="consent-agree">
                    <input type="checkbox" id="consent-agree" name="agree" required/>
                    {t!(lang, "consent-agree-label")}
                </label>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || agree.pending().get()>
                    {t!(lang, "consent-agree-submit")}
                </button>
            </ActionForm>
        </section>
    }
}
