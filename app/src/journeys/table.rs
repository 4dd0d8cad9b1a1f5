use kyc_core::views::JourneySummary;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::{StateBadge, Timestamp};

/// Journeys as a table: state, customer, created and expiry times, link to the tracker.
#[component]
pub fn JourneyTable(journeys: Vec<JourneySummary>, show_customer: bool) -> impl IntoView {
    if journeys.is_empty() {
        return view! { <p class="muted">"No journeys yet."</p> }.into_any();
    }
    view! {
        <table class="table">
            <thead>
                <tr>
                    <th>"Journey"</th>
                    {show_customer.then(|| view! { <th>"Customer"</th> })}
                    <th>"State"</th><th>"Created"</th><th>"Expires"</th>
                </tr>
            </thead>
            <tbody>
                {journeys.into_iter().map(|j| view! {
                    <tr>
                        <td><A href=format!("/journeys/{}", j.id) attr:class="mono">{j.id.to_string()[..8].to_owned()}</A></td>
                        {show_customer.then(|| view! { <td><A href=format!("/customers/{}", j.customer_id)>{j.customer_name.clone()}</A></td> })}
                        <td><StateBadge label=j.state.label() code=j.state.as_str()/></td>
                        <td><Timestamp at=j.created_at/></td>
                        <td><Timestamp at=j.expires_at/></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
