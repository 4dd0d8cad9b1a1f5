//! The bank outcome rule: what a penny drop's answer comes to for the step, with the name
//! at the bank compared to what the customer typed and to their verified Aadhaar.

use super::{bank_account_valid, CheckOutcome, LabelledComparison, NameComparison};
use crate::bank::{NameBand, NameBands};

/// Where a bank's answer stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankStatus {
    Valid,
    /// Invalid, closed, blocked...: the provider's code, for reviewers.
    Invalid {
        code: String,
    },
    /// Not known yet: the provider is polled, or its webhook awaited.
    Pending,
    /// The provider could not complete the check (the bank offline, a network error at
    /// the provider): nobody's fault, so the customer's try does not count.
    Failed {
        code: String,
    },
}

/// What a check's answer comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckResolution {
    /// A final answer: the outcome moves the step.
    Decided {
        outcome: CheckOutcome,
        names: Vec<LabelledComparison>,
        dob_matches: Option<bool>,
        /// The provider's code (`ACCOUNT_BLOCKED`...), kept for reviewers.
        provider_code: Option<String>,
        name_at_bank: Option<String>,
    },
    /// The provider could not be reached or refused the call: the try does not count.
    Unavailable { code: String },
}

/// What a bank's answer comes to; `None` while it is still pending. The name at the bank
/// is compared with the holder's name the customer typed and, when the journey has a
/// verified Aadhaar, with the name on it: both must pass for the step to complete.
pub fn judge_bank(
    status: &BankStatus,
    name_at_bank: Option<&str>,
    holder_name: &str,
    aadhaar_name: Option<&str>,
    bands: NameBands,
) -> Option<CheckResolution> {
    let decided = |outcome, names, provider_code, name_at_bank| CheckResolution::Decided {
        outcome,
        names,
        dob_matches: None,
        provider_code,
        name_at_bank,
    };
    match status {
        BankStatus::Pending => None,
        BankStatus::Failed { code } => Some(CheckResolution::Unavailable { code: code.clone() }),
        BankStatus::Invalid { code } => Some(decided(
            CheckOutcome::Failed {
                reason_code: "bank_account_invalid".to_owned(),
            },
            Vec::new(),
            Some(code.clone()),
            None,
        )),
        BankStatus::Valid => Some(match name_at_bank {
            Some(at_bank) => {
                let comparison = NameComparison::of(holder_name, at_bank, bands);
                let mut outcome = bank_account_valid(&comparison);
                let mut names = vec![LabelledComparison {
                    label: "Name entered vs name at bank".to_owned(),
                    comparison,
                }];
                if let Some(on_aadhaar) = aadhaar_name {
                    let with_aadhaar = NameComparison::of(on_aadhaar, at_bank, bands);
                    if with_aadhaar.band != NameBand::Pass && outcome == CheckOutcome::Passed {
                        outcome = CheckOutcome::ToReview {
                            reason_code: "bank_name_review".to_owned(),
                            note: format!(
                                "The name at the bank differs from the name on Aadhaar ({}).",
                                with_aadhaar.summary()
                            ),
                        };
                    }
                    names.push(LabelledComparison {
                        label: "Name on Aadhaar vs name at bank".to_owned(),
                        comparison: with_aadhaar,
                    });
                }
                decided(outcome, names, None, Some(at_bank.to_owned()))
            }
            None => decided(
                CheckOutcome::ToReview {
                    reason_code: "bank_name_missing".to_owned(),
                    note: "The bank confirmed the account but gave no holder name.".to_owned(),
                },
                Vec::new(),
                None,
                None,
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(resolution: Option<CheckResolution>) -> CheckOutcome {
        match resolution {
            Some(CheckResolution::Decided { outcome, .. }) => outcome,
            other => panic!("not decided: {other:?}"),
        }
    }

    #[test]
    fn pending_waits_and_a_provider_failure_does_not_count() {
        let bands = NameBands::default();
        assert_eq!(
            judge_bank(&BankStatus::Pending, None, "Asha Rao", None, bands),
            None
        );
        let failed = BankStatus::Failed {
            code: "bank_offline".to_owned(),
        };
        assert_eq!(
            judge_bank(&failed, None, "Asha Rao", None, bands),
            Some(CheckResolution::Unavailable {
                code: "bank_offline".to_owned()
            })
        );
    }

    #[test]
    fn a_valid_account_passes_on_the_name_and_goes_to_review_when_aadhaar_differs() {
        let bands = NameBands::default();
        let valid = BankStatus::Valid;
        let judged = |aadhaar| judge_bank(&valid, Some("ASHA RAO"), "Asha Rao", aadhaar, bands);
        assert_eq!(outcome(judged(None)), CheckOutcome::Passed);
        assert_eq!(outcome(judged(Some("Asha Rao"))), CheckOutcome::Passed);
        assert!(matches!(
            outcome(judged(Some("Vikram Singh"))),
            CheckOutcome::ToReview { reason_code, .. } if reason_code == "bank_name_review"
        ));
        assert!(matches!(
            outcome(judge_bank(&valid, None, "Asha Rao", None, bands)),
            CheckOutcome::ToReview { reason_code, .. } if reason_code == "bank_name_missing"
        ));
    }

    #[test]
    fn an_invalid_account_fails_with_the_provider_code_kept() {
        let invalid = BankStatus::Invalid {
            code: "ACCOUNT_BLOCKED".to_owned(),
        };
        let judged = judge_bank(&invalid, None, "Asha Rao", None, NameBands::default());
        assert!(matches!(
            judged,
            Some(CheckResolution::Decided { provider_code: Some(code), outcome: CheckOutcome::Failed { .. }, .. }) if code == "ACCOUNT_BLOCKED"
        ));
    }
}
