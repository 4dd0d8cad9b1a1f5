//! OFAC's legacy CSV sets: the SDN list (`sdn.csv`, `alt.csv`, `add.csv`,
//! `sdn_comments.csv`) and the consolidated non-SDN lists (the same layout, `cons_` files).
//!
//! No header; `-0-` (often `-0- `) means empty; text is ASCII or Windows-1252 with CRLF and
//! a final 0x1A byte. The primary file has 12 columns `ent_num, SDN_Name, SDN_Type,
//! Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks`;
//! Remarks stop near 1,000 characters and go on, mid-word, in the comments file. Every
//! alias, address and comment row must belong to an entry of the primary file.

use std::collections::{HashMap, HashSet};

use kyc_core::screening::model::{AliasQuality, EntryKind, ListEntry, ListSource};

use crate::error::input::{add_alias, add_program, clean, csv_rows, value, Row};
use crate::error::{File, ImportError, Parsed, Reading, Records};

pub(crate) mod remarks;

/// What a file of an OFAC set holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfacRole {
    /// `sdn.csv` / `cons_prim.csv`: one row per entry.
    Primary,
    /// `alt.csv` / `cons_alt.csv`: aliases.
    Alt,
    /// `add.csv` / `cons_add.csv`: addresses (checked, not imported).
    Add,
    /// `sdn_comments.csv` / `cons_comments.csv`: the rest of long remarks.
    Comments,
}

/// A file recognised by its name as part of an OFAC set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OfacPart {
    pub source: ListSource,
    pub role: OfacRole,
}

const FILES: [(&str, ListSource, OfacRole); 8] = [
    ("sdn.csv", ListSource::OfacSdn, OfacRole::Primary),
    ("alt.csv", ListSource::OfacSdn, OfacRole::Alt),
    ("add.csv", ListSource::OfacSdn, OfacRole::Add),
    ("sdn_comments.csv", ListSource::OfacSdn, OfacRole::Comments),
    (
        "cons_prim.csv",
        ListSource::OfacConsolidated,
        OfacRole::Primary,
    ),
    ("cons_alt.csv", ListSource::OfacConsolidated, OfacRole::Alt),
    ("cons_add.csv", ListSource::OfacConsolidated, OfacRole::Add),
    (
        "cons_comments.csv",
        ListSource::OfacConsolidated,
        OfacRole::Comments,
    ),
];

/// Recognises a file of an OFAC set by its name (any case, with or without a directory):
/// `sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv` and their `cons_` counterparts
/// (`cons_prim.csv`, `cons_alt.csv`, `cons_add.csv`, `cons_comments.csv`).
pub fn classify(file_name: &str) -> Option<OfacPart> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    FILES
        .iter()
        .find(|(name, _, _)| name.eq_ignore_ascii_case(base))
        .map(|&(_, source, role)| OfacPart { source, role })
}

/// The file name OFAC uses for a part of a set.
pub fn file_name(part: OfacPart) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(_, source, role)| *source == part.source && *role == part.role)
        .map(|(name, _, _)| *name)
}

/// The error for a set found without its primary file (`found` names one of its files):
/// aliases or addresses alone cannot be imported.
pub fn partial_set(source: ListSource, found: &str) -> ImportError {
    let primary = file_name(OfacPart {
        source,
        role: OfacRole::Primary,
    })
    .unwrap_or("the primary file");
    ImportError::file(
        found,
        format!(
            "the {} set is incomplete: {primary} is missing, so it is refused as a partial set",
            source.label()
        ),
    )
}

/// An entry read from the primary file, waiting for its aliases and remark overflow.
struct Pending {
    entry: ListEntry,
    remarks: String,
    line: u64,
}

