//! Identity and address documents: types, the merchant's categories, the rule that decides
//! when the customer may submit, and each document's review lifecycle.

use serde::{Deserialize, Serialize};

use crate::transition::{InvalidTransition, Lifecycle, Refusal};

/// Kinds of document a customer can upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DocumentType {
    Passport,
    DrivingLicence,
    VoterId,
    Pan,
    Aadhaar,
    UtilityBill,
    BankStatement,
    RentalAgreement,
}

impl DocumentType {
    /// Every type.
    pub const ALL: [DocumentType; 8] = [
        DocumentType::Passport,
        DocumentType::DrivingLicence,
        DocumentType::VoterId,
        DocumentType::Pan,
        DocumentType::Aadhaar,
        DocumentType::UtilityBill,
        DocumentType::BankStatement,
        DocumentType::RentalAgreement,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentType::Passport => "passport",
            DocumentType::DrivingLicence => "driving_licence",
            DocumentType::VoterId => "voter_id",
            DocumentType::Pan => "pan",
            DocumentType::Aadhaar => "aadhaar",
            DocumentType::UtilityBill => "utility_bill",
            DocumentType::BankStatement => "bank_statement",
            DocumentType::RentalAgreement => "rental_agreement",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        DocumentType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            DocumentType::Passport => "Passport",
            DocumentType::DrivingLicence => "Driving licence",
            DocumentType::VoterId => "Voter ID",
            DocumentType::Pan => "PAN card",
            DocumentType::Aadhaar => "Aadhaar",
            DocumentType::UtilityBill => "Utility bill",
            DocumentType::BankStatement => "Bank statement",
            DocumentType::RentalAgreement => "Rental agreement",
        }
    }
}

/// Which part of a document a file holds: the two sides of a card or page, or a PDF of
/// the whole document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DocumentSide {
    Front,
    Back,
    Whole,
}

impl DocumentSide {
    /// Every side.
    pub const ALL: [DocumentSide; 3] =
        [DocumentSide::Front, DocumentSide::Back, DocumentSide::Whole];

    /// The stable name stored in the database and used in upload URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentSide::Front => "front",
            DocumentSide::Back => "back",
            DocumentSide::Whole => "whole",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        DocumentSide::ALL
            .into_iter()
            .find(|side| side.as_str() == s)
    }

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            DocumentSide::Front => "Front",
            DocumentSide::Back => "Back",
            DocumentSide::Whole => "PDF",
        }
    }
}

impl DocumentType {
    /// Whether a photo of this document needs its back too (cards that carry details
    /// on both sides). A PDF always holds the whole document.
    pub fn needs_back(self) -> bool {
        matches!(
            self,
            DocumentType::DrivingLicence | DocumentType::VoterId | DocumentType::Aadhaar
        )
    }

    /// Whether `sides` make a complete upload of this document: one PDF alone, or photos
    /// of the front (and the back when [`Self::needs_back`]) without a PDF.
    pub fn is_complete_with(self, sides: &[DocumentSide]) -> bool {
        let has = |side| sides.contains(&side);
        if has(DocumentSide::Whole) {
            return !has(DocumentSide::Front) && !has(DocumentSide::Back);
        }
        has(DocumentSide::Front) && (has(DocumentSide::Back) || !self.needs_back())
    }

    /// Whether a file for `side` may be added to a document that already has `sides`:
    /// each side once, and a PDF never mixed with photos.
    pub fn accepts_side(self, sides: &[DocumentSide], side: DocumentSide) -> bool {
        if sides.contains(&side) {
            return false;
        }
        match side {
            DocumentSide::Whole => sides.is_empty(),
            DocumentSide::Front | DocumentSide::Back => !sides.contains(&DocumentSide::Whole),
        }
    }
}

/// One merchant-configured category: which types it accepts and how many it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCategory {
    /// Stable code, e.g. `identity`.
    pub code: String,
    /// What the customer reads, e.g. "Identity proof".
    pub label: String,
    pub accepted: Vec<DocumentType>,
    pub minimum: u32,
}

/// The categories a documents step asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRequirements {
    pub categories: Vec<DocumentCategory>,
}

impl Default for DocumentRequirements {
    /// Identity proof and Address proof, at least one document each.
    fn default() -> Self {
        use DocumentType::*;
        DocumentRequirements {
            categories: vec![
                DocumentCategory {
                    code: "identity".into(),
                    label: "Identity proof".into(),
                    accepted: vec![Passport, DrivingLicence, VoterId, Pan, Aadhaar],
                    minimum: 1,
                },
                DocumentCategory {
                    code: "address".into(),
                    label: "Address proof".into(),
                    accepted: vec![
                        Passport,
                        Aadhaar,
                        UtilityBill,
                        BankStatement,
                        RentalAgreement,
                    ],
                    minimum: 1,
                },
            ],
        }
    }
}

/// A document as the rules see it: where it was filed, what it is, where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiledDocument {
    pub category: String,
    pub doc_type: DocumentType,
    pub state: DocumentState,
}

