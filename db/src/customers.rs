//! A merchant's customers.

use kyc_core::customer::NewCustomer;
pub use kyc_core::views::CustomerRow;
use sqlx::PgPool;
use uuid::Uuid;

use crate::DbError;

/// Stores a customer of `merchant_id`. `Conflict("external_ref")` when the merchant already
/// has a customer with that reference.
pub async fn create(
    db: &PgPool,
    merchant_id: Uuid,
    created_by: Uuid,
    customer: &NewCustomer,
) -> Result<CustomerRow, DbError> {
    let row = sqlx::query_as!(
        CustomerRow,
        "INSERT INTO customers (id, merchant_id, full_name, email, phone, external_ref, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, full_name, email, phone, external_ref, created_at",
        Uuid::new_v4(),
        merchant_id,
        customer.full_name.as_str(),
        customer.email.as_str(),
        customer.phone.as_ref().map(|p| p.as_str()),
        customer.external_ref.as_ref().map(|r| r.as_str()),
        created_by,
    )
    .fetch_one(db)
    .await?;
    Ok(row)
}

/// One customer of `merchant_id`; `NotFound` for any other merchant's customer.
pub async fn get(db: &PgPool, merchant_id: Uuid, id: Uuid) -> Result<CustomerRow, DbError> {
    Ok(sqlx::query_as!(
        CustomerRow,
        "SELECT id, full_name, email, phone, external_ref, created_at FROM customers WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        id
    )
    .fetch_one(db)
    .await?)
}

/// A page of `merchant_id`'s customers, newest first, optionally matching `search` in the
/// name, email or external reference (case-insensitive substring).
pub async fn list(
    db: &PgPool,
    merchant_id: Uuid,
    search: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<CustomerRow>, DbError> {
    let pattern = search.map(|s| format!("%{}%", escape_like(s.trim())));
    Ok(sqlx::query_as!(
        CustomerRow,
        r#"SELECT id, full_name, email, phone, external_ref, created_at FROM customers
           WHERE merchant_id = $1
             AND ($2::text IS NULL OR full_name ILIKE $2 OR email ILIKE $2 OR external_ref ILIKE $2)
           ORDER BY created_at DESC, id
           LIMIT $3 OFFSET $4"#,
        merchant_id,
        pattern,
        limit,
        offset
    )
    .fetch_all(db)
    .await?)
}

/// Escapes `%`, `_` and `\` so a search term matches literally inside a LIKE pattern.
fn escape_like(term: &str) -> String {
    term.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Up to `limit` of `merchant_id`'s customers created before `after` (created_at, id),
/// newest first, optionally only the one with `external_ref`.
pub async fn page(
    db: &PgPool,
    merchant_id: Uuid,
    external_ref: Option<&str>,
    after: Option<(time::OffsetDateTime, Uuid)>,
    limit: i64,
) -> Result<Vec<CustomerRow>, DbError> {
    let (after_at, after_id) = after.unzip();
    Ok(sqlx::query_as!(
        CustomerRow,
        r#"SELECT id, full_name, email, phone, external_ref, created_at FROM customers
           WHERE merchant_id = $1
             AND ($2::text IS NULL OR external_ref = $2)
             AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
           ORDER BY created_at DESC, id DESC
           LIMIT $5"#,
        merchant_id,
        external_ref,
        after_at,
        after_id,
        limit
    )
    .fetch_all(db)
    .await?)
}
