//! A merchant's settings (admins, the ManageSettings permission): brand colours and logo,
//! the name-match bands and the screening thresholds. Each change and its audit entry
//! commit together.

use kyc_core::access::Permission;
use kyc_core::bank::{NameBands, NameBandsForm};
use kyc_core::branding::BrandColours;
use kyc_core::screening::{Thresholds, ThresholdsForm};
use serde_json::json;

use crate::{Actor, Authorized, ServiceError, Services, Work};

/// Writes the change's audit entry about the merchant itself and commits.
async fn audited(
    mut work: Work,
    actor: &Actor,
    by: Authorized,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), ServiceError> {
    work.audit(
        actor,
        by,
        action,
        ("merchant", Some(by.merchant_id)),
        detail,
    )
    .await?;
    work.commit().await?;
    tracing::info!(merchant.id = %by.merchant_id, actor = %actor.log_id(), action, "settings changed");
    Ok(())
}

/// Sets the primary and accent colours. A colour that would break WCAG AA contrast is
/// refused with the reason and the nearest shade that passes.
pub async fn set_colours(
    services: &Services,
    actor: &Actor,
    primary: &str,
    accent: &str,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let colours = BrandColours::parse(primary, accent).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    kyc_db::merchants::set_colours(&mut *work.tx, by.merchant_id, &colours).await?;
    let detail = json!({
        "primary_colour": colours.primary.as_str(),
        "accent_colour": colours.accent.as_str(),
    });
    audited(work, actor, by, "branding.colours_changed", detail).await
}

/// A logo the server has already cleaned (re-encoded or sanitised) and sized.
#[derive(Debug, Clone, Copy)]
pub struct CleanLogo<'a> {
    pub bytes: &'a [u8],
    pub content_type: &'a str,
}

/// Replaces the merchant's logo.
pub async fn set_logo(
    services: &Services,
    actor: &Actor,
    logo: CleanLogo<'_>,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let mut work = services.begin().await?;
    kyc_db::merchants::set_logo(&mut *work.tx, by.merchant_id, logo.bytes, logo.content_type)
        .await?;
    let detail = json!({ "content_type": logo.content_type, "bytes": logo.bytes.len() });
    audited(work, actor, by, "branding.logo_changed", detail).await
}

/// Removes the merchant's logo (the journey then shows the merchant's name only).
pub async fn remove_logo(services: &Services, actor: &Actor) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let mut work = services.begin().await?;
    kyc_db::merchants::remove_logo(&mut *work.tx, by.merchant_id).await?;
    audited(work, actor, by, "branding.logo_removed", json!({})).await
}

/// The merchant's name-match bands and the defaults beside them.
pub async fn name_bands(
    services: &Services,
    actor: &Actor,
) -> Result<(NameBands, NameBands), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let current = kyc_db::checks::name_bands(&services.db, by.merchant_id).await?;
    Ok((current, NameBands::default()))
}

/// The merchant's screening thresholds and the defaults beside them.
pub async fn thresholds(
    services: &Services,
    actor: &Actor,
) -> Result<(Thresholds, Thresholds), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let current = kyc_db::screening::thresholds(&services.db, by.merchant_id).await?;
    Ok((current, Thresholds::default()))
}

/// Sets how closely names must match (at the bank, on Aadhaar) to pass or fail.
pub async fn set_name_bands(
    services: &Services,
    actor: &Actor,
    form: NameBandsForm<'_>,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let bands = NameBands::try_from(form).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    kyc_db::checks::set_name_bands(&mut *work.tx, by.merchant_id, bands).await?;
    let detail = json!({ "pass_from": bands.pass_from, "fail_to": bands.fail_to });
    audited(work, actor, by, "settings.name_match_bands", detail).await
}

/// Sets where a name becomes a possible match and where a strong one.
pub async fn set_thresholds(
    services: &Services,
    actor: &Actor,
    form: ThresholdsForm<'_>,
) -> Result<(), ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let thresholds = Thresholds::try_from(form).map_err(ServiceError::Invalid)?;
    let mut work = services.begin().await?;
    kyc_db::screening::set_thresholds(&mut *work.tx, by.merchant_id, thresholds).await?;
    let detail = json!({ "review": thresholds.review, "confirm": thresholds.confirm });
    audited(work, actor, by, "settings.screening_thresholds", detail).await
}

/// Sets the time zone the merchant's staff read times in: an IANA name (`Asia/Kolkata`,
/// `Europe/London`), kept and returned as the time zone database spells it.
pub async fn set_time_zone(
    services: &Services,
    actor: &Actor,
    time_zone: &str,
) -> Result<String, ServiceError> {
    let by = actor.authorize(Permission::ManageSettings)?;
    let zone = time_zone_name(time_zone)
        .map_err(|e| ServiceError::Invalid(kyc_core::FieldErrors(vec![e])))?;
    let mut work = services.begin().await?;
    kyc_db::merchants::set_time_zone(&mut *work.tx, by.merchant_id, &zone).await?;
    let detail = json!({ "time_zone": zone });
    audited(work, actor, by, "settings.time_zone", detail).await?;
    Ok(zone)
}

/// `text` as a time zone the database knows, by its own spelling (`asia/kolkata` is
/// `Asia/Kolkata`); a fixed offset or an unknown place is refused.
fn time_zone_name(text: &str) -> Result<String, kyc_core::FieldError> {
    let text = text.trim();
    let refused = || {
        kyc_core::FieldError::new(
            "time_zone",
            "is not a time zone of the IANA database (for example Asia/Kolkata)",
        )
    };
    if text.is_empty() || text.len() > 64 {
        return Err(refused());
    }
    let zone = jiff::tz::db().get(text).map_err(|_| refused())?;
    zone.iana_name().map(str::to_owned).ok_or_else(refused)
}

#[cfg(test)]
mod tests {
    use super::time_zone_name;

    #[test]
    fn time_zones_are_iana_names_spelled_as_the_database_does() {
        assert_eq!(
            time_zone_name("Asia/Kolkata").as_deref(),
            Ok("Asia/Kolkata")
        );
        assert_eq!(
            time_zone_name(" asia/kolkata ").as_deref(),
            Ok("Asia/Kolkata")
        );
        assert_eq!(
            time_zone_name("Europe/London").as_deref(),
            Ok("Europe/London")
        );
        for bad in [
            "",
            "IST+5:30",
            "Mars/Olympus_Mons",
            "../../etc/passwd",
            "+05:30",
        ] {
            assert!(time_zone_name(bad).is_err(), "{bad}");
        }
    }
}
