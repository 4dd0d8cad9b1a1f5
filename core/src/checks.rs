//! Online checks the customer runs from a step (bank penny drop, DigiLocker Aadhaar): the
//! forms they fill in, how a provider's answer is judged, and what that does to the step.
//! The browser uses the forms' rules to explain; the server enforces them.

mod bank_outcome;

pub use bank_outcome::{judge_bank, BankStatus, CheckResolution};
use kyc_i18n::{t, Lang};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::bank::{name_match_score, AccountNumber, Ifsc, NameBand, NameBands};
use crate::customer::PersonName;
use crate::{FieldError, FieldErrors, Party, RequiredAction, StepEvent, StepKind};

/// The bank step's form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankForm {
    pub holder_name: String,
    pub account_number: String,
    pub account_number_again: String,
    pub ifsc: String,
}

/// The bank step's form, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankDetails {
    pub holder_name: String,
    pub account: AccountNumber,
    pub ifsc: Ifsc,
}

impl BankForm {
    /// Every problem at once, each on its field.
    pub fn parse(&self) -> Result<BankDetails, Vec<FieldError>> {
        let mut errors = FieldErrors::default();
        let holder_name =
            errors.check(PersonName::parse(&self.holder_name).map_err(|e| e.on("holder_name")));
        let account = match AccountNumber::parse(&self.account_number, &self.account_number_again) {
            Ok(account) => Some(account),
            Err(more) => {
                errors.0.extend(more);
                None
            }
        };
        let ifsc = errors.check(Ifsc::parse("ifsc", &self.ifsc));
        match (holder_name, account, ifsc) {
            (Some(name), Some(account), Some(ifsc)) if errors.0.is_empty() => Ok(BankDetails {
                holder_name: name.as_str().to_owned(),
                account,
                ifsc,
            }),
            _ => Err(errors.0),
        }
    }
}

/// Two spellings of a name compared: what was typed, what the other side holds, the score
/// (0-100) and its band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameComparison {
    pub entered: String,
    pub other: String,
    pub score: u8,
    pub band: NameBand,
}

impl NameComparison {
    pub fn of(entered: &str, other: &str, bands: NameBands) -> NameComparison {
        let score = name_match_score(entered, other);
        NameComparison {
            entered: entered.to_owned(),
            other: other.to_owned(),
            score,
            band: bands.band(score),
        }
    }

    /// `92/100, pass`: how staff read it.
    pub fn summary(&self) -> String {
        let band = match self.band {
            NameBand::Pass => "pass",
            NameBand::Review => "review",
            NameBand::Fail => "fail",
        };
        format!("{}/100, {band}", self.score)
    }
}

/// What a finished check does to its step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckOutcome {
    /// Everything agrees: the step completes.
    Passed,
    /// A person decides: the step waits for a reviewer.
    ToReview { reason_code: String, note: String },
    /// The check failed: this try is used; the customer may try again while tries are left.
    Failed { reason_code: String },
}

impl CheckOutcome {
    /// The step event that records the outcome.
    pub fn event(&self) -> StepEvent {
        match self {
            CheckOutcome::Passed => StepEvent::Complete,
            CheckOutcome::ToReview { reason_code, note } => {
                StepEvent::RequireAction(RequiredAction {
                    by: Party::Reviewer,
                    reason_code: reason_code.clone(),
                    customer_message: String::new(),
                    internal_note: note.clone(),
                })
            }
            CheckOutcome::Failed { .. } => StepEvent::Fail,
        }
    }

    /// The stable code stored with the check.
    pub fn code(&self) -> &str {
        match self {
            CheckOutcome::Passed => "passed",
            CheckOutcome::ToReview { reason_code, .. } => reason_code,
            CheckOutcome::Failed { reason_code } => reason_code,
        }
    }
}

/// The bank said the account is valid and holds `name_at_bank`: the merchant's bands
/// decide.
pub fn bank_account_valid(comparison: &NameComparison) -> CheckOutcome {
    match comparison.band {
        NameBand::Pass => CheckOutcome::Passed,
        NameBand::Review => CheckOutcome::ToReview {
            reason_code: "bank_name_review".to_owned(),
            note: format!(
                "The name at the bank partly matches the name entered ({}).",
                comparison.summary()
            ),
        },
        NameBand::Fail => CheckOutcome::Failed {
            reason_code: "bank_name_mismatch".to_owned(),
        },
    }
}

/// What the Aadhaar record is compared with: the name and birth date the customer typed,
/// and the name at their bank when the bank step has found one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AadhaarComparison {
    pub name: NameComparison,
    pub dob_matches: bool,
    pub bank_name: Option<NameComparison>,
}

impl AadhaarComparison {
    /// Passes only when every comparison passes; anything else is for a reviewer (the
    /// record itself is genuine: its signature was verified).
    pub fn outcome(&self) -> CheckOutcome {
        let mut problems = Vec::new();
        if self.name.band != NameBand::Pass {
            problems.push(format!(
                "name on Aadhaar vs name entered: {}",
                self.name.summary()
            ));
        }
        if !self.dob_matches {
            problems.push("date of birth differs from the one entered".to_owned());
        }
        if let Some(bank) = self.bank_name.as_ref().filter(|b| b.band != NameBand::Pass) {
            problems.push(format!(
                "name on Aadhaar vs name at bank: {}",
                bank.summary()
            ));
        }
        if problems.is_empty() {
            CheckOutcome::Passed
        } else {
            CheckOutcome::ToReview {
                reason_code: "aadhaar_details_mismatch".to_owned(),
                note: format!("{}.", problems.join("; ")),
            }
        }
    }
}

