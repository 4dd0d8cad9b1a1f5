//! Reviewers' comments: internal ones never reach the customer, visible ones do.

use reqwest::StatusCode;

use crate::review::{case, decide, document_id, submitted, version};
use crate::support::TestApp;

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn internal_comments_never_reach_the_customer_and_visible_ones_do(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let (customer, journey_id) = submitted(&app).await;
    let reviewer = app.signed_in("reviewer@acme.test").await;
    let seen = case(&app, &reviewer, &journey_id).await;
    let passport = document_id(&seen, "Passport");
    let internal = format!("INTERNAL-{}", uuid::Uuid::new_v4().simple());
    let visible = "Please photograph the whole page, corners included.";
    for (target, visibility, body) in [
        (
            format!("document:{passport}"),
            "internal",
            internal.as_str(),
        ),
        ("step:documents".to_owned(), "internal", internal.as_str()),
        (format!("document:{passport}"), "customer", visible),
    ] {
        let response = app
            .call(
                &reviewer,
                "add_comment",
                &[
                    ("journey_id", &journey_id),
                    ("target", &target),
                    ("visibility", visibility),
                    ("body", body),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{target} {visibility}");
    }
    // Send the passport back so that an email goes out too.
    let seen = case(&app, &reviewer, &journey_id).await;
    let rejected = decide(
        &app,
        &reviewer,
        &[
            ("journey_id", &journey_id),
            ("document_id", &passport),
            ("version", &version(&seen)),
            ("decision", "reject"),
            ("reason", "other"),
            ("mode", "retry"),
            ("comment", "See the message below."),
        ],
    )
    .await;
    assert_eq!(rejected.status(), StatusCode::OK);

    // Staff see both kinds.
    let staff_view = case(&app, &reviewer, &journey_id).await.to_string();
    assert!(staff_view.contains(&internal) && staff_view.contains(visible));

    // The customer's data, page, emails and the report carry the visible one only.
    let mine = app
        .call(&customer, "my_journey", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains(visible), "{mine}");
    assert!(!mine.contains(&internal));
    let page = customer
        .get(app.url("/journey"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains(&internal));
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT subject || text_body || html_body FROM outbox_emails WHERE journey_id = $1::uuid",
    )
    .bind(&journey_id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(bodies.len(), 2);
    assert!(bodies.iter().all(|b| !b.contains(&internal)));
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let report = reviewer
        .get(app.url(&format!("/reports/journeys.csv?from={today}&to={today}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!report.contains(&internal) && !report.contains(visible));
    // The audit entries record that comments were added, not what they say.
    let details: Vec<String> =
        sqlx::query_scalar("SELECT detail::text FROM audit_log WHERE action = 'comment.added'")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(details.len(), 3);
    assert!(details
        .iter()
        .all(|d| !d.contains(&internal) && !d.contains(visible)));

    // Another merchant cannot comment on this journey; an empty comment is refused.
    let globex = app.signed_in("admin@globex.test").await;
    let foreign = app
        .call(
            &globex,
            "add_comment",
            &[
                ("journey_id", &journey_id),
                ("target", "step:documents"),
                ("visibility", "customer"),
                ("body", "hello"),
            ],
        )
        .await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let empty = app
        .call(
            &reviewer,
            "add_comment",
            &[
                ("journey_id", &journey_id),
                ("target", "step:documents"),
                ("visibility", "internal"),
                ("body", "  "),
            ],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
