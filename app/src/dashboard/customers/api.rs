//! Server functions for customers. Each authorises itself and scopes by the session's merchant.

use kyc_core::customer::CustomerForm;
use kyc_core::views::CustomerRow;
use leptos::prelude::*;
use uuid::Uuid;

use crate::AppError;

/// Customers per page.
pub const PAGE_SIZE: i64 = 25;

/// Creates a customer of the signed-in operator's merchant and goes to their page.
#[server(endpoint = "create_customer")]
pub async fn create_customer(input: CustomerForm) -> Result<Uuid, AppError> {
    crate::error::respond(async move {
        let actor = crate::auth::principal::staff_actor().await?;
        let services = crate::context::app_context()?.services;
        let row = kyc_service::customers::create(&services, &actor, input).await?;
        leptos_axum::redirect(&format!("/customers/{}", row.id));
        Ok(row.id)
    })
    .await
}

/// A page of the merchant's customers, optionally matching `search`.
#[server(endpoint = "list_customers")]
pub async fn list_customers(
    search: Option<String>,
    page: u32,
) -> Result<Vec<CustomerRow>, AppError> {
    use kyc_core::merchant::Permission;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ViewJourneys).await?;
        let search = search.filter(|s| !s.trim().is_empty());
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::customers::list(
            &db,
            staff.merchant_id,
            search.as_deref(),
            PAGE_SIZE,
            i64::from(page) * PAGE_SIZE,
        )
        .await?)
    })
    .await
}

/// A customer of the merchant.
#[server(endpoint = "get_customer")]
pub async fn get_customer(id: Uuid) -> Result<CustomerRow, AppError> {
    use kyc_core::merchant::Permission;

    crate::error::respond(async move {
        let staff = crate::auth::principal::require_staff(Permission::ViewJourneys).await?;
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::customers::get(&db, staff.merchant_id, id).await?)
    })
    .await
}
