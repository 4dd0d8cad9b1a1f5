//! A reviewer's forms as typed, parsed into the decisions they are (`TryFrom`), with what
//! is wrong with each field otherwise.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{StepDecision, Visibility, MAX_COMMENT, MAX_COMMENT_BODY};
use crate::document::{DocumentEvent, Rejection, RejectionMode, RejectionReason};
use crate::{FieldError, FieldErrors, StepKind};

fn invalid(field: &str, message: &str) -> FieldErrors {
    FieldErrors(vec![FieldError::new(field, message)])
}

/// A comment sent with a decision: trimmed, 1000 characters at most.
fn comment_text(comment: Option<&str>, field: &str) -> Result<String, FieldErrors> {
    let text = comment.unwrap_or_default().trim().to_owned();
    if text.chars().count() > MAX_COMMENT {
        return Err(invalid(field, "is too long (1000 characters at most)"));
    }
    Ok(text)
}

/// A rejection reason from the catalogue.
fn reason(raw: Option<&str>) -> Result<RejectionReason, FieldErrors> {
    raw.and_then(RejectionReason::from_db)
        .ok_or_else(|| invalid("reason", "choose a reason"))
}

/// A reviewer's decision as the form sent it: `decision` is the button pressed (`approve`,
/// `reject` or `send_back`), `reason` a rejection reason from the catalogue, `mode` `retry`
/// or `final`, and `comment` what the customer will read (a document's rejection comment,
/// or the message of a step sent back). Parsed into a document's, a step's or the
/// journey's decision; a field the decision does not use is ignored.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecisionForm<'a> {
    pub decision: &'a str,
    pub reason: Option<&'a str>,
    pub mode: Option<&'a str>,
    pub comment: Option<&'a str>,
}

/// `approve`, or the one other choice `other`, built by `build`.
fn approve_or<T>(
    decision: &str,
    approve: T,
    other: &str,
    build: impl FnOnce() -> Result<T, FieldErrors>,
) -> Result<T, FieldErrors> {
    match decision {
        "approve" => Ok(approve),
        d if d == other => build(),
        _ => Err(invalid("decision", "is not one of the choices")),
    }
}

impl TryFrom<DecisionForm<'_>> for DocumentEvent {
    type Error = FieldErrors;

    /// `approve`, or `reject` with a reason, `retry` or `final`, and a comment.
    fn try_from(form: DecisionForm<'_>) -> Result<Self, FieldErrors> {
        approve_or(form.decision, DocumentEvent::Approve, "reject", || {
            let reason = reason(form.reason)?;
            let mode = form
                .mode
                .and_then(RejectionMode::from_db)
                .ok_or_else(|| invalid("mode", "choose Retry or Final"))?;
            Ok(DocumentEvent::Reject(Rejection {
                reason,
                mode,
                comment: comment_text(form.comment, "comment")?,
            }))
        })
    }
}

impl TryFrom<DecisionForm<'_>> for StepDecision {
    type Error = FieldErrors;

    /// For a step waiting for a reviewer: `approve`, or `send_back` with a message (the
    /// form's `comment`, reported as the field `message` when it is missing).
    fn try_from(form: DecisionForm<'_>) -> Result<Self, FieldErrors> {
        approve_or(form.decision, StepDecision::Approve, "send_back", || {
            let message = comment_text(form.comment, "comment")?;
            if message.is_empty() {
                return Err(invalid("message", "tell the customer what to do"));
            }
            Ok(StepDecision::SendBack { message })
        })
    }
}

/// A decision on the whole journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum JourneyDecision {
    /// Every step is complete: the journey succeeds.
    Approve,
    /// The journey fails, with a reason code kept on the timeline.
    Reject { reason: String },
}

impl TryFrom<DecisionForm<'_>> for JourneyDecision {
    type Error = FieldErrors;

    /// `approve`, or `reject` with a reason from the catalogue.
    fn try_from(form: DecisionForm<'_>) -> Result<Self, FieldErrors> {
        approve_or(form.decision, JourneyDecision::Approve, "reject", || {
            let reason = reason(form.reason)?.as_str().to_owned();
            Ok(JourneyDecision::Reject { reason })
        })
    }
}

/// What a comment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentTarget {
    Document(Uuid),
    Step(StepKind),
}

/// A comment on a document (`target` = `document:<id>`) or a step (`step:<kind>`),
/// `internal` (staff only) or `customer` (shown on the customer's status page).
#[derive(Debug, Clone, Copy, Default)]
pub struct CommentForm<'a> {
    pub target: &'a str,
    pub visibility: &'a str,
    pub body: &'a str,
}

/// A comment ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComment {
    pub target: CommentTarget,
    pub visibility: Visibility,
    /// Trimmed, not empty, 2000 characters at most.
    pub body: String,
}

impl TryFrom<CommentForm<'_>> for NewComment {
    type Error = FieldErrors;

    fn try_from(form: CommentForm<'_>) -> Result<Self, FieldErrors> {
        let target = match form.target.split_once(':') {
            Some(("document", id)) => CommentTarget::Document(
                Uuid::parse_str(id).map_err(|_| invalid("target", "is not a document"))?,
            ),
            Some(("step", kind)) => CommentTarget::Step(
                StepKind::from_db(kind).ok_or_else(|| invalid("target", "is not a step"))?,
            ),
            _ => return Err(invalid("target", "is not a document or a step")),
        };
        let visibility = Visibility::from_db(form.visibility)
            .ok_or_else(|| invalid("visibility", "choose who may read it"))?;
        let body = form.body.trim();
        if body.is_empty() {
            return Err(invalid("body", "write something first"));
        }
        if body.chars().count() > MAX_COMMENT_BODY {
            return Err(invalid("body", "is too long (2000 characters at most)"));
        }
        Ok(NewComment {
            target,
            visibility,
            body: body.to_owned(),
        })
    }
}

