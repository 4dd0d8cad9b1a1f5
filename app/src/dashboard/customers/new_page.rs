use leptos::prelude::*;
use leptos_meta::Title;

use super::api::CreateCustomer;
use crate::ui::{FieldMessage, FormError};

/// The form that creates a customer.
#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let create = ServerAction::<CreateCustomer>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <Title text="New customer · KYC"/>
        <h1>"New customer"</h1>
        <section class="card narrow">
            <ActionForm action=create>
                <label for="full_name">"Full name"</label>
                <input id="full_name" name="input[full_name]" required maxlength="200" autocomplete="off"/>
                <FieldMessage error field="full_name"/>
                <label for="email">"Email"</label>
                <input id="email" name="input[email]" type="email" required maxlength="254" autocomplete="off"/>
                <FieldMessage error field="email"/>
                <label for="phone">"Phone " <span class="muted">"(optional)"</span></label>
                <input id="phone" name="input[phone]" type="tel" maxlength="32" autocomplete="off"/>
                <FieldMessage error field="phone"/>
                <label for="external_ref">"External reference " <span class="muted">"(optional, your own id)"</span></label>
                <input id="external_ref" name="input[external_ref]" maxlength="100" autocomplete="off"/>
                <FieldMessage error field="external_ref"/>
                <FormError error/>
                <button type="submit" class="button primary" disabled=move || create.pending().get()>"Create customer"</button>
            </ActionForm>
        </section>
    }
}