/// A category that does not yet have enough documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmetCategory {
    pub code: String,
    pub label: String,
    pub have: u32,
    pub need: u32,
}

impl DocumentRequirements {
    /// Whether `doc_type` may be filed under the category `code`.
    pub fn accepts(&self, code: &str, doc_type: DocumentType) -> bool {
        self.categories
            .iter()
            .any(|c| c.code == code && c.accepted.contains(&doc_type))
    }

    /// The submission rule: every category has at least its minimum of documents that are
    /// accepted there and not rejected. `Err` lists what is missing.
    pub fn check_submission(&self, documents: &[FiledDocument]) -> Result<(), Vec<UnmetCategory>> {
        self.unmet(documents, |state| {
            !matches!(state, DocumentState::Rejected(_))
        })
    }

    /// The completion rule: every category has at least its minimum of approved documents.
    pub fn is_satisfied_by_approved(&self, documents: &[FiledDocument]) -> bool {
        self.unmet(documents, |state| *state == DocumentState::Approved)
            .is_ok()
    }

    fn unmet(
        &self,
        documents: &[FiledDocument],
        counts: impl Fn(&DocumentState) -> bool,
    ) -> Result<(), Vec<UnmetCategory>> {
        let unmet: Vec<UnmetCategory> = self
            .categories
            .iter()
            .filter_map(|category| {
                let have = documents
                    .iter()
                    .filter(|d| d.category == category.code)
                    .filter(|d| category.accepted.contains(&d.doc_type))
                    .filter(|d| counts(&d.state))
                    .count() as u32;
                (have < category.minimum).then(|| UnmetCategory {
                    code: category.code.clone(),
                    label: category.label.clone(),
                    have,
                    need: category.minimum,
                })
            })
            .collect();
        if unmet.is_empty() {
            Ok(())
        } else {
            Err(unmet)
        }
    }
}

/// Reasons a reviewer can give for rejecting a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectionReason {
    Blurry,
    Expired,
    WrongCategory,
    NameMismatch,
    SuspectedTampering,
    Other,
}

/// Whether the customer may upload again (`Retry`) or the journey ends (`Final`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectionMode {
    Retry,
    Final,
}

impl RejectionReason {
    /// Every reason, in the order a reviewer picks from.
    pub const ALL: [RejectionReason; 6] = [
        RejectionReason::Blurry,
        RejectionReason::Expired,
        RejectionReason::WrongCategory,
        RejectionReason::NameMismatch,
        RejectionReason::SuspectedTampering,
        RejectionReason::Other,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectionReason::Blurry => "blurry",
            RejectionReason::Expired => "expired",
            RejectionReason::WrongCategory => "wrong_category",
            RejectionReason::NameMismatch => "name_mismatch",
            RejectionReason::SuspectedTampering => "suspected_tampering",
            RejectionReason::Other => "other",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        RejectionReason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// What the customer and reviewers read.
    pub fn label(self) -> &'static str {
        match self {
            RejectionReason::Blurry => "The image is blurry or unreadable",
            RejectionReason::Expired => "The document has expired",
            RejectionReason::WrongCategory => "This document is not accepted here",
            RejectionReason::NameMismatch => "The name does not match",
            RejectionReason::SuspectedTampering => "The document could not be accepted",
            RejectionReason::Other => "The document could not be accepted",
        }
    }
}

impl RejectionMode {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectionMode::Retry => "retry",
            RejectionMode::Final => "final",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        match s {
            "retry" => Some(RejectionMode::Retry),
            "final" => Some(RejectionMode::Final),
            _ => None,
        }
    }
}

/// A reviewer's rejection of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub reason: RejectionReason,
    pub mode: RejectionMode,
    pub comment: String,
}

/// Where one document stands in review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentState {
    Pending,
    Approved,
    Rejected(Rejection),
}

impl DocumentState {
    /// The stable name stored in the database.
    pub fn as_str(&self) -> &'static str {
        match self {
            DocumentState::Pending => "pending",
            DocumentState::Approved => "approved",
            DocumentState::Rejected(_) => "rejected",
        }
    }
}

/// A reviewer's decision on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentEvent {
    Approve,
    Reject(Rejection),
}

impl DocumentState {
    /// The document lifecycle: `Pending -> Approved | Rejected`; decided documents are final
    /// (a re-upload is a new document).
    pub fn apply(&self, event: DocumentEvent) -> Result<DocumentState, InvalidTransition> {
        match (self, event) {
            (DocumentState::Pending, DocumentEvent::Approve) => Ok(DocumentState::Approved),
            (DocumentState::Pending, DocumentEvent::Reject(r)) => Ok(DocumentState::Rejected(r)),
            (_, event) => Err(InvalidTransition {
                lifecycle: Lifecycle::Document,
                from: self.as_str(),
                event: match event {
                    DocumentEvent::Approve => "approve",
                    DocumentEvent::Reject(_) => "reject",
                },
                refusal: Refusal::Terminal,
            }),
        }
    }
}

#[cfg(test)]
mod tests;