/// Where a check stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckStatus {
    /// Sent; the provider has not answered yet.
    Waiting,
    Passed,
    ToReview,
    Failed,
    /// The provider could not be reached; the try does not count.
    Unavailable,
}

impl CheckStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Waiting => "waiting",
            CheckStatus::Passed => "passed",
            CheckStatus::ToReview => "to_review",
            CheckStatus::Failed => "failed",
            CheckStatus::Unavailable => "unavailable",
        }
    }

    pub fn from_db(s: &str) -> Option<Self> {
        [
            CheckStatus::Waiting,
            CheckStatus::Passed,
            CheckStatus::ToReview,
            CheckStatus::Failed,
            CheckStatus::Unavailable,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            CheckStatus::Waiting => "Waiting for the answer",
            CheckStatus::Passed => "Passed",
            CheckStatus::ToReview => "For a reviewer",
            CheckStatus::Failed => "Failed",
            CheckStatus::Unavailable => "Provider unavailable",
        }
    }

    pub fn of(outcome: &CheckOutcome) -> CheckStatus {
        match outcome {
            CheckOutcome::Passed => CheckStatus::Passed,
            CheckOutcome::ToReview { .. } => CheckStatus::ToReview,
            CheckOutcome::Failed { .. } => CheckStatus::Failed,
        }
    }
}

/// A name comparison with what it compares, for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledComparison {
    /// e.g. "Name entered vs name at bank".
    pub label: String,
    pub comparison: NameComparison,
}

/// One try of an online check as staff see it (tracker, case view). Account and Aadhaar
/// numbers appear only as their last four digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    pub id: Uuid,
    pub kind: StepKind,
    pub attempt: i32,
    pub status: CheckStatus,
    /// The outcome's or provider's code (`bank_name_review`, `ACCOUNT_BLOCKED`...).
    pub code: Option<String>,
    /// What was checked: `Account XXXX1191, IFSC HDFC0001234`.
    pub subject: String,
    pub names: Vec<LabelledComparison>,
    pub dob_matches: Option<bool>,
    pub created_at: OffsetDateTime,
    pub resolved_at: Option<OffsetDateTime>,
    /// What a verified e-Aadhaar said (DigiLocker checks that got one).
    pub aadhaar: Option<AadhaarEvidence>,
}

/// A verified e-Aadhaar: only the last four digits of the number; the photo and the
/// signed XML are encrypted objects (served to staff through the audited file route).
/// Its `Debug` names the XML object only, never the person.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AadhaarRecord {
    pub name: String,
    pub date_of_birth: time::Date,
    pub gender: String,
    pub address: String,
    pub aadhaar_last4: String,
    pub photo_object_id: Option<Uuid>,
    pub xml_object_id: Uuid,
    pub certificate_fingerprint: String,
}

impl std::fmt::Debug for AadhaarRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AadhaarRecord")
            .field("xml_object_id", &self.xml_object_id)
            .finish_non_exhaustive()
    }
}

/// A verified e-Aadhaar as staff see it, beside what the customer typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AadhaarEvidence {
    #[serde(flatten)]
    pub record: AadhaarRecord,
    /// What the customer typed, compared with the record.
    pub entered_date_of_birth: Option<time::Date>,
}

/// The customer's latest try of a check, as they see it: never the name the bank holds or
/// any score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCheck {
    pub kind: StepKind,
    pub status: CheckStatus,
    pub subject: String,
    /// The outcome's code, which [`customer_message`] puts in words in the customer's
    /// language.
    pub code: Option<String>,
}

impl CustomerCheck {
    /// What happened, in words for the customer, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        customer_message(lang, self.kind, self.status, self.code.as_deref())
    }
}

/// What the customer reads about a check of step `kind` with an outcome code, in `lang`.
pub fn customer_message(
    lang: Lang,
    kind: StepKind,
    status: CheckStatus,
    code: Option<&str>,
) -> String {
    let code = code.unwrap_or_default();
    let id = match (kind, status, code) {
        (StepKind::DigiLockerAadhaar, CheckStatus::Failed, "consent_denied") => {
            "check-digilocker-consent-denied"
        }
        (StepKind::DigiLockerAadhaar, CheckStatus::Failed, "aadhaar_not_linked") => {
            "check-digilocker-not-linked"
        }
        (StepKind::DigiLockerAadhaar, CheckStatus::Failed, "aadhaar_not_available") => {
            "check-digilocker-no-aadhaar"
        }
        (StepKind::DigiLockerAadhaar, CheckStatus::Failed, _) => "check-digilocker-not-verified",
        (
            StepKind::DigiLockerAadhaar,
            CheckStatus::Unavailable,
            "state_mismatch" | "invalid_grant" | "abandoned",
        ) => "check-digilocker-sign-in-failed",
        (_, CheckStatus::Waiting, _) => "check-waiting",
        (_, CheckStatus::Passed, _) => "check-passed",
        (_, CheckStatus::ToReview, _) => "check-to-review",
        (_, CheckStatus::Unavailable, _) => "check-unavailable",
        (_, CheckStatus::Failed, "bank_name_mismatch") => "check-bank-name-mismatch",
        (_, CheckStatus::Failed, _) => "check-bank-failed",
    };
    t!(lang, id)
}

#[cfg(test)]
mod tests;
