//! API keys (admins): create one with a name and scopes (the secret is shown once; only its
//! hash is kept), see each by prefix and last use, revoke at once.

use kyc_core::api_keys::{ApiKeyRow, CreatedApiKey};
use leptos::prelude::*;
use leptos_meta::Title;
use uuid::Uuid;

use crate::error::error_view;
use crate::ui::{FieldMessage, FormError, ListTable, Timestamp};
use crate::AppError;

#[cfg(feature = "ssr")]
use super::admin::Admin;

/// The merchant's keys, newest first.
#[server(endpoint = "list_api_keys")]
pub async fn list_api_keys() -> Result<Vec<ApiKeyRow>, AppError> {
    crate::error::respond(async move {
        let admin = Admin::get().await?;
        Ok(kyc_db::api_keys::list(&admin.db, admin.merchant_id).await?)
    })
    .await
}

/// Creates a key; its secret is in the answer and nowhere else.
#[server(endpoint = "create_api_key")]
pub async fn create_api_key(
    name: String,
    #[server(default)] scopes: Vec<String>,
) -> Result<CreatedApiKey, AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::api_keys::create(&services, &actor, &name, &scopes).await?)
    })
    .await
}

/// Revokes a key at once.
#[server(endpoint = "revoke_api_key")]
pub async fn revoke_api_key(key_id: Uuid) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        Ok(kyc_service::api_keys::revoke(&services, &actor, key_id).await?)
    })
    .await
}

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let create = ServerAction::<CreateApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let keys = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| list_api_keys(),
    );
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let revoke_error = Signal::derive(move || revoke.value().get().and_then(Result::err));
    view! {
        <Title text="API keys · KYC"/>
        <div class="page-head"><h1>"API keys"</h1></div>
        <section class="card">
            <p>"Your systems call the API at " <code>"/api/v1"</code> " with a key as " <code>"Authorization: Bearer <key>"</code>
               ". See the " <a href="/api/v1/docs">"API reference"</a> ". A key is shown once, when it is created: store it in your secret manager."</p>
            <ActionForm action=create attr:class="stack">
                <label for="key-name">"Name"</label>
                <input id="key-name" name="name" required maxlength="100" placeholder="e.g. CRM integration"/>
                <FieldMessage error field="name"/>
                <fieldset>
                    <legend>"Scopes"</legend>
                    <label class="check"><input type="checkbox" name="scopes[]" value="read" checked/>"read: customers, journeys, events"</label>
                    <label class="check"><input type="checkbox" name="scopes[]" value="write"/>"write: create customers and links, resend, revoke"</label>
                    <label class="check"><input type="checkbox" name="scopes[]" value="reports"/>"reports: the CSV report"</label>
                </fieldset>
                <FieldMessage error field="scopes"/>
                <FormError error/>
                <button type="submit" class="button primary">"Create key"</button>
            </ActionForm>
            {move || create.value().get().and_then(Result::ok).map(|created| view! {
                <div class="notice notice-success" role="status" id="new-api-key">
                    <p><strong>"Copy this key now; it will not be shown again."</strong></p>
                    <input class="mono" readonly value=created.secret.clone() aria-label="The new API key"/>
                </div>
            })}
        </section>
        <section class="card">
            <h2>"Keys"</h2>
            <FormError error=revoke_error/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                <ErrorBoundary fallback=error_view>
                    {move || Suspend::new(async move {
                        let keys = keys.await?;
                        Ok::<_, AppError>(view! { <KeyTable keys revoke/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn KeyTable(keys: Vec<ApiKeyRow>, revoke: ServerAction<RevokeApiKey>) -> impl IntoView {
    let columns = vec!["Name", "Key", "Scopes", "Created", "Last used", "Status"];
    let rows = keys.into_iter().map(|key| {
                    let id = key.id;
                    view! {
                        <tr data-key=key.prefix.clone()>
                            <td>{key.name.clone()}</td>
                            <td><code>{format!("{}…", key.prefix)}</code></td>
                            <td>{key.scopes.join(", ")}</td>
                            <td><Timestamp at=key.created_at/></td>
                            <td>{key.last_used_at.map(|at| view! { <Timestamp at/> }.into_any()).unwrap_or_else(|| "Never".into_any())}</td>
                            <td>{match key.revoked_at {
                                Some(at) => view! { "Revoked " <Timestamp at/> }.into_any(),
                                None => view! {
                                    <ActionForm action=revoke>
                                        <input type="hidden" name="key_id" value=id.to_string()/>
                                        <button type="submit" class="button danger">"Revoke"</button>
                                    </ActionForm>
                                }.into_any(),
                            }}</td>
                        </tr>
                    }
                }).collect::<Vec<_>>();
    view! { <ListTable class="table" id="api-keys" columns empty="No keys yet." rows/> }
}
