//! Webhook endpoints (admins): add one (https; its `whsec_` secret shown once), choose the
//! event types, rotate the secret (both sign for 24 hours), disable, enable, delete, and
//! read each endpoint's delivery log with manual replay. Every change is audited.

use kyc_core::webhook::{AttemptView, CreatedEndpointView, EndpointView, EventType};
use leptos::prelude::*;
use leptos_meta::Title;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use super::admin::Admin;
use crate::error::error_view;
use crate::ui::{FieldMessage, FormError, Timestamp};
use crate::AppError;

#[cfg(feature = "ssr")]
fn view_of(e: kyc_db::webhooks::Endpoint) -> EndpointView {
    EndpointView {
        id: e.id,
        url: e.url,
        description: e.description,
        event_types: e
            .event_types
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect(),
        previous_secret_until: e.previous_secret_until,
        disabled_at: e.disabled_at,
        disabled_reason: e.disabled_reason,
        created_at: e.created_at,
    }
}

/// The merchant's endpoints.
#[server(endpoint = "list_webhooks")]
pub async fn list_webhooks() -> Result<Vec<EndpointView>, AppError> {
    crate::error::respond(async move {
        let admin = Admin::get().await?;
        let endpoints = kyc_db::webhooks::list(&admin.db, admin.merchant_id).await?;
        Ok(endpoints.into_iter().map(view_of).collect())
    })
    .await
}

/// Adds an endpoint; its secret is in the answer and shown once.
#[server(endpoint = "create_webhook")]
pub async fn create_webhook(
    url: String,
    #[server(default)] description: String,
    #[server(default)] event_types: Vec<String>,
) -> Result<CreatedEndpointView, AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let services = crate::context::app_context()?.services;
        let form = kyc_service::webhooks::EndpointForm {
            url,
            description,
            event_types,
        };
        let created = kyc_service::webhooks::create(&services, &actor, form).await?;
        Ok(CreatedEndpointView {
            id: created.id,
            secret: created.secret,
        })
    })
    .await
}

/// A new secret for the endpoint (the previous one signs beside it for 24 hours).
#[server(endpoint = "rotate_webhook_secret")]
pub async fn rotate_webhook_secret(id: Uuid) -> Result<String, AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let services = crate::context::app_context()?.services;
        Ok(kyc_service::webhooks::rotate_secret(&services, &actor, id).await?)
    })
    .await
}

/// Disables, enables or deletes an endpoint (`action`: `disable`, `enable`, `delete`).
#[server(endpoint = "change_webhook")]
pub async fn change_webhook(id: Uuid, action: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let services = crate::context::app_context()?.services;
        let Some(action) = kyc_service::webhooks::EndpointAction::parse(&action) else {
            // Who may not change endpoints hears that first, whatever they asked for.
            actor.authorize(kyc_core::merchant::Permission::ManageSettings)?;
            return Err(AppError::NotFound);
        };
        Ok(kyc_service::webhooks::change(&services, &actor, id, action).await?)
    })
    .await
}

/// The endpoint's delivery attempts, newest first (a page of 50 before `before`).
#[server(endpoint = "webhook_log")]
pub async fn webhook_log(id: Uuid, before: Option<i64>) -> Result<Vec<AttemptView>, AppError> {
    crate::error::respond(async move {
        let admin = Admin::get().await?;
        // Another merchant's endpoint is not found (rather than an empty log).
        kyc_db::webhooks::get(&admin.db, admin.merchant_id, id).await?;
        let entries =
            kyc_db::webhooks::delivery_log(&admin.db, admin.merchant_id, id, before, 50).await?;
        Ok(entries
            .into_iter()
            .map(|e| AttemptView {
                id: e.id,
                message_id: e.message_id,
                event_type: e.event_type.as_str().to_owned(),
                attempt: e.attempt,
                started_at: e.started_at,
                latency_ms: e.latency_ms,
                response_status: e.response_status,
                error_class: e.error_class,
                delivery_status: e.delivery_status,
            })
            .collect())
    })
    .await
}

