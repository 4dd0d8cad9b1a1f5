//! The names of the domain's values (steps, document types, sides, rejection reasons,
//! categories) and what still stops a submission, in the customer's language.

use kyc_i18n::{t, Lang};

use crate::document::{DocumentSide, RejectionReason};
use crate::submission::Missing;
use crate::{DocumentType, StepKind};

/// A step's name.
pub fn step_name(lang: Lang, kind: StepKind) -> String {
    t!(lang, step_id(kind))
}

fn step_id(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Documents => "step-documents",
        StepKind::DigiLockerAadhaar => "step-digilocker_aadhaar",
        StepKind::BankAccount => "step-bank_account",
        StepKind::Selfie => "step-selfie",
        StepKind::Signature => "step-signature",
        StepKind::SanctionScreening => "step-sanction_screening",
    }
}

/// A document type's name.
pub fn document_type_name(lang: Lang, doc_type: DocumentType) -> String {
    t!(lang, document_type_id(doc_type))
}

fn document_type_id(doc_type: DocumentType) -> &'static str {
    match doc_type {
        DocumentType::Passport => "doc-type-passport",
        DocumentType::DrivingLicence => "doc-type-driving_licence",
        DocumentType::VoterId => "doc-type-voter_id",
        DocumentType::Pan => "doc-type-pan",
        DocumentType::Aadhaar => "doc-type-aadhaar",
        DocumentType::UtilityBill => "doc-type-utility_bill",
        DocumentType::BankStatement => "doc-type-bank_statement",
        DocumentType::RentalAgreement => "doc-type-rental_agreement",
    }
}

/// A side's name (front, back, PDF).
pub fn side_name(lang: Lang, side: DocumentSide) -> String {
    t!(lang, side_id(side))
}

fn side_id(side: DocumentSide) -> &'static str {
    match side {
        DocumentSide::Front => "doc-side-front",
        DocumentSide::Back => "doc-side-back",
        DocumentSide::Whole => "doc-side-whole",
    }
}

/// Why a reviewer refused a document, as the customer reads it.
pub fn rejection_reason(lang: Lang, reason: RejectionReason) -> String {
    t!(lang, rejection_id(reason))
}

fn rejection_id(reason: RejectionReason) -> &'static str {
    match reason {
        RejectionReason::Blurry => "rejection-blurry",
        RejectionReason::Expired => "rejection-expired",
        RejectionReason::WrongCategory => "rejection-wrong_category",
        RejectionReason::NameMismatch => "rejection-name_mismatch",
        RejectionReason::SuspectedTampering => "rejection-suspected_tampering",
        RejectionReason::Other => "rejection-other",
    }
}

/// A document category's name: the standard categories in the customer's language, a
/// merchant's own under the name the merchant gave it.
pub fn category_name(lang: Lang, code: &str, label: &str) -> String {
    match code {
        "identity" => t!(lang, "doc-category-identity"),
        "address" => t!(lang, "doc-category-address"),
        _ => label.to_owned(),
    }
}

/// What still stops submission, as a sentence.
pub fn missing_text(lang: Lang, missing: &Missing) -> String {
    match missing {
        Missing::Consent => t!(lang, "missing-consent"),
        Missing::Documents(unmet) => t!(
            lang,
            "missing-documents",
            category = category_name(lang, &unmet.code, &unmet.label),
            count = unmet.need.saturating_sub(unmet.have)
        ),
        Missing::IncompleteDocument { doc_type, side } => {
            let id = match side {
                DocumentSide::Front => "missing-incomplete-front",
                DocumentSide::Back => "missing-incomplete-back",
                DocumentSide::Whole => "missing-incomplete-whole",
            };
            t!(lang, id, document = document_type_name(lang, *doc_type))
        }
        Missing::Capture(StepKind::Selfie) => t!(lang, "missing-selfie"),
        Missing::Capture(StepKind::Signature) => t!(lang, "missing-signature"),
        Missing::Check(StepKind::BankAccount) => t!(lang, "missing-bank"),
        Missing::Check(StepKind::DigiLockerAadhaar) => t!(lang, "missing-digilocker"),
        Missing::CheckWaiting(kind) => t!(lang, "missing-waiting", step = step_name(lang, *kind)),
        Missing::Capture(kind) | Missing::Check(kind) => {
            t!(lang, "missing-step", step = step_name(lang, *kind))
        }
        Missing::NothingToSubmit => t!(lang, "missing-nothing"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_the_customer_reads_has_a_message() {
        let ids = StepKind::ALL
            .into_iter()
            .map(step_id)
            .chain(DocumentType::ALL.into_iter().map(document_type_id))
            .chain(DocumentSide::ALL.into_iter().map(side_id))
            .chain(RejectionReason::ALL.into_iter().map(rejection_id))
            .chain(["doc-category-identity", "doc-category-address"]);
        let missing: Vec<_> = ids.filter(|id| !kyc_i18n::has(id)).collect();
        assert!(missing.is_empty(), "no message for {missing:?}");
    }
}
