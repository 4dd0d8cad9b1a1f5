use time::macros::datetime;

use super::*;
use crate::document::DocumentSide::{Back, Front, Whole};

fn journey(kinds: &[StepKind]) -> Journey {
    let mut journey = Journey::new(kinds, datetime!(2026-12-01 0:00 UTC));
    journey.state = crate::JourneyState::InProgress;
    journey
}

fn draft(category: &str, doc_type: DocumentType, sides: &[DocumentSide]) -> PreparedDocument {
    PreparedDocument {
        category: category.to_owned(),
        doc_type,
        state: DocumentState::Pending,
        sides: sides.to_vec(),
        submitted: false,
    }
}

fn ready_documents() -> Vec<PreparedDocument> {
    vec![
        draft("identity", DocumentType::Passport, &[Front]),
        draft("address", DocumentType::UtilityBill, &[Whole]),
    ]
}

fn prepared(documents: Vec<PreparedDocument>, captures: &[StepKind]) -> Prepared {
    Prepared {
        consented: true,
        documents,
        captures: captures.to_vec(),
        checks_waiting: Vec::new(),
        submitted: false,
    }
}

#[test]
fn a_card_needs_both_sides_as_photos_or_one_pdf() {
    assert!(!DocumentType::Aadhaar.is_complete_with(&[Front]));
    assert!(DocumentType::Aadhaar.is_complete_with(&[Front, Back]));
    assert!(DocumentType::Aadhaar.is_complete_with(&[Whole]));
    assert!(DocumentType::Passport.is_complete_with(&[Front]));
    assert!(!DocumentType::Passport.is_complete_with(&[Back]));
    assert!(!DocumentType::Passport.is_complete_with(&[]));
}

#[test]
fn a_pdf_is_never_mixed_with_photos_and_no_side_is_filed_twice() {
    assert!(!DocumentType::Aadhaar.accepts_side(&[Front], Whole));
    assert!(!DocumentType::Aadhaar.accepts_side(&[Whole], Back));
    assert!(!DocumentType::Aadhaar.accepts_side(&[Front], Front));
    assert!(DocumentType::Aadhaar.accepts_side(&[Front], Back));
    assert!(DocumentType::Aadhaar.accepts_side(&[], Whole));
}

#[test]
fn submission_hands_documents_and_selfie_to_review_and_completes_the_signature() {
    let journey = journey(&[StepKind::Documents, StepKind::Selfie, StepKind::Signature]);
    let events = plan(
        &journey,
        &DocumentRequirements::default(),
        &prepared(ready_documents(), &[StepKind::Selfie, StepKind::Signature]),
    )
    .unwrap();
    let mut after = journey.clone();
    for event in events {
        after = after.apply(event, datetime!(2026-11-22 0:00 UTC)).unwrap();
    }
    let states: Vec<&str> = after.steps.iter().map(|s| s.state.as_str()).collect();
    assert_eq!(states, ["requires_action", "requires_action", "completed"]);
    assert!(!after.customer_action_pending());
}

#[test]
fn submission_lists_everything_missing_at_once() {
    let journey = journey(&[StepKind::Documents, StepKind::Selfie, StepKind::Signature]);
    let mut prepared = prepared(
        vec![draft("identity", DocumentType::Aadhaar, &[Front])],
        &[StepKind::Signature],
    );
    prepared.consented = false;
    let missing = plan(&journey, &DocumentRequirements::default(), &prepared).unwrap_err();
    assert!(missing.contains(&Missing::Consent));
    assert!(missing.contains(&Missing::IncompleteDocument {
        doc_type: DocumentType::Aadhaar,
        side: Back
    }));
    assert!(missing
        .iter()
        .any(|m| matches!(m, Missing::Documents(u) if u.code == "identity")));
    assert!(missing
        .iter()
        .any(|m| matches!(m, Missing::Documents(u) if u.code == "address")));
    assert!(missing.contains(&Missing::Capture(StepKind::Selfie)));
    assert!(!missing.contains(&Missing::Capture(StepKind::Signature)));
}

