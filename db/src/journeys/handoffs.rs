//! Hand-off tokens: one journey continued on another device (a QR code on the computer,
//! scanned by the phone). Single-use and short-lived; only the token's hash is stored.

use kyc_core::link::TokenHash;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::DbError;

/// A hand-off that was just used: the journey, its merchant, and the link hash it was made
/// under (the caller checks it is still the journey's link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redeemed {
    pub journey_id: Uuid,
    pub merchant_id: Uuid,
    pub link_token_hash: TokenHash,
}

/// Stores a new hand-off for `journey_id`, replacing any earlier one (used or not).
pub async fn create(
    db: &PgPool,
    journey_id: Uuid,
    token: &TokenHash,
    link: &TokenHash,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<(), DbError> {
    sqlx::query!(
        "INSERT INTO journey_handoffs (token_hash, journey_id, link_token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (journey_id) DO UPDATE SET token_hash = EXCLUDED.token_hash,
             link_token_hash = EXCLUDED.link_token_hash, created_at = EXCLUDED.created_at,
             expires_at = EXCLUDED.expires_at, used_at = NULL",
        &token.0[..],
        journey_id,
        &link.0[..],
        now,
        expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Uses the hand-off `token` at `now`: `None` when it is unknown, already used or past its
/// time. One statement, so two devices racing with the same code cannot both win; it wakes
/// the journey's live streams on commit, so the page that showed the code hears of it.
pub async fn redeem(
    db: &PgPool,
    token: &TokenHash,
    now: OffsetDateTime,
) -> Result<Option<Redeemed>, DbError> {
    let row = sqlx::query!(
        r#"WITH used AS (
             UPDATE journey_handoffs h SET used_at = $2
             FROM journeys j
             WHERE h.token_hash = $1 AND h.used_at IS NULL AND h.expires_at > $2 AND j.id = h.journey_id
             RETURNING h.journey_id, j.merchant_id, h.link_token_hash)
         SELECT journey_id AS "journey_id!", merchant_id AS "merchant_id!",
                link_token_hash AS "link_token_hash!",
                pg_notify('kyc_journey_events', journey_id::text) AS "notified"
         FROM used"#,
        &token.0[..],
        now
    )
    .fetch_optional(db)
    .await?;
    row.map(|row| {
        let link_token_hash = row
            .link_token_hash
            .try_into()
            .map(TokenHash)
            .map_err(|_| DbError::Corrupt("journey_handoffs.link_token_hash"))?;
        Ok(Redeemed {
            journey_id: row.journey_id,
            merchant_id: row.merchant_id,
            link_token_hash,
        })
    })
    .transpose()
}

/// Whether the journey's latest hand-off has been used (the computer's page stops showing
/// its code then).
pub async fn used(db: &PgPool, journey_id: Uuid) -> Result<bool, DbError> {
    let used = sqlx::query_scalar!(
        "SELECT used_at IS NOT NULL AS \"used!\" FROM journey_handoffs WHERE journey_id = $1",
        journey_id
    )
    .fetch_optional(db)
    .await?;
    Ok(used.unwrap_or(false))
}
