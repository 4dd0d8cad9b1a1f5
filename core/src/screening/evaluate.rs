//! Input rows in the labelled files' layout, and the figures an evaluation reports:
//! recall on listed people, alert rate on people who are not listed, and precision /
//! recall / F1 on hand-labelled name pairs.

use serde::{Deserialize, Serialize};

use super::index::Index;
use super::matcher::{Decision, Query, Subject};
use super::model::{Gender, PartialDate};
use super::{country, EntryKind, ListEntry, ListSource};

/// One person as the labelled files and the `screen` command's input describe them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub middle_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub date_of_birth: String,
    #[serde(default)]
    pub place_of_birth: String,
    #[serde(default)]
    pub nationality: String,
}

impl PersonRow {
    /// The query this row stands for; `None` when it has no name at all.
    pub fn query(&self) -> Option<Query> {
        let name = if self.full_name.trim().is_empty() {
            [&self.first_name, &self.middle_name, &self.last_name]
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            self.full_name.trim().to_owned()
        };
        if name.is_empty() {
            return None;
        }
        Some(Query {
            name,
            birth_date: parse_date_leniently(&self.date_of_birth),
            nationality: country::iso2(&self.nationality).map(str::to_owned),
            gender: Gender::parse(&self.gender),
            subject: Subject::Person,
        })
    }
}

/// ISO dates as people type them: `1969-7-16` is read, `1974-01-32` keeps its year and
/// month, `1965` is a year.
pub fn parse_date_leniently(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    if let Some(date) = PartialDate::parse_iso(text) {
        return Some(date);
    }
    let mut parts = text.split(['-', '/', '.']);
    let year: i32 = parts
        .next()?
        .trim()
        .parse()
        .ok()
        .filter(|y| (1000..=2999).contains(y))?;
    match parts
        .next()
        .and_then(|m| m.trim().parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m))
    {
        Some(month) => Some(PartialDate::Month { year, month }),
        None => Some(PartialDate::Year { year }),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub true_positive: usize,
    pub false_positive: usize,
    pub false_negative: usize,
    pub true_negative: usize,
}

impl Counts {
    pub fn add(&mut self, expected: bool, predicted: bool) {
        match (expected, predicted) {
            (true, true) => self.true_positive += 1,
            (false, true) => self.false_positive += 1,
            (true, false) => self.false_negative += 1,
            (false, false) => self.true_negative += 1,
        }
    }

    pub fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A labelled pair: is `name1` the same party as `name2`?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamePair {
    pub schema: String,
    pub name1: String,
    pub name2: String,
    pub is_match: bool,
}

impl NamePair {
    pub fn subject(&self) -> Subject {
        if self.schema.eq_ignore_ascii_case("person") {
            Subject::Person
        } else {
            Subject::Organisation
        }
    }
}

impl Index {
    /// Scores `query` against `listed` alone, with word weights taken from this index's
    /// lists: how name pairs are judged outside any list.
    pub fn pair_score(&self, query: &str, listed: &str, subject: Subject) -> f32 {
        let kind = match subject {
            Subject::Person => EntryKind::Person,
            Subject::Organisation => EntryKind::Organisation,
        };
        let entry = ListEntry::new(ListSource::Un, "pair", kind, listed);
        let mut one = Index::build(vec![entry]);
        one.borrow_weights(self);
        let query = Query {
            subject,
            ..Query::person(query)
        };
        one.screen_weighted(&query, self)
            .best()
            .map_or(0.0, |h| h.score)
    }
}

/// Figures for the name pairs at one threshold.
pub fn pair_counts(scores: &[(f32, bool)], threshold: f32) -> Counts {
    let mut counts = Counts::default();
    for (score, expected) in scores {
        counts.add(*expected, *score >= threshold);
    }
    counts
}

/// Whether a decision raises an alert.
pub fn alerts(decision: Decision) -> bool {
    decision != Decision::Clear
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_queries() {
        let row = PersonRow {
            first_name: "Ivan".into(),
            last_name: "Petrov".into(),
            date_of_birth: "1974-01-32".into(),
            gender: "male".into(),
            ..PersonRow::default()
        };
        let q = row.query().expect("a name");
        assert_eq!(q.name, "Ivan Petrov");
        assert_eq!(
            q.birth_date,
            Some(PartialDate::Month {
                year: 1974,
                month: 1
            })
        );
        assert_eq!(q.gender, Some(Gender::Male));
        assert_eq!(
            parse_date_leniently("1969-7-16"),
            Some(PartialDate::Day {
                year: 1969,
                month: 7,
                day: 16
            })
        );
        assert!(PersonRow::default().query().is_none());
    }

    #[test]
    fn pair_counts_give_precision_recall_and_f1() {
        let counts = pair_counts(
            &[(0.9, true), (0.95, false), (0.5, true), (0.2, false)],
            0.85,
        );
        assert_eq!(
            (
                counts.true_positive,
                counts.false_positive,
                counts.false_negative
            ),
            (1, 1, 1)
        );
        assert!((counts.f1() - 0.5).abs() < 1e-9);
    }
}
