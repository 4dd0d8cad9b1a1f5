//! A merchant's public branding assets: the logo and a theme stylesheet with its colours.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};
use kyc_core::merchant::HexColour;
use kyc_db::{merchants, DbError, PgPool};
use uuid::Uuid;

pub async fn logo(State(db): State<PgPool>, Path(merchant_id): Path<Uuid>) -> Response {
    match merchants::logo(&db, merchant_id).await {
        Ok(Some((bytes, content_type))) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
                // An SVG opened directly must not run anything.
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) | Err(DbError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failed(&error),
    }
}

/// `:root` custom properties with the merchant's colour and a text colour that reads on it.
pub async fn theme(State(db): State<PgPool>, Path(merchant_id): Path<Uuid>) -> Response {
    match merchants::branding(&db, merchant_id).await {
        Ok(branding) => {
            let Ok(colour) = HexColour::parse("primary_colour", &branding.primary_colour) else {
                return StatusCode::NOT_FOUND.into_response();
            };
            let css = format!(
                ":root {{ --brand: {}; --on-brand: {}; }}\n",
                colour.as_str(),
                colour.readable_text()
            );
            (
                [
                    (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                    (header::CACHE_CONTROL, "public, max-age=60"),
                ],
                css,
            )
                .into_response()
        }
        Err(DbError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failed(&error),
    }
}

fn failed(error: &DbError) -> Response {
    let id = Uuid::new_v4().simple().to_string();
    tracing::error!(error.id = %id, error = %error, "branding asset failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
