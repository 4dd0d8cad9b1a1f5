//! Demo data for local use: two merchants with staff in every role, and a customer.
//! Idempotent: does nothing when the demo merchant already exists.

use anyhow::Context;
use kyc_core::customer::{CustomerForm, EmailAddress, NewCustomer};
use kyc_core::merchant::{DisplayName, HexColour, MerchantSlug, Role};
use kyc_db::{customers, merchants, staff, DbError, PgPool};

/// The password of every demo user. Demo only: never seed demo data in production.
pub const DEMO_PASSWORD: &str = "demo-password";

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="9" fill="#0f766e"/><path d="M11 28 20 11l9 17h-5l-4-8-4 8z" fill="#fff"/></svg>"##;

/// Creates the demo merchants and users unless they exist.
pub async fn seed(db: &PgPool) -> anyhow::Result<()> {
    if merchants::id_by_slug(db, "acme").await.is_ok() {
        return Ok(());
    }
    let password_hash =
        kyc_service::password::hash(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("hashing: {e}"))?;
    let acme = merchant(db, "acme", "Acme Finance", "#0f766e").await?;
    merchants::set_logo(db, acme, LOGO.as_bytes(), "image/svg+xml").await?;
    merchants::set_support_email(db, acme, "support@acme.test").await?;
    let globex = merchant(db, "globex", "Globex Payments", "#6d28d9").await?;
    let mut acme_operator = None;
    for (email, name, merchant, role) in [
        ("admin@acme.test", "Aditi Admin", acme, Role::Admin),
        ("operator@acme.test", "Omar Operator", acme, Role::Operator),
        ("reviewer@acme.test", "Riya Reviewer", acme, Role::Reviewer),
        (
            "operator@globex.test",
            "Gita Operator",
            globex,
            Role::Operator,
        ),
        ("admin@globex.test", "Gauri Admin", globex, Role::Admin),
    ] {
        let user = staff::create_user(
            db,
            &staff::NewStaffUser {
                email: EmailAddress::parse(email).map_err(|e| anyhow::anyhow!("{e}"))?,
                display_name: name.to_owned(),
                password_hash: password_hash.clone(),
                is_platform_admin: false,
            },
        )
        .await?;
        staff::grant_role(db, user, merchant, role).await?;
        if email == "operator@acme.test" {
            acme_operator = Some(user);
        }
    }
    let form = CustomerForm {
        full_name: "Asha Rao".into(),
        email: "asha.rao@example.in".into(),
        phone: "+91 98765 43210".into(),
        external_ref: "ACME-0001".into(),
    };
    let customer = NewCustomer::try_from(form).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    customers::create(db, acme, acme_operator.context("operator")?, &customer).await?;
    tracing::info!("demo data seeded");
    Ok(())
}

async fn merchant(
    db: &PgPool,
    slug: &str,
    name: &str,
    colour: &str,
) -> Result<uuid::Uuid, DbError> {
    let invalid = |_| DbError::Corrupt("demo merchant");
    merchants::create(
        db,
        &merchants::NewMerchant {
            slug: MerchantSlug::parse(slug).map_err(invalid)?,
            display_name: DisplayName::parse(name).map_err(invalid)?,
            primary_colour: HexColour::parse("primary_colour", colour).map_err(invalid)?,
        },
    )
    .await
}

/// Imports sanctions lists into an empty list store for the demo: the full public lists
/// when `../shared/data/sanctions` is there, else the small UN excerpt kept as a test
/// fixture. A store that already has lists is left alone.
pub fn seed_lists(store_dir: &std::path::Path) -> anyhow::Result<()> {
    use kyc_screening::{progress::Progress, store};
    if store::Manifest::read(store_dir)?.is_some() {
        return Ok(());
    }
    let data = std::path::Path::new("../shared/data/sanctions");
    let full = [
        "ofac/sdn-2024-05",
        "ofac/non-sdn-cons-2025-12",
        "un/UN_consolidated.xml",
        "us-csl/csl-2023-11.csv",
    ]
    .map(|p| data.join(p));
    let paths: Vec<std::path::PathBuf> = if full.iter().all(|p| p.exists()) {
        full.to_vec()
    } else {
        vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../screening/tests/fixtures/un.xml")]
    };
    // The CSL file's last record is cut off; the demo skips it (the import says so).
    let written = store::import(
        &paths,
        store_dir,
        store::ImportOptions {
            skip_bad_records: true,
            allow_shrink: false,
        },
        &Progress::hidden(),
    )?;
    for entry in written {
        tracing::info!(
            list = entry.info.source.code(),
            entries = entry.info.entries,
            "demo sanctions list imported"
        );
    }
    Ok(())
}
