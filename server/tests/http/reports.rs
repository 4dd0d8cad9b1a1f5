//! The KYC report download: the file matches the database, cells are neutralised and
//! quoted, only the merchant's journeys of the range are in it, and the download is audited.

use kyc_core::timefmt::iso_utc as utc;
use reqwest::StatusCode;

use crate::support::{browser, TestApp};

const STEP_KINDS: [&str; 6] = [
    "documents",
    "digilocker_aadhaar",
    "bank_account",
    "selfie",
    "signature",
    "sanction_screening",
];

type At = time::OffsetDateTime;
type JourneyRow = (
    uuid::Uuid,
    Option<String>,
    String,
    Option<String>,
    At,
    Option<At>,
    Option<At>,
    Option<At>,
);

/// The rows the report should hold for acme between the dates, computed from the tables
/// directly (a different query from the report's), newest first.
async fn expected_rows(app: &TestApp, from: &str, to: &str) -> Vec<Vec<String>> {
    let journeys: Vec<JourneyRow> =
        sqlx::query_as(
            "SELECT j.id, c.external_ref, j.state, j.end_reason, j.created_at, j.opened_at, j.submitted_at, j.ended_at
             FROM journeys j JOIN customers c ON c.id = j.customer_id JOIN merchants m ON m.id = j.merchant_id
             WHERE m.slug = 'acme' AND j.created_at >= $1::date AND j.created_at < $2::date + 1
             ORDER BY j.created_at DESC, j.id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&app.db)
        .await
        .unwrap();
    let mut rows = Vec::new();
    for (id, reference, state, reason, created, opened, submitted, ended) in journeys {
        let opt = |at: Option<time::OffsetDateTime>| at.map(utc).unwrap_or_default();
        let ended_as = |s: &str| {
            if state == s {
                opt(ended)
            } else {
                String::new()
            }
        };
        let reference = reference.unwrap_or_default();
        let reference = if reference.starts_with(['=', '+', '-', '@']) {
            format!("'{reference}")
        } else {
            reference
        };
        let mut row = vec![
            id.to_string(),
            reference,
            state.clone(),
            reason.unwrap_or_default(),
            utc(created),
            opt(opened),
            opt(submitted),
            ended_as("completed"),
            ended_as("rejected"),
            ended_as("expired"),
        ];
        for kind in STEP_KINDS {
            let step: Option<(String, time::OffsetDateTime)> = sqlx::query_as(
                "SELECT state, updated_at FROM journey_steps WHERE journey_id = $1 AND kind = $2",
            )
            .bind(id)
            .bind(kind)
            .fetch_optional(&app.db)
            .await
            .unwrap();
            match step {
                Some((state, at)) => {
                    let done = if state == "completed" {
                        utc(at)
                    } else {
                        String::new()
                    };
                    row.push(state);
                    row.push(done);
                }
                None => row.extend([String::new(), String::new()]),
            }
        }
        rows.push(row);
    }
    rows
}

