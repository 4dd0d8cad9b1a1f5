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
    // abs_diff: a timestamp at the edge of i64 is stale, not an overflow.
    if now.abs_diff(at) > MAX_SKEW_SECONDS.unsigned_abs() {
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

    /// Found while writing the fuzz target (which finds it too when the fix is undone):
    /// `now - at` overflowed for a signed timestamp far from now (a panic in debug builds;
    /// in release, a timestamp 2^63 seconds away wrapped to i64::MIN, whose `abs` is
    /// negative: fresh). Only the holder of the secret could send one.
    #[test]
    fn a_timestamp_at_the_edge_of_i64_is_stale_not_a_crash() {
        let now: i64 = 1_800_000_000;
        for at in [i64::MIN, i64::MAX, now.wrapping_add(i64::MIN)] {
            let ts = at.to_string();
            let signature = sign(SECRET, &ts, BODY);
            assert_eq!(
                verify(SECRET, &ts, BODY, &signature, now),
                Err(WebhookError::Stale),
                "{ts}"
            );
        }
        let signature = sign(SECRET, "0", BODY);
        assert_eq!(
            verify(SECRET, "0", BODY, &signature, i64::MIN),
            Err(WebhookError::Stale)
        );
    }

    /// Fuzzing (see `kyc-fuzz`): timestamps, bodies, signatures and clocks mutated from a
    /// genuine webhook. Verification never panics, and accepts only a signature that is the
    /// HMAC of exactly that timestamp and body, within the skew.
    #[test]
    fn fuzz_bank_webhook_verifier() {
        use kyc_fuzz::proptest::prelude::*;
        use kyc_fuzz::{run, Corpus};

        let now: i64 = 1_800_000_000;
        let ts = now.to_string();
        let genuine = sign(SECRET, &ts, BODY);
        let numbers = [
            "0",
            "-0",
            "+1",
            "1800000000",
            "1800000300",
            "1799999700",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            " ",
            "\t",
            "e3",
            "1.5",
        ];
        let text = |seed: &str| {
            Corpus::new(vec![seed.as_bytes().to_vec()], 128)
                .with_tokens(&numbers)
                .mutated()
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        let body = Corpus::new(vec![BODY.to_vec()], 256)
            .with_tokens(&["\"", "{", "}", ",", ":", "VALID", "INVALID"])
            .mutated();
        // A signature mutated from the genuine one, or (None) the one the holder of the
        // secret makes for whatever timestamp and body were sent.
        let signature = prop_oneof![
            Corpus::new(vec![genuine.into_bytes()], 128)
                .with_tokens(&["=", "==", "+", "/", "-", "_", " ", "A"])
                .mutated()
                .prop_map(|b| Some(String::from_utf8_lossy(&b).into_owned())),
            Just(None),
        ];
        let clock = prop_oneof![
            Just(now),
            (now - 400)..(now + 400),
            any::<i64>(),
            Just(i64::MIN),
            Just(i64::MAX),
        ];
        let secret = prop_oneof![4 => Just(SECRET.to_vec()), 1 => any::<Vec<u8>>()];
        let input = (secret, text(&ts), body, signature, clock);
        run(
            "bank webhook",
            input,
            |(secret, ts, body, signature, now)| {
                let signature = signature.unwrap_or_else(|| sign(&secret, &ts, &body));
                if verify(&secret, &ts, &body, &signature, now).is_ok() {
                    let at: i64 = ts
                        .trim()
                        .parse()
                        .expect("an accepted timestamp is a number");
                    prop_assert!(now.abs_diff(at) <= 300, "accepted {ts} at {now}");
                    prop_assert_eq!(signature.trim(), sign(&secret, &ts, &body));
                }
                Ok(())
            },
        );
    }
}
