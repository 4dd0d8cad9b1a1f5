//! The UK consolidated list of financial sanctions targets (HM Treasury OFSI, CSV): a first
//! line `Last Updated,dd/mm/yyyy` (the version), then a header with `Name 6` (surname),
//! `Name 1`..`Name 5`, `Title`, `Name Non-Latin Script`, ..., `DOB` (`dd/mm/yyyy`, unknown
//! parts `00`), `Nationality`, ..., `Group Type` (Individual / Entity / Ship), `Alias Type`
//! (`Primary name`, `AKA`, ...), `Alias Quality` (Good / Low), `Regime`, ..., `Group ID`.
//! One row per name; the rows of a target share its Group ID.
//!
//! Columns are found by header name, so the newer UK Sanctions List CSV (first line
//! `Report Date: ...`, `Unique ID`, `Name type`, `Alias strength`, `D.O.B`,
//! `Nationality(/ies)`, `Designation Type`, `Regime Name`, `Gender`) is read as well.

use std::collections::HashMap;

use kyc_core::screening::model::{
    AliasQuality, EntryKind, Gender, ListEntry, ListSource, PartialDate,
};

use crate::error::input::{
    add_alias, add_date, add_nationality, add_program, add_script_name, clean, csv_rows, Row,
};
use crate::error::{File, ImportError, Parsed, Reading, Records};

/// The columns read: each logical field with the header names it goes by.
struct Columns {
    id: usize,
    kind: usize,
    surname: usize,
    given: Vec<usize>,
    script: Option<usize>,
    dob: Option<usize>,
    nationality: Option<usize>,
    alias_type: Option<usize>,
    quality: Option<usize>,
    regime: Option<usize>,
    gender: Option<usize>,
}

impl Columns {
    fn find(header: &[String]) -> Result<Columns, String> {
        let optional = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
        };
        let required = |names: &[&str]| {
            optional(names).ok_or_else(|| format!("the header has no {} column", names[0]))
        };
        Ok(Columns {
            id: required(&["Group ID", "Unique ID"])?,
            kind: required(&["Group Type", "Designation Type"])?,
            surname: required(&["Name 6"])?,
            given: ["Name 1", "Name 2", "Name 3", "Name 4", "Name 5"]
                .iter()
                .filter_map(|n| optional(&[n]))
                .collect(),
            script: optional(&["Name Non-Latin Script"]),
            dob: optional(&["DOB", "D.O.B"]),
            nationality: optional(&["Nationality", "Nationality(/ies)"]),
            alias_type: optional(&["Alias Type", "Name type"]),
            quality: optional(&["Alias Quality", "Alias strength"]),
            regime: optional(&["Regime", "Regime Name"]),
            gender: optional(&["Gender"]),
        })
    }
}

/// A target being assembled from its rows.
struct Group {
    entry: ListEntry,
    /// Its Latin-script names in file order, with whether each is the primary name.
    names: Vec<(String, bool, AliasQuality)>,
}

/// Parses the OFSI consolidated list CSV. `reading.on_record` is called once per data row (one
/// row per name, so more often than there are entries).
pub fn parse(file: File<'_>, reading: Reading<'_>) -> Result<Parsed, ImportError> {
    let mut records = Records::new(reading);
    let mut rows = csv_rows(file)?.into_iter();
    let mut first = rows
        .next()
        .ok_or_else(|| ImportError::file(file.name, "the file is empty"))??;
    let mut version = None;
    if first.fields.iter().filter(|f| !f.trim().is_empty()).count() <= 2 {
        version = stated_version(&first.fields);
        first = rows
            .next()
            .ok_or_else(|| ImportError::file(file.name, "the file has no header"))??;
    }
    let columns = Columns::find(&first.fields).map_err(|m| {
        ImportError::at(
            file.name,
            first.line,
            format!("this is not a UK consolidated list: {m}"),
        )
    })?;

    let mut groups: Vec<Group> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let checked = row.and_then(|row| match check(&row, &columns, first.fields.len()) {
            Ok(()) => Ok(row),
            Err(message) => Err(ImportError::at(file.name, row.line, message)),
        });
        let Some(row) = records.read(checked)? else {
            continue;
        };
        let field = |i: usize| row.fields[i].trim();
        let id = field(columns.id);
        let index = *by_id.entry(id.to_string()).or_insert_with(|| {
            let kind = match field(columns.kind).to_ascii_lowercase().as_str() {
                "individual" => EntryKind::Person,
                "entity" => EntryKind::Organisation,
                "ship" => EntryKind::Vessel,
                _ => EntryKind::Unknown,
            };
            groups.push(Group {
                entry: ListEntry::new(ListSource::Uk, id, kind, ""),
                names: Vec::new(),
            });
            groups.len() - 1
        });
        add_row(&mut groups[index], &row, &columns);
    }
    let entries = groups.into_iter().map(finish).collect();
    Ok(records.finish(entries, version))
}

