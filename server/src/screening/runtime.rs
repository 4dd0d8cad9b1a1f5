//! Screening inside the running server: the lists currently loaded (reloaded when an import
//! replaces the store's manifest), the worker that runs the screening step of submitted
//! journeys, and the re-screening of completed journeys after each new list generation.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use kyc_core::screening::model::SnapshotInfo;
use kyc_core::screening::{Index, Query};
use kyc_db::screening::{self as db, Against, Subject};
use kyc_db::PgPool;
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

    fn against(&self) -> Against<'_> {
        Against {
            generation: &self.generation,
            lists: &self.lists,
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

/// The customer's name, with the birth date and gender of their verified Aadhaar when
/// the journey has one (they refine scores; they never veto a name match).
fn query(subject: &Subject) -> Query {
    use kyc_core::screening::model::{Gender, PartialDate};
    let mut query = Query::person(subject.full_name.clone());
    query.birth_date = subject.birth_date.map(|d| PartialDate::Day {
        year: d.year(),
        month: u8::from(d.month()),
        day: d.day(),
    });
    query.gender = match subject.gender.as_deref() {
        Some("M") => Some(Gender::Male),
        Some("F") => Some(Gender::Female),
        _ => None,
    };
    query
}

/// Runs the screening step of every submitted journey waiting for it. Returns how many
/// were screened. Without lists nothing runs (the steps wait). A journey that cannot be
/// recorded is logged and left for the next round; the others go on.
pub async fn screen_due(pool: &PgPool, screener: &Screener) -> anyhow::Result<usize> {
    let Some(loaded) = screener.current() else {
        return Ok(0);
    };
    let mut screened = 0;
    for subject in db::due(pool, 100).await? {
        let outcome = loaded.index.screen(&query(&subject), subject.thresholds);
        let now = time::OffsetDateTime::now_utc();
        match db::record_journey(pool, &subject, &loaded.against(), &outcome, now).await {
            Ok(true) => screened += 1,
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(journey.id = %subject.journey_id, error = %error, "recording a screening failed");
            }
        }
    }
    Ok(screened)
}

/// Screens the customer of every completed journey against `loaded` and raises an alert
/// for each new possible match. Returns how many alerts were raised.
pub async fn rescreen_completed(pool: &PgPool, loaded: &Loaded) -> anyhow::Result<usize> {
    let mut raised = 0;
    let mut after = None;
    loop {
        let page = db::completed(pool, after, 500).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.journey_id);
        for subject in &page {
            let outcome = loaded.index.screen(&query(subject), subject.thresholds);
            let now = time::OffsetDateTime::now_utc();
            if db::record_rescreen(pool, subject, &loaded.against(), &outcome, now).await? {
                raised += 1;
            }
        }
    }
    Ok(raised)
}

/// Re-screens completed journeys against the current generation unless that has finished
/// (here or on another instance); an interrupted run is taken up again on the next round.
async fn rescreen_if_needed(pool: &PgPool, loaded: &Loaded) -> anyhow::Result<()> {
    if db::rescreened(pool, &loaded.generation).await? {
        return Ok(());
    }
    let raised = rescreen_completed(pool, loaded).await?;
    db::mark_rescreened(pool, &loaded.generation).await?;
    tracing::info!(raised, "re-screened completed journeys against new lists");
    Ok(())
}

/// Runs forever: every few seconds picks up a replaced list store (recording its
/// snapshots), re-screens completed journeys once per list generation, then screens
/// submitted journeys.
pub async fn run(pool: PgPool, screener: Screener) {
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    loop {
        tick.tick().await;
        match screener.refresh().await {
            Ok(Some(loaded)) => {
                tracing::info!(generation = %loaded.generation, lists = loaded.lists.len(), "sanctions lists loaded");
                if let Err(error) = db::record_lists(&pool, &loaded.lists).await {
                    tracing::warn!(error = %error, "recording lists failed");
                }
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(error = %error, "loading sanctions lists failed"),
        }
        if let Some(loaded) = screener.current() {
            if let Err(error) = rescreen_if_needed(&pool, &loaded).await {
                tracing::warn!(error = %error, "re-screening failed; trying again");
            }
        }
        match screen_due(&pool, &screener).await {
            Ok(0) => {}
            Ok(screened) => tracing::info!(screened, "screened submitted journeys"),
            Err(error) => tracing::warn!(error = %error, "screening failed"),
        }
    }
}
