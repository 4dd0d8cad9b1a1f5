//! The KYC report: who may download which days, and the audit entry written before the
//! first byte goes out. The streaming itself is the front door's (HTTP) business.

use kyc_core::access::Permission;
use kyc_core::report::ReportRange;
use uuid::Uuid;

use crate::{Actor, ServiceError, Services};

/// A download the actor may start: their merchant and the days asked for.
#[derive(Debug, Clone, Copy)]
pub struct ReportDownload {
    pub merchant_id: Uuid,
    pub range: ReportRange,
}

/// Authorises a report download for the days `from`..=`to` (`YYYY-MM-DD`) and records it
/// in the audit trail; a download that cannot be recorded does not start.
pub async fn start_download(
    services: &Services,
    actor: &Actor,
    from: &str,
    to: &str,
) -> Result<ReportDownload, ServiceError> {
    let by = actor.authorize(Permission::DownloadReports)?;
    let range = ReportRange::parse(from, to).map_err(ServiceError::Invalid)?;
    let mut detail = serde_json::json!({
        "from": range.from.to_string(),
        "to": range.to.to_string(),
    });
    if let Actor::ApiKey(key) = actor {
        detail["api_key"] = serde_json::json!(key.key_id);
    }
    let mut work = services.begin().await?;
    work.audit(
        actor,
        by,
        "report.downloaded",
        ("journey_report", None),
        detail,
    )
    .await?;
    work.commit().await?;
    tracing::info!(merchant.id = %by.merchant_id, actor = %actor.log_id(), "report downloaded");
    Ok(ReportDownload {
        merchant_id: by.merchant_id,
        range,
    })
}
