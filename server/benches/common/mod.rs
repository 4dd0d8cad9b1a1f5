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
