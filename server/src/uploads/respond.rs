//! Answers of the upload routes, and serving a customer's own files back to them.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};
use kyc_errors::AppError;
use kyc_i18n::Lang;
use tower_sessions::Session;
use uuid::Uuid;

use crate::state::ServerState;
use crate::storage::ObjectKey;

/// `201` with the JSON body, or the error in the customer's language.
pub(crate) fn json(result: Result<serde_json::Value, AppError>, lang: Lang) -> Response {
    match result {
        Ok(body) => (StatusCode::CREATED, axum::Json(body)).into_response(),
        Err(error) => error_response_in(&error, lang),
    }
}

/// `{"error": {"code", "message"}}` with the error's status; the message is safe to show.
pub fn error_response(error: &AppError) -> Response {
    error_response_in(error, Lang::En)
}

/// [`error_response`] with the message in `lang`.
pub fn error_response_in(error: &AppError, lang: Lang) -> Response {
    let status = error.status();
    let code = match error {
        AppError::FileTooLarge(_) => "too_large",
        AppError::Busy => "busy",
        AppError::FileRefused(_) => "file_refused",
        AppError::LinkExpired => "link_expired",
        AppError::LinkWithdrawn => "link_withdrawn",
        AppError::LinkInvalid => "link_invalid",
        AppError::TooManyAttempts => "too_many_uploads",
        AppError::Conflict(_) => "refused",
        AppError::NotFound => "not_found",
        AppError::Internal(_) => "internal",
        AppError::Invalid(_) => "invalid",
        AppError::Unauthenticated => "unauthenticated",
        AppError::Forbidden => "forbidden",
        AppError::TwoFactorRequired => "two_factor_required",
        _ => "bad_request",
    };
    let mut body = serde_json::json!({ "error": { "code": code, "message": error.message(lang) } });
    if let AppError::Invalid(errors) = error {
        body["error"]["fields"] = errors
            .0
            .iter()
            .map(|e| {
                let message = error
                    .field_message(&e.field, lang)
                    .unwrap_or_else(|| e.message.clone());
                serde_json::json!({ "field": e.field, "message": message })
            })
            .collect();
    }
    (status, axum::Json(body)).into_response()
}

/// `GET /journey/files/{object_id}`: one of the customer's own stored files, decrypted.
/// Images are shown inline, PDFs only downloaded; nothing is cached or sniffed, and the
/// response may not run anything.
pub async fn serve_object(
    State(state): State<ServerState>,
    session: Session,
    Path(object_id): Path<Uuid>,
) -> Response {
    let result = async {
        let journey_id = kyc_service::session::customer_journey(&session, &state.db).await?;
        let object = kyc_db::objects::attached_to_journey(&state.db, journey_id, object_id).await?;
        decrypted(&state, object).await
    }
    .await;
    match result {
        Ok((content_type, bytes)) => file_response(&content_type, bytes),
        Err(error) => error_response(&error),
    }
}

/// `GET /review/files/{object_id}`: a stored file of one of the merchant's journeys, for
/// reviewers and admins. Every view is written to the audit trail (the journey's chain)
/// before the file is sent; nothing is cached, so every look is a view.
pub async fn serve_for_review(
    State(state): State<ServerState>,
    session: Session,
    headers: http::HeaderMap,
    Path(object_id): Path<Uuid>,
) -> Response {
    let result = async {
        let request_id = kyc_service::request::request_id_of(&headers).map(str::to_owned);
        let actor = kyc_service::session::staff_actor(&session, &state.db, request_id).await?;
        let found = kyc_service::review::open_file(&state.services, &actor, object_id).await?;
        let file = decrypted(&state, found.object.clone()).await?;
        kyc_service::review::record_view(&state.services, &actor, &found).await?;
        Ok::<_, AppError>(file)
    }
    .await;
    match result {
        Ok((content_type, bytes)) => file_response(&content_type, bytes),
        Err(error) => error_response(&error),
    }
}

/// The stored object's content type and decrypted bytes.
async fn decrypted(
    state: &ServerState,
    object: kyc_db::objects::AttachedObject,
) -> Result<(String, Vec<u8>), AppError> {
    let key = ObjectKey::parse(&object.object_key)
        .ok_or_else(|| AppError::Internal("object-key".into()))?;
    let bytes = state
        .store
        .get(&key)
        .await
        .map_err(|e| AppError::internal(&e))?;
    Ok((object.content_type, bytes))
}

/// A decrypted file: images inline, PDFs and XML only as a download; never cached, never
/// sniffed, never able to run anything.
fn file_response(content_type: &str, bytes: Vec<u8>) -> Response {
    let disposition = match content_type {
        "image/jpeg" | "image/png" => "inline",
        "application/xml" => "attachment; filename=\"e-aadhaar.xml\"",
        _ => "attachment; filename=\"document.pdf\"",
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static(disposition),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}
