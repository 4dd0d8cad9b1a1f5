//! Standard Webhooks signatures: secrets (`whsec_` + base64 of 32 random bytes), the
//! `webhook-*` headers of a delivery, and [`verify`], the check a merchant's receiver runs.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// How far a delivery's timestamp may be from the receiver's clock.
pub const TOLERANCE_SECONDS: i64 = 5 * 60;

const PREFIX: &str = "whsec_";

/// A signing secret: the key bytes behind `whsec_...`.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The secret is not `whsec_` followed by base64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a webhook secret is whsec_ followed by base64")]
pub struct InvalidSecret;

impl Secret {
    /// A new random secret.
    pub fn generate() -> Secret {
        let mut key = vec![0u8; 32];
        rand::thread_rng().fill_bytes(&mut key);
        Secret(key)
    }

    /// Reads `whsec_<base64>`.
    pub fn parse(text: &str) -> Result<Secret, InvalidSecret> {
        let encoded = text.strip_prefix(PREFIX).ok_or(InvalidSecret)?;
        let key = BASE64.decode(encoded).map_err(|_| InvalidSecret)?;
        if key.is_empty() {
            return Err(InvalidSecret);
        }
        Ok(Secret(key))
    }

    /// The `whsec_...` form shown to the merchant (once) and stored sealed.
    pub fn expose(&self) -> String {
        format!("{PREFIX}{}", BASE64.encode(&self.0))
    }

    /// `v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        format!("v1,{}", BASE64.encode(self.mac(id, timestamp, body)))
    }

    fn mac(&self, id: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.finalize().into_bytes().to_vec()
    }
}

