//! Webhook endpoints (admins): add one with a new secret (shown once), rotate the secret,
//! disable, enable or delete one, and send a message again. Each change commits together
//! with its audit entry, or neither does.

use std::future::Future;
use std::pin::Pin;

use kyc_core::access::Permission;
use kyc_core::webhook::EventType;
use kyc_core::{FieldError, FieldErrors};
use kyc_db::webhooks::NewEndpoint;
use time::Duration;
use uuid::Uuid;

use crate::{Actor, ServiceError, Services};

/// How long the secret before a rotation keeps signing beside the new one.
pub const ROTATION_OVERLAP: Duration = Duration::hours(24);
/// The longest description.
pub const DESCRIPTION_MAX: usize = 200;

/// A boxed future, for the object-safe port the server implements.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What the server decides about endpoints: whether a URL may receive webhooks (https,
/// public addresses, DNS checked; looser in development) and what a new secret is.
pub trait EndpointRules: Send + Sync + std::fmt::Debug {
    /// The URL as it will be stored, or why it is refused (shown beside the URL field).
    fn check_url<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Result<String, String>>;

    /// A new signing secret (`whsec_...`): shown once, stored only sealed.
    fn new_secret(&self) -> String;
}

/// The label an endpoint's secret is sealed under: bound to the endpoint.
pub fn secret_label(endpoint_id: Uuid) -> String {
    format!("webhook/{endpoint_id}")
}

/// An endpoint as an admin enters it.
#[derive(Debug, Clone)]
pub struct EndpointForm {
    pub url: String,
    pub description: String,
    /// Event type names; empty means every type.
    pub event_types: Vec<String>,
}

/// A new endpoint and its secret, shown to the admin once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedEndpoint {
    pub id: Uuid,
    pub secret: String,
}

/// What an admin may do to an endpoint besides rotating its secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointAction {
    Disable,
    Enable,
    Delete,
}

impl EndpointAction {
    /// Reads the form's `disable`, `enable` or `delete`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "disable" => Some(EndpointAction::Disable),
            "enable" => Some(EndpointAction::Enable),
            "delete" => Some(EndpointAction::Delete),
            _ => None,
        }
    }

    fn audited(self) -> &'static str {
        match self {
            EndpointAction::Disable => "webhook.disabled",
            EndpointAction::Enable => "webhook.enabled",
            EndpointAction::Delete => "webhook.deleted",
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid(FieldErrors(vec![FieldError::new(field, message)]))
}

/// Adds an endpoint to the actor's merchant with a new secret, after checking its URL.
pub async fn create(
    services: &Services,
    actor: &Actor,
    form: EndpointForm,
) -> Result<CreatedEndpoint, ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let types = form
        .event_types
        .iter()
        .map(|n| {
            EventType::parse(n)
                .ok_or_else(|| invalid("event_types", format!("{n} is not an event type")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let description = form.description.trim();
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(invalid("description", "must be at most 200 characters"));
    }
    let url = services
        .webhooks
        .check_url(form.url.trim())
        .await
        .map_err(|message| invalid("url", message))?;
    let id = Uuid::new_v4();
    let secret = services.webhooks.new_secret();
    let sealed = services.seal(&secret_label(id), secret.as_bytes())?;
    let endpoint = NewEndpoint {
        id,
        url: &url,
        description,
        event_types: &types,
        sealed_secret: &sealed,
        created_by: Some(by.user_id),
    };
    let mut work = services.begin().await?;
    kyc_db::webhooks::create(&mut *work.tx, by.merchant_id, &endpoint, work.now).await?;
    let detail = serde_json::json!({ "event_types": form.event_types });
    work.audit(
        actor,
        by,
        "webhook.created",
        ("webhook_endpoint", Some(id)),
        detail,
    )
    .await?;
    work.commit().await?;
    tracing::info!(webhook.id = %id, merchant.id = %by.merchant_id, actor = %actor.log_id(), "webhook endpoint created");
    Ok(CreatedEndpoint { id, secret })
}

/// Gives the endpoint a new secret and returns it (shown once); the old one keeps signing
/// for [`ROTATION_OVERLAP`], so receivers can switch without losing deliveries.
pub async fn rotate_secret(
    services: &Services,
    actor: &Actor,
    id: Uuid,
) -> Result<String, ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let secret = services.webhooks.new_secret();
    let sealed = services.seal(&secret_label(id), secret.as_bytes())?;
    let mut work = services.begin().await?;
    let overlap_until = work.now + ROTATION_OVERLAP;
    kyc_db::webhooks::rotate_secret(&mut *work.tx, by.merchant_id, id, &sealed, overlap_until)
        .await?;
    let detail = serde_json::json!({});
    work.audit(
        actor,
        by,
        "webhook.secret_rotated",
        ("webhook_endpoint", Some(id)),
        detail,
    )
    .await?;
    work.commit().await?;
    tracing::info!(webhook.id = %id, merchant.id = %by.merchant_id, actor = %actor.log_id(), "webhook secret rotated");
    Ok(secret)
}

/// Disables, enables or deletes an endpoint of the actor's merchant.
pub async fn change(
    services: &Services,
    actor: &Actor,
    id: Uuid,
    action: EndpointAction,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let mut work = services.begin().await?;
    let merchant_id = by.merchant_id;
    match action {
        EndpointAction::Disable => {
            kyc_db::webhooks::disable(&mut *work.tx, merchant_id, id, work.now).await?
        }
        EndpointAction::Enable => kyc_db::webhooks::enable(&mut *work.tx, merchant_id, id).await?,
        EndpointAction::Delete => kyc_db::webhooks::delete(&mut *work.tx, merchant_id, id).await?,
    }
    let detail = serde_json::json!({});
    work.audit(
        actor,
        by,
        action.audited(),
        ("webhook_endpoint", Some(id)),
        detail,
    )
    .await?;
    work.commit().await?;
    tracing::info!(webhook.id = %id, merchant.id = %merchant_id, actor = %actor.log_id(), action = action.audited(), "webhook endpoint changed");
    Ok(())
}

/// Sends a message to the endpoint again (same `webhook-id`, attempts from zero).
pub async fn replay(
    services: &Services,
    actor: &Actor,
    id: Uuid,
    message_id: &str,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let mut work = services.begin().await?;
    kyc_db::webhooks::replay(&mut *work.tx, by.merchant_id, id, message_id, work.now).await?;
    let detail = serde_json::json!({ "message_id": message_id });
    work.audit(
        actor,
        by,
        "webhook.replayed",
        ("webhook_endpoint", Some(id)),
        detail,
    )
    .await?;
    work.commit().await?;
    Ok(())
}
