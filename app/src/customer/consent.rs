//! The consent screen: what is collected, why, and who sees it, before anything else.

use kyc_core::views::CustomerJourney;
use kyc_core::StepKind;
use leptos::prelude::*;

use super::api::GiveConsent;
use super::page::JourneyUi;
use crate::ui::FormError;

/// What each step collects and why, in the customer's words.
pub(super) fn purpose(kind: StepKind) -> (&'static str, &'static str) {
    match kind {
        StepKind::Documents => (
            "Photos or PDFs of your identity and address documents",
            "to confirm who you are and where you live",
        ),
        StepKind::Selfie => ("A photo of your face", "to match you with the photo on your documents"),
        StepKind::Signature => ("Your signature", "to confirm that you made this application"),
        StepKind::DigiLockerAadhaar => (
            "Your Aadhaar details from DigiLocker (name, date of birth, gender, address, photo; only the last 4 digits of the number)",
            "to verify your identity with the government record",
        ),
        StepKind::BankAccount => (
            "Your bank account number and IFSC",
            "to confirm the account is in your name, with a small test deposit",
        ),
        StepKind::SanctionScreening => (
            "Your name, checked against official sanctions lists",
            "because the law requires it",
        ),
    }
}

/// Asks for consent; recorded with its time and the consent text's version.
#[component]
pub fn Consent(journey: CustomerJourney) -> impl IntoView {
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
            <h2 id="consent-title">"Before you start"</h2>
            <p>{format!("{merchant} asks you to verify your identity. This is what you will share and why:")}</p>
            <ul class="purposes">
                {journey.steps.iter().map(|step| {
                    let (what, why) = purpose(step.kind);
                    view! { <li><strong>{what}</strong>", "{why}"."</li> }
                }).collect_view()}
            </ul>
            <p>{format!(
                "Only {merchant} and its compliance reviewers see what you send. Files are stored encrypted and kept only as long as the law requires. You can ask {merchant} for a copy or for deletion."
            )}</p>
            <ActionForm action=agree>
                <label class="check consent-check" for="consent-agree">
                    <input type="checkbox" id="consent-agree" name="agree" required/>
                    "I have read this and I agree to share this information."
                </label>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || agree.pending().get()>"Agree and continue"</button>
            </ActionForm>
        </section>
    }
}
