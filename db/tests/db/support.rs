//! Shared set-up for database tests: a merchant with an operator and a customer.

use kyc_core::customer::{CustomerForm, NewCustomer};
use kyc_core::merchant::{DisplayName, HexColour, MerchantSlug, Role};
use kyc_core::StepKind;
use kyc_db::journeys::NewJourney;
use kyc_db::{customers, journeys, merchants, staff, PgPool};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

pub struct Tenant {
    pub merchant_id: Uuid,
    pub operator_id: Uuid,
    pub customer_id: Uuid,
}

pub async fn tenant(db: &PgPool, slug: &str) -> Tenant {
    let merchant_id = merchants::create(
        db,
        &merchants::NewMerchant {
            slug: MerchantSlug::parse(slug).unwrap(),
            display_name: DisplayName::parse(slug).unwrap(),
            primary_colour: HexColour::parse("c", "#1a56db").unwrap(),
        },
    )
    .await
    .unwrap();
    let operator_id = staff::create_user(
        db,
        &staff::NewStaffUser {
            email: kyc_core::customer::EmailAddress::parse(&format!("op@{slug}.test")).unwrap(),
            display_name: "Operator".into(),
            password_hash: "not-a-real-hash".into(),
            is_platform_admin: false,
        },
    )
    .await
    .unwrap();
    staff::grant_role(db, operator_id, merchant_id, Role::Operator)
        .await
        .unwrap();
    let form = CustomerForm {
        full_name: "Asha Rao".into(),
        email: "asha@example.in".into(),
        phone: String::new(),
        external_ref: format!("{slug}-1"),
    };
    let customer = customers::create(
        db,
        merchant_id,
        operator_id,
        &NewCustomer::try_from(form).unwrap(),
    )
    .await
    .unwrap();
    Tenant {
        merchant_id,
        operator_id,
        customer_id: customer.id,
    }
}

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc().replace_nanosecond(0).unwrap()
}

pub async fn journey(db: &PgPool, t: &Tenant, token_byte: u8, valid_for: Duration) -> Uuid {
    let new = NewJourney {
        customer_id: t.customer_id,
        steps: vec![StepKind::Documents, StepKind::Selfie],
        token_hash: kyc_core::link::LinkToken::from_bytes([token_byte; 32]).hash(),
        expires_at: now() + valid_for,
    };
    let mut tx = db.begin().await.unwrap();
    let id = journeys::create(&mut tx, t.merchant_id, t.operator_id, &new, None, now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}
