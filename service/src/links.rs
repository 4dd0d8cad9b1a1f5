//! KYC links: generate one for a customer, send a new one, withdraw one. The dashboard and
//! the REST API both call these; the link's URL holds a fresh token and is shown once.

use kyc_core::access::Permission;
use kyc_core::link::{LinkRequest, LinkToken, ValidityWindow};
use kyc_db::journeys::{Invitation, NewJourney};
use rand::RngCore;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Actor, Authorized, ServiceError, Services, Work};

/// A link to generate, as the front door received it: the chosen steps and validity are
/// parsed here, after the actor is authorised.
#[derive(Debug, Clone)]
pub struct GenerateLink {
    pub customer_id: Uuid,
    /// Stored step names, in the customer's order.
    pub steps: Vec<String>,
    /// Hours the link stays valid.
    pub validity_hours: String,
    /// Also email the link to the customer (branded, through the outbox).
    pub email: bool,
}

/// A link just made. The URL holds the token and is shown this once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedLink {
    pub journey_id: Uuid,
    pub url: String,
    /// When the journey's window closes (a resend keeps the window it had).
    pub expires_at: Option<OffsetDateTime>,
    /// Whether the link was queued for email too.
    pub emailed: bool,
}

/// The label an emailed link is sealed under: bound to the email's id, so a sealed link
/// copied to another email does not open.
pub fn invitation_label(email_id: Uuid) -> String {
    format!("outbox/{email_id}")
}

/// Generates a journey for one of the actor's merchant's customers with the chosen steps
/// and validity; with `email`, queues the link to the customer in the same transaction.
/// `NotFound` for another merchant's customer.
pub async fn generate(
    services: &Services,
    actor: &Actor,
    input: GenerateLink,
) -> Result<IssuedLink, ServiceError> {
    let by = actor.authorize(Permission::ManageLinks)?;
    let request =
        LinkRequest::parse(&input.steps, &input.validity_hours).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    let link = create(
        services,
        &mut work,
        by,
        input.customer_id,
        request,
        input.email,
    )
    .await?;
    work.commit().await?;
    tracing::info!(journey.id = %link.journey_id, merchant.id = %by.merchant_id, actor = %actor.log_id(), emailed = link.emailed, "link generated");
    Ok(link)
}

/// Issues a journey whose link was withdrawn again, once: a new journey for the same
/// customer with the same steps and validity window, its link emailed (the customer's old
/// one shows nothing any more), in one transaction under the withdrawn journey's row lock.
/// The withdrawn one stays as it ended. Any other journey, or one issued again already, is
/// refused ([`kyc_core::Refused::NotWithdrawn`]): an open one is resent instead.
pub async fn reissue(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
) -> Result<IssuedLink, ServiceError> {
    let by = actor.authorize(Permission::ManageLinks)?;
    let mut work = services.begin().await?;
    let old = kyc_db::journeys::withdrawn(&mut work.tx, by.merchant_id, journey_id).await?;
    let hours = old
        .window
        .whole_hours()
        .clamp(1, i64::from(ValidityWindow::MAX_HOURS));
    let request =
        LinkRequest::parse(&old.steps, &hours.to_string()).map_err(ServiceError::Invalid)?;
    let link = create(services, &mut work, by, old.customer_id, request, true).await?;
    kyc_db::journeys::mark_reissued(&mut work.tx, by.merchant_id, journey_id, link.journey_id)
        .await?;
    work.commit().await?;
    tracing::info!(journey.id = %link.journey_id, reissued.id = %journey_id, merchant.id = %by.merchant_id, "withdrawn journey issued again");
    Ok(link)
}

