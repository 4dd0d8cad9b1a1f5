//! The customer's use cases on their own journey: consent, document files, the selfie and
//! signature, removing a draft, submitting, and support tickets. The journey is the one the
//! customer's link opened (the actor's), never one named in the request; each change runs
//! under the journey's row lock and the core rules (`kyc_db::journeys`), at one time.

use kyc_core::document::DocumentSide;
use kyc_core::StepKind;
use kyc_db::journeys::{self, CaptureSource, DocumentTarget};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Actor, ServiceError, Services};

impl Actor {
    /// The journey a customer acts on; anyone else is not a customer of a journey.
    pub fn journey(&self) -> Result<Uuid, ServiceError> {
        match self {
            Actor::Customer { journey_id } => Ok(*journey_id),
            _ => Err(ServiceError::LinkInvalid),
        }
    }
}

/// Records that the customer read and accepted the consent (the first time is kept).
pub async fn give_consent(
    services: &Services,
    actor: &Actor,
    language: kyc_i18n::Lang,
) -> Result<(), ServiceError> {
    let journey_id = actor.journey()?;
    let now = OffsetDateTime::now_utc();
    Ok(journeys::give_consent(&services.db, journey_id, language.code(), now).await?)
}

/// Keeps the language the customer chose for the journey (its pages and the emails sent to
/// them), whatever the journey's state.
pub async fn choose_language(
    services: &Services,
    actor: &Actor,
    language: kyc_i18n::Lang,
) -> Result<(), ServiceError> {
    let journey_id = actor.journey()?;
    Ok(journeys::set_language(&services.db, journey_id, language.code()).await?)
}

/// Removes a document the customer has not submitted yet.
pub async fn remove_draft(
    services: &Services,
    actor: &Actor,
    document_id: Uuid,
) -> Result<(), ServiceError> {
    let journey_id = actor.journey()?;
    let now = OffsetDateTime::now_utc();
    Ok(journeys::remove_draft(&services.db, journey_id, document_id, now).await?)
}

/// Submits everything prepared; `Unready` lists what is missing.
pub async fn submit(services: &Services, actor: &Actor) -> Result<(), ServiceError> {
    let journey_id = actor.journey()?;
    let now = OffsetDateTime::now_utc();
    journeys::submit(&services.db, journey_id, now).await?;
    tracing::info!(journey.id = %journey_id, "journey submitted");
    Ok(())
}

/// Whether the customer may change the journey at `now` (consented, in progress, in
/// time): a plain read, asked before an upload's body is read so that nothing is stored
/// for a journey that would refuse it. Returns the journey's merchant.
pub async fn may_upload(
    services: &Services,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Uuid, ServiceError> {
    let journey_id = actor.journey()?;
    Ok(journeys::may_change(&services.db, journey_id, now).await?)
}

/// A stored upload (staged, not yet part of the journey) and the time of its request.
#[derive(Debug, Clone, Copy)]
pub struct Upload {
    pub object_id: Uuid,
    /// When the request came: every row the upload writes carries it.
    pub at: OffsetDateTime,
}

/// Records an upload as one side of a document (a new draft, or another side of one);
/// returns the document's id. One transaction under the journey's row lock.
pub async fn attach_document_file(
    services: &Services,
    actor: &Actor,
    target: &DocumentTarget,
    side: DocumentSide,
    upload: Upload,
) -> Result<Uuid, ServiceError> {
    let journey_id = actor.journey()?;
    let recorded = journeys::attach_document_file(
        &services.db,
        journey_id,
        target,
        side,
        upload.object_id,
        upload.at,
    );
    Ok(recorded.await?)
}

/// Records an upload as the selfie or the signature, replacing an earlier one.
pub async fn save_capture(
    services: &Services,
    actor: &Actor,
    kind: StepKind,
    source: CaptureSource,
    upload: Upload,
) -> Result<(), ServiceError> {
    let journey_id = actor.journey()?;
    let recorded = journeys::save_capture(
        &services.db,
        journey_id,
        kind,
        upload.object_id,
        source,
        upload.at,
    );
    Ok(recorded.await?)
}

/// Messages a journey may send to support per hour, so one link cannot flood the inbox.
const MESSAGES_PER_HOUR: i64 = 20;

/// Counts one more message of the journey, refused beyond the hour's allowance.
async fn within_allowance(
    services: &Services,
    journey_id: Uuid,
    now: OffsetDateTime,
) -> Result<(), ServiceError> {
    let limit = kyc_db::throttle::Limit {
        key: services.throttle_key("ticket-journey", &journey_id.to_string()),
        limit: MESSAGES_PER_HOUR,
    };
    let hour = time::Duration::hours(1);
    match kyc_db::throttle::attempt(&services.db, &[limit], hour, now).await? {
        Some(_) => Ok(()),
        None => Err(ServiceError::TooManyAttempts),
    }
}

/// Opens a support ticket with its first message; returns its id.
pub async fn open_ticket(
    services: &Services,
    actor: &Actor,
    subject: &str,
    message: &str,
) -> Result<Uuid, ServiceError> {
    let journey_id = actor.journey()?;
    let (subject, message) = kyc_core::tickets::check_text(Some(subject), message, false)
        .map_err(ServiceError::Invalid)?;
    let now = OffsetDateTime::now_utc();
    within_allowance(services, journey_id, now).await?;
    let id = kyc_db::tickets::open(&services.db, journey_id, &subject, &message, now).await?;
    tracing::info!(journey.id = %journey_id, ticket.id = %id, "ticket opened");
    Ok(id)
}

/// Adds the customer's message, or an upload (with an empty message), to one of their open
/// tickets.
pub async fn ticket_message(
    services: &Services,
    actor: &Actor,
    ticket_id: Uuid,
    message: &str,
    attachment: Option<Upload>,
) -> Result<(), ServiceError> {
    let journey_id = actor.journey()?;
    let (message, now) = match attachment {
        // The upload was counted against the journey's upload allowance.
        Some(upload) => (String::new(), upload.at),
        None => {
            let (_, message) = kyc_core::tickets::check_text(Some("-"), message, false)
                .map_err(ServiceError::Invalid)?;
            let now = OffsetDateTime::now_utc();
            within_allowance(services, journey_id, now).await?;
            (message, now)
        }
    };
    let object = attachment.map(|upload| upload.object_id);
    let sent = kyc_db::tickets::customer_message(
        &services.db,
        journey_id,
        ticket_id,
        &message,
        object,
        now,
    );
    Ok(sent.await?)
}
