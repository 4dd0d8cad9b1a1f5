use crate::support::tenant;
use kyc_core::customer::{CustomerForm, NewCustomer};
use kyc_db::{customers, DbError, PgPool};

fn customer(name: &str, reference: &str) -> NewCustomer {
    NewCustomer::try_from(CustomerForm {
        full_name: name.into(),
        email: "someone@example.in".into(),
        phone: "+91 98765 43210".into(),
        external_ref: reference.into(),
    })
    .unwrap()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn an_external_reference_is_unique_per_merchant_not_globally(db: PgPool) {
    let a = tenant(&db, "acme").await;
    let b = tenant(&db, "bolt").await;
    let duplicate = customers::create(
        &db,
        a.merchant_id,
        a.operator_id,
        &customer("Ravi", "acme-1"),
    )
    .await;
    assert!(matches!(duplicate, Err(DbError::Conflict("external_ref"))));
    customers::create(
        &db,
        b.merchant_id,
        b.operator_id,
        &customer("Ravi", "acme-1"),
    )
    .await
    .unwrap();
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn search_matches_name_email_or_reference_within_the_merchant_only(db: PgPool) {
    let a = tenant(&db, "acme").await;
    let b = tenant(&db, "bolt").await;
    customers::create(
        &db,
        a.merchant_id,
        a.operator_id,
        &customer("Ravi Kumar", "CRM_7"),
    )
    .await
    .unwrap();
    let by_name = customers::list(&db, a.merchant_id, Some("kumar"), 50, 0)
        .await
        .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(
        customers::list(&db, a.merchant_id, Some("crm_7"), 50, 0)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(customers::list(&db, b.merchant_id, Some("kumar"), 50, 0)
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        customers::get(&db, b.merchant_id, by_name[0].id).await,
        Err(DbError::NotFound)
    ));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn like_wildcards_in_a_search_match_literally(db: PgPool) {
    let a = tenant(&db, "acme").await;
    assert_eq!(
        customers::list(&db, a.merchant_id, Some("%"), 50, 0)
            .await
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        customers::list(&db, a.merchant_id, Some("_"), 50, 0)
            .await
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        customers::list(&db, a.merchant_id, None, 50, 0)
            .await
            .unwrap()
            .len(),
        1
    );
}
