use kyc_core::screening::model::PartialDate::{ApproximateYear, Day, Month, Year, YearRange};
use kyc_core::screening::model::{AliasQuality, EntryKind, Gender, ListEntry, ListSource};

use super::*;
use crate::error::test_support::{entry, fixture};

mod real;

fn file<'a>(name: &'a str, bytes: &'a [u8]) -> File<'a> {
    File { name, bytes }
}

fn parse_primary(name: &str, bytes: &[u8], skip: bool) -> Result<Parsed, ImportError> {
    parse(
        file(name, bytes),
        None,
        None,
        None,
        ListSource::OfacSdn,
        Reading::new(skip, &mut || {}),
    )
}

fn with_alt(primary: &[u8], alt: &[u8], skip: bool) -> Result<Parsed, ImportError> {
    let (primary, alt) = (file("sdn.csv", primary), file("alt.csv", alt));
    parse(
        primary,
        Some(alt),
        None,
        None,
        ListSource::OfacSdn,
        Reading::new(skip, &mut || {}),
    )
}

fn names(entry: &ListEntry, quality: AliasQuality) -> Vec<&str> {
    entry
        .aliases
        .iter()
        .filter(|a| a.quality == quality)
        .map(|a| a.name.as_str())
        .collect()
}

fn fixture_set(records: &mut usize) -> Parsed {
    parse(
        file("sdn.csv", fixture!("ofac-sdn.csv")),
        Some(file("alt.csv", fixture!("ofac-alt.csv"))),
        Some(file("add.csv", fixture!("ofac-add.csv"))),
        Some(file("sdn_comments.csv", fixture!("ofac-sdn_comments.csv"))),
        ListSource::OfacSdn,
        Reading::new(false, &mut || *records += 1),
    )
    .unwrap()
}

#[test]
fn fixture_set_reads_every_entry() {
    let mut records = 0;
    let parsed = fixture_set(&mut records);
    assert_eq!(parsed.entries.len(), 11);
    assert_eq!(
        records,
        11 + 23 + 11 + 1,
        "one call per record in every file"
    );
    assert!(parsed.skipped.is_empty());
    assert_eq!(parsed.version, None);

    let zawahiri = entry(&parsed, "2676");
    assert_eq!(zawahiri.source, ListSource::OfacSdn);
    assert_eq!(zawahiri.kind, EntryKind::Person);
    assert_eq!(zawahiri.primary_name, "AL ZAWAHIRI, Dr. Ayman");
    assert_eq!(
        zawahiri.birth_dates,
        [Day {
            year: 1951,
            month: 6,
            day: 19
        }]
    );
    assert_eq!(names(zawahiri, AliasQuality::Strong).len(), 3);
    assert_eq!(zawahiri.programs, ["SDGT"]);
    assert!(
        zawahiri.nationalities.is_empty(),
        "a place of birth is not a nationality"
    );
    let bin_ladin = entry(&parsed, "6365");
    assert_eq!(
        bin_ladin.birth_dates,
        [
            Day {
                year: 1957,
                month: 7,
                day: 30
            },
            Year { year: 1958 }
        ]
    );

    let org = entry(&parsed, "7160");
    assert_eq!(org.kind, EntryKind::Organisation);
    assert!(org.aliases.is_empty() && org.birth_dates.is_empty());
    assert_eq!(entry(&parsed, "4234").kind, EntryKind::Vessel);
    assert_eq!(entry(&parsed, "15431").kind, EntryKind::Aircraft);
}

#[test]
fn weak_aliases_come_from_remarks_even_with_inner_quotes() {
    let parsed = fixture_set(&mut 0);
    let ghailani = entry(&parsed, "6925");
    let weak = [
        "AHMED, A.",
        "KHABAR, Abu",
        "BAKR, Abu",
        "FOOPIE",
        "FUPI",
        "AHMED THE TANZANIAN",
    ];
    assert_eq!(names(ghailani, AliasQuality::Weak), weak);
    assert_eq!(names(ghailani, AliasQuality::Strong).len(), 4);
    assert_eq!(ghailani.nationalities, ["TZ"], "citizen Tanzania");
    assert_eq!(ghailani.birth_dates.len(), 4);
}

#[test]
fn remarks_continue_in_the_comments_file_mid_word() {
    let parsed = fixture_set(&mut 0);
    let tian = entry(&parsed, "28263");
    assert_eq!(tian.programs, ["DPRK3", "CYBER2"]);
    assert_eq!(tian.nationalities, ["CN"]);
    let weak = names(tian, AliasQuality::Weak);
    assert_eq!(weak.last(), Some(&"snowsjohn"), "{weak:?}");
    // Without the comments file the cut-off alias is dropped, not guessed.
    let alone = parse_primary("sdn.csv", fixture!("ofac-sdn.csv"), false).unwrap();
    let weak = names(entry(&alone, "28263"), AliasQuality::Weak);
    assert!(!weak.iter().any(|n| n.starts_with("snowsjo")), "{weak:?}");
}

