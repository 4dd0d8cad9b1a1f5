//! Start-up configuration from the environment.

use std::net::SocketAddr;

use anyhow::Context;
use leptos::prelude::LeptosOptions;

use crate::storage::MasterKey;
use crate::uploads::UploadSettings;

/// How the mounted sandboxes behave.
#[derive(Clone, Debug)]
pub struct Sandboxes {
    /// How long the penny-drop sandbox keeps an asynchronous check in process.
    pub bank_delay: std::time::Duration,
    /// Whether the penny-drop sandbox calls the app's webhook when a check finishes.
    pub bank_webhooks: bool,
    /// How long the DigiLocker sandbox's slow persona takes.
    pub digilocker_slow: std::time::Duration,
}

impl Default for Sandboxes {
    /// What a person trying the app sees: a few seconds for an asynchronous penny drop.
    fn default() -> Self {
        Sandboxes {
            bank_delay: std::time::Duration::from_secs(3),
            bank_webhooks: true,
            digilocker_slow: std::time::Duration::from_secs(30),
        }
    }
}

/// Everything the server reads at start-up.
#[derive(Debug)]
pub struct Config {
    /// Postgres connection URL (`DATABASE_URL`).
    pub database_url: String,
    /// Where to listen (`LEPTOS_SITE_ADDR`, default `127.0.0.1:3000`).
    pub listen: SocketAddr,
    /// The address customers reach the app at (`KYC_PUBLIC_URL`, default `http://{listen}`).
    pub public_url: String,
    /// Production mode (`KYC_ENV=production`): secure cookies and HSTS.
    pub production: bool,
    /// Seed the demo merchants and users at start (`KYC_SEED_DEMO=1`).
    pub seed_demo: bool,
    /// Where encrypted documents go (`KYC_STORAGE_URL`: a directory, `file:///dir` or
    /// `s3://bucket/prefix`; default `data/objects`).
    pub storage_url: String,
    /// The key wrapping every object's data key (`KYC_MASTER_KEY`, base64 of 32 bytes).
    /// Required in production; development falls back to a published development key.
    pub master_key: MasterKey,
    /// Upload limits: the largest upload in bytes (`KYC_UPLOAD_MAX_BYTES`, default 10 MB)
    /// and the image inspection limits.
    pub uploads: UploadSettings,
    /// The sanctions list store written by `kyc-server screening import`
    /// (`KYC_SCREENING_DIR`, default `data/screening`).
    pub screening_dir: std::path::PathBuf,
    /// Serve the providers' local sandboxes under `/sandbox/...` and use them where no
    /// provider is configured (`KYC_SANDBOXES`, default on in development, refused in
    /// production), behaving as this says.
    pub sandboxes: Option<Sandboxes>,
    /// The SMTP relay (`KYC_SMTP_URL`, e.g. `smtps://user:pass@smtp.example.com`);
    /// development defaults to the local mail sink at `smtp://127.0.0.1:1025`.
    pub smtp_url: String,
    /// The sender address of every email (`KYC_MAIL_FROM`).
    pub mail_from: String,
    /// The penny-drop provider (`KYC_BANK_*`).
    pub bank: BankSettings,
    /// DigiLocker (`KYC_DIGILOCKER_*`).
    pub digilocker: DigiLockerSettings,
    pub leptos: LeptosOptions,
}

/// The bank account verification provider: `KYC_BANK_BASE_URL` (default: the local
/// sandbox when sandboxes are on), `KYC_BANK_CLIENT_ID`, `KYC_BANK_CLIENT_SECRET`,
/// `KYC_BANK_WEBHOOK_SECRET` (its webhooks are refused without one, and pending checks
/// polled), `KYC_BANK_ASYNC=1` for the asynchronous flow (Cashfree-style; the
/// Razorpay-style validation is always asynchronous).
#[derive(Clone, Default)]
pub struct BankSettings {
    /// `cashfree` (default) or `razorpay` (`KYC_BANK_PROVIDER`).
    pub provider: BankProvider,
    /// Razorpay-style only: the business account the deposit is paid from
    /// (`KYC_BANK_SOURCE_ACCOUNT`).
    pub source_account: String,
    pub base_url: Option<String>,
    pub client_id: String,
    pub client_secret: String,
    pub webhook_secret: Option<String>,
    pub asynchronous: bool,
}

