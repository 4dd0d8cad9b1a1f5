use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{Login, SecondFactor};
use crate::ui::{FieldMessage, FormError};

/// Staff sign-in: the password, then the code of the account's authenticator app when it
/// has two-factor sign-in on.
#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let second = ServerAction::<SecondFactor>::new();
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    let code_error = Signal::derive(move || second.value().get().and_then(Result::err));
    let asks_code = move || matches!(login.value().get(), Some(Ok(true)));
    view! {
        <Title text="Sign in · KYC"/>
        <main class="auth-page">
            <section class="card auth-card" aria-labelledby="login-title">
                <h1 id="login-title">"Sign in"</h1>
                <Show
                    when=asks_code
                    fallback=move || view! {
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
                        <p><a href="/forgot-password">"Forgot your password?"</a></p>
                    }
                >
                    <p>"Enter the six-digit code your authenticator app shows, or one of your recovery codes."</p>
                    <ActionForm action=second>
                        <label for="code">"Code"</label>
                        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" required
                            aria-describedby="code-error"/>
                        <FieldMessage error=code_error field="code"/>
                        <FormError error=code_error/>
                        <button type="submit" class="button primary" disabled=move || second.pending().get()>"Continue"</button>
                    </ActionForm>
                </Show>
            </section>
        </main>
    }
}
