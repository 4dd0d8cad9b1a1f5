use kyc_core::screening::model::{AliasQuality, EntryKind, Gender, ListEntry, PartialDate};

use super::*;
use crate::error::test_support::real_file;
use crate::error::test_support::{entry, fixture};

fn run(name: &str, bytes: &[u8], skip: bool) -> Result<Parsed, ImportError> {
    parse(File { name, bytes }, Reading::new(skip, &mut || {}))
}

fn aliases(entry: &ListEntry, quality: AliasQuality) -> Vec<&str> {
    entry
        .aliases
        .iter()
        .filter(|a| a.quality == quality)
        .map(|a| a.name.as_str())
        .collect()
}

#[test]
fn fixture_individuals_and_entities() {
    let mut records = 0;
    let parsed = parse(
        File {
            name: "un.xml",
            bytes: fixture!("un.xml"),
        },
        Reading::new(false, &mut || records += 1),
    )
    .unwrap();
    assert_eq!(records, 10);
    assert_eq!(parsed.entries.len(), 10);
    assert_eq!(parsed.version.as_deref(), Some("2026-02-27T00:00:09.554Z"));

    let zidane = entry(&parsed, "QDi.001");
    assert_eq!(zidane.kind, EntryKind::Person);
    assert_eq!(
        zidane.primary_name,
        "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"
    );
    assert_eq!(
        zidane.original_script_names,
        ["محمد صلاح الدين عبدالحليم زيدان"]
    );
    assert_eq!(
        aliases(zidane, AliasQuality::Strong),
        ["Sayf-Al Adl", "Muhamad Ibrahim Makkawi"]
    );
    assert_eq!(
        aliases(zidane, AliasQuality::Weak),
        ["Ibrahim al-Madani", "Saif Al-'Adil", "Seif al Adel"]
    );
    assert_eq!(
        zidane.birth_dates,
        [
            PartialDate::Day {
                year: 1963,
                month: 4,
                day: 11
            },
            PartialDate::Day {
                year: 1960,
                month: 4,
                day: 11
            }
        ]
    );
    assert_eq!(zidane.nationalities, ["EG"]);
    assert_eq!(zidane.programs, ["Al-Qaida"]);
    assert_eq!(zidane.gender, None);

    let omar = entry(&parsed, "TAi.004");
    assert!(
        omar.aliases.is_empty(),
        "the empty placeholder alias is ignored"
    );
    assert_eq!(
        omar.birth_dates,
        [
            PartialDate::ApproximateYear { year: 1966 },
            PartialDate::Year { year: 1960 },
            PartialDate::Year { year: 1953 }
        ]
    );
    assert_eq!(
        entry(&parsed, "CDi.030").birth_dates,
        [PartialDate::YearRange {
            from: 1973,
            to: 1974
        }]
    );
    assert_eq!(entry(&parsed, "CDi.030").gender, Some(Gender::Male));
    assert!(
        entry(&parsed, "CDi.004").birth_dates.is_empty(),
        "a NOTE-only date is not read"
    );

    let jang = entry(&parsed, "KPi.016");
    assert_eq!(
        jang.birth_dates,
        [
            PartialDate::Day {
                year: 1957,
                month: 4,
                day: 15
            },
            PartialDate::Day {
                year: 1958,
                month: 2,
                day: 22
            }
        ],
        "alias-level dates of birth count too"
    );
    assert_eq!(jang.nationalities, ["KP"]);

    let aghajani = entry(&parsed, "IRi.003");
    assert_eq!(aghajani.nationalities, ["IR"]);
    assert_eq!(
        aliases(aghajani, AliasQuality::Strong),
        ["Azim Adhajani", "Azim Agha-Jani"]
    );

    let mahmood = entry(&parsed, "QDi.356");
    assert_eq!(mahmood.gender, Some(Gender::Female));
    assert_eq!(mahmood.nationalities, ["GB"]);

    let umarov = entry(&parsed, "QDi.290");
    assert_eq!(umarov.original_script_names, ["Умаров Доку Хаматович"]);
    assert_eq!(
        umarov.nationalities,
        ["RU"],
        "former Soviet Union is dropped"
    );
    assert_eq!(umarov.aliases.len(), 2, "the repeated alias is kept once");
}

