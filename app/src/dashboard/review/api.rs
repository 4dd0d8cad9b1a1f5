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
        let (services, actor) = crate::auth::principal::staff_services().await?;
        kyc_service::review::view_case(&services, &actor, journey_id)
            .await
            .map_err(review_error)
    })
    .await
}

/// Assigns the case to a reviewer of the merchant (`me`: oneself; empty: unassign).
#[server(endpoint = "assign_case")]
pub async fn assign_case(journey_id: Uuid, assignee: Option<String>) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        kyc_service::review::assign(&services, &actor, journey_id, assignee.as_deref())
            .await
            .map_err(review_error)
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
    use kyc_core::review::forms::DecisionForm;
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        let form = DecisionForm {
            decision: &decision,
            reason: reason.as_deref(),
            mode: mode.as_deref(),
            comment: comment.as_deref(),
        };
        let decided = kyc_service::review::decide_document(
            &services,
            &actor,
            journey_id,
            document_id,
            version,
            form,
        );
        decided.await.map_err(review_error)
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
    use kyc_core::review::forms::DecisionForm;
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        let form = DecisionForm {
            decision: &decision,
            comment: message.as_deref(),
            ..DecisionForm::default()
        };
        let decided =
            kyc_service::review::decide_step(&services, &actor, journey_id, &step, version, form);
        decided.await.map_err(review_error)
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
    use kyc_core::review::forms::DecisionForm;
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        let form = DecisionForm {
            decision: &decision,
            reason: reason.as_deref(),
            ..DecisionForm::default()
        };
        let decided =
            kyc_service::review::decide_journey(&services, &actor, journey_id, version, form);
        decided.await.map_err(review_error)
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
    use kyc_core::review::forms::CommentForm;
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        let form = CommentForm {
            target: &target,
            visibility: &visibility,
            body: &body,
        };
        kyc_service::review::comment(&services, &actor, journey_id, form).await?;
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
pub(crate) async fn reviewer() -> Result<kyc_core::views::StaffMember, AppError> {
    crate::auth::principal::require_staff(kyc_core::merchant::Permission::Review).await
}

/// A reviewer's version of a use case's error: a case that changed meanwhile, the
/// lifecycles' refusals and a closed ticket in the reviewer's words; the rest as usual.
#[cfg(feature = "ssr")]
pub(crate) fn review_error(error: kyc_service::ServiceError) -> AppError {
    use kyc_core::Refusal;
    use kyc_service::ServiceError as E;
    let conflict = |message: &str| AppError::Conflict(message.to_owned());
    match error {
        E::Stale => conflict("This case changed since you opened it (another decision was made). Reload to see it as it is now."),
        E::Transition(refusal) => match refusal.refusal {
            Refusal::Terminal => conflict("This has already been decided."),
            Refusal::StepsIncomplete => {
                conflict("The journey can be approved only when every step is complete.")
            }
            _ => conflict("That is not possible at this point."),
        },
        E::Refused(kyc_core::Refused::TicketClosed) => conflict("This ticket is closed."),
        other => AppError::from(other),
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn invalid(field: &str, message: &str) -> AppError {
    AppError::Invalid(kyc_core::FieldErrors(vec![kyc_core::FieldError::new(
        field, message,
    )]))
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
        let (services, actor) = crate::auth::principal::staff_services().await?;
        kyc_service::review::reply_ticket(&services, &actor, ticket_id, &message)
            .await
            .map_err(review_error)
    })
    .await
}

/// Closes a ticket.
#[server(endpoint = "close_ticket")]
pub async fn close_ticket(ticket_id: Uuid) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        kyc_service::review::close_ticket(&services, &actor, ticket_id)
            .await
            .map_err(review_error)
    })
    .await
}
