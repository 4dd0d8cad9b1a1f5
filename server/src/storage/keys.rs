//! The master key from configuration, and the names objects are stored under.

use base64::engine::GeneralPurposeConfig;
use base64::engine::{general_purpose::GeneralPurpose, DecodePaddingMode, Engine};
use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::StorageError;

/// The 256-bit key that wraps every per-object data key. Wiped from memory on drop;
/// its `Debug` output is `MasterKey(..)` and nothing else. A clone is wiped on drop too.
#[derive(Clone)]
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl MasterKey {
    /// Reads exactly 32 bytes written in standard or URL-safe base64, padded or not.
    /// The error never repeats the input.
    pub fn from_base64(s: &str) -> Result<Self, StorageError> {
        let config =
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
        let engines = [
            GeneralPurpose::new(&base64::alphabet::STANDARD, config),
            GeneralPurpose::new(&base64::alphabet::URL_SAFE, config),
        ];
        let decoded = engines
            .iter()
            .find_map(|engine| engine.decode(s.trim()).ok().map(Zeroizing::new))
            .ok_or(StorageError::BadKey("it is not valid base64"))?;
        let bytes: [u8; 32] = decoded
            .as_slice()
            .try_into()
            .map_err(|_| StorageError::BadKey("it does not decode to exactly 32 bytes"))?;
        Ok(Self(Zeroizing::new(bytes)))
    }

    /// A fixed key for development and tests only: the SHA-256 of
    /// `"kyc-platform development master key - never use in production"`.
    /// Anything stored under it is readable by anyone who has this source code.
    pub fn development() -> Self {
        let digest =
            Sha256::digest(b"kyc-platform development master key - never use in production");
        Self(Zeroizing::new(digest.into()))
    }

    /// A key for `purpose` derived from this one (HMAC-SHA256 of the purpose under it), so
    /// that what it keys stays out of reach of whoever holds the database alone.
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.0.as_slice())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Whether this is the published development key (production refuses it).
    pub fn is_development(&self) -> bool {
        *self.0 == *MasterKey::development().0
    }

    /// The first 8 bytes of the SHA-256 of the key: names the key without revealing it.
    pub fn id(&self) -> [u8; 8] {
        let digest = Sha256::digest(self.0.as_slice());
        let mut id = [0; 8];
        id.copy_from_slice(&digest[..8]);
        id
    }

    pub(super) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

/// Where a document lives: `objects/<merchant uuid>/<random v4 uuid>`, both in
/// lowercase simple form. Never derived from anything a customer chose.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObjectKey(String);

impl ObjectKey {
    /// A fresh, unguessable key under the merchant's folder.
    pub fn generate(merchant_id: Uuid) -> Self {
        Self(format!(
            "objects/{}/{}",
            merchant_id.simple(),
            Uuid::new_v4().simple()
        ))
    }

    /// Accepts only strings of exactly the shape [`ObjectKey::generate`] makes.
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split('/');
        let (prefix, merchant, object) = (parts.next()?, parts.next()?, parts.next()?);
        let valid = prefix == "objects"
            && parts.next().is_none()
            && simple_uuid(merchant).is_some()
            && simple_uuid(object).is_some_and(|id| id.get_version_num() == 4);
        valid.then(|| Self(s.to_owned()))
    }

    /// The key as stored in the backend.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A UUID in exactly the form `Uuid::simple` prints: 32 lowercase hex digits.
fn simple_uuid(part: &str) -> Option<Uuid> {
    let canonical =
        part.len() == 32 && part.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    canonical.then(|| Uuid::try_parse(part).ok()).flatten()
}
