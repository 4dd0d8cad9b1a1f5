//! Who may call each use case: the staff roles and actors the permission table names, and
//! nobody else, with nothing written by a refused call; another merchant's records are not
//! found.

use kyc_core::bank::NameBandsForm;
use kyc_core::merchant::Role;
use kyc_core::review::forms::{CommentForm, DecisionForm};
use kyc_core::screening::ThresholdsForm;
use kyc_core::StepKind;
use kyc_db::PgPool;
use kyc_service::links::GenerateLink;
use kyc_service::{Actor, ServiceError};

use crate::support::{self, services};

async fn rows(db: &PgPool) -> (i64, i64, i64) {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM audit_log), (SELECT count(*) FROM journey_events),
                (SELECT count(*) FROM api_keys)",
    )
    .fetch_one(db)
    .await
    .unwrap()
}

fn refused<T: std::fmt::Debug>(result: Result<T, ServiceError>) {
    assert!(
        matches!(result, Err(ServiceError::Forbidden(_))),
        "expected Forbidden, got {result:?}"
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn only_reviewers_and_admins_decide_and_comment(db: PgPool) {
    let merchant = support::merchant(&db, "acme").await;
    let case = support::submitted_case(&db, &merchant).await;
    let services = services(&db);
    let approve = DecisionForm {
        decision: "approve",
        ..DecisionForm::default()
    };
    let note = CommentForm {
        target: "step:documents",
        visibility: "internal",
        body: "Looks fine",
    };
    let before = rows(&db).await;
    for actor in [
        merchant.operator.clone(),
        Actor::Customer {
            journey_id: case.journey_id,
        },
        Actor::System,
    ] {
        let version = case.version(&db).await;
        refused(
            kyc_service::review::decide_document(
                &services,
                &actor,
                case.journey_id,
                case.passport,
                version,
                approve,
            )
            .await,
        );
        refused(kyc_service::review::comment(&services, &actor, case.journey_id, note).await);
        refused(kyc_service::review::assign(&services, &actor, case.journey_id, Some("me")).await);
    }
    assert_eq!(rows(&db).await, before, "a refused call wrote something");
    for role in [Role::Reviewer, Role::Admin] {
        let actor = merchant.staff(role);
        kyc_service::review::comment(&services, actor, case.journey_id, note)
            .await
            .unwrap();
    }
    let version = case.version(&db).await;
    kyc_service::review::decide_document(
        &services,
        &merchant.reviewer,
        case.journey_id,
        case.passport,
        version,
        approve,
    )
    .await
    .unwrap();
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_reviewer_of_another_merchant_finds_nothing(db: PgPool) {
    let acme = support::merchant(&db, "acme").await;
    let globex = support::merchant(&db, "globex").await;
    let case = support::submitted_case(&db, &acme).await;
    let services = services(&db);
    let version = case.version(&db).await;
    let approve = DecisionForm {
        decision: "approve",
        ..DecisionForm::default()
    };
    let decided = kyc_service::review::decide_document(
        &services,
        &globex.reviewer,
        case.journey_id,
        case.passport,
        version,
        approve,
    )
    .await;
    assert!(
        matches!(decided, Err(ServiceError::NotFound)),
        "{decided:?}"
    );
    let assigned =
        kyc_service::review::assign(&services, &globex.reviewer, case.journey_id, Some("me")).await;
    assert!(
        matches!(assigned, Err(ServiceError::NotFound)),
        "{assigned:?}"
    );
    let file =
        kyc_service::review::open_file(&services, &globex.reviewer, case.passport_file).await;
    assert!(matches!(file, Err(ServiceError::NotFound)), "{file:?}");
    let own = kyc_service::review::open_file(&services, &acme.reviewer, case.passport_file)
        .await
        .unwrap();
    assert_eq!(own.journey_id, case.journey_id);
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn only_admins_change_settings_and_keys(db: PgPool) {
    let merchant = support::merchant(&db, "acme").await;
    let services = services(&db);
    let bands = NameBandsForm {
        pass_from: "90",
        fail_to: "40",
    };
    let thresholds = ThresholdsForm {
        review: "0.8",
        confirm: "0.95",
    };
    let scopes = ["read".to_owned()];
    let before = rows(&db).await;
    for actor in [
        merchant.operator.clone(),
        merchant.reviewer.clone(),
        Actor::System,
    ] {
        refused(kyc_service::settings::set_name_bands(&services, &actor, bands).await);
        refused(kyc_service::settings::set_thresholds(&services, &actor, thresholds).await);
        refused(kyc_service::settings::set_colours(&services, &actor, "#0f766e", "#1d4ed8").await);
        refused(kyc_service::settings::remove_logo(&services, &actor).await);
        refused(kyc_service::api_keys::create(&services, &actor, "CRM", &scopes).await);
    }
    assert_eq!(rows(&db).await, before, "a refused call wrote something");
    kyc_service::settings::set_name_bands(&services, &merchant.admin, bands)
        .await
        .unwrap();
    let created = kyc_service::api_keys::create(&services, &merchant.admin, "CRM", &scopes)
        .await
        .unwrap();
    assert!(created.secret.starts_with("kyc_"));
    let revoked =
        kyc_service::api_keys::revoke(&services, &merchant.reviewer, created.key.id).await;
    refused(revoked);
    kyc_service::api_keys::revoke(&services, &merchant.admin, created.key.id)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn operators_and_admins_manage_links_reviewers_do_not(db: PgPool) {
    let merchant = support::merchant(&db, "acme").await;
    let customer_id = support::customer(&db, &merchant).await;
    let services = services(&db);
    let input = GenerateLink {
        customer_id,
        steps: vec![StepKind::Documents.as_str().to_owned()],
        validity_hours: "24".to_owned(),
        email: false,
    };
    let before = rows(&db).await;
    refused(kyc_service::links::generate(&services, &merchant.reviewer, input.clone()).await);
    refused(kyc_service::links::generate(&services, &Actor::System, input.clone()).await);
    assert_eq!(rows(&db).await, before, "a refused call wrote something");
    for role in [Role::Operator, Role::Admin] {
        kyc_service::links::generate(&services, merchant.staff(role), input.clone())
            .await
            .unwrap();
    }
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn customer_use_cases_are_only_for_the_journeys_customer(db: PgPool) {
    let merchant = support::merchant(&db, "acme").await;
    let journey_id = support::journey(&db, &merchant, &[StepKind::Documents]).await;
    let services = services(&db);
    for actor in [merchant.admin.clone(), Actor::System] {
        let consent =
            kyc_service::journey::give_consent(&services, &actor, kyc_i18n::Lang::En).await;
        assert!(
            matches!(consent, Err(ServiceError::LinkInvalid)),
            "{consent:?}"
        );
    }
    // Before the link is opened the journey takes no change from anyone.
    let customer = Actor::Customer { journey_id };
    assert!(matches!(
        kyc_service::journey::give_consent(&services, &customer, kyc_i18n::Lang::En).await,
        Err(ServiceError::Transition(_))
    ));
}
