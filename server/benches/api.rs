//! Benchmark of `GET /api/v1/journeys/{id}` (authentication, rate limit, the journey and its
//! steps) at 64 concurrent connections, against a bare axum + sqlx handler selecting the
//! journey row by primary key, in the same run, on the same database.
//!
//! Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench -p kyc-server --bench api`
//! It creates (and drops) a database `kyc_bench_api`. Prints figures; asserts nothing
//! about speed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use uuid::Uuid;

mod common;

const CONNECTIONS: usize = 64;
const JOURNEYS: usize = 1_000;
const WARM_UP: Duration = Duration::from_secs(2);
const MEASURE: Duration = Duration::from_secs(10);

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let scratch = common::Scratch::create("kyc_bench_api").await?;
    let db = scratch.db.clone();
    let (ids, keys) = setup(&db).await?;
    let storage = tempfile::tempdir()?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let base = format!("http://{address}");
    let mut config =
        kyc_server::Config::development(address, storage.path().to_str().unwrap_or("."));
    config.sandboxes = None;
    config.uploads = Default::default();
    kyc_server::App::build(config, db.clone())?.spawn(listener);

    let bare_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let bare = format!("http://{}", bare_listener.local_addr()?);
    let bare_app = Router::new()
        .route("/j/{id}", get(by_primary_key))
        .with_state(db.clone());
    tokio::spawn(async move { axum::serve(bare_listener, bare_app).await });

    println!(
        "{CONNECTIONS} connections, {} s each after {} s warm-up, {JOURNEYS} journeys",
        MEASURE.as_secs(),
        WARM_UP.as_secs()
    );
    println!(
        "{:<40} {:>10} {:>9} {:>9} {:>9}",
        "target", "req/s", "p50 ms", "p99 ms", "errors"
    );
    let ids = Arc::new(ids);
    let keys = Arc::new(keys);
    for (label, url_of) in [
        ("bare axum + sqlx select by id", Target::Bare(bare.clone())),
        ("GET /api/v1/journeys/{id}", Target::Api(base.clone())),
    ] {
        let (rate, p50, p99, errors) = load(url_of, ids.clone(), keys.clone()).await?;
        println!("{label:<40} {rate:>10.0} {p50:>9.2} {p99:>9.2} {errors:>9}");
    }
    scratch.drop().await
}

#[derive(Clone)]
enum Target {
    Bare(String),
    Api(String),
}

async fn by_primary_key(
    State(db): State<kyc_db::PgPool>,
    Path(id): Path<Uuid>,
) -> Json<serde_json::Value> {
    let row: Option<(Uuid, String, time::OffsetDateTime)> =
        sqlx::query_as("SELECT id, state, created_at FROM journeys WHERE id = $1")
            .bind(id)
            .fetch_optional(&db)
            .await
            .ok()
            .flatten();
    Json(match row {
        Some((id, state, created_at)) => {
            serde_json::json!({ "id": id, "state": state, "created_at": created_at.unix_timestamp() })
        }
        None => serde_json::Value::Null,
    })
}

/// Journeys to read, and one API key per connection (each key has its own rate limit,
/// raised to the most allowed).
async fn setup(db: &kyc_db::PgPool) -> anyhow::Result<(Vec<Uuid>, Vec<String>)> {
    let merchant = kyc_db::merchants::id_by_slug(db, "acme").await?;
    let admin: Uuid =
        sqlx::query_scalar("SELECT id FROM staff_users WHERE email = 'admin@acme.test'")
            .fetch_one(db)
            .await?;
    let customer: Uuid = sqlx::query_scalar(
        "INSERT INTO customers (id, merchant_id, full_name, email, created_by) VALUES ($1, $2, 'Bench Customer', 'bench@example.in', $3) RETURNING id",
    )
    .bind(Uuid::new_v4())
    .bind(merchant)
    .bind(admin)
    .fetch_one(db)
    .await?;
    let now = time::OffsetDateTime::now_utc();
    let mut ids = Vec::with_capacity(JOURNEYS);
    for i in 0..JOURNEYS {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&(i as u64).to_le_bytes());
        let new = kyc_db::journeys::NewJourney {
            customer_id: customer,
            steps: vec![
                kyc_core::StepKind::Documents,
                kyc_core::StepKind::Selfie,
                kyc_core::StepKind::Signature,
            ],
            token_hash: kyc_core::link::LinkToken::from_bytes(bytes).hash(),
            expires_at: now + time::Duration::days(3),
        };
        let mut tx = db.begin().await?;
        ids.push(kyc_db::journeys::create(&mut tx, merchant, admin, &new, None, now).await?);
        tx.commit().await?;
    }
    let mut keys = Vec::with_capacity(CONNECTIONS);
    for _ in 0..CONNECTIONS {
        let (secret, prefix) = kyc_db::api_keys::new_secret();
        sqlx::query(
            "INSERT INTO api_keys (id, merchant_id, name, prefix, secret_hash, scopes, rate_limit, created_by, created_at)
             VALUES ($1, $2, 'bench', $3, $4, ARRAY['read'], 100000, $5, now())",
        )
        .bind(Uuid::new_v4())
        .bind(merchant)
        .bind(prefix)
        .bind(kyc_db::api_keys::hash_secret(&secret).to_vec())
        .bind(admin)
        .execute(db)
        .await?;
        keys.push(secret);
    }
    Ok((ids, keys))
}

/// Requests from `CONNECTIONS` workers for the warm-up then the measured time; returns
/// (requests per second, p50 ms, p99 ms, non-200 answers) of the measured part.
async fn load(
    target: Target,
    ids: Arc<Vec<Uuid>>,
    keys: Arc<Vec<String>>,
) -> anyhow::Result<(f64, f64, f64, usize)> {
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..CONNECTIONS {
        let (target, ids, keys) = (target.clone(), ids.clone(), keys.clone());
        workers.spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()?;
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            let mut n = worker;
            while started.elapsed() < WARM_UP + MEASURE {
                let id = ids[n % ids.len()];
                n += CONNECTIONS;
                let request = match &target {
                    Target::Bare(base) => client.get(format!("{base}/j/{id}")),
                    Target::Api(base) => client
                        .get(format!("{base}/api/v1/journeys/{id}"))
                        .bearer_auth(&keys[worker]),
                };
                let sent = Instant::now();
                let response = request.send().await?;
                let ok = response.status().is_success();
                let _ = response.bytes().await?;
                if started.elapsed() > WARM_UP {
                    latencies.push(sent.elapsed());
                    if !ok {
                        errors += 1;
                    }
                }
            }
            Ok::<_, anyhow::Error>((latencies, errors))
        });
    }
    let mut all = Vec::new();
    let mut errors = 0;
    while let Some(done) = workers.join_next().await {
        let (latencies, failed) = done??;
        all.extend(latencies);
        errors += failed;
    }
    all.sort();
    let at = |q: f64| {
        all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    Ok((
        all.len() as f64 / MEASURE.as_secs_f64(),
        at(0.50),
        at(0.99),
        errors,
    ))
}
