//! The reviewer's side: the queue, assignment, the case, and decisions on documents,
//! steps and journeys. Every decision runs under the journey's row lock with the version the
//! reviewer saw (`Stale` when the case changed), goes through the `kyc-core` rules, appends
//! journey events, writes its audit entry and queues the customer's email, all in one
//! transaction.

pub mod comments;
mod decide;

pub use decide::{open_case, Case, JourneyDecision};

/// Who is acting on a case, and under which request: every decision and audit entry
/// carries it.
#[derive(Debug, Clone, Copy)]
pub struct Reviewer<'a> {
    pub merchant_id: Uuid,
    pub user_id: Uuid,
    /// The staff role (`reviewer`, `admin`), recorded as the audit actor.
    pub role: &'a str,
    pub request_id: Option<&'a str>,
    pub now: OffsetDateTime,
    /// What this reviewer's audit entries are sealed with.
    pub audit_key: &'a audit::AuditKey,
}

impl Reviewer<'_> {
    /// Records this reviewer's `action` on `journey_id`'s `object` in the audit trail, in
    /// the caller's transaction (no personal data in `detail`).
    pub async fn record(
        &self,
        tx: &mut sqlx::PgConnection,
        journey_id: Uuid,
        action: &str,
        object: (&str, Option<Uuid>),
        detail: serde_json::Value,
    ) -> Result<(), DbError> {
        let entry = audit::Entry {
            merchant_id: self.merchant_id,
            journey_id: Some(journey_id),
            actor_kind: self.role,
            actor_id: Some(self.user_id),
            action,
            object_kind: object.0,
            object_id: object.1,
            detail,
            request_id: self.request_id,
        };
        audit::record(tx, self.audit_key, &entry).await
    }
}

use kyc_core::review::{Assignee, QueueItem, ReviewCase};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::journeys::{self, rows};
use crate::{audit, DbError};

/// Which cases the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueScope {
    All,
    Mine,
    Unassigned,
}

/// The merchant's cases with something waiting for a reviewer (a submitted document pending,
/// a step waiting for a reviewer), longest waiting first.
pub async fn queue(
    db: &PgPool,
    merchant_id: Uuid,
    me: Uuid,
    scope: QueueScope,
) -> Result<Vec<QueueItem>, DbError> {
    let scope = match scope {
        QueueScope::All => None,
        QueueScope::Mine => Some("mine"),
        QueueScope::Unassigned => Some("unassigned"),
    };
    let rows = sqlx::query!(
        r#"SELECT j.id, c.full_name, j.assigned_to, u.display_name AS "assignee_name?",
                  (SELECT count(*) FROM documents d
                   WHERE d.journey_id = j.id AND d.state = 'pending' AND d.submitted_at IS NOT NULL) AS "pending!",
                  (SELECT array_agg(s.kind ORDER BY s.position) FROM journey_steps s
                   WHERE s.journey_id = j.id AND s.state = 'requires_action' AND s.action_by = 'reviewer') AS "steps: Vec<String>",
                  least(
                      (SELECT min(d.submitted_at) FROM documents d
                       WHERE d.journey_id = j.id AND d.state = 'pending' AND d.submitted_at IS NOT NULL),
                      (SELECT min(s.updated_at) FROM journey_steps s
                       WHERE s.journey_id = j.id AND s.state = 'requires_action' AND s.action_by = 'reviewer')
                  ) AS waiting_since
           FROM journeys j
           JOIN customers c ON c.id = j.customer_id
           LEFT JOIN staff_users u ON u.id = j.assigned_to
           WHERE j.merchant_id = $1 AND j.state = 'in_progress'
             AND (EXISTS (SELECT 1 FROM documents d WHERE d.journey_id = j.id AND d.state = 'pending' AND d.submitted_at IS NOT NULL)
                  OR EXISTS (SELECT 1 FROM journey_steps s WHERE s.journey_id = j.id AND s.state = 'requires_action' AND s.action_by = 'reviewer'))
             AND ($2::text IS NULL OR ($2 = 'mine' AND j.assigned_to = $3) OR ($2 = 'unassigned' AND j.assigned_to IS NULL))
           ORDER BY waiting_since NULLS LAST, j.id
           LIMIT 200"#,
        merchant_id,
        scope,
        me,
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(QueueItem {
                journey_id: r.id,
                customer_name: r.full_name,
                waiting_since: r.waiting_since,
                pending_documents: r.pending,
                steps_waiting: r
                    .steps
                    .unwrap_or_default()
                    .iter()
                    .map(|k| rows::step_kind(k))
                    .collect::<Result<_, _>>()?,
                assignee: r
                    .assigned_to
                    .zip(r.assignee_name)
                    .map(|(user_id, name)| Assignee { user_id, name }),
            })
        })
        .collect()
}

