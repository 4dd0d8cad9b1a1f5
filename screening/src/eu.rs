//! The EU consolidated financial sanctions list, "Financial Sanctions Files" XML export
//! (`xmlFullSanctionsList_1_1`): an `export` root (its `generationDate` is the version)
//! holding `sanctionEntity` elements (`euReferenceNumber`, `logicalId`) with
//! `subjectType@code` (`person` / `enterprise`), `nameAlias` (`wholeName`, `firstName`,
//! `middleName`, `lastName`, `gender`, `nameLanguage`, `strong`), `birthdate`
//! (`birthdate`, `year`, `monthOfYear`, `dayOfMonth`, `circa`, `yearRangeFrom`,
//! `yearRangeTo`), `citizenship` (`countryIso2Code`, `countryDescription`) and `regulation`
//! (`programme`). Elements are matched by local name, whatever the namespace.
//!
//! The EU marks no primary name: the first Latin-script name is taken as primary, the
//! other Latin names are aliases (`strong="false"` makes one weak) and names in other
//! scripts are original-script names.

use kyc_core::screening::model::{
    AliasQuality, EntryKind, Gender, ListEntry, ListSource, PartialDate,
};
use roxmltree::Node;

use crate::error::input::{
    add_alias, add_date, add_nationality, add_program, add_script_name, clean, is_latin, line_of,
    xml_document,
};
use crate::error::{File, ImportError, Parsed, Reading, Records};

/// Parses an EU Financial Sanctions Files XML export. `reading.on_record` is called once per
/// `sanctionEntity`. Malformed XML refuses the file whatever `reading` says.
pub fn parse(file: File<'_>, reading: Reading<'_>) -> Result<Parsed, ImportError> {
    let doc = xml_document(file, "export", "an EU sanctions export")?;
    let root = doc.root_element();
    let version = root.attribute("generationDate").map(str::to_string);
    let mut records = Records::new(reading);
    let mut entries = Vec::new();
    for node in root
        .children()
        .filter(|n| n.tag_name().name() == "sanctionEntity")
    {
        records.count();
        match entry(node) {
            Ok(entry) => entries.push(entry),
            Err(message) => {
                records.report(ImportError::at(file.name, line_of(&doc, node), message))?
            }
        }
    }
    Ok(records.finish(entries, version))
}

/// An attribute's trimmed value, None when missing or empty.
fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn children<'a, 'input>(
    node: Node<'a, 'input>,
    tag: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(move |n| n.tag_name().name() == tag)
}

fn entry(node: Node<'_, '_>) -> Result<ListEntry, String> {
    let id = attr(node, "euReferenceNumber")
        .or_else(|| attr(node, "logicalId"))
        .ok_or("sanctionEntity without euReferenceNumber or logicalId")?;
    let kind = match children(node, "subjectType")
        .next()
        .and_then(|s| attr(s, "code").or_else(|| attr(s, "classificationCode")))
    {
        Some(code) if code.eq_ignore_ascii_case("person") || code == "P" => EntryKind::Person,
        Some(code) if code.eq_ignore_ascii_case("enterprise") || code == "E" => {
            EntryKind::Organisation
        }
        _ => EntryKind::Unknown,
    };

    let mut latin = Vec::new();
    let mut scripts = Vec::new();
    let mut gender = None;
    for alias in children(node, "nameAlias") {
        let name = match attr(alias, "wholeName") {
            Some(whole) => clean(whole),
            None => {
                let parts =
                    ["firstName", "middleName", "lastName"].map(|a| attr(alias, a).unwrap_or(""));
                clean(&parts.join(" "))
            }
        };
        if name.is_empty() {
            continue;
        }
        gender = gender.or_else(|| attr(alias, "gender").and_then(Gender::parse));
        let quality = match attr(alias, "strong") {
            Some(strong) if strong.eq_ignore_ascii_case("false") => AliasQuality::Weak,
            _ => AliasQuality::Strong,
        };
        if is_latin(&name) {
            latin.push((name, quality));
        } else {
            scripts.push(name);
        }
    }
    let primary = match latin.first() {
        Some((name, _)) => name.clone(),
        None => scripts
            .first()
            .cloned()
            .ok_or_else(|| format!("entry {id} has no name"))?,
    };

    let mut entry = ListEntry::new(ListSource::Eu, id, kind, primary);
    entry.gender = gender;
    for (name, quality) in latin.iter().skip(1) {
        add_alias(&mut entry, name, *quality);
    }
    for name in &scripts {
        add_script_name(&mut entry, name);
    }
    for date in children(node, "birthdate").filter_map(birth_date) {
        add_date(&mut entry, date);
    }
    for citizenship in children(node, "citizenship") {
        // "00" / "UNKNOWN" are the EU's placeholders; the description is the fallback.
        let code = attr(citizenship, "countryIso2Code").filter(|c| *c != "00");
        if !code.is_some_and(|c| add_nationality(&mut entry, c)) {
            if let Some(description) = attr(citizenship, "countryDescription") {
                add_nationality(&mut entry, description);
            }
        }
    }
    for regulation in children(node, "regulation") {
        if let Some(programme) = attr(regulation, "programme") {
            add_program(&mut entry, programme);
        }
    }
    Ok(entry)
}

