//! Screening benchmark over the full OFAC SDN + consolidated, UN and US CSL lists on one
//! thread: list parsing, index build time and memory, per-name latency (p50 / p99 / max)
//! through the index, and the same names by scoring every listed name (brute force) in the
//! same run, with how often the two agree.
//!
//! `cargo bench -p kyc-screening --bench screening` (lists from ../shared/data/sanctions, or
//! KYC_SANCTIONS_DATA).

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kyc_core::screening::evaluate::PersonRow;
use kyc_core::screening::{Decision, Index, Query, Thresholds};
use kyc_screening::{load, progress::Progress};

fn data_dir() -> PathBuf {
    std::env::var_os("KYC_SANCTIONS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/sanctions")
        })
}

fn queries(dir: &std::path::Path) -> anyhow::Result<Vec<Query>> {
    let mut out = Vec::new();
    for file in [
        "un_positives_mangled.csv",
        "negatives_global.csv",
        "negatives_us.csv",
    ] {
        let mut reader = csv::Reader::from_path(dir.join("labelled").join(file))?;
        for row in reader.deserialize::<PersonRow>() {
            if let Some(q) = row?.query() {
                out.push(q);
            }
        }
    }
    Ok(out)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{label:<28} names {:>6}  p50 {:>8.3} ms  p99 {:>8.3} ms  max {:>8.3} ms",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap_or(&Duration::ZERO))
    );
}

fn main() -> anyhow::Result<()> {
    let dir = data_dir();
    let lists = ["ofac", "un", "us-csl"].map(|d| dir.join(d));
    let before = common::rss()?;
    let started = Instant::now();
    let (snapshots, _) = load::load_for_screening(&lists, &Progress::hidden())?;
    let parse = started.elapsed();
    for s in &snapshots {
        println!(
            "list {:<32} {:>6} entries  version {}",
            s.info.source.label(),
            s.info.entries,
            s.info.version
        );
    }
    let entries: Vec<_> = snapshots.into_iter().flat_map(|s| s.entries).collect();
    let parsed_rss = common::rss()?;
    common::reset_peak()?;
    let started = Instant::now();
    let index = Index::build(entries);
    let build = started.elapsed();
    let built_rss = common::rss()?;
    println!(
        "parse {:.0} ms; index build {:.0} ms; {} entries, {} names, {} distinct tokens",
        ms(parse),
        ms(build),
        index.entries.len(),
        index.names.len(),
        index.dict.len()
    );
    println!(
        "memory: entries {:.1} MiB, index on top {:.1} MiB (RSS {:.1} MiB, peak during build {:.1} MiB)",
        common::mib(parsed_rss.saturating_sub(before)),
        common::mib(built_rss.saturating_sub(parsed_rss)),
        common::mib(built_rss),
        common::mib(common::peak_rss()?)
    );

    let queries = queries(&dir)?;
    let thresholds = Thresholds::default();
    // Warm-up, then every query through the index.
    for q in queries.iter().take(200) {
        std::hint::black_box(index.screen(q, thresholds));
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut decisions = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        let outcome = std::hint::black_box(index.screen(q, thresholds));
        times.push(t.elapsed());
        decisions.push((
            outcome.decision,
            outcome.best().map(|h| (h.source, h.list_id.clone())),
        ));
    }
    report("index", times);

    // Brute force on an evenly spread sample (every listed name scored per query).
    let step = (queries.len() / 400).max(1);
    let mut times = Vec::new();
    let (mut same, mut compared, mut missed_alerts) = (0, 0, 0);
    for (i, q) in queries.iter().enumerate().step_by(step) {
        let t = Instant::now();
        let outcome = std::hint::black_box(index.screen_exhaustively(q, thresholds));
        times.push(t.elapsed());
        compared += 1;
        let alert = outcome.decision != Decision::Clear;
        let best = outcome.best().map(|h| (h.source, h.list_id.clone()));
        if outcome.decision == decisions[i].0 && (!alert || best == decisions[i].1) {
            same += 1;
        } else if alert && decisions[i].0 == Decision::Clear {
            missed_alerts += 1;
        }
    }
    report("brute force (reference)", times);
    println!(
        "index vs brute force on {compared} sampled names: same decision and best entry {same}, alerts the index missed {missed_alerts}"
    );
    Ok(())
}
