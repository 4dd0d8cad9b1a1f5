use crate::support::{journey, now, tenant};
use kyc_core::dashboard::JourneyFilter;
use kyc_core::link::LinkToken;
use kyc_core::{ActorKind, JourneyEvent, JourneyState, StepEvent, StepKind, StepState};
use kyc_db::journeys::{self, Actor, OpenOutcome};
use kyc_db::{DbError, PgPool};
use time::Duration;

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_new_journey_has_its_steps_not_started_and_a_created_event(db: PgPool) {
    let t = tenant(&db, "acme").await;
    let id = journey(&db, &t, 1, Duration::hours(72)).await;
    let detail = journeys::get(&db, t.merchant_id, id).await.unwrap();
    assert_eq!(detail.state, JourneyState::Created);
    let kinds: Vec<_> = detail
        .steps
        .iter()
        .map(|s| (s.kind, s.state.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (StepKind::Documents, StepState::NotStarted),
            (StepKind::Selfie, StepState::NotStarted)
        ]
    );
    let events = journeys::events(&db, t.merchant_id, id, 0).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].from_state.as_deref(), events[0].to_state.as_str()),
        (None, "created")
    );
    assert_eq!(events[0].actor, ActorKind::Operator);
    assert_eq!(events[0].actor_name.as_deref(), Some("Operator"));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_journey_is_found_by_the_hash_of_its_token_only(db: PgPool) {
    let t = tenant(&db, "acme").await;
    let id = journey(&db, &t, 1, Duration::hours(1)).await;
    let found = journeys::find_by_token(&db, &LinkToken::from_bytes([1; 32]).hash())
        .await
        .unwrap();
    assert_eq!(
        found,
        Some(journeys::Found {
            journey_id: id,
            merchant_id: t.merchant_id,
            revoked: false
        })
    );
    assert_eq!(
        journeys::find_by_token(&db, &LinkToken::from_bytes([2; 32]).hash())
            .await
            .unwrap(),
        None
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn opening_a_link_moves_the_journey_to_in_progress_once(db: PgPool) {
    let t = tenant(&db, "acme").await;
    let id = journey(&db, &t, 1, Duration::hours(1)).await;
    assert_eq!(
        journeys::open(&db, t.merchant_id, id, now()).await.unwrap(),
        OpenOutcome::Usable
    );
    assert_eq!(
        journeys::open(&db, t.merchant_id, id, now()).await.unwrap(),
        OpenOutcome::Usable
    );
    let detail = journeys::get(&db, t.merchant_id, id).await.unwrap();
    assert_eq!(detail.state, JourneyState::InProgress);
    assert!(detail.opened_at.is_some());
    let events = journeys::events(&db, t.merchant_id, id, 0).await.unwrap();
    let transitions: Vec<_> = events
        .iter()
        .map(|e| (e.to_state.as_str(), e.actor))
        .collect();
    assert_eq!(
        transitions,
        [
            ("created", ActorKind::Operator),
            ("in_progress", ActorKind::Customer)
        ]
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn opening_a_link_after_its_window_expires_the_journey_instead(db: PgPool) {
    let t = tenant(&db, "acme").await;
    let id = journey(&db, &t, 1, Duration::hours(1)).await;
    let later = now() + Duration::hours(2);
    assert_eq!(
        journeys::open(&db, t.merchant_id, id, later).await.unwrap(),
        OpenOutcome::Ended(JourneyState::Expired)
    );
    let detail = journeys::get(&db, t.merchant_id, id).await.unwrap();
    assert_eq!(
        (detail.state, detail.end_reason.as_deref()),
        (JourneyState::Expired, Some("window_passed"))
    );
    let last = journeys::events(&db, t.merchant_id, id, 0)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (last.to_state.as_str(), last.actor),
        ("expired", ActorKind::System)
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn another_merchants_journeys_are_not_found_by_id_or_in_lists(db: PgPool) {
    let a = tenant(&db, "acme").await;
    let b = tenant(&db, "bolt").await;
    let id = journey(&db, &a, 1, Duration::hours(1)).await;
    assert!(matches!(
        journeys::get(&db, b.merchant_id, id).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        journeys::events(&db, b.merchant_id, id, 0).await,
        Err(DbError::NotFound)
    ));
    let all = JourneyFilter::default();
    let of_a = JourneyFilter {
        customer_id: Some(a.customer_id),
        ..JourneyFilter::default()
    };
    assert_eq!(
        journeys::list(&db, b.merchant_id, &all, 0)
            .await
            .unwrap()
            .total,
        0
    );
    assert!(journeys::list(&db, b.merchant_id, &of_a, 0)
        .await
        .unwrap()
        .journeys
        .is_empty());
    assert_eq!(
        journeys::figures(&db, b.merchant_id, None, None)
            .await
            .unwrap()
            .created,
        0
    );
    assert!(matches!(
        journeys::open(&db, b.merchant_id, id, now()).await,
        Err(DbError::NotFound)
    ));
    assert_eq!(
        journeys::list(&db, a.merchant_id, &all, 0)
            .await
            .unwrap()
            .journeys
            .len(),
        1
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_link_cannot_be_generated_for_another_merchants_customer(db: PgPool) {
    let a = tenant(&db, "acme").await;
    let b = tenant(&db, "bolt").await;
    let new = journeys::NewJourney {
        customer_id: a.customer_id,
        steps: vec![StepKind::Selfie],
        token_hash: LinkToken::from_bytes([9; 32]).hash(),
        expires_at: now() + Duration::hours(1),
    };
    let mut tx = db.begin().await.unwrap();
    let refused = journeys::create(&mut tx, b.merchant_id, b.operator_id, &new, None, now()).await;
    assert!(matches!(refused, Err(DbError::NotFound)));
    drop(tx);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM journeys")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing half-stored");
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_step_change_updates_the_step_and_records_who_made_it(db: PgPool) {
    let t = tenant(&db, "acme").await;
    let id = journey(&db, &t, 1, Duration::hours(1)).await;
    journeys::open(&db, t.merchant_id, id, now()).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let customer = Actor {
        kind: ActorKind::Customer,
        id: None,
    };
    let event = JourneyEvent::Step {
        kind: StepKind::Selfie,
        event: StepEvent::Start,
    };
    let (after, version) = journeys::apply(
        &mut tx,
        t.merchant_id,
        id,
        event,
        &customer,
        None,
        None,
        now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        after.step(StepKind::Selfie).unwrap().state,
        StepState::InProgress
    );
    assert_eq!(version, 2);
    let last = journeys::events(&db, t.merchant_id, id, 0)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (
            last.subject.as_str(),
            last.step_kind,
            last.to_state.as_str()
        ),
        ("step", Some(StepKind::Selfie), "in_progress")
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn a_refused_transition_changes_nothing(db: PgPool) {
    let t = tenant(&db, "acme").await;
    let id = journey(&db, &t, 1, Duration::hours(1)).await;
    let mut tx = db.begin().await.unwrap();
    let system = Actor {
        kind: ActorKind::System,
        id: None,
    };
    let refused = journeys::apply(
        &mut tx,
        t.merchant_id,
        id,
        JourneyEvent::Complete,
        &system,
        None,
        None,
        now(),
    )
    .await;
    assert!(matches!(refused, Err(DbError::Transition(_))));
    drop(tx);
    assert_eq!(
        journeys::get(&db, t.merchant_id, id).await.unwrap().version,
        0
    );
    assert_eq!(
        journeys::events(&db, t.merchant_id, id, 0)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn of_two_decisions_made_on_the_same_version_only_the_first_lands(db: PgPool) {
    let t = tenant(&db, "acme").await;
    let id = journey(&db, &t, 1, Duration::hours(1)).await;
    let seen = journeys::get(&db, t.merchant_id, id).await.unwrap().version;
    let operator = Actor {
        kind: ActorKind::Operator,
        id: Some(t.operator_id),
    };
    let mut first = db.begin().await.unwrap();
    journeys::apply(
        &mut first,
        t.merchant_id,
        id,
        JourneyEvent::Revoke,
        &operator,
        None,
        Some(seen),
        now(),
    )
    .await
    .unwrap();
    let db2 = db.clone();
    let second = tokio::spawn(async move {
        let mut tx = db2.begin().await.unwrap();
        journeys::apply(
            &mut tx,
            t.merchant_id,
            id,
            JourneyEvent::Revoke,
            &operator,
            None,
            Some(seen),
            now(),
        )
        .await
        .map(|_| ())
    });
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    first.commit().await.unwrap();
    assert!(matches!(second.await.unwrap(), Err(DbError::Stale)));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn journey_events_cannot_be_updated_or_deleted(db: PgPool) {
    let t = tenant(&db, "acme").await;
    journey(&db, &t, 1, Duration::hours(1)).await;
    let update = sqlx::query("UPDATE journey_events SET reason = 'x'")
        .execute(&db)
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = sqlx::query("DELETE FROM journey_events").execute(&db).await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    let truncate = sqlx::query("TRUNCATE journey_events CASCADE")
        .execute(&db)
        .await;
    assert!(truncate.is_err());
}
