//! Benchmark of the KYC report export: 1M generated journeys (three steps each) streamed as
//! CSV through the same code the download route uses, against `COPY (same query) TO STDOUT`
//! in the same run; wall time, bytes and the process's peak resident memory, at 100k and 1M
//! rows.
//!
//! Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench -p kyc-server --bench report`
//! It creates (and drops) a database `kyc_bench_report`. Prints figures; asserts nothing
//! about speed.

use std::time::Instant;

use futures_util::StreamExt;
use kyc_core::report::ReportRange;
use sqlx::postgres::PgPoolCopyExt;
use uuid::Uuid;

const JOURNEYS: i64 = 1_000_000;
/// Journeys are spread over this many days, 10 000 a day: ten days hold 100k.
const DAYS: i64 = 100;

mod common;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let scratch = common::Scratch::create("kyc_bench_report").await?;
    let db = scratch.db.clone();
    let merchant = kyc_db::merchants::id_by_slug(&db, "acme").await?;
    let started = Instant::now();
    generate(&db, merchant).await?;
    println!(
        "generated {JOURNEYS} journeys ({} step rows) in {:.1} s",
        JOURNEYS * 3,
        started.elapsed().as_secs_f64()
    );
    println!(
        "process RSS before exporting: {:.1} MiB",
        common::mib(common::rss()?)
    );
    println!(
        "{:<28} {:>9} {:>10} {:>10} {:>14}",
        "export", "rows", "seconds", "MB out", "peak RSS MiB"
    );
    for (label, to) in [("100k", "2026-01-10"), ("1M", "2026-04-10")] {
        let range = ReportRange::parse("2026-01-01", to).map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let (rows, bytes, seconds, peak) = streamed(&db, merchant, range).await?;
        println!(
            "{:<28} {rows:>9} {seconds:>10.2} {:>10.1} {:>14.1}",
            format!("CSV route code, {label}"),
            bytes as f64 / 1e6,
            common::mib(peak)
        );
        let (rows, bytes, seconds, peak) = copied(&db, merchant, range).await?;
        println!(
            "{:<28} {rows:>9} {seconds:>10.2} {:>10.1} {:>14.1}",
            format!("COPY TO STDOUT, {label}"),
            bytes as f64 / 1e6,
            common::mib(peak)
        );
    }
    scratch.drop().await
}

/// 10 000 customers and 1M journeys of theirs over [`DAYS`] days from 2026-01-01, each with
/// documents, selfie and signature steps in varied states, in a few set-based statements.
async fn generate(db: &kyc_db::PgPool, merchant: Uuid) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO customers (id, merchant_id, full_name, email, external_ref, created_at)
         SELECT gen_random_uuid(), $1, 'Customer ' || i, 'c' || i || '@example.in', 'REF-' || i, '2025-12-01'
         FROM generate_series(1, 10000) i",
    )
    .bind(merchant)
    .execute(db)
    .await?;
    sqlx::query(
        "INSERT INTO journeys (id, merchant_id, customer_id, token_hash, state, expires_at, created_at, opened_at, submitted_at, ended_at, end_reason)
         SELECT gen_random_uuid(), $1, c.id, sha256(int8send(i)),
                s.state, t.created + interval '72 hours', t.created,
                CASE WHEN s.state <> 'created' THEN t.created + interval '5 minutes' END,
                CASE WHEN s.state IN ('completed', 'rejected') THEN t.created + interval '20 minutes' END,
                CASE WHEN s.state IN ('completed', 'rejected') THEN t.created + interval '2 hours'
                     WHEN s.state = 'expired' THEN t.created + interval '72 hours' END,
                CASE WHEN s.state = 'expired' THEN 'window_passed' END
         FROM generate_series(1, $2) i
         JOIN LATERAL (SELECT timestamptz '2026-01-01' + (i % $3) * interval '1 day' + (i % 86000) * interval '1 second' AS created) t ON true
         JOIN LATERAL (SELECT (ARRAY['created', 'in_progress', 'completed', 'rejected', 'expired'])[1 + i % 5] AS state) s ON true
         JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM customers WHERE merchant_id = $1 AND full_name LIKE 'Customer %') c
              ON c.n = i % 10000",
    )
    .bind(merchant)
    .bind(JOURNEYS)
    .bind(DAYS)
    .execute(db)
    .await?;
    sqlx::query(
        "INSERT INTO journey_steps (journey_id, kind, position, state, updated_at)
         SELECT j.id, k.kind, k.position,
                CASE WHEN j.state = 'completed' THEN 'completed'
                     WHEN j.state = 'created' THEN 'not_started'
                     WHEN k.position = 1 THEN 'completed' ELSE 'in_progress' END,
                j.created_at + k.position * interval '4 minutes'
         FROM journeys j
         CROSS JOIN (VALUES ('documents', 1::smallint), ('selfie', 2::smallint), ('signature', 3::smallint)) k(kind, position)
         WHERE j.merchant_id = $1",
    )
    .bind(merchant)
    .execute(db)
    .await?;
    sqlx::query("ANALYZE").execute(db).await?;
    Ok(())
}

/// The report through `reports::csv_chunks` (the route's body): rows, bytes, seconds, peak RSS.
async fn streamed(
    db: &kyc_db::PgPool,
    merchant: Uuid,
    range: ReportRange,
) -> anyhow::Result<(usize, usize, f64, u64)> {
    common::reset_peak()?;
    let started = Instant::now();
    let (lines, bytes) =
        count(kyc_server::reports::csv_chunks(db.clone(), merchant, range)).await?;
    Ok((
        lines - 1,
        bytes,
        started.elapsed().as_secs_f64(),
        common::peak_rss()?,
    ))
}

/// The same query run by Postgres as `COPY (...) TO STDOUT (FORMAT csv)`.
async fn copied(
    db: &kyc_db::PgPool,
    merchant: Uuid,
    range: ReportRange,
) -> anyhow::Result<(usize, usize, f64, u64)> {
    let query = kyc_db::reports::REPORT_SQL
        .replace("$1", &format!("'{merchant}'::uuid"))
        .replace(
            "$2",
            &format!("'{}'::timestamptz", kyc_core::report::utc(range.start())),
        )
        .replace(
            "$3",
            &format!("'{}'::timestamptz", kyc_core::report::utc(range.end())),
        );
    common::reset_peak()?;
    let started = Instant::now();
    let stream = db
        .copy_out_raw(&format!("COPY ({query}) TO STDOUT (FORMAT csv, HEADER)"))
        .await?;
    let (lines, bytes) = count(stream).await?;
    Ok((
        lines - 1,
        bytes,
        started.elapsed().as_secs_f64(),
        common::peak_rss()?,
    ))
}

/// Lines and bytes of a stream of chunks, consumed as it comes.
async fn count<B, E>(
    stream: impl futures_util::Stream<Item = Result<B, E>>,
) -> anyhow::Result<(usize, usize)>
where
    B: AsRef<[u8]>,
    E: std::error::Error + Send + Sync + 'static,
{
    let mut stream = std::pin::pin!(stream);
    let (mut lines, mut bytes) = (0, 0);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        bytes += chunk.as_ref().len();
        lines += chunk.as_ref().iter().filter(|b| **b == b'\n').count();
    }
    Ok((lines, bytes))
}
