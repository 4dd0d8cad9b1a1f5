//! The bank account (penny drop) step's rules: IFSC and account number formats (checked
//! the same way in the browser and on the server), masking to the last four digits, and
//! the name match between what the customer typed and the name the bank holds, in
//! per-merchant bands.

use serde::{Deserialize, Serialize};

use crate::screening::model::{EntryKind, ListEntry, ListSource};
use crate::screening::{Index, Query, Thresholds};
use crate::FieldError;

/// An Indian Financial System Code: four letters (the bank), a zero, six letters or digits
/// (the branch), e.g. `HDFC0001234`. Stored upper case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ifsc(String);

impl TryFrom<String> for Ifsc {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Ifsc::parse("ifsc", &text).map_err(|e| e.message)
    }
}

impl From<Ifsc> for String {
    fn from(ifsc: Ifsc) -> String {
        ifsc.0
    }
}

impl Ifsc {
    pub fn parse(field: &str, text: &str) -> Result<Ifsc, FieldError> {
        let code: String = text.trim().to_ascii_uppercase();
        let bytes = code.as_bytes();
        let well_formed = bytes.len() == 11
            && bytes[..4].iter().all(u8::is_ascii_uppercase)
            && bytes[4] == b'0'
            && bytes[5..].iter().all(u8::is_ascii_alphanumeric);
        if well_formed {
            Ok(Ifsc(code))
        } else {
            Err(FieldError::known(
                field,
                "field-ifsc",
                "should be 11 characters: 4 letters, a zero, then 6 letters or digits (e.g. HDFC0001234)",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The bank's four-letter code.
    pub fn bank(&self) -> &str {
        &self.0[..4]
    }
}

/// A bank account number: 9 to 18 digits (spaces and dashes as typed are dropped). Never
/// shown or logged whole: see [`AccountNumber::masked`].
#[derive(Clone, PartialEq, Eq)]
pub struct AccountNumber(String);

impl std::fmt::Debug for AccountNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AccountNumber({})", self.masked())
    }
}

impl AccountNumber {
    /// Reads the number typed twice; both must agree.
    pub fn parse(number: &str, again: &str) -> Result<AccountNumber, Vec<FieldError>> {
        let digits =
            |text: &str| -> String { text.chars().filter(|c| !matches!(c, ' ' | '-')).collect() };
        let (first, second) = (digits(number), digits(again));
        let mut errors = Vec::new();
        if !(9..=18).contains(&first.len()) || !first.chars().all(|c| c.is_ascii_digit()) {
            errors.push(FieldError::known(
                "account_number",
                "field-account-number",
                "should be 9 to 18 digits",
            ));
        } else if first != second {
            errors.push(FieldError::known(
                "account_number_again",
                "field-account-number-again",
                "does not match the account number",
            ));
        }
        if errors.is_empty() {
            Ok(AccountNumber(first))
        } else {
            Err(errors)
        }
    }

    /// The whole number, for the provider call only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn last4(&self) -> String {
        self.0[self.0.len() - 4..].to_owned()
    }

    /// `XXXXXX1234`: what every page, email, export and log may show.
    pub fn masked(&self) -> String {
        format!("{}{}", "X".repeat(self.0.len() - 4), self.last4())
    }
}

/// Where a name-match score (0-100) falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameBand {
    Pass,
    Review,
    Fail,
}

/// A merchant's name-match bands: `pass_from` and above passes, `fail_to` and below fails,
/// in between a reviewer decides. Defaults 85 and 33.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameBands {
    pub pass_from: u8,
    pub fail_to: u8,
}

impl Default for NameBands {
    fn default() -> Self {
        NameBands {
            pass_from: 85,
            fail_to: 33,
        }
    }
}

/// The name-match settings form as typed: whole numbers from 0 to 100.
#[derive(Debug, Clone, Copy)]
pub struct NameBandsForm<'a> {
    pub pass_from: &'a str,
    pub fail_to: &'a str,
}

impl TryFrom<NameBandsForm<'_>> for NameBands {
    type Error = crate::FieldErrors;

    fn try_from(form: NameBandsForm<'_>) -> Result<Self, Self::Error> {
        let score = |field: &str, raw: &str| {
            raw.trim()
                .parse::<u8>()
                .ok()
                .filter(|v| *v <= 100)
                .ok_or_else(|| FieldError::new(field, "must be a whole number from 0 to 100"))
        };
        let (pass_from, fail_to) = match (
            score("pass_from", form.pass_from),
            score("fail_to", form.fail_to),
        ) {
            (Ok(p), Ok(f)) => (p, f),
            (p, f) => {
                return Err(crate::FieldErrors(
                    [p.err(), f.err()].into_iter().flatten().collect(),
                ))
            }
        };
        let bands = NameBands { pass_from, fail_to };
        if !bands.is_valid() {
            return Err(crate::FieldErrors(vec![FieldError::new(
                "fail_to",
                "must be below the pass score",
            )]));
        }
        Ok(bands)
    }
}

