//! The audit trail: append-only, chained, verified; admins read it filtered.

use reqwest::StatusCode;
use serde_json::Value;

use crate::review::{case, submitted};
use crate::support::TestApp;

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_audit_trail_refuses_changes_and_the_verifier_catches_a_forged_entry(
    db: kyc_db::PgPool,
) {
    let app = TestApp::spawn(db).await;
    let (_, journey_id) = submitted(&app).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    for _ in 0..3 {
        let response = app
            .call(
                &reviewer,
                "assign_case",
                &[("journey_id", &journey_id), ("assignee", "me")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let clean = kyc_db::audit::verify(&app.db).await.unwrap();
    assert!(clean.breaks.is_empty(), "{:?}", clean.breaks);
    let on_journey: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE journey_id = $1::uuid")
            .bind(&journey_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(on_journey, 3);
    let sign_ins: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'staff.signed_in'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(
        sign_ins >= 2,
        "sign-ins are audited on the merchant's chain"
    );

    let update = sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE journey_id = $1::uuid")
        .bind(&journey_id)
        .execute(&app.db)
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = sqlx::query("DELETE FROM audit_log").execute(&app.db).await;
    assert!(delete.is_err());

    // Someone with the database owner's rights switches the triggers off and forges history.
    sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET detail = '{\"assignee\": null}' WHERE journey_id = $1::uuid AND seq = 2")
        .bind(&journey_id).execute(&app.db).await.unwrap();
    sqlx::query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        .execute(&app.db)
        .await
        .unwrap();
    let forged = kyc_db::audit::verify(&app.db).await.unwrap();
    assert_eq!(forged.breaks.len(), 1, "{:?}", forged.breaks);
    assert_eq!(forged.breaks[0].seq, 2);
    assert_eq!(
        forged.breaks[0].problem,
        "its content does not match its hash"
    );

    // A whole entry slipped in with the chaining trigger off, claiming the next place.
    sqlx::query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO audit_log (merchant_id, journey_id, chain, seq, actor_kind, action, object_kind, occurred_at, prev_hash, hash)
         SELECT merchant_id, journey_id, chain, 4, 'admin', 'document.approved', 'document', now(), hash, sha256('forged'::bytea)
         FROM audit_log WHERE journey_id = $1::uuid AND seq = 3",
    )
    .bind(&journey_id)
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain")
        .execute(&app.db)
        .await
        .unwrap();
    let inserted = kyc_db::audit::verify(&app.db).await.unwrap();
    assert!(
        inserted
            .breaks
            .iter()
            .any(|b| b.seq == 4 && b.problem == "its content does not match its hash"),
        "{:?}",
        inserted.breaks
    );
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn admins_read_their_merchants_trail_filtered_by_journey_actor_or_action(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (_, journey_id) = submitted(&app).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let seen = case(&app, &reviewer, &journey_id).await;
    let file = seen["documents"][0]["files"][0]["object_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        reviewer
            .get(app.url(&format!("/review/files/{file}")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let take = app
        .call(
            &reviewer,
            "assign_case",
            &[("journey_id", &journey_id), ("assignee", "me")],
        )
        .await;
    assert_eq!(take.status(), StatusCode::OK);

    let admin = app.signed_in("admin@acme.test").await;
    let trail = |form: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let app = &app;
        async move {
            let mut fields: Vec<(&str, &str)> = vec![("page", "0")];
            fields.extend(form.iter().map(|(k, v)| (*k, v.as_str())));
            let response = app.call(&admin, "audit_trail", &fields).await;
            assert_eq!(response.status(), StatusCode::OK);
            response.json::<Value>().await.unwrap()
        }
    };
    let actions = |page: &Value| -> Vec<String> {
        page[0]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_owned())
            .collect()
    };
    let of_journey = trail(vec![("query[journey]", journey_id.clone())]).await;
    assert_eq!(actions(&of_journey), ["case.assigned", "document.viewed"]);
    let documents = trail(vec![("query[action]", "document.".to_owned())]).await;
    assert_eq!(actions(&documents), ["document.viewed"]);
    let reviewer_id = of_journey[0][0]["actor_name"].clone();
    assert_eq!(reviewer_id, "Riya Reviewer");
    let everything = trail(vec![]).await;
    assert!(actions(&everything).contains(&"staff.signed_in".to_owned()));
    let staff = everything[1].as_array().unwrap();
    assert!(staff.iter().any(|s| s[1] == "Riya Reviewer"));

    assert_eq!(
        app.call(&reviewer, "audit_trail", &[("page", "0")])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let globex = app.signed_in("admin@globex.test").await;
    let theirs: Value = app
        .call(
            &globex,
            "audit_trail",
            &[("page", "0"), ("query[journey]", &journey_id)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theirs[0], Value::Array(vec![]));
}