/// Creates the journey `request` describes for `customer_id` in `work`, with a new link,
/// queued to the customer by email when `email`.
async fn create(
    services: &Services,
    work: &mut Work,
    by: Authorized,
    customer_id: Uuid,
    request: LinkRequest,
    email: bool,
) -> Result<IssuedLink, ServiceError> {
    let (token, url) = new_link(services);
    let invitation = invitation(services, email, &url)?;
    let expires_at = work.now + request.validity.duration();
    let new = NewJourney {
        customer_id,
        steps: request.steps,
        token_hash: token.hash(),
        expires_at,
    };
    let journey_id = kyc_db::journeys::create(
        &mut work.tx,
        by.merchant_id,
        by.user_id,
        &new,
        invitation.as_ref(),
        work.now,
    )
    .await?;
    Ok(IssuedLink {
        journey_id,
        url,
        expires_at: Some(expires_at),
        emailed: invitation.is_some(),
    })
}

/// Sends the journey a new link: a new token replaces the old one, which stops working at
/// once (with any session it opened); with `email`, the new link is emailed too. Ended
/// journeys, and journeys whose window has passed, are refused.
pub async fn resend(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
    email: bool,
) -> Result<IssuedLink, ServiceError> {
    let by = actor.authorize(Permission::ManageLinks)?;
    let (token, url) = new_link(services);
    let invitation = invitation(services, email, &url)?;
    let mut work = services.begin().await?;
    kyc_db::journeys::resend(
        &mut work.tx,
        by.merchant_id,
        by.user_id,
        journey_id,
        &token.hash(),
        invitation.as_ref(),
        work.now,
    )
    .await?;
    work.commit().await?;
    tracing::info!(journey.id = %journey_id, merchant.id = %by.merchant_id, actor = %actor.log_id(), emailed = invitation.is_some(), "link resent");
    Ok(IssuedLink {
        journey_id,
        url,
        expires_at: None,
        emailed: invitation.is_some(),
    })
}

/// Withdraws a journey's link: the journey ends as Expired with reason `revoked`.
pub async fn revoke(
    services: &Services,
    actor: &Actor,
    journey_id: Uuid,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageLinks)?;
    let mut work = services.begin().await?;
    kyc_db::journeys::revoke(
        &mut work.tx,
        by.merchant_id,
        by.user_id,
        journey_id,
        work.now,
    )
    .await?;
    work.commit().await?;
    tracing::info!(journey.id = %journey_id, merchant.id = %by.merchant_id, actor = %actor.log_id(), "link revoked");
    Ok(())
}

/// A fresh token: 32 random bytes.
pub(crate) fn new_token() -> LinkToken {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    LinkToken::from_bytes(bytes)
}

/// Queues an email that carries `url` (an invitation, a password reset) in the use case's
/// transaction: the body holds `LINK_MARKER`, the link itself is sealed under the master
/// key for the email's id and put in only when the mailer sends it.
pub(crate) async fn queue_with_link(
    work: &mut crate::work::Work,
    services: &Services,
    merchant_id: Uuid,
    kind: &'static str,
    recipient: &str,
    content: &kyc_core::email::EmailContent,
    url: &str,
) -> Result<(), ServiceError> {
    let email_id = Uuid::new_v4();
    let sealed = services.seal(&invitation_label(email_id), url.as_bytes())?;
    let email = kyc_db::outbox::NewEmail {
        id: email_id,
        merchant_id,
        journey_id: None,
        kind,
        recipient,
        content,
        sealed_link: Some(&sealed),
    };
    kyc_db::outbox::enqueue(&mut work.tx, &email, work.now).await?;
    Ok(())
}

/// A fresh token (32 random bytes) and the URL that carries it.
fn new_link(services: &Services) -> (LinkToken, String) {
    let token = new_token();
    let url = format!("{}/k/{}", services.public_url, token.encode());
    (token, url)
}

/// The invitation to queue when the link is to be emailed: the link sealed under the master
/// key for a new email id (the database never holds it in the clear).
fn invitation(
    services: &Services,
    send: bool,
    url: &str,
) -> Result<Option<Invitation>, ServiceError> {
    if !send {
        return Ok(None);
    }
    let email_id = Uuid::new_v4();
    let sealed_link = services.seal(&invitation_label(email_id), url.as_bytes())?;
    Ok(Some(Invitation {
        email_id,
        sealed_link,
    }))
}
