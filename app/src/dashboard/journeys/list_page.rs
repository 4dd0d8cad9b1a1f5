use kyc_core::dashboard::{JourneyPage, JourneyQuery};
use kyc_core::{JourneyState, StepKind, StepState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{chart_figures, list_journeys};
use super::charts::Charts;
use super::JourneyTable;
use crate::error::error_view;
use crate::AppError;

/// The Compliance section: journeys filtered by state, step state, date range and customer,
/// searched by the customer's name, email or reference, paged; with the range's charts.
/// The filters live in the URL, so a filtered list can be bookmarked and shared.
#[component]
pub fn JourneysPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| JourneyQuery {
            state: p.get("state").unwrap_or_default(),
            step: p.get("step").unwrap_or_default(),
            step_state: p.get("step_state").unwrap_or_default(),
            from: p.get("from").unwrap_or_default(),
            to: p.get("to").unwrap_or_default(),
            customer: p.get("customer").unwrap_or_default(),
            q: p.get("q").unwrap_or_default(),
        })
    });
    let page = Memo::new(move |_| {
        params.with(|p| {
            p.get("page")
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(0)
        })
    });
    let journeys = Resource::new(
        move || (query.get(), page.get()),
        |(q, page)| list_journeys(q, page),
    );
    let figures = Resource::new(
        move || query.with(|q| (q.from.clone(), q.to.clone())),
        |(from, to)| {
            chart_figures(JourneyQuery {
                from,
                to,
                ..JourneyQuery::default()
            })
        },
    );
    view! {
        <Title text="Journeys · KYC"/>
        <div class="page-head"><h1>"Journeys"</h1></div>
        <Filters query/>
        <section class="card" aria-labelledby="charts-title">
            <h2 id="charts-title">{move || query.with(|q| match (q.from.trim(), q.to.trim()) {
                ("", "") => "All journeys".to_owned(),
                (from, "") => format!("Journeys created from {from}"),
                ("", to) => format!("Journeys created up to {to}"),
                (from, to) => format!("Journeys created {from} to {to}"),
            })}</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=error_view>
                    {move || Suspend::new(async move {
                        let figures = figures.await?;
                        Ok::<_, AppError>(view! { <Charts figures/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let result = journeys.await?;
                    Ok::<_, AppError>(view! { <Results result query=query.get_untracked()/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Filters(query: Memo<JourneyQuery>) -> impl IntoView {
    let q = move || query.get();
    view! {
        <form method="get" action="/" class="filters" role="search" aria-label="Filter journeys">
            <div class="field">
                <label for="q">"Search"</label>
                <input id="q" name="q" type="search" placeholder="Name, email or reference" prop:value=move || q().q maxlength="100"/>
            </div>
            <div class="field">
                <label for="state">"Journey state"</label>
                <select id="state" name="state">
                    <option value="" selected=move || q().state.is_empty()>"Any"</option>
                    {JourneyState::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || q().state == s.as_str()>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="step">"Step"</label>
                <select id="step" name="step">
                    <option value="" selected=move || q().step.is_empty()>"Any step"</option>
                    {StepKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=move || q().step == k.as_str()>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="step_state">"Step state"</label>
                <select id="step_state" name="step_state">
                    <option value="" selected=move || q().step_state.is_empty()>"Any"</option>
                    {StepState::NAMES.into_iter().map(|(code, label)| view! {
                        <option value=code selected=move || q().step_state == code>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="from">"Created from"</label>
                <input id="from" name="from" type="date" prop:value=move || q().from/>
            </div>
            <div class="field">
                <label for="to">"Created to"</label>
                <input id="to" name="to" type="date" prop:value=move || q().to/>
            </div>
            {move || (!q().customer.is_empty()).then(|| view! {
                <input type="hidden" name="customer" value=q().customer/>
            })}
            <div class="filter-actions">
                <button type="submit" class="button primary">"Apply"</button>
                <A href="/" attr:class="button">"Clear"</A>
            </div>
        </form>
    }
}

#[component]
fn Results(result: JourneyPage, query: JourneyQuery) -> impl IntoView {
    let page = result.page;
    let shown = result.journeys.len() as i64;
    let first = i64::from(page) * kyc_core::dashboard::PAGE_SIZE + 1;
    let summary = if result.total == 0 {
        "No journeys match these filters.".to_owned()
    } else {
        format!("{first}–{} of {} journeys", first + shown - 1, result.total)
    };
    let prev = (page > 0).then(|| query.to_query_string(page - 1));
    let next = result.has_next().then(|| query.to_query_string(page + 1));
    let customer_filter = !query.customer.is_empty();
    let pages = result.pages();
    let total = result.total;
    view! {
        <section class="card" aria-labelledby="results-title">
            <h2 id="results-title" class="visually-hidden">"Results"</h2>
            <p class="muted" id="result-count" role="status">{summary}</p>
            {customer_filter.then(|| view! {
                <p class="chip">"One customer's journeys " <A href=format!("/{}", JourneyQuery { customer: String::new(), ..query.clone() }.to_query_string(0))>"show all"</A></p>
            })}
            {(total > 0).then(|| view! { <JourneyTable journeys=result.journeys show_customer=true/> })}
            <nav class="pager" aria-label="Pages">
                {prev.map(|href| view! { <A href=format!("/{href}") attr:rel="prev">"← Previous"</A> })}
                <span>{format!("Page {} of {pages}", page + 1)}</span>
                {next.map(|href| view! { <A href=format!("/{href}") attr:rel="next">"Next →"</A> })}
            </nav>
        </section>
    }
}
