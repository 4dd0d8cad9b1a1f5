//! Help for the customer: support tickets on their journey (with an optional attachment
//! through the upload pipeline) and the merchant's support address as an alternative.

use kyc_core::tickets::Ticket;
use leptos::prelude::*;
use uuid::Uuid;

use super::page::JourneyUi;
use crate::ui::Timestamp;
use crate::AppError;

/// Opens a support ticket on the customer's journey; returns its id (for an attachment).
#[server(endpoint = "open_ticket")]
pub async fn open_ticket(subject: String, message: String) -> Result<Uuid, AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::customer_services().await?;
        kyc_service::journey::open_ticket(&services, &actor, &subject, &message)
            .await
            .map_err(super::customer_error)
    })
    .await
}

/// The customer answers on one of their tickets.
#[server(endpoint = "ticket_message")]
pub async fn ticket_message(ticket_id: Uuid, message: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::customer_services().await?;
        kyc_service::journey::ticket_message(&services, &actor, ticket_id, &message, None)
            .await
            .map_err(super::customer_error)
    })
    .await
}

#[component]
pub fn SupportCard(
    tickets: Vec<Ticket>,
    support_email: Option<String>,
    /// Questions, answers and files can be sent only while the journey is open; an ended
    /// journey's tickets are shown, read only.
    writable: bool,
) -> impl IntoView {
    let ui = JourneyUi::get();
    let open = ServerAction::<OpenTicket>::new();
    let reply = ServerAction::<TicketMessage>::new();
    let error = Signal::derive(move || {
        open.value()
            .get()
            .and_then(Result::err)
            .or_else(|| reply.value().get().and_then(Result::err))
    });
    let uploading = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(Ok(ticket_id)) = open.value().get() {
            attach_chosen_file(ticket_id, uploading, ui);
        }
    });
    Effect::new(move |_| {
        if matches!(reply.value().get(), Some(Ok(()))) {
            ui.refresh();
        }
    });
    view! {
        <section class="card" aria-labelledby="support-title" id="support">
            <h2 id="support-title">"Need help?"</h2>
            {tickets.into_iter().map(|t| {
                let id = t.id;
                view! {
                    <article class="ticket" data-ticket=id.to_string()>
                        <h3>{t.subject.clone()}" "<span class="badge">{if t.open { "Open" } else { "Closed" }}</span></h3>
                        <ul class="ticket-messages">
                            {t.messages.into_iter().map(|m| view! {
                                <li class=if m.from_staff { "ticket-message from-staff" } else { "ticket-message" }>
                                    <span class="muted">{if m.from_staff { "Support" } else { "You" }}" · "<Timestamp at=m.created_at/></span>
                                    {(!m.body.is_empty()).then(|| view! { <p>{m.body}</p> })}
                                    {m.attachment.map(|_| view! { <p class="muted">"File attached"</p> })}
                                </li>
                            }).collect_view()}
                        </ul>
                        {(t.open && writable).then(|| view! {
                            <ActionForm action=reply>
                                <input type="hidden" name="ticket_id" value=id.to_string()/>
                                <label for=format!("reply-{id}")>"Your answer"</label>
                                <textarea id=format!("reply-{id}") name="message" rows="2" maxlength="4000" required=true></textarea>
                                <button type="submit" class="button">"Send"</button>
                            </ActionForm>
                        })}
                    </article>
                }
            }).collect_view()}
            {writable.then(|| view! {
                <details class="new-ticket">
                    <summary>"Ask a question"</summary>
                    <ActionForm action=open>
                        <label for="ticket-subject">"Subject"</label>
                        <input id="ticket-subject" name="subject" maxlength="150" required=true/>
                        <label for="ticket-message">"Message"</label>
                        <textarea id="ticket-message" name="message" rows="3" maxlength="4000" required=true></textarea>
                        <label for="ticket-file">"Attach a photo or PDF (optional)"</label>
                        <input type="file" id="ticket-file" accept="image/jpeg,image/png,application/pdf"/>
                        <button type="submit" class="button primary" disabled=move || open.pending().get()>"Send question"</button>
                    </ActionForm>
                </details>
            })}
            <p class="field-error" role="alert">{move || error.get().map(|e| e.to_string()).or_else(|| uploading.get())}</p>
            {support_email.map(|address| view! {
                <p class="muted">"You can also write to " <a href=format!("mailto:{address}")>{address.clone()}</a>"."</p>
            })}
        </section>
    }
}

/// After a ticket is opened: sends the chosen file (if any) as its attachment, then shows
/// the updated status.
fn attach_chosen_file(ticket_id: Uuid, problem: RwSignal<Option<String>>, ui: JourneyUi) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let file = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("ticket-file"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            ui.refresh();
            return;
        };
        let content_type = file.type_();
        leptos::task::spawn_local(async move {
            let url = format!("/journey/tickets/{ticket_id}/attachments");
            if let Err(message) = crate::browser::upload(&url, file.into(), &content_type).await {
                problem.set(Some(format!(
                    "Your question was sent, but the file was not: {message}"
                )));
            }
            ui.refresh();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ticket_id, problem, ui);
}
