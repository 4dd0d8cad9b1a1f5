//! Failpoints: a use case runs first on one state to learn every table it writes, then on
//! an identical second state once per such table with a trigger that fails right after any
//! write to it. Each of those runs must fail and leave every table exactly as it was: the
//! use case's rows, events, outbox rows and audit entry commit together or not at all.

use std::collections::BTreeMap;
use std::future::Future;

use kyc_core::bank::NameBandsForm;
use kyc_core::review::forms::DecisionForm;
use kyc_core::StepKind;
use kyc_db::PgPool;
use kyc_service::links::GenerateLink;
use kyc_service::ServiceError;

use crate::support::{self, services};

/// Every table's content, hashed.
async fn snapshot(db: &PgPool) -> BTreeMap<String, String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(db)
    .await
    .unwrap();
    let mut hashes = BTreeMap::new();
    for table in tables {
        let hash: String = sqlx::query_scalar(&format!(
            "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
        ))
        .fetch_one(db)
        .await
        .unwrap();
        hashes.insert(table, hash);
    }
    hashes
}

fn changed(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> Vec<String> {
    after
        .iter()
        .filter(|(table, hash)| before.get(*table) != Some(hash))
        .map(|(table, _)| table.clone())
        .collect()
}

async fn failpoint_on(db: &PgPool, table: &str) {
    sqlx::query(
        "CREATE OR REPLACE FUNCTION test_failpoint() RETURNS trigger LANGUAGE plpgsql AS
         $$ BEGIN RAISE EXCEPTION 'failpoint after a write to %', TG_TABLE_NAME; END $$",
    )
    .execute(db)
    .await
    .unwrap();
    sqlx::query(&format!(
        "CREATE TRIGGER test_failpoint AFTER INSERT OR UPDATE OR DELETE ON \"{table}\"
         FOR EACH ROW EXECUTE FUNCTION test_failpoint()"
    ))
    .execute(db)
    .await
    .unwrap();
}

async fn clear_failpoint(db: &PgPool, table: &str) {
    sqlx::query(&format!("DROP TRIGGER test_failpoint ON \"{table}\""))
        .execute(db)
        .await
        .unwrap();
}

/// Runs `use_case` on `first` (it must succeed and write something), then on `second` with
/// a failpoint after each table it wrote, and finally on `second` without one. Returns the
/// tables it writes.
async fn fails_cleanly<T, F, Fut>(db: &PgPool, first: T, second: T, use_case: F) -> Vec<String>
where
    T: Clone,
    F: Fn(T) -> Fut,
    Fut: Future<Output = Result<(), ServiceError>>,
{
    let before = snapshot(db).await;
    use_case(first).await.unwrap();
    let written = changed(&before, &snapshot(db).await);
    assert!(!written.is_empty(), "the use case wrote nothing");
    for table in &written {
        let before = snapshot(db).await;
        failpoint_on(db, table).await;
        let failed = use_case(second.clone()).await;
        clear_failpoint(db, table).await;
        assert!(
            matches!(failed, Err(ServiceError::Internal(_))),
            "a failure after writing {table} must fail the use case: {failed:?}"
        );
        assert_eq!(
            changed(&before, &snapshot(db).await),
            Vec::<String>::new(),
            "a failure after writing {table} left something behind"
        );
    }
    use_case(second).await.unwrap();
    written
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn generating_a_link_writes_the_journey_its_steps_and_events_together(db: PgPool) {
    let merchant = support::merchant(&db, "acme").await;
    let first = support::customer(&db, &merchant).await;
    let second = support::customer(&db, &merchant).await;
    let services = services(&db);
    let written = fails_cleanly(&db, first, second, |customer_id| {
        let (services, operator) = (services.clone(), merchant.operator.clone());
        async move {
            let input = GenerateLink {
                customer_id,
                steps: vec!["documents".to_owned(), "selfie".to_owned()],
                validity_hours: "48".to_owned(),
                email: false,
            };
            kyc_service::links::generate(&services, &operator, input)
                .await
                .map(|_| ())
        }
    })
    .await;
    for table in ["journeys", "journey_steps", "journey_events"] {
        assert!(
            written.iter().any(|t| t == table),
            "{table} not in {written:?}"
        );
    }
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn rejecting_a_document_writes_its_decision_events_email_and_audit_together(db: PgPool) {
    let merchant = support::merchant(&db, "acme").await;
    let first = support::submitted_case(&db, &merchant).await;
    let second = support::submitted_case(&db, &merchant).await;
    let services = services(&db);
    let written = fails_cleanly(&db, first, second, |case| {
        let (services, reviewer, db) = (services.clone(), merchant.reviewer.clone(), db.clone());
        async move {
            let form = DecisionForm {
                decision: "reject",
                reason: Some("blurry"),
                mode: Some("retry"),
                comment: Some("The photo is too dark."),
            };
            let version = case.version(&db).await;
            kyc_service::review::decide_document(
                &services,
                &reviewer,
                case.journey_id,
                case.passport,
                version,
                form,
            )
            .await
        }
    })
    .await;
    for table in ["documents", "journey_events", "audit_log", "outbox_emails"] {
        assert!(
            written.iter().any(|t| t == table),
            "{table} not in {written:?}"
        );
    }
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_settings_change_and_its_audit_entry_commit_together(db: PgPool) {
    let first = support::merchant(&db, "acme").await;
    let second = support::merchant(&db, "globex").await;
    let services = services(&db);
    let written = fails_cleanly(&db, first, second, |merchant| {
        let services = services.clone();
        async move {
            let form = NameBandsForm {
                pass_from: "90",
                fail_to: "40",
            };
            kyc_service::settings::set_name_bands(&services, &merchant.admin, form).await
        }
    })
    .await;
    assert_eq!(written, ["audit_log", "merchants"]);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_upload_is_recorded_under_one_lock_or_not_at_all(db: PgPool) {
    let merchant = support::merchant(&db, "acme").await;
    let services = services(&db);
    let mut uploads = Vec::new();
    for _ in 0..2 {
        let journey_id = support::journey(&db, &merchant, &[StepKind::Documents]).await;
        let now = time::OffsetDateTime::now_utc();
        kyc_db::journeys::open(&db, merchant.id, journey_id, now)
            .await
            .unwrap();
        let customer = kyc_service::Actor::Customer { journey_id };
        kyc_service::journey::give_consent(&services, &customer, kyc_i18n::Lang::En)
            .await
            .unwrap();
        // Staged before the use case, as the upload route does before storing the bytes; a
        // failed recording leaves it staged for the next try.
        let key = format!("test/{}", uuid::Uuid::new_v4());
        let object = kyc_db::objects::NewObject {
            object_key: &key,
            content_type: "image/jpeg",
            byte_size: 1,
            sha256: [0; 32],
        };
        let object_id = kyc_db::objects::stage(&db, journey_id, &object, now)
            .await
            .unwrap();
        uploads.push((journey_id, object_id));
    }
    let written = fails_cleanly(&db, uploads[0], uploads[1], |(journey_id, object_id)| {
        let services = services.clone();
        async move {
            let now = time::OffsetDateTime::now_utc();
            let target = kyc_db::journeys::DocumentTarget::New {
                category: "identity".to_owned(),
                doc_type: kyc_core::DocumentType::Passport,
            };
            let upload = kyc_service::journey::Upload { object_id, at: now };
            let customer = kyc_service::Actor::Customer { journey_id };
            let side = kyc_core::document::DocumentSide::Front;
            kyc_service::journey::attach_document_file(&services, &customer, &target, side, upload)
                .await
                .map(|_| ())
        }
    })
    .await;
    for table in [
        "documents",
        "document_files",
        "stored_objects",
        "journey_events",
    ] {
        assert!(
            written.iter().any(|t| t == table),
            "{table} not in {written:?}"
        );
    }
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_reviewers_other_changes_commit_whole_or_not_at_all(db: PgPool) {
    use kyc_core::review::forms::{CommentForm, DecisionForm};
    let merchant = support::merchant(&db, "acme").await;
    let services = services(&db);
    let cases = [
        support::submitted_case(&db, &merchant).await,
        support::submitted_case(&db, &merchant).await,
    ];
    fails_cleanly(&db, cases[0], cases[1], |case| {
        let (services, reviewer) = (services.clone(), merchant.reviewer.clone());
        async move {
            let note = CommentForm {
                target: "step:documents",
                visibility: "customer",
                body: "Please use a recent bill.",
            };
            kyc_service::review::comment(&services, &reviewer, case.journey_id, note)
                .await
                .map(|_| ())
        }
    })
    .await;
    fails_cleanly(&db, cases[0], cases[1], |case| {
        let (services, reviewer) = (services.clone(), merchant.reviewer.clone());
        async move {
            kyc_service::review::assign(&services, &reviewer, case.journey_id, Some("me")).await
        }
    })
    .await;
    let written = fails_cleanly(&db, cases[0], cases[1], |case| {
        let (services, reviewer, db) = (services.clone(), merchant.reviewer.clone(), db.clone());
        async move {
            let version = case.version(&db).await;
            let form = DecisionForm {
                decision: "reject",
                reason: Some("suspected_tampering"),
                ..DecisionForm::default()
            };
            kyc_service::review::decide_journey(
                &services,
                &reviewer,
                case.journey_id,
                version,
                form,
            )
            .await
        }
    })
    .await;
    for table in ["journeys", "journey_events", "audit_log", "outbox_emails"] {
        assert!(
            written.iter().any(|t| t == table),
            "{table} not in {written:?}"
        );
    }
    let viewed = fails_cleanly(&db, cases[0], cases[1], |case| {
        let (services, reviewer) = (services.clone(), merchant.reviewer.clone());
        async move {
            let file =
                kyc_service::review::open_file(&services, &reviewer, case.passport_file).await?;
            kyc_service::review::record_view(&services, &reviewer, &file).await
        }
    })
    .await;
    assert_eq!(viewed, ["audit_log"]);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_ticket_answer_and_an_api_key_commit_whole_or_not_at_all(db: PgPool) {
    let merchant = support::merchant(&db, "acme").await;
    let services = services(&db);
    let first = support::ticket(&db, &merchant).await;
    let second = support::ticket(&db, &merchant).await;
    let written = fails_cleanly(&db, first, second, |ticket_id| {
        let (services, reviewer) = (services.clone(), merchant.reviewer.clone());
        async move {
            kyc_service::review::reply_ticket(&services, &reviewer, ticket_id, "Any recent bill.")
                .await
        }
    })
    .await;
    for table in ["ticket_messages", "outbox_emails", "audit_log"] {
        assert!(
            written.iter().any(|t| t == table),
            "{table} not in {written:?}"
        );
    }
    let keys = fails_cleanly(&db, "CRM", "ERP", |name| {
        let (services, admin) = (services.clone(), merchant.admin.clone());
        async move {
            let scopes = ["read".to_owned(), "write".to_owned()];
            kyc_service::api_keys::create(&services, &admin, name, &scopes)
                .await
                .map(|_| ())
        }
    })
    .await;
    assert_eq!(keys, ["api_keys", "audit_log"]);
}
