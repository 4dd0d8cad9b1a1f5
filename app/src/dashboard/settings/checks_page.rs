//! Name-match bands (admins): how closely the name at the bank (and on Aadhaar) must
//! match what the customer typed to pass, and below which it fails; between the two a
//! reviewer decides.

use kyc_core::bank::NameBands;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::error_view;
use crate::ui::{FieldMessage, FormError};
use crate::AppError;

/// The merchant's bands and the defaults.
#[server(endpoint = "name_match_settings")]
pub async fn name_match_settings() -> Result<(NameBands, NameBands), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::settings::name_bands(&services, &actor).await?)
    })
    .await
}

/// Sets the bands; audited.
#[server(endpoint = "save_name_match_bands")]
pub async fn save_name_match_bands(pass_from: String, fail_to: String) -> Result<(), AppError> {
    use kyc_core::bank::NameBandsForm;
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        let form = NameBandsForm {
            pass_from: &pass_from,
            fail_to: &fail_to,
        };
        Ok(kyc_service::settings::set_name_bands(&services, &actor, form).await?)
    })
    .await
}

#[component]
pub fn NameMatchSettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveNameMatchBands>::new();
    let settings = Resource::new(move || save.version().get(), |_| name_match_settings());
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    view! {
        <Title text="Name matching · KYC"/>
        <div class="page-head"><h1>"Name matching"</h1></div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let (current, defaults) = settings.await?;
                    Ok::<_, AppError>(view! {
                        <section class="card">
                            <p>"The bank account step compares the account holder's name the customer typed with the name the bank holds, scored from 0 to 100 (word order, initials, titles and small typos are understood). At or above the pass score the step completes; at or below the fail score the try fails; in between a reviewer decides."</p>
                            <p class="muted">{format!("Defaults: pass from {}, fail at {} or below. A name that matches only through an initial (ASHA R) scores at most 80, so it always goes to a reviewer with the defaults.", defaults.pass_from, defaults.fail_to)}</p>
                            <ActionForm action=save attr:class="stack">
                                <label for="pass_from">"Pass from"</label>
                                <input id="pass_from" name="pass_from" inputmode="numeric" value=current.pass_from.to_string()/>
                                <FieldMessage error field="pass_from"/>
                                <label for="fail_to">"Fail at or below"</label>
                                <input id="fail_to" name="fail_to" inputmode="numeric" value=current.fail_to.to_string()/>
                                <FieldMessage error field="fail_to"/>
                                <button type="submit" class="button primary">"Save bands"</button>
                            </ActionForm>
                            <FormError error/>
                            {move || saved().then(|| view! { <p role="status" id="bands-saved">"Saved."</p> })}
                        </section>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
