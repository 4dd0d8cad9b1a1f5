use super::*;
use crate::document::RejectionReason;
use crate::{DocumentType, Step};

fn journey(documents_step: StepState) -> Journey {
    let mut j = Journey::new(
        &[StepKind::Documents, StepKind::Selfie],
        OffsetDateTime::UNIX_EPOCH + time::Duration::days(365),
    );
    j.state = crate::JourneyState::InProgress;
    j.steps[0] = Step {
        state: documents_step,
        ..Step::new(StepKind::Documents)
    };
    j
}

fn waiting_for(by: Party) -> StepState {
    StepState::RequiresAction(RequiredAction {
        by,
        reason_code: "documents_review".into(),
        customer_message: String::new(),
        internal_note: String::new(),
    })
}

fn filed(category: &str, doc_type: DocumentType, state: DocumentState) -> FiledDocument {
    FiledDocument {
        category: category.into(),
        doc_type,
        state,
    }
}

fn rejected(mode: RejectionMode) -> DocumentState {
    DocumentState::Rejected(Rejection {
        reason: RejectionReason::Blurry,
        mode,
        comment: "Too blurry".into(),
    })
}

#[test]
fn approving_the_last_pending_document_completes_the_step_when_every_category_is_met() {
    let j = journey(waiting_for(Party::Reviewer));
    let docs = [
        filed("identity", DocumentType::Passport, DocumentState::Approved),
        filed(
            "address",
            DocumentType::UtilityBill,
            DocumentState::Approved,
        ),
    ];
    let events = after_document_decision(
        &j,
        &DocumentRequirements::default(),
        &DocumentState::Approved,
        &docs,
        false,
    );
    assert_eq!(
        events,
        vec![JourneyEvent::Step {
            kind: StepKind::Documents,
            event: StepEvent::Complete
        }]
    );
    // Still something pending, or a category short: nothing yet.
    assert!(after_document_decision(
        &j,
        &DocumentRequirements::default(),
        &DocumentState::Approved,
        &docs,
        true
    )
    .is_empty());
    assert!(after_document_decision(
        &j,
        &DocumentRequirements::default(),
        &DocumentState::Approved,
        &docs[..1],
        false
    )
    .is_empty());
}

#[test]
fn a_retry_rejection_hands_the_step_back_once_and_a_final_one_rejects_the_journey() {
    let j = journey(waiting_for(Party::Reviewer));
    let events = after_document_decision(
        &j,
        &DocumentRequirements::default(),
        &rejected(RejectionMode::Retry),
        &[],
        true,
    );
    let [JourneyEvent::Step {
        kind: StepKind::Documents,
        event: StepEvent::RequireAction(action),
    }] = events.as_slice()
    else {
        panic!("{events:?}");
    };
    assert_eq!(action.by, Party::Customer);
    assert_eq!(action.reason_code, DOCUMENTS_RESUBMIT);
    // The applied events are valid under the step rules.
    let handed = j
        .apply(events[0].clone(), OffsetDateTime::UNIX_EPOCH)
        .unwrap();
    assert!(after_document_decision(
        &handed,
        &DocumentRequirements::default(),
        &rejected(RejectionMode::Retry),
        &[],
        false
    )
    .is_empty());
    assert_eq!(
        after_document_decision(
            &j,
            &DocumentRequirements::default(),
            &rejected(RejectionMode::Final),
            &[],
            true
        ),
        vec![JourneyEvent::Reject]
    );
}

#[test]
fn a_step_sent_back_carries_the_reviewers_message_for_the_customer() {
    let event = StepDecision::SendBack {
        message: "Please remove your glasses.".into(),
    }
    .event();
    let StepEvent::RequireAction(action) = event else {
        panic!()
    };
    assert_eq!(action.by, Party::Customer);
    assert_eq!(action.customer_message, "Please remove your glasses.");
    assert!(action.internal_note.is_empty());
    assert_eq!(StepDecision::Approve.event(), StepEvent::Complete);
}
