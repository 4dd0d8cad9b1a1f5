use kyc_core::views::JourneySummary;
use kyc_core::StepState;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::{ListTable, StateBadge, Timestamp};

/// Journeys as a table: state, each step's outcome, when it was created, submitted and
/// ended (or when it expires), with a link to the tracker.
#[component]
pub fn JourneyTable(journeys: Vec<JourneySummary>, show_customer: bool) -> impl IntoView {
    let columns = [
        "Journey",
        "Customer",
        "State",
        "Steps",
        "Created",
        "Submitted",
        "Ended / expires",
    ]
    .into_iter()
    .filter(|c| show_customer || *c != "Customer")
    .collect::<Vec<_>>();
    let rows = journeys.into_iter().map(|j| view! {
                    <tr data-journey=j.id.to_string()>
                        <td data-label="Journey"><A href=format!("/journeys/{}", j.id) attr:class="mono">{j.id.to_string()[..8].to_owned()}</A></td>
                        {show_customer.then(|| view! { <td data-label="Customer"><A href=format!("/customers/{}", j.customer_id)>{j.customer_name.clone()}</A></td> })}
                        <td data-label="State"><StateBadge label=j.state.label() code=j.state.as_str()/></td>
                        <td data-label="Steps">
                            <ul class="step-outcomes">
                                {j.steps.into_iter().map(|s| {
                                    let label = StepState::label_of(&s.state).unwrap_or("Unknown");
                                    view! {
                                        <li class=format!("outcome badge-{}", s.state) title=format!("{}: {label}", s.kind.label())>
                                            {format!("{}: {label}", s.kind.label())}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </td>
                        <td data-label="Created"><Timestamp at=j.created_at/></td>
                        <td data-label="Submitted">{j.submitted_at.map(|at| view! { <Timestamp at/> }.into_any()).unwrap_or_else(|| "—".into_any())}</td>
                        <td data-label="Ended / expires">{match j.ended_at {
                            Some(at) => view! { <Timestamp at/> }.into_any(),
                            None => view! { <span class="muted">"expires "<Timestamp at=j.expires_at/></span> }.into_any(),
                        }}</td>
                    </tr>
                }).collect::<Vec<_>>();
    view! { <ListTable class="table journeys" columns empty="No journeys yet." rows/> }
}
