//! Server functions for review. Reviewers and admins only (the Review permission); the
//! merchant comes from the session; every decision carries the case version the reviewer
//! saw, so that of two reviewers deciding at once the second is told the case changed.

use kyc_core::review::{QueueItem, ReviewCase};
use leptos::prelude::*;
use uuid::Uuid;

use crate::AppError;

/// Cases waiting for a reviewer, longest waiting first: `all`, `mine` or `unassigned`.
#[server(endpoint = "review_queue")]
pub async fn review_queue(scope: Option<String>) -> Result<Vec<QueueItem>, AppError> {
    use kyc_db::review::QueueScope;
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let scope = match scope.as_deref().unwrap_or("") {
            "" | "all" => QueueScope::All,
            "mine" => QueueScope::Mine,
            "unassigned" => QueueScope::Unassigned,
            _ => return Err(invalid("scope", "is not one of the choices")),
        };
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::review::queue(&db, staff.merchant_id, staff.user_id, scope).await?)
    })
    .await
}

/// One case as the reviewer sees it.
#[server(endpoint = "load_case")]
pub async fn load_case(journey_id: Uuid) -> Result<ReviewCase, AppError> {
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::review::case(&db, staff.merchant_id, journey_id).await?)
    })
    .await
}

/// Assigns the case to a reviewer of the merchant (`me`: oneself; empty: unassign).
#[server(endpoint = "assign_case")]
pub async fn assign_case(journey_id: Uuid, assignee: Option<String>) -> Result<(), AppError> {
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let assignee = match assignee.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some("me") => Some(staff.user_id),
            Some(raw) => {
                Some(Uuid::parse_str(raw).map_err(|_| invalid("assignee", "is not a reviewer"))?)
            }
            None => None,
        };
        let db = crate::context::app_context()?.db;
        let request_id = crate::context::request_id();
        let by = by(&staff, request_id.as_deref());
        kyc_db::review::assign(&db, &by, journey_id, assignee)
            .await
            .map_err(review_error)?;
        Ok(())
    })
    .await
}

/// Approves a submitted document, or rejects it (`reason` from the catalogue, `mode`
/// `retry` or `final`, a comment the customer will read).
#[server(endpoint = "decide_document")]
pub async fn decide_document(
    journey_id: Uuid,
    document_id: Uuid,
    version: i32,
    decision: String,
    reason: Option<String>,
    mode: Option<String>,
    comment: Option<String>,
) -> Result<(), AppError> {
    use kyc_core::document::{DocumentEvent, Rejection, RejectionMode, RejectionReason};
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let event = match decision.as_str() {
            "approve" => DocumentEvent::Approve,
            "reject" => {
                let reason = reason
                    .as_deref()
                    .and_then(RejectionReason::from_db)
                    .ok_or_else(|| invalid("reason", "choose a reason"))?;
                let mode = mode
                    .as_deref()
                    .and_then(RejectionMode::from_db)
                    .ok_or_else(|| invalid("mode", "choose Retry or Final"))?;
                DocumentEvent::Reject(Rejection { reason, mode, comment: comment_text(comment)? })
            }
            _ => return Err(invalid("decision", "is not one of the choices")),
        };
        let db = crate::context::app_context()?.db;
        let request_id = crate::context::request_id();
        let by = by(&staff, request_id.as_deref());
        kyc_db::review::decide_document(&db, &by, journey_id, document_id, event, version)
            .await
            .map_err(review_error)?;
        tracing::info!(journey.id = %journey_id, document.id = %document_id, merchant.id = %staff.merchant_id, decision = %decision, "document decided");
        Ok(())
    })
    .await
}

/// Approves a step waiting for a reviewer, or sends it back with a message.
#[server(endpoint = "decide_step")]
pub async fn decide_step(
    journey_id: Uuid,
    step: String,
    version: i32,
    decision: String,
    message: Option<String>,
) -> Result<(), AppError> {
    use kyc_core::review::StepDecision;
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let kind =
            kyc_core::StepKind::from_db(&step).ok_or_else(|| invalid("step", "is not a step"))?;
        let decision = match decision.as_str() {
            "approve" => StepDecision::Approve,
            "send_back" => {
                let message = comment_text(message)?;
                if message.is_empty() {
                    return Err(invalid("message", "tell the customer what to do"));
                }
                StepDecision::SendBack { message }
            }
            _ => return Err(invalid("decision", "is not one of the choices")),
        };
        let db = crate::context::app_context()?.db;
        let request_id = crate::context::request_id();
        let by = by(&staff, request_id.as_deref());
        kyc_db::review::decide_step(&db, &by, journey_id, kind, decision, version)
            .await
            .map_err(review_error)?;
        Ok(())
    })
    .await
}

/// Approves the journey (only when every step is complete) or rejects it.
#[server(endpoint = "decide_journey")]
pub async fn decide_journey(
    journey_id: Uuid,
    version: i32,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use kyc_db::review::JourneyDecision;
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let decision = match decision.as_str() {
            "approve" => JourneyDecision::Approve,
            "reject" => JourneyDecision::Reject {
                reason: reason
                    .as_deref()
                    .and_then(kyc_core::document::RejectionReason::from_db)
                    .map(|r| r.as_str().to_owned())
                    .ok_or_else(|| invalid("reason", "choose a reason"))?,
            },
            _ => return Err(invalid("decision", "is not one of the choices")),
        };
        let db = crate::context::app_context()?.db;
        let request_id = crate::context::request_id();
        let by = by(&staff, request_id.as_deref());
        kyc_db::review::decide_journey(&db, &by, journey_id, decision, version)
            .await
            .map_err(review_error)?;
        Ok(())
    })
    .await
}