fn birth_date(node: Node<'_, '_>) -> Option<PartialDate> {
    let number = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| attr(node, n)?.parse::<i32>().ok())
    };
    let circa = attr(node, "circa").is_some_and(|c| c.eq_ignore_ascii_case("true"));
    if let (Some(from), Some(to)) = (number(&["yearRangeFrom"]), number(&["yearRangeTo"])) {
        return Some(PartialDate::YearRange { from, to });
    }
    let date = match attr(node, "birthdate").and_then(PartialDate::parse_iso) {
        Some(date) => date,
        None => {
            let year = number(&["year"])?;
            let month = number(&["monthOfYear", "month"])
                .and_then(|m| u8::try_from(m).ok())
                .filter(|m| (1..=12).contains(m));
            let day = number(&["dayOfMonth", "day"])
                .and_then(|d| u8::try_from(d).ok())
                .filter(|d| (1..=31).contains(d));
            let iso = match (month, day) {
                (Some(month), Some(day)) => format!("{year:04}-{month:02}-{day:02}"),
                (Some(month), None) => format!("{year:04}-{month:02}"),
                _ => format!("{year:04}"),
            };
            PartialDate::parse_iso(&iso)?
        }
    };
    Some(if circa {
        PartialDate::ApproximateYear {
            year: date.years().0,
        }
    } else {
        date
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::test_support::fixture;

    fn run(name: &str, bytes: &[u8], skip: bool) -> Result<Parsed, ImportError> {
        parse(File { name, bytes }, Reading::new(skip, &mut || {}))
    }

    #[test]
    fn sample_export() {
        let mut records = 0;
        let parsed = parse(
            File {
                name: "eu.xml",
                bytes: fixture!("eu.xml"),
            },
            Reading::new(false, &mut || records += 1),
        )
        .unwrap();
        assert_eq!((parsed.entries.len(), records), (4, 4));
        assert_eq!(
            parsed.version.as_deref(),
            Some("2024-05-03T16:32:50.562+02:00")
        );

        let person = &parsed.entries[0];
        assert_eq!(
            (person.id.as_str(), person.kind),
            ("EU.9001.01", EntryKind::Person)
        );
        assert_eq!(person.primary_name, "Ivan Petrovich SAMPLEOV");
        assert_eq!(person.gender, Some(Gender::Male));
        assert_eq!(person.aliases.len(), 2);
        assert_eq!(person.aliases[0].quality, AliasQuality::Strong);
        assert_eq!(
            (person.aliases[1].name.as_str(), person.aliases[1].quality),
            ("Vanya", AliasQuality::Weak)
        );
        assert_eq!(person.original_script_names, ["Иван Петрович САМПЛЕОВ"]);
        assert_eq!(
            person.birth_dates,
            [PartialDate::Day {
                year: 1961,
                month: 3,
                day: 14
            }]
        );
        assert_eq!(person.nationalities, ["RU"]);
        assert_eq!(person.programs, ["RUS"]);

        let second = &parsed.entries[1];
        assert_eq!(
            second.primary_name, "Maryam EXAMPLE",
            "built from firstName and lastName"
        );
        assert_eq!(second.gender, Some(Gender::Female));
        assert_eq!(
            second.birth_dates,
            [
                PartialDate::ApproximateYear { year: 1970 },
                PartialDate::Month {
                    year: 1972,
                    month: 5
                },
                PartialDate::YearRange {
                    from: 1968,
                    to: 1971
                }
            ]
        );
        assert_eq!(
            second.nationalities,
            ["SY"],
            "the description stands in for the 00 code"
        );

        let company = &parsed.entries[2];
        assert_eq!(
            (company.id.as_str(), company.kind),
            ("EU.9003.77", EntryKind::Organisation)
        );
        assert_eq!(company.aliases.len(), 1);
        assert_eq!(company.programs, ["UKR", "RUS"]);
        assert_eq!(
            parsed.entries[3].id, "130977",
            "logicalId when there is no reference number"
        );
    }

    #[test]
    fn bad_input() {
        let error = run("eu.xml", fixture!("eu-malformed.xml"), true).unwrap_err();
        assert_eq!(error.line, Some(7), "{error}");
        let error = run("eu.xml", fixture!("eu-noname.xml"), false).unwrap_err();
        assert_eq!(
            error.to_string(),
            "eu.xml, line 8: entry EU.9009.01 has no name"
        );
        let parsed = run("eu.xml", fixture!("eu-noname.xml"), true).unwrap();
        assert_eq!((parsed.entries.len(), parsed.skipped.len()), (1, 1));
        let error = run("eu.xml", fixture!("un-noname.xml"), false).unwrap_err();
        assert_eq!(
            error.to_string(),
            "eu.xml: this is not an EU sanctions export (no export element)"
        );
    }
}
