use anyhow::Context;
use clap::{Parser, Subcommand};
use kyc_core::customer::EmailAddress;
use kyc_core::merchant::{DisplayName, MerchantSlug, Role};
use kyc_db::{merchants, staff};
use kyc_server::audit::AuditCommand;
use kyc_server::{App, Config};
use secrecy::ExposeSecret;
use tracing_subscriber::EnvFilter;

/// The KYC platform server.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create the demo merchants and users (idempotent).
    SeedDemo,
    /// Sanctions lists: import, screen a CSV of people, evaluate. No database needed.
    Screening {
        #[command(subcommand)]
        command: kyc_screening::cli::ScreeningCommand,
    },
    /// The audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Create a merchant and its first admin. The password is read from
    /// KYC_ADMIN_PASSWORD, or asked for on the terminal.
    CreateMerchant {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "#1a56db")]
        colour: String,
        #[arg(long)]
        admin_email: String,
        #[arg(long)]
        admin_name: String,
        /// Also make the admin a platform administrator (operator of the whole deployment).
        #[arg(long)]
        platform_admin: bool,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    if let Some(Command::Screening { command }) = cli.command {
        return kyc_screening::cli::run(command);
    }
    let config = Config::from_env()?;
    let db = kyc_db::connect(config.database_url.expose_secret(), 20)
        .await
        .context("connecting to Postgres")?;
    kyc_db::migrate(&db).await.context("applying migrations")?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config, db).await,
        Command::Migrate => Ok(()),
        Command::Screening { .. } => unreachable!("handled before connecting"),
        Command::SeedDemo if config.production => {
            anyhow::bail!("demo users have a published password: never seed them in production")
        }
        Command::SeedDemo => kyc_server::demo::seed(&db).await,
        Command::Audit { command } => {
            let keys =
                kyc_db::audit::AuditKeys::derive(|purpose| config.master_key.derive(purpose));
            kyc_server::audit::run(&db, &keys, command).await
        }
        Command::CreateMerchant {
            slug,
            name,
            colour,
            admin_email,
            admin_name,
            platform_admin,
        } => {
            let invalid = |e: kyc_core::FieldError| anyhow::anyhow!("{e}");
            let merchant = merchants::NewMerchant {
                slug: MerchantSlug::parse(&slug).map_err(invalid)?,
                display_name: DisplayName::parse(&name).map_err(invalid)?,
                // The same contrast rule as the branding settings (links on white, 4.5:1).
                primary_colour: kyc_core::branding::BrandColours::parse(&colour, "#0e7490")
                    .map_err(|errors| anyhow::anyhow!("--colour {}", errors.0[0].message))?
                    .primary,
            };
            let email = EmailAddress::parse_field("admin-email", &admin_email).map_err(invalid)?;
            let password = match std::env::var("KYC_ADMIN_PASSWORD") {
                Ok(password) => password,
                Err(_) => rpassword::prompt_password("Admin password: ")?,
            };
            if password.chars().count() < 12 {
                anyhow::bail!("the admin password needs at least 12 characters");
            }
            let password_hash = kyc_service::password::hash(&password)
                .map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
            let mut tx = db.begin().await?;
            let merchant_id = merchants::create(&mut *tx, &merchant).await?;
            let user = staff::NewStaffUser {
                email,
                display_name: admin_name,
                password_hash,
                is_platform_admin: platform_admin,
            };
            let user_id = staff::create_user(&mut *tx, &user).await?;
            staff::grant_role(&mut *tx, user_id, merchant_id, Role::Admin).await?;
            tx.commit().await?;
            println!("Created merchant {slug} ({merchant_id}) with admin user {user_id}.");
            Ok(())
        }
    }
}

async fn serve(config: Config, db: kyc_db::PgPool) -> anyhow::Result<()> {
    if config.seed_demo {
        kyc_server::demo::seed(&db).await?;
        let dir = config.screening_dir.clone();
        tokio::task::spawn_blocking(move || kyc_server::demo::seed_lists(&dir)).await??;
    }
    let listen = config.listen;
    let sandboxes = config.sandboxes.is_some();
    let app = App::build(config, db)?;
    app.start_workers()?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("binding {listen}"))?;
    tracing::info!("listening on http://{listen}");
    if sandboxes {
        tracing::info!("provider sandboxes on at /sandbox/...");
    }
    app.serve(listener).await?;
    Ok(())
}