/// Adds a comment to a document (`target` = `document:<id>`) or a step (`step:<kind>`),
/// `internal` (staff only) or `customer` (shown on the customer's status page).
#[server(endpoint = "add_comment")]
pub async fn add_comment(
    journey_id: Uuid,
    target: String,
    visibility: String,
    body: String,
) -> Result<(), AppError> {
    use kyc_core::review::{Visibility, MAX_COMMENT_BODY};
    use kyc_db::review::comments::{self, Target};
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let target = match target.split_once(':') {
            Some(("document", id)) => Target::Document(
                Uuid::parse_str(id).map_err(|_| invalid("target", "is not a document"))?,
            ),
            Some(("step", kind)) => Target::Step(
                kyc_core::StepKind::from_db(kind)
                    .ok_or_else(|| invalid("target", "is not a step"))?,
            ),
            _ => return Err(invalid("target", "is not a document or a step")),
        };
        let visibility = Visibility::from_db(&visibility)
            .ok_or_else(|| invalid("visibility", "choose who may read it"))?;
        let body = body.trim();
        if body.is_empty() {
            return Err(invalid("body", "write something first"));
        }
        if body.chars().count() > MAX_COMMENT_BODY {
            return Err(invalid("body", "is too long (2000 characters at most)"));
        }
        let db = crate::context::app_context()?.db;
        let request_id = crate::context::request_id();
        let by = by(&staff, request_id.as_deref());
        comments::add(&db, &by, journey_id, target, visibility, body).await?;
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) async fn reviewer() -> Result<kyc_core::views::StaffMember, AppError> {
    crate::auth::principal::require_staff(kyc_core::merchant::Permission::Review).await
}

#[cfg(feature = "ssr")]
pub(crate) fn by<'a>(
    staff: &'a kyc_core::views::StaffMember,
    request_id: Option<&'a str>,
) -> kyc_db::review::Reviewer<'a> {
    kyc_db::review::Reviewer {
        merchant_id: staff.merchant_id,
        user_id: staff.user_id,
        role: staff.role.as_str(),
        request_id,
        now: crate::context::now(),
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn invalid(field: &str, message: &str) -> AppError {
    AppError::Invalid(kyc_core::FieldErrors(vec![kyc_core::FieldError::new(
        field, message,
    )]))
}

#[cfg(feature = "ssr")]
fn comment_text(comment: Option<String>) -> Result<String, AppError> {
    let text = comment.unwrap_or_default().trim().to_owned();
    if text.chars().count() > kyc_core::review::MAX_COMMENT {
        return Err(invalid("comment", "is too long (1000 characters at most)"));
    }
    Ok(text)
}

/// A reviewer's version of a storage error.
#[cfg(feature = "ssr")]
pub(crate) fn review_error(error: kyc_db::DbError) -> AppError {
    use kyc_core::Refusal;
    use kyc_db::DbError;
    let conflict = |message: &str| AppError::Conflict(message.to_owned());
    match error {
        DbError::Stale => conflict("This case changed since you opened it (another decision was made). Reload to see it as it is now."),
        DbError::Transition(refusal) => match refusal.refusal {
            Refusal::Terminal => conflict("This has already been decided."),
            Refusal::StepsIncomplete => conflict("The journey can be approved only when every step is complete."),
            _ => conflict("That is not possible at this point."),
        },
        other => AppError::from(other),
    }
}

/// The merchant's support tickets (`open` only unless `all`).
#[server(endpoint = "list_tickets")]
pub async fn list_tickets(
    show: Option<String>,
) -> Result<Vec<kyc_core::tickets::TicketSummary>, AppError> {
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let db = crate::context::app_context()?.db;
        let only_open = show.as_deref() != Some("all");
        Ok(kyc_db::tickets::list(&db, staff.merchant_id, only_open).await?)
    })
    .await
}

/// Answers a ticket; the customer sees it on their status page and is emailed.
#[server(endpoint = "reply_ticket")]
pub async fn reply_ticket(ticket_id: Uuid, message: String) -> Result<(), AppError> {
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let (_, message) =
            kyc_core::tickets::check_text(Some("-"), &message, false).map_err(AppError::Invalid)?;
        let db = crate::context::app_context()?.db;
        let request_id = crate::context::request_id();
        let by = by(&staff, request_id.as_deref());
        kyc_db::tickets::reply(&db, &by, ticket_id, &message)
            .await?;
        Ok(())
    })
    .await
}

/// Closes a ticket.
#[server(endpoint = "close_ticket")]
pub async fn close_ticket(ticket_id: Uuid) -> Result<(), AppError> {
    crate::error::respond(async move {
        let staff = reviewer().await?;
        let db = crate::context::app_context()?.db;
        let request_id = crate::context::request_id();
        let by = by(&staff, request_id.as_deref());
        kyc_db::tickets::close(&db, &by, ticket_id)
            .await?;
        Ok(())
    })
    .await
}

