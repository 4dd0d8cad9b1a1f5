//! `kyc-server screening ...`: import lists, screen a CSV of people, evaluate the matcher on
//! the labelled sets. None of these needs a database.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use kyc_core::screening::evaluate::PersonRow;
use kyc_core::screening::model::ListSnapshot;
use kyc_core::screening::{Index, Thresholds};

use super::progress::Progress;
use super::{evaluation, load, store};

#[derive(Debug, Subcommand)]
pub enum ScreeningCommand {
    /// Import list files (OFAC legacy CSV sets, UN XML, US CSL CSV, EU XML, UK CSV) into the
    /// list store. Every file is checked first; on any error nothing is replaced.
    Import {
        /// List files, or directories holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The list store directory.
        #[arg(long, env = "KYC_SCREENING_DIR", default_value = "data/screening")]
        store: PathBuf,
        /// Leave out records that cannot be read (each is reported) instead of refusing the list.
        #[arg(long)]
        skip_bad_records: bool,
        /// Accept a list less than half the size of the one it replaces.
        #[arg(long)]
        allow_shrink: bool,
    },
    /// Screen every row of a CSV (columns full_name, first_name, middle_name, last_name,
    /// gender, date_of_birth, place_of_birth, nationality) and write one result row per input row.
    Screen {
        /// A list store directory, list files, or directories searched for list files.
        #[arg(long, required = true, num_args = 1..)]
        lists: Vec<PathBuf>,
        #[arg(long)]
        input: PathBuf,
        /// Where to write the results (standard output when absent).
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long)]
        review_threshold: Option<f32>,
        #[arg(long)]
        confirm_threshold: Option<f32>,
    },
    /// Recall on the damaged UN positives, alert rate on the negatives, precision / recall /
    /// F1 on the labelled name pairs.
    Evaluate {
        /// The data directory (its `labelled/` folder is read; its lists are screened against
        /// unless --lists is given).
        #[arg(long, default_value = "../shared/data/sanctions")]
        data: PathBuf,
        #[arg(long, num_args = 1..)]
        lists: Vec<PathBuf>,
    },
}

pub fn run(command: ScreeningCommand) -> anyhow::Result<()> {
    match command {
        ScreeningCommand::Import {
            paths,
            store: dir,
            skip_bad_records,
            allow_shrink,
        } => {
            let options = store::ImportOptions {
                skip_bad_records,
                allow_shrink,
            };
            let written = store::import(&paths, &dir, options, &Progress::terminal())?;
            for entry in written {
                let i = &entry.info;
                println!(
                    "imported {}: version {}, {} entries ({} people, {} aliases{}), sha256 {}",
                    i.source.label(),
                    i.version,
                    i.entries,
                    i.people,
                    i.aliases,
                    if i.skipped > 0 {
                        format!(", {} bad records skipped", i.skipped)
                    } else {
                        String::new()
                    },
                    i.sha256
                );
            }
            println!("store: {}", dir.join(store::MANIFEST).display());
            Ok(())
        }
        ScreeningCommand::Screen {
            lists,
            input,
            output,
            review_threshold,
            confirm_threshold,
        } => {
            let defaults = Thresholds::default();
            let thresholds = Thresholds {
                review: review_threshold.unwrap_or(defaults.review),
                confirm: confirm_threshold.unwrap_or(defaults.confirm),
            };
            if !thresholds.is_valid() {
                anyhow::bail!("thresholds must satisfy 0.5 <= review <= confirm <= 1");
            }
            let index = build_index(load_lists(&lists)?);
            let out: Box<dyn Write> = match output {
                Some(path) => Box::new(
                    std::fs::File::create(&path)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
                ),
                None => Box::new(std::io::stdout().lock()),
            };
            screen_csv(&index, thresholds, &input, out)
        }
        ScreeningCommand::Evaluate { data, lists } => {
            let lists = if lists.is_empty() {
                vec![data.clone()]
            } else {
                lists
            };
            let index = build_index(load_lists(&lists)?);
            evaluation::run(&index, &data.join("labelled"))
        }
    }
}

/// Snapshots from a store directory (one with a manifest), or from list files found in the
/// paths given. What was set aside is said on stderr.
pub fn load_lists(paths: &[PathBuf]) -> anyhow::Result<Vec<ListSnapshot>> {
    if let [dir] = paths {
        if dir.join(store::MANIFEST).is_file() {
            return store::load(dir);
        }
    }
    let (snapshots, notes) = load::load_for_screening(paths, &Progress::terminal())?;
    for note in notes {
        eprintln!("note: {note}");
    }
    for s in &snapshots {
        eprintln!(
            "using {}: version {}, {} entries, sha256 {}",
            s.info.source.label(),
            s.info.version,
            s.info.entries,
            &s.info.sha256[..16]
        );
    }
    Ok(snapshots)
}

pub fn build_index(snapshots: Vec<ListSnapshot>) -> Index {
    Index::build(snapshots.into_iter().flat_map(|s| s.entries).collect())
}

/// One output row per input row: row number (1 = first data row), decision, best score,
/// and the best entry's list, id and primary name when the decision is not clear.
pub fn screen_csv(
    index: &Index,
    thresholds: Thresholds,
    input: &Path,
    out: Box<dyn Write>,
) -> anyhow::Result<()> {
    let mut reader =
        csv::Reader::from_path(input).map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
    let headers = reader.headers()?.clone();
    if !headers.iter().any(|h| h == "full_name" || h == "last_name") {
        anyhow::bail!(
            "{}: the header needs a full_name or first_name/last_name columns",
            input.display()
        );
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "row",
        "decision",
        "score",
        "list",
        "list_id",
        "primary_name",
    ])?;
    for (i, record) in reader.deserialize::<PersonRow>().enumerate() {
        let row = i + 1;
        let person =
            record.map_err(|e| anyhow::anyhow!("{}: data row {row}: {e}", input.display()))?;
        let Some(query) = person.query() else {
            anyhow::bail!("{}: data row {row} has no name", input.display());
        };
        let outcome = index.screen(&query, thresholds);
        let score = outcome.best().map_or(0.0, |h| h.score);
        let shown = outcome
            .best()
            .filter(|_| outcome.decision != kyc_core::screening::Decision::Clear);
        writer.write_record([
            row.to_string(),
            outcome.decision.code().to_owned(),
            format!("{score:.3}"),
            shown
                .map(|h| h.source.code().to_owned())
                .unwrap_or_default(),
            shown.map(|h| h.list_id.clone()).unwrap_or_default(),
            shown.map(|h| h.primary_name.clone()).unwrap_or_default(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_writes_one_row_per_input_row() {
        let fixtures = PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/un.xml"
        ));
        let index = build_index(load_lists(&[fixtures]).expect("lists"));
        let dir = tempfile::tempdir().expect("dir");
        let input = dir.path().join("people.csv");
        std::fs::write(
            &input,
            "full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n\
             \"TAGANDA, Bosco\",,,,,,,\n,Priya,,Natarajan,female,1990-01-01,,IN\n",
        )
        .expect("input");
        let output = dir.path().join("out.csv");
        let out = Box::new(std::fs::File::create(&output).expect("output"));
        screen_csv(&index, Thresholds::default(), &input, out).expect("screens");
        let text = std::fs::read_to_string(&output).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "row,decision,score,list,list_id,primary_name");
        assert!(
            lines[1].starts_with("1,match,") && lines[1].contains(",un,CDi.030,"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("2,clear,") && lines[2].ends_with(",,,"),
            "{}",
            lines[2]
        );
        assert_eq!(lines.len(), 3);
    }
}
