use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{load_invitation, AcceptInvitation};
use crate::error::error_view;
use crate::ui::{FieldMessage, FormError};
use crate::AppError;

/// An invitation to a merchant's staff: choose a name and a password (or, for an address
/// that has an account already, enter its password) and join.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invitation = Resource::new(token, load_invitation);
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    view! {
        <Title text="Invitation · KYC"/>
        <main class="auth-page">
            <section class="card auth-card" aria-labelledby="invitation-title">
                <h1 id="invitation-title">"Join the KYC dashboard"</h1>
                <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    <ErrorBoundary fallback=error_view>
                        {move || Suspend::new(async move {
                            let invitation = invitation.await?;
                            let existing = invitation.existing_account;
                            Ok::<_, AppError>(view! {
                                <p>{format!("{} invites {} as {}.", invitation.merchant_name, invitation.email, invitation.role.label())}</p>
                                <ActionForm action=accept>
                                    <input type="hidden" name="token" value=token/>
                                    {if existing {
                                        view! {
                                            <p class="muted">"This address already has an account. Sign in with it in this browser (" <a href="/login">"sign in"</a> "), then open the invitation link again and join."</p>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <label for="display_name">"Your name"</label>
                                            <input id="display_name" name="display_name" autocomplete="name" required maxlength="100"/>
                                            <FieldMessage error field="display_name"/>
                                            <label for="password">"Choose a password"</label>
                                            <input id="password" name="password" type="password" required
                                                autocomplete="new-password" minlength="12" aria-describedby="password-help"/>
                                            <p class="muted" id="password-help">"At least 12 characters; a few unrelated words work well."</p>
                                            <FieldMessage error field="password"/>
                                        }.into_any()
                                    }}
                                    <FormError error/>
                                    <button type="submit" class="button primary" disabled=move || accept.pending().get()>"Join"</button>
                                </ActionForm>
                            })
                        })}
                    </ErrorBoundary>
                </Suspense>
            </section>
        </main>
    }
}