#[test]
fn entity_names_split_on_semicolons() {
    let parsed = run("un.xml", fixture!("un.xml"), false).unwrap();
    let cagl = entry(&parsed, "CDe.003");
    assert_eq!(cagl.kind, EntryKind::Organisation);
    assert_eq!(
        cagl.primary_name,
        "COMPAGNIE AERIENNE DES GRANDS LACS (CAGL)"
    );
    assert_eq!(
        aliases(cagl, AliasQuality::Strong),
        ["GREAT LAKES BUSINESS COMPANY (GLBC)", "CAGL"]
    );
    let adf = entry(&parsed, "CDe.001");
    assert_eq!(
        aliases(adf, AliasQuality::Strong).len(),
        4,
        "a.k.a. and f.k.a. are strong"
    );
}

#[test]
fn malformed_xml_names_the_line() {
    for skip in [false, true] {
        let error = run("UN_consolidated.xml", fixture!("un-malformed.xml"), skip).unwrap_err();
        assert_eq!(error.file, "UN_consolidated.xml");
        assert_eq!(error.line, Some(14), "{error}");
        assert!(
            error.message.starts_with("the file is not well-formed XML"),
            "{error}"
        );
    }
    let error = run("list.xml", b"<?xml version=\"1.0\"?><export/>", false).unwrap_err();
    assert_eq!(
        error.to_string(),
        "list.xml: this is not a UN consolidated list (no CONSOLIDATED_LIST element)"
    );
    let error = run("list.xml", b"<A>\n\xff</A>", false).unwrap_err();
    assert_eq!(
        error.to_string(),
        "list.xml, line 2: the file is not UTF-8 text"
    );
}

#[test]
fn entry_without_a_name_is_a_bad_record() {
    let error = run("un.xml", fixture!("un-noname.xml"), false).unwrap_err();
    assert_eq!(
        error.to_string(),
        "un.xml, line 10: entry XXi.002 has no name"
    );
    let parsed = run("un.xml", fixture!("un-noname.xml"), true).unwrap();
    assert_eq!(parsed.skipped, [error]);
    assert_eq!(parsed.entries.len(), 2);
    assert_eq!(
        parsed.entries[1].id, "3",
        "DATAID stands in for a missing REFERENCE_NUMBER"
    );
}

#[test]
fn real_un_list() {
    let Some(bytes) = real_file("un/UN_consolidated.xml") else {
        return;
    };
    let parsed = run("UN_consolidated.xml", &bytes, false).unwrap();
    let people = parsed
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Person)
        .count();
    let organisations = parsed
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Organisation)
        .count();
    assert_eq!((people, organisations), (730, 273));
    assert_eq!(parsed.version.as_deref(), Some("2026-02-27T00:00:09.554Z"));
    let badege = entry(&parsed, "CDi.001");
    assert_eq!(badege.primary_name, "ERIC BADEGE");
    assert_eq!(badege.birth_dates, [PartialDate::Year { year: 1971 }]);
    assert_eq!(badege.nationalities, ["CD"]);
    assert_eq!(badege.gender, Some(Gender::Male));
    let yun = entry(&parsed, "KPi.001");
    assert_eq!(
        yun.birth_dates,
        [PartialDate::Day {
            year: 1944,
            month: 10,
            day: 13
        }]
    );
    assert_eq!(yun.nationalities, ["KP"]);
    // Every listed nationality but "na" and "former Soviet Union" is understood.
    let with_nationality = parsed
        .entries
        .iter()
        .filter(|e| !e.nationalities.is_empty())
        .count();
    assert!(with_nationality >= 620, "{with_nationality}");
    assert_eq!(
        parsed.entries.iter().filter(|e| e.gender.is_some()).count(),
        54
    );
}

#[test]
fn a_date_with_unknown_parts_keeps_its_year() {
    let xml =
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME>\
               <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1960-00-00</DATE>\
               </INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>";
    let parsed = run("un.xml", xml.as_bytes(), false).unwrap();
    assert_eq!(
        parsed.entries[0].birth_dates,
        [PartialDate::Year { year: 1960 }]
    );
}
