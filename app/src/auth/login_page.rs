use leptos::prelude::*;
use leptos_meta::Title;

use super::api::Login;
use crate::ui::{FieldMessage, FormError};

/// Staff sign-in.
#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    view! {
        <Title text="Sign in · KYC"/>
        <main class="auth-page">
            <section class="card auth-card" aria-labelledby="login-title">
                <h1 id="login-title">"Sign in"</h1>
                <p class="muted">"Compliance dashboard for merchant staff."</p>
                <ActionForm action=login>
                    <label for="email">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="username" required/>
                    <label for="password">"Password"</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required/>
                    <FieldMessage error field="password"/>
                    <FormError error/>
                    <button type="submit" class="button primary" disabled=move || login.pending().get()>
                        {move || if login.pending().get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </ActionForm>
            </section>
        </main>
    }
}
