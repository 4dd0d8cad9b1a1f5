//! Can one link's worth of uploads exhaust the server? Fires 20 concurrent 12-megapixel
//! JPEG selfies (about 8 MB each, each from its own journey) and 4 worst-case PNGs (49
//! megapixels of RGBA that deflate to a few hundred kilobytes: the most pixels and memory
//! an accepted file can ask the decoder for) at one server with the production upload
//! settings, and prints every answer, the time to the last one, the process's peak resident
//! memory and whether the server still answers. The reference, measured in the same run, is
//! one 12-megapixel upload alone.
//!
//! Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench -p kyc-server --bench exhaustion`
//! It creates (and drops) a database `kyc_bench_exhaustion`. Prints figures; asserts
//! nothing about speed. The peak includes the client's own copies of the bodies (the
//! benchmark and the server share one process).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use kyc_server::uploads::UploadSettings;

mod common;

const PHOTOS: usize = 20;
const BOMBS: usize = 4;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let scratch = common::Scratch::create("kyc_bench_exhaustion").await?;
    let photo = common::camera_jpeg(8 * 1024 * 1024);
    let bomb = worst_png();
    let settings = UploadSettings::default();
    println!(
        "inputs: {} byte JPEG (4000 x 3000), {} byte PNG (7000 x 7000 RGBA); {} decodes at once \
         ({} MiB decoder limit each, 1 GiB budget), {} s wait for a decoder",
        photo.len(),
        bomb.len(),
        settings.decodes.available_permits(),
        settings.inspect.max_alloc / 1024 / 1024,
        settings.decode_wait.as_secs()
    );
    let server = Server::start(&scratch.db, settings).await?;

    let alone = server.client().await?;
    common::reset_peak()?;
    let started = Instant::now();
    let answer = alone.upload(photo.clone(), "image/jpeg").await?;
    let (alone_time, alone_peak) = (started.elapsed(), common::peak_rss()?);

    let mut clients = Vec::new();
    for _ in 0..PHOTOS + BOMBS {
        clients.push(server.client().await?);
    }
    let health_before = server.health().await?;
    common::reset_peak()?;
    let started = Instant::now();
    let uploads = clients.into_iter().enumerate().map(|(i, client)| {
        let (body, kind, label) = if i < PHOTOS {
            (photo.clone(), "image/jpeg", "12 Mpx JPEG")
        } else {
            (bomb.clone(), "image/png", "49 Mpx PNG")
        };
        tokio::spawn(async move {
            let started = Instant::now();
            let answer = client.upload(body, kind).await;
            (label, answer, started.elapsed())
        })
    });
    let mut answers: BTreeMap<(&str, String), (usize, Duration)> = BTreeMap::new();
    for upload in futures_join(uploads.collect()).await {
        let (label, answer, took) = upload?;
        let answer = answer.unwrap_or_else(|e| format!("request failed: {e}"));
        let slot = answers.entry((label, answer)).or_default();
        slot.0 += 1;
        slot.1 = slot.1.max(took);
    }
    let (burst_time, burst_peak) = (started.elapsed(), common::peak_rss()?);
    let health_after = server.health().await?;

    println!(
        "\nreference: one 12 Mpx JPEG alone: {answer}, {:.2} s, peak RSS {:.0} MiB",
        alone_time.as_secs_f64(),
        common::mib(alone_peak)
    );
    println!("\nburst: {PHOTOS} x 12 Mpx JPEG + {BOMBS} x 49 Mpx PNG at once");
    println!(
        "{:<14} {:<40} {:>6} {:>10}",
        "file", "answer", "count", "slowest s"
    );
    for ((label, answer), (count, slowest)) in &answers {
        println!(
            "{label:<14} {answer:<40} {count:>6} {:>10.2}",
            slowest.as_secs_f64()
        );
    }
    println!(
        "last answer after {:.2} s; peak RSS {:.0} MiB (reference {:.0} MiB); health before {}, after {}",
        burst_time.as_secs_f64(),
        common::mib(burst_peak),
        common::mib(alone_peak),
        health_before,
        health_after
    );
    scratch.drop().await
}

/// Awaits every task, in order.
async fn futures_join<T>(
    tasks: Vec<tokio::task::JoinHandle<T>>,
) -> Vec<Result<T, tokio::task::JoinError>> {
    let mut out = Vec::with_capacity(tasks.len());
    for task in tasks {
        out.push(task.await);
    }
    out
}

/// 7000 x 7000 RGBA, all one colour: 49 megapixels (under the 50 Mpx limit) and 196 MB of
/// pixels that compress to a few hundred kilobytes.
fn worst_png() -> Vec<u8> {
    let image = image::RgbaImage::from_pixel(7000, 7000, image::Rgba([250, 250, 250, 255]));
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("the PNG encodes");
    out.into_inner()
}

struct Server {
    base: String,
    db: kyc_db::PgPool,
    _storage: tempfile::TempDir,
}

struct Customer {
    base: String,
    client: reqwest::Client,
}

impl Server {
    async fn start(db: &kyc_db::PgPool, uploads: UploadSettings) -> anyhow::Result<Server> {
        let storage = tempfile::tempdir()?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let mut config =
            kyc_server::Config::development(address, storage.path().to_str().unwrap_or("."));
        config.sandboxes = None;
        config.uploads = uploads;
        kyc_server::App::build(config, db.clone())?.spawn(listener);
        Ok(Server {
            base: format!("http://{address}"),
            db: db.clone(),
            _storage: storage,
        })
    }

    /// A customer with a journey of their own, opened and consented.
    async fn client(&self) -> anyhow::Result<Customer> {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        common::open_journey(&self.db, &client, &self.base).await?;
        Ok(Customer {
            base: self.base.clone(),
            client,
        })
    }

    async fn health(&self) -> anyhow::Result<String> {
        let response = reqwest::get(format!("{}/health", self.base)).await?;
        Ok(response.status().to_string())
    }
}

impl Customer {
    /// The answer: the status and, for a refusal, the reason code.
    async fn upload(&self, body: Vec<u8>, kind: &str) -> anyhow::Result<String> {
        let response = self
            .client
            .post(format!("{}/journey/captures/selfie?source=file", self.base))
            .header("content-type", kind)
            .header("origin", &self.base)
            .body(body)
            .send()
            .await?;
        let status = response.status();
        if status.is_success() {
            return Ok(status.to_string());
        }
        let text = response.text().await?;
        let code = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| v["error"]["code"].as_str().map(str::to_owned))
            .unwrap_or_else(|| text.chars().take(40).collect());
        Ok(format!("{status} {code}"))
    }
}
