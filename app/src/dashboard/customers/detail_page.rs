use kyc_core::dashboard::JourneyQuery;
use kyc_core::views::CustomerRow;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::api::get_customer;
use crate::dashboard::journeys::api::list_journeys;
use crate::dashboard::journeys::{GenerateLink, JourneyTable};
use crate::error::error_view;
use crate::ui::{use_uuid_param, Timestamp};
use crate::AppError;

/// One customer: details, a form to generate a KYC link, and every attempt so far.
///
/// Both resources are created here, at the top of the page: a resource created inside a
/// `Suspend` would run on the server outside the request's context.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let id = use_uuid_param("id");
    let generated = RwSignal::new(0u32);
    let customer = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_customer(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let journeys = Resource::new(
        move || (id(), generated.get()),
        |(id, _)| async move {
            match id {
                Some(id) => {
                    let query = JourneyQuery {
                        customer: id.to_string(),
                        ..JourneyQuery::default()
                    };
                    list_journeys(query, 0).await.map(|page| page.journeys)
                }
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let customer = customer.await?;
                    let customer_id = customer.id;
                    Ok::<_, AppError>(view! {
                        <Details customer/>
                        <GenerateLink customer_id on_generated=generated/>
                        <section class="card">
                            <div class="section-head">
                                <h2>"Recent activity"</h2>
                                <A href=format!("/?customer={customer_id}")>"All of this customer's journeys"</A>
                            </div>
                            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                                <ErrorBoundary fallback=error_view>
                                    {move || Suspend::new(async move {
                                        let journeys = journeys.await?;
                                        Ok::<_, AppError>(view! { <JourneyTable journeys show_customer=false/> })
                                    })}
                                </ErrorBoundary>
                            </Transition>
                        </section>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Details(customer: CustomerRow) -> impl IntoView {
    view! {
        <Title text=format!("{} · KYC", customer.full_name)/>
        <h1>{customer.full_name}</h1>
        <section class="card">
            <dl class="facts">
                <dt>"Email"</dt><dd>{customer.email}</dd>
                <dt>"Phone"</dt><dd>{customer.phone.unwrap_or_else(|| "—".into())}</dd>
                <dt>"External reference"</dt><dd>{customer.external_ref.unwrap_or_else(|| "—".into())}</dd>
                <dt>"Created"</dt><dd><Timestamp at=customer.created_at/></dd>
            </dl>
        </section>
    }
}
