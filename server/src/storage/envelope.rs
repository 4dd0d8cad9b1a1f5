//! The stored byte format: a wrapped per-object data key followed by the document,
//! both sealed with AES-256-GCM and bound to the object key.

use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::rand_core::RngCore;
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::Aes256Gcm;
use zeroize::Zeroizing;

use super::{MasterKey, ObjectKey, StorageError};

const MAGIC: &[u8; 4] = b"KYC1";
const KEY_ID: usize = 8;
const NONCE: usize = 12;
const WRAPPED_KEY: usize = 32 + 16;
/// Bytes before the ciphertext; a sealed document is this plus its length plus a 16-byte tag.
pub(super) const HEADER: usize = MAGIC.len() + KEY_ID + NONCE + WRAPPED_KEY + NONCE;

/// Seals and opens documents under one master key.
pub(super) struct Envelope {
    key_id: [u8; KEY_ID],
    master: Aes256Gcm,
}

impl Envelope {
    pub(super) fn new(master: &MasterKey) -> Self {
        let master_cipher = Aes256Gcm::new(GenericArray::from_slice(master.bytes()));
        Self {
            key_id: master.id(),
            master: master_cipher,
        }
    }

    /// Encrypts `plaintext` under a fresh data key; only `open` with the same
    /// master key and object key gets it back.
    pub(super) fn seal(&self, key: &ObjectKey, plaintext: &[u8]) -> Result<Vec<u8>, StorageError> {
        self.seal_bound(key.as_str().as_bytes(), plaintext)
    }

    /// Encrypts `plaintext` bound to `aad`: only `open_bound` with the same `aad` opens it.
    pub(super) fn seal_bound(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, StorageError> {
        let mut data_key = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(data_key.as_mut_slice());
        let data_cipher = Aes256Gcm::new(GenericArray::from_slice(data_key.as_slice()));
        let wrap_nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let data_nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        // AES-GCM refuses only messages beyond 64 GiB.
        let wrapped = self
            .master
            .encrypt(
                &wrap_nonce,
                Payload {
                    msg: data_key.as_slice(),
                    aad,
                },
            )
            .map_err(|_| StorageError::TooLarge)?;
        let body = data_cipher
            .encrypt(
                &data_nonce,
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .map_err(|_| StorageError::TooLarge)?;

        let mut sealed = Vec::with_capacity(HEADER + body.len());
        for part in [
            &MAGIC[..],
            &self.key_id,
            &wrap_nonce,
            &wrapped,
            &data_nonce,
            &body,
        ] {
            sealed.extend_from_slice(part);
        }
        Ok(sealed)
    }

    /// Returns the plaintext only if every byte is as `seal` wrote it for `key`.
    pub(super) fn open(&self, key: &ObjectKey, sealed: &[u8]) -> Result<Vec<u8>, StorageError> {
        self.open_bound(key.as_str().as_bytes(), sealed)
    }

    /// Returns the plaintext only if every byte is as `seal_bound` wrote it for `aad`.
    pub(super) fn open_bound(&self, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, StorageError> {
        if sealed.len() < HEADER + 16 || !sealed.starts_with(MAGIC) {
            return Err(StorageError::Tampered);
        }
        let (key_id, rest) = sealed[MAGIC.len()..].split_at(KEY_ID);
        if key_id != self.key_id {
            return Err(StorageError::WrongMasterKey);
        }
        let (wrap_nonce, rest) = rest.split_at(NONCE);
        let (wrapped, rest) = rest.split_at(WRAPPED_KEY);
        let (data_nonce, body) = rest.split_at(NONCE);

        let data_key = self
            .master
            .decrypt(
                GenericArray::from_slice(wrap_nonce),
                Payload { msg: wrapped, aad },
            )
            .map(Zeroizing::new)
            .map_err(|_| StorageError::Tampered)?;
        let data_cipher =
            Aes256Gcm::new_from_slice(&data_key).map_err(|_| StorageError::Tampered)?;
        data_cipher
            .decrypt(
                GenericArray::from_slice(data_nonce),
                Payload { msg: body, aad },
            )
            .map_err(|_| StorageError::Tampered)
    }
}
