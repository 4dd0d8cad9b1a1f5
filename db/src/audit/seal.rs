//! How an entry is sealed: the bytes its hash covers, and the key that hashes them.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The key audit entries are sealed with (HMAC-SHA256), derived from the master key by
/// the server; the database never holds it. Its `Debug` shows nothing.
#[derive(Clone)]
pub struct AuditKey([u8; 32]);

impl AuditKey {
    pub fn new(bytes: [u8; 32]) -> Self {
        AuditKey(bytes)
    }
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(..)")
    }
}

/// Everything an entry's hash covers, as text in a fixed order: every column but the id,
/// the hashes and `keyed`. `detail` is as Postgres prints the stored `jsonb`, `occurred`
/// the time in UTC to the microsecond.
#[derive(Debug, Clone)]
pub(crate) struct Sealed<'a> {
    pub chain: &'a str,
    pub seq: i64,
    pub merchant_id: uuid::Uuid,
    pub journey_id: Option<uuid::Uuid>,
    pub actor_kind: &'a str,
    pub actor_id: Option<uuid::Uuid>,
    pub action: &'a str,
    pub object_kind: &'a str,
    pub object_id: Option<uuid::Uuid>,
    pub detail: &'a str,
    pub request_id: Option<&'a str>,
    pub occurred: &'a str,
}

impl Sealed<'_> {
    fn text(&self) -> String {
        let id = |id: Option<uuid::Uuid>| id.map(|id| id.to_string()).unwrap_or_default();
        [
            self.chain.to_owned(),
            self.seq.to_string(),
            self.merchant_id.to_string(),
            id(self.journey_id),
            self.actor_kind.to_owned(),
            id(self.actor_id),
            self.action.to_owned(),
            self.object_kind.to_owned(),
            id(self.object_id),
            self.detail.to_owned(),
            self.request_id.unwrap_or_default().to_owned(),
            self.occurred.to_owned(),
        ]
        .join("\u{1f}")
    }

    /// The entry's hash after `previous`: keyed with `key`, or (entries from before keyed
    /// hashing) the plain SHA-256 the database computed then.
    pub fn hash(&self, previous: Option<&[u8]>, key: Option<&AuditKey>) -> Vec<u8> {
        let text = self.text();
        let previous = previous.unwrap_or_default();
        match key {
            Some(key) => {
                let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0)
                    .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
                mac.update(previous);
                mac.update(text.as_bytes());
                mac.finalize().into_bytes().to_vec()
            }
            None => {
                let mut hasher = Sha256::new();
                hasher.update(previous);
                hasher.update(text.as_bytes());
                hasher.finalize().to_vec()
            }
        }
    }
}

/// The chain an entry joins: its journey's, or else its merchant's.
pub(crate) fn chain_of(merchant_id: uuid::Uuid, journey_id: Option<uuid::Uuid>) -> String {
    match journey_id {
        Some(journey_id) => format!("journey:{journey_id}"),
        None => format!("merchant:{merchant_id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Sealed<'static> {
        Sealed {
            chain: "merchant:00000000-0000-0000-0000-000000000001",
            seq: 1,
            merchant_id: uuid::Uuid::from_u128(1),
            journey_id: None,
            actor_kind: "admin",
            actor_id: None,
            action: "branding.changed",
            object_kind: "merchant",
            object_id: None,
            detail: "{}",
            request_id: None,
            occurred: "2026-12-03T10:00:00.000000Z",
        }
    }

    #[test]
    fn a_keyed_hash_depends_on_the_key_the_content_and_the_previous_hash() {
        let key = AuditKey::new([7; 32]);
        let other = AuditKey::new([8; 32]);
        let hash = entry().hash(None, Some(&key));
        assert_eq!(hash.len(), 32);
        assert_ne!(hash, entry().hash(None, Some(&other)));
        assert_ne!(hash, entry().hash(None, None), "keyed differs from plain");
        assert_ne!(hash, entry().hash(Some(&[1]), Some(&key)));
        let changed = Sealed {
            action: "branding.removed",
            ..entry()
        };
        assert_ne!(hash, changed.hash(None, Some(&key)));
        assert_eq!(format!("{key:?}"), "AuditKey(..)");
    }
}
