use kyc_core::review::QueueItem;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{review_queue, AssignCase};
use super::screening::ScreeningAlerts;
use crate::error::error_view;
use crate::ui::{FormError, ListTable, Timestamp};
use crate::AppError;

/// Cases waiting for a reviewer, longest waiting first, with who is on each.
#[component]
pub fn QueuePage() -> impl IntoView {
    let params = use_query_map();
    let scope = move || params.read().get("scope").unwrap_or_default();
    let assign = ServerAction::<AssignCase>::new();
    let queue = Resource::new(
        move || (scope(), assign.version().get()),
        |(scope, _)| review_queue(Some(scope)),
    );
    let error = Signal::derive(move || assign.value().get().and_then(Result::err));
    view! {
        <Title text="Review queue · KYC"/>
        <div class="page-head"><h1>"Review queue"</h1></div>
        <nav class="tabs" aria-label="Which cases">
            {[("", "All waiting"), ("mine", "Assigned to me"), ("unassigned", "Unassigned")].into_iter().map(|(value, label)| {
                let href = if value.is_empty() { "/review".to_owned() } else { format!("/review?scope={value}") };
                view! { <A href=href attr:aria-current=move || (scope() == value).then_some("page")>{label}</A> }
            }).collect_view()}
        </nav>
        <FormError error/>
        <ScreeningAlerts/>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let items = queue.await?;
                    Ok::<_, AppError>(view! { <QueueTable items assign/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn QueueTable(items: Vec<QueueItem>, assign: ServerAction<AssignCase>) -> impl IntoView {
    let columns = vec!["Customer", "Waiting since", "Waiting", "Reviewer", ""];
    let rows = items.into_iter().map(|item| {
                    let mut waiting = Vec::new();
                    if item.pending_documents > 0 {
                        waiting.push(format!("{} document{}", item.pending_documents, if item.pending_documents == 1 { "" } else { "s" }));
                    }
                    waiting.extend(item.steps_waiting.iter().filter(|k| **k != kyc_core::StepKind::Documents).map(|k| k.label().to_owned()));
                    let id = item.journey_id;
                    view! {
                        <tr data-journey=id.to_string()>
                            <td data-label="Customer"><A href=format!("/review/{id}")>{item.customer_name}</A></td>
                            <td data-label="Waiting since">{item.waiting_since.map(|at| view! { <Timestamp at/> })}</td>
                            <td data-label="Waiting">{waiting.join(", ")}</td>
                            <td data-label="Reviewer" class="assignee">{item.assignee.map_or_else(|| "Unassigned".to_owned(), |a| a.name)}</td>
                            <td>
                                <ActionForm action=assign>
                                    <input type="hidden" name="journey_id" value=id.to_string()/>
                                    <input type="hidden" name="assignee" value="me"/>
                                    <button type="submit" class="button">"Take"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect::<Vec<_>>();
    view! {
        <ListTable class="table queue" columns empty="Nothing is waiting for a reviewer." empty_id="queue-empty" rows/>
    }
}