impl std::fmt::Debug for BankSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BankSettings")
            .field("provider", &self.provider)
            .field("base_url", &self.base_url)
            .field("asynchronous", &self.asynchronous)
            .finish_non_exhaustive()
    }
}

/// Which bank verification protocol the provider speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BankProvider {
    #[default]
    Cashfree,
    Razorpay,
}

impl BankSettings {
    fn from_env() -> anyhow::Result<Self> {
        let set = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let provider = match set("KYC_BANK_PROVIDER").as_deref() {
            None | Some("cashfree") => BankProvider::Cashfree,
            Some("razorpay") => BankProvider::Razorpay,
            Some(other) => {
                anyhow::bail!("KYC_BANK_PROVIDER must be cashfree or razorpay, not {other}")
            }
        };
        Ok(BankSettings {
            provider,
            source_account: set("KYC_BANK_SOURCE_ACCOUNT").unwrap_or_default(),
            base_url: set("KYC_BANK_BASE_URL").map(|u| u.trim_end_matches('/').to_owned()),
            client_id: set("KYC_BANK_CLIENT_ID").unwrap_or_default(),
            client_secret: set("KYC_BANK_CLIENT_SECRET").unwrap_or_default(),
            webhook_secret: set("KYC_BANK_WEBHOOK_SECRET"),
            asynchronous: matches!(set("KYC_BANK_ASYNC").as_deref(), Some("1" | "true")),
        })
    }
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let database_url = std::env::var("DATABASE_URL").context("DATABASE_URL must be set")?;
        let listen: SocketAddr = var_or("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
            .parse()
            .context("LEPTOS_SITE_ADDR")?;
        let public_url = var_or("KYC_PUBLIC_URL", &format!("http://{listen}"))
            .trim_end_matches('/')
            .to_owned();
        let production = match var_or("KYC_ENV", "development").as_str() {
            "production" => true,
            "development" => false,
            other => anyhow::bail!("KYC_ENV must be development or production, not {other}"),
        };
        if production && !public_url.starts_with("https://") {
            anyhow::bail!("KYC_PUBLIC_URL must be https in production");
        }
        let seed_demo = matches!(var_or("KYC_SEED_DEMO", "0").as_str(), "1" | "true");
        if production && seed_demo {
            anyhow::bail!(
                "KYC_SEED_DEMO creates users with a published password: never in production"
            );
        }
        let master_key = match std::env::var("KYC_MASTER_KEY").ok().filter(|v| !v.is_empty()) {
            Some(encoded) => MasterKey::from_base64(&encoded).context("KYC_MASTER_KEY")?,
            None if production => anyhow::bail!(
                "KYC_MASTER_KEY must be set in production (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)"
            ),
            None => MasterKey::development(),
        };
        let sandboxes = matches!(
            var_or("KYC_SANDBOXES", if production { "0" } else { "1" }).as_str(),
            "1" | "true"
        );
        if production && sandboxes {
            anyhow::bail!("KYC_SANDBOXES serves fake providers: never in production");
        }
        let max_bytes = var_or("KYC_UPLOAD_MAX_BYTES", "10485760")
            .parse()
            .context("KYC_UPLOAD_MAX_BYTES must be a number of bytes")?;
        let smtp_url = match std::env::var("KYC_SMTP_URL").ok().filter(|v| !v.is_empty()) {
            Some(url) => url,
            None if production => anyhow::bail!("KYC_SMTP_URL must be set in production"),
            None => "smtp://127.0.0.1:1025".to_owned(),
        };
        Ok(Config {
            database_url,
            listen,
            public_url,
            production,
            seed_demo,
            storage_url: var_or("KYC_STORAGE_URL", "data/objects"),
            master_key,
            uploads: UploadSettings {
                max_bytes,
                ..Default::default()
            },
            screening_dir: var_or("KYC_SCREENING_DIR", "data/screening").into(),
            sandboxes: sandboxes.then(Sandboxes::default),
            smtp_url,
            mail_from: var_or("KYC_MAIL_FROM", "KYC <no-reply@kyc.localhost>"),
            bank: BankSettings::from_env()?,
            digilocker: DigiLockerSettings::from_env(),
            leptos: leptos_options(listen),
        })
    }
}