#[test]
fn a_document_rejected_for_retry_must_be_replaced_before_resubmitting() {
    let mut journey = journey(&[StepKind::Documents]);
    journey.steps[0].state = StepState::RequiresAction(RequiredAction {
        by: Party::Customer,
        reason_code: "document_rejected".into(),
        customer_message: "Please upload a clearer photo".into(),
        internal_note: String::new(),
    });
    let rejected = PreparedDocument {
        state: DocumentState::Rejected(crate::document::Rejection {
            reason: crate::document::RejectionReason::Blurry,
            mode: crate::document::RejectionMode::Retry,
            comment: String::new(),
        }),
        submitted: true,
        ..draft("identity", DocumentType::Passport, &[Front])
    };
    let mut address = draft("address", DocumentType::UtilityBill, &[Whole]);
    address.submitted = true;
    let mut docs = vec![rejected.clone(), address];
    let requirements = DocumentRequirements::default();
    assert!(plan(&journey, &requirements, &prepared(docs.clone(), &[])).is_err());
    docs.push(draft("identity", DocumentType::Pan, &[Front]));
    let events = plan(&journey, &requirements, &prepared(docs, &[])).unwrap();
    assert_eq!(
        events[0],
        JourneyEvent::Step {
            kind: StepKind::Documents,
            event: StepEvent::Resubmit
        }
    );
}

#[test]
fn nothing_can_be_submitted_twice() {
    let mut journey = journey(&[StepKind::Signature]);
    journey.steps[0].state = StepState::Completed;
    let mut again = prepared(vec![], &[StepKind::Signature]);
    again.submitted = true;
    let missing = plan(&journey, &DocumentRequirements::default(), &again).unwrap_err();
    assert_eq!(missing, vec![Missing::NothingToSubmit]);
}

#[test]
fn checks_that_finished_before_submission_are_submitted_once_with_no_step_change() {
    let mut journey = journey(&[StepKind::BankAccount, StepKind::SanctionScreening]);
    journey.steps[0].state = StepState::Completed;
    let first = prepared(vec![], &[]);
    assert_eq!(
        plan(&journey, &DocumentRequirements::default(), &first),
        Ok(Vec::new())
    );
    let again = Prepared {
        submitted: true,
        ..first
    };
    assert_eq!(
        plan(&journey, &DocumentRequirements::default(), &again),
        Err(vec![Missing::NothingToSubmit])
    );
}

#[test]
fn the_customer_may_not_change_a_step_under_review() {
    let mut step = Step::new(StepKind::Documents);
    assert_eq!(begin_work(&step), Ok(Some(StepEvent::Start)));
    step.state = StepState::RequiresAction(RequiredAction {
        by: Party::Reviewer,
        reason_code: "documents_review".into(),
        customer_message: String::new(),
        internal_note: String::new(),
    });
    assert_eq!(begin_work(&step), Err(Refusal::NotAllowed));
}

#[test]
fn screening_does_not_keep_a_submitted_journey_waiting_for_the_customer() {
    let journey = journey(&[StepKind::Signature, StepKind::SanctionScreening]);
    let events = plan(
        &journey,
        &DocumentRequirements::default(),
        &prepared(vec![], &[StepKind::Signature]),
    )
    .unwrap();
    let mut after = journey.clone();
    for event in events {
        after = after.apply(event, datetime!(2026-11-22 0:00 UTC)).unwrap();
    }
    assert!(!after.customer_action_pending());
}

#[test]
fn a_selfie_handed_back_must_be_taken_again_before_resubmitting() {
    let mut journey = journey(&[StepKind::Selfie]);
    journey.steps[0].state = StepState::RequiresAction(RequiredAction {
        by: Party::Customer,
        reason_code: "selfie_unclear".into(),
        customer_message: "Please retake your selfie".into(),
        internal_note: String::new(),
    });
    let capture = |submitted| crate::views::CustomerCapture {
        kind: StepKind::Selfie,
        object_id: uuid::Uuid::nil(),
        captured_at: datetime!(2026-11-22 0:00 UTC),
        submitted,
    };
    let requirements = DocumentRequirements::default();
    let old = crate::views::CustomerJourney::prepared_from(
        true,
        true,
        &[],
        &[capture(true)],
        &[],
        &journey.steps,
    );
    assert_eq!(
        plan(&journey, &requirements, &old).unwrap_err(),
        vec![Missing::Capture(StepKind::Selfie)]
    );
    let retaken = crate::views::CustomerJourney::prepared_from(
        true,
        true,
        &[],
        &[capture(false)],
        &[],
        &journey.steps,
    );
    assert!(plan(&journey, &requirements, &retaken).is_ok());
}
