//! Customer uploads: document files, the selfie and the signature.
//!
//! The body is streamed with a size limit (never buffered past it), its type decided from
//! the bytes and checked against the declared type, images decoded within limits and
//! re-encoded without metadata, the result encrypted into object storage and then recorded.
//! Nothing is left behind on any failure: the object's row is staged before its bytes are
//! stored and discarded when recording fails, and the sweeper deletes whatever a crash
//! between the two leaves.

pub mod inspect;
mod respond;
mod signature;

use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use http::{header, HeaderMap};
use kyc_core::document::DocumentSide;
use kyc_core::{DocumentType, StepKind};
use kyc_db::journeys::{CaptureSource, DocumentTarget};
use kyc_db::objects::{self, NewObject};
use kyc_db::throttle;
use kyc_errors::customer_error;
use kyc_errors::AppError;
use kyc_i18n::{t, Lang};
use kyc_service::journey;
use kyc_service::{Actor, ServiceError};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use tower_sessions::Session;
use uuid::Uuid;

use self::inspect::{inspect, InspectLimits, Rejection};
pub(crate) use self::respond::json as created;
pub use self::respond::{error_response, serve_for_review, serve_object};
use crate::state::ServerState;
use crate::storage::ObjectKey;

/// Upload limits, from configuration.
#[derive(Debug, Clone)]
pub struct UploadSettings {
    /// Largest accepted file, in bytes (`KYC_UPLOAD_MAX_BYTES`, default 10 MB).
    pub max_bytes: usize,
    pub inspect: InspectLimits,
    /// What a journey's files may take in storage together (60 MB).
    pub journey_quota: u64,
    /// Images decoded at once, server-wide: at most the cores, and no more than fit
    /// [`DECODE_BUDGET`] at the decoder's memory limit each (`inspect.max_alloc`).
    pub decodes: std::sync::Arc<tokio::sync::Semaphore>,
    /// How long an upload waits for a decoder before the customer is told to try again.
    pub decode_wait: std::time::Duration,
}

/// The memory all concurrent image decodes may take together at worst.
pub const DECODE_BUDGET: u64 = 1024 * 1024 * 1024;

impl UploadSettings {
    /// The concurrent decodes `inspect`'s memory limit allows within [`DECODE_BUDGET`],
    /// and no more than the machine's cores.
    pub fn decode_permits(inspect: &InspectLimits) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let fit = usize::try_from(DECODE_BUDGET / inspect.max_alloc.max(1)).unwrap_or(1);
        cores.min(fit).max(1)
    }
}

impl Default for UploadSettings {
    fn default() -> Self {
        let inspect = InspectLimits::default();
        let permits = Self::decode_permits(&inspect);
        UploadSettings {
            max_bytes: 10 * 1024 * 1024,
            inspect,
            journey_quota: 60 * 1024 * 1024,
            decodes: std::sync::Arc::new(tokio::sync::Semaphore::new(permits)),
            decode_wait: std::time::Duration::from_secs(20),
        }
    }
}

/// Uploads a journey may make per hour (retakes included), so one link cannot fill storage.
const UPLOADS_PER_HOUR: i64 = 120;

/// Where a document file goes: a new document (`category` + `type`) or a draft (`document`).
#[derive(Debug, Deserialize)]
pub struct DocumentFileQuery {
    side: String,
    category: Option<String>,
    #[serde(rename = "type")]
    doc_type: Option<String>,
    document: Option<Uuid>,
}

/// `POST /journey/documents/files?side=front&category=identity&type=passport`, or
/// `?side=back&document=<id>`: one side of a document, the file as the raw body with its
/// `Content-Type`. Answers `{"document_id", "object_id"}`.
pub async fn upload_document_file(
    Query(query): Query<DocumentFileQuery>,
    incoming: Incoming,
) -> Response {
    let lang = incoming.lang;
    let result = async {
        let side = DocumentSide::from_db(&query.side)
            .ok_or_else(|| refused(lang, "error-choose-side"))?;
        let target = match (query.document, &query.category, &query.doc_type) {
            (Some(id), None, None) => DocumentTarget::Existing(id),
            (None, Some(category), Some(doc_type)) => DocumentTarget::New {
                category: category.clone(),
                doc_type: DocumentType::from_db(doc_type)
                    .ok_or_else(|| refused(lang, "error-choose-type"))?,
            },
            _ => return Err(refused(lang, "error-choose-type")),
        };
        incoming
            .keep(Check::File, |file| async move {
                let attached = journey::attach_document_file(
                    &file.services,
                    &file.actor,
                    &target,
                    side,
                    file.upload,
                );
                let document_id = attached.await?;
                Ok(serde_json::json!({ "document_id": document_id, "object_id": file.upload.object_id }))
            })
            .await
    }
    .await;
    respond::json(result, lang)
}

#[derive(Debug, Deserialize)]
pub struct CaptureQuery {
    source: Option<String>,
}

