//! Decisions on documents, steps and whole journeys.

use kyc_core::document::{DocumentEvent, FiledDocument, RejectionMode};
use kyc_core::email::{self, EmailContent};
use kyc_core::review::{after_document_decision, StepDecision};
use kyc_core::{ActorKind, DocumentRequirements, DocumentState, Journey, JourneyEvent};
use kyc_core::{Party, StepKind, StepState};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::Reviewer;
use crate::journeys::invitation::Recipient;
use crate::journeys::prepared::load_documents;
use crate::journeys::transition::{self, Actor, Change};
use crate::{outbox, DbError};

pub use kyc_core::review::forms::JourneyDecision;

/// A case opened for one decision: its journey under its row lock in the caller's
/// transaction, at the version the reviewer saw and not ended. Each decision consumes it.
pub struct Case<'t, 'c> {
    tx: &'t mut crate::Tx<'c>,
    by: &'t Reviewer<'t>,
    journey_id: Uuid,
    journey: Journey,
}

/// Opens the case `journey_id` for a decision by `by`: [`DbError::Stale`] when it changed
/// since the reviewer saw it at `expected_version`, refused when it has ended.
pub async fn open_case<'t, 'c>(
    tx: &'t mut crate::Tx<'c>,
    by: &'t Reviewer<'t>,
    journey_id: Uuid,
    expected_version: i32,
) -> Result<Case<'t, 'c>, DbError> {
    let (journey, version) = transition::load_locked(tx, by.merchant_id, journey_id).await?;
    if version != expected_version {
        return Err(DbError::Stale);
    }
    if journey.state.is_terminal() {
        return Err(DbError::Refused(
            kyc_core::rules::ReviewRule::CaseClosed.into(),
        ));
    }
    Ok(Case {
        tx,
        by,
        journey_id,
        journey,
    })
}

impl<'t, 'c> Case<'t, 'c> {
    fn into_parts(self) -> (&'t mut crate::Tx<'c>, &'t Reviewer<'t>, Uuid, Journey) {
        (self.tx, self.by, self.journey_id, self.journey)
    }

    /// Decides on one submitted document. What follows (the documents step completing or
    /// going back to the customer, the journey being rejected) happens in the same
    /// transaction.
    pub async fn decide_document(
        self,
        document_id: Uuid,
        decision: DocumentEvent,
    ) -> Result<(), DbError> {
        let (tx, by, journey_id, journey) = self.into_parts();
        let mut documents = load_documents(&mut *tx, journey_id).await?;
        let document = documents
            .iter_mut()
            .find(|d| d.id == document_id && d.submitted_at.is_some())
            .ok_or(DbError::NotFound)?;
        let before = document.state.clone();
        let after = before.apply(decision)?;
        document.state = after.clone();
        let doc_type = document.doc_type;
        let rejection = match &after {
            DocumentState::Rejected(r) => Some(r.clone()),
            _ => None,
        };
        sqlx::query!(
        "UPDATE documents SET state = $3, rejection_reason = $4, rejection_mode = $5, review_comment = $6,
             decided_at = $7, decided_by = $8
         WHERE journey_id = $1 AND id = $2",
        journey_id,
        document_id,
        after.as_str(),
        rejection.as_ref().map(|r| r.reason.as_str()),
        rejection.as_ref().map(|r| r.mode.as_str()),
        rejection.as_ref().map(|r| r.comment.as_str()),
        by.now,
        by.user_id,
    )
    .execute(&mut **tx)
    .await?;
        let reason = rejection.as_ref().map(|r| r.reason.as_str());
        let actor = actor(by);
        let change = Change::document(document_id, Some(before.as_str()), after.as_str());
        transition::record(
            &mut *tx,
            by.merchant_id,
            journey_id,
            change,
            &actor,
            reason,
            by.now,
        )
        .await?;

        let submitted: Vec<&kyc_core::views::CustomerDocument> = documents
            .iter()
            .filter(|d| d.submitted_at.is_some())
            .collect();
        let filed: Vec<FiledDocument> = submitted
            .iter()
            .map(|d| FiledDocument {
                category: d.category.clone(),
                doc_type: d.doc_type,
                state: d.state.clone(),
            })
            .collect();
        let any_pending = submitted.iter().any(|d| d.state == DocumentState::Pending);
        let events = after_document_decision(
            &journey,
            &DocumentRequirements::default(),
            &after,
            &filed,
            any_pending,
        );
        let final_rejection = rejection
            .as_ref()
            .is_some_and(|r| r.mode == RejectionMode::Final);
        let journey_reason = final_rejection.then_some("document_rejected");
        apply_all(&mut *tx, by, journey_id, journey, events, journey_reason).await?;

        let detail = match &rejection {
            Some(r) => serde_json::json!({ "reason": r.reason.as_str(), "mode": r.mode.as_str() }),
            None => serde_json::json!({}),
        };
        let action = if rejection.is_some() {
            "document.rejected"
        } else {
            "document.approved"
        };
        by.record(
            tx,
            journey_id,
            action,
            ("document", Some(document_id)),
            detail,
        )
        .await?;
        match &rejection {
            Some(r) if r.mode == RejectionMode::Retry => {
                queue_email(&mut *tx, by, journey_id, "documents_sent_back", |to| {
                    let lang = to.lang();
                    let reason = kyc_core::names::rejection_reason(lang, r.reason);
                    let why = if r.comment.trim().is_empty() {
                        reason
                    } else {
                        format!("{reason} — {}", r.comment.trim())
                    };
                    let items = [(kyc_core::names::document_type_name(lang, doc_type), why)];
                    email::documents_sent_back(lang, &to.brand(), &to.full_name, &items)
                })
                .await?;
            }
            Some(_) => {
                queue_email(&mut *tx, by, journey_id, "journey_rejected", |to| {
                    email::journey_rejected(to.lang(), &to.brand(), &to.full_name)
                })
                .await?;
            }
            None => {}
        }
        Ok(())
    }