/// The `webhook-signature` value: one `v1,...` entry per secret, space-separated (two
/// during a rotation's overlap, the new secret's first).
pub fn signature_header(secrets: &[Secret], id: &str, timestamp: i64, body: &[u8]) -> String {
    secrets
        .iter()
        .map(|s| s.sign(id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a delivery was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("a webhook-id, webhook-timestamp or webhook-signature header is missing")]
    MissingHeader,
    #[error("webhook-timestamp is not a number of seconds")]
    BadTimestamp,
    #[error("webhook-timestamp is more than five minutes away")]
    TooOld,
    #[error("no signature matches")]
    NoMatch,
}

/// Verifies a delivery as a merchant's receiver would: the headers (by name, any case) and
/// the raw body as received, against the endpoint's secret(s), at `now` (unix seconds).
///
/// ```
/// use kyc_server::webhooks::signing::{verify, Secret};
///
/// let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
/// let body = br#"{"test": 2432232314}"#;
/// let headers = [
///     ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
///     ("webhook-timestamp", "1614265330"),
///     ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
/// ];
/// assert!(verify(&[secret], &headers, body, 1614265330 + 10).is_ok());
/// ```
pub fn verify(
    secrets: &[Secret],
    headers: &[(&str, &str)],
    body: &[u8],
    now: i64,
) -> Result<(), VerifyError> {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .ok_or(VerifyError::MissingHeader)
    };
    let id = header("webhook-id")?;
    let timestamp: i64 = header("webhook-timestamp")?
        .parse()
        .map_err(|_| VerifyError::BadTimestamp)?;
    let signatures = header("webhook-signature")?;
    // abs_diff: a timestamp at the edge of i64 is too old, not an overflow.
    if now.abs_diff(timestamp) > TOLERANCE_SECONDS.unsigned_abs() {
        return Err(VerifyError::TooOld);
    }
    let offered: Vec<Vec<u8>> = signatures
        .split(' ')
        .filter_map(|entry| entry.strip_prefix("v1,"))
        .filter_map(|sig| BASE64.decode(sig).ok())
        .collect();
    let matches = secrets.iter().any(|secret| {
        let expected = secret.mac(id, timestamp, body);
        offered
            .iter()
            .any(|sig| subtle::ConstantTimeEq::ct_eq(sig.as_slice(), expected.as_slice()).into())
    });
    if matches {
        Ok(())
    } else {
        Err(VerifyError::NoMatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1614265330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn secret() -> Secret {
        Secret::parse(SECRET).unwrap()
    }

    fn headers(signature: &str) -> [(&'static str, String); 3] {
        [
            ("webhook-id", ID.to_owned()),
            ("webhook-timestamp", TIMESTAMP.to_string()),
            ("webhook-signature", signature.to_owned()),
        ]
    }

    fn check(signature: &str, now: i64, secrets: &[Secret]) -> Result<(), VerifyError> {
        let owned = headers(signature);
        let borrowed: Vec<(&str, &str)> = owned.iter().map(|(n, v)| (*n, v.as_str())).collect();
        verify(secrets, &borrowed, BODY, now)
    }

    #[test]
    fn signing_the_specs_example_gives_its_known_answer() {
        assert_eq!(secret().sign(ID, TIMESTAMP, BODY), SIGNATURE);
    }

    #[test]
    fn the_specs_example_verifies_within_five_minutes_only() {
        assert_eq!(check(SIGNATURE, TIMESTAMP + 300, &[secret()]), Ok(()));
        assert_eq!(check(SIGNATURE, TIMESTAMP - 300, &[secret()]), Ok(()));
        assert_eq!(
            check(SIGNATURE, TIMESTAMP + 301, &[secret()]),
            Err(VerifyError::TooOld)
        );
    }

    #[test]
    fn a_changed_body_or_another_secret_does_not_verify() {
        let other = Secret::generate();
        assert_eq!(
            check(SIGNATURE, TIMESTAMP, std::slice::from_ref(&other)),
            Err(VerifyError::NoMatch)
        );
        let owned = headers(SIGNATURE);
        let borrowed: Vec<(&str, &str)> = owned.iter().map(|(n, v)| (*n, v.as_str())).collect();
        assert_eq!(
            verify(
                &[secret()],
                &borrowed,
                br#"{"test": 2432232315}"#,
                TIMESTAMP
            ),
            Err(VerifyError::NoMatch)
        );
        // During a rotation either entry may match a receiver's secret.
        let both = signature_header(&[other, secret()], ID, TIMESTAMP, BODY);
        assert!(both.contains(' '));
        assert_eq!(check(&both, TIMESTAMP, &[secret()]), Ok(()));
    }

    #[test]
    fn a_generated_secret_reads_back_from_its_whsec_form() {
        let secret = Secret::generate();
        let text = secret.expose();
        assert!(text.starts_with("whsec_"));
        assert_eq!(Secret::parse(&text).unwrap().0, secret.0);
        assert_eq!(
            Secret::parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap_err(),
            InvalidSecret
        );
        assert_eq!(Secret::parse("whsec_***").unwrap_err(), InvalidSecret);
    }

    /// Found while writing the fuzz target (which finds it too when the fix is undone):
    /// `now - timestamp` overflowed before any signature was checked (a panic in debug
    /// builds; in release a timestamp 2^63 seconds away wrapped to i64::MIN, whose `abs`
    /// is negative, and passed the freshness check).
    #[test]
    fn a_timestamp_at_the_edge_of_i64_is_too_old_not_a_crash() {
        for (timestamp, now) in [
            (i64::MIN, TIMESTAMP),
            (i64::MAX, TIMESTAMP),
            (TIMESTAMP.wrapping_add(i64::MIN), TIMESTAMP),
            (0, i64::MIN),
        ] {
            let signature = secret().sign(ID, timestamp, BODY);
            let headers = [
                ("webhook-id", ID.to_owned()),
                ("webhook-timestamp", timestamp.to_string()),
                ("webhook-signature", signature),
            ];
            let borrowed: Vec<(&str, &str)> =
                headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            assert_eq!(
                verify(&[secret()], &borrowed, BODY, now),
                Err(VerifyError::TooOld),
                "{timestamp} at {now}"
            );
        }
    }

    /// Fuzzing (see `kyc-fuzz`): header names, values, order and repeats, bodies and
    /// clocks mutated from the specification's example. Verification never panics, and
    /// accepts only when one offered `v1,` signature is the HMAC of exactly the id, the
    /// timestamp and the body under one of the secrets, within five minutes.
    #[test]
    fn fuzz_standard_webhooks_verifier() {
        use kyc_fuzz::proptest::collection::vec;
        use kyc_fuzz::proptest::prelude::*;
        use kyc_fuzz::proptest::sample::select;
        use kyc_fuzz::{run, Corpus};

        let text = |seed: &str, tokens: &[&str]| {
            Corpus::new(vec![seed.as_bytes().to_vec()], 160)
                .with_tokens(tokens)
                .mutated()
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        let names = select(vec![
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
            "Webhook-Signature",
            "WEBHOOK-ID",
            "webhook-timestamp ",
            "x-other",
        ]);
        let value = prop_oneof![
            text(ID, &["msg_", ".", " ", ""]),
            text(
                &TIMESTAMP.to_string(),
                &["-", "+", "0", "9223372036854775808", " "]
            ),
            text(
                &format!("{SIGNATURE} v1,{}", BASE64.encode([0u8; 32])),
                &["v1,", "v2,", " ", "=", ",", "v1a,"],
            ),
        ];
        let genuine = || {
            headers(SIGNATURE)
                .into_iter()
                .map(|(n, v)| (n.to_owned(), v))
                .collect::<Vec<_>>()
        };
        let header_set = prop_oneof![
            // The genuine headers with one value mutated.
            (0usize..3, value.clone()).prop_map(move |(i, v)| {
                let mut set = genuine();
                set[i].1 = v;
                set
            }),
            // Any names, any values, in any order, repeated or missing.
            vec((names.prop_map(str::to_owned), value), 0..5),
        ];
        let body = Corpus::new(vec![BODY.to_vec()], 128)
            .with_tokens(&["{", "}", "\"", ":", " "])
            .mutated();
        let clock = prop_oneof![
            Just(TIMESTAMP),
            (TIMESTAMP - 400)..(TIMESTAMP + 400),
            any::<i64>(),
            Just(i64::MIN),
            Just(i64::MAX),
        ];
        let secrets = prop_oneof![
            Just(vec![secret()]),
            Just(vec![Secret::generate(), secret()]),
            Just(vec![]),
        ];
        let input = (secrets, header_set, body, clock);
        run(
            "standard webhooks",
            input,
            |(secrets, headers, body, now)| {
                let borrowed: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(n, v)| (n.as_str(), v.as_str()))
                    .collect();
                if verify(&secrets, &borrowed, &body, now).is_ok() {
                    let get = |name: &str| {
                        borrowed
                            .iter()
                            .find(|(n, _)| n.eq_ignore_ascii_case(name))
                            .map(|(_, v)| v.trim())
                            .expect("an accepted delivery has every header")
                    };
                    let timestamp: i64 = get("webhook-timestamp").parse().expect("a number");
                    prop_assert!(now.abs_diff(timestamp) <= 300);
                    let offered: Vec<&str> = get("webhook-signature").split(' ').collect();
                    prop_assert!(
                        secrets.iter().any(|s| offered
                            .contains(&s.sign(get("webhook-id"), timestamp, &body).as_str())),
                        "accepted without a genuine signature"
                    );
                }
                Ok(())
            },
        );
    }
}
