//! The dashboard's access to endpoint changes that need the server (the app crate cannot
//! call this crate): URL rules with DNS, secrets generated and sealed.

use kyc_app::context::{BoxFuture, WebhookAdmin, WebhookInput};
use kyc_app::AppError;
use kyc_core::FieldError;
use kyc_db::webhooks::EventType;
use kyc_db::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use super::endpoints::{create_endpoint, rotate_secret, EndpointError, EndpointInput};
use crate::storage::DocumentStore;

#[derive(Clone)]
pub struct Admin {
    pub db: PgPool,
    pub store: DocumentStore,
    /// Allows `http` to loopback addresses.
    pub development: bool,
}

impl std::fmt::Debug for Admin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("webhooks::Admin")
            .field("development", &self.development)
            .finish_non_exhaustive()
    }
}

fn app_error(error: EndpointError) -> AppError {
    let field = |name: &str, message: String| {
        AppError::Invalid(kyc_core::FieldErrors(vec![FieldError::new(name, message)]))
    };
    match error {
        EndpointError::Url(e) => field("url", e.to_string()),
        EndpointError::DescriptionTooLong => {
            field("description", "must be at most 200 characters".to_owned())
        }
        EndpointError::Db(kyc_db::DbError::NotFound) => AppError::NotFound,
        other => AppError::internal(&other),
    }
}

/// Reads the chosen event types; unknown names are a field error.
pub fn event_types(names: &[String]) -> Result<Vec<EventType>, AppError> {
    names
        .iter()
        .map(|n| {
            EventType::parse(n).ok_or_else(|| {
                AppError::Invalid(kyc_core::FieldErrors(vec![FieldError::new(
                    "event_types",
                    format!("{n} is not an event type"),
                )]))
            })
        })
        .collect()
}

impl WebhookAdmin for Admin {
    fn create(
        &self,
        merchant_id: Uuid,
        created_by: Uuid,
        input: WebhookInput,
    ) -> BoxFuture<'_, Result<(Uuid, String), AppError>> {
        Box::pin(async move {
            let types = event_types(&input.event_types)?;
            let endpoint = EndpointInput {
                url: input.url.trim(),
                description: input.description.trim(),
                event_types: &types,
            };
            let now = OffsetDateTime::now_utc();
            let created = create_endpoint(
                &self.db,
                &self.store,
                merchant_id,
                &endpoint,
                Some(created_by),
                self.development,
                now,
            )
            .await
            .map_err(app_error)?;
            Ok((created.id, created.secret))
        })
    }

    fn rotate(&self, merchant_id: Uuid, id: Uuid) -> BoxFuture<'_, Result<String, AppError>> {
        Box::pin(async move {
            rotate_secret(
                &self.db,
                &self.store,
                merchant_id,
                id,
                OffsetDateTime::now_utc(),
            )
            .await
            .map_err(app_error)
        })
    }
}
