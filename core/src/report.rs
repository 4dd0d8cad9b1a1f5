//! The KYC report: which journeys it covers, its columns and how each cell is written.

use time::{Date, Duration, OffsetDateTime};

use crate::validation::{FieldError, FieldErrors};
use crate::StepKind;

/// The longest range one report may cover (a decade), so a typo cannot ask for centuries.
pub const MAX_DAYS: i64 = 3660;

/// The days a report covers: journeys created from the start of `from` to the end of `to`,
/// in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportRange {
    pub from: Date,
    pub to: Date,
}

impl ReportRange {
    /// Reads `YYYY-MM-DD` dates as typed in the download form.
    pub fn parse(from: &str, to: &str) -> Result<Self, FieldErrors> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let from_date = Date::parse(from.trim(), format);
        let to_date = Date::parse(to.trim(), format);
        let mut errors = Vec::new();
        if from_date.is_err() {
            errors.push(FieldError::new("from", "must be a date (YYYY-MM-DD)"));
        }
        if to_date.is_err() {
            errors.push(FieldError::new("to", "must be a date (YYYY-MM-DD)"));
        }
        let (Ok(from), Ok(to)) = (from_date, to_date) else {
            return Err(FieldErrors(errors));
        };
        if to < from {
            return Err(FieldErrors(vec![FieldError::new(
                "to",
                "must not be before From",
            )]));
        }
        if (to - from).whole_days() >= MAX_DAYS {
            return Err(FieldErrors(vec![FieldError::new(
                "to",
                "must be within ten years of From",
            )]));
        }
        Ok(ReportRange { from, to })
    }

    /// The first instant covered.
    pub fn start(&self) -> OffsetDateTime {
        self.from.midnight().assume_utc()
    }

    /// The first instant after the range.
    pub fn end(&self) -> OffsetDateTime {
        self.to.midnight().assume_utc() + Duration::days(1)
    }

    /// `kyc-report-2026-11-01-to-2026-11-30.csv`
    pub fn file_name(&self) -> String {
        format!("kyc-report-{}-to-{}.csv", self.from, self.to)
    }
}

/// The header row: attempt-level columns, then each step kind's state and completion time.
pub fn header() -> Vec<String> {
    let mut columns: Vec<String> = [
        "journey_id",
        "customer_reference",
        "state",
        "end_reason",
        "created_at",
        "started_at",
        "submitted_at",
        "completed_at",
        "rejected_at",
        "expired_at",
    ]
    .map(str::to_owned)
    .to_vec();
    for kind in StepKind::ALL {
        columns.push(format!("{}_state", kind.as_str()));
        columns.push(format!("{}_completed_at", kind.as_str()));
    }
    columns
}

/// A text cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return gets a leading apostrophe.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// `2026-11-22T05:37:23Z`: UTC, whole seconds.
pub use crate::timefmt::iso_utc as utc;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralised() {
        for dangerous in ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(dangerous), format!("'{dangerous}"));
        }
        for safe in ["REF-1", "a=b", "", "'quoted", "12"] {
            assert_eq!(neutralise(safe), safe);
        }
    }

    #[test]
    fn times_are_written_in_utc_with_a_z() {
        assert_eq!(
            utc(datetime!(2026-11-22 11:07:23.5 +05:30)),
            "2026-11-22T05:37:23Z"
        );
    }

    #[test]
    fn a_range_covers_whole_utc_days_and_must_be_in_order() {
        let range = ReportRange::parse("2026-11-01", "2026-11-30").unwrap();
        assert_eq!(range.start(), datetime!(2026-11-01 0:00 UTC));
        assert_eq!(range.end(), datetime!(2026-12-01 0:00 UTC));
        assert_eq!(range.file_name(), "kyc-report-2026-11-01-to-2026-11-30.csv");
        assert!(ReportRange::parse("2026-11-22", "2026-11-22").is_ok());
        let reversed = ReportRange::parse("2026-11-30", "2026-11-01").unwrap_err();
        assert_eq!(reversed.0[0].field, "to");
        let bad = ReportRange::parse("yesterday", "2026-13-01").unwrap_err();
        assert_eq!(bad.0.len(), 2);
        assert!(ReportRange::parse("1990-01-01", "2026-01-01").is_err());
    }

    #[test]
    fn the_header_has_two_columns_per_step_kind() {
        let header = header();
        assert_eq!(header.len(), 10 + 2 * StepKind::ALL.len());
        assert_eq!(header[10], "documents_state");
        assert_eq!(
            header.last().map(String::as_str),
            Some("sanction_screening_completed_at")
        );
    }
}