#[test]
fn dates_nationalities_and_gender_from_remarks() {
    let parsed = fixture_set(&mut 0);
    let akhras = entry(&parsed, "30745");
    assert_eq!(
        akhras.birth_dates,
        [Month {
            year: 1949,
            month: 11
        }]
    );
    assert_eq!(akhras.nationalities, ["GB", "SY"]);
    assert_eq!(akhras.gender, Some(Gender::Female));
    let range = YearRange {
        from: 1961,
        to: 1962,
    };
    assert_eq!(entry(&parsed, "15962").birth_dates, [range]);
    let rezaie = entry(&parsed, "10479");
    assert_eq!(rezaie.birth_dates, [ApproximateYear { year: 1956 }]);
    assert_eq!(rezaie.nationalities, ["IR"]);
}

#[test]
fn fka_and_nka_are_strong_aliases() {
    let parsed = fixture_set(&mut 0);
    let aero = entry(&parsed, "8244");
    assert!(names(aero, AliasQuality::Strong).contains(&"NUEVO CONTINENTE S.A."));
    assert_eq!(aero.aliases.len(), 7);
}

#[test]
fn strict_mode_names_file_and_line_of_the_first_bad_record() {
    let files = [
        fixture!("ofac-sdn-bad-columns.csv"),
        fixture!("ofac-sdn-bad-entnum.csv"),
        fixture!("ofac-sdn-duplicate.csv"),
        fixture!("ofac-sdn-noname.csv"),
        fixture!("ofac-sdn-truncated.csv"),
    ];
    let expected = [
        ("line 3: expected 12 columns, found 11", 2),
        ("line 2: ent_num \"10O2\" is not a number", 2),
        ("line 4: ent_num 1001 appears twice (first on line 1)", 3),
        ("line 2: entry 1002 has no name", 2),
        ("line 3: the record is cut off", 2),
    ];
    let name = "sdn.csv";
    for (bytes, (expected, kept)) in files.into_iter().zip(expected) {
        let error = parse_primary(name, bytes, false).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("{name}, {expected}")),
            "{error}"
        );
        let lenient = parse_primary(name, bytes, true).unwrap();
        assert_eq!(lenient.skipped, [error], "{name}");
        assert_eq!(lenient.entries.len(), kept, "{name}");
    }
}

#[test]
fn rows_of_other_files_must_belong_to_the_primary_file() {
    let orphan = fixture!("ofac-alt-orphan.csv");
    // The duplicate is skipped first in lenient mode; the orphan alias is reported too.
    let parsed = with_alt(fixture!("ofac-sdn-duplicate.csv"), orphan, true).unwrap();
    let message = parsed.skipped[1].to_string();
    assert_eq!(
        message,
        "alt.csv, line 3: alias row for ent_num 99999, which is not in sdn.csv"
    );
    assert_eq!(entry(&parsed, "1002").aliases[0].name, "BETA, Johnny");

    let primary = fixture!("ofac-sdn-bad-columns.csv");
    let error = with_alt(primary, orphan, false).unwrap_err();
    assert_eq!(error.line, Some(3), "{error}");
    // Lenient: entry 1003 is left out and the alias of the unknown 99999 is reported.
    assert_eq!(with_alt(primary, orphan, true).unwrap().skipped.len(), 2);
}

#[test]
fn classify_recognises_set_files() {
    let cases = [
        ("sdn.csv", ListSource::OfacSdn, OfacRole::Primary),
        (
            "/data/ofac/SDN_COMMENTS.CSV",
            ListSource::OfacSdn,
            OfacRole::Comments,
        ),
        ("C:\\ofac\\add.csv", ListSource::OfacSdn, OfacRole::Add),
        (
            "cons_prim.csv",
            ListSource::OfacConsolidated,
            OfacRole::Primary,
        ),
        ("cons_alt.csv", ListSource::OfacConsolidated, OfacRole::Alt),
        (
            "cons_comments.csv",
            ListSource::OfacConsolidated,
            OfacRole::Comments,
        ),
    ];
    for (name, source, role) in cases {
        assert_eq!(classify(name), Some(OfacPart { source, role }), "{name}");
    }
    assert_eq!(classify("sdn.xml"), None);
    let error = partial_set(ListSource::OfacSdn, "alt.csv").to_string();
    let expected = "alt.csv: the OFAC SDN set is incomplete: sdn.csv is missing, so it is refused as a partial set";
    assert_eq!(error, expected);
}

#[test]
fn a_remark_continued_after_a_space_keeps_the_space() {
    let primary =
        b"1,\"X, Y\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 12\"\r\n\x1a";
    let comments = file(
        "sdn_comments.csv",
        b"1,\" Jul 1960; a.k.a. 'ZED'.\"\r\n\x1a",
    );
    let parsed = parse(
        file("sdn.csv", primary),
        None,
        None,
        Some(comments),
        ListSource::OfacSdn,
        Reading::new(false, &mut || {}),
    );
    let entry = &parsed.unwrap().entries[0];
    assert_eq!(
        entry.birth_dates,
        [Day {
            year: 1960,
            month: 7,
            day: 12
        }]
    );
    assert_eq!(names(entry, AliasQuality::Weak), ["ZED"]);
}
