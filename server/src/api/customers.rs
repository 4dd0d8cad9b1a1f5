//! `/api/v1/customers`: create, get, list (by external reference).

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Json};
use kyc_core::access::Permission;
use kyc_core::customer::CustomerForm;
use kyc_db::customers::CustomerRow;
use kyc_service::Actor;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::error::ApiError;
use super::error::ErrorBody;
use super::idempotency::ApiWrite;
use super::pagination::{cursor, PageQuery};
use super::state::ApiState;

/// A customer of the merchant.
#[derive(Serialize, ToSchema)]
pub struct Customer {
    pub id: Uuid,
    pub full_name: String,
    pub email: String,
    pub phone: Option<String>,
    /// The merchant's own id for the customer.
    pub external_reference: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
}

impl From<CustomerRow> for Customer {
    fn from(r: CustomerRow) -> Self {
        Customer {
            id: r.id,
            full_name: r.full_name,
            email: r.email,
            phone: r.phone,
            external_reference: r.external_ref,
            created_at: r.created_at,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCustomer {
    pub full_name: String,
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
    /// Unique per merchant.
    #[serde(default)]
    pub external_reference: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CustomerPage {
    pub data: Vec<Customer>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct CustomerFilter {
    /// Only the customer with this external reference.
    pub external_reference: Option<String>,
}

/// Reads a JSON body, refusing it with the API's error shape.
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::invalid(vec![kyc_core::FieldError::new(
            "body",
            format!(
                "is not the expected JSON: {}",
                e.to_string().chars().take(200).collect::<String>()
            ),
        )])
    })
}

/// Creates a customer.
#[utoipa::path(post, path = "/customers", tag = "customers", request_body = NewCustomer,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer for the same key and body")),
    responses((status = 201, body = Customer), (status = 409, description = "external_reference taken", body = ErrorBody),
               (status = 422, body = ErrorBody)))]
pub async fn create(request: ApiWrite) -> Result<Response, ApiError> {
    let ApiWrite {
        state, actor, body, ..
    } = &request;
    let work = async {
        let input: NewCustomer = json_body(body)?;
        let form = CustomerForm {
            full_name: input.full_name,
            email: input.email,
            phone: input.phone.unwrap_or_default(),
            external_ref: input.external_reference.unwrap_or_default(),
        };
        let row = kyc_service::customers::create(&state.services, actor, form).await?;
        Ok(Customer::from(row))
    };
    request.created(Permission::ManageLinks, work).await
}

/// One customer.
#[utoipa::path(get, path = "/customers/{id}", tag = "customers",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Customer), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<ApiState>,
    Extension(actor): Extension<Actor>,
    Path(id): Path<Uuid>,
) -> Result<Json<Customer>, ApiError> {
    let merchant_id = actor.authorize(Permission::ViewJourneys)?.merchant_id;
    let row = kyc_db::customers::get(&state.db, merchant_id, id).await?;
    Ok(Json(row.into()))
}

/// The merchant's customers, newest first.
#[utoipa::path(get, path = "/customers", tag = "customers",
    params(CustomerFilter, PageQuery),
    responses((status = 200, body = CustomerPage), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<ApiState>,
    Extension(actor): Extension<Actor>,
    Query(filter): Query<CustomerFilter>,
    Query(page): Query<PageQuery>,
) -> Result<Json<CustomerPage>, ApiError> {
    let merchant_id = actor.authorize(Permission::ViewJourneys)?.merchant_id;
    let limit = page.limit()?;
    let after = page.after()?.map(|a| (a.created_at, a.id));
    let rows = kyc_db::customers::page(
        &state.db,
        merchant_id,
        filter.external_reference.as_deref(),
        after,
        limit + 1,
    )
    .await?;
    let more = rows.len() as i64 > limit;
    let data: Vec<Customer> = rows
        .into_iter()
        .take(limit as usize)
        .map(Customer::from)
        .collect();
    let next_cursor = more
        .then(|| data.last().map(|c| cursor(c.created_at, c.id)))
        .flatten();
    Ok(Json(CustomerPage { data, next_cursor }))
}
