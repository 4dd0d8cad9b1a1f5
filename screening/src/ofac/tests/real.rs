//! The real OFAC files in the shared data directory (skipped when it is absent).

use kyc_core::screening::model::{EntryKind, ListSource};

use super::super::*;
use super::{file, names, parse_primary};
use crate::error::test_support::{entry, real_file};
use kyc_core::screening::model::AliasQuality;
use kyc_core::screening::model::PartialDate::{Month, YearRange};

const SDN_SET: [&str; 4] = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"];
const CONS_SET: [&str; 4] = [
    "cons_prim.csv",
    "cons_alt.csv",
    "cons_add.csv",
    "cons_comments.csv",
];

fn real_set(
    dir: &str,
    names: [&str; 4],
    source: ListSource,
    skip: bool,
) -> Option<Result<Parsed, ImportError>> {
    let bytes: Vec<Vec<u8>> = names
        .iter()
        .map(|n| real_file(&format!("ofac/{dir}/{n}")))
        .collect::<Option<_>>()?;
    let [primary, alt, add, comments] = [0, 1, 2, 3].map(|i| file(names[i], &bytes[i]));
    Some(parse(
        primary,
        Some(alt),
        Some(add),
        Some(comments),
        source,
        Reading::new(skip, &mut || {}),
    ))
}

fn people(parsed: &Parsed) -> usize {
    parsed
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Person)
        .count()
}

#[test]
fn real_sdn_2021_07_complete_set() {
    let Some(parsed) = real_set("sdn-2021-07", SDN_SET, ListSource::OfacSdn, false) else {
        return;
    };
    let parsed = parsed.unwrap();
    assert_eq!((parsed.entries.len(), people(&parsed)), (8976, 4620));
    let strong: usize = parsed
        .entries
        .iter()
        .map(|e| names(e, AliasQuality::Strong).len())
        .sum();
    assert!(strong > 11_000, "{strong}");
    assert!(names(entry(&parsed, "28263"), AliasQuality::Weak).contains(&"snowsjohn"));
    assert!(names(entry(&parsed, "6925"), AliasQuality::Weak).contains(&"FOOPIE"));
    let nomura = YearRange {
        from: 1946,
        to: 1946,
    };
    assert_eq!(
        entry(&parsed, "16605").birth_dates,
        [nomura],
        "26 Sep 1946 to 07 Dec 1946"
    );
    assert_eq!(
        entry(&parsed, "30506").birth_dates,
        [Month {
            year: 1957,
            month: 1
        }]
    );
}

#[test]
fn real_tiny_fixture_has_orphans() {
    let Some(strict) = real_set("tiny-fixture", SDN_SET, ListSource::OfacSdn, false) else {
        return;
    };
    let error = strict.unwrap_err().to_string();
    assert_eq!(
        error,
        "alt.csv, line 1: alias row for ent_num 10416, which is not in sdn.csv"
    );
    let Some(lenient) = real_set("tiny-fixture", SDN_SET, ListSource::OfacSdn, true) else {
        return;
    };
    let lenient = lenient.unwrap();
    assert_eq!(lenient.entries.len(), 17);
    assert_eq!(lenient.skipped.len(), 9, "5 alias and 4 address orphans");
}

#[test]
fn real_partial_set_and_other_sets() {
    if let Some(bytes) = real_file("ofac/sdn-2025-12-partial/alt.csv") {
        let parts: Vec<_> = ["alt.csv", "add.csv", "sdn_comments.csv"]
            .iter()
            .filter_map(|n| classify(n))
            .collect();
        assert!(
            parts.iter().all(|p| p.role != OfacRole::Primary),
            "a directory scan refuses the set"
        );
        let error = parse_primary("alt.csv", &bytes, false)
            .unwrap_err()
            .to_string();
        assert!(error.contains("expected 12 columns"), "{error}");
    }
    if let Some(parsed) = real_set(
        "non-sdn-cons-2025-12",
        CONS_SET,
        ListSource::OfacConsolidated,
        false,
    ) {
        let parsed = parsed.unwrap();
        assert_eq!(parsed.entries.len(), 442);
        assert!(parsed
            .entries
            .iter()
            .all(|e| e.source == ListSource::OfacConsolidated));
    }
    if let Some(bytes) = real_file("ofac/sdn-2024-05/sdn.csv") {
        let parsed = parse_primary("sdn.csv", &bytes, false).unwrap();
        assert_eq!((parsed.entries.len(), people(&parsed)), (14965, 6854));
    }
}