impl Config {
    /// A development configuration listening on `listen` with documents under
    /// `storage_url`, the sandboxes on and every provider left to them: what the HTTP tests
    /// and benchmarks start from (they change what they need).
    pub fn development(listen: SocketAddr, storage_url: &str) -> Self {
        Config {
            // The caller opened its pool already (`App::build` takes it), as tests do.
            database_url: String::new(),
            listen,
            public_url: format!("http://{listen}"),
            production: false,
            seed_demo: false,
            storage_url: storage_url.to_owned(),
            master_key: MasterKey::development(),
            uploads: UploadSettings::default(),
            screening_dir: "data/screening".into(),
            sandboxes: Some(Sandboxes::default()),
            smtp_url: "smtp://127.0.0.1:1025".to_owned(),
            mail_from: "KYC <no-reply@kyc.localhost>".to_owned(),
            bank: BankSettings::default(),
            digilocker: DigiLockerSettings::default(),
            leptos: leptos_options(listen),
        }
    }
}

/// The Leptos site settings: cargo-leptos passes them as `LEPTOS_*`; the defaults let the
/// binary run on its own from the repository root.
pub fn leptos_options(listen: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(var_or("LEPTOS_OUTPUT_NAME", "kyc"))
        .site_root(var_or("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(var_or("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(listen)
        .build()
}

fn var_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_owned())
}

/// DigiLocker's Authorized Partner API: `KYC_DIGILOCKER_BASE_URL` (default: the local
/// sandbox when sandboxes are on), `KYC_DIGILOCKER_CLIENT_ID`, `KYC_DIGILOCKER_CLIENT_SECRET`,
/// `KYC_DIGILOCKER_TRUSTED_CERT` (a PEM file: the certificate e-Aadhaar documents must be
/// signed by), and optionally `KYC_DIGILOCKER_AUTHORIZE_PATH`, `_TOKEN_PATH`,
/// `_EAADHAAR_PATH` when the API version differs.
#[derive(Clone, Default)]
pub struct DigiLockerSettings {
    pub base_url: Option<String>,
    pub client_id: String,
    pub client_secret: String,
    pub trusted_cert: Option<std::path::PathBuf>,
    pub authorize_path: Option<String>,
    pub token_path: Option<String>,
    pub eaadhaar_path: Option<String>,
}

impl std::fmt::Debug for DigiLockerSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DigiLockerSettings")
            .field("base_url", &self.base_url)
            .field("trusted_cert", &self.trusted_cert)
            .finish_non_exhaustive()
    }
}

impl DigiLockerSettings {
    fn from_env() -> Self {
        let set = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        DigiLockerSettings {
            base_url: set("KYC_DIGILOCKER_BASE_URL"),
            client_id: set("KYC_DIGILOCKER_CLIENT_ID").unwrap_or_default(),
            client_secret: set("KYC_DIGILOCKER_CLIENT_SECRET").unwrap_or_default(),
            trusted_cert: set("KYC_DIGILOCKER_TRUSTED_CERT").map(Into::into),
            authorize_path: set("KYC_DIGILOCKER_AUTHORIZE_PATH"),
            token_path: set("KYC_DIGILOCKER_TOKEN_PATH"),
            eaadhaar_path: set("KYC_DIGILOCKER_EAADHAAR_PATH"),
        }
    }
}
