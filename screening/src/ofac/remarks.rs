//! OFAC's free-text Remarks: the only place the legacy CSV gives dates of birth,
//! nationality, citizenship, gender and the weak ("low quality") a.k.a.s. Also the reader
//! for OFAC-style dates, which the Consolidated Screening List copies.

use kyc_core::screening::model::{AliasQuality, Gender, ListEntry, PartialDate};

use crate::error::input::{add_alias, add_date, add_nationality};

/// Adds what the remarks say to the entry. Unreadable parts are passed over: a remark
/// never makes a record bad.
pub(crate) fn apply(entry: &mut ListEntry, remarks: &str) {
    for item in items(remarks) {
        match item {
            Item::Alias(name) => add_alias(entry, unquote(name), AliasQuality::Weak),
            Item::Text(text) => apply_item(entry, text.trim().trim_end_matches('.').trim_end()),
        }
    }
}

fn apply_item(entry: &mut ListEntry, item: &str) {
    let item = item.strip_prefix("alt. ").unwrap_or(item);
    if let Some(date) = item.strip_prefix("DOB ") {
        if let Some(date) = parse_date(date) {
            add_date(entry, date);
        }
    } else if let Some(country) = item
        .strip_prefix("nationality")
        .or_else(|| item.strip_prefix("citizen "))
    {
        let country = country.trim_start_matches([':', ' ']);
        let country = country.strip_prefix("possibly ").unwrap_or(country);
        add_nationality(entry, country.strip_prefix("Region: ").unwrap_or(country));
    } else if let Some(gender) = item.strip_prefix("Gender ") {
        if entry.gender.is_none() {
            entry.gender = Gender::parse(gender);
        }
    }
}

#[derive(Debug, PartialEq)]
enum Item<'a> {
    /// The text between the quotes of `a.k.a. '...'` (also f.k.a., n.k.a.).
    Alias(&'a str),
    /// Any other `;`-separated item.
    Text(&'a str),
}

const ALIAS_OPENERS: [&str; 3] = ["a.k.a. '", "f.k.a. '", "n.k.a. '"];

/// Splits remarks into items. Alias names may hold quotes and semicolons, so an alias ends
/// only at a quote followed by `;`, `. ` or the end of the text. An alias cut off by a
/// truncated remark (no closing quote) ends the reading.
fn items(remarks: &str) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let mut rest = remarks;
    loop {
        rest = rest.trim_start_matches([' ', ';']);
        if rest.is_empty() {
            break;
        }
        if let Some(after) = ALIAS_OPENERS
            .iter()
            .find_map(|opener| rest.strip_prefix(opener))
        {
            let Some(end) = closing_quote(after) else {
                break;
            };
            items.push(Item::Alias(&after[..end]));
            rest = after[end + 1..].trim_start().trim_start_matches('.');
            continue;
        }
        let (item, next) = rest.split_once(';').unwrap_or((rest, ""));
        items.push(Item::Text(item));
        rest = next;
    }
    items
}

fn closing_quote(text: &str) -> Option<usize> {
    text.match_indices('\'').map(|(i, _)| i).find(|&i| {
        let after = &text[i + 1..];
        let trimmed = after.trim_start();
        trimmed.is_empty()
            || trimmed.starts_with(';')
            || after
                .strip_prefix('.')
                .is_some_and(|a| a.is_empty() || a.starts_with(char::is_whitespace))
    })
}

/// `'FOOPIE'` written inside the alias quotes loses its extra pair; a lone leading quote
/// (an Arabic ayn, `'ABD AL-...`) stays.
fn unquote(name: &str) -> &str {
    let name = name.trim();
    match name.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')) {
        Some(inner) if !inner.is_empty() => inner,
        _ => name,
    }
}

/// Reads an OFAC-style date: `10 Dec 1948`, `Sep 1938`, `1946`, `circa 1951`,
/// `circa 10 Dec 1948`, `1951 to 1953`, `01 Jan 1961 to 31 Dec 1962`, `circa 1979-1982`
/// and ISO `1948-12-10`. A year alone stays a year.
pub(crate) fn parse_date(text: &str) -> Option<PartialDate> {
    let text = text.trim().trim_end_matches('.').trim_end();
    let lower = text.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("circa ")
        .or_else(|| lower.strip_prefix("approximately "))
    {
        // A circa range stays a range; anything else becomes its year, give or take.
        return match parse_date(rest)? {
            range @ PartialDate::YearRange { .. } => Some(range),
            date => Some(PartialDate::ApproximateYear {
                year: date.years().0,
            }),
        };
    }
    if let Some((from, to)) = lower.split_once(" to ") {
        let (from, to) = (single(from)?.years().0, single(to)?.years().1);
        return Some(PartialDate::YearRange { from, to });
    }
    if let Some((from, to)) = year_pair(&lower) {
        return Some(PartialDate::YearRange { from, to });
    }
    single(&lower)
}

fn year_pair(text: &str) -> Option<(i32, i32)> {
    let (from, to) = text.split_once('-')?;
    match (year(from)?, year(to)?) {
        (from, to) if from <= to => Some((from, to)),
        _ => None,
    }
}

