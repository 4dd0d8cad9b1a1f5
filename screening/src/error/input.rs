//! Reading helpers shared by the list importers: text decoding and repair, CSV records with
//! their physical line numbers, XML positions, and adding names, dates and countries to an
//! entry without repeating them.

use std::borrow::Cow;

use kyc_core::screening::country;
use kyc_core::screening::model::{Alias, AliasQuality, ListEntry, PartialDate};

use super::{File, ImportError};

/// One CSV record: the line it starts on and its fields, decoded.
#[derive(Debug)]
pub(crate) struct Row {
    pub line: u64,
    pub fields: Vec<String>,
}

/// Reads every CSV record of a file, in order. Copes with a byte-order mark, the DOS
/// end-of-file byte (0x1A) OFAC appends, CRLF, and fields spanning lines (line numbers stay
/// physical). A last record whose quoted field never closes comes back as an error: the
/// file was cut off. An unreadable file is an error for the whole file.
pub(crate) fn csv_rows(file: File<'_>) -> Result<Vec<Result<Row, ImportError>>, ImportError> {
    let mut data = strip_bom(file.bytes);
    while let [rest @ .., 0x1a] = data {
        data = rest;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut record = csv::ByteRecord::new();
    let mut rows = Vec::new();
    // The csv crate's own line count skips line breaks inside quoted fields, so lines are
    // counted here from the byte offset where each record starts.
    let (mut counted, mut line) = (0, 1);
    let mut last_start = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let offset = record.position().map_or(0, |p| p.byte());
                let mut start = usize::try_from(offset)
                    .unwrap_or(data.len())
                    .min(data.len());
                // The offset may still point at the previous record's line break.
                while matches!(data.get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                let between = data.get(counted..start).unwrap_or_default();
                line += between.iter().filter(|&&b| b == b'\n').count() as u64;
                counted = counted.max(start);
                last_start = start;
                rows.push(Ok(Row {
                    line,
                    fields: record.iter().map(decode).collect(),
                }));
            }
            Err(e) => {
                return Err(ImportError::at(
                    file.name,
                    line,
                    format!("the file cannot be read as CSV ({e})"),
                ));
            }
        }
    }
    if ends_inside_quotes(&data[last_start..]) {
        if let Some(Ok(row)) = rows.pop() {
            rows.push(Err(ImportError::at(
                file.name,
                row.line,
                "the record is cut off: a quoted field is still open at the end of the file (truncated download?)",
            )));
        }
    }
    Ok(rows)
}

/// Whether a CSV text ends inside a quoted field (RFC 4180 quoting, as the csv crate reads
/// it: a quote opens a field only at its start, `""` inside is an escaped quote).
fn ends_inside_quotes(text: &[u8]) -> bool {
    let mut in_quotes = false;
    let mut field_start = true;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if in_quotes {
            if b == b'"' {
                if text.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == b'"' && field_start {
            in_quotes = true;
        }
        field_start = !in_quotes && matches!(b, b',' | b'\n' | b'\r');
        i += 1;
    }
    in_quotes
}

pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Decodes a field: UTF-8 when it is, else Windows-1252 (OFAC's files are "latin-1-ish"),
/// then repairs the usual mojibake (see [`repair`]).
pub(crate) fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => repair(text).into_owned(),
        Err(_) => {
            let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
            repair(&text).into_owned()
        }
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Repairs text that went through the wrong code page on its way into a list: the C1
/// controls U+0091/U+0092 are Windows apostrophes, U+0093/U+0094 quotes, U+0096/U+0097
/// dashes; a `‚` (U+201A) between two letters is an `é` read as code page 437/850
/// (`Appliqu‚es`).
pub(crate) fn repair(text: &str) -> Cow<'_, str> {
    if !text.contains(|c| matches!(c, '\u{80}'..='\u{9f}' | '\u{201a}')) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let letter_at = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphabetic())
        };
        out.push(match c {
            '\u{91}' | '\u{92}' => '\'',
            '\u{93}' | '\u{94}' => '"',
            '\u{96}' | '\u{97}' => '-',
            '\u{201a}' if letter_at(i.checked_sub(1)) && letter_at(Some(i + 1)) => 'é',
            c => c,
        });
    }
    Cow::Owned(out)
}

/// Text as a name: whitespace runs (including line breaks inside a field) made one space.
pub(crate) fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A field's value, or None when it is empty or OFAC's `-0-` placeholder.
pub(crate) fn value(field: &str) -> Option<&str> {
    let field = field.trim();
    (!field.is_empty() && field != "-0-").then_some(field)
}

/// The text of an XML file, refusing bytes that are not UTF-8 (naming the line).
pub(crate) fn xml_text<'a>(file: File<'a>) -> Result<&'a str, ImportError> {
    let bytes = strip_bom(file.bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        ImportError::at(file.name, line, "the file is not UTF-8 text")
    })
}

