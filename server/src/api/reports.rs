//! `GET /api/v1/reports/journeys.csv?from=&to=`: the KYC report for a range of days,
//! streamed with constant memory (the same stream as the dashboard's download); audited.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use kyc_core::report::ReportRange;
use kyc_db::api_keys::ApiPrincipal;
use serde::Deserialize;
use utoipa::IntoParams;

use super::auth::require;
use super::error::ErrorBody;
use super::{ApiError, ApiState};

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
    Extension(key): Extension<ApiPrincipal>,
    headers: HeaderMap,
    Query(params): Query<ReportParams>,
) -> Response {
    let checked = async {
        require(&key, "reports")?;
        let range =
            ReportRange::parse(&params.from, &params.to).map_err(|e| ApiError::invalid(e.0))?;
        let entry = kyc_db::audit::Entry {
            journey_id: None,
            merchant_id: key.merchant_id,
            actor_kind: "admin",
            actor_id: Some(key.created_by),
            action: "report.downloaded",
            object_kind: "journey_report",
            object_id: None,
            detail: serde_json::json!({
                "from": range.from.to_string(),
                "to": range.to.to_string(),
                "api_key": key.key_id,
            }),
            request_id: kyc_app::context::request_id_of(&headers),
            at: time::OffsetDateTime::now_utc(),
        };
        kyc_db::audit::record(&state.db, &entry).await?;
        Ok::<_, ApiError>(range)
    }
    .await;
    let range = match checked {
        Ok(range) => range,
        Err(error) => return error.into_response(),
    };
    crate::reports::csv_response(state.db.clone(), key.merchant_id, range)
}
