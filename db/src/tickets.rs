//! Support tickets: opened and continued by the customer of a journey, answered and closed
//! by the merchant's reviewers. The customer's side is scoped by the journey of their
//! session, the staff's by their merchant.

use kyc_core::email;
use kyc_core::tickets::{Ticket, TicketMessage, TicketSummary};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::journeys::invitation::Recipient;
use crate::review::Reviewer;
use crate::{outbox, DbError};

/// Opens a ticket on the journey (after consent) with its first message; returns its id.
pub async fn open(
    db: &PgPool,
    journey_id: Uuid,
    subject: &str,
    message: &str,
    now: OffsetDateTime,
) -> Result<Uuid, DbError> {
    let mut tx = db.begin().await?;
    let journey = sqlx::query!(
        r#"SELECT merchant_id, consented_at IS NOT NULL AS "consented!" FROM journeys WHERE id = $1"#,
        journey_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if !journey.consented {
        return Err(DbError::Refused(
            kyc_core::rules::JourneyRule::ConsentRequired.into(),
        ));
    }
    let merchant_id = journey.merchant_id;
    let id = Uuid::new_v4();
    sqlx::query!(
        "INSERT INTO tickets (id, merchant_id, journey_id, subject, created_at) VALUES ($1, $2, $3, $4, $5)",
        id,
        merchant_id,
        journey_id,
        subject,
        now
    )
    .execute(&mut *tx)
    .await?;
    insert_message(&mut tx, merchant_id, id, None, message, None, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The customer adds a message (and/or a staged upload, attached here) to an open ticket of
/// their journey. `NotFound` for another journey's ticket, `Refused(TicketClosed)` when
/// closed.
pub async fn customer_message(
    db: &PgPool,
    journey_id: Uuid,
    ticket_id: Uuid,
    message: &str,
    attachment: Option<Uuid>,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let mut tx = db.begin().await?;
    let ticket = sqlx::query!(
        "SELECT merchant_id, state FROM tickets WHERE id = $1 AND journey_id = $2 FOR UPDATE",
        ticket_id,
        journey_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if ticket.state != "open" {
        return Err(DbError::Refused(kyc_core::Refused::TicketClosed));
    }
    if let Some(object_id) = attachment {
        let attached = sqlx::query!(
            "UPDATE stored_objects SET state = 'attached', attached_at = $3
             WHERE id = $1 AND journey_id = $2 AND state = 'staged'",
            object_id,
            journey_id,
            now
        )
        .execute(&mut *tx)
        .await?;
        if attached.rows_affected() == 0 {
            return Err(DbError::NotFound);
        }
    }
    insert_message(
        &mut tx,
        ticket.merchant_id,
        ticket_id,
        None,
        message,
        attachment,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A reviewer answers a ticket of the merchant: the customer is emailed (the reply's text is
/// in the email; it was written for them). Audited without the text.
pub async fn reply(
    tx: &mut crate::Tx<'_>,
    by: &Reviewer<'_>,
    ticket_id: Uuid,
    message: &str,
) -> Result<(), DbError> {
    let ticket = sqlx::query!(
        "SELECT journey_id, subject, state FROM tickets WHERE merchant_id = $1 AND id = $2 FOR UPDATE",
        by.merchant_id,
        ticket_id
    )
    .fetch_one(&mut **tx)
    .await?;
    if ticket.state != "open" {
        return Err(DbError::Refused(kyc_core::Refused::TicketClosed));
    }
    insert_message(
        &mut *tx,
        by.merchant_id,
        ticket_id,
        Some(by.user_id),
        message,
        None,
        by.now,
    )
    .await?;
    let to = Recipient::of(&mut *tx, by.merchant_id, ticket.journey_id).await?;
    let content = email::ticket_reply(
        to.lang(),
        &to.brand(),
        &to.full_name,
        &ticket.subject,
        message,
    );
    let email = outbox::NewEmail {
        id: Uuid::new_v4(),
        merchant_id: by.merchant_id,
        journey_id: Some(ticket.journey_id),
        kind: "ticket_reply",
        recipient: &to.email,
        content: &content,
        sealed_link: None,
    };
    outbox::enqueue(&mut *tx, &email, by.now).await?;
    by.record(
        tx,
        ticket.journey_id,
        "ticket.replied",
        ("ticket", Some(ticket_id)),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// A reviewer closes a ticket of the merchant; audited.
pub async fn close(
    tx: &mut crate::Tx<'_>,
    by: &Reviewer<'_>,
    ticket_id: Uuid,
) -> Result<(), DbError> {
    let journey_id = sqlx::query_scalar!(
        "UPDATE tickets SET state = 'closed', closed_at = $3, closed_by = $4
         WHERE merchant_id = $1 AND id = $2 AND state = 'open' RETURNING journey_id",
        by.merchant_id,
        ticket_id,
        by.now,
        by.user_id
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some(journey_id) = journey_id else {
        // Another merchant's ticket, no such ticket, or already closed.
        sqlx::query_scalar!(
            "SELECT id FROM tickets WHERE merchant_id = $1 AND id = $2",
            by.merchant_id,
            ticket_id
        )
        .fetch_one(&mut **tx)
        .await?;
        return Err(DbError::Refused(kyc_core::Refused::TicketClosed));
    };
    by.record(
        tx,
        journey_id,
        "ticket.closed",
        ("ticket", Some(ticket_id)),
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// The journey's tickets with their messages, oldest first. `for_staff` adds the staff
/// authors' names (the customer reads "Support").
pub async fn of_journey(
    db: &PgPool,
    journey_id: Uuid,
    for_staff: bool,
) -> Result<Vec<Ticket>, DbError> {
    let tickets = sqlx::query!(
        "SELECT id, subject, state, created_at FROM tickets WHERE journey_id = $1 ORDER BY created_at, id",
        journey_id
    )
    .fetch_all(db)
    .await?;
    let messages = sqlx::query!(
        r#"SELECT m.ticket_id, m.author_id, u.display_name AS "author_name?", m.body, m.attachment_id, m.created_at
           FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id LEFT JOIN staff_users u ON u.id = m.author_id
           WHERE t.journey_id = $1 ORDER BY m.created_at, m.id"#,
        journey_id
    )
    .fetch_all(db)
    .await?;
    Ok(tickets
        .into_iter()
        .map(|t| Ticket {
            id: t.id,
            journey_id,
            subject: t.subject,
            open: t.state == "open",
            created_at: t.created_at,
            messages: messages
                .iter()
                .filter(|m| m.ticket_id == t.id)
                .map(|m| TicketMessage {
                    from_staff: m.author_id.is_some(),
                    author_name: if for_staff {
                        m.author_name.clone()
                    } else {
                        None
                    },
                    body: m.body.clone(),
                    attachment: m.attachment_id,
                    created_at: m.created_at,
                })
                .collect(),
        })
        .collect())
}

/// The merchant's tickets, open ones (or all) newest activity first.
pub async fn list(
    db: &PgPool,
    merchant_id: Uuid,
    only_open: bool,
) -> Result<Vec<TicketSummary>, DbError> {
    let rows = sqlx::query!(
        r#"SELECT t.id, t.journey_id, c.full_name, t.subject, t.state, t.created_at,
                  last.created_at AS "last_at!", last.author_id IS NULL AS "awaiting!"
           FROM tickets t
           JOIN journeys j ON j.id = t.journey_id
           JOIN customers c ON c.id = j.customer_id
           JOIN LATERAL (SELECT created_at, author_id FROM ticket_messages m
                         WHERE m.ticket_id = t.id ORDER BY created_at DESC, id DESC LIMIT 1) last ON true
           WHERE t.merchant_id = $1 AND (NOT $2 OR t.state = 'open')
           ORDER BY last.created_at DESC
           LIMIT 200"#,
        merchant_id,
        only_open
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TicketSummary {
            id: r.id,
            journey_id: r.journey_id,
            customer_name: r.full_name,
            subject: r.subject,
            open: r.state == "open",
            created_at: r.created_at,
            last_message_at: r.last_at,
            awaiting_reply: r.awaiting,
        })
        .collect())
}

async fn insert_message(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    merchant_id: Uuid,
    ticket_id: Uuid,
    author_id: Option<Uuid>,
    body: &str,
    attachment: Option<Uuid>,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO ticket_messages (id, merchant_id, ticket_id, author_id, body, attachment_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        Uuid::new_v4(),
        merchant_id,
        ticket_id,
        author_id,
        body,
        attachment,
        now
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