/// One date: `10 dec 1948`, `dec 1948`, `1948` or ISO.
fn single(text: &str) -> Option<PartialDate> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words[..] {
        [day, month_name, y] => {
            let (year, month, day) = (year(y)?, month(month_name)?, day.parse::<u8>().ok()?);
            (day >= 1 && day <= days_in_month(year, month)).then_some(PartialDate::Day {
                year,
                month,
                day,
            })
        }
        [month_name, y] => Some(PartialDate::Month {
            year: year(y)?,
            month: month(month_name)?,
        }),
        [one] if one.contains('-') => PartialDate::parse_iso(one),
        [y] => Some(PartialDate::Year { year: year(y)? }),
        _ => None,
    }
}

fn year(text: &str) -> Option<i32> {
    let text = text.trim();
    if text.len() != 4 {
        return None;
    }
    text.parse().ok().filter(|y| (1000..=2999).contains(y))
}

fn month(word: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let index = NAMES.iter().position(|name| name.starts_with(&word))?;
    u8::try_from(index + 1).ok()
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kyc_core::screening::model::{EntryKind, ListSource};

    #[test]
    fn dates_in_every_form_ofac_writes() {
        use PartialDate::*;
        let cases = [
            (
                "10 Dec 1948",
                Some(Day {
                    year: 1948,
                    month: 12,
                    day: 10,
                }),
            ),
            ("1946", Some(Year { year: 1946 })),
            (
                "Sep 1938",
                Some(Month {
                    year: 1938,
                    month: 9,
                }),
            ),
            ("circa 1951", Some(ApproximateYear { year: 1951 })),
            ("circa 10 Dec 1948", Some(ApproximateYear { year: 1948 })),
            (
                "circa 1960 to 1962",
                Some(YearRange {
                    from: 1960,
                    to: 1962,
                }),
            ),
            (
                "1951 to 1953",
                Some(YearRange {
                    from: 1951,
                    to: 1953,
                }),
            ),
            (
                "01 Jan 1961 to 31 Dec 1962",
                Some(YearRange {
                    from: 1961,
                    to: 1962,
                }),
            ),
            (
                "Jan 1961 to Mar 1962.",
                Some(YearRange {
                    from: 1961,
                    to: 1962,
                }),
            ),
            (
                "circa 1979-1982",
                Some(YearRange {
                    from: 1979,
                    to: 1982,
                }),
            ),
            (
                "1968-02-11",
                Some(Day {
                    year: 1968,
                    month: 2,
                    day: 11,
                }),
            ),
            ("1968.", Some(Year { year: 1968 })),
            ("31 Feb 1970", None),
            ("12 Oc", None),
            ("unknown", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text), expected, "{text}");
        }
    }

    #[test]
    fn items_split_on_semicolons_but_not_inside_aliases() {
        let remarks = "DOB 14 Mar 1974; a.k.a. 'AHMED, A.'; a.k.a. ''FOOPIE''; a.k.a. 'AL-QA'QA'; \
                       a.k.a. 'EL PATRON''. Linked To: X; a.k.a. ''AHMED THE TANZANIAN''.";
        let got = items(remarks);
        assert_eq!(
            got,
            [
                Item::Text("DOB 14 Mar 1974"),
                Item::Alias("AHMED, A."),
                Item::Alias("'FOOPIE'"),
                Item::Alias("AL-QA'QA"),
                Item::Alias("EL PATRON'"),
                Item::Text("Linked To: X"),
                Item::Alias("'AHMED THE TANZANIAN'"),
            ]
        );
        assert_eq!(unquote("'FOOPIE'"), "FOOPIE");
        assert_eq!(unquote("'ABD-AL-'IZ"), "'ABD-AL-'IZ");
    }

    #[test]
    fn a_cut_off_alias_is_dropped() {
        assert_eq!(items("a.k.a. 'ONE'; a.k.a. 'snowsjo"), [Item::Alias("ONE")]);
    }

    #[test]
    fn remarks_fill_the_entry() {
        let mut entry = ListEntry::new(ListSource::OfacSdn, "1", EntryKind::Person, "X, Y");
        apply(
            &mut entry,
            "DOB Nov 1949; alt. DOB 1951 to 1953; DOB bogus; nationality United Kingdom; alt. nationality Syria; \
             citizen possibly Palestinian; nationality Region: Gaza; nationality Atlantis; Gender Female; Nationality of Registration Russia; \
             a.k.a. 'ABU ALI'.",
        );
        assert_eq!(
            entry.birth_dates,
            [
                PartialDate::Month {
                    year: 1949,
                    month: 11
                },
                PartialDate::YearRange {
                    from: 1951,
                    to: 1953
                }
            ]
        );
        assert_eq!(entry.nationalities, ["GB", "SY", "PS"]);
        assert_eq!(entry.gender, Some(Gender::Female));
        assert_eq!(entry.aliases.len(), 1);
        assert_eq!(entry.aliases[0].quality, AliasQuality::Weak);
    }
}
