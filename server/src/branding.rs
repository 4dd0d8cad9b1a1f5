//! A merchant's public branding assets (the logo and a theme stylesheet with its colours),
//! and the admin's logo upload.

mod logo;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, StatusCode};
use kyc_core::merchant::HexColour;
use kyc_core::merchant::Permission;
use kyc_db::{merchants, DbError, PgPool};
use kyc_errors::AppError;
use kyc_i18n::Lang;
use tower_sessions::Session;
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
            let (Ok(colour), Ok(accent)) = (
                HexColour::parse("primary_colour", &branding.primary_colour),
                HexColour::parse("accent_colour", &branding.accent_colour),
            ) else {
                return StatusCode::NOT_FOUND.into_response();
            };
            let css = format!(
                ":root {{ --brand: {}; --on-brand: {}; --accent: {}; }}\n",
                colour.as_str(),
                colour.readable_text(),
                accent.as_str()
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

/// `POST /settings/logo`: replaces the merchant's logo (admins). The body is the image; PNG
/// and JPEG are re-encoded without metadata, SVG is cleaned or refused (see `logo`).
pub async fn upload_logo(
    State(state): State<crate::state::ServerState>,
    session: Session,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        let request_id = kyc_service::request::request_id_of(&headers).map(str::to_owned);
        let actor = kyc_service::session::staff_actor(&session, &state.db, request_id).await?;
        actor.authorize(Permission::ManageSettings)?;
        let declared = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let bytes = crate::uploads::read_limited(&headers, body, logo::MAX_LOGO_BYTES, Lang::En)
            .await
            .map_err(|error| match error {
                AppError::FileTooLarge(_) => {
                    AppError::FileRefused(logo::LogoRefusal::TooLarge.to_string())
                }
                other => other,
            })?;
        let clean = logo::clean_logo(declared, &bytes)
            .map_err(|refusal| AppError::FileRefused(refusal.to_string()))?;
        // Re-encoding can grow a file a little; the stored logo keeps the same limit.
        if clean.bytes.len() > logo::MAX_LOGO_BYTES {
            return Err(AppError::FileRefused(
                logo::LogoRefusal::TooLarge.to_string(),
            ));
        }
        let logo = kyc_service::settings::CleanLogo {
            bytes: &clean.bytes,
            content_type: clean.content_type,
        };
        kyc_service::settings::set_logo(&state.services, &actor, logo).await?;
        Ok(serde_json::json!({ "content_type": clean.content_type }))
    }
    .await;
    crate::uploads::created(result, Lang::En)
}
