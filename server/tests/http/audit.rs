//! The audit trail: append-only, chained, verified; admins read it filtered.

use reqwest::StatusCode;
use serde_json::Value;

use crate::review::{case, submitted};
use crate::support::TestApp;

/// Runs `sql` with the audit triggers off, as the database's owner could.
async fn behind_the_triggers(db: &kyc_db::PgPool, sql: &str) {
    let mut tx = db.begin().await.unwrap();
    for statement in [
        "ALTER TABLE audit_log DISABLE TRIGGER USER",
        "ALTER TABLE audit_heads DISABLE TRIGGER USER",
        sql,
        "ALTER TABLE audit_log ENABLE TRIGGER USER",
        "ALTER TABLE audit_heads ENABLE TRIGGER USER",
    ] {
        sqlx::raw_sql(statement).execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
}

/// What someone holding the database alone can compute: the chain rehashed with plain
/// SHA-256 (the scheme before keyed hashing), each entry passed off as written before it.
fn rehash_without_the_key(chain: &str) -> String {
    format!(
        r#"DO $$
        DECLARE e audit_log; prev bytea := NULL;
        BEGIN
            FOR e IN SELECT * FROM audit_log WHERE chain = '{chain}' ORDER BY seq LOOP
                e.hash := sha256(coalesce(prev, '\x'::bytea) || convert_to(concat_ws(E'\x1f',
                    e.chain, e.seq::text, e.merchant_id::text, coalesce(e.journey_id::text, ''),
                    e.actor_kind, coalesce(e.actor_id::text, ''), e.action, e.object_kind,
                    coalesce(e.object_id::text, ''), e.detail::text, coalesce(e.request_id, ''),
                    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8'));
                UPDATE audit_log SET keyed = false, prev_hash = prev, hash = e.hash WHERE id = e.id;
                prev := e.hash;
            END LOOP;
        END $$"#
    )
}

fn problems(found: &kyc_db::audit::Verification) -> Vec<(String, i64, &'static str)> {
    found
        .breaks
        .iter()
        .map(|b| (b.chain.clone(), b.seq, b.problem))
        .collect()
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_audit_trail_refuses_changes_and_the_verifier_catches_forgery_and_truncation(
    db: kyc_db::PgPool,
) {
    use kyc_db::audit::{heads, verify};
    let app = TestApp::spawn(db).await;
    let keys = &app.services.audit;
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
    let clean = verify(&app.db, keys, &[]).await.unwrap();
    assert!(clean.breaks.is_empty(), "{:?}", clean.breaks);
    assert_eq!(clean.unkeyed, 0, "every entry is sealed with the key");
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

    // No personal data: the customer's name, email and phone appear in no entry.
    let (name, email, phone): (String, String, Option<String>) = sqlx::query_as(
        "SELECT c.full_name, c.email, c.phone FROM customers c JOIN journeys j ON j.customer_id = c.id WHERE j.id = $1::uuid",
    )
    .bind(&journey_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let everything: Vec<String> = sqlx::query_scalar("SELECT a::text FROM audit_log a")
        .fetch_all(&app.db)
        .await
        .unwrap();
    for personal in [Some(name), Some(email), phone].into_iter().flatten() {
        assert!(
            everything.iter().all(|row| !row.contains(&personal)),
            "an audit entry holds personal data"
        );
    }

    // Changes are refused, and so are entries written around the application: at a time
    // the caller chose, or not sealed with the key.
    let update = sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE journey_id = $1::uuid")
        .bind(&journey_id)
        .execute(&app.db)
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&app.db)
        .await
        .is_err());
    let next = |occurred: &str, keyed: bool| {
        format!(
            "INSERT INTO audit_log (merchant_id, journey_id, chain, seq, actor_kind, action, object_kind, occurred_at, prev_hash, hash, keyed)
             SELECT merchant_id, journey_id, chain, 4, 'admin', 'document.approved', 'document', {occurred}, hash, sha256('x'::bytea), {keyed}
             FROM audit_log WHERE journey_id = '{journey_id}' AND seq = 3"
        )
    };
    let backdated = sqlx::raw_sql(&next("now() - interval '1 day'", true))
        .execute(&app.db)
        .await;
    assert!(backdated
        .unwrap_err()
        .to_string()
        .contains("transaction's time"));
    let unsealed = sqlx::raw_sql(&next("now()", false)).execute(&app.db).await;
    assert!(unsealed
        .unwrap_err()
        .to_string()
        .contains("sealed with the audit key"));

    // The heads are signed; exported, they verify with the public key.
    assert!(heads::sign(&app.db, keys).await.unwrap() >= 2);
    assert_eq!(heads::sign(&app.db, keys).await.unwrap(), 0, "nothing grew");
    let exported = heads::latest(&app.db).await.unwrap();
    let checked = verify(&app.db, keys, &exported).await.unwrap();
    assert!(checked.breaks.is_empty(), "{:?}", checked.breaks);
    assert!(checked.heads >= 4);

    // A forged head does not verify.
    let mut forged_head = exported[0].clone();
    forged_head.seq += 1;
    let found = verify(&app.db, keys, &[forged_head]).await.unwrap();
    assert_eq!(
        problems(&found).last().unwrap().2,
        "a signed head's signature does not hold"
    );

    // One entry changed: its keyed hash no longer holds.
    let chain = format!("journey:{journey_id}");
    behind_the_triggers(
        &app.db,
        &format!("UPDATE audit_log SET detail = '{{\"assignee\": null}}' WHERE chain = '{chain}' AND seq = 2"),
    )
    .await;
    let found = verify(&app.db, keys, &[]).await.unwrap();
    assert_eq!(
        problems(&found),
        [(chain.clone(), 2, "its content does not match its hash")]
    );

    // The whole chain recomputed without the key, passed off as older than keyed hashing:
    // every link holds, but its signed head names a hash the chain no longer has.
    behind_the_triggers(&app.db, &rehash_without_the_key(&chain)).await;
    let found = verify(&app.db, keys, &[]).await.unwrap();
    // Every link holds, but its signed head names a hash the chain no longer has, and no
    // valid head vouches for its unkeyed entries.
    assert_eq!(
        problems(&found),
        [
            (
                chain.clone(),
                3,
                "the entry a signed head names was rewritten"
            ),
            (chain.clone(), 3, kyc_db::audit::UNCOVERED),
        ]
    );
    // The chain grows on, but the signer does not vouch for a chain that does not verify.
    let grow = app
        .call(
            &reviewer,
            "assign_case",
            &[("journey_id", &journey_id), ("assignee", "me")],
        )
        .await;
    assert_eq!(grow.status(), StatusCode::OK);
    heads::sign(&app.db, keys).await.unwrap();
    let signed_up_to: i64 = sqlx::query_scalar("SELECT max(seq) FROM audit_heads WHERE chain = $1")
        .bind(&chain)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(signed_up_to, 3);

    // The merchant chain's last entries removed, and the heads kept in the database with
    // them: the heads exported earlier still show the chain was cut short.
    let merchant_chain: String = sqlx::query_scalar(
        "SELECT chain FROM audit_log WHERE journey_id IS NULL ORDER BY seq DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    behind_the_triggers(
        &app.db,
        &format!(
            "DELETE FROM audit_log WHERE chain = '{merchant_chain}' AND seq = (SELECT max(seq) FROM audit_log WHERE chain = '{merchant_chain}');
             DELETE FROM audit_heads;"
        ),
    )
    .await;
    let found = verify(&app.db, keys, &exported).await.unwrap();
    assert!(
        problems(&found).contains(&(
            merchant_chain.clone(),
            exported
                .iter()
                .find(|h| h.chain == merchant_chain)
                .unwrap()
                .seq,
            "truncated: the chain ends before a signed head"
        )),
        "{:?}",
        found.breaks
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
    assert_eq!(
        actions(&of_journey),
        ["case.assigned", "document.viewed", "case.viewed"]
    );
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
