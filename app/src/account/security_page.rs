use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{
    load_security, ChangePassword, ConfirmTwoFactor, StartTwoFactor, TurnOffTwoFactor,
};
use crate::error::error_view;
use crate::ui::{FieldMessage, FormError};
use crate::AppError;

/// The member's own sign-in: two-factor sign-in (set up with a QR code and a first code, ten
/// recovery codes shown once; turned off with the password) and the password.
#[component]
pub fn SecurityPage() -> impl IntoView {
    let start = ServerAction::<StartTwoFactor>::new();
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    let turn_off = ServerAction::<TurnOffTwoFactor>::new();
    let change = ServerAction::<ChangePassword>::new();
    let security = Resource::new(
        move || (confirm.version().get(), turn_off.version().get()),
        |_| load_security(),
    );
    let start_error = Signal::derive(move || start.value().get().and_then(Result::err));
    let confirm_error = Signal::derive(move || confirm.value().get().and_then(Result::err));
    let off_error = Signal::derive(move || turn_off.value().get().and_then(Result::err));
    let change_error = Signal::derive(move || change.value().get().and_then(Result::err));
    view! {
        <Title text="Security · KYC"/>
        <div class="page-head"><h1>"Security"</h1></div>
        <section class="card" aria-labelledby="two-factor-title">
            <h2 id="two-factor-title">"Two-factor sign-in"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=error_view>
                    {move || Suspend::new(async move {
                        let security = security.await?;
                        let codes = confirm.value().get().and_then(Result::ok);
                        Ok::<_, AppError>(match (security.two_factor, codes) {
                            (true, Some(codes)) => view! {
                                <div class="notice notice-success" role="status" id="recovery-codes">
                                    <p><strong>"Two-factor sign-in is on. Save these recovery codes now: each signs you in once if you lose your phone, and they will not be shown again."</strong></p>
                                    <ul class="mono">{codes.into_iter().map(|c| view! { <li>{c}</li> }).collect::<Vec<_>>()}</ul>
                                </div>
                            }.into_any(),
                            (true, None) => view! {
                                <p id="two-factor-status">{format!("On. {} recovery codes left.", security.recovery_codes_left)}</p>
                                <details>
                                    <summary class="button">"Turn off…"</summary>
                                    <ActionForm action=turn_off attr:class="stack">
                                        <label for="off-password">"Your password"</label>
                                        <input id="off-password" name="password" type="password" autocomplete="current-password" required/>
                                        <FieldMessage error=off_error field="password"/>
                                        <FormError error=off_error/>
                                        <button type="submit" class="button danger">"Turn off two-factor sign-in"</button>
                                    </ActionForm>
                                </details>
                            }.into_any(),
                            (false, _) => view! {
                                {security.two_factor_required.then(|| view! {
                                    <p class="notice notice-error" role="alert">"Your organisation requires two-factor sign-in. Set it up to continue using the dashboard."</p>
                                })}
                                <p id="two-factor-status">"Off. With it on, signing in needs your password and a code from an authenticator app on your phone."</p>
                                <Enrol start confirm start_error confirm_error/>
                            }.into_any(),
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
        <section class="card" aria-labelledby="password-title">
            <h2 id="password-title">"Password"</h2>
            <ActionForm action=change attr:class="stack">
                <label for="current">"Current password"</label>
                <input id="current" name="current" type="password" autocomplete="current-password" required/>
                <FieldMessage error=change_error field="current"/>
                <label for="new">"New password"</label>
                <input id="new" name="new" type="password" autocomplete="new-password" required minlength="12"
                    aria-describedby="new-help"/>
                <p class="muted" id="new-help">"At least 12 characters. Your other sessions will be signed out."</p>
                <FieldMessage error=change_error field="new"/>
                <FormError error=change_error/>
                <button type="submit" class="button primary">"Change password"</button>
            </ActionForm>
            {move || matches!(change.value().get(), Some(Ok(()))).then(|| view! {
                <p class="notice notice-success" role="status">"Your password is changed; your other sessions are signed out."</p>
            })}
        </section>
    }
}

/// Setting up: the QR code and the secret, then the first code.
#[component]
fn Enrol(
    start: ServerAction<StartTwoFactor>,
    confirm: ServerAction<ConfirmTwoFactor>,
    start_error: Signal<Option<AppError>>,
    confirm_error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        {move || match start.value().get().and_then(Result::ok) {
            None => view! {
                <ActionForm action=start attr:class="stack">
                    <label for="start-password">"Your password"</label>
                    <input id="start-password" name="password" type="password" autocomplete="current-password" required/>
                    <FieldMessage error=start_error field="password"/>
                    <FormError error=start_error/>
                    <button type="submit" class="button primary">"Set up two-factor sign-in"</button>
                </ActionForm>
            }.into_any(),
            Some(enrolment) => view! {
                <ol class="stack">
                    <li>
                        <p>"Scan this code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…)."</p>
                        <img src=enrolment.qr_code width="200" height="200" alt="QR code for your authenticator app"/>
                    </li>
                    <li><p>"Or type this key: " <code id="totp-secret">{enrolment.secret}</code></p></li>
                    <li>
                        <ActionForm action=confirm attr:class="stack">
                            <label for="totp-code">"The six-digit code the app shows"</label>
                            <input id="totp-code" name="code" autocomplete="one-time-code" inputmode="numeric" required/>
                            <FieldMessage error=confirm_error field="code"/>
                            <FormError error=confirm_error/>
                            <button type="submit" class="button primary">"Turn on"</button>
                        </ActionForm>
                    </li>
                </ol>
            }.into_any(),
        }}
    }
}
