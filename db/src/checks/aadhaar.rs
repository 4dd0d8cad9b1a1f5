//! What a verified e-Aadhaar said, stored with the check's answer in one transaction, and
//! what other steps read from it.

use kyc_core::checks::AadhaarRecord;
use sqlx::PgPool;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{resolve_in, Resolution};
use crate::DbError;

/// What the customer typed before going to DigiLocker, read back for the comparison.
#[derive(Clone, PartialEq, Eq)]
pub struct Entered {
    pub journey_id: Uuid,
    pub merchant_id: Uuid,
    pub name: String,
    pub date_of_birth: Option<Date>,
}

/// The waiting DigiLocker check `check_id` of `journey_id` and what the customer typed;
/// `NotFound` for any other.
pub async fn entered(db: &PgPool, journey_id: Uuid, check_id: Uuid) -> Result<Entered, DbError> {
    let row = sqlx::query!(
        "SELECT merchant_id, holder_name, entered_dob FROM online_checks
         WHERE id = $1 AND journey_id = $2 AND step_kind = 'digilocker_aadhaar' AND status = 'waiting'",
        check_id,
        journey_id
    )
    .fetch_one(db)
    .await?;
    Ok(Entered {
        journey_id,
        merchant_id: row.merchant_id,
        name: row.holder_name.unwrap_or_default(),
        date_of_birth: row.entered_dob,
    })
}

/// The name the customer's bank holds, when a penny drop of the journey found one.
pub async fn bank_name(db: &PgPool, journey_id: Uuid) -> Result<Option<String>, DbError> {
    Ok(sqlx::query_scalar!(
        "SELECT name_at_bank FROM online_checks
         WHERE journey_id = $1 AND step_kind = 'bank_account' AND name_at_bank IS NOT NULL AND status IN ('passed', 'to_review')
         ORDER BY created_at DESC LIMIT 1",
        journey_id
    )
    .fetch_optional(db)
    .await?
    .flatten())
}

/// Records the check's answer and what the e-Aadhaar said (its photo and signed XML staged
/// as encrypted objects before), attaching its objects; `false` (and nothing stored) when
/// the check was answered already.
pub async fn record_aadhaar(
    db: &PgPool,
    check_id: Uuid,
    record: &AadhaarRecord,
    resolution: &Resolution,
    now: OffsetDateTime,
) -> Result<bool, DbError> {
    let mut tx = db.begin().await?;
    if !resolve_in(&mut tx, check_id, resolution, now).await? {
        return Ok(false);
    }
    sqlx::query!(
        "INSERT INTO aadhaar_records (check_id, merchant_id, journey_id, name, date_of_birth, gender, address, aadhaar_last4,
             photo_object_id, xml_object_id, certificate_fingerprint, verified_at)
         SELECT id, merchant_id, journey_id, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM online_checks WHERE id = $1",
        check_id,
        record.name,
        record.date_of_birth,
        record.gender,
        record.address,
        record.aadhaar_last4,
        record.photo_object_id,
        record.xml_object_id,
        record.certificate_fingerprint,
        now
    )
    .execute(&mut *tx)
    .await?;
    let objects: Vec<Uuid> = [Some(record.xml_object_id), record.photo_object_id]
        .into_iter()
        .flatten()
        .collect();
    let attached = sqlx::query!(
        "UPDATE stored_objects SET state = 'attached', attached_at = $2 WHERE id = ANY($1) AND state = 'staged'",
        &objects,
        now
    )
    .execute(&mut *tx)
    .await?;
    if attached.rows_affected() != objects.len() as u64 {
        return Err(DbError::NotFound);
    }
    tx.commit().await?;
    Ok(true)
}

/// The birth date and gender the journey's verified Aadhaar gave, for screening.
pub async fn identity(
    db: &mut sqlx::PgConnection,
    journey_id: Uuid,
) -> Result<Option<(Date, String)>, DbError> {
    Ok(sqlx::query!(
        "SELECT date_of_birth, gender FROM aadhaar_records WHERE journey_id = $1 ORDER BY verified_at DESC LIMIT 1",
        journey_id
    )
    .fetch_optional(db)
    .await?
    .map(|r| (r.date_of_birth, r.gender)))
}

/// The name on the verified Aadhaar of the journey of bank check `check_id`, if any.
pub async fn aadhaar_name(db: &PgPool, check_id: Uuid) -> Result<Option<String>, DbError> {
    Ok(sqlx::query_scalar!(
        "SELECT r.name FROM aadhaar_records r
         JOIN online_checks bank ON bank.journey_id = r.journey_id
         JOIN online_checks k ON k.id = r.check_id AND k.status IN ('passed', 'to_review')
         WHERE bank.id = $1 ORDER BY r.verified_at DESC LIMIT 1",
        check_id
    )
    .fetch_optional(db)
    .await?)
}

/// Claims the waiting DigiLocker check `check_id` of `journey_id` for its callback; `false`
/// when another callback has claimed it (or it is answered).
pub async fn claim(db: &PgPool, journey_id: Uuid, check_id: Uuid) -> Result<bool, DbError> {
    let claimed = sqlx::query!(
        "UPDATE online_checks SET provider_reference = 'callback:' || id::text
         WHERE id = $1 AND journey_id = $2 AND step_kind = 'digilocker_aadhaar' AND status = 'waiting'
           AND provider_reference IS NULL",
        check_id,
        journey_id
    )
    .execute(db)
    .await?;
    Ok(claimed.rows_affected() == 1)
}
