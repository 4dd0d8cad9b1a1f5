//! The screening worker: runs the screening step of submitted journeys against the lists
//! the [`Screener`] holds, and re-screens completed journeys after each new list
//! generation. The lists themselves (importers, store, loading) are `kyc_screening`.

use std::time::Duration;

use kyc_core::screening::{Outcome, Query};
use kyc_db::screening::{self as db, Against, Subject};
use kyc_db::PgPool;
use kyc_screening::runtime::{Loaded, Screener};

/// What a result is recorded against: the generation and the snapshots it was built from.
fn against(loaded: &Loaded) -> Against<'_> {
    Against {
        generation: &loaded.generation,
        lists: &loaded.lists,
    }
}

/// What to record of `subject` screened now.
fn screened<'a>(
    subject: &'a Subject,
    against: &'a Against<'a>,
    outcome: &'a Outcome,
) -> db::Screening<'a> {
    db::Screening {
        subject,
        against,
        outcome,
        at: time::OffsetDateTime::now_utc(),
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
    let against = against(&loaded);
    let mut screened_now = 0;
    for subject in db::due(pool, 100).await? {
        let outcome = loaded.index.screen(&query(&subject), subject.thresholds);
        match db::record_journey(pool, screened(&subject, &against, &outcome)).await {
            Ok(true) => screened_now += 1,
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(journey.id = %subject.journey_id, error = %error, "recording a screening failed");
            }
        }
    }
    Ok(screened_now)
}

/// Screens the customer of every completed journey against `loaded` and raises an alert
/// for each new possible match. Returns how many alerts were raised.
pub async fn rescreen_completed(pool: &PgPool, loaded: &Loaded) -> anyhow::Result<usize> {
    let against = against(loaded);
    let mut raised = 0;
    let mut after = None;
    loop {
        let page = db::completed(pool, after, 500).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.journey_id);
        for subject in &page {
            let outcome = loaded.index.screen(&query(subject), subject.thresholds);
            if db::record_rescreen(pool, screened(subject, &against, &outcome)).await? {
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
