//! Delivers the email outbox over SMTP (lettre): claims due messages, sends each with a
//! stable Message-ID, retries with backoff while SMTP is unreachable, and gives up only on
//! a permanent refusal or after about three days.

use std::time::Duration as StdDuration;

use anyhow::Context;
use kyc_db::outbox::{self, OutgoingEmail};
use kyc_db::{Lease, PgPool};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use time::{Duration, OffsetDateTime};

/// Ten emails a pass, reserved for the worker that claimed them for longer than the whole
/// batch can take (ten sends of at most 20 s each), so no other worker sends them meanwhile.
const LEASE: Lease = Lease {
    duration: Duration::minutes(10),
    batch: 10,
};
/// Waits between attempts; the last repeats until [`GIVE_UP_AFTER`] attempts.
const BACKOFF: [Duration; 6] = [
    Duration::seconds(10),
    Duration::seconds(30),
    Duration::minutes(2),
    Duration::minutes(10),
    Duration::minutes(30),
    Duration::hours(1),
];
/// About three days of hourly retries after the quick ones.
const GIVE_UP_AFTER: i32 = 75;

/// An SMTP transport and the sender address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Opens the sealed link of an invitation.
    secrets: crate::storage::DocumentStore,
}

impl Mailer {
    /// `url`: `smtp://host:port` (plain, for a local relay), `smtp://host?tls=required`,
    /// or `smtps://user:pass@host`. `from`: `Name <address>`. `secrets` opens the links of
    /// invitations (sealed under the master key).
    pub fn new(
        url: &str,
        from: &str,
        secrets: crate::storage::DocumentStore,
    ) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("KYC_SMTP_URL is not a valid SMTP URL")?
            .timeout(Some(StdDuration::from_secs(20)))
            .build();
        let from: Mailbox = from.parse().context("KYC_MAIL_FROM is not an address")?;
        Ok(Mailer {
            transport,
            from,
            secrets,
        })
    }

    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        let from = Mailbox::new(
            Some(format!("{} via KYC", email.merchant_name)),
            self.from.email.clone(),
        );
        let to: Mailbox = email
            .recipient
            .parse()
            .map_err(|_| SendError::Permanent("bad-recipient".into()))?;
        let (text, html) = self.bodies(email)?;
        let message = Message::builder()
            .message_id(Some(format!("<{}@kyc.outbox>", email.id)))
            .from(from)
            .to(to)
            .subject(email.subject.clone())
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|_| SendError::Permanent("unbuildable".into()))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            // Only the category and SMTP code are kept: server replies can echo addresses.
            Err(error) if error.is_permanent() => {
                Err(SendError::Permanent(code("permanent", &error)))
            }
            Err(error) => Err(SendError::Transient(code("transient", &error))),
        }
    }
}

impl Mailer {
    /// The text and HTML bodies, with an invitation's link opened and put in place.
    fn bodies(&self, email: &OutgoingEmail) -> Result<(String, String), SendError> {
        let Some(sealed) = &email.sealed_link else {
            return Ok((email.text_body.clone(), email.html_body.clone()));
        };
        let label = kyc_service::links::invitation_label(email.id);
        let link = self
            .secrets
            .open_secret(&label, sealed)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| SendError::Permanent("sealed-link-unreadable".into()))?;
        Ok(kyc_core::email::with_link(
            &email.text_body,
            &email.html_body,
            &link,
        ))
    }
}

enum SendError {
    Transient(String),
    Permanent(String),
}

fn code(category: &str, error: &lettre::transport::smtp::Error) -> String {
    match error.status() {
        Some(status) => format!("{category} {status}"),
        None if error.is_timeout() => format!("{category} timeout"),
        None => format!("{category} connection"),
    }
}

/// Runs forever: every two seconds sends what is due.
pub async fn run(db: PgPool, mailer: Mailer) {
    let mut tick = tokio::time::interval(StdDuration::from_secs(2));
    loop {
        tick.tick().await;
        deliver_due(&db, &mailer).await;
    }
}

/// One pass over the due emails; returns how many were sent.
pub async fn deliver_due(db: &PgPool, mailer: &Mailer) -> usize {
    let now = OffsetDateTime::now_utc();
    let due = match outbox::claim_due(db, now, LEASE).await {
        Ok(due) => due,
        Err(error) => {
            tracing::warn!(error = %error, "claiming outbox emails failed");
            return 0;
        }
    };
    let mut sent = 0;
    for email in due {
        let now = OffsetDateTime::now_utc();
        let outcome = match mailer.send(&email).await {
            Ok(()) => {
                sent += 1;
                tracing::info!(email.id = %email.id, merchant.id = %email.merchant_id, "email sent");
                outbox::mark_sent(db, email.id, now).await
            }
            Err(SendError::Transient(error)) if email.attempts < GIVE_UP_AFTER => {
                let wait = BACKOFF[(email.attempts.max(1) as usize - 1).min(BACKOFF.len() - 1)];
                tracing::warn!(email.id = %email.id, attempts = email.attempts, error = %error, "email not sent; will retry");
                outbox::mark_failed(db, email.id, &error, Some(now + wait), now).await
            }
            Err(SendError::Transient(error) | SendError::Permanent(error)) => {
                tracing::error!(email.id = %email.id, attempts = email.attempts, error = %error, "email given up");
                outbox::mark_failed(db, email.id, &error, None, now).await
            }
        };
        if let Err(error) = outcome {
            tracing::warn!(email.id = %email.id, error = %error, "recording an email's outcome failed");
        }
    }
    sent
}
