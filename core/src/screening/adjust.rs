//! Birth date, nationality and gender: small adjustments to a name score when both the
//! query and the entry state them. None of them can veto a strong name match on its own.

use serde::{Deserialize, Serialize};

use super::model::{Gender, ListEntry, PartialDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    BirthDate,
    Nationality,
    Gender,
}

/// One adjustment, with the reason in words for reviewers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    pub factor: Factor,
    pub delta: f32,
    pub detail: String,
}

pub mod tuning {
    pub const SAME_DAY: f32 = 0.06;
    pub const SWAPPED_DAY_MONTH: f32 = 0.04;
    pub const SAME_YEAR: f32 = 0.03;
    pub const YEARS_NEAR: i32 = 2;
    pub const YEARS_APART: f32 = -0.04;
    pub const YEARS_FAR: i32 = 6;
    pub const YEARS_FAR_APART: f32 = -0.12;
    pub const SAME_NATIONALITY: f32 = 0.02;
    pub const OTHER_NATIONALITY: f32 = -0.03;
    pub const OTHER_GENDER: f32 = -0.08;
}

pub fn adjustments(
    entry: &ListEntry,
    birth_date: Option<PartialDate>,
    nationality: Option<&str>,
    gender: Option<Gender>,
) -> Vec<Adjustment> {
    let mut out = Vec::new();
    if let Some(date) = birth_date {
        if let Some(a) = birth_date_adjustment(date, &entry.birth_dates) {
            out.push(a);
        }
    }
    if let (Some(n), false) = (nationality, entry.nationalities.is_empty()) {
        out.push(
            if entry
                .nationalities
                .iter()
                .any(|e| e.eq_ignore_ascii_case(n))
            {
                Adjustment {
                    factor: Factor::Nationality,
                    delta: tuning::SAME_NATIONALITY,
                    detail: format!("nationality {n} listed"),
                }
            } else {
                Adjustment {
                    factor: Factor::Nationality,
                    delta: tuning::OTHER_NATIONALITY,
                    detail: format!("nationality {n}; listed {}", entry.nationalities.join(", ")),
                }
            },
        );
    }
    if let (Some(g), Some(listed)) = (gender, entry.gender) {
        if g != listed {
            out.push(Adjustment {
                factor: Factor::Gender,
                delta: tuning::OTHER_GENDER,
                detail: format!("gender {g:?}; listed {listed:?}").to_lowercase(),
            });
        }
    }
    out
}

/// The most favourable reading over the entry's dates (lists give several).
fn birth_date_adjustment(query: PartialDate, listed: &[PartialDate]) -> Option<Adjustment> {
    listed
        .iter()
        .map(|l| compare_dates(query, *l))
        .max_by(|a, b| a.delta.total_cmp(&b.delta))
}

fn compare_dates(query: PartialDate, listed: PartialDate) -> Adjustment {
    let adjustment = |delta: f32, detail: String| Adjustment {
        factor: Factor::BirthDate,
        delta,
        detail,
    };
    if let (
        PartialDate::Day { year, month, day },
        PartialDate::Day {
            year: ly,
            month: lm,
            day: ld,
        },
    ) = (query, listed)
    {
        if (year, month, day) == (ly, lm, ld) {
            return adjustment(tuning::SAME_DAY, format!("same date of birth {listed}"));
        }
        if year == ly && month == ld && day == lm {
            return adjustment(
                tuning::SWAPPED_DAY_MONTH,
                format!("date of birth {query} is {listed} with day and month swapped"),
            );
        }
    }
    let (qa, qb) = query.years();
    let (la, lb) = listed.years();
    let gap = if qb < la {
        la - qb
    } else if lb < qa {
        qa - lb
    } else {
        0
    };
    if gap == 0 {
        adjustment(
            tuning::SAME_YEAR,
            format!("birth year of {query} agrees with listed {listed}"),
        )
    } else if gap <= tuning::YEARS_NEAR {
        adjustment(
            0.0,
            format!("born {query}, listed {listed}: {gap} year(s) apart"),
        )
    } else if gap < tuning::YEARS_FAR {
        adjustment(
            tuning::YEARS_APART,
            format!("born {query}, listed {listed}: {gap} years apart"),
        )
    } else {
        adjustment(
            tuning::YEARS_FAR_APART,
            format!("born {query}, listed {listed}: {gap} years apart"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::model::{EntryKind, ListSource};

    fn entry(dates: Vec<PartialDate>) -> ListEntry {
        let mut e = ListEntry::new(ListSource::Un, "X", EntryKind::Person, "A B");
        e.birth_dates = dates;
        e
    }

    fn delta(query: &str, listed: Vec<PartialDate>) -> f32 {
        let q = PartialDate::parse_iso(query).expect("date");
        adjustments(&entry(listed), Some(q), None, None)[0].delta
    }

    #[test]
    fn a_year_only_date_is_a_year_not_the_first_of_january() {
        let listed = vec![PartialDate::Year { year: 1965 }];
        assert_eq!(delta("1965-08-20", listed.clone()), tuning::SAME_YEAR);
        assert_eq!(
            delta(
                "1965",
                vec![PartialDate::Day {
                    year: 1965,
                    month: 12,
                    day: 31
                }]
            ),
            tuning::SAME_YEAR
        );
        assert_eq!(delta("1966", listed), 0.0);
    }

    #[test]
    fn exact_swapped_ranges_and_far_dates() {
        let day = PartialDate::Day {
            year: 1970,
            month: 3,
            day: 11,
        };
        assert_eq!(delta("1970-03-11", vec![day]), tuning::SAME_DAY);
        assert_eq!(delta("1970-11-03", vec![day]), tuning::SWAPPED_DAY_MONTH);
        assert_eq!(
            delta(
                "1952",
                vec![PartialDate::YearRange {
                    from: 1951,
                    to: 1953
                }]
            ),
            tuning::SAME_YEAR
        );
        assert_eq!(
            delta("1953", vec![PartialDate::ApproximateYear { year: 1951 }]),
            tuning::SAME_YEAR
        );
        assert_eq!(delta("1990", vec![day]), tuning::YEARS_FAR_APART);
        // The best of several listed dates counts.
        assert_eq!(
            delta("1990", vec![day, PartialDate::Year { year: 1990 }]),
            tuning::SAME_YEAR
        );
    }

    #[test]
    fn nationality_and_gender_only_count_when_both_sides_have_them() {
        let mut e = entry(vec![]);
        assert!(adjustments(&e, None, Some("IR"), Some(Gender::Male)).is_empty());
        e.nationalities = vec!["IR".into()];
        e.gender = Some(Gender::Female);
        let a = adjustments(&e, None, Some("IQ"), Some(Gender::Male));
        assert_eq!(
            a.iter().map(|a| a.factor).collect::<Vec<_>>(),
            [Factor::Nationality, Factor::Gender]
        );
        assert!(a.iter().all(|a| a.delta < 0.0));
    }
}