/// `POST /journey/captures/{selfie|signature}?source=camera|file|drawn`: the selfie photo
/// or the drawn signature (PNG), as the raw body. Replaces an earlier capture.
pub async fn upload_capture(
    Path(step): Path<String>,
    Query(query): Query<CaptureQuery>,
    incoming: Incoming,
) -> Response {
    let lang = incoming.lang;
    let result = async {
        let kind = match StepKind::from_db(&step) {
            Some(kind @ (StepKind::Selfie | StepKind::Signature)) => kind,
            _ => return Err(AppError::NotFound),
        };
        let source = match (kind, query.source.as_deref()) {
            (StepKind::Signature, _) => CaptureSource::Drawn,
            (_, Some("file")) => CaptureSource::File,
            _ => CaptureSource::Camera,
        };
        if kind == StepKind::Signature
            && inspect::FileKind::from_content_type(declared_type(&incoming.headers))
                != Some(inspect::FileKind::Png)
        {
            return Err(refused(lang, "error-signature-png"));
        }
        let check = if kind == StepKind::Signature {
            Check::Signature
        } else {
            Check::File
        };
        incoming
            .keep(check, |file| async move {
                journey::save_capture(&file.services, &file.actor, kind, source, file.upload)
                    .await?;
                Ok(serde_json::json!({ "object_id": file.upload.object_id }))
            })
            .await
    }
    .await;
    respond::json(result, lang)
}

/// `POST /journey/tickets/{ticket_id}/attachments`: a photo or PDF sent with the
/// customer's support ticket, as a message of its own; the same checks as documents.
pub async fn upload_ticket_attachment(Path(ticket_id): Path<Uuid>, incoming: Incoming) -> Response {
    let lang = incoming.lang;
    let result = incoming
        .keep(Check::File, |file| async move {
            let upload = Some(file.upload);
            journey::ticket_message(&file.services, &file.actor, ticket_id, "", upload).await?;
            Ok(serde_json::json!({ "object_id": file.upload.object_id }))
        })
        .await;
    respond::json(result, lang)
}

/// A customer's upload as it arrives: the session's journey, authorised and within its
/// allowance before anything of the body is read, the request's one reading of the clock,
/// and the body still unread. It reads the body, so it is a handler's last argument.
pub struct Incoming {
    state: ServerState,
    uploader: Uploader,
    now: OffsetDateTime,
    headers: HeaderMap,
    body: Body,
    /// The customer's language, for what they are told.
    lang: Lang,
}

impl FromRequest<ServerState> for Incoming {
    type Rejection = Response;

    async fn from_request(request: Request, state: &ServerState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let session = Session::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let lang = kyc_app::i18n::request_lang(&parts.headers);
        let (uploader, now) = authorise(state, &session, lang)
            .await
            .map_err(|error| respond::error_response_in(&error, lang))?;
        Ok(Incoming {
            state: state.clone(),
            uploader,
            now,
            lang,
            headers: parts.headers,
            body,
        })
    }
}

/// A stored file, for the use case that records it as part of the journey.
struct Kept {
    services: kyc_service::Services,
    actor: Actor,
    upload: journey::Upload,
}

impl Incoming {
    /// Reads, checks, encrypts and stores the file, then `record` makes it part of the
    /// journey. The answer is `record`'s; when it fails, the stored file is abandoned
    /// (nothing of it stays) and the customer told why.
    async fn keep<F, Fut>(self, check: Check, record: F) -> Result<serde_json::Value, AppError>
    where
        F: FnOnce(Kept) -> Fut,
        Fut: std::future::Future<Output = Result<serde_json::Value, ServiceError>>,
    {
        let Incoming {
            state,
            uploader,
            now,
            headers,
            body,
            lang,
        } = self;
        let staged = receive(&state, &uploader, &headers, body, check, now, lang).await?;
        let kept = Kept {
            services: state.services.clone(),
            actor: uploader.actor(),
            upload: staged.upload(now),
        };
        match record(kept).await {
            Ok(answer) => Ok(answer),
            Err(error) => {
                abandon(&state, &staged, now).await;
                Err(customer_error(error, lang))
            }
        }
    }
}

/// The `Content-Type` the client declared ("" when absent or unreadable).
fn declared_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// A refusal of the upload, message `id` in the customer's language.
fn refused(lang: Lang, id: &str) -> AppError {
    AppError::FileRefused(t!(lang, id))
}

/// Whose upload this is.
#[derive(Debug, Clone, Copy)]
struct Uploader {
    journey_id: Uuid,
    merchant_id: Uuid,
}

impl Uploader {
    /// The customer of the session's journey, as the use cases see them.
    fn actor(self) -> Actor {
        Actor::Customer {
            journey_id: self.journey_id,
        }
    }
}

