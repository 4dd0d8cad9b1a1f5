//! Help for the customer: support tickets on their journey (with an optional attachment
//! through the upload pipeline) and the merchant's support address as an alternative.

use kyc_core::tickets::Ticket;
use leptos::prelude::*;
use uuid::Uuid;

use super::page::JourneyUi;
use crate::i18n::{t, use_lang, Lang, LocalTime};
use crate::AppError;

/// Opens a support ticket on the customer's journey; returns its id (for an attachment).
#[server(endpoint = "open_ticket")]
pub async fn open_ticket(subject: String, message: String) -> Result<Uuid, AppError> {
    super::api::respond(async move {
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
    super::api::respond(async move {
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
    let lang = use_lang();
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
            attach_chosen_file(ticket_id, uploading, ui, lang);
        }
    });
    Effect::new(move |_| {
        if matches!(reply.value().get(), Some(Ok(()))) {
            ui.refresh();
        }
    });
    view! {
        <section class="card" aria-labelledby="support-title" id="support">
            <h2 id="support-title">{t!(lang, "support-title")}</h2>
            {tickets.into_iter().map(|ticket| {
                let id = ticket.id;
                view! {
                    <article class="ticket" data-ticket=id.to_string()>
                        <h3>{ticket.subject.clone()}" "<span class="badge">{if ticket.open { t!(lang, "support-open") } else { t!(lang, "support-closed") }}</span></h3>
                        <ul class="ticket-messages">
                            {ticket.messages.into_iter().map(|m| view! {
                                <li class=if m.from_staff { "ticket-message from-staff" } else { "ticket-message" }>
                                    <span class="muted">{if m.from_staff { t!(lang, "support-from-staff") } else { t!(lang, "support-from-you") }}" · "<LocalTime at=m.created_at/></span>
                                    {(!m.body.is_empty()).then(|| view! { <p>{m.body}</p> })}
                                    {m.attachment.map(|_| view! { <p class="muted">{t!(lang, "support-file-attached")}</p> })}
                                </li>
                            }).collect_view()}
                        </ul>
                        {(ticket.open && writable).then(|| view! {
                            <ActionForm action=reply>
                                <input type="hidden" name="ticket_id" value=id.to_string()/>
                                <label for=format!("reply-{id}")>{t!(lang, "support-your-answer")}</label>
                                <textarea id=format!("reply-{id}") name="message" rows="2" maxlength="4000" required=true></textarea>
                                <button type="submit" class="button">{t!(lang, "support-send")}</button>
                            </ActionForm>
                        })}
                    </article>
                }
            }).collect_view()}
            {writable.then(|| view! {
                <details class="new-ticket">
                    <summary>{t!(lang, "support-ask")}</summary>
                    <ActionForm action=open>
                        <label for="ticket-subject">{t!(lang, "support-subject")}</label>
                        <input id="ticket-subject" name="subject" maxlength="150" required=true/>
                        <label for="ticket-message">{t!(lang, "support-message")}</label>
                        <textarea id="ticket-message" name="message" rows="3" maxlength="4000" required=true></textarea>
                        <label for="ticket-file">{t!(lang, "support-attach")}</label>
                        <input type="file" id="ticket-file" accept="image/jpeg,image/png,application/pdf"/>
                        <button type="submit" class="button primary" disabled=move || open.pending().get()>{t!(lang, "support-send-question")}</button>
                    </ActionForm>
                </details>
            })}
            <p class="field-error" role="alert">{move || error.get().map(|e| e.message(lang)).or_else(|| uploading.get())}</p>
            {support_email.map(|address| view! {
                <p class="muted">{t!(lang, "support-write-to")}" "<a href=format!("mailto:{address}")>{address.clone()}</a>{t!(lang, "support-write-to-end")}</p>
            })}
        </section>
    }
}

/// After a ticket is opened: sends the chosen file (if any) as its attachment, then shows
/// the updated status.
fn attach_chosen_file(
    ticket_id: Uuid,
    problem: RwSignal<Option<String>>,
    ui: JourneyUi,
    lang: Lang,
) {
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
            if let Err(failure) =
                crate::browser::upload(lang, &url, file.into(), &content_type).await
            {
                let message = failure.message;
                problem.set(Some(t!(lang, "support-file-not-sent", message = message)));
            }
            ui.refresh();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ticket_id, problem, ui, lang);
}