impl NameBands {
    pub fn is_valid(self) -> bool {
        self.fail_to < self.pass_from && self.pass_from <= 100
    }

    pub fn band(self, score: u8) -> NameBand {
        if score >= self.pass_from {
            NameBand::Pass
        } else if score <= self.fail_to {
            NameBand::Fail
        } else {
            NameBand::Review
        }
    }
}

/// How closely two spellings of one person's name agree, 0-100: the screening matcher's
/// token alignment (reordering, initials, variants, typos, titles) with every word weighing
/// the same; a name matched partly by initials scores at most [`INITIALS_AT_MOST`].
pub fn name_match_score(entered: &str, at_bank: &str) -> u8 {
    let listed = ListEntry::new(ListSource::Un, "bank", EntryKind::Person, at_bank);
    let index = Index::build(vec![listed]);
    let outcome = index.screen_exhaustively(
        &Query::person(entered),
        Thresholds {
            review: 0.5,
            confirm: 1.0,
        },
    );
    let Some(hit) = outcome.best() else { return 0 };
    let score = (hit.name_score * 100.0).round().clamp(0.0, 100.0) as u8;
    // A name agreeing only through an initial (`ASHA R`) is for a person to judge.
    if hit
        .tokens
        .iter()
        .any(|t| t.how == Some(crate::screening::score::How::Initial))
    {
        score.min(INITIALS_AT_MOST)
    } else {
        score
    }
}

/// The highest score a name matched partly by initials gets.
pub const INITIALS_AT_MOST: u8 = 80;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ifsc_is_four_letters_a_zero_and_six_letters_or_digits() {
        assert_eq!(
            Ifsc::parse("ifsc", " hdfc0001234 ").map(|i| i.bank().to_owned()),
            Ok("HDFC".into())
        );
        for bad in [
            "HDFC1001234",
            "HDF00001234",
            "HDFC000123",
            "HDFC00012345",
            "HDFC0_01234",
            "",
        ] {
            assert!(Ifsc::parse("ifsc", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn account_numbers_are_checked_twice_and_only_ever_masked() {
        let n = AccountNumber::parse("1234 5678 9012", "123456789012").expect("valid");
        assert_eq!(
            (n.last4().as_str(), n.masked().as_str()),
            ("9012", "XXXXXXXX9012")
        );
        assert!(!format!("{n:?}").contains("12345678"));
        assert_eq!(
            AccountNumber::parse("12345678", "12345678").unwrap_err()[0].field,
            "account_number"
        );
        assert_eq!(
            AccountNumber::parse("123456789", "123456780").unwrap_err()[0].field,
            "account_number_again"
        );
        assert!(AccountNumber::parse("12345678a", "12345678a").is_err());
    }

    #[test]
    fn names_at_the_bank_fall_into_bands() {
        let bands = NameBands::default();
        let band = |a: &str, b: &str| bands.band(name_match_score(a, b));
        assert_eq!(band("Asha Rao", "ASHA RAO"), NameBand::Pass);
        assert_eq!(band("Asha Rao", "RAO ASHA"), NameBand::Pass);
        assert_eq!(band("Asha Rao", "MRS ASHA RAO"), NameBand::Pass);
        assert_eq!(band("Asha Rao", "ASHA R"), NameBand::Review);
        assert_eq!(band("Asha Rao", "VIKRAM SINGH"), NameBand::Fail);
        assert!(!NameBands {
            pass_from: 30,
            fail_to: 40
        }
        .is_valid());
    }

    #[test]
    fn the_bands_form_is_parsed_into_valid_bands() {
        let form = |pass_from, fail_to| NameBands::try_from(NameBandsForm { pass_from, fail_to });
        assert_eq!(
            form("90", " 40 "),
            Ok(NameBands {
                pass_from: 90,
                fail_to: 40
            })
        );
        let fields = |r: Result<NameBands, crate::FieldErrors>| -> Vec<String> {
            r.unwrap_err().0.into_iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(form("101", "-1")), ["pass_from", "fail_to"]);
        assert_eq!(fields(form("50", "50")), ["fail_to"]);
    }
}
