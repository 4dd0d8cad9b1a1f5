//! The audit trail (admins): who did what to which object, filtered by journey, actor or
//! action. The entries carry no personal data; each is a link in a hash chain.

use kyc_core::review::TrailEntry;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{audit_trail, AuditQuery};
use crate::error::error_view;
use crate::ui::{ListTable, Timestamp};
use crate::AppError;

/// Actions an admin can filter by (a trailing `.` means the whole family).
const ACTIONS: [(&str, &str); 8] = [
    ("", "Any action"),
    ("document.", "Documents (viewed, approved, rejected)"),
    ("step.", "Step decisions"),
    ("journey.", "Journey decisions"),
    ("case.assigned", "Case assignments"),
    ("report.downloaded", "Report downloads"),
    ("branding.", "Branding changes"),
    ("staff.signed_in", "Sign-ins"),
];

#[component]
pub fn AuditPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| AuditQuery {
            journey: p.get("journey").unwrap_or_default(),
            actor: p.get("actor").unwrap_or_default(),
            action: p.get("action").unwrap_or_default(),
        })
    });
    let trail = Resource::new(move || query.get(), |q| audit_trail(q, 0));
    view! {
        <Title text="Audit trail · KYC"/>
        <div class="page-head"><h1>"Audit trail"</h1></div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let (entries, staff) = trail.await?;
                    let q = query.get_untracked();
                    Ok::<_, AppError>(view! {
                        <form method="get" action="/settings/audit" class="filters" role="search" aria-label="Filter the audit trail">
                            <div class="field">
                                <label for="journey">"Journey id"</label>
                                <input id="journey" name="journey" value=q.journey.clone() class="mono"/>
                            </div>
                            <div class="field">
                                <label for="actor">"Who"</label>
                                <select id="actor" name="actor">
                                    <option value="">"Anyone"</option>
                                    {staff.into_iter().map(|(id, name)| {
                                        let value = id.to_string();
                                        let selected = value == q.actor;
                                        view! { <option value=value selected=selected>{name}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="action">"Action"</label>
                                <select id="action" name="action">
                                    {ACTIONS.into_iter().map(|(value, label)| view! {
                                        <option value=value selected=value == q.action>{label}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="filter-actions"><button type="submit" class="button primary">"Apply"</button></div>
                        </form>
                        <TrailTable entries/>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn TrailTable(entries: Vec<TrailEntry>) -> impl IntoView {
    let columns = vec!["When", "Who", "Action", "Object", "Journey", "Request"];
    let rows = entries.into_iter().map(|e| { let action = e.action.clone(); view! {
                    <tr data-action=action>
                        <td data-label="When"><Timestamp at=e.occurred_at/></td>
                        <td data-label="Who">{e.actor_name.unwrap_or_default()}" "<span class="muted">{format!("({})", e.actor_kind)}</span></td>
                        <td data-label="Action" class="mono">{e.action}</td>
                        <td data-label="Object">{e.object_kind}" "<span class="mono muted">{e.object_id.map(|id| id.to_string()[..8].to_owned())}</span></td>
                        <td data-label="Journey">{e.journey_id.map(|id| view! { <A href=format!("/journeys/{id}") attr:class="mono">{id.to_string()[..8].to_owned()}</A> })}</td>
                        <td data-label="Request" class="mono muted">{e.request_id.map(|r| r.chars().take(8).collect::<String>())}</td>
                    </tr>
                }}).collect::<Vec<_>>();
    view! { <ListTable class="table audit" columns empty="No entries." rows/> }
}
