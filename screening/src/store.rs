//! The directory imported lists live in: one content-addressed JSON snapshot per list and a
//! manifest naming the current ones. An import parses and checks everything first, writes
//! the new snapshots, and only then replaces the manifest (write to a temporary file, sync,
//! rename): a failed or partial import never replaces a good list.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use kyc_core::screening::model::{ListSnapshot, ListSource, SnapshotInfo};
use serde::{Deserialize, Serialize};

use super::load::{self, FileSet};
use super::progress::Progress;

pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub info: SnapshotInfo,
    /// The snapshot's file in the store directory.
    pub file: String,
    /// RFC 3339, UTC.
    pub imported_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub lists: Vec<ManifestEntry>,
}

impl Manifest {
    pub fn read(dir: &Path) -> anyhow::Result<Option<Manifest>> {
        let path = dir.join(MANIFEST);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(
                serde_json::from_slice(&bytes)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
        }
    }
}

/// How strict an import is.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Leave out records that cannot be read (each reported and counted).
    pub skip_bad_records: bool,
    /// Accept a list less than half the size of the one it replaces (a truncated download
    /// cut at a record boundary looks like that).
    pub allow_shrink: bool,
}

/// A list may not lose more than this share of its entries in one import without
/// `allow_shrink`.
const MAX_SHRINK: f64 = 0.5;

/// Imports the lists found in `paths` into `dir`. Every set is parsed before anything is
/// written; one bad set refuses the whole import. Lists not named keep their snapshot.
pub fn import(
    paths: &[PathBuf],
    dir: &Path,
    options: ImportOptions,
    progress: &Progress,
) -> anyhow::Result<Vec<ManifestEntry>> {
    let skip_bad_records = options.skip_bad_records;
    let found = load::discover(paths)?;
    if let Some(note) = found.notes.first() {
        anyhow::bail!("{note}; nothing was imported");
    }
    if found.sets.is_empty() {
        anyhow::bail!("no list files recognised; nothing was imported");
    }
    let mut by_source: BTreeMap<ListSource, &FileSet> = BTreeMap::new();
    for set in &found.sets {
        if let Some(other) = by_source.insert(set.source, set) {
            anyhow::bail!(
                "two {} sets given ({} and {}): import one; nothing was imported",
                set.source.label(),
                other.label,
                set.label
            );
        }
    }
    let mut snapshots = Vec::new();
    for set in by_source.values() {
        let (snapshot, skipped) = load::parse_set(set, skip_bad_records, progress)
            .map_err(|e| anyhow::anyhow!("{e}; nothing was imported"))?;
        for e in skipped {
            eprintln!("skipped a bad record: {e}");
        }
        if snapshot.entries.is_empty() {
            anyhow::bail!("{}: no entries; nothing was imported", set.label);
        }
        snapshots.push(snapshot);
    }
    std::fs::create_dir_all(dir)?;
    // One import at a time: the manifest is read, extended and replaced under this lock.
    let lock = std::fs::File::create(dir.join(".import.lock"))?;
    lock.lock()?;
    let mut manifest = Manifest::read(dir)?.unwrap_or_default();
    for snapshot in &snapshots {
        let current = manifest
            .lists
            .iter()
            .find(|l| l.info.source == snapshot.info.source);
        if let Some(current) = current.filter(|_| !options.allow_shrink) {
            if (snapshot.info.entries as f64) < current.info.entries as f64 * MAX_SHRINK {
                anyhow::bail!(
                    "{}: {} entries where the current list has {} (a truncated file?); pass --allow-shrink if that is right; nothing was imported",
                    snapshot.info.source.label(),
                    snapshot.info.entries,
                    current.info.entries
                );
            }
        }
    }
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut written = Vec::new();
    for snapshot in &snapshots {
        let file = format!(
            "{}-{}.json",
            snapshot.info.source.code(),
            &snapshot.info.sha256[..16]
        );
        write_atomically(&dir.join(&file), &serde_json::to_vec(snapshot)?)?;
        let entry = ManifestEntry {
            info: snapshot.info.clone(),
            file,
            imported_at: now.clone(),
        };
        manifest
            .lists
            .retain(|l| l.info.source != snapshot.info.source);
        manifest.lists.push(entry.clone());
        written.push(entry);
    }
    manifest.lists.sort_by_key(|l| l.info.source);
    write_atomically(&dir.join(MANIFEST), &serde_json::to_vec_pretty(&manifest)?)?;
    remove_unreferenced(dir, &manifest);
    drop(lock);
    Ok(written)
}

