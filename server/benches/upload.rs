//! Benchmark of the upload route with an ~8 MB camera-sized JPEG: wall time per upload and
//! the process's peak resident memory, with image decoding and re-encoding on, against the
//! same route with decoding switched off (sniffing, encryption and storage only).
//!
//! Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench -p kyc-server --bench upload`
//! It creates (and drops) a database `kyc_bench_upload`. Prints figures; asserts nothing
//! about speed.

use std::time::{Duration, Instant};

use kyc_core::link::LinkToken;
use kyc_core::StepKind;
use kyc_server::uploads::UploadSettings;

const RUNS: usize = 5;

mod common;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let scratch = common::Scratch::create("kyc_bench_upload").await?;
    let db = scratch.db.clone();
    let photo = camera_jpeg(8 * 1024 * 1024);
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
    open_journey(db, &client, &base).await?;
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

/// A journey of acme with a selfie step, opened and consented by `client`.
async fn open_journey(
    db: &kyc_db::PgPool,
    client: &reqwest::Client,
    base: &str,
) -> anyhow::Result<()> {
    let (merchant_id, operator_id): (uuid::Uuid, uuid::Uuid) = sqlx::query_as(
        "SELECT m.id, s.id FROM merchants m, staff_users s WHERE m.slug = 'acme' AND s.email = 'operator@acme.test'",
    )
    .fetch_one(db)
    .await?;
    let customer_id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM customers WHERE merchant_id = $1 LIMIT 1")
            .bind(merchant_id)
            .fetch_one(db)
            .await?;
    let token = LinkToken::from_bytes(uuid_bytes());
    let now = time::OffsetDateTime::now_utc();
    let new = kyc_db::journeys::NewJourney {
        customer_id,
        steps: vec![StepKind::Selfie],
        token_hash: token.hash(),
        expires_at: now + time::Duration::hours(1),
    };
    let mut tx = db.begin().await?;
    kyc_db::journeys::create(&mut tx, merchant_id, operator_id, &new, None, now).await?;
    tx.commit().await?;
    client
        .get(format!("{base}/k/{}", token.encode()))
        .send()
        .await?;
    let consent = client
        .post(format!("{base}/api/give_consent"))
        .header("origin", base)
        .send()
        .await?;
    anyhow::ensure!(consent.status().is_success(), "consent failed");
    Ok(())
}

/// A 4000 x 3000 JPEG of about `target` bytes: a photo-like gradient with fine noise,
/// at the quality that comes closest without passing it.
fn camera_jpeg(target: usize) -> Vec<u8> {
    let mut seed: u32 = 0x2545_F491;
    let image = image::RgbImage::from_fn(4000, 3000, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 48) as u8;
        image::Rgb([
            ((x / 16) as u8).wrapping_add(noise),
            ((y / 12) as u8).wrapping_add(noise / 2),
            (((x + y) / 28) as u8).wrapping_add(noise),
        ])
    });
    let mut best = Vec::new();
    for quality in (60..=98).step_by(2) {
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
        if image.write_with_encoder(encoder).is_err() || out.len() > target {
            break;
        }
        best = out;
    }
    best
}

/// 32 random bytes (two v4 UUIDs: the bench needs a token, not a secret).
fn uuid_bytes() -> [u8; 32] {
    let mut bytes = [0; 32];
    bytes[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    bytes[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    bytes
}
