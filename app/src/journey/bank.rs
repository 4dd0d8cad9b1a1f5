//! The bank account step: the customer types the holder's name, the account number twice
//! and the IFSC; a penny drop checks them. The IFSC and number rules run here as the
//! customer types and again on the server. While the bank's answer is awaited the page
//! asks for the journey again every few seconds.

use kyc_core::bank::Ifsc;
use kyc_core::checks::{CheckStatus, CustomerCheck};
use kyc_core::views::CustomerJourney;
use kyc_core::{StepKind, StepState};
use leptos::prelude::*;

use super::api::VerifyBankAccount;
use super::page::{next_after, JourneyUi, Panel};
use crate::ui::{FieldMessage, FormError};

#[component]
pub fn BankStep(journey: CustomerJourney) -> impl IntoView {
    let ui = JourneyUi::get();
    let step = journey
        .steps
        .iter()
        .find(|s| s.kind == StepKind::BankAccount)
        .map(|s| s.step.clone());
    let check: Option<CustomerCheck> = journey
        .checks
        .iter()
        .find(|c| c.kind == StepKind::BankAccount)
        .cloned();
    let next = next_after(&journey, StepKind::BankAccount);
    let waiting = check
        .as_ref()
        .is_some_and(|c| c.status == CheckStatus::Waiting);
    let done = step.as_ref().is_some_and(|s| !s.awaits_customer());
    let (attempts, max_attempts) = step
        .as_ref()
        .map_or((0, 0), |s| (s.attempts, s.max_attempts));
    let tries_left = step.as_ref().is_some_and(|s| match s.state {
        StepState::Failed => s.attempts < s.max_attempts,
        _ => true,
    });

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
    let check_ifsc = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        ifsc_hint.set(
            (!typed.trim().is_empty())
                .then(|| Ifsc::parse("ifsc", &typed).err().map(|e| e.message))
                .flatten(),
        );
    };

    let outcome = check.clone().map(|c| {
        let class = match c.status {
            CheckStatus::Passed | CheckStatus::ToReview => "notice notice-success",
            CheckStatus::Waiting => "notice",
            _ => "notice notice-warning",
        };
        view! {
            <div class=class role="status" id="bank-check" data-status=c.status.as_str()>
                <p><strong>{c.subject.clone()}</strong></p>
                <p>{c.message.clone()}</p>
            </div>
        }
    });
    let form = (!done && !waiting && tries_left).then(|| {
        view! {
            <ActionForm action=verify attr:class="bank-form">
                <label for="holder_name">"Account holder's name"</label>
                <input id="holder_name" name="form[holder_name]" required maxlength="200"
                    autocomplete="name" aria-describedby="holder_name-error"/>
                <FieldMessage error field="holder_name"/>
                <label for="account_number">"Account number"</label>
                <input id="account_number" name="form[account_number]" required inputmode="numeric"
                    autocomplete="off" maxlength="24" aria-describedby="account_number-error"/>
                <FieldMessage error field="account_number"/>
                <label for="account_number_again">"Account number again"</label>
                <input id="account_number_again" name="form[account_number_again]" required inputmode="numeric"
                    autocomplete="off" maxlength="24" aria-describedby="account_number_again-error"/>
                <FieldMessage error field="account_number_again"/>
                <label for="ifsc">"IFSC " <span class="muted">"(on your cheque book or passbook, e.g. HDFC0001234)"</span></label>
                <input id="ifsc" name="form[ifsc]" required maxlength="11" autocapitalize="characters"
                    autocomplete="off" on:input=check_ifsc aria-describedby="ifsc-error"/>
                {move || ifsc_hint.get().map(|m| view! { <p class="field-hint" id="ifsc-hint">{m}</p> })}
                <FieldMessage error field="ifsc"/>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || verify.pending().get()>
                    {move || if verify.pending().get() { "Checking with your bank…" } else { "Verify account" }}
                </button>
            </ActionForm>
        }
    });
    view! {
        <section class="card" id="bank-step">
            <h2>"Bank account"</h2>
            <p>"We send ₹1 to your account to confirm it is yours and that the name matches. Only the last four digits of the number are kept."</p>
            {outcome}
            {(attempts > 0 && !done).then(|| view! {
                <p class="muted" id="bank-attempts">{format!("Attempt {attempts} of {max_attempts}")}</p>
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