fn parse(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn the_report_matches_the_database_and_neutralises_formulas(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    let operator = app.signed_in("operator@acme.test").await;
    // A reference a spreadsheet would read as a formula, through the normal form.
    let risky = app.create_customer(&operator, "Ravi Kumar", "-REF-1").await;
    app.generate_link(
        &operator,
        &risky,
        &[("steps[0]", "documents"), ("steps[1]", "selfie")],
    )
    .await;
    // Journeys in several states, one with every kind of step, one revoked.
    let (_, opened) = app.customer_with_link(&["documents", "signature"]).await;
    let (_, revoked) = app.customer_with_link(&["documents"]).await;
    let revoke = app
        .call(&operator, "revoke_link", &[("journey_id", &revoked)])
        .await;
    assert_eq!(revoke.status(), StatusCode::OK);
    // A legacy reference with a formula, quotes and a comma, written directly.
    sqlx::query("UPDATE customers SET external_ref = '=HYPERLINK(\"http://x\",\"a, b\")' WHERE id = (SELECT customer_id FROM journeys WHERE id = $1::uuid)")
        .bind(&opened)
        .execute(&app.db)
        .await
        .unwrap();
    // One journey outside the range.
    sqlx::query("UPDATE journeys SET created_at = '2020-01-15T10:00:00Z' WHERE id = $1::uuid")
        .bind(&revoked)
        .execute(&app.db)
        .await
        .unwrap();

    let reviewer = app.signed_in("reviewer@acme.test").await;
    let today = time::OffsetDateTime::now_utc().date();
    let from = (today - time::Duration::days(1)).to_string();
    let to = today.to_string();
    let response = reviewer
        .get(app.url(&format!("/reports/journeys.csv?from={from}&to={to}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        response.headers()["content-disposition"],
        format!("attachment; filename=\"kyc-report-{from}-to-{to}.csv\"")
    );
    let body = response.text().await.unwrap();
    let (header, rows) = parse(&body);
    assert_eq!(header.len(), 22);
    assert_eq!(header[..3], ["journey_id", "customer_reference", "state"]);
    assert_eq!(rows, expected_rows(&app, &from, &to).await);
    assert_eq!(rows.len(), 2, "the revoked journey lies outside the range");
    assert!(rows.iter().any(|r| r[1] == "'-REF-1"));
    assert!(rows
        .iter()
        .any(|r| r[1] == "'=HYPERLINK(\"http://x\",\"a, b\")"));
    assert!(
        body.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\""),
        "quoted per RFC 4180"
    );

    // The older range holds the revoked journey, with its expiry time.
    let old = reviewer
        .get(app.url("/reports/journeys.csv?from=2020-01-01&to=2020-01-31"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (_, old_rows) = parse(&old);
    assert_eq!(
        old_rows,
        expected_rows(&app, "2020-01-01", "2020-01-31").await
    );
    assert_eq!(old_rows.len(), 1);
    assert_eq!(old_rows[0][2], "expired");
    assert_eq!(old_rows[0][3], "revoked");
    assert!(old_rows[0][9].ends_with('Z'));

    // Each download is in the audit log, with the range and no personal data.
    let audited: Vec<(String, String, serde_json::Value, Option<String>)> =
        sqlx::query_as("SELECT actor_kind, action, detail, request_id FROM audit_log WHERE action = 'report.downloaded' ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(audited.len(), 2);
    assert_eq!(audited[0].0, "reviewer");
    assert_eq!(audited[0].1, "report.downloaded");
    assert_eq!(audited[0].2, serde_json::json!({ "from": from, "to": to }));
    assert!(audited[0].3.as_deref().is_some_and(|id| id.len() == 36));
}

#[sqlx::test(migrator = "kyc_db::MIGRATOR")]
async fn only_admins_and_reviewers_download_and_only_their_merchants_journeys(db: kyc_db::PgPool) {
    let app = TestApp::spawn(db).await;
    app.customer_with_link(&["documents"]).await;
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let url = app.url(&format!("/reports/journeys.csv?from={today}&to={today}"));

    let operator = app.signed_in("operator@acme.test").await;
    assert_eq!(
        operator.get(&url).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        browser().get(&url).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let admin = app.signed_in("admin@acme.test").await;
    let (_, acme_rows) = parse(&admin.get(&url).send().await.unwrap().text().await.unwrap());
    assert_eq!(acme_rows.len(), 1);
    let globex = app.signed_in("admin@globex.test").await;
    let (header, globex_rows) =
        parse(&globex.get(&url).send().await.unwrap().text().await.unwrap());
    assert_eq!(header.len(), 22);
    assert!(
        globex_rows.is_empty(),
        "another merchant's journeys never appear"
    );

    // Bad dates: a clear error, nothing audited for it.
    let before: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'report.downloaded'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let bad = admin
        .get(app.url("/reports/journeys.csv?from=2026-11-30&to=2026-11-01"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let message = bad.text().await.unwrap();
    assert!(message.contains("must not be before From"), "{message}");
    let after: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'report.downloaded'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(before, after);
}