/// Parses XML, turning a syntax error into an error at its line. Document type
/// declarations (entity expansion) are refused, as roxmltree does by default.
pub(crate) fn parse_xml<'a>(
    name: &str,
    text: &'a str,
) -> Result<roxmltree::Document<'a>, ImportError> {
    roxmltree::Document::parse(text).map_err(|e| {
        ImportError::at(
            name,
            u64::from(e.pos().row),
            format!("the file is not well-formed XML ({e})"),
        )
    })
}

/// A list's XML file, parsed, whose root element must be `root`; otherwise refused as not
/// being `what` (e.g. "a UN consolidated list").
pub(crate) fn xml_document<'a>(
    file: File<'a>,
    root: &str,
    what: &str,
) -> Result<roxmltree::Document<'a>, ImportError> {
    let doc = parse_xml(file.name, xml_text(file)?)?;
    if doc.root_element().tag_name().name() != root {
        return Err(ImportError::file(
            file.name,
            format!("this is not {what} (no {root} element)"),
        ));
    }
    Ok(doc)
}

/// The line an XML element starts on.
pub(crate) fn line_of(doc: &roxmltree::Document<'_>, node: roxmltree::Node<'_, '_>) -> u64 {
    u64::from(doc.text_pos_at(node.range().start).row)
}

/// Adds an alias unless it is empty or repeats the primary name or another alias (a
/// repeat keeps the stronger quality).
pub(crate) fn add_alias(entry: &mut ListEntry, name: &str, quality: AliasQuality) {
    let name = clean(name);
    if name.is_empty() || same_name(&name, &entry.primary_name) {
        return;
    }
    match entry.aliases.iter_mut().find(|a| same_name(&a.name, &name)) {
        Some(existing) if quality == AliasQuality::Strong => {
            existing.quality = AliasQuality::Strong
        }
        Some(_) => {}
        None => entry.aliases.push(Alias { name, quality }),
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

pub(crate) fn add_script_name(entry: &mut ListEntry, name: &str) {
    let name = clean(name);
    if !name.is_empty() && !entry.original_script_names.contains(&name) {
        entry.original_script_names.push(name);
    }
}

/// Adds a nationality the list names in words or codes; countries that cannot be read are
/// dropped. Returns whether the text was understood.
pub(crate) fn add_nationality(entry: &mut ListEntry, text: &str) -> bool {
    let Some(code) = country::iso2(text) else {
        return false;
    };
    if !entry.nationalities.iter().any(|n| n == code) {
        entry.nationalities.push(code.to_string());
    }
    true
}

pub(crate) fn add_date(entry: &mut ListEntry, date: PartialDate) {
    if !entry.birth_dates.contains(&date) {
        entry.birth_dates.push(date);
    }
}

pub(crate) fn add_program(entry: &mut ListEntry, program: &str) {
    let program = clean(program);
    if !program.is_empty() && !entry.programs.contains(&program) {
        entry.programs.push(program);
    }
}

/// Whether a name is written in Latin letters (so it is an alias, not an original-script
/// name).
pub(crate) fn is_latin(name: &str) -> bool {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c <= '\u{024f}' || ('\u{1e00}'..='\u{1eff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_mojibake_and_decodes_windows_1252() {
        assert_eq!(repair("Xi\u{92}an"), "Xi'an");
        assert_eq!(repair("Appliqu\u{201a}es"), "Appliquées");
        assert_eq!(repair("a \u{201a}quote"), "a \u{201a}quote");
        assert_eq!(decode(b"D\x92S CAF\xc9"), "D’S CAFÉ");
        assert_eq!(decode("Müller".as_bytes()), "Müller");
    }

    #[test]
    fn csv_keeps_physical_lines_and_spots_truncation() {
        let data = b"a,\"multi\nline\",c\r\nd,e,f\r\n\"g\",\"cut off\x1a";
        let rows = csv_rows(File {
            name: "t.csv",
            bytes: data,
        })
        .unwrap();
        let lines: Vec<u64> = rows
            .iter()
            .map(|r| r.as_ref().map_or_else(|e| e.line.unwrap(), |r| r.line))
            .collect();
        assert_eq!(lines, [1, 3, 4]);
        assert_eq!(rows[0].as_ref().unwrap().fields[1], "multi\nline");
        assert!(rows[2]
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("the record is cut off"));
    }

    #[test]
    fn quotes_inside_unquoted_fields_are_not_truncation() {
        assert!(!ends_inside_quotes(b"a,5'10\",\"x \"\"y\"\"\"\r\n"));
        assert!(ends_inside_quotes(b"a,\"x \"\"y\"\""));
    }

    #[test]
    fn values_and_names() {
        assert_eq!(value("-0- "), None);
        assert_eq!(value("  "), None);
        assert_eq!(value(" x "), Some("x"));
        assert_eq!(
            clean(" Government Flying\n\nService "),
            "Government Flying Service"
        );
        assert!(is_latin("Sergueï Ivanov"));
        assert!(!is_latin("Сергей Иванов"));
    }
}
