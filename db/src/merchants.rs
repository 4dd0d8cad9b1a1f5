//! Merchants and their branding.

use kyc_core::branding::BrandColours;
use kyc_core::merchant::{DisplayName, HexColour, MerchantSlug};
pub use kyc_core::views::Branding;
use sqlx::PgPool;
use uuid::Uuid;

use crate::DbError;

/// A merchant ready to be stored.
#[derive(Debug, Clone)]
pub struct NewMerchant {
    pub slug: MerchantSlug,
    pub display_name: DisplayName,
    pub primary_colour: HexColour,
}

/// Stores a new merchant. `Conflict("slug")` when the slug is taken.
pub async fn create(
    db: impl sqlx::PgExecutor<'_>,
    merchant: &NewMerchant,
) -> Result<Uuid, DbError> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO merchants (id, slug, display_name, primary_colour) VALUES ($1, $2, $3, $4)",
        id,
        merchant.slug.as_str(),
        merchant.display_name.as_str(),
        merchant.primary_colour.as_str(),
    )
    .execute(db)
    .await?;
    Ok(id)
}

/// The merchant's id for a slug.
pub async fn id_by_slug(db: &PgPool, slug: &str) -> Result<Uuid, DbError> {
    Ok(
        sqlx::query_scalar!("SELECT id FROM merchants WHERE slug = $1", slug)
            .fetch_one(db)
            .await?,
    )
}

/// The merchant's branding.
pub async fn branding(db: &PgPool, merchant_id: Uuid) -> Result<Branding, DbError> {
    let row = sqlx::query!(
        r#"SELECT display_name, primary_colour, accent_colour, logo IS NOT NULL AS "has_logo!" FROM merchants WHERE id = $1"#,
        merchant_id
    )
    .fetch_one(db)
    .await?;
    Ok(Branding {
        merchant_id,
        display_name: row.display_name,
        primary_colour: row.primary_colour,
        accent_colour: row.accent_colour,
        has_logo: row.has_logo,
    })
}

/// The merchant's logo bytes and content type, if it has one.
pub async fn logo(db: &PgPool, merchant_id: Uuid) -> Result<Option<(Vec<u8>, String)>, DbError> {
    let row = sqlx::query!(
        "SELECT logo, logo_content_type FROM merchants WHERE id = $1",
        merchant_id
    )
    .fetch_one(db)
    .await?;
    Ok(row.logo.zip(row.logo_content_type))
}

/// Replaces the merchant's colours (checked by `BrandColours::parse`).
pub async fn set_colours(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    colours: &BrandColours,
) -> Result<(), DbError> {
    let updated = sqlx::query!(
        "UPDATE merchants SET primary_colour = $2, accent_colour = $3 WHERE id = $1",
        merchant_id,
        colours.primary.as_str(),
        colours.accent.as_str()
    )
    .execute(db)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Removes the merchant's logo.
pub async fn remove_logo(db: impl sqlx::PgExecutor<'_>, merchant_id: Uuid) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE merchants SET logo = NULL, logo_content_type = NULL WHERE id = $1",
        merchant_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Replaces the merchant's logo. The caller has checked the bytes are a safe image.
pub async fn set_logo(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    bytes: &[u8],
    content_type: &str,
) -> Result<(), DbError> {
    let updated = sqlx::query!(
        "UPDATE merchants SET logo = $2, logo_content_type = $3 WHERE id = $1",
        merchant_id,
        bytes,
        content_type
    )
    .execute(db)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Sets the address customers can write to instead of opening a ticket.
pub async fn set_support_email(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    email: &str,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE merchants SET support_email = $2 WHERE id = $1",
        merchant_id,
        email
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Sets the time zone the merchant's staff read times in (an IANA name, already checked).
pub async fn set_time_zone(
    db: impl sqlx::PgExecutor<'_>,
    merchant_id: Uuid,
    time_zone: &str,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE merchants SET time_zone = $2 WHERE id = $1",
        merchant_id,
        time_zone
    )
    .execute(db)
    .await?;
    Ok(())
}
