//! Support tickets for staff: the merchant's list, and a case's tickets with replies.

use kyc_core::tickets::{Ticket, TicketSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::{list_tickets, CloseTicket, ReplyTicket};
use crate::error::error_view;
use crate::ui::{FormError, ListTable, Timestamp};
use crate::AppError;

#[component]
pub fn TicketsPage() -> impl IntoView {
    let params = use_query_map();
    let show = move || params.read().get("show").unwrap_or_default();
    let tickets = Resource::new(show, |show| list_tickets(Some(show)));
    view! {
        <Title text="Support tickets · KYC"/>
        <div class="page-head"><h1>"Support tickets"</h1></div>
        <nav class="tabs" aria-label="Which tickets">
            <A href="/tickets" attr:aria-current=move || show().is_empty().then_some("page")>"Open"</A>
            <A href="/tickets?show=all" attr:aria-current=move || (show() == "all").then_some("page")>"All"</A>
        </nav>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let tickets = tickets.await?;
                    Ok::<_, AppError>(view! { <TicketTable tickets/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn TicketTable(tickets: Vec<TicketSummary>) -> impl IntoView {
    let columns = vec!["Subject", "Customer", "Last message", "State"];
    let rows = tickets.into_iter().map(|t| view! {
                    <tr data-ticket=t.id.to_string()>
                        <td data-label="Subject"><A href=format!("/review/{}#tickets", t.journey_id)>{t.subject}</A></td>
                        <td data-label="Customer">{t.customer_name}</td>
                        <td data-label="Last message"><Timestamp at=t.last_message_at/></td>
                        <td data-label="State">{match (t.open, t.awaiting_reply) {
                            (true, true) => "Awaiting reply",
                            (true, false) => "Answered",
                            (false, _) => "Closed",
                        }}</td>
                    </tr>
                }).collect::<Vec<_>>();
    view! { <ListTable class="table tickets" columns empty="No tickets." rows/> }
}

/// A case's tickets with their messages, a reply form and a close button for open ones.
#[component]
pub fn CaseTickets(
    tickets: Vec<Ticket>,
    reply: ServerAction<ReplyTicket>,
    close: ServerAction<CloseTicket>,
) -> impl IntoView {
    let error = Signal::derive(move || {
        reply
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| close.value().get().and_then(Result::err))
    });
    view! {
        <section class="card" aria-labelledby="tickets-title" id="tickets">
            <h2 id="tickets-title">"Support tickets"</h2>
            {tickets.is_empty().then(|| view! { <p class="muted">"The customer has not asked anything."</p> })}
            {tickets.into_iter().map(|t| {
                let id = t.id;
                view! {
                    <article class="ticket" data-ticket=id.to_string()>
                        <h3>{t.subject}" "<span class="badge">{if t.open { "Open" } else { "Closed" }}</span></h3>
                        <ul class="ticket-messages">
                            {t.messages.into_iter().map(|m| view! {
                                <li class=if m.from_staff { "ticket-message from-staff" } else { "ticket-message" }>
                                    <span class="muted">{m.author_name.unwrap_or_else(|| "Customer".into())}" · "<Timestamp at=m.created_at/></span>
                                    {(!m.body.is_empty()).then(|| view! { <p>{m.body}</p> })}
                                    {m.attachment.map(|file| view! { <a href=format!("/review/files/{file}") target="_blank" rel="noopener">"Attached file"</a> })}
                                </li>
                            }).collect_view()}
                        </ul>
                        {t.open.then(|| view! {
                            <div class="decision-row">
                                <ActionForm action=reply attr:class="inline-form">
                                    <input type="hidden" name="ticket_id" value=id.to_string()/>
                                    <label for=format!("ticket-reply-{id}") class="visually-hidden">"Reply"</label>
                                    <textarea id=format!("ticket-reply-{id}") name="message" rows="2" maxlength="4000" required=true placeholder="Reply to the customer"></textarea>
                                    <button type="submit" class="button primary">"Send reply"</button>
                                </ActionForm>
                                <ActionForm action=close>
                                    <input type="hidden" name="ticket_id" value=id.to_string()/>
                                    <button type="submit" class="button">"Close ticket"</button>
                                </ActionForm>
                            </div>
                        })}
                    </article>
                }
            }).collect_view()}
            <FormError error/>
        </section>
    }
}
