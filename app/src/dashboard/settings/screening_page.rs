//! Screening thresholds (admins): where a name becomes a possible match for a reviewer,
//! and where it is called a strong match, with the defaults and what they were chosen on.

use kyc_core::screening::Thresholds;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::error_view;
use crate::ui::FormError;
use crate::AppError;

/// The merchant's thresholds and the defaults.
#[server(endpoint = "screening_settings")]
pub async fn screening_settings() -> Result<(Thresholds, Thresholds), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::settings::thresholds(&services, &actor).await?)
    })
    .await
}

/// Sets the thresholds (0.5 <= review <= confirm <= 1); audited.
#[server(endpoint = "save_screening_thresholds")]
pub async fn save_screening_thresholds(review: String, confirm: String) -> Result<(), AppError> {
    use kyc_core::screening::ThresholdsForm;
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        let form = ThresholdsForm {
            review: &review,
            confirm: &confirm,
        };
        Ok(kyc_service::settings::set_thresholds(&services, &actor, form).await?)
    })
    .await
}

#[component]
pub fn ScreeningSettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveScreeningThresholds>::new();
    let settings = Resource::new(move || save.version().get(), |_| screening_settings());
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    view! {
        <Title text="Screening settings · KYC"/>
        <div class="page-head"><h1>"Sanctions screening"</h1></div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let (current, defaults) = settings.await?;
                    Ok::<_, AppError>(view! {
                        <section class="card">
                            <p>"Every customer's name is screened against the sanctions lists when they submit, and again for completed journeys after each list update. A score at or above the possible-match threshold waits for a reviewer; none is ever rejected without one."</p>
                            <p class="muted">{format!(
                                "Defaults: possible match from {:.2}, strong match from {:.2}. They were chosen on labelled sets: at {:.2}, every damaged UN-listed name was still found while about 0.2% of 20,000 people who are not listed raised an alert. Lowering the threshold finds more variants and raises more alerts.",
                                defaults.review, defaults.confirm, defaults.review
                            )}</p>
                            <ActionForm action=save attr:class="stack">
                                <label for="review">"Possible match from"</label>
                                <input id="review" name="review" inputmode="decimal" value=format!("{:.2}", current.review)/>
                                <label for="confirm">"Strong match from"</label>
                                <input id="confirm" name="confirm" inputmode="decimal" value=format!("{:.2}", current.confirm)/>
                                <button type="submit" class="button primary">"Save thresholds"</button>
                            </ActionForm>
                            <FormError error/>
                            {move || saved().then(|| view! { <p role="status" id="thresholds-saved">"Saved."</p> })}
                        </section>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
