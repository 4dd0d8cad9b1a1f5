//! Test data builders: a state in one call, built through the storage layer and the use
//! cases themselves (no HTTP, no browser), so each test starts where it means to.

use std::sync::Arc;

use kyc_core::customer::CustomerForm;
use kyc_core::document::DocumentSide;
use kyc_core::merchant::{DisplayName, HexColour, MerchantSlug, Role};
use kyc_core::{DocumentType, StepKind};
use kyc_db::journeys::DocumentTarget;
use kyc_db::merchants::NewMerchant;
use kyc_db::objects::NewObject;
use kyc_db::staff::NewStaffUser;
use kyc_db::PgPool;
use kyc_service::links::GenerateLink;
use kyc_service::{Actor, Sealer, Services, StaffActor};
use time::OffsetDateTime;
use uuid::Uuid;

/// These tests never email a link, so nothing is sealed: a call would be a defect.
#[derive(Debug)]
struct NoSealing;

impl Sealer for NoSealing {
    fn seal(
        &self,
        _label: &str,
        _plaintext: &[u8],
    ) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
        Err("these tests do not seal anything".into())
    }

    fn open(
        &self,
        _label: &str,
        _sealed: &[u8],
    ) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
        Err("these tests do not seal anything".into())
    }
}

/// Webhook endpoint rules are the server's (URL and DNS checks); these tests add none.
#[derive(Debug)]
struct NoEndpoints;

impl kyc_service::webhooks::EndpointRules for NoEndpoints {
    fn check_url<'a>(
        &'a self,
        _url: &'a str,
    ) -> kyc_service::webhooks::BoxFuture<'a, Result<String, String>> {
        Box::pin(async { Err("no webhook endpoints in these tests".to_owned()) })
    }

    fn new_secret(&self) -> String {
        String::new()
    }
}

/// The use cases over `db`.
pub fn services(db: &PgPool) -> Services {
    Services {
        db: db.clone(),
        public_url: "http://kyc.test".to_owned(),
        sealer: Arc::new(NoSealing),
        webhooks: Arc::new(NoEndpoints),
        throttle: kyc_db::throttle::ThrottleSecret::new([7; 32]),
        audit: kyc_db::audit::AuditKeys {
            seal: kyc_db::audit::AuditKey::new([9; 32]),
            heads: kyc_db::audit::HeadSigner::new([10; 32]),
        },
    }
}

/// A merchant with one staff member of each role, as actors.
#[derive(Debug, Clone)]
pub struct Merchant {
    pub id: Uuid,
    pub admin: Actor,
    pub reviewer: Actor,
    pub operator: Actor,
}

impl Merchant {
    pub fn staff(&self, role: Role) -> &Actor {
        match role {
            Role::Admin => &self.admin,
            Role::Reviewer => &self.reviewer,
            Role::Operator => &self.operator,
        }
    }
}

/// A merchant `slug` with an admin, a reviewer and an operator.
pub async fn merchant(db: &PgPool, slug: &str) -> Merchant {
    let new = NewMerchant {
        slug: MerchantSlug::parse(slug).unwrap(),
        display_name: DisplayName::parse(&format!("{slug} Ltd")).unwrap(),
        primary_colour: HexColour::parse("primary_colour", "#0f766e").unwrap(),
    };
    let id = kyc_db::merchants::create(db, &new).await.unwrap();
    let mut actors = Vec::new();
    for role in [Role::Admin, Role::Reviewer, Role::Operator] {
        let user = NewStaffUser {
            email: kyc_core::customer::EmailAddress::parse(&format!(
                "{}@{slug}.test",
                role.as_str()
            ))
            .unwrap(),
            display_name: format!("{} of {slug}", role.as_str()),
            password_hash: "not-a-hash".to_owned(),
            is_platform_admin: false,
        };
        let user_id = kyc_db::staff::create_user(db, &user).await.unwrap();
        kyc_db::staff::grant_role(db, user_id, id, role)
            .await
            .unwrap();
        actors.push(Actor::Staff(StaffActor {
            user_id,
            merchant_id: id,
            role,
            request_id: None,
        }));
    }
    let [admin, reviewer, operator] = <[Actor; 3]>::try_from(actors).unwrap();
    Merchant {
        id,
        admin,
        reviewer,
        operator,
    }
}