/// The merchant's staff who may review (reviewers and admins).
pub async fn reviewers(db: &PgPool, merchant_id: Uuid) -> Result<Vec<Assignee>, DbError> {
    Ok(sqlx::query_as!(
        Assignee,
        "SELECT u.id AS user_id, u.display_name AS name
         FROM memberships m JOIN staff_users u ON u.id = m.staff_user_id
         WHERE m.merchant_id = $1 AND m.role IN ('reviewer', 'admin') AND u.disabled_at IS NULL AND m.disabled_at IS NULL
         ORDER BY u.display_name",
        merchant_id
    )
    .fetch_all(db)
    .await?)
}

/// Everything a reviewer sees of one case; `NotFound` for another merchant's journey.
pub async fn case(db: &PgPool, merchant_id: Uuid, journey_id: Uuid) -> Result<ReviewCase, DbError> {
    let journey = journeys::get(db, merchant_id, journey_id).await?;
    let customer = crate::customers::get(db, merchant_id, journey.customer_id).await?;
    let assignee = sqlx::query!(
        r#"SELECT j.assigned_to AS "user_id!", u.display_name AS name
           FROM journeys j JOIN staff_users u ON u.id = j.assigned_to WHERE j.id = $1"#,
        journey_id
    )
    .fetch_optional(db)
    .await?
    .map(|r| Assignee {
        user_id: r.user_id,
        name: r.name,
    });
    let mut conn = db.acquire().await?;
    let documents = journeys::prepared::load_documents(&mut conn, journey_id)
        .await?
        .into_iter()
        .filter(|d| d.submitted_at.is_some())
        .collect();
    let captures = journeys::prepared::load_captures(&mut conn, journey_id)
        .await?
        .into_iter()
        .filter(|c| c.submitted)
        .collect();
    drop(conn);
    Ok(ReviewCase {
        customer,
        journey,
        documents,
        captures,
        assignee,
        reviewers: reviewers(db, merchant_id).await?,
        comments: comments::for_staff(db, journey_id).await?,
        tickets: crate::tickets::of_journey(db, journey_id, true).await?,
        screening: crate::screening::for_journey(db, merchant_id, journey_id).await?,
    })
}

/// Assigns the case to `assignee` (a reviewer or admin of the merchant), or unassigns it;
/// audited. `NotFound` for another merchant's journey or a staff member not theirs.
pub async fn assign(
    tx: &mut crate::Tx<'_>,
    by: &Reviewer<'_>,
    journey_id: Uuid,
    assignee: Option<Uuid>,
) -> Result<(), DbError> {
    let (merchant_id, now) = (by.merchant_id, by.now);
    if let Some(user) = assignee {
        let reviewer = sqlx::query_scalar!(
            "SELECT m.staff_user_id FROM memberships m JOIN staff_users u ON u.id = m.staff_user_id
             WHERE m.merchant_id = $1 AND m.staff_user_id = $2 AND m.role IN ('reviewer', 'admin') AND u.disabled_at IS NULL AND m.disabled_at IS NULL",
            merchant_id,
            user
        )
        .fetch_optional(&mut **tx)
        .await?;
        if reviewer.is_none() {
            return Err(DbError::Refused(
                kyc_core::rules::ReviewRule::NotAReviewer.into(),
            ));
        }
    }
    let updated = sqlx::query!(
        "UPDATE journeys SET assigned_to = $3, assigned_at = CASE WHEN $3::uuid IS NULL THEN NULL ELSE $4::timestamptz END
         WHERE merchant_id = $1 AND id = $2",
        merchant_id,
        journey_id,
        assignee,
        now
    )
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(DbError::NotFound);
    }
    let detail = serde_json::json!({ "assignee": assignee });
    by.record(
        tx,
        journey_id,
        "case.assigned",
        ("journey", Some(journey_id)),
        detail,
    )
    .await?;
    Ok(())
}
