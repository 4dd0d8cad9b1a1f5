//! Benchmark of the upload route with an ~8 MB camera-sized JPEG: wall time per upload and
//! the process's peak resident memory, with image decoding and re-encoding on, against the
//! same route with decoding switched off (sniffing, encryption and storage only).
//!
//! Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench -p kyc-server --bench upload`
//! It creates (and drops) a database `kyc_bench_upload`. Prints figures; asserts nothing
//! about speed.

use std::time::{Duration, Instant};

use kyc_server::uploads::UploadSettings;

const RUNS: usize = 5;

mod common;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let scratch = common::Scratch::create("kyc_bench_upload").await?;
    let db = scratch.db.clone();
    let photo = common::camera_jpeg(8 * 1024 * 1024);
    println!(
        "input: {} bytes JPEG, 4000 x 3000 pixels; {RUNS} uploads per mode",
        photo.len()
    );
    println!(
        "{:<34} {:>12} {:>12} {:>16}",
        "mode", "median ms", "max ms", "peak RSS MiB"
    );
    for (label, reencode) in [
        ("sniff + encrypt + store (no decode)", false),
        ("decode + re-encode + encrypt + store", true),
    ] {
        let mut settings = UploadSettings::default();
        settings.inspect.reencode_images = reencode;
        let (times, peak) = run(&db, settings, &photo).await?;
        let median = times[times.len() / 2];
        let max = times[times.len() - 1];
        println!(
            "{label:<34} {:>12.1} {:>12.1} {:>16.1}",
            median.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0,
            common::mib(peak)
        );
    }
    scratch.drop().await
}

/// Uploads `photo` as a selfie `RUNS` times; returns sorted times and the peak RSS in bytes.
async fn run(
    db: &kyc_db::PgPool,
    uploads: UploadSettings,
    photo: &[u8],
) -> anyhow::Result<(Vec<Duration>, u64)> {
    let storage = tempfile::tempdir()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let base = format!("http://{address}");
    let mut config =
        kyc_server::Config::development(address, storage.path().to_str().unwrap_or("."));
    config.sandboxes = None;
    config.uploads = uploads;
    kyc_server::App::build(config, db.clone())?.spawn(listener);

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    common::open_journey(db, &client, &base).await?;
    common::reset_peak()?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let response = client
            .post(format!("{base}/journey/captures/selfie?source=file"))
            .header("content-type", "image/jpeg")
            .header("origin", &base)
            .body(photo.to_vec())
            .send()
            .await?;
        anyhow::ensure!(
            response.status().is_success(),
            "upload failed: {}",
            response.text().await?
        );
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times, common::peak_rss()?))
}
