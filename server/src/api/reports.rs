//! `GET /api/v1/reports/journeys.csv?from=&to=`: the KYC report for a range of days,
//! streamed with constant memory (the same stream as the dashboard's download); audited.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use kyc_service::Actor;
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::ApiError;
use super::error::ErrorBody;
use super::state::ApiState;

#[derive(Deserialize, IntoParams)]
pub struct ReportParams {
    /// First day (UTC), `YYYY-MM-DD`.
    #[serde(default)]
    pub from: String,
    /// Last day (UTC), `YYYY-MM-DD`, included.
    #[serde(default)]
    pub to: String,
}

/// The journeys created in the range, one CSV row each (UTC ISO 8601 timestamps, formula
/// characters neutralised).
#[utoipa::path(get, path = "/reports/journeys.csv", tag = "reports", params(ReportParams),
    responses((status = 200, description = "The report", content_type = "text/csv", body = String),
              (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn journeys_csv(
    State(state): State<ApiState>,
    Extension(actor): Extension<Actor>,
    Query(params): Query<ReportParams>,
) -> Response {
    let download = match kyc_service::reports::start_download(
        &state.services,
        &actor,
        &params.from,
        &params.to,
    )
    .await
    {
        Ok(download) => download,
        Err(error) => return ApiError::from(error).into_response(),
    };
    crate::reports::csv_response(state.db.clone(), download.merchant_id, download.range)
}
