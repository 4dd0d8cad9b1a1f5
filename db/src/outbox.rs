//! The email outbox: messages written in the transaction of the change that caused them,
//! then claimed by workers (several may run), sent, and retried with backoff until sent.

use kyc_core::email::EmailContent;
use sqlx::{PgPool, Postgres, Transaction};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{DbError, Lease};

/// An email to queue.
#[derive(Debug, Clone)]
pub struct NewEmail<'a> {
    /// The email's id (its Message-ID; the sealed link is bound to it).
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub journey_id: Option<Uuid>,
    pub kind: &'static str,
    pub recipient: &'a str,
    pub content: &'a EmailContent,
    /// The invitation's link, encrypted; the body holds `kyc_core::email::LINK_MARKER`.
    pub sealed_link: Option<&'a [u8]>,
}

/// Queues an email in the caller's transaction: it exists exactly when the change does.
pub async fn enqueue(
    tx: &mut Transaction<'_, Postgres>,
    email: &NewEmail<'_>,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO outbox_emails (id, merchant_id, journey_id, kind, recipient, subject, text_body, html_body, created_at, next_attempt_at, sealed_link)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)",
        email.id,
        email.merchant_id,
        email.journey_id,
        email.kind,
        email.recipient,
        email.content.subject,
        email.content.text,
        email.content.html,
        now,
        email.sealed_link,
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A claimed email, ready to send. `id` is stable across retries (the Message-ID).
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub merchant_name: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i32,
    /// The encrypted link of an invitation.
    pub sealed_link: Option<Vec<u8>>,
}

/// Claims the emails due at `now` under `lease`: a worker that dies mid-send only delays
/// its emails.
pub async fn claim_due(
    db: &PgPool,
    now: OffsetDateTime,
    lease: Lease,
) -> Result<Vec<OutgoingEmail>, DbError> {
    Ok(sqlx::query_as!(
        OutgoingEmail,
        "WITH due AS (
             SELECT id FROM outbox_emails
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
             ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE outbox_emails o SET attempts = o.attempts + 1, next_attempt_at = $2
         FROM due, merchants m WHERE o.id = due.id AND m.id = o.merchant_id
         RETURNING o.id, o.merchant_id, m.display_name AS merchant_name, o.recipient, o.subject, o.text_body, o.html_body, o.attempts, o.sealed_link",
        now,
        now + lease.duration,
        lease.batch
    )
    .fetch_all(db)
    .await?)
}

/// Records a successful send.
pub async fn mark_sent(db: &PgPool, id: Uuid, now: OffsetDateTime) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE outbox_emails SET sent_at = $2, last_error = NULL, sealed_link = NULL WHERE id = $1",
        id,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Records a failed send: retried at `retry_at`, or given up when `retry_at` is `None`.
/// `error` must not contain personal data (callers pass a category and a status code).
pub async fn mark_failed(
    db: &PgPool,
    id: Uuid,
    error: &str,
    retry_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "UPDATE outbox_emails SET last_error = $2,
             next_attempt_at = coalesce($3, next_attempt_at),
             failed_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END,
             sealed_link = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE sealed_link END
         WHERE id = $1 AND sent_at IS NULL",
        id,
        error,
        retry_at,
        now
    )
    .execute(db)
    .await?;
    Ok(())
}
