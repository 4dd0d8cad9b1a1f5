//! The KYC report's rows, streamed from the database.

use futures_util::stream::BoxStream;
use sqlx::{PgPool, Row};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// One row per journey of the merchant created in `[$2, $3)`, newest first (the order of the
/// journeys list, served by its index), with each step kind's state and completion time.
/// Public so that a benchmark can run the same query through `COPY ... TO STDOUT`.
pub const REPORT_SQL: &str = "SELECT j.id, c.external_ref, j.state, j.end_reason, j.created_at, j.opened_at, j.submitted_at, j.ended_at, s.*
FROM journeys j
JOIN customers c ON c.id = j.customer_id
LEFT JOIN LATERAL (
    SELECT
           max(state) FILTER (WHERE kind = 'documents') AS documents_state,
           max(updated_at) FILTER (WHERE kind = 'documents' AND state = 'completed') AS documents_completed_at,
           max(state) FILTER (WHERE kind = 'digilocker_aadhaar') AS digilocker_aadhaar_state,
           max(updated_at) FILTER (WHERE kind = 'digilocker_aadhaar' AND state = 'completed') AS digilocker_aadhaar_completed_at,
           max(state) FILTER (WHERE kind = 'bank_account') AS bank_account_state,
           max(updated_at) FILTER (WHERE kind = 'bank_account' AND state = 'completed') AS bank_account_completed_at,
           max(state) FILTER (WHERE kind = 'selfie') AS selfie_state,
           max(updated_at) FILTER (WHERE kind = 'selfie' AND state = 'completed') AS selfie_completed_at,
           max(state) FILTER (WHERE kind = 'signature') AS signature_state,
           max(updated_at) FILTER (WHERE kind = 'signature' AND state = 'completed') AS signature_completed_at,
           max(state) FILTER (WHERE kind = 'sanction_screening') AS sanction_screening_state,
           max(updated_at) FILTER (WHERE kind = 'sanction_screening' AND state = 'completed') AS sanction_screening_completed_at
    FROM journey_steps WHERE journey_id = j.id
) s ON true
WHERE j.merchant_id = $1 AND j.created_at >= $2 AND j.created_at < $3
ORDER BY j.created_at DESC, j.id";

/// A journey as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub journey_id: Uuid,
    pub customer_reference: Option<String>,
    pub state: String,
    pub end_reason: Option<String>,
    pub created_at: OffsetDateTime,
    pub opened_at: Option<OffsetDateTime>,
    pub submitted_at: Option<OffsetDateTime>,
    pub ended_at: Option<OffsetDateTime>,
    /// Per step kind: its state (`None` when the journey does not
    /// have the step) and when it was completed.
    /// Kinds follow `kyc_core::StepKind::ALL`.
    pub steps: [(Option<String>, Option<OffsetDateTime>); 6],
}

/// The report's rows as they come from the database, never all in memory.
pub fn journey_rows(
    db: &PgPool,
    merchant_id: Uuid,
    start: OffsetDateTime,
    end: OffsetDateTime,
) -> BoxStream<'_, Result<ReportRow, DbError>> {
    use futures_util::StreamExt;
    sqlx::query(REPORT_SQL)
        .bind(merchant_id)
        .bind(start)
        .bind(end)
        .fetch(db)
        .map(|row| row.map_err(DbError::from).and_then(|row| read(&row)))
        .boxed()
}

fn read(row: &sqlx::postgres::PgRow) -> Result<ReportRow, DbError> {
    // The lateral columns follow the eight journey columns, two per kind in ALL order.
    let mut steps: [(Option<String>, Option<OffsetDateTime>); 6] = Default::default();
    for (i, slot) in steps.iter_mut().enumerate() {
        *slot = (row.try_get(8 + 2 * i)?, row.try_get(9 + 2 * i)?);
    }
    Ok(ReportRow {
        journey_id: row.try_get("id")?,
        customer_reference: row.try_get("external_ref")?,
        state: row.try_get("state")?,
        end_reason: row.try_get("end_reason")?,
        created_at: row.try_get("created_at")?,
        opened_at: row.try_get("opened_at")?,
        submitted_at: row.try_get("submitted_at")?,
        ended_at: row.try_get("ended_at")?,
        steps,
    })
}