    /// Decides on a step waiting for a reviewer (any but the documents step, which follows its
    /// documents): approve it, or send it back to the customer with a message.
    pub async fn decide_step(self, kind: StepKind, decision: StepDecision) -> Result<(), DbError> {
        let (tx, by, journey_id, journey) = self.into_parts();
        if kind == StepKind::Documents {
            return Err(DbError::Refused(
                kyc_core::rules::ReviewRule::DecideEachDocument.into(),
            ));
        }
        if kind == StepKind::SanctionScreening {
            return Err(DbError::Refused(
                kyc_core::rules::ReviewRule::ResolveScreening.into(),
            ));
        }
        let waits = journey.step(kind).is_some_and(
            |s| matches!(&s.state, StepState::RequiresAction(a) if a.by == Party::Reviewer),
        );
        if !waits {
            return Err(DbError::Refused(
                kyc_core::rules::ReviewRule::StepNotWaitingForReview.into(),
            ));
        }
        let event = JourneyEvent::Step {
            kind,
            event: decision.event(),
        };
        apply_all(&mut *tx, by, journey_id, journey, vec![event], None).await?;
        let action = match &decision {
            StepDecision::Approve => "step.approved",
            StepDecision::SendBack { .. } => "step.sent_back",
        };
        let detail = serde_json::json!({ "step": kind.as_str() });
        by.record(tx, journey_id, action, ("step", None), detail)
            .await?;
        if let StepDecision::SendBack { message } = &decision {
            queue_email(&mut *tx, by, journey_id, "step_sent_back", |to| {
                email::step_sent_back(to.lang(), &to.brand(), &to.full_name, kind, message)
            })
            .await?;
        }
        Ok(())
    }

    /// Approves (only when the core rules allow Completed) or rejects the whole journey.
    pub async fn decide_journey(self, decision: JourneyDecision) -> Result<(), DbError> {
        let (tx, by, journey_id, journey) = self.into_parts();
        let (event, reason, action, kind) = match &decision {
            JourneyDecision::Approve => (
                JourneyEvent::Complete,
                None,
                "journey.approved",
                "journey_completed",
            ),
            JourneyDecision::Reject { reason } => (
                JourneyEvent::Reject,
                Some(reason.as_str()),
                "journey.rejected",
                "journey_rejected",
            ),
        };
        apply_all(&mut *tx, by, journey_id, journey, vec![event], reason).await?;
        let detail = serde_json::json!({ "reason": reason });
        by.record(
            tx,
            journey_id,
            action,
            ("journey", Some(journey_id)),
            detail,
        )
        .await?;
        queue_email(&mut *tx, by, journey_id, kind, |to| match decision {
            JourneyDecision::Approve => {
                email::journey_completed(to.lang(), &to.brand(), &to.full_name)
            }
            JourneyDecision::Reject { .. } => {
                email::journey_rejected(to.lang(), &to.brand(), &to.full_name)
            }
        })
        .await?;
        Ok(())
    }
}

/// Applies `events` in order through the core rules; with none, still moves the journey's
/// version on, so that every decision makes an older view of the case stale.
async fn apply_all(
    tx: &mut Transaction<'_, Postgres>,
    by: &Reviewer<'_>,
    journey_id: Uuid,
    mut journey: Journey,
    events: Vec<JourneyEvent>,
    reason: Option<&str>,
) -> Result<(), DbError> {
    let actor = actor(by);
    if events.is_empty() {
        sqlx::query!(
            "UPDATE journeys SET version = version + 1 WHERE merchant_id = $1 AND id = $2",
            by.merchant_id,
            journey_id
        )
        .execute(&mut **tx)
        .await?;
    }
    for event in events {
        let (next, _) = transition::apply_to(
            tx,
            by.merchant_id,
            journey_id,
            &journey,
            event,
            &actor,
            reason,
            by.now,
        )
        .await?;
        journey = next;
    }
    Ok(())
}

fn actor(by: &Reviewer<'_>) -> Actor {
    Actor {
        kind: ActorKind::Reviewer,
        id: Some(by.user_id),
    }
}

async fn queue_email(
    tx: &mut Transaction<'_, Postgres>,
    by: &Reviewer<'_>,
    journey_id: Uuid,
    kind: &'static str,
    content: impl FnOnce(&Recipient) -> EmailContent,
) -> Result<(), DbError> {
    let to = Recipient::of(tx, by.merchant_id, journey_id).await?;
    let content = content(&to);
    let message = outbox::NewEmail {
        id: Uuid::new_v4(),
        merchant_id: by.merchant_id,
        journey_id: Some(journey_id),
        kind,
        recipient: &to.email,
        content: &content,
        sealed_link: None,
    };
    outbox::enqueue(tx, &message, by.now).await
}
