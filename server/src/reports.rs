//! `GET /reports/journeys.csv?from=&to=`: the KYC report, streamed.
//!
//! Rows come from the database as a stream and are written as CSV into small chunks that go
//! out through a bounded channel: memory stays the same whatever the number of rows, and a
//! slow download slows the query instead of filling memory. The download is audited before
//! the first byte is sent.

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use futures_util::{Stream, StreamExt};
use http::{header, HeaderMap, HeaderValue};
use kyc_core::report::{self, ReportRange};
use kyc_db::reports::ReportRow;
use kyc_db::PgPool;
use kyc_errors::AppError;
use serde::Deserialize;
use tokio::sync::mpsc;
use tower_sessions::Session;
use uuid::Uuid;

use crate::state::ServerState;
use crate::uploads::error_response;

/// Bytes gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;
/// Chunks in flight between the query and the client.
const CHUNKS_IN_FLIGHT: usize = 4;

#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// The report of the session's merchant for the requested days (admins and reviewers).
pub async fn download(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    Query(query): Query<ReportQuery>,
) -> Response {
    let result = async {
        let request_id = kyc_service::request::request_id_of(&headers).map(str::to_owned);
        let actor = kyc_service::session::staff_actor(&session, &state.db, request_id).await?;
        kyc_service::reports::start_download(&state.services, &actor, &query.from, &query.to).await
    }
    .await;
    let (merchant_id, range) = match result {
        Ok(download) => (download.merchant_id, download.range),
        Err(error) => return error_response(&AppError::from(error)),
    };
    csv_response(state.db.clone(), merchant_id, range)
}

/// The report as a streamed CSV download (for the dashboard and the API).
pub fn csv_response(db: PgPool, merchant_id: Uuid, range: ReportRange) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", range.file_name());
    let mut response = Body::from_stream(csv_chunks(db, merchant_id, range)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The whole report as CSV chunks: header row first, then one row per journey. A database
/// failure midway ends the stream with an error, so the client sees a failed download
/// rather than a short file.
pub fn csv_chunks(
    db: PgPool,
    merchant_id: Uuid,
    range: ReportRange,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let (sender, receiver) = mpsc::channel::<Result<Bytes, std::io::Error>>(CHUNKS_IN_FLIGHT);
    tokio::spawn(async move {
        if let Err(error) = produce(&db, merchant_id, range, &sender).await {
            tracing::warn!(merchant.id = %merchant_id, error = %error, "report stopped");
            let _ = sender
                .send(Err(std::io::Error::other("report failed")))
                .await;
        }
    });
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    })
}

#[derive(Debug, thiserror::Error)]
enum ProduceError {
    #[error(transparent)]
    Db(#[from] kyc_db::DbError),
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing CSV: {0}")]
    Io(#[from] std::io::Error),
    #[error("the client went away")]
    Gone,
}

async fn produce(
    db: &PgPool,
    merchant_id: Uuid,
    range: ReportRange,
    sender: &mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), ProduceError> {
    let mut writer = chunk_writer();
    writer.write_record(report::header())?;
    let mut rows = kyc_db::reports::journey_rows(db, merchant_id, range.start(), range.end());
    while let Some(row) = rows.next().await {
        write_row(&mut writer, &row?)?;
        if writer.get_ref().len() >= CHUNK {
            send(std::mem::replace(&mut writer, chunk_writer()), sender).await?;
        }
    }
    send(writer, sender).await
}

/// A CSV writer filling one chunk.
fn chunk_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::with_capacity(CHUNK * 2))
}

async fn send(
    writer: csv::Writer<Vec<u8>>,
    sender: &mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), ProduceError> {
    let chunk = writer
        .into_inner()
        .map_err(|e| ProduceError::Io(e.into_error()))?;
    if chunk.is_empty() {
        return Ok(());
    }
    sender
        .send(Ok(Bytes::from(chunk)))
        .await
        .map_err(|_| ProduceError::Gone)
}

fn write_row(writer: &mut csv::Writer<Vec<u8>>, row: &ReportRow) -> Result<(), csv::Error> {
    let time = |at: Option<time::OffsetDateTime>| at.map(report::utc).unwrap_or_default();
    let ended = |state: &str| {
        if row.state == state {
            time(row.ended_at)
        } else {
            String::new()
        }
    };
    let mut record: Vec<String> = vec![
        row.journey_id.to_string(),
        report::neutralise(row.customer_reference.as_deref().unwrap_or("")).into_owned(),
        row.state.clone(),
        report::neutralise(row.end_reason.as_deref().unwrap_or("")).into_owned(),
        report::utc(row.created_at),
        time(row.opened_at),
        time(row.submitted_at),
        ended("completed"),
        ended("rejected"),
        ended("expired"),
    ];
    for (state, completed_at) in &row.steps {
        record.push(state.clone().unwrap_or_default());
        record.push(time(*completed_at));
    }
    writer.write_record(&record)
}
