//! Start-up configuration from the environment.

use std::net::SocketAddr;

use leptos::prelude::LeptosOptions;
use secrecy::SecretString;

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
    /// Postgres connection URL (`DATABASE_URL`; it may hold a password, so `Debug` hides it).
    pub database_url: SecretString,
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
    pub smtp_url: SecretString,
    /// The sender address of every email (`KYC_MAIL_FROM`).
    pub mail_from: String,
    /// The penny-drop provider (`KYC_BANK_*`).
    pub bank: BankSettings,
    /// DigiLocker (`KYC_DIGILOCKER_*`).
    pub digilocker: DigiLockerSettings,
    /// The proxies in front of the server (`KYC_TRUSTED_PROXIES`, comma-separated CIDRs):
    /// only through them is a client's address read from `X-Forwarded-For`.
    pub trusted_proxies: Vec<ipnet::IpNet>,
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
    fn from_vars(set: Vars<'_>) -> Result<Self, String> {
        let provider = match set("KYC_BANK_PROVIDER").as_deref() {
            None | Some("cashfree") => BankProvider::Cashfree,
            Some("razorpay") => BankProvider::Razorpay,
            Some(other) => {
                return Err(format!(
                    "KYC_BANK_PROVIDER must be cashfree or razorpay, not {other}"
                ))
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

/// Reads one variable: `None` when it is unset or empty.
pub type Vars<'a> = &'a dyn Fn(&str) -> Option<String>;

impl Config {
    /// The configuration the process environment describes.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_vars(&|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// The configuration `vars` describe, or every problem with it at once, one line each.
    /// Nothing is assumed about the environment: `KYC_ENV` must say `development` or
    /// `production`. Production refuses the published development key, the sandboxes, the
    /// demo users, a plain-http public URL and a missing SMTP relay (webhook targets on
    /// private addresses are always refused there); development listens on loopback only
    /// unless `KYC_ALLOW_DEV_ON_NETWORK=1`.
    pub fn from_vars(vars: Vars<'_>) -> anyhow::Result<Self> {
        let or = |name: &str, default: &str| vars(name).unwrap_or_else(|| default.to_owned());
        let production = match vars("KYC_ENV").as_deref() {
            Some("production") => true,
            Some("development") => false,
            Some(other) => anyhow::bail!(
                "the configuration is refused:\n  - KYC_ENV must be development or production, not {other}"
            ),
            None => anyhow::bail!(
                "the configuration is refused:\n  - KYC_ENV must be set: development (sandboxes, the published development key, loopback only) or production"
            ),
        };
        let mut problems: Vec<String> = Vec::new();
        let mut problem = |text: String| problems.push(text);
        let database_url = vars("DATABASE_URL").unwrap_or_else(|| {
            problem("DATABASE_URL must be set".to_owned());
            String::new()
        });
        let listen: SocketAddr = or("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
            .parse()
            .unwrap_or_else(|_| {
                problem("LEPTOS_SITE_ADDR must be an address and port, e.g. 127.0.0.1:3000".into());
                SocketAddr::from(([127, 0, 0, 1], 3000))
            });
        if !production
            && !listen.ip().is_loopback()
            && !matches!(
                vars("KYC_ALLOW_DEV_ON_NETWORK").as_deref(),
                Some("1" | "true")
            )
        {
            problem(format!(
                "a development server listens on loopback only, not {listen}: it runs with the published development key and fake providers (set KYC_ALLOW_DEV_ON_NETWORK=1 to serve it to the network anyway)"
            ));
        }
        let public_url = or("KYC_PUBLIC_URL", &format!("http://{listen}"))
            .trim_end_matches('/')
            .to_owned();
        if production && !public_url.starts_with("https://") {
            problem(format!(
                "KYC_PUBLIC_URL must be https in production, not {public_url}"
            ));
        }
        let seed_demo = matches!(or("KYC_SEED_DEMO", "0").as_str(), "1" | "true");
        if production && seed_demo {
            problem(
                "KYC_SEED_DEMO creates users with a published password: never in production".into(),
            );
        }
        let master_key = match vars("KYC_MASTER_KEY") {
            Some(encoded) => match MasterKey::from_base64(&encoded) {
                Ok(key) if production && key.is_development() => {
                    problem("KYC_MASTER_KEY is the published development key: generate one (openssl rand -base64 32)".into());
                    key
                }
                Ok(key) => key,
                Err(error) => {
                    problem(format!("KYC_MASTER_KEY: {error}"));
                    MasterKey::development()
                }
            },
            None if production => {
                problem("KYC_MASTER_KEY must be set in production (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)".into());
                MasterKey::development()
            }
            None => MasterKey::development(),
        };
        let sandboxes = matches!(
            or("KYC_SANDBOXES", if production { "0" } else { "1" }).as_str(),
            "1" | "true"
        );
        if production && sandboxes {
            problem("KYC_SANDBOXES serves fake providers: never in production".into());
        }
        let max_bytes = or("KYC_UPLOAD_MAX_BYTES", "10485760")
            .parse()
            .unwrap_or_else(|_| {
                problem("KYC_UPLOAD_MAX_BYTES must be a number of bytes".into());
                UploadSettings::default().max_bytes
            });
        let smtp_url = match vars("KYC_SMTP_URL") {
            Some(url) => url,
            None if production => {
                problem("KYC_SMTP_URL must be set in production".into());
                String::new()
            }
            None => "smtp://127.0.0.1:1025".to_owned(),
        };
        let trusted_proxies = or("KYC_TRUSTED_PROXIES", "")
            .split(',')
            .map(str::trim)
            .filter(|cidr| !cidr.is_empty())
            .filter_map(|cidr| {
                let net = cidr
                    .parse::<ipnet::IpNet>()
                    .ok()
                    .or_else(|| cidr.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from));
                match net {
                    Some(net) if net.prefix_len() > 0 => Some(net),
                    Some(_) => {
                        problem(format!(
                            "KYC_TRUSTED_PROXIES must not trust every address ({cidr}): clients could choose their own"
                        ));
                        None
                    }
                    None => {
                        problem(format!(
                            "KYC_TRUSTED_PROXIES must list addresses or CIDRs (e.g. 10.0.0.0/8), not {cidr}"
                        ));
                        None
                    }
                }
            })
            .collect();
        let bank = BankSettings::from_vars(vars).unwrap_or_else(|error| {
            problem(error);
            BankSettings::default()
        });
        if !problems.is_empty() {
            anyhow::bail!(
                "the configuration is refused:\n  - {}",
                problems.join("\n  - ")
            );
        }
        Ok(Config {
            database_url: database_url.into(),
            listen,
            public_url,
            production,
            seed_demo,
            storage_url: or("KYC_STORAGE_URL", "data/objects"),
            master_key,
            uploads: UploadSettings {
                max_bytes,
                ..Default::default()
            },
            screening_dir: or("KYC_SCREENING_DIR", "data/screening").into(),
            sandboxes: sandboxes.then(Sandboxes::default),
            smtp_url: smtp_url.into(),
            mail_from: or("KYC_MAIL_FROM", "KYC <no-reply@kyc.localhost>"),
            bank,
            digilocker: DigiLockerSettings::from_vars(vars),
            trusted_proxies,
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
            database_url: SecretString::from(String::new()),
            listen,
            public_url: format!("http://{listen}"),
            production: false,
            seed_demo: false,
            storage_url: storage_url.to_owned(),
            master_key: MasterKey::development(),
            uploads: UploadSettings::default(),
            screening_dir: "data/screening".into(),
            sandboxes: Some(Sandboxes::default()),
            smtp_url: SecretString::from("smtp://127.0.0.1:1025"),
            mail_from: "KYC <no-reply@kyc.localhost>".to_owned(),
            bank: BankSettings::default(),
            digilocker: DigiLockerSettings::default(),
            trusted_proxies: Vec::new(),
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
        // cargo-leptos's `hash-files`: the bundle's file names carry content hashes, read
        // from `hash.txt` beside the server binary.
        .hash_files(var_or("LEPTOS_HASH_FILES", "false") == "true")
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
    fn from_vars(set: Vars<'_>) -> Self {
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use base64::Engine;
    use sha2::{Digest, Sha256};

    use super::Config;

    fn config(vars: &[(&str, &str)]) -> Result<Config, String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_vars(&|name| vars.get(name).cloned()).map_err(|e| e.to_string())
    }

    const DATABASE: (&str, &str) = ("DATABASE_URL", "postgres://kyc:db-secret@db/kyc");

    fn production() -> Vec<(&'static str, &'static str)> {
        vec![
            DATABASE,
            ("KYC_ENV", "production"),
            ("KYC_PUBLIC_URL", "https://kyc.example.com"),
            (
                "KYC_MASTER_KEY",
                "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
            ),
            (
                "KYC_SMTP_URL",
                "smtps://mailer:smtp-secret@smtp.example.com",
            ),
            ("LEPTOS_SITE_ADDR", "0.0.0.0:3000"),
        ]
    }

    #[test]
    fn the_environment_must_be_named() {
        let refused = config(&[DATABASE]).map(|_| ()).unwrap_err();
        assert!(refused.contains("KYC_ENV must be set"), "{refused}");
        let refused = config(&[DATABASE, ("KYC_ENV", "prod")])
            .map(|_| ())
            .unwrap_err();
        assert!(refused.contains("not prod"), "{refused}");
    }

    #[test]
    fn production_refuses_each_unsafe_setting_with_its_own_line() {
        let development_key = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(
            b"kyc-platform development master key - never use in production",
        ));
        let mut vars: Vec<(&str, &str)> = production()
            .into_iter()
            .filter(|(name, _)| {
                !matches!(*name, "KYC_PUBLIC_URL" | "KYC_MASTER_KEY" | "KYC_SMTP_URL")
            })
            .collect();
        vars.extend([
            ("KYC_PUBLIC_URL", "http://kyc.example.com"),
            ("KYC_MASTER_KEY", development_key.as_str()),
            ("KYC_SANDBOXES", "1"),
            ("KYC_SEED_DEMO", "1"),
        ]);
        let refused = config(&vars).map(|_| ()).unwrap_err();
        for expected in [
            "KYC_PUBLIC_URL must be https",
            "KYC_MASTER_KEY is the published development key",
            "KYC_SANDBOXES serves fake providers",
            "KYC_SEED_DEMO creates users",
            "KYC_SMTP_URL must be set",
        ] {
            assert!(refused.contains(expected), "{expected} in {refused}");
        }
        assert_eq!(
            refused.lines().count(),
            6,
            "a heading and one line each: {refused}"
        );
        let without_key: Vec<_> = production()
            .into_iter()
            .filter(|(name, _)| *name != "KYC_MASTER_KEY")
            .collect();
        let refused = config(&without_key).map(|_| ()).unwrap_err();
        assert!(refused.contains("KYC_MASTER_KEY must be set"), "{refused}");
    }

    #[test]
    fn a_sound_production_configuration_starts_and_its_debug_hides_secrets() {
        let started = config(&production()).unwrap();
        assert!(started.production);
        assert!(started.sandboxes.is_none());
        let shown = format!("{started:?}");
        for secret in ["db-secret", "smtp-secret", "AAECAwQF"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }

    #[test]
    fn development_listens_on_loopback_unless_told_otherwise() {
        let dev = [DATABASE, ("KYC_ENV", "development")];
        assert!(config(&dev).is_ok());
        let mut network = dev.to_vec();
        network.push(("LEPTOS_SITE_ADDR", "0.0.0.0:3000"));
        let refused = config(&network).map(|_| ()).unwrap_err();
        assert!(refused.contains("KYC_ALLOW_DEV_ON_NETWORK"), "{refused}");
        network.push(("KYC_ALLOW_DEV_ON_NETWORK", "1"));
        assert!(config(&network).is_ok());
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks_never_everything() {
        let with = |proxies: &'static str| {
            config(&[
                DATABASE,
                ("KYC_ENV", "development"),
                ("KYC_TRUSTED_PROXIES", proxies),
            ])
        };
        let trusted = with("10.0.0.0/8, 192.168.1.4").unwrap().trusted_proxies;
        assert_eq!(trusted.len(), 2);
        for everything in ["0.0.0.0/0", "::/0"] {
            let refused = with(everything).map(|_| ()).unwrap_err();
            assert!(
                refused.contains("must not trust every address"),
                "{refused}"
            );
        }
        let refused = with("proxy.internal").map(|_| ()).unwrap_err();
        assert!(refused.contains("not proxy.internal"), "{refused}");
    }
}
