use kyc_core::views::CustomerJourney;
use kyc_core::JourneyState;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::my_journey;
use crate::ui::Timestamp;
use crate::AppError;

/// The customer's journey: the merchant's brand, where things stand, and the steps ahead.
#[component]
pub fn CustomerJourneyPage() -> impl IntoView {
    let journey = OnceResource::new(my_journey());
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match journey.await {
                    Ok(journey) => view! { <Journey journey/> }.into_any(),
                    Err(AppError::LinkInvalid) => view! { <InvalidLinkPage/> }.into_any(),
                    Err(error) => view! {
                        <main class="customer"><p class="notice notice-error" role="alert">{error.to_string()}</p></main>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Journey(journey: CustomerJourney) -> impl IntoView {
    let brand = journey.branding;
    let logo = brand
        .has_logo
        .then(|| format!("/m/{}/logo", brand.merchant_id));
    view! {
        <Title text=format!("Verify your identity · {}", brand.display_name)/>
        // In the body on purpose: a head tag inside a Suspense misses the already streamed head.
        <link rel="stylesheet" href=format!("/m/{}/theme.css", brand.merchant_id)/>
        <main class="customer">
            <header class="brand-bar">
                {logo.map(|src| view! { <img class="brand-logo" src=src alt="" width="40" height="40"/> })}
                <span class="brand-name">{brand.display_name.clone()}</span>
            </header>
            <section class="card">
                <h1>"Identity verification"</h1>
                <Status state=journey.state revoked=journey.revoked merchant=brand.display_name/>
                {(!journey.state.is_terminal()).then(|| view! {
                    <p class="muted">"This link is valid until " <Timestamp at=journey.expires_at/> "."</p>
                })}
            </section>
            <section class="card">
                <h2>"Your steps"</h2>
                <ol class="steps">
                    {journey.steps.into_iter().map(|step| view! {
                        <li class="step">
                            <span class="step-name">{step.kind.label()}</span>
                            <span class=format!("badge badge-{}", step.state_code)>{step.state_label}</span>
                            {step.message.map(|m| view! { <p class="step-message">{m}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </main>
    }
}

#[component]
fn Status(state: JourneyState, revoked: bool, merchant: String) -> impl IntoView {
    let text = match state {
        JourneyState::Created | JourneyState::InProgress => {
            format!("{merchant} asks you to verify your identity. Complete the steps below.")
        }
        JourneyState::Completed => "Your verification is complete. Thank you.".to_owned(),
        JourneyState::Rejected => {
            format!("Your verification was not successful. Please contact {merchant}.")
        }
        JourneyState::Expired if revoked => {
            format!("This link has been withdrawn by {merchant}. Please ask them for a new one.")
        }
        JourneyState::Expired => {
            format!("This link has expired. Please ask {merchant} for a new one.")
        }
    };
    view! { <p class="status" id="journey-status" data-state=state.as_str()>{text}</p> }
}

/// Shown for a link that is malformed, unknown, or no longer valid.
#[component]
pub fn InvalidLinkPage() -> impl IntoView {
    view! {
        <Title text="Link not valid"/>
        <main class="customer">
            <section class="card">
                <h1>"This link is not valid"</h1>
                <p>"The verification link you used is incomplete, has been replaced by a newer one, or does not exist."</p>
                <p>"Please use the latest link you received, or ask the company that sent it for a new one."</p>
            </section>
        </main>
    }
}
