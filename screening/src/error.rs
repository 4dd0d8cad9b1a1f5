//! What a sanctions-list import gives back: the parsed entries, or the problem that stopped
//! it, named by file and line so an operator can find it. Shared by every list format.

use kyc_core::screening::model::ListEntry;

pub(crate) mod input;

/// One file handed to an importer: the name shown in messages and its raw bytes.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// A problem with a list file: where it is and what is wrong, in words a compliance
/// operator understands. Messages name line numbers, columns and list identifiers, never
/// the listed person's details.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line_suffix(.line))]
pub struct ImportError {
    pub file: String,
    /// The physical line (1-based) where the bad record starts, when there is one.
    pub line: Option<u64>,
    pub message: String,
}

fn line_suffix(line: &Option<u64>) -> String {
    line.map(|n| format!(", line {n}")).unwrap_or_default()
}

impl ImportError {
    pub fn new(file: &str, line: Option<u64>, message: impl Into<String>) -> Self {
        ImportError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }

    /// A problem at a given line.
    pub fn at(file: &str, line: u64, message: impl Into<String>) -> Self {
        Self::new(file, Some(line), message)
    }

    /// A problem with the file as a whole.
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Self::new(file, None, message)
    }
}

/// A parsed list: its entries, the version the list states (if any), and in lenient mode
/// the bad records that were left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub entries: Vec<ListEntry>,
    pub version: Option<String>,
    pub skipped: Vec<ImportError>,
}

/// The records an import reads: each one counted, and a bad one refusing the whole set
/// (strict) or noted and left out (lenient), as its [`Reading`] says.
pub(crate) struct Records<'a> {
    reading: Reading<'a>,
    skipped: Vec<ImportError>,
}

/// How an import reads: a bad record refuses the set, or with `skip_bad_records` is left
/// out and kept as a warning; `on_record` is called once per record read (progress).
pub struct Reading<'a> {
    pub skip_bad_records: bool,
    pub on_record: &'a mut dyn FnMut(),
}

impl<'a> Reading<'a> {
    pub fn new(skip_bad_records: bool, on_record: &'a mut dyn FnMut()) -> Self {
        Reading {
            skip_bad_records,
            on_record,
        }
    }
}

impl<'a> Records<'a> {
    pub(crate) fn new(reading: Reading<'a>) -> Self {
        Records {
            reading,
            skipped: Vec::new(),
        }
    }

    /// One more record read.
    pub(crate) fn count(&mut self) {
        (self.reading.on_record)();
    }

    /// Err in strict mode; in lenient mode keeps the problem as a warning and returns Ok,
    /// meaning "leave this record out".
    pub(crate) fn report(&mut self, problem: ImportError) -> Result<(), ImportError> {
        if self.reading.skip_bad_records {
            self.skipped.push(problem);
            Ok(())
        } else {
            Err(problem)
        }
    }

    /// One more record read: the record, or when it could not be read, `None` in lenient
    /// mode (reported, left out) and Err in strict mode.
    pub(crate) fn read<T>(
        &mut self,
        record: Result<T, ImportError>,
    ) -> Result<Option<T>, ImportError> {
        self.count();
        match record {
            Ok(record) => Ok(Some(record)),
            Err(problem) => self.report(problem).map(|()| None),
        }
    }

    pub(crate) fn finish(self, entries: Vec<ListEntry>, version: Option<String>) -> Parsed {
        Parsed {
            entries,
            version,
            skipped: self.skipped,
        }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::path::PathBuf;

    /// The bytes of a fixture file under `tests/fixtures/`.
    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/",
                $name
            ))
            .as_slice()
        };
    }
    pub(crate) use fixture;

    /// The entry with list id `id`; panics (failing the test) when it is missing.
    pub(crate) fn entry<'a>(
        parsed: &'a super::Parsed,
        id: &str,
    ) -> &'a kyc_core::screening::model::ListEntry {
        parsed
            .entries
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("entry {id} missing"))
    }

    /// Reads a file of the shared sanctions data (`../shared/data/sanctions` beside the
    /// project, or `$KYC_SANCTIONS_DATA`), or prints why the test is skipped.
    pub(crate) fn real_file(relative: &str) -> Option<Vec<u8>> {
        let dir = std::env::var_os("KYC_SANCTIONS_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/sanctions")
            });
        let path = dir.join(relative);
        match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                println!(
                    "skipped: real list file {} not readable ({e})",
                    path.display()
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let e = ImportError::at("sdn.csv", 12, "ent_num \"x\" is not a number");
        assert_eq!(
            e.to_string(),
            "sdn.csv, line 12: ent_num \"x\" is not a number"
        );
        let e = ImportError::file("alt.csv", "the set has no primary file");
        assert_eq!(e.to_string(), "alt.csv: the set has no primary file");
    }

    #[test]
    fn strict_refuses_lenient_keeps_going() {
        let mut counted = 0;
        let mut count = || counted += 1;
        let mut strict = Records::new(Reading::new(false, &mut count));
        assert!(strict.report(ImportError::at("f", 1, "bad")).is_err());
        assert!(strict
            .read(Err::<(), _>(ImportError::at("f", 2, "bad")))
            .is_err());
        let mut lenient = Records::new(Reading::new(true, &mut count));
        assert!(lenient.report(ImportError::at("f", 1, "bad")).is_ok());
        assert_eq!(lenient.read(Ok::<_, ImportError>(7)), Ok(Some(7)));
        assert_eq!(
            lenient.read(Err::<u8, _>(ImportError::at("f", 3, "bad"))),
            Ok(None)
        );
        let parsed = lenient.finish(Vec::new(), None);
        assert_eq!(parsed.skipped.len(), 2);
        assert_eq!(counted, 3, "every record read is counted, good or bad");
    }
}
