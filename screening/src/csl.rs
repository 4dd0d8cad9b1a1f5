//! The US Consolidated Screening List (trade.gov CSV): UTF-8, a header of 29 columns
//! (`_id, source, entity_number, type, programs, name, ..., alt_names, citizenships,
//! dates_of_birth, nationalities, ..., ids`), repeated as the second line in published
//! files. Fields may span lines. `source` names the sub-list (SDN, Entity List, Denied
//! Persons List...); the same party can appear once per sub-list with the same `_id`.

use kyc_core::screening::model::{AliasQuality, EntryKind, Gender, ListEntry, ListSource};

use crate::error::input::{
    add_alias, add_date, add_nationality, add_program, clean, csv_rows, Row,
};
use crate::error::{File, ImportError, Parsed, Reading, Records};
use crate::ofac::remarks::parse_date;

/// The columns read, by header name.
struct Columns {
    id: usize,
    source: usize,
    kind: usize,
    programs: usize,
    name: usize,
    alt_names: usize,
    citizenships: usize,
    dates_of_birth: usize,
    nationalities: usize,
    ids: usize,
}

impl Columns {
    fn find(header: &[String]) -> Result<Columns, String> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h.trim() == name)
                .ok_or_else(|| format!("the header has no {name} column"))
        };
        Ok(Columns {
            id: find("_id")?,
            source: find("source")?,
            kind: find("type")?,
            programs: find("programs")?,
            name: find("name")?,
            alt_names: find("alt_names")?,
            citizenships: find("citizenships")?,
            dates_of_birth: find("dates_of_birth")?,
            nationalities: find("nationalities")?,
            ids: find("ids")?,
        })
    }
}

/// Parses a CSL file. `reading.on_record` is called once per data record (not for header lines).
/// The CSL states no version in the file.
pub fn parse(file: File<'_>, reading: Reading<'_>) -> Result<Parsed, ImportError> {
    let mut records = Records::new(reading);
    let mut rows = csv_rows(file)?.into_iter();
    let header = rows
        .next()
        .ok_or_else(|| ImportError::file(file.name, "the file is empty"))??;
    let columns = Columns::find(&header.fields).map_err(|m| {
        ImportError::at(
            file.name,
            header.line,
            format!("this is not a Consolidated Screening List: {m}"),
        )
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                records.count();
                records.report(problem)?;
                continue;
            }
        };
        if row.fields == header.fields {
            continue; // the repeated header
        }
        records.count();
        match entry(&row, &columns, header.fields.len()) {
            Ok(entry) => entries.push(entry),
            Err(message) => records.report(ImportError::at(file.name, row.line, message))?,
        }
    }
    Ok(records.finish(entries, None))
}

