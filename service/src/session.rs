//! Who is behind a browser session: the signed-in staff member, or the customer whose link
//! opened it. Both front doors (server functions and the server's own handlers) ask here.

use kyc_core::access::Permission;
use kyc_core::link::TokenHash;
use kyc_core::rules::JourneyRule;
use kyc_core::views::StaffMember;
use kyc_db::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use crate::actor::{Actor, StaffActor};
use crate::error::{Denied, ServiceError};

pub(crate) const STAFF_USER: &str = "staff.user";
pub(crate) const STAFF_MERCHANT: &str = "staff.merchant";
/// When the staff member signed in (Unix seconds).
pub(crate) const STAFF_SINCE: &str = "staff.since";
/// The user's session epoch at sign-in: a password reset or change moves the user's epoch
/// on, which ends this session.
pub(crate) const STAFF_EPOCH: &str = "staff.epoch";
/// A sign-in whose password was right, waiting for the second factor: (user, merchant,
/// epoch, Unix seconds when the password was checked).
pub(crate) const STAFF_PENDING: &str = "staff.pending";
/// How long the second factor may take after the password.
pub(crate) const SECOND_FACTOR_WINDOW: i64 = 5 * 60;

/// How long a staff sign-in lasts however active the session is (the session store also
/// ends it after 8 idle hours).
pub const STAFF_SESSION_LIFETIME: time::Duration = time::Duration::hours(12);

/// Whether a staff sign-in made at `since` (Unix seconds; `None` for a session from before
/// sign-in times were kept) has outlived [`STAFF_SESSION_LIFETIME`] at `now`.
pub fn staff_sign_in_expired(since: Option<i64>, now: time::OffsetDateTime) -> bool {
    since.is_none_or(|since| now.unix_timestamp() - since >= STAFF_SESSION_LIFETIME.whole_seconds())
}
const JOURNEY_ID: &str = "journey.id";
const JOURNEY_TOKEN: &str = "journey.token";
/// A link opened while the browser held another open journey, until the customer says
/// whether to switch: (journey, merchant, token hash in hex).
const JOURNEY_PENDING: &str = "journey.pending";

/// The signed-in staff member behind `session`, if any, still enabled and still a member of
/// the merchant.
pub async fn staff_member(
    session: &Session,
    db: &PgPool,
) -> Result<Option<StaffMember>, ServiceError> {
    let user: Option<Uuid> = session.get(STAFF_USER).await?;
    let merchant: Option<Uuid> = session.get(STAFF_MERCHANT).await?;
    let (Some(user), Some(merchant)) = (user, merchant) else {
        return Ok(None);
    };
    let since: Option<i64> = session.get(STAFF_SINCE).await?;
    if staff_sign_in_expired(since, time::OffsetDateTime::now_utc()) {
        session.flush().await?;
        return Ok(None);
    }
    let epoch: i32 = session.get(STAFF_EPOCH).await?.unwrap_or(0);
    Ok(kyc_db::staff::member(db, user, merchant, epoch).await?)
}

/// The signed-in member behind `session` for their own account's pages (security, password),
/// which answer even while the merchant's policy waits for their second factor.
pub async fn account_member(session: &Session, db: &PgPool) -> Result<StaffMember, ServiceError> {
    staff_member(session, db)
        .await?
        .ok_or(ServiceError::Unauthenticated)
}

/// The account signed in on `session` (whatever the merchant's policy) and the epoch its
/// session was signed in under.
pub(crate) async fn signed_in_account(
    session: &Session,
    db: &PgPool,
) -> Result<Option<(Uuid, i32)>, ServiceError> {
    let Some(member) = staff_member(session, db).await? else {
        return Ok(None);
    };
    let epoch: i32 = session.get(STAFF_EPOCH).await?.unwrap_or(0);
    Ok(Some((member.user_id, epoch)))
}

/// [`staff_member`], required, and past the merchant's two-factor policy:
/// `Unauthenticated` without a staff session, `TwoFactorRequired` while the policy asks
/// for a second factor this member has not set up.
async fn working_member(session: &Session, db: &PgPool) -> Result<StaffMember, ServiceError> {
    let member = staff_member(session, db)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    if member.must_set_up_two_factor {
        return Err(ServiceError::TwoFactorRequired);
    }
    Ok(member)
}

/// The staff actor behind `session`, acting in the request `request_id`:
/// `Unauthenticated` without one, `TwoFactorRequired` while the merchant's policy waits
/// for their second factor.
pub async fn staff_actor(
    session: &Session,
    db: &PgPool,
    request_id: Option<String>,
) -> Result<Actor, ServiceError> {
    let member = working_member(session, db).await?;
    Ok(Actor::Staff(StaffActor {
        user_id: member.user_id,
        merchant_id: member.merchant_id,
        role: member.role,
        request_id,
    }))
}

/// [`staff_member`] holding `permission`: `Unauthenticated` without a staff session,
/// `TwoFactorRequired` as [`staff_actor`], `Forbidden` without the permission.
pub async fn staff_with(
    session: &Session,
    db: &PgPool,
    permission: Permission,
) -> Result<StaffMember, ServiceError> {
    let member = working_member(session, db).await?;
    if !member.role.allows(permission) {
        return Err(ServiceError::Forbidden(Denied { permission }));
    }
    Ok(member)
}

