//! The UN Security Council consolidated list (XML): `CONSOLIDATED_LIST` (its
//! `dateGenerated` is the version) holding `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`.
//!
//! `FIRST_NAME`..`FOURTH_NAME` are name parts in order, not roles; an entity's
//! `FIRST_NAME` may hold several names separated by `;`. Aliases carry `QUALITY` (`Good`,
//! `a.k.a.`, `f.k.a.` are strong, `Low` weak); empty placeholder aliases are ignored.
//! Dates of birth are `EXACT` (`DATE` or `YEAR`), `APPROXIMATELY` (`YEAR`) or `BETWEEN`
//! (`FROM_YEAR`/`TO_YEAR`); a date given only as a `NOTE` is not read. Gender is only in
//! `GENDER` (`SORT_KEY` is empty in the published file).

use kyc_core::screening::model::{
    AliasQuality, EntryKind, Gender, ListEntry, ListSource, PartialDate,
};
use roxmltree::Node;

use crate::error::input::{
    add_alias, add_date, add_nationality, add_program, add_script_name, clean, line_of,
    xml_document,
};
use crate::error::{File, ImportError, Parsed, Reading, Records};

/// Parses the UN consolidated list. `reading.on_record` is called once per `INDIVIDUAL` or
/// `ENTITY`. Malformed XML refuses the file whatever `reading` says.
pub fn parse(file: File<'_>, reading: Reading<'_>) -> Result<Parsed, ImportError> {
    let doc = xml_document(file, "CONSOLIDATED_LIST", "a UN consolidated list")?;
    let root = doc.root_element();
    let version = root.attribute("dateGenerated").map(str::to_string);
    let mut records = Records::new(reading);
    let mut entries = Vec::new();
    for group in root.children().filter(Node::is_element) {
        let (tag, kind) = match group.tag_name().name() {
            "INDIVIDUALS" => ("INDIVIDUAL", EntryKind::Person),
            "ENTITIES" => ("ENTITY", EntryKind::Organisation),
            _ => continue,
        };
        for node in group.children().filter(|n| n.has_tag_name(tag)) {
            records.count();
            match entry(node, kind) {
                Ok(entry) => entries.push(entry),
                Err(message) => {
                    records.report(ImportError::at(file.name, line_of(&doc, node), message))?
                }
            }
        }
    }
    Ok(records.finish(entries, version))
}

fn entry(node: Node<'_, '_>, kind: EntryKind) -> Result<ListEntry, String> {
    let id = text(node, "REFERENCE_NUMBER")
        .or_else(|| text(node, "DATAID"))
        .ok_or_else(|| {
            format!(
                "{} without REFERENCE_NUMBER or DATAID",
                node.tag_name().name()
            )
        })?;
    let parts: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|tag| text(node, tag))
        .collect();
    let joined = clean(&parts.join(" "));
    let mut names = joined.split(';').map(str::trim).filter(|n| !n.is_empty());
    let primary = names
        .next()
        .ok_or_else(|| format!("entry {id} has no name"))?;
    let mut entry = ListEntry::new(ListSource::Un, id, kind, primary);
    for other in names {
        add_alias(&mut entry, other, AliasQuality::Strong);
    }
    if let Some(script) = text(node, "NAME_ORIGINAL_SCRIPT") {
        add_script_name(&mut entry, script);
    }
    if let Some(program) = text(node, "UN_LIST_TYPE") {
        add_program(&mut entry, program);
    }
    entry.gender = text(node, "GENDER").and_then(Gender::parse);
    let mut alias_dates = Vec::new();
    for child in node.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => alias(&mut entry, child, &mut alias_dates),
            "INDIVIDUAL_DATE_OF_BIRTH" => {
                if let Some(date) = birth_date(child) {
                    add_date(&mut entry, date);
                }
            }
            "NATIONALITY" => {
                for value in child.children().filter(|n| n.has_tag_name("VALUE")) {
                    let value = value.text().unwrap_or("").trim();
                    // "na" is the UN's "not available", not Namibia.
                    if !value.eq_ignore_ascii_case("na") {
                        add_nationality(&mut entry, value);
                    }
                }
            }
            _ => {}
        }
    }
    // Dates given with an alias come after the entry's own.
    for date in alias_dates {
        add_date(&mut entry, date);
    }
    Ok(entry)
}

/// The trimmed text of a child element, None when missing or empty.
fn text<'a>(node: Node<'a, '_>, tag: &str) -> Option<&'a str> {
    let child = node.children().find(|n| n.has_tag_name(tag))?;
    child.text().map(str::trim).filter(|t| !t.is_empty())
}

fn alias(entry: &mut ListEntry, node: Node<'_, '_>, dates: &mut Vec<PartialDate>) {
    let Some(names) = text(node, "ALIAS_NAME") else {
        return; // the empty placeholder alias
    };
    let quality = match text(node, "QUALITY") {
        Some(q) if q.eq_ignore_ascii_case("low") => AliasQuality::Weak,
        _ => AliasQuality::Strong,
    };
    // A few alias fields list several spellings: "Azim Adhajani; Azim Agha-Jani".
    for name in names.split(';') {
        add_alias(entry, name, quality);
    }
    dates.extend(text(node, "DATE_OF_BIRTH").and_then(PartialDate::parse_iso));
}

fn birth_date(node: Node<'_, '_>) -> Option<PartialDate> {
    let year = |tag| {
        text(node, tag)
            .and_then(|y| y.parse::<i32>().ok())
            .filter(|y| (1000..=2999).contains(y))
    };
    match text(node, "TYPE_OF_DATE")?.to_ascii_uppercase().as_str() {
        "EXACT" => match text(node, "DATE") {
            // A `1960-00-00` style date still gives its year.
            Some(date) => PartialDate::parse_iso(date).or_else(|| {
                let year = date
                    .get(..4)?
                    .parse()
                    .ok()
                    .filter(|y| (1000..=2999).contains(y))?;
                Some(PartialDate::Year { year })
            }),
            None => Some(PartialDate::Year {
                year: year("YEAR")?,
            }),
        },
        "APPROXIMATELY" => {
            let year = year("YEAR").or_else(|| {
                text(node, "DATE")
                    .and_then(PartialDate::parse_iso)
                    .map(|d| d.years().0)
            })?;
            Some(PartialDate::ApproximateYear { year })
        }
        "BETWEEN" => Some(PartialDate::YearRange {
            from: year("FROM_YEAR")?,
            to: year("TO_YEAR")?,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
