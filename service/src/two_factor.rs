//! TOTP (RFC 6238, `totp-rs`: SHA-1, six digits, 30-second steps, one step of drift either
//! way) and recovery codes: checking a code at sign-in, and the secret's sealing.

use rand::RngCore;
use sha2::{Digest, Sha256};
use totp_rs::{Builder, Totp};
use uuid::Uuid;

use crate::error::ServiceError;
use crate::work::Work;
use crate::Services;

/// How many recovery codes an enrolment gives.
pub(crate) const RECOVERY_CODES: usize = 10;

/// The label a user's TOTP secret is sealed under: bound to the user.
pub(crate) fn label(user_id: Uuid) -> String {
    format!("totp/{user_id}")
}

/// The TOTP of `secret` for `account` (shown in authenticator apps under the issuer).
pub(crate) fn totp(secret: Vec<u8>, account: &str) -> Result<Totp, ServiceError> {
    Builder::new()
        .with_secret(secret)
        .with_skew(1)
        .with_issuer(Some("KYC"))
        .with_account_name(account)
        .build()
        .map_err(|e| ServiceError::internal(std::io::Error::other(e.to_string())))
}

/// A new random secret (160 bits, as RFC 4226 recommends).
pub(crate) fn new_secret() -> Vec<u8> {
    let mut secret = vec![0; 20];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    secret
}

/// The time step a six-digit `code` matches now, if any.
pub(crate) fn matching_step(totp: &Totp, code: &str) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = u64::try_from(time::OffsetDateTime::now_utc().unix_timestamp()).ok()?;
    totp.check(&code, now)
        .and_then(|step| i64::try_from(step).ok())
}

/// New recovery codes (`xxxx-xxxx-xxxx-xxxx`, 80 random bits each) and their SHA-256.
pub(crate) fn recovery_codes() -> (Vec<String>, Vec<[u8; 32]>) {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let chars: Vec<char> = bytes
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
            .collect();
        let groups: Vec<String> = chars.chunks(4).map(|g| g.iter().collect()).collect();
        codes.push(groups.join("-"));
    }
    let hashes = codes.iter().map(|c| recovery_hash(c)).collect();
    (codes, hashes)
}

/// The SHA-256 a recovery code is kept as: lower-case, without spaces or dashes.
fn recovery_hash(code: &str) -> [u8; 32] {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Sha256::digest(normal.as_bytes()).into()
}

/// Checks a sign-in's second factor for `user_id` in `work`: a TOTP code of a step not
/// used before, or an unused recovery code (then used up). Returns how it passed.
pub(crate) async fn check(
    work: &mut Work,
    services: &Services,
    user_id: Uuid,
    code: &str,
) -> Result<Option<&'static str>, ServiceError> {
    let Some(secret) = kyc_db::staff::two_factor::secret(&mut work.tx, user_id).await? else {
        return Ok(None);
    };
    if !secret.enabled {
        return Ok(None);
    }
    let totp = totp(services.open(&label(user_id), &secret.sealed)?, "")?;
    if let Some(step) = matching_step(&totp, code) {
        let fresh = kyc_db::staff::two_factor::accept_step(&mut work.tx, user_id, step).await?;
        return Ok(fresh.then_some("totp"));
    }
    let hash = recovery_hash(code);
    let used = kyc_db::staff::two_factor::use_recovery_code(&mut work.tx, user_id, &hash, work.now)
        .await?;
    Ok(used.then_some("recovery_code"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_own_step_only_and_malformed_codes_never() {
        let totp = totp(vec![7; 20], "riya@acme.test").unwrap();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let code = totp.generate(u64::try_from(now).unwrap()).to_string();
        assert_eq!(matching_step(&totp, &code), Some(now / 30));
        let old = totp.generate(u64::try_from(now - 600).unwrap()).to_string();
        assert_eq!(matching_step(&totp, &old), None, "ten minutes old");
        assert_eq!(matching_step(&totp, "12345"), None);
        assert_eq!(matching_step(&totp, "abcdef"), None);
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_kept_as_hashes_of_their_normal_form() {
        let (codes, hashes) = recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        assert_eq!(codes[0].len(), 19);
        assert_eq!(
            recovery_hash(&codes[0].to_uppercase().replace('-', " ")),
            hashes[0]
        );
    }
}
