//! Emailing a journey's link to its customer, through the outbox.

use kyc_core::email::{self, EmailBrand};
use kyc_i18n::Lang;
use sqlx::{Postgres, Transaction};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{outbox, DbError};

/// A link to email: the email's id and the link encrypted for it (the caller holds the
/// key; the database never sees the link in the clear).
#[derive(Debug, Clone)]
pub struct Invitation {
    pub email_id: Uuid,
    pub sealed_link: Vec<u8>,
}

/// Queues the invitation in the caller's transaction, branded, to the customer's address.
pub(crate) async fn queue(
    tx: &mut Transaction<'_, Postgres>,
    merchant_id: Uuid,
    journey_id: Uuid,
    invitation: &Invitation,
    now: OffsetDateTime,
) -> Result<(), DbError> {
    let to = Recipient::of(tx, merchant_id, journey_id).await?;
    let content = email::link_invitation(
        to.lang(),
        &to.brand(),
        &to.full_name,
        &email::readable_time(to.expires_at),
    );
    let message = outbox::NewEmail {
        id: invitation.email_id,
        merchant_id,
        journey_id: Some(journey_id),
        kind: "link_invitation",
        recipient: &to.email,
        content: &content,
        sealed_link: Some(&invitation.sealed_link),
    };
    outbox::enqueue(tx, &message, now).await
}

/// Who a journey's emails go to, and the merchant's brand they carry.
pub(crate) struct Recipient {
    pub full_name: String,
    pub email: String,
    pub expires_at: OffsetDateTime,
    pub merchant_name: String,
    pub primary_colour: String,
    /// The language the customer chose on the journey's pages, if they did.
    pub language: Option<String>,
}

impl Recipient {
    pub(crate) async fn of(
        tx: &mut Transaction<'_, Postgres>,
        merchant_id: Uuid,
        journey_id: Uuid,
    ) -> Result<Self, DbError> {
        Ok(sqlx::query_as!(
            Recipient,
            "SELECT c.full_name, c.email, j.expires_at, m.display_name AS merchant_name, m.primary_colour,
                    j.language
             FROM journeys j JOIN customers c ON c.id = j.customer_id JOIN merchants m ON m.id = j.merchant_id
             WHERE j.id = $1 AND j.merchant_id = $2",
            journey_id,
            merchant_id
        )
        .fetch_one(&mut **tx)
        .await?)
    }

    /// The language to write to the customer in: theirs if they chose one, else English.
    pub(crate) fn lang(&self) -> Lang {
        self.language
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or_default()
    }

    pub(crate) fn brand(&self) -> EmailBrand<'_> {
        EmailBrand {
            merchant_name: &self.merchant_name,
            primary_colour: &self.primary_colour,
        }
    }
}
