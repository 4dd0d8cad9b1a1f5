//! The bank account step: the customer types the holder's name, the account number twice
//! and the IFSC; a penny drop checks them. The IFSC and number rules run here as the
//! customer types and again on the server. While the bank's answer is awaited the page
//! asks for the journey again every few seconds.

use kyc_core::bank::Ifsc;
use kyc_core::checks::CheckStatus;
use kyc_core::views::CustomerJourney;
use kyc_core::StepKind;
use leptos::prelude::*;

use super::api::VerifyBankAccount;
use super::check_panel::{CheckCard, CheckStep, Outcome};
use super::page::{JourneyUi, Panel};
use crate::i18n::{step_name, t, use_lang};
use crate::ui::{invalid, FieldMessage, FormError};

#[component]
pub fn BankStep(journey: CustomerJourney) -> impl IntoView {
    let ui = JourneyUi::get();
    let lang = use_lang();
    let state = CheckStep::of(&journey, StepKind::BankAccount);
    let waiting = state
        .check
        .as_ref()
        .is_some_and(|c| c.status == CheckStatus::Waiting);

    if waiting {
        keep_asking(ui);
    }
    let verify = ServerAction::<VerifyBankAccount>::new();
    let error = Signal::derive(move || verify.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = verify.value().get() {
            ui.refresh_on(Panel::Step(StepKind::BankAccount));
        }
    });
    let ifsc_hint = RwSignal::new(None::<String>);
    // Whether the code is well formed comes from the rule the server applies; the words are
    // the page's own, so the hint reads in the customer's language.
    let check_ifsc = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        ifsc_hint.set(
            (!typed.trim().is_empty() && Ifsc::parse("ifsc", &typed).is_err())
                .then(|| t!(lang, "bank-ifsc-hint")),
        );
    };

    let outcome = state
        .check
        .clone()
        .map(|check| view! { <Outcome check id="bank-check" subject=true/> });
    let form = (state.may_try() && !waiting).then(|| {
        view! {
            <ActionForm action=verify attr:class="bank-form">
                <label for="holder_name">{t!(lang, "bank-holder-name")}</label>
                <input id="holder_name" name="form[holder_name]" required maxlength="200"
                    autocomplete="name" aria-describedby="holder_name-error" aria-invalid=invalid(error, "holder_name")/>
                <FieldMessage error field="holder_name"/>
                <label for="account_number">{t!(lang, "bank-account-number")}</label>
                <input id="account_number" name="form[account_number]" required inputmode="numeric"
                    autocomplete="off" maxlength="24" aria-describedby="account_number-error" aria-invalid=invalid(error, "account_number")/>
                <FieldMessage error field="account_number"/>
                <label for="account_number_again">{t!(lang, "bank-account-number-again")}</label>
                <input id="account_number_again" name="form[account_number_again]" required inputmode="numeric"
                    autocomplete="off" maxlength="24" aria-describedby="account_number_again-error" aria-invalid=invalid(error, "account_number_again")/>
                <FieldMessage error field="account_number_again"/>
                <label for="ifsc">"IFSC " <span class="muted">{t!(lang, "bank-ifsc-where")}</span></label>
                <input id="ifsc" name="form[ifsc]" required maxlength="11" autocapitalize="characters"
                    autocomplete="off" on:input=check_ifsc aria-describedby="ifsc-error" aria-invalid=invalid(error, "ifsc")/>
                {move || ifsc_hint.get().map(|m| view! { <p class="field-hint" id="ifsc-hint">{m}</p> })}
                <FieldMessage error field="ifsc"/>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || verify.pending().get()>
                    {move || if verify.pending().get() { t!(lang, "bank-checking") } else { t!(lang, "bank-verify") }}
                </button>
            </ActionForm>
        }
    });
    view! {
        <CheckCard
            id="bank-step"
            title=step_name(lang, StepKind::BankAccount)
            intro=t!(lang, "bank-intro")
            attempts_id="bank-attempts"
            state
            outcome=outcome.map(IntoAny::into_any)
            form=form.map(IntoAny::into_any)
        />
    }
}

/// Reloads the journey every 3 seconds while this panel is shown (a check is waiting).
fn keep_asking(ui: JourneyUi) {
    #[cfg(feature = "hydrate")]
    {
        let handle =
            set_interval_with_handle(move || ui.refresh(), std::time::Duration::from_secs(3)).ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ui;
}
