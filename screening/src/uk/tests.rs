use kyc_core::screening::model::{Alias, AliasQuality, EntryKind, Gender, PartialDate};

use super::*;
use crate::error::test_support::{entry, fixture};

fn run(name: &str, bytes: &[u8], skip: bool) -> Result<Parsed, ImportError> {
    parse(File { name, bytes }, Reading::new(skip, &mut || {}))
}

fn alias(name: &str, quality: AliasQuality) -> Alias {
    Alias {
        name: name.to_string(),
        quality,
    }
}

#[test]
fn rows_grouped_into_targets() {
    let mut records = 0;
    let parsed = parse(
        File {
            name: "ConList.csv",
            bytes: fixture!("uk.csv"),
        },
        Reading::new(false, &mut || records += 1),
    )
    .unwrap();
    assert_eq!((parsed.entries.len(), records), (4, 8));
    assert_eq!(parsed.version.as_deref(), Some("2024-05-03"));

    let ivan = entry(&parsed, "90001");
    assert_eq!(ivan.kind, EntryKind::Person);
    assert_eq!(ivan.primary_name, "Ivan Petrovich SAMPLEOV");
    assert_eq!(
        ivan.aliases,
        [
            alias("Vanya SAMPLEOV", AliasQuality::Weak),
            alias("Ivan SAMPLEYEV", AliasQuality::Strong)
        ]
    );
    assert_eq!(ivan.original_script_names, ["Иван Петрович САМПЛЕОВ"]);
    assert_eq!(
        ivan.birth_dates,
        [
            PartialDate::Day {
                year: 1961,
                month: 3,
                day: 14
            },
            PartialDate::Year { year: 1962 }
        ]
    );
    assert_eq!(ivan.nationalities, ["RU"]);
    assert_eq!(ivan.programs, ["Russia"]);

    let company = entry(&parsed, "90002");
    assert_eq!(company.kind, EntryKind::Organisation);
    assert_eq!(
        company.primary_name, "EXAMPLE MARITIME COMPANY",
        "the primary name row wins wherever it is"
    );
    assert_eq!(
        company.aliases,
        [alias("EXAMPLE SHIPPING LINES", AliasQuality::Strong)]
    );
    assert!(
        company.nationalities.is_empty(),
        "an address country is not a nationality"
    );

    let maryam = entry(&parsed, "90003");
    assert_eq!(
        maryam.birth_dates,
        [
            PartialDate::Month {
                year: 1970,
                month: 5
            },
            PartialDate::Year { year: 1971 }
        ]
    );
    assert_eq!(maryam.nationalities, ["SY", "LB", "KP"]);
    assert!(
        maryam.aliases.is_empty(),
        "a variation equal to the primary name is not repeated"
    );
    assert_eq!(entry(&parsed, "90004").kind, EntryKind::Vessel);
}

#[test]
fn bad_rows() {
    let error = run("ConList.csv", fixture!("uk-bad.csv"), false).unwrap_err();
    assert_eq!(
        error.to_string(),
        "ConList.csv, line 5: row has no Group ID"
    );
    let parsed = run("ConList.csv", fixture!("uk-bad.csv"), true).unwrap();
    let messages: Vec<String> = parsed.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "ConList.csv, line 5: row has no Group ID",
            "ConList.csv, line 6: expected 36 columns, found 35"
        ]
    );
    assert_eq!(parsed.entries.len(), 1);
    let error = run("x.csv", b"Last Updated,03/05/2024\nName,Type\nA,B\n", false).unwrap_err();
    assert_eq!(
        error.to_string(),
        "x.csv, line 2: this is not a UK consolidated list: the header has no Group ID column"
    );
    let header = "Name 6,Name 1,Group Type,Group ID\n";
    let error = run(
        "x.csv",
        format!("{header},,Individual,7\n").as_bytes(),
        false,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "x.csv, line 2: row of group 7 has no name"
    );
}

#[test]
fn newer_uk_sanctions_list_layout() {
    let parsed = run(
        "UK_Sanctions_List.csv",
        fixture!("uk-sanctions-list.csv"),
        false,
    )
    .unwrap();
    assert_eq!(parsed.version.as_deref(), Some("02-Feb-2026"));
    assert_eq!(parsed.entries.len(), 2);
    let ivan = entry(&parsed, "RUS9001");
    assert_eq!(ivan.gender, Some(Gender::Male));
    assert_eq!(ivan.aliases, [alias("Vanya SAMPLEOV", AliasQuality::Weak)]);
    assert_eq!(
        ivan.birth_dates,
        [PartialDate::Day {
            year: 1961,
            month: 3,
            day: 14
        }]
    );
}

#[test]
fn dates_and_numbered_items() {
    assert_eq!(
        uk_date("00/00/1965"),
        Some(PartialDate::Year { year: 1965 })
    );
    assert_eq!(
        uk_date("00/07/1965"),
        Some(PartialDate::Month {
            year: 1965,
            month: 7
        })
    );
    assert_eq!(
        uk_date("31/07/1965"),
        Some(PartialDate::Day {
            year: 1965,
            month: 7,
            day: 31
        })
    );
    assert_eq!(uk_date("1965"), None);
    assert_eq!(uk_date(""), None);
    assert_eq!(
        numbered_items("(1) Russia (2) Ukraine"),
        ["Russia", "Ukraine"]
    );
    assert_eq!(
        numbered_items("Iran (Islamic Republic of)"),
        ["Iran (Islamic Republic of)"]
    );
}
