//! What the benchmarks share: a scratch database and the process's memory figures.
#![allow(dead_code, reason = "each benchmark uses a part of it")]

use sqlx::Connection;

/// A fresh database `name` on the server of `DATABASE_URL`, migrated and seeded with the
/// demo data; drop it with [`Scratch::drop`].
pub struct Scratch {
    admin: sqlx::PgConnection,
    name: &'static str,
    pub db: kyc_db::PgPool,
}

impl Scratch {
    pub async fn create(name: &'static str) -> anyhow::Result<Scratch> {
        let server_url = std::env::var("DATABASE_URL")?;
        let base = server_url
            .rsplit_once('/')
            .map_or(server_url.as_str(), |(b, _)| b)
            .to_owned();
        let mut admin = sqlx::PgConnection::connect(&format!("{base}/postgres")).await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await?;
        let db = kyc_db::connect(&format!("{base}/{name}"), 10).await?;
        kyc_db::migrate(&db).await?;
        kyc_server::demo::seed(&db).await?;
        Ok(Scratch { admin, name, db })
    }

    pub async fn drop(mut self) -> anyhow::Result<()> {
        self.db.close().await;
        sqlx::query(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .execute(&mut self.admin)
        .await?;
        Ok(())
    }
}

/// Resets the peak resident memory (VmHWM) to the current resident memory.
pub fn reset_peak() -> anyhow::Result<()> {
    std::fs::write("/proc/self/clear_refs", "5")?;
    Ok(())
}

/// The process's peak resident memory since the last reset, in bytes.
pub fn peak_rss() -> anyhow::Result<u64> {
    status_bytes("VmHWM")
}

/// The process's resident memory now, in bytes.
pub fn rss() -> anyhow::Result<u64> {
    status_bytes("VmRSS")
}

fn status_bytes(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no {field} in /proc/self/status"))?;
    Ok(kib * 1024)
}

pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0 / 1024.0
}

/// A journey of acme with a selfie step, opened and consented by `client`.
pub async fn open_journey(
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
    let token = kyc_core::link::LinkToken::from_bytes(uuid_bytes());
    let now = time::OffsetDateTime::now_utc();
    let new = kyc_db::journeys::NewJourney {
        customer_id,
        steps: vec![kyc_core::StepKind::Selfie],
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
pub fn camera_jpeg(target: usize) -> Vec<u8> {
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