/// A customer of `merchant`.
pub async fn customer(db: &PgPool, merchant: &Merchant) -> Uuid {
    let form = CustomerForm {
        full_name: "Asha Rao".to_owned(),
        email: "asha@example.test".to_owned(),
        ..CustomerForm::default()
    };
    kyc_service::customers::create(&services(db), &merchant.operator, form)
        .await
        .unwrap()
        .id
}

/// A journey of a new customer of `merchant` with `steps`, its link generated (not opened).
pub async fn journey(db: &PgPool, merchant: &Merchant, steps: &[StepKind]) -> Uuid {
    let customer_id = customer(db, merchant).await;
    let input = GenerateLink {
        customer_id,
        steps: steps.iter().map(|k| k.as_str().to_owned()).collect(),
        validity_hours: "72".to_owned(),
        email: false,
    };
    kyc_service::links::generate(&services(db), &merchant.operator, input)
        .await
        .unwrap()
        .journey_id
}

/// A case waiting for a reviewer: a documents-only journey, opened, consented and
/// submitted with a passport (identity) and a utility bill (address), both pending.
#[derive(Debug, Clone, Copy)]
pub struct SubmittedCase {
    pub journey_id: Uuid,
    pub passport: Uuid,
    /// The stored object of the passport's front.
    pub passport_file: Uuid,
}

impl SubmittedCase {
    /// The case's version, as a reviewer opening it would see it.
    pub async fn version(&self, db: &PgPool) -> i32 {
        sqlx::query_scalar("SELECT version FROM journeys WHERE id = $1")
            .bind(self.journey_id)
            .fetch_one(db)
            .await
            .unwrap()
    }
}

/// A submitted journey of `merchant` with a pending passport and a pending utility bill.
pub async fn submitted_case(db: &PgPool, merchant: &Merchant) -> SubmittedCase {
    let journey_id = journey(db, merchant, &[StepKind::Documents]).await;
    let now = OffsetDateTime::now_utc();
    kyc_db::journeys::open(db, merchant.id, journey_id, now)
        .await
        .unwrap();
    let customer = Actor::Customer { journey_id };
    let services = services(db);
    kyc_service::journey::give_consent(&services, &customer, kyc_i18n::Lang::En)
        .await
        .unwrap();
    let file = |category: &'static str, doc_type| {
        let services = services.clone();
        let customer = customer.clone();
        async move {
            let key = format!("test/{}", Uuid::new_v4());
            let object = NewObject {
                object_key: &key,
                content_type: "image/jpeg",
                byte_size: 1,
                sha256: [0; 32],
            };
            let object_id = kyc_db::objects::stage(&services.db, journey_id, &object, now)
                .await
                .unwrap();
            let target = DocumentTarget::New {
                category: category.to_owned(),
                doc_type,
            };
            let upload = kyc_service::journey::Upload { object_id, at: now };
            let document_id = kyc_service::journey::attach_document_file(
                &services,
                &customer,
                &target,
                DocumentSide::Front,
                upload,
            )
            .await
            .unwrap();
            (document_id, object_id)
        }
    };
    let (passport, passport_file) = file("identity", DocumentType::Passport).await;
    file("address", DocumentType::UtilityBill).await;
    kyc_service::journey::submit(&services, &customer)
        .await
        .unwrap();
    SubmittedCase {
        journey_id,
        passport,
        passport_file,
    }
}

/// An open support ticket on a submitted case of `merchant`.
pub async fn ticket(db: &PgPool, merchant: &Merchant) -> Uuid {
    let case = submitted_case(db, merchant).await;
    let customer = Actor::Customer {
        journey_id: case.journey_id,
    };
    kyc_service::journey::open_ticket(&services(db), &customer, "My address", "Which bill?")
        .await
        .unwrap()
}