/// The journey of the session (and its merchant), within its upload allowance, and the
/// request's time: the one reading of the clock that every row of the upload carries.
async fn authorise(
    state: &ServerState,
    session: &Session,
    lang: Lang,
) -> Result<(Uploader, OffsetDateTime), AppError> {
    let now = OffsetDateTime::now_utc();
    let journey_id = kyc_service::session::customer_journey(session, &state.db)
        .await
        .map_err(|error| customer_error(error, lang))?;
    let actor = Actor::Customer { journey_id };
    let limit = throttle::Limit {
        key: state
            .services
            .throttle_key("upload-journey", &journey_id.to_string()),
        limit: UPLOADS_PER_HOUR,
    };
    if throttle::attempt(&state.db, &[limit], Duration::hours(1), now)
        .await?
        .is_none()
    {
        return Err(AppError::TooManyAttempts);
    }
    // Refused before the body is read: nothing of a journey that would refuse the upload
    // (no consent yet, closed, expired) is ever stored, even briefly. A plain read: the
    // journey's row is locked once, when the upload is recorded.
    let merchant_id = journey::may_upload(&state.services, &actor, now)
        .await
        .map_err(|error| customer_error(error, lang))?;
    let uploader = Uploader {
        journey_id,
        merchant_id,
    };
    Ok((uploader, now))
}

/// An object stored but not yet recorded as part of the journey.
struct Staged {
    id: Uuid,
    key: ObjectKey,
}

impl Staged {
    fn upload(&self, at: OffsetDateTime) -> journey::Upload {
        journey::Upload {
            object_id: self.id,
            at,
        }
    }
}

/// What an upload must be beyond a valid file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    File,
    /// A drawn signature: a PNG with something drawn on it.
    Signature,
}

/// Reads, checks, encrypts and stores one file.
async fn receive(
    state: &ServerState,
    uploader: &Uploader,
    headers: &HeaderMap,
    body: Body,
    check: Check,
    now: OffsetDateTime,
    lang: Lang,
) -> Result<Staged, AppError> {
    let declared = declared_type(headers).to_owned();
    let bytes = read_limited(headers, body, state.uploads.max_bytes, lang).await?;
    let limits = state.uploads.inspect.clone();
    // One decoder's worst case times the permits stays within the decode budget; an
    // upload that cannot get one soon is told to try again rather than queued for long.
    let decoders = state.uploads.decodes.clone();
    let permit = tokio::time::timeout(state.uploads.decode_wait, decoders.acquire_owned())
        .await
        .map_err(|_| AppError::Busy)?
        .map_err(|e| AppError::internal(&e))?;
    let inspected = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let inspected = inspect(&declared, bytes, &limits).map_err(|rejection: Rejection| {
            AppError::FileRefused(rejection.customer_message(lang))
        })?;
        if check == Check::Signature && !signature::has_ink(&inspected.bytes) {
            return Err(refused(lang, "upload-refused-signature-empty"));
        }
        Ok(inspected)
    })
    .await
    .map_err(|e| AppError::internal(&e))??;
    let used = objects::journey_bytes(&state.db, uploader.journey_id).await?;
    let size = inspected.bytes.len() as u64;
    if u64::try_from(used).unwrap_or(u64::MAX).saturating_add(size) > state.uploads.journey_quota {
        let megabytes = state.uploads.journey_quota / (1024 * 1024);
        return Err(AppError::FileRefused(t!(
            lang,
            "upload-refused-full",
            megabytes = megabytes
        )));
    }
    let key = ObjectKey::generate(uploader.merchant_id);
    let object = NewObject {
        object_key: key.as_str(),
        content_type: inspected.kind.content_type(),
        byte_size: i64::try_from(inspected.bytes.len()).unwrap_or(i64::MAX),
        sha256: Sha256::digest(&inspected.bytes).into(),
    };
    let id = objects::stage(&state.db, uploader.journey_id, &object, now).await?;
    let staged = Staged { id, key };
    if let Err(error) = state.store.put(&staged.key, &inspected.bytes).await {
        abandon(state, &staged, now).await;
        return Err(AppError::internal(&error));
    }
    Ok(staged)
}

/// Collects the body, refusing as soon as it passes `limit` (and before reading anything
/// when `Content-Length` already says so).
pub(crate) async fn read_limited(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    lang: Lang,
) -> Result<Vec<u8>, AppError> {
    let too_large = || AppError::FileTooLarge((limit / (1024 * 1024)) as u64);
    let declared_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared_length.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let capacity = declared_length.map_or(64 * 1024, |n| n as usize);
    let mut bytes = Vec::with_capacity(capacity);
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| refused(lang, "upload-refused-interrupted"))?;
        if bytes.len() + chunk.len() > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Gives up on an object whose upload could not be recorded: marked for deletion first,
/// so that if deleting it now fails the sweeper finishes the job.
async fn abandon(state: &ServerState, staged: &Staged, now: OffsetDateTime) {
    if let Err(error) = objects::discard(&state.db, staged.id, now).await {
        tracing::warn!(object.id = %staged.id, error = %error, "discarding an object failed; the sweeper will retry");
        return;
    }
    match state.store.delete(&staged.key).await {
        Ok(()) => {
            if let Err(error) = objects::forget(&state.db, staged.id).await {
                tracing::warn!(object.id = %staged.id, error = %error, "forgetting a deleted object failed");
            }
        }
        Err(error) => {
            tracing::warn!(object.id = %staged.id, error = %error, "deleting an object failed; the sweeper will retry");
        }
    }
}