/// Sends a message to the endpoint again (same `webhook-id`, attempts from zero).
#[server(endpoint = "replay_webhook")]
pub async fn replay_webhook(id: Uuid, message_id: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let services = crate::context::app_context()?.services;
        Ok(kyc_service::webhooks::replay(&services, &actor, id, &message_id).await?)
    })
    .await
}

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let create = ServerAction::<CreateWebhook>::new();
    let change = ServerAction::<ChangeWebhook>::new();
    let rotate = ServerAction::<RotateWebhookSecret>::new();
    let endpoints = Resource::new(
        move || {
            (
                create.version().get(),
                change.version().get(),
                rotate.version().get(),
            )
        },
        |_| list_webhooks(),
    );
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let change_error = Signal::derive(move || {
        change
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| rotate.value().get().and_then(Result::err))
    });
    let shown_log = RwSignal::new(None::<Uuid>);
    view! {
        <Title text="Webhooks · KYC"/>
        <div class="page-head"><h1>"Webhooks"</h1></div>
        <section class="card">
            <p>"Every change to a journey can be sent to your systems, signed as in Standard Webhooks (headers " <code>"webhook-id"</code> ", " <code>"webhook-timestamp"</code> ", " <code>"webhook-signature"</code>
               "). Payloads name the journey, your customer reference and the state; never personal data. Failed deliveries are retried for about three days."</p>
            <ActionForm action=create attr:class="stack">
                <label for="hook-url">"URL"</label>
                <input id="hook-url" name="url" type="url" required placeholder="https://example.com/kyc/webhooks"/>
                <FieldMessage error field="url"/>
                <label for="hook-description">"Description " <span class="muted">"(optional)"</span></label>
                <input id="hook-description" name="description" maxlength="200"/>
                <FieldMessage error field="description"/>
                <fieldset>
                    <legend>"Events " <span class="muted">"(none ticked: all)"</span></legend>
                    {EventType::ALL.into_iter().map(|t| view! {
                        <label class="check"><input type="checkbox" name="event_types[]" value=t.as_str()/>{t.as_str()}</label>
                    }).collect_view()}
                </fieldset>
                <FieldMessage error field="event_types"/>
                <FormError error/>
                <button type="submit" class="button primary">"Add endpoint"</button>
            </ActionForm>
            {move || create.value().get().and_then(Result::ok).map(|created| view! {
                <Secret secret=created.secret/>
            })}
            {move || rotate.value().get().and_then(Result::ok).map(|secret| view! { <Secret secret/> })}
        </section>
        <section class="card">
            <h2>"Endpoints"</h2>
            <FormError error=change_error/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=error_view>
                    {move || Suspend::new(async move {
                        let endpoints = endpoints.await?;
                        Ok::<_, AppError>(view! { <EndpointList endpoints change rotate shown_log/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
        {move || shown_log.get().map(|id| view! { <DeliveryLog id/> })}
    }
}

#[component]
fn Secret(secret: String) -> impl IntoView {
    view! {
        <div class="notice notice-success" role="status" id="webhook-secret">
            <p><strong>"Copy this signing secret now; it will not be shown again."</strong></p>
            <input class="mono" readonly value=secret aria-label="The endpoint's signing secret"/>
        </div>
    }
}

#[component]
fn EndpointList(
    endpoints: Vec<EndpointView>,
    change: ServerAction<ChangeWebhook>,
    rotate: ServerAction<RotateWebhookSecret>,
    shown_log: RwSignal<Option<Uuid>>,
) -> impl IntoView {
    if endpoints.is_empty() {
        return view! { <p class="muted">"No endpoints yet."</p> }.into_any();
    }
    view! {
        <ul class="online-checks" id="webhook-endpoints">
            {endpoints.into_iter().map(|e| {
                let disabled = e.disabled_at.is_some();
                let events = if e.event_types.is_empty() { "all events".to_owned() } else { e.event_types.join(", ") };
                let (toggle, toggle_label) = if disabled { ("enable", "Enable") } else { ("disable", "Disable") };
                let endpoint_id = e.id;
                view! {
                    <li class="online-check" data-endpoint=endpoint_id.to_string()>
                        <div class="check-head">
                            <strong class="mono">{e.url.clone()}</strong>
                            <span class="badge">{match (&e.disabled_at, e.disabled_reason.as_deref()) {
                                (None, _) => "Enabled".to_owned(),
                                (Some(_), Some(reason)) => format!("Disabled ({reason})"),
                                (Some(_), None) => "Disabled".to_owned(),
                            }}</span>
                        </div>
                        <p>{e.description.clone()}</p>
                        <p class="muted">{events}" · added " <Timestamp at=e.created_at/></p>
                        <div class="actions">
                            <button type="button" class="button" on:click=move |_| shown_log.set(Some(endpoint_id))>"Deliveries"</button>
                            <ActionForm action=rotate>
                                <input type="hidden" name="id" value=endpoint_id.to_string()/>
                                <button type="submit" class="button">"Rotate secret"</button>
                            </ActionForm>
                            <ChangeButton change id=endpoint_id verb=toggle label=toggle_label/>
                            <ChangeButton change id=endpoint_id verb="delete" label="Delete" class="button danger"/>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A button that changes endpoint `id`: `enable`, `disable` or `delete` (the `verb`).
#[component]
fn ChangeButton(
    change: ServerAction<ChangeWebhook>,
    id: Uuid,
    verb: &'static str,
    label: &'static str,
    #[prop(default = "button")] class: &'static str,
) -> impl IntoView {
    view! {
        <ActionForm action=change>
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="action" value=verb/>
            <button type="submit" class=class>{label}</button>
        </ActionForm>
    }
}

#[component]
fn DeliveryLog(id: Uuid) -> impl IntoView {
    let replay = ServerAction::<ReplayWebhook>::new();
    let log = Resource::new(
        move || (id, replay.version().get()),
        |(id, _)| webhook_log(id, None),
    );
    view! {
        <section class="card" id="delivery-log">
            <h2>"Deliveries"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=error_view>
                    {move || Suspend::new(async move {
                        let entries = log.await?;
                        Ok::<_, AppError>(if entries.is_empty() {
                            view! { <p class="muted">"Nothing sent yet."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table">
                                    <thead><tr><th>"When"</th><th>"Event"</th><th>"Attempt"</th><th>"Answer"</th><th>"Time"</th><th>"Delivery"</th><th></th></tr></thead>
                                    <tbody>
                                        {entries.into_iter().map(|e| view! {
                                            <tr>
                                                <td><Timestamp at=e.started_at/></td>
                                                <td><code>{e.event_type.clone()}</code></td>
                                                <td>{e.attempt}</td>
                                                <td>{e.response_status.map(|s| s.to_string()).or(e.error_class.clone()).unwrap_or_default()}</td>
                                                <td>{format!("{} ms", e.latency_ms)}</td>
                                                <td>{e.delivery_status.clone()}</td>
                                                <td>
                                                    <ActionForm action=replay>
                                                        <input type="hidden" name="id" value=id.to_string()/>
                                                        <input type="hidden" name="message_id" value=e.message_id.clone()/>
                                                        <button type="submit" class="button">"Send again"</button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}