/// The snapshots the manifest names, checked against their recorded hash of entries.
pub fn load(dir: &Path) -> anyhow::Result<Vec<ListSnapshot>> {
    let manifest = Manifest::read(dir)?
        .ok_or_else(|| anyhow::anyhow!("{}: no {MANIFEST}: import lists first", dir.display()))?;
    manifest
        .lists
        .iter()
        .map(|entry| {
            let path = dir.join(&entry.file);
            let bytes =
                std::fs::read(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let snapshot: ListSnapshot = serde_json::from_slice(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            if snapshot.info != entry.info {
                anyhow::bail!(
                    "{}: does not hold the snapshot the manifest names",
                    path.display()
                );
            }
            Ok(snapshot)
        })
        .collect()
}

fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.error))?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn remove_unreferenced(dir: &Path, manifest: &Manifest) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in read.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_snapshot = ListSource::ALL
            .iter()
            .any(|s| name.starts_with(&format!("{}-", s.code())))
            && name.ends_with(".json");
        if is_snapshot && !manifest.lists.iter().any(|l| l.file == name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

    /// Copies fixtures into a fresh directory under the names the lists publish them as.
    fn lists(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (from, to) in files {
            let target = dir.path().join(to);
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            std::fs::copy(Path::new(FIXTURES).join(from), target).expect("copy");
        }
        dir
    }

    fn good() -> tempfile::TempDir {
        lists(&[
            ("un.xml", "un/consolidated.xml"),
            ("ofac-sdn.csv", "ofac/sdn.csv"),
            ("ofac-alt.csv", "ofac/alt.csv"),
            ("ofac-add.csv", "ofac/add.csv"),
            ("ofac-sdn_comments.csv", "ofac/sdn_comments.csv"),
        ])
    }

    #[test]
    fn an_import_records_version_hash_and_counts_and_loads_back() {
        let source = good();
        let store = tempfile::tempdir().expect("store");
        let written = import(
            &[source.path().to_path_buf()],
            store.path(),
            ImportOptions::default(),
            &Progress::hidden(),
        )
        .expect("imports");
        let sources: Vec<ListSource> = written.iter().map(|w| w.info.source).collect();
        assert_eq!(sources, [ListSource::OfacSdn, ListSource::Un]);
        let un = &written[1].info;
        assert!(
            un.entries > 0 && un.version.starts_with("20") && un.sha256.len() == 64,
            "{un:?}"
        );
        let loaded = load(store.path()).expect("loads");
        assert_eq!(
            loaded.iter().map(|s| s.info.clone()).collect::<Vec<_>>(),
            written.iter().map(|w| w.info.clone()).collect::<Vec<_>>()
        );
        // The same files give the same hash.
        let again = import(
            &[source.path().to_path_buf()],
            store.path(),
            ImportOptions::default(),
            &Progress::hidden(),
        )
        .expect("imports");
        assert_eq!(again[1].info.sha256, un.sha256);
    }

    #[test]
    fn a_bad_or_partial_import_replaces_nothing() {
        let store = tempfile::tempdir().expect("store");
        import(
            &[good().path().to_path_buf()],
            store.path(),
            ImportOptions::default(),
            &Progress::hidden(),
        )
        .expect("imports");
        let manifest = std::fs::read(store.path().join(MANIFEST)).expect("manifest");
        let files = std::fs::read_dir(store.path()).expect("dir").count();

        let broken = lists(&[
            ("un-malformed.xml", "un.xml"),
            ("ofac-sdn.csv", "ofac/sdn.csv"),
        ]);
        let error = import(
            &[broken.path().to_path_buf()],
            store.path(),
            ImportOptions::default(),
            &Progress::hidden(),
        )
        .expect_err("refused");
        assert!(error.to_string().contains("un.xml, line"), "{error}");
        let partial = lists(&[("ofac-alt.csv", "ofac/alt.csv"), ("un.xml", "un.xml")]);
        let error = import(
            &[partial.path().to_path_buf()],
            store.path(),
            ImportOptions::default(),
            &Progress::hidden(),
        )
        .expect_err("refused");
        assert!(error.to_string().contains("partial"), "{error}");
        let truncated = lists(&[("csl-truncated.csv", "csl.csv")]);
        let error = import(
            &[truncated.path().to_path_buf()],
            store.path(),
            ImportOptions::default(),
            &Progress::hidden(),
        )
        .expect_err("refused");
        assert!(error.to_string().contains("csl.csv, line"), "{error}");

        assert_eq!(
            std::fs::read(store.path().join(MANIFEST)).expect("manifest"),
            manifest
        );
        assert_eq!(
            std::fs::read_dir(store.path()).expect("dir").count(),
            files,
            "no stray files"
        );
        // Told to, the truncated record is skipped and counted.
        let written = import(
            &[truncated.path().to_path_buf()],
            store.path(),
            ImportOptions {
                skip_bad_records: true,
                allow_shrink: false,
            },
            &Progress::hidden(),
        )
        .expect("imports");
        assert_eq!(written[0].info.skipped, 1);
    }
}
