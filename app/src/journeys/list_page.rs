use kyc_core::JourneyState;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::list_journeys;
use super::JourneyTable;
use crate::error::error_view;

/// The Compliance section's journey list, filterable by state.
#[component]
pub fn JourneysPage() -> impl IntoView {
    let query = use_query_map();
    let state = move || query.read().get("state").unwrap_or_default();
    let journeys = Resource::new(state, |state| list_journeys(Some(state), None, 0));
    view! {
        <Title text="Journeys · KYC"/>
        <div class="page-head"><h1>"Journeys"</h1></div>
        <form method="get" action="/" class="search">
            <label for="state">"State"</label>
            <select id="state" name="state">
                <option value="" selected=move || state().is_empty()>"All"</option>
                {JourneyState::ALL.into_iter().map(|s| view! {
                    <option value=s.as_str() selected=move || state() == s.as_str()>{s.label()}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button">"Filter"</button>
        </form>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let journeys = journeys.await?;
                    Ok::<_, crate::AppError>(view! { <JourneyTable journeys show_customer=true/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
