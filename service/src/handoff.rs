//! Continuing a journey on another device. A customer who opened their link on a computer
//! asks for a code; the phone that scans it carries on with the same journey, in a session
//! of its own. The code is not the link: it works once, for [`LIFETIME`], and only while the
//! link it was made under is still the journey's (a resend or a withdrawal ends it).

use kyc_core::link::{LinkToken, TokenHash};
use kyc_core::views::Handoff;
use kyc_db::journeys::{self, handoffs};
use kyc_db::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::{Actor, ServiceError, Services};

/// How long a hand-off code works.
pub const LIFETIME: Duration = Duration::minutes(10);

/// A new code for the customer's own journey, replacing any earlier one. The journey must
/// be open (the caller's actor comes from an open journey's session).
pub async fn start(services: &Services, actor: &Actor) -> Result<Handoff, ServiceError> {
    let journey_id = actor.journey()?;
    let link = journeys::customer_link(&services.db, journey_id).await?;
    let token = crate::links::new_token();
    let now = OffsetDateTime::now_utc();
    let expires_at = now + LIFETIME;
    handoffs::create(
        &services.db,
        journey_id,
        &token.hash(),
        &link.token_hash,
        now,
        expires_at,
    )
    .await?;
    let url = format!("{}/h/{}", services.public_url, token.encode());
    let qr = crate::qr::svg_data_url(&url)?;
    Ok(Handoff {
        url,
        qr,
        expires_at,
    })
}

/// Whether the customer's latest code has been used.
pub async fn used(services: &Services, actor: &Actor) -> Result<bool, ServiceError> {
    let journey_id = actor.journey()?;
    Ok(handoffs::used(&services.db, journey_id).await?)
}

/// What a scanned code opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redemption {
    /// The journey, to be opened in the scanning browser's session with its current link.
    Journey {
        journey_id: Uuid,
        merchant_id: Uuid,
        link: TokenHash,
    },
    /// The journey's link was withdrawn since the code was made.
    Withdrawn,
    /// Malformed, unknown, used, past its time, or made under an older link.
    Invalid,
}

/// Uses the code `raw` (the address's last part) at `now`. A code is spent by this call
/// whatever follows, so a second scan of the same code is always `Invalid`.
pub async fn redeem(
    db: &PgPool,
    raw: &str,
    now: OffsetDateTime,
) -> Result<Redemption, ServiceError> {
    let Ok(token) = LinkToken::parse(raw) else {
        return Ok(Redemption::Invalid);
    };
    let Some(used) = handoffs::redeem(db, &token.hash(), now).await? else {
        return Ok(Redemption::Invalid);
    };
    let link = journeys::customer_link(db, used.journey_id).await?;
    if link.token_hash != used.link_token_hash {
        return Ok(Redemption::Invalid);
    }
    if link.revoked {
        return Ok(Redemption::Withdrawn);
    }
    Ok(Redemption::Journey {
        journey_id: used.journey_id,
        merchant_id: used.merchant_id,
        link: link.token_hash,
    })
}
