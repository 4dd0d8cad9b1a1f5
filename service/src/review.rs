//! The reviewer's use cases: viewing a case (audited), assigning it, deciding documents,
//! steps and journeys, commenting, resolving a screening's possible match and answering
//! tickets. Each needs the Review permission, parses its form into core types, and runs in
//! one transaction at its time: the journey's events, the customer's email and the audit
//! entry are written there (by `kyc_db::review` under the journey's row lock) or not at all.

use kyc_core::access::Permission;
use kyc_core::document::DocumentEvent;
use kyc_core::review::forms::{
    AssigneeForm, Assignment, CommentForm, DecisionForm, JourneyDecision, NewComment,
};
use kyc_core::review::{ReviewCase, StepDecision};
use kyc_core::screening::record::Resolution;
use kyc_core::{FieldError, FieldErrors, StepKind};
use uuid::Uuid;

use crate::{Actor, ServiceError, Services};

fn invalid(field: &str, message: &str) -> ServiceError {
    ServiceError::Invalid(FieldErrors(vec![FieldError::new(field, message)]))
}

/// Assigns the case (`me`, a reviewer's id, or nobody to unassign). A staff member who is
/// not an active reviewer of the merchant is refused.
pub async fn assign(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
    assignee: Option<&str>,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let form = AssigneeForm {
        assignee,
        me: by.user_id,
    };
    let Assignment(assignee) = Assignment::try_from(form).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    let reviewer = actor.reviewer(by, work.now, &work.audit_key);
    kyc_db::review::assign(&mut work.tx, &reviewer, journey_id, assignee).await?;
    work.commit().await
}

/// The case as the reviewer sees it. Every view is recorded on the journey's audit chain,
/// as a file view is; another merchant's journey is not found and leaves no entry.
pub async fn view_case(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
) -> Result<ReviewCase, ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let case = kyc_db::review::case(&services.db, by.merchant_id, journey_id).await?;
    let mut work = services.begin().await?;
    actor
        .reviewer(by, work.now, &work.audit_key)
        .record(
            &mut work.tx,
            journey_id,
            "case.viewed",
            ("journey", Some(journey_id)),
            serde_json::json!({}),
        )
        .await?;
    work.commit().await?;
    Ok(case)
}

/// Approves or rejects one submitted document of the case the reviewer saw at `version`.
pub async fn decide_document(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
    document_id: Uuid,
    version: i32,
    form: DecisionForm<'_>,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let event = DocumentEvent::try_from(form).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    let reviewer = actor.reviewer(by, work.now, &work.audit_key);
    let case = kyc_db::review::open_case(&mut work.tx, &reviewer, journey_id, version).await?;
    case.decide_document(document_id, event).await?;
    work.commit().await?;
    tracing::info!(journey.id = %journey_id, document.id = %document_id, merchant.id = %by.merchant_id, decision = %form.decision, "document decided");
    Ok(())
}

/// Approves a step waiting for a reviewer, or sends it back with a message.
pub async fn decide_step(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
    step: &str,
    version: i32,
    form: DecisionForm<'_>,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let kind = StepKind::from_db(step).ok_or_else(|| invalid("step", "is not a step"))?;
    let decision = StepDecision::try_from(form).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    let reviewer = actor.reviewer(by, work.now, &work.audit_key);
    let case = kyc_db::review::open_case(&mut work.tx, &reviewer, journey_id, version).await?;
    case.decide_step(kind, decision).await?;
    work.commit().await
}

/// Approves the journey (only when every step is complete) or rejects it.
pub async fn decide_journey(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
    version: i32,
    form: DecisionForm<'_>,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let decision = JourneyDecision::try_from(form).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    let reviewer = actor.reviewer(by, work.now, &work.audit_key);
    let case = kyc_db::review::open_case(&mut work.tx, &reviewer, journey_id, version).await?;
    case.decide_journey(decision).await?;
    work.commit().await
}

/// Adds a comment to a document or a step of the case; audited without its text.
pub async fn comment(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
    form: CommentForm<'_>,
) -> Result<Uuid, ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let comment = NewComment::try_from(form).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    let reviewer = actor.reviewer(by, work.now, &work.audit_key);
    let id = kyc_db::review::comments::add(&mut work.tx, &reviewer, journey_id, &comment).await?;
    work.commit().await?;
    Ok(id)
}

/// Resolves a possible match: `false_positive` (the screening step completes) or
/// `true_match` (the step fails and the journey is rejected; a completed journey's
/// re-screening alert is recorded as confirmed).
pub async fn resolve_screening(
    services: &Services,
    actor: &Actor,
    result_id: Uuid,
    version: i32,
    resolution: &str,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let resolution = Resolution::parse(resolution)
        .ok_or_else(|| invalid("resolution", "choose false positive or true match"))?;
    let mut work = services.begin().await?;
    let reviewer = actor.reviewer(by, work.now, &work.audit_key);
    kyc_db::screening::resolve(&mut work.tx, &reviewer, result_id, resolution, version).await?;
    work.commit().await?;
    tracing::info!(screening.id = %result_id, merchant.id = %by.merchant_id, "screening resolved");
    Ok(())
}

/// Answers a ticket of the merchant; the customer sees it on their status page and is
/// emailed.
pub async fn reply_ticket(
    services: &Services,
    actor: &Actor,
    ticket_id: Uuid,
    message: &str,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let (_, message) =
        kyc_core::tickets::check_text(Some("-"), message, false).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    let reviewer = actor.reviewer(by, work.now, &work.audit_key);
    kyc_db::tickets::reply(&mut work.tx, &reviewer, ticket_id, &message).await?;
    work.commit().await
}

/// Closes a ticket of the merchant.
pub async fn close_ticket(
    services: &Services,
    actor: &Actor,
    ticket_id: Uuid,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let mut work = services.begin().await?;
    let reviewer = actor.reviewer(by, work.now, &work.audit_key);
    kyc_db::tickets::close(&mut work.tx, &reviewer, ticket_id).await?;
    work.commit().await
}

/// A stored file of one of the merchant's journeys, found for a reviewer but not yet shown.
#[derive(Debug)]
pub struct FileForReview {
    pub journey_id: Uuid,
    pub object_id: Uuid,
    pub object: kyc_db::objects::AttachedObject,
    by: crate::Authorized,
}

/// Finds a file of the actor's merchant for review; `NotFound` for anything else.
pub async fn open_file(
    services: &Services,
    actor: &Actor,
    object_id: Uuid,
) -> Result<FileForReview, ServiceError> {
    let by = actor.authorize(Permission::Review)?;
    let (journey_id, object) =
        kyc_db::objects::attached_in_merchant(&services.db, by.merchant_id, object_id).await?;
    Ok(FileForReview {
        journey_id,
        object_id,
        object,
        by,
    })
}

/// Records on the journey's audit chain that the actor viewed the file: called once its
/// bytes are ready and before they are sent, so that every look is on the record.
pub async fn record_view(
    services: &Services,
    actor: &Actor,
    file: &FileForReview,
) -> Result<(), ServiceError> {
    let mut work = services.begin().await?;
    actor
        .reviewer(file.by, work.now, &work.audit_key)
        .record(
            &mut work.tx,
            file.journey_id,
            "document.viewed",
            ("file", Some(file.object_id)),
            serde_json::json!({}),
        )
        .await?;
    work.commit().await
}
