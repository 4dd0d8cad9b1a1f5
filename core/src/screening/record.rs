//! Screening results as stored and shown to reviewers: what was screened against, what
//! was found, and how a reviewer resolved it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::matcher::{Decision, Hit, Thresholds};
use super::model::ListSource;

/// Why a screening ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScreeningReason {
    /// The journey's own sanction-screening step.
    Journey,
    /// A customer with a completed journey, screened again after a list import.
    Rescreen,
}

impl ScreeningReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ScreeningReason::Journey => "journey",
            ScreeningReason::Rescreen => "rescreen",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "journey" => Some(ScreeningReason::Journey),
            "rescreen" => Some(ScreeningReason::Rescreen),
            _ => None,
        }
    }
}

/// A reviewer's answer to a possible match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    /// Not the listed party: the screening step completes.
    FalsePositive,
    /// The listed party: the step fails and the journey is rejected.
    TrueMatch,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::FalsePositive => "false_positive",
            Resolution::TrueMatch => "true_match",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "false_positive" => Some(Resolution::FalsePositive),
            "true_match" => Some(Resolution::TrueMatch),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Resolution::FalsePositive => "False positive",
            Resolution::TrueMatch => "True match",
        }
    }
}

/// A list snapshot a screening used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRef {
    pub source: ListSource,
    pub version: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningRecord {
    pub id: Uuid,
    pub reason: ScreeningReason,
    pub decision: Decision,
    pub best_score: f32,
    pub thresholds: Thresholds,
    pub lists: Vec<ListRef>,
    pub hits: Vec<Hit>,
    pub screened_at: OffsetDateTime,
    pub resolution: Option<Resolution>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<OffsetDateTime>,
}

impl ScreeningRecord {
    /// Waiting for a reviewer: a possible or strong match nobody has resolved.
    pub fn is_open(&self) -> bool {
        self.decision != Decision::Clear && self.resolution.is_none()
    }
}

/// A screening result waiting for a reviewer, for the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningAlert {
    pub result_id: Uuid,
    pub journey_id: Uuid,
    pub customer_name: String,
    pub reason: ScreeningReason,
    pub decision: Decision,
    pub best_score: f32,
    pub screened_at: OffsetDateTime,
}

/// What the customer's status page may say while a reviewer looks at a possible match:
/// nothing about sanctions (a customer must not be tipped off).
pub const CUSTOMER_MESSAGE: &str =
    "Our team is completing a routine check. You do not need to do anything.";

/// The reason code of a screening step waiting for a reviewer.
pub const REASON_CODE: &str = "possible_sanctions_match";

/// The reason recorded when a reviewer confirms a true match.
pub const REJECTION_REASON: &str = "sanctions_match";