/// What opening a valid link did to the browser's session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkOpened {
    /// The session now holds the link's journey.
    Started,
    /// The browser already holds another open journey: nothing changed yet, the customer is
    /// asked first ([`switch_to_pending`], a POST under the cross-site check), so a forced
    /// navigation cannot swap their journey for someone else's.
    AskFirst,
}

/// Opens the link of `journey_id` (of `merchant_id`) in the session, unless the session holds
/// another journey that is still open: that is kept, and the new link waits for the
/// customer's answer.
pub async fn open_link(
    session: &Session,
    db: &PgPool,
    journey_id: Uuid,
    merchant_id: Uuid,
    token: &TokenHash,
) -> Result<LinkOpened, ServiceError> {
    match customer_standing(session, db).await {
        Ok((current, Standing::Open)) if current != journey_id => {
            let pending = (journey_id, merchant_id, hex(&token.0));
            session.insert(JOURNEY_PENDING, pending).await?;
            Ok(LinkOpened::AskFirst)
        }
        _ => {
            start_customer_session(session, journey_id, token).await?;
            Ok(LinkOpened::Started)
        }
    }
}

/// Switches the session to the link opened last (after the customer confirmed), under a
/// new session id, and opens that journey (its first opening moves it on, as at
/// `/k/{token}`). `LinkInvalid` when none waits.
pub async fn switch_to_pending(session: &Session, db: &PgPool) -> Result<(), ServiceError> {
    let pending: Option<(Uuid, Uuid, String)> = session.remove(JOURNEY_PENDING).await?;
    let Some((journey_id, merchant_id, token)) = pending else {
        return Err(ServiceError::LinkInvalid);
    };
    session.cycle_id().await?;
    session.insert(JOURNEY_ID, journey_id).await?;
    session.insert(JOURNEY_TOKEN, token).await?;
    let now = time::OffsetDateTime::now_utc();
    kyc_db::journeys::open(db, merchant_id, journey_id, now).await?;
    Ok(())
}

/// Stores a freshly opened link in the session, under a new session id.
async fn start_customer_session(
    session: &Session,
    journey_id: Uuid,
    token: &TokenHash,
) -> Result<(), ServiceError> {
    session.cycle_id().await?;
    session.insert(JOURNEY_ID, journey_id).await?;
    session.insert(JOURNEY_TOKEN, hex(&token.0)).await?;
    Ok(())
}

/// How far the customer behind a session may still go with their journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Created or in progress: theirs to work on (the journey's rules still decide each
    /// change).
    Open,
    /// Completed, rejected or expired: they may read its status and the comments meant for
    /// them, but add nothing and see none of its files again.
    Ended,
}

/// The journey of the customer behind `session` and how far they may go with it. The
/// session must have been opened with the journey's current link (a resend, which rotates
/// the token, ends older sessions; [`ServiceError::LinkInvalid`]); a withdrawn link ends
/// every session opened with it ([`ServiceError::LinkWithdrawn`]).
pub async fn customer_standing(
    session: &Session,
    db: &PgPool,
) -> Result<(Uuid, Standing), ServiceError> {
    let journey: Option<Uuid> = session.get(JOURNEY_ID).await?;
    let token: Option<String> = session.get(JOURNEY_TOKEN).await?;
    let (Some(journey), Some(token)) = (journey, token) else {
        return Err(ServiceError::LinkInvalid);
    };
    let link = kyc_db::journeys::customer_link(db, journey).await?;
    if hex(&link.token_hash.0) != token {
        return Err(ServiceError::LinkInvalid);
    }
    if link.revoked {
        return Err(ServiceError::LinkWithdrawn);
    }
    let standing = if link.state.is_terminal() {
        Standing::Ended
    } else {
        Standing::Open
    };
    Ok((journey, standing))
}

/// The journey of the customer behind `session`, while it is open: everything but reading
/// an ended journey's status goes through here, so an ended journey's customer adds nothing
/// and downloads none of its files ([`JourneyRule::Ended`]).
pub async fn customer_journey(session: &Session, db: &PgPool) -> Result<Uuid, ServiceError> {
    match customer_standing(session, db).await? {
        (journey, Standing::Open) => Ok(journey),
        (_, Standing::Ended) => Err(ServiceError::Refused(JourneyRule::Ended.into())),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::{staff_sign_in_expired, STAFF_SESSION_LIFETIME};
    use time::{Duration, OffsetDateTime};

    #[test]
    fn a_staff_sign_in_ends_after_twelve_hours_however_active() {
        let now = OffsetDateTime::now_utc();
        let at = |ago: Duration| Some((now - ago).unix_timestamp());
        assert!(!staff_sign_in_expired(at(Duration::hours(11)), now));
        assert!(staff_sign_in_expired(at(STAFF_SESSION_LIFETIME), now));
        assert!(staff_sign_in_expired(at(Duration::hours(13)), now));
        assert!(
            staff_sign_in_expired(None, now),
            "a session without a sign-in time"
        );
    }
}
