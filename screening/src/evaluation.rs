//! The evaluation over the labelled sets: recall on damaged UN positives, alert rate on
//! synthetic negatives, precision / recall / F1 on name pairs, and a threshold sweep that
//! shows where the default thresholds come from.

use std::path::Path;

use kyc_core::screening::evaluate::{pair_counts, ratio, NamePair, PersonRow};
use kyc_core::screening::{Index, Subject, Thresholds};

/// Best scores of every row of a labelled people file (0 when the row has no candidate).
fn best_scores(index: &Index, path: &Path) -> anyhow::Result<Vec<f32>> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let probe = Thresholds {
        review: 0.5,
        confirm: 1.0,
    };
    reader
        .deserialize::<PersonRow>()
        .map(|row| {
            let row = row?;
            Ok(row.query().map_or(0.0, |q| {
                index.screen(&q, probe).best().map_or(0.0, |h| h.score)
            }))
        })
        .collect()
}

fn read_people(path: &Path) -> anyhow::Result<Vec<PersonRow>> {
    let mut reader = csv::Reader::from_path(path)?;
    Ok(reader
        .deserialize::<PersonRow>()
        .collect::<Result<_, _>>()?)
}

fn explain(index: &Index, row: &PersonRow) {
    let Some(q) = row.query() else { return };
    let outcome = index.screen(
        &q,
        Thresholds {
            review: 0.5,
            confirm: 1.0,
        },
    );
    for h in outcome.hits.iter().take(2) {
        println!(
            "      {:.3} (name {:.3}) {} {} {:?} adj {:?} tokens {:?}",
            h.score,
            h.name_score,
            h.source.code(),
            h.list_id,
            h.matched_name,
            h.adjustments.iter().map(|a| a.delta).collect::<Vec<_>>(),
            h.tokens
                .iter()
                .map(|t| format!("{}={}:{:.2}", t.query, t.listed, t.similarity))
                .collect::<Vec<_>>()
        );
    }
}

fn read_pairs(path: &Path) -> anyhow::Result<Vec<NamePair>> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut pairs = Vec::new();
    for record in reader.records() {
        let r = record?;
        let field = |i: usize| r.get(i).unwrap_or_default().trim().to_owned();
        pairs.push(NamePair {
            schema: field(1),
            name1: field(2),
            name2: field(3),
            is_match: field(4).eq_ignore_ascii_case("true"),
        });
    }
    Ok(pairs)
}

fn pct(a: usize, b: usize) -> String {
    format!("{a}/{b} = {:.2}%", 100.0 * ratio(a, b))
}