/// The column count, the id and a name: what makes a row usable.
fn check(row: &Row, columns: &Columns, width: usize) -> Result<(), String> {
    if row.fields.len() != width {
        return Err(format!(
            "expected {width} columns, found {}",
            row.fields.len()
        ));
    }
    if row.fields[columns.id].trim().is_empty() {
        return Err("row has no Group ID".to_string());
    }
    if latin_name(row, columns).is_empty()
        && columns
            .script
            .is_none_or(|c| row.fields[c].trim().is_empty())
    {
        return Err(format!(
            "row of group {} has no name",
            row.fields[columns.id].trim()
        ));
    }
    Ok(())
}

/// Given names (Name 1..5) then the surname (Name 6), as one name.
fn latin_name(row: &Row, columns: &Columns) -> String {
    let parts: Vec<&str> = columns
        .given
        .iter()
        .chain([&columns.surname])
        .map(|&i| row.fields[i].as_str())
        .collect();
    clean(&parts.join(" "))
}

fn add_row(group: &mut Group, row: &Row, columns: &Columns) {
    let field = |column: Option<usize>| column.map_or("", |i| row.fields[i].trim());
    let name = latin_name(row, columns);
    if !name.is_empty() {
        let primary = field(columns.alias_type).eq_ignore_ascii_case("primary name");
        let quality = if field(columns.quality).to_ascii_lowercase().contains("low") {
            AliasQuality::Weak
        } else {
            AliasQuality::Strong
        };
        group.names.push((name, primary, quality));
    }
    let entry = &mut group.entry;
    add_script_name(entry, field(columns.script));
    if let Some(date) = uk_date(field(columns.dob)) {
        add_date(entry, date);
    }
    for country in numbered_items(field(columns.nationality)) {
        add_nationality(entry, &country);
    }
    add_program(entry, field(columns.regime));
    entry.gender = entry
        .gender
        .or_else(|| Gender::parse(field(columns.gender)));
}

/// The entry of a finished group: its primary name row (else its first name) as primary
/// name, the other names as aliases, or an original-script name when it has no other.
fn finish(group: Group) -> ListEntry {
    let Group { mut entry, names } = group;
    let primary = names
        .iter()
        .position(|(_, primary, _)| *primary)
        .unwrap_or(0);
    entry.primary_name = match names.get(primary) {
        Some((name, _, _)) => name.clone(),
        None => entry
            .original_script_names
            .first()
            .cloned()
            .unwrap_or_default(),
    };
    for (i, (name, _, quality)) in names.iter().enumerate() {
        if i != primary {
            add_alias(&mut entry, name, *quality);
        }
    }
    entry
}

/// The items of a field that numbers them, `(1) Russia (2) Ukraine`, or splits them with
/// `;`. Other parentheses stay: `Korea (North)`.
fn numbered_items(text: &str) -> Vec<String> {
    let mut joined = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(')') {
            joined.push_str(&rest[..open]);
            joined.push(';');
            rest = &after[digits + 1..];
        } else {
            joined.push_str(&rest[..=open]);
            rest = after;
        }
    }
    joined.push_str(rest);
    joined
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `Last Updated,03/05/2024` gives "2024-05-03"; `Report Date: 02-Oct-2026` its text.
fn stated_version(fields: &[String]) -> Option<String> {
    let text = fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = text.to_ascii_lowercase();
    let prefix = ["last updated", "report date"]
        .into_iter()
        .find(|p| lower.starts_with(p))?;
    let date = text[prefix.len()..].trim_start_matches([':', ' ']);
    Some(match uk_date(date) {
        Some(PartialDate::Day { year, month, day }) => format!("{year:04}-{month:02}-{day:02}"),
        _ => date.to_string(),
    })
}

/// `dd/mm/yyyy` with `00` for unknown parts: `00/00/1965` is the year 1965.
fn uk_date(text: &str) -> Option<PartialDate> {
    let mut parts = text.trim().split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str| s.trim().parse::<u32>().ok();
    let iso = match (number(day)?, number(month)?, number(year)?) {
        (_, 0, year) => format!("{year:04}"),
        (0, month, year) => format!("{year:04}-{month:02}"),
        (day, month, year) => format!("{year:04}-{month:02}-{day:02}"),
    };
    PartialDate::parse_iso(&iso)
}

#[cfg(test)]
mod tests;
