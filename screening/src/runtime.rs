//! The lists a running server screens against: one loaded generation (the index and the
//! snapshots it was built from) and the [`Screener`] that shares it between tasks and
//! reloads it when an import replaces the store's manifest. The worker that screens
//! journeys with it, and records the results, is in the server.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use kyc_core::screening::model::SnapshotInfo;
use kyc_core::screening::Index;
use sha2::{Digest, Sha256};

use super::load::hex;
use super::store;

/// One generation of lists: the index and the snapshots it was built from.
pub struct Loaded {
    pub index: Index,
    pub lists: Vec<SnapshotInfo>,
    /// SHA-256 over the snapshots' hashes, in list order.
    pub generation: String,
}

impl Loaded {
    pub fn new(snapshots: Vec<kyc_core::screening::model::ListSnapshot>) -> Loaded {
        let mut lists: Vec<SnapshotInfo> = snapshots.iter().map(|s| s.info.clone()).collect();
        lists.sort_by_key(|l| l.source);
        let mut hasher = Sha256::new();
        for l in &lists {
            hasher.update(l.sha256.as_bytes());
        }
        let index = Index::build(snapshots.into_iter().flat_map(|s| s.entries).collect());
        Loaded {
            index,
            lists,
            generation: hex(&hasher.finalize()),
        }
    }
}

/// The lists the server screens against, shared by every task.
#[derive(Clone, Default)]
pub struct Screener {
    dir: Option<PathBuf>,
    current: Arc<RwLock<Option<Arc<Loaded>>>>,
    manifest_digest: Arc<RwLock<Option<String>>>,
}

impl Screener {
    /// Lists from the store directory `dir` (loaded by [`Screener::refresh`]).
    pub fn from_store(dir: PathBuf) -> Screener {
        Screener {
            dir: Some(dir),
            ..Screener::default()
        }
    }

    /// Fixed lists, for tests and tools.
    pub fn fixed(loaded: Loaded) -> Screener {
        let screener = Screener::default();
        if let Ok(mut current) = screener.current.write() {
            *current = Some(Arc::new(loaded));
        }
        screener
    }

    pub fn current(&self) -> Option<Arc<Loaded>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    /// Loads the store's lists when its manifest changed since the last look. Returns the
    /// new generation, if one was loaded.
    pub async fn refresh(&self) -> anyhow::Result<Option<Arc<Loaded>>> {
        let Some(dir) = self.dir.clone() else {
            return Ok(None);
        };
        let manifest = match tokio::fs::read(dir.join(store::MANIFEST)).await {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let digest = hex(&Sha256::digest(&manifest));
        if self
            .manifest_digest
            .read()
            .ok()
            .and_then(|d| d.clone())
            .as_deref()
            == Some(digest.as_str())
        {
            return Ok(None);
        }
        let loaded =
            tokio::task::spawn_blocking(move || store::load(&dir).map(Loaded::new)).await??;
        let loaded = Arc::new(loaded);
        if let Ok(mut current) = self.current.write() {
            *current = Some(loaded.clone());
        }
        if let Ok(mut d) = self.manifest_digest.write() {
            *d = Some(digest);
        }
        Ok(Some(loaded))
    }
}
