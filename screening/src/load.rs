//! Finding list files (in directories or as named files), assembling them into sets,
//! parsing them into checked snapshots with their version, hash and counts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kyc_core::screening::model::{EntryKind, ListSnapshot, ListSource, SnapshotInfo};
use sha2::{Digest, Sha256};

use super::error::{File, ImportError, Parsed, Reading};
use super::ofac::OfacRole;
use super::progress::Progress;
use super::{csl, eu, ofac, uk, un};

/// What a file is, as far as the importers can tell from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Ofac(ofac::OfacPart),
    UnXml,
    EuXml,
    UsCsl,
    UkCsv,
}

/// A set of files making one list.
#[derive(Debug, Clone)]
pub struct FileSet {
    pub source: ListSource,
    /// Where it was found, for messages (the directory of an OFAC set, else the file).
    pub label: String,
    pub files: Vec<(FileKind, PathBuf)>,
}

/// The lists found, and what was set aside and why.
#[derive(Debug, Default)]
pub struct Found {
    pub sets: Vec<FileSet>,
    pub notes: Vec<String>,
}

/// Walks files and directories (recursively, in name order) for list files.
pub fn discover(paths: &[PathBuf]) -> anyhow::Result<Found> {
    let mut files = Vec::new();
    for path in paths {
        walk(path, &mut files)?;
    }
    let mut found = Found::default();
    let mut ofac_sets: BTreeMap<(PathBuf, ListSource), Vec<(FileKind, PathBuf)>> = BTreeMap::new();
    for file in files {
        match sniff(&file)? {
            Some(kind @ FileKind::Ofac(part)) => {
                let source = part.source;
                let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
                ofac_sets
                    .entry((dir, source))
                    .or_default()
                    .push((kind, file));
            }
            Some(kind) => found.sets.push(FileSet {
                source: source_of(kind),
                label: file.display().to_string(),
                files: vec![(kind, file)],
            }),
            None => {}
        }
    }
    for ((dir, source), files) in ofac_sets {
        let has_primary = files.iter().any(|(k, _)| is_role(*k, OfacRole::Primary));
        if has_primary {
            found.sets.push(FileSet {
                source,
                label: dir.display().to_string(),
                files,
            });
        } else {
            found.notes.push(format!(
                "{}: {} without its primary file: refused as a partial set",
                dir.display(),
                files
                    .iter()
                    .map(|(_, f)| file_name(f))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok(found)
}

fn walk(path: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut children: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    children.sort();
    for child in children {
        walk(&child, out)?;
    }
    Ok(())
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_role(kind: FileKind, role: OfacRole) -> bool {
    matches!(kind, FileKind::Ofac(part) if part.role == role)
}

fn source_of(kind: FileKind) -> ListSource {
    match kind {
        FileKind::Ofac(part) => part.source,
        FileKind::UnXml => ListSource::Un,
        FileKind::EuXml => ListSource::Eu,
        FileKind::UsCsl => ListSource::UsCsl,
        FileKind::UkCsv => ListSource::Uk,
    }
}

/// Recognises a list file by name (OFAC's fixed names) or by its first bytes.
pub fn sniff(path: &Path) -> anyhow::Result<Option<FileKind>> {
    let name = file_name(path).to_ascii_lowercase();
    if let Some(part) = ofac::classify(&name) {
        return Ok(Some(FileKind::Ofac(part)));
    }
    let is_xml = name.ends_with(".xml");
    let is_csv = name.ends_with(".csv");
    if !is_xml && !is_csv {
        return Ok(None);
    }
    let mut head = vec![0u8; 4096];
    let n = {
        use std::io::Read;
        std::fs::File::open(path)?.read(&mut head)?
    };
    let head = String::from_utf8_lossy(&head[..n]);
    Ok(if is_xml && head.contains("<CONSOLIDATED_LIST") {
        Some(FileKind::UnXml)
    } else if is_xml && head.contains("<export") && head.contains("sanctionEntity") {
        Some(FileKind::EuXml)
    } else if is_csv
        && head
            .lines()
            .next()
            .is_some_and(|l| l.contains("source") && l.contains("alt_names"))
    {
        Some(FileKind::UsCsl)
    } else if is_csv && head.contains("Group ID") && head.contains("Name 6") {
        Some(FileKind::UkCsv)
    } else {
        None
    })
}

/// Reads and parses one set. Strict unless `skip_bad_records`.
pub fn parse_set(
    set: &FileSet,
    skip_bad_records: bool,
    progress: &Progress,
) -> Result<(ListSnapshot, Vec<ImportError>), ImportError> {
    let mut contents = Vec::new();
    for (kind, path) in &set.files {
        let bytes = std::fs::read(path).map_err(|e| ImportError {
            file: path.display().to_string(),
            line: None,
            message: format!("cannot be read: {e}"),
        })?;
        contents.push((*kind, file_name(path), bytes));
    }
    // A fixed order, so that the hash does not depend on the directory listing.
    contents.sort_by_key(|(kind, _, _)| order(*kind));
    let mut hasher = Sha256::new();
    for (_, name, bytes) in &contents {
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    }
    let sha256 = hex(&hasher.finalize());
    let bar = progress.records(&set.label);
    let mut tick = || bar.inc(1);
    let reading = Reading::new(skip_bad_records, &mut tick);
    let parsed = parse_contents(set.source, &contents, reading)?;
    bar.finish_and_clear();
    let skipped = parsed.skipped.clone();
    Ok((snapshot(set, parsed, sha256), skipped))
}

fn order(kind: FileKind) -> u8 {
    match kind {
        FileKind::Ofac(part) => match part.role {
            OfacRole::Primary => 0,
            OfacRole::Alt => 1,
            OfacRole::Add => 2,
            OfacRole::Comments => 3,
        },
        _ => 0,
    }
}

fn parse_contents(
    source: ListSource,
    contents: &[(FileKind, String, Vec<u8>)],
    reading: Reading<'_>,
) -> Result<Parsed, ImportError> {
    let file = |i: usize| File {
        name: &contents[i].1,
        bytes: &contents[i].2,
    };
    match contents[0].0 {
        FileKind::Ofac(..) => {
            let part = |role: OfacRole| {
                contents
                    .iter()
                    .position(|(k, _, _)| is_role(*k, role))
                    .map(file)
            };
            let primary =
                part(OfacRole::Primary).ok_or_else(|| ofac::partial_set(source, &contents[0].1))?;
            ofac::parse(
                primary,
                part(OfacRole::Alt),
                part(OfacRole::Add),
                part(OfacRole::Comments),
                source,
                reading,
            )
        }
        FileKind::UnXml => un::parse(file(0), reading),
        FileKind::EuXml => eu::parse(file(0), reading),
        FileKind::UsCsl => csl::parse(file(0), reading),
        FileKind::UkCsv => uk::parse(file(0), reading),
    }
}

fn snapshot(set: &FileSet, parsed: Parsed, sha256: String) -> ListSnapshot {
    let entries = parsed.entries;
    let version = parsed.version.unwrap_or_else(|| {
        let dir = Path::new(&set.label)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("undated ({dir})")
    });
    let info = SnapshotInfo {
        source: set.source,
        version,
        sha256,
        entries: entries.len(),
        people: entries
            .iter()
            .filter(|e| e.kind == EntryKind::Person)
            .count(),
        aliases: entries.iter().map(|e| e.aliases.len()).sum(),
        skipped: parsed.skipped.len(),
    };
    ListSnapshot { info, entries }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses every set found; where one list has several sets (a directory holding old and new
/// copies, or test fixtures), the one with the most entries is used and the others noted.
/// Sets that fail are noted and left out: this is for screening from files, where
/// `import` is the strict path.
pub fn load_for_screening(
    paths: &[PathBuf],
    progress: &Progress,
) -> anyhow::Result<(Vec<ListSnapshot>, Vec<String>)> {
    let found = discover(paths)?;
    let mut notes = found.notes;
    let mut best: BTreeMap<ListSource, ListSnapshot> = BTreeMap::new();
    for set in &found.sets {
        match parse_set(set, true, progress) {
            Ok((snapshot, skipped)) => {
                notes.extend(skipped.iter().map(|e| format!("skipped a bad record: {e}")));
                match best.get(&set.source) {
                    Some(current) if current.info.entries >= snapshot.info.entries => {
                        notes.push(format!(
                            "{}: not used, a larger {} set was found",
                            set.label,
                            set.source.label()
                        ));
                    }
                    _ => {
                        if let Some(old) = best.insert(set.source, snapshot) {
                            notes.push(format!(
                                "{} ({} entries): not used, a larger set was found",
                                old.info.source.label(),
                                old.info.entries
                            ));
                        }
                    }
                }
            }
            Err(e) => notes.push(format!("{}: not used: {e}", set.label)),
        }
    }
    if best.is_empty() {
        anyhow::bail!(
            "no list files found in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok((best.into_values().collect(), notes))
}
