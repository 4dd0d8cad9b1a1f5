use super::*;

fn form(name: &str, number: &str, again: &str, ifsc: &str) -> BankForm {
    BankForm {
        holder_name: name.into(),
        account_number: number.into(),
        account_number_again: again.into(),
        ifsc: ifsc.into(),
    }
}

#[test]
fn the_bank_form_reports_every_field_at_once() {
    let details = form(
        " Asha  Rao ",
        "0262 9180 0001 191",
        "026291800001191",
        "hdfc0001234",
    )
    .parse()
    .expect("valid");
    assert_eq!(details.holder_name, "Asha Rao");
    assert_eq!(details.account.last4(), "1191");
    assert_eq!(details.ifsc.as_str(), "HDFC0001234");

    let errors = form("", "12345", "12345", "HDFC1234").parse().unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["holder_name", "account_number", "ifsc"]);
    let errors = form(
        "Asha Rao",
        "026291800001191",
        "026291800001192",
        "HDFC0001234",
    )
    .parse()
    .unwrap_err();
    assert_eq!(errors[0].field, "account_number_again");
}

#[test]
fn the_bank_answer_moves_the_step_by_band() {
    let bands = NameBands::default();
    let outcome =
        |at_bank: &str| bank_account_valid(&NameComparison::of("Asha Rao", at_bank, bands));
    assert_eq!(outcome("ASHA RAO"), CheckOutcome::Passed);
    assert_eq!(outcome("ASHA RAO").event(), StepEvent::Complete);
    let review = outcome("ASHA R");
    assert_eq!(review.code(), "bank_name_review");
    assert!(
        matches!(review.event(), StepEvent::RequireAction(a) if a.by == Party::Reviewer && a.internal_note.contains("/100, review"))
    );
    assert_eq!(outcome("VIKRAM SINGH").event(), StepEvent::Fail);
    // A merchant's stricter bands send a full match with a title to review.
    let strict = NameBands {
        pass_from: 100,
        fail_to: 10,
    };
    let titled = NameComparison::of("Asha Rao", "MRS ASHA RAO", strict);
    assert!(titled.score < 100 || titled.band == NameBand::Pass);
}

#[test]
fn aadhaar_passes_only_when_name_birth_date_and_bank_name_agree() {
    let bands = NameBands::default();
    let name = NameComparison::of("Asha Rao", "Asha Rao", bands);
    let all_good = AadhaarComparison {
        name: name.clone(),
        dob_matches: true,
        bank_name: Some(NameComparison::of("Asha Rao", "ASHA RAO", bands)),
    };
    assert_eq!(all_good.outcome(), CheckOutcome::Passed);

    let dob = AadhaarComparison {
        dob_matches: false,
        ..all_good.clone()
    };
    let CheckOutcome::ToReview { reason_code, note } = dob.outcome() else {
        panic!("a birth date mismatch is for a reviewer");
    };
    assert_eq!(reason_code, "aadhaar_details_mismatch");
    assert!(note.contains("date of birth"), "{note}");

    let bank = AadhaarComparison {
        bank_name: Some(NameComparison::of("Asha Rao", "VIKRAM SINGH", bands)),
        ..all_good.clone()
    };
    assert!(
        matches!(bank.outcome(), CheckOutcome::ToReview { note, .. } if note.contains("name at bank"))
    );
    // Even a clear name mismatch is a reviewer's call: the record itself is genuine.
    let other = AadhaarComparison {
        name: NameComparison::of("Asha Rao", "Vikram Singh", bands),
        ..all_good
    };
    assert!(matches!(
        other.outcome().event(),
        StepEvent::RequireAction(_)
    ));
}
