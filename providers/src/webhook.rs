//! Signed provider webhooks: the signature is an HMAC-SHA256, keyed with the shared
//! webhook secret, over the timestamp header followed by the raw request body (exactly the
//! bytes received, never a re-serialisation), base64-encoded. Stale timestamps are refused
//! so that a captured webhook cannot be replayed later.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How far a webhook's timestamp may be from now.
pub const MAX_SKEW_SECONDS: i64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error("the webhook signature is missing or malformed")]
    Malformed,
    #[error("the webhook signature does not match its body")]
    BadSignature,
    #[error("the webhook timestamp is too old or in the future")]
    Stale,
}

fn mac(secret: &[u8], timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(timestamp.as_bytes());
    mac.update(body);
    mac
}

/// The signature a provider puts in its webhook's header.
pub fn sign(secret: &[u8], timestamp: &str, body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(mac(secret, timestamp, body).finalize().into_bytes())
}

/// Checks a webhook: the timestamp (Unix seconds) within [`MAX_SKEW_SECONDS`] of `now`,
/// and the signature, compared in constant time.
pub fn verify(
    secret: &[u8],
    timestamp: &str,
    body: &[u8],
    signature: &str,
    now: i64,
) -> Result<(), WebhookError> {
    let at: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| WebhookError::Malformed)?;
    let expected = base64::engine::general_purpose::STANDARD
        .decode(signature.trim())
        .map_err(|_| WebhookError::Malformed)?;
    mac(secret, timestamp, body)
        .verify_slice(&expected)
        .map_err(|_| WebhookError::BadSignature)?;
    if (now - at).abs() > MAX_SKEW_SECONDS {
        return Err(WebhookError::Stale);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"webhook-secret";
    const BODY: &[u8] =
        br#"{"reference_id":"r-1","account_status":"VALID","name_at_bank":"ASHA RAO"}"#;

    #[test]
    fn a_signed_body_verifies_and_any_change_is_caught() {
        let now = 1_800_000_000;
        let ts = now.to_string();
        let signature = sign(SECRET, &ts, BODY);
        assert_eq!(verify(SECRET, &ts, BODY, &signature, now), Ok(()));
        let tampered =
            br#"{"reference_id":"r-1","account_status":"VALID","name_at_bank":"ASHA RAJ"}"#;
        assert_eq!(
            verify(SECRET, &ts, tampered, &signature, now),
            Err(WebhookError::BadSignature)
        );
        // The same JSON with other whitespace is another body: the raw bytes are signed.
        let respaced =
            br#"{"reference_id": "r-1","account_status":"VALID","name_at_bank":"ASHA RAO"}"#;
        assert_eq!(
            verify(SECRET, &ts, respaced, &signature, now),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            verify(b"other-secret", &ts, BODY, &signature, now),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            verify(SECRET, &(now + 1).to_string(), BODY, &signature, now),
            Err(WebhookError::BadSignature)
        );
        assert_eq!(
            verify(SECRET, &ts, BODY, "not base64!", now),
            Err(WebhookError::Malformed)
        );
        assert_eq!(
            verify(SECRET, "yesterday", BODY, &signature, now),
            Err(WebhookError::Malformed)
        );
    }

    #[test]
    fn an_old_webhook_cannot_be_replayed() {
        let then = 1_800_000_000;
        let ts = then.to_string();
        let signature = sign(SECRET, &ts, BODY);
        assert_eq!(
            verify(SECRET, &ts, BODY, &signature, then + MAX_SKEW_SECONDS),
            Ok(())
        );
        assert_eq!(
            verify(SECRET, &ts, BODY, &signature, then + MAX_SKEW_SECONDS + 1),
            Err(WebhookError::Stale)
        );
    }
}