/// Who a case goes to: `me`, a staff member's id, or nobody (empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssigneeForm<'a> {
    pub assignee: Option<&'a str>,
    /// The reviewer filling in the form (`me`).
    pub me: Uuid,
}

/// The assignee chosen: `None` unassigns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment(pub Option<Uuid>);

impl TryFrom<AssigneeForm<'_>> for Assignment {
    type Error = FieldErrors;

    fn try_from(form: AssigneeForm<'_>) -> Result<Self, FieldErrors> {
        Ok(Assignment(
            match form.assignee.map(str::trim).filter(|s| !s.is_empty()) {
                Some("me") => Some(form.me),
                Some(raw) => Some(
                    Uuid::parse_str(raw).map_err(|_| invalid("assignee", "is not a reviewer"))?,
                ),
                None => None,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: FieldErrors) -> Vec<String> {
        errors.0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_document_rejection_needs_a_reason_and_a_mode() {
        let form = DecisionForm {
            decision: "reject",
            reason: Some("blurry"),
            mode: Some("retry"),
            comment: Some("  too dark  "),
        };
        assert_eq!(
            DocumentEvent::try_from(form),
            Ok(DocumentEvent::Reject(Rejection {
                reason: RejectionReason::Blurry,
                mode: RejectionMode::Retry,
                comment: "too dark".to_owned(),
            }))
        );
        let no_reason = DecisionForm {
            reason: None,
            ..form
        };
        assert_eq!(
            fields(DocumentEvent::try_from(no_reason).unwrap_err()),
            ["reason"]
        );
        let long = "x".repeat(MAX_COMMENT + 1);
        let too_long = DecisionForm {
            comment: Some(&long),
            ..form
        };
        assert_eq!(
            fields(DocumentEvent::try_from(too_long).unwrap_err()),
            ["comment"]
        );
        let unknown = DecisionForm {
            decision: "maybe",
            ..form
        };
        assert_eq!(
            fields(DocumentEvent::try_from(unknown).unwrap_err()),
            ["decision"]
        );
    }

    #[test]
    fn sending_a_step_back_needs_a_message() {
        let form = |comment| DecisionForm {
            decision: "send_back",
            comment,
            ..DecisionForm::default()
        };
        assert_eq!(
            fields(StepDecision::try_from(form(Some("   "))).unwrap_err()),
            ["message"]
        );
        assert_eq!(
            StepDecision::try_from(form(Some("Sign again"))),
            Ok(StepDecision::SendBack {
                message: "Sign again".to_owned()
            })
        );
    }

    #[test]
    fn a_journey_rejection_needs_a_reason_and_other_choices_are_refused() {
        let form = DecisionForm {
            decision: "reject",
            reason: Some("suspected_tampering"),
            ..DecisionForm::default()
        };
        assert_eq!(
            JourneyDecision::try_from(form),
            Ok(JourneyDecision::Reject {
                reason: "suspected_tampering".to_owned()
            })
        );
        let no_reason = DecisionForm {
            reason: None,
            ..form
        };
        assert_eq!(
            fields(JourneyDecision::try_from(no_reason).unwrap_err()),
            ["reason"]
        );
        // Each decision has its own second choice: a journey is never "sent back".
        let send_back = DecisionForm {
            decision: "send_back",
            ..form
        };
        assert_eq!(
            fields(JourneyDecision::try_from(send_back).unwrap_err()),
            ["decision"]
        );
        assert_eq!(
            fields(StepDecision::try_from(form).unwrap_err()),
            ["decision"]
        );
    }

    #[test]
    fn comments_name_their_target() {
        let id = Uuid::from_u128(7);
        let target = format!("document:{id}");
        let form = CommentForm {
            target: &target,
            visibility: "customer",
            body: " Please retake ",
        };
        let comment = NewComment::try_from(form).unwrap();
        assert_eq!(comment.target, CommentTarget::Document(id));
        assert_eq!(comment.body, "Please retake");
        let step = CommentForm {
            target: "step:selfie",
            ..form
        };
        assert_eq!(
            NewComment::try_from(step).unwrap().target,
            CommentTarget::Step(StepKind::Selfie)
        );
        for bad in ["document:x", "step:nope", "journey"] {
            let form = CommentForm {
                target: bad,
                ..form
            };
            assert_eq!(fields(NewComment::try_from(form).unwrap_err()), ["target"]);
        }
        let empty = CommentForm { body: "  ", ..form };
        assert_eq!(fields(NewComment::try_from(empty).unwrap_err()), ["body"]);
    }

    #[test]
    fn me_is_the_reviewer_and_empty_unassigns() {
        let me = Uuid::from_u128(1);
        let form = |assignee| Assignment::try_from(AssigneeForm { assignee, me });
        assert_eq!(form(Some("me")), Ok(Assignment(Some(me))));
        assert_eq!(form(Some(" ")), Ok(Assignment(None)));
        assert_eq!(form(None), Ok(Assignment(None)));
        assert!(form(Some("someone")).is_err());
    }
}
