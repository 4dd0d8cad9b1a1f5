//! The audit trail's operations: `kyc-server audit verify` and `audit heads`, and the
//! worker that signs chain heads every few minutes.

use std::io::Write;
use std::time::Duration;

use anyhow::Context;
use clap::Subcommand;
use kyc_db::audit::{self, AuditKeys, Head};
use kyc_db::PgPool;

/// How often the heads of grown chains are signed.
pub const SIGN_HEADS_EVERY: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every hash chain (per journey and per merchant) with the audit key and
    /// check every signed head against it; exits 1 on any break.
    Verify {
        /// A file of heads exported earlier by `audit heads` (one JSON object per line),
        /// kept outside the database: checked too.
        #[arg(long)]
        heads: Option<std::path::PathBuf>,
    },
    /// Sign the head of every chain that grew, then print the latest signed head of every
    /// chain, one JSON object per line, for keeping outside the database (the public key
    /// that verifies them goes to standard error).
    Heads,
}

/// Runs `command`; a broken trail exits with status 1.
pub async fn run(db: &PgPool, keys: &AuditKeys, command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify { heads } => {
            let exported = match heads {
                Some(path) => read_heads(&path)?,
                None => Vec::new(),
            };
            let result = audit::verify(db, keys, &exported).await?;
            for b in &result.breaks {
                let entry = b
                    .entry_id
                    .map(|id| format!(" (entry {id})"))
                    .unwrap_or_default();
                println!("BROKEN {} #{}{entry}: {}", b.chain, b.seq, b.problem);
            }
            println!(
                "checked {} entries in {} chains ({} from before keyed hashing) and {} signed heads: {}",
                result.entries,
                result.chains,
                result.unkeyed,
                result.heads,
                if result.breaks.is_empty() {
                    "intact"
                } else {
                    "TAMPERED"
                }
            );
            if !result.breaks.is_empty() {
                std::process::exit(1);
            }
            Ok(())
        }
        AuditCommand::Heads => {
            audit::heads::sign(db, keys).await?;
            eprintln!("public key (Ed25519, base64): {}", keys.heads.public_key());
            let mut out = std::io::stdout().lock();
            for head in audit::heads::latest(db).await? {
                writeln!(out, "{}", serde_json::to_string(&head)?)?;
            }
            Ok(())
        }
    }
}

/// Heads exported earlier, one JSON object per line (blank lines skipped).
fn read_heads(path: &std::path::Path) -> anyhow::Result<Vec<Head>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the exported heads in {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str(line).with_context(|| {
                format!("line {} of {} is not a signed head", n + 1, path.display())
            })
        })
        .collect()
}

/// Signs the heads of grown chains every [`SIGN_HEADS_EVERY`], for as long as the server
/// runs (instances take turns: one signs while the others skip).
pub async fn sign_heads(db: PgPool, keys: AuditKeys) {
    let mut every = tokio::time::interval(SIGN_HEADS_EVERY);
    loop {
        every.tick().await;
        match audit::heads::sign(&db, &keys).await {
            Ok(0) => {}
            Ok(signed) => tracing::info!(signed, "signed audit chain heads"),
            Err(error) => tracing::warn!(%error, "could not sign audit chain heads"),
        }
    }
}