fn entry(row: &Row, columns: &Columns, width: usize) -> Result<ListEntry, String> {
    if row.fields.len() != width {
        return Err(format!(
            "expected {width} columns, found {}",
            row.fields.len()
        ));
    }
    let field = |i: usize| row.fields[i].trim();
    let id = field(columns.id);
    if id.is_empty() {
        return Err("record has no _id".to_string());
    }
    let mut name = clean(field(columns.name));
    // Nonproliferation (ISN) names end "; and any successor, sub-unit, or subsidiary thereof".
    if let Some(cut) = name.to_ascii_lowercase().find("; and any successor") {
        name.truncate(cut);
    }
    if name.is_empty() {
        return Err(format!("entry {id} has no name"));
    }
    let kind = match field(columns.kind).to_ascii_lowercase().as_str() {
        "individual" => EntryKind::Person,
        "entity" => EntryKind::Organisation,
        "vessel" => EntryKind::Vessel,
        "aircraft" => EntryKind::Aircraft,
        _ => EntryKind::Unknown,
    };
    let mut entry = ListEntry::new(ListSource::UsCsl, id, kind, name);
    add_program(&mut entry, field(columns.source));
    for program in field(columns.programs).split(';') {
        add_program(&mut entry, program);
    }
    for alias in field(columns.alt_names).split(';') {
        add_alias(&mut entry, alias, AliasQuality::Strong);
    }
    for date in field(columns.dates_of_birth)
        .split(';')
        .filter_map(parse_date)
    {
        add_date(&mut entry, date);
    }
    for country in [columns.nationalities, columns.citizenships]
        .into_iter()
        .flat_map(|c| field(c).split(';'))
    {
        add_nationality(&mut entry, country);
    }
    // The ids column carries "Gender, Male" among the identity documents.
    entry.gender = field(columns.ids).split(';').find_map(|item| {
        let (label, value) = item.split_once(',')?;
        (label.trim() == "Gender")
            .then(|| Gender::parse(value))
            .flatten()
    });
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::test_support::real_file;
    use crate::error::test_support::{entry, fixture};
    use kyc_core::screening::model::PartialDate;

    fn run(name: &str, bytes: &[u8], skip: bool) -> Result<Parsed, ImportError> {
        parse(File { name, bytes }, Reading::new(skip, &mut || {}))
    }

    #[test]
    fn fixture_records() {
        let mut records = 0;
        let parsed = parse(
            File {
                name: "csl.csv",
                bytes: fixture!("csl.csv"),
            },
            Reading::new(false, &mut || records += 1),
        )
        .unwrap();
        assert_eq!(
            (parsed.entries.len(), records),
            (10, 10),
            "both header lines skipped"
        );
        let zomor = entry(&parsed, "2677");
        assert_eq!(zomor.kind, EntryKind::Person);
        assert_eq!(zomor.primary_name, "AL-ZOMOR, Abboud Abdul Latif Hassan");
        assert_eq!(
            zomor.birth_dates,
            [PartialDate::Day {
                year: 1947,
                month: 4,
                day: 19
            }]
        );
        assert_eq!(zomor.nationalities, ["EG"]);
        assert_eq!(zomor.gender, Some(Gender::Male));
        assert_eq!(
            zomor.programs[0],
            "Specially Designated Nationals (SDN) - Treasury Department"
        );
        assert!(
            zomor
                .aliases
                .iter()
                .all(|a| a.quality == AliasQuality::Strong)
                && zomor.aliases.len() > 2
        );
        assert_eq!(
            entry(&parsed, "7782").birth_dates,
            [PartialDate::ApproximateYear { year: 1951 }]
        );
        assert_eq!(
            entry(&parsed, "10592").birth_dates,
            [PartialDate::Month {
                year: 1968,
                month: 2
            }]
        );
        assert_eq!(
            entry(&parsed, "9340").nationalities,
            ["CN", "KH"],
            "nationalities then citizenships"
        );
        assert_eq!(entry(&parsed, "9340").birth_dates.len(), 6);
        assert_eq!(entry(&parsed, "4238").kind, EntryKind::Vessel);
        assert_eq!(
            entry(
                &parsed,
                "278be3e06d711cd8c6ea146bcd625d9f17cc901b980ea83daec759d2"
            )
            .kind,
            EntryKind::Unknown
        );
    }

    #[test]
    fn text_repairs() {
        let parsed = run("csl.csv", fixture!("csl.csv"), false).unwrap();
        assert_eq!(
            entry(&parsed, "b8f67f26ea5e4120a2792841d8c4c82a").primary_name,
            "CAST Xi'an Spaceflight Engine Factory"
        );
        assert_eq!(
            entry(&parsed, "88d7be1ee1494f8cb034c6b514686606").primary_name,
            "Government Flying Service"
        );
        let issat = entry(
            &parsed,
            "d1f82c4e32b58add97c4e1d8cb413ee22840298706992c016704698f",
        );
        assert!(issat.aliases.iter().any(|a| a.name.contains("Appliquées")));
        let isn = entry(
            &parsed,
            "233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b",
        );
        assert_eq!(isn.primary_name, "Sinobright Import and Export Company");
    }

    #[test]
    fn bad_records_name_their_physical_line() {
        let error = run("csl.csv", fixture!("csl-truncated.csv"), false).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("csl.csv, line 6: the record is cut off"),
            "{error}"
        );
        let parsed = run("csl.csv", fixture!("csl-truncated.csv"), true).unwrap();
        assert_eq!((parsed.entries.len(), parsed.skipped.len()), (3, 1));
        let error = run("csl.csv", fixture!("csl-bad-columns.csv"), false).unwrap_err();
        assert_eq!(
            error.to_string(),
            "csl.csv, line 4: expected 29 columns, found 28"
        );
        let error = run("x.csv", b"a,b\n1,2\n", false).unwrap_err();
        assert_eq!(error.to_string(), "x.csv, line 1: this is not a Consolidated Screening List: the header has no _id column");
    }

    #[test]
    fn real_csl() {
        let Some(bytes) = real_file("us-csl/csl-2023-11.csv") else {
            return;
        };
        let error = run("csl-2023-11.csv", &bytes, false).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("csl-2023-11.csv, line 4233: the record is cut off"),
            "{error}"
        );
        let parsed = run("csl-2023-11.csv", &bytes, true).unwrap();
        assert_eq!(parsed.entries.len(), 4226);
        assert_eq!(parsed.skipped, [error]);
        let people = parsed
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::Person)
            .count();
        assert_eq!(people, 1124);
        assert_eq!(
            entry(&parsed, "88d7be1ee1494f8cb034c6b514686606").primary_name,
            "Government Flying Service"
        );
        if let Some(tiny) = real_file("us-csl/csl-tiny-fixture.csv") {
            let parsed = run("csl-tiny-fixture.csv", &tiny, false).unwrap();
            assert_eq!(parsed.entries.len(), 13);
            let rim = entry(&parsed, "52291");
            assert_eq!(
                rim.birth_dates,
                [PartialDate::Day {
                    year: 1978,
                    month: 12,
                    day: 5
                }]
            );
            assert_eq!(rim.nationalities, ["KP"]);
        }
    }
}
