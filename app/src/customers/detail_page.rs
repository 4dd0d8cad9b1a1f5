use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use super::api::get_customer;
use crate::error::error_view;
use crate::journeys::api::list_journeys;
use crate::journeys::{GenerateLink, JourneyTable};
use crate::ui::Timestamp;
use crate::AppError;

/// One customer: details, a form to generate a KYC link, and every attempt so far.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<Uuid>().ok());
    let customer = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_customer(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let c = customer.await?;
                    Ok::<_, AppError>(view! {
                        <Title text=format!("{} · KYC", c.full_name)/>
                        <h1>{c.full_name.clone()}</h1>
                        <section class="card">
                            <dl class="facts">
                                <dt>"Email"</dt><dd>{c.email}</dd>
                                <dt>"Phone"</dt><dd>{c.phone.unwrap_or_else(|| "—".into())}</dd>
                                <dt>"External reference"</dt><dd>{c.external_ref.unwrap_or_else(|| "—".into())}</dd>
                                <dt>"Created"</dt><dd><Timestamp at=c.created_at/></dd>
                            </dl>
                        </section>
                        <CustomerJourneys customer_id=c.id/>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The link generator and the customer's attempts, refreshed after each new link.
#[component]
fn CustomerJourneys(customer_id: Uuid) -> impl IntoView {
    let generated = RwSignal::new(0u32);
    let journeys = Resource::new(move || generated.get(), move |_| list_journeys(None, Some(customer_id), 0));
    view! {
        <GenerateLink customer_id on_generated=generated/>
        <section class="card">
            <h2>"Recent activity"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=error_view>
                    {move || Suspend::new(async move {
                        let journeys = journeys.await?;
                        Ok::<_, AppError>(view! { <JourneyTable journeys show_customer=false/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