pub fn run(index: &Index, labelled: &Path) -> anyhow::Result<()> {
    let t = Thresholds::default();
    println!(
        "lists: {} entries, {} indexed names",
        index.entries.len(),
        index.names.len()
    );
    println!(
        "default thresholds: review {:.2}, confirm {:.2}\n",
        t.review, t.confirm
    );

    let clean = best_scores(index, &labelled.join("un_positives_clean.csv"))?;
    let damaged = best_scores(index, &labelled.join("un_positives_mangled.csv"))?;
    if clean.len() != damaged.len() {
        anyhow::bail!("un_positives_clean.csv and un_positives_mangled.csv must have the same rows ({} and {})", clean.len(), damaged.len());
    }
    let global = best_scores(index, &labelled.join("negatives_global.csv"))?;
    let us = best_scores(index, &labelled.join("negatives_us.csv"))?;
    let at = |scores: &[f32], th: f32| scores.iter().filter(|s| **s >= th).count();
    let matchable: Vec<usize> = (0..clean.len()).filter(|i| clean[*i] >= t.review).collect();
    let found_matchable = matchable
        .iter()
        .filter(|i| damaged[**i] >= t.review)
        .count();
    println!(
        "UN positives, damaged: recall {}",
        pct(at(&damaged, t.review), damaged.len())
    );
    println!(
        "  of which matchable (the clean row is found: its person is on the lists): {}; recall on those {}",
        matchable.len(),
        pct(found_matchable, matchable.len())
    );
    println!(
        "  clean rows found: {}",
        pct(at(&clean, t.review), clean.len())
    );
    let verbose = std::env::var_os("KYC_EVAL_VERBOSE").is_some();
    if verbose {
        let rows = read_people(&labelled.join("un_positives_mangled.csv"))?;
        let clean_rows = read_people(&labelled.join("un_positives_clean.csv"))?;
        for i in (0..damaged.len()).filter(|i| damaged[*i] < t.review) {
            println!(
                "  missed: {:?} (clean {:?}) {:.3} / clean {:.3}",
                rows[i].full_name, clean_rows[i].full_name, damaged[i], clean[i]
            );
            explain(index, &rows[i]);
        }
        let neg = read_people(&labelled.join("negatives_global.csv"))?;
        for i in (0..global.len()).filter(|i| global[*i] >= t.review) {
            println!("  alert: {:?} {:.3}", neg[i].full_name, global[i]);
            explain(index, &neg[i]);
        }
        let neg = read_people(&labelled.join("negatives_us.csv"))?;
        for i in (0..us.len()).filter(|i| us[*i] >= t.review) {
            println!("  alert: {:?} {:.3}", neg[i].full_name, us[i]);
            explain(index, &neg[i]);
        }
    }
    let negatives = global.len() + us.len();
    println!(
        "negatives: alerts {} (global {}, US {})",
        pct(at(&global, t.review) + at(&us, t.review), negatives),
        pct(at(&global, t.review), global.len()),
        pct(at(&us, t.review), us.len())
    );

    let pairs = read_pairs(&labelled.join("name_pairs.csv"))?;
    let scored: Vec<(f32, bool)> = pairs
        .iter()
        .map(|p| {
            (
                index.pair_score(&p.name1, &p.name2, p.subject()),
                p.is_match,
            )
        })
        .collect();
    if std::env::var_os("KYC_EVAL_VERBOSE").is_some() {
        for (p, (score, expected)) in pairs.iter().zip(&scored) {
            if (*score >= t.review) != *expected {
                println!(
                    "  pair wrong: {} | {} | {} expected {} score {:.3}",
                    p.schema, p.name1, p.name2, expected, score
                );
            }
        }
    }
    let c = pair_counts(&scored, t.review);
    println!(
        "\nname pairs ({}): at the review threshold precision {:.3}, recall {:.3}, F1 {:.3}",
        pairs.len(),
        c.precision(),
        c.recall(),
        c.f1()
    );
    let best = (60..=99)
        .map(|i| i as f32 / 100.0)
        .map(|th| (th, pair_counts(&scored, th).f1()))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((t.review, 0.0));
    println!("  best F1 over thresholds: {:.3} at {:.2}", best.1, best.0);

    println!("\nthreshold sweep (people screening):");
    println!("  threshold  recall-damaged  recall-matchable  alert-rate  pairs-F1");
    for i in 78..=95 {
        let th = i as f32 / 100.0;
        let found = matchable.iter().filter(|i| damaged[**i] >= th).count();
        println!(
            "  {th:.2}       {:>6.2}%         {:>6.2}%           {:>5.2}%      {:.3}",
            100.0 * ratio(at(&damaged, th), damaged.len()),
            100.0 * ratio(found, matchable.len()),
            100.0 * ratio(at(&global, th) + at(&us, th), negatives),
            pair_counts(&scored, th).f1()
        );
    }

    let cross =
        std::fs::read_to_string(labelled.join("cross_script_pairs.csv")).unwrap_or_default();
    println!("\ncross-script pairs (score, the pair's expected minimum):");
    for line in cross
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.splitn(4, ',').collect();
        if f.len() == 4 && f[0] != "Query" {
            let s = index.pair_score(f[0], f[1], Subject::Person);
            println!("  {} / {}: {:.3} (min {})", f[0], f[1], s, f[2]);
        }
    }
    Ok(())
}