/// Parses an OFAC set. `primary` is `sdn.csv` or `cons_prim.csv`; the other files are
/// optional but, when given, every row must belong to an entry of `primary`. `source` is
/// [`ListSource::OfacSdn`] or [`ListSource::OfacConsolidated`]. `reading.on_record` is called once
/// per CSV record read, in every file. OFAC's legacy files state no version.
pub fn parse(
    primary: File<'_>,
    alt: Option<File<'_>>,
    add: Option<File<'_>>,
    comments: Option<File<'_>>,
    source: ListSource,
    reading: Reading<'_>,
) -> Result<Parsed, ImportError> {
    let mut records = Records::new(reading);
    let mut pending: Vec<Pending> = Vec::new();
    let mut by_ent: HashMap<u64, usize> = HashMap::new();
    // ent_nums of primary rows left out in lenient mode: their other rows go quietly too.
    let mut left_out: HashSet<u64> = HashSet::new();

    for row in csv_rows(primary)? {
        let Some(row) = records.read(row)? else {
            continue;
        };
        let ent = match ent_num(primary.name, &row, 12) {
            Ok(ent) => ent,
            Err(problem) => {
                if let Some(Ok(ent)) = row.fields.first().map(|f| f.trim().parse()) {
                    left_out.insert(ent);
                }
                records.report(problem)?;
                continue;
            }
        };
        if let Some(&first) = by_ent.get(&ent) {
            let first_line = pending[first].line;
            records.report(ImportError::at(
                primary.name,
                row.line,
                format!("ent_num {ent} appears twice (first on line {first_line})"),
            ))?;
            continue;
        }
        match primary_entry(ent, &row, source) {
            Some((entry, remarks)) => {
                by_ent.insert(ent, pending.len());
                pending.push(Pending {
                    entry,
                    remarks,
                    line: row.line,
                });
            }
            None => {
                left_out.insert(ent);
                records.report(ImportError::at(
                    primary.name,
                    row.line,
                    format!("entry {ent} has no name"),
                ))?;
            }
        }
    }

    let parts = [
        (alt, OfacRole::Alt, 5, "alias"),
        (add, OfacRole::Add, 6, "address"),
        (comments, OfacRole::Comments, 2, "remarks"),
    ];
    for (file, role, columns, what) in parts {
        let Some(file) = file else { continue };
        for row in csv_rows(file)? {
            let Some(row) = records.read(row)? else {
                continue;
            };
            let ent = match ent_num(file.name, &row, columns) {
                Ok(ent) => ent,
                Err(problem) => {
                    records.report(problem)?;
                    continue;
                }
            };
            let Some(&index) = by_ent.get(&ent) else {
                if !left_out.contains(&ent) {
                    records.report(ImportError::at(
                        file.name,
                        row.line,
                        format!(
                            "{what} row for ent_num {ent}, which is not in {}",
                            primary.name
                        ),
                    ))?;
                }
                continue;
            };
            let target = &mut pending[index];
            match role {
                OfacRole::Alt => {
                    let Some(name) = value(&row.fields[3]) else {
                        records.report(ImportError::at(
                            file.name,
                            row.line,
                            format!("alias row for ent_num {ent} has no name"),
                        ))?;
                        continue;
                    };
                    add_alias(&mut target.entry, name, alias_quality(&row.fields[4]));
                }
                // Continues the remark, even mid-word: joined without a separator.
                OfacRole::Comments => target.remarks.push_str(remark(&row.fields[1])),
                OfacRole::Add | OfacRole::Primary => {}
            }
        }
    }

    let entries = pending
        .into_iter()
        .map(
            |Pending {
                 mut entry, remarks, ..
             }| {
                remarks::apply(&mut entry, &remarks);
                entry
            },
        )
        .collect();
    Ok(records.finish(entries, None))
}

/// Checks the column count and reads the ent_num in the first column.
fn ent_num(file: &str, row: &Row, columns: usize) -> Result<u64, ImportError> {
    if row.fields.len() != columns {
        return Err(ImportError::at(
            file,
            row.line,
            format!("expected {columns} columns, found {}", row.fields.len()),
        ));
    }
    let text = row.fields[0].trim();
    text.parse()
        .map_err(|_| ImportError::at(file, row.line, format!("ent_num {text:?} is not a number")))
}

/// The entry of a primary row and its remarks, or None when the row has no name.
fn primary_entry(ent: u64, row: &Row, source: ListSource) -> Option<(ListEntry, String)> {
    let name = clean(value(&row.fields[1])?);
    let kind = match value(&row.fields[2])
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None => EntryKind::Organisation,
        Some("individual") => EntryKind::Person,
        Some("vessel") => EntryKind::Vessel,
        Some("aircraft") => EntryKind::Aircraft,
        Some(_) => EntryKind::Unknown,
    };
    let mut entry = ListEntry::new(source, ent.to_string(), kind, name);
    // Several programs are written `SDGT] [IFSR`.
    for program in value(&row.fields[3]).unwrap_or("").split(['[', ']']) {
        add_program(&mut entry, program);
    }
    let remarks = remark(&row.fields[11]).to_string();
    Some((entry, remarks))
}

/// A remark as written, spaces included (the comments file may go on after a space), or
/// nothing for `-0-`.
fn remark(field: &str) -> &str {
    value(field).map_or("", |_| field)
}

/// alt.csv aliases are strong unless their remark calls them weak or low quality.
fn alias_quality(remark: &str) -> AliasQuality {
    let remark = remark.to_ascii_lowercase();
    if remark.contains("weak") || remark.contains("low quality") {
        AliasQuality::Weak
    } else {
        AliasQuality::Strong
    }
}

#[cfg(test)]
mod tests;
