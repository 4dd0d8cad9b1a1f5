use super::*;

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
        comment: String::new(),
    })
}

#[test]
fn submission_needs_a_document_in_every_default_category() {
    let rules = DocumentRequirements::default();
    let only_identity = [filed("identity", DocumentType::Pan, DocumentState::Pending)];
    let unmet = rules.check_submission(&only_identity).unwrap_err();
    assert_eq!(unmet.len(), 1);
    assert_eq!(
        (unmet[0].code.as_str(), unmet[0].have, unmet[0].need),
        ("address", 0, 1)
    );

    let both = [
        filed("identity", DocumentType::Pan, DocumentState::Pending),
        filed("address", DocumentType::UtilityBill, DocumentState::Pending),
    ];
    assert_eq!(rules.check_submission(&both), Ok(()));
}

#[test]
fn a_document_of_a_type_the_category_does_not_accept_does_not_count() {
    let rules = DocumentRequirements::default();
    let docs = [
        filed(
            "identity",
            DocumentType::UtilityBill,
            DocumentState::Pending,
        ),
        filed(
            "address",
            DocumentType::BankStatement,
            DocumentState::Pending,
        ),
    ];
    let unmet = rules.check_submission(&docs).unwrap_err();
    assert_eq!(unmet[0].code, "identity");
    assert!(!rules.accepts("identity", DocumentType::UtilityBill));
    assert!(rules.accepts("address", DocumentType::Passport));
}

#[test]
fn rejected_documents_do_not_count_towards_submission() {
    let rules = DocumentRequirements::default();
    let docs = [
        filed(
            "identity",
            DocumentType::Passport,
            rejected(RejectionMode::Retry),
        ),
        filed("address", DocumentType::Passport, DocumentState::Pending),
    ];
    assert_eq!(
        rules.check_submission(&docs).unwrap_err()[0].code,
        "identity"
    );
}

#[test]
fn a_category_with_a_higher_minimum_needs_that_many_documents() {
    let mut rules = DocumentRequirements::default();
    rules.categories[1].minimum = 2;
    let mut docs = vec![
        filed("identity", DocumentType::Pan, DocumentState::Pending),
        filed("address", DocumentType::UtilityBill, DocumentState::Pending),
    ];
    assert_eq!(rules.check_submission(&docs).unwrap_err()[0].have, 1);
    docs.push(filed(
        "address",
        DocumentType::BankStatement,
        DocumentState::Pending,
    ));
    assert_eq!(rules.check_submission(&docs), Ok(()));
}

#[test]
fn the_step_completes_only_when_every_category_has_approved_documents() {
    let rules = DocumentRequirements::default();
    let mut docs = vec![
        filed("identity", DocumentType::Pan, DocumentState::Approved),
        filed("address", DocumentType::UtilityBill, DocumentState::Pending),
    ];
    assert!(!rules.is_satisfied_by_approved(&docs));
    docs[1].state = DocumentState::Approved;
    assert!(rules.is_satisfied_by_approved(&docs));
}

#[test]
fn a_pending_document_can_be_approved_or_rejected_and_then_never_changes() {
    let approved = DocumentState::Pending
        .apply(DocumentEvent::Approve)
        .unwrap();
    assert_eq!(approved, DocumentState::Approved);
    let rejection = Rejection {
        reason: RejectionReason::Expired,
        mode: RejectionMode::Final,
        comment: "expired 2019".into(),
    };
    let rejected = DocumentState::Pending
        .apply(DocumentEvent::Reject(rejection.clone()))
        .unwrap();
    assert_eq!(rejected, DocumentState::Rejected(rejection.clone()));
    for decided in [approved, rejected] {
        assert!(decided.apply(DocumentEvent::Approve).is_err());
        assert!(decided
            .apply(DocumentEvent::Reject(rejection.clone()))
            .is_err());
    }
}
