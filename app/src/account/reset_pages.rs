use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{ForgotPassword, ResetPassword};
use crate::ui::{FieldMessage, FormError};

/// Asks for a password reset link by email.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let ask = ServerAction::<ForgotPassword>::new();
    let error = Signal::derive(move || ask.value().get().and_then(Result::err));
    let sent = move || matches!(ask.value().get(), Some(Ok(())));
    view! {
        <Title text="Forgot your password · KYC"/>
        <main class="auth-page">
            <section class="card auth-card" aria-labelledby="forgot-title">
                <h1 id="forgot-title">"Forgot your password?"</h1>
                <Show when=sent fallback=move || view! {
                    <p class="muted">"Enter the email address you sign in with. If it has an account, we email it a link to choose a new password."</p>
                    <ActionForm action=ask>
                        <label for="email">"Email"</label>
                        <input id="email" name="email" type="email" autocomplete="username" required/>
                        <FieldMessage error field="email"/>
                        <FormError error/>
                        <button type="submit" class="button primary" disabled=move || ask.pending().get()>"Email me a link"</button>
                    </ActionForm>
                }>
                    <p class="notice notice-success" role="status">"If that address has an account, a link is on its way. It works for 30 minutes."</p>
                </Show>
                <p><a href="/login">"Back to sign in"</a></p>
            </section>
        </main>
    }
}

/// Chooses a new password through a reset link.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let reset = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || reset.value().get().and_then(Result::err));
    let done = move || matches!(reset.value().get(), Some(Ok(())));
    view! {
        <Title text="Choose a new password · KYC"/>
        <main class="auth-page">
            <section class="card auth-card" aria-labelledby="reset-title">
                <h1 id="reset-title">"Choose a new password"</h1>
                <Show when=done fallback=move || view! {
                    <ActionForm action=reset>
                        <input type="hidden" name="token" value=token/>
                        <label for="password">"New password"</label>
                        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="12"
                            aria-describedby="password-help"/>
                        <p class="muted" id="password-help">"At least 12 characters; a few unrelated words work well. Every session of your account will be signed out."</p>
                        <FieldMessage error field="password"/>
                        <FormError error/>
                        <button type="submit" class="button primary" disabled=move || reset.pending().get()>"Set the password"</button>
                    </ActionForm>
                }>
                    <p class="notice notice-success" role="status">"Your password is changed."</p>
                    <p><a class="button primary" href="/login">"Sign in"</a></p>
                </Show>
            </section>
        </main>
    }
}
