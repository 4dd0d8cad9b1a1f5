//! Encrypted document storage on top of `object_store` (local directory, S3, or memory).
//!
//! Every object gets its own random 256-bit data key. The data key encrypts the
//! document with AES-256-GCM and is itself wrapped with AES-256-GCM under the
//! master key from configuration. Stored bytes are:
//!
//! ```text
//! "KYC1" | master key id (8) | wrap nonce (12) | wrapped data key (32 + 16 tag)
//!        | data nonce (12) | ciphertext + tag (16)
//! ```
//!
//! Both AES-GCM operations take the object key string as associated data, so
//! an object copied or moved to another key no longer decrypts. The master key
//! id (see [`MasterKey::id`]) tells "configured with the wrong master key"
//! apart from "the object was altered".

mod envelope;
mod keys;

use std::sync::Arc;

use object_store::{path::Path, ObjectStore, PutPayload};

use envelope::Envelope;
pub use keys::{MasterKey, ObjectKey};

/// Why a storage operation failed. Messages never contain key material.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("storage is misconfigured: {0}")]
    BadConfiguration(String),
    #[error(
        "the storage master key is invalid: {0}; it must be 32 random bytes in base64 \
         (e.g. from `openssl rand -base64 32`)"
    )]
    BadKey(&'static str),
    #[error("the object was encrypted under a different master key")]
    WrongMasterKey,
    #[error("the object is corrupt, was altered, or belongs to another key")]
    Tampered,
    #[error("no such object")]
    NotFound,
    #[error("the document is too large to encrypt")]
    TooLarge,
    #[error("storage backend failed: {0}")]
    Backend(#[from] object_store::Error),
}

/// Encrypting document store; cheap to clone, safe to share between tasks.
#[derive(Clone)]
pub struct DocumentStore {
    backend: Arc<dyn ObjectStore>,
    envelope: Arc<Envelope>,
}

impl std::fmt::Debug for DocumentStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DocumentStore({})", self.backend)
    }
}

impl DocumentStore {
    /// `url`: `file:///abs/dir` or a plain directory path (created if missing),
    /// `memory:` (tests), or `s3://bucket/prefix` with credentials, region and
    /// endpoint from the usual `AWS_*` environment variables.
    pub fn open(url: &str, key: MasterKey) -> Result<Self, StorageError> {
        let backend: Arc<dyn ObjectStore> = if url == "memory:" {
            Arc::new(object_store::memory::InMemory::new())
        } else if let Some(rest) = url.strip_prefix("s3://") {
            // with_url only takes the bucket from the URL; the prefix is applied here.
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let s3 = object_store::aws::AmazonS3Builder::from_env()
                .with_url(format!("s3://{bucket}"))
                .build()
                .map_err(|e| StorageError::BadConfiguration(e.to_string()))?;
            match prefix.trim_matches('/') {
                "" => Arc::new(s3),
                prefix => Arc::new(object_store::prefix::PrefixStore::new(s3, prefix)),
            }
        } else {
            let dir = local_directory(url)?;
            std::fs::create_dir_all(dir)
                .map_err(|e| StorageError::BadConfiguration(format!("cannot create {dir}: {e}")))?;
            // object_store writes each object to a temporary file and renames it into
            // place, so nobody ever reads a partly written object.
            Arc::new(object_store::local::LocalFileSystem::new_with_prefix(dir)?)
        };
        Ok(Self {
            backend,
            envelope: Arc::new(Envelope::new(&key)),
        })
    }

    /// Encrypts and stores `plaintext`, replacing any object under `key`.
    pub async fn put(&self, key: &ObjectKey, plaintext: &[u8]) -> Result<(), StorageError> {
        let sealed = self.envelope.seal(key, plaintext)?;
        self.backend
            .put(&path(key), PutPayload::from(sealed))
            .await?;
        Ok(())
    }

    /// Returns the plaintext only if it decrypts and authenticates under this key.
    /// Encrypts a short secret (an emailed link) under the master key, bound to `label`
    /// (such as `outbox/<email id>`); it is kept in the database, not in object storage.
    pub fn seal_secret(&self, label: &str, plaintext: &[u8]) -> Result<Vec<u8>, StorageError> {
        self.envelope.seal_bound(label.as_bytes(), plaintext)
    }

    /// Opens what [`DocumentStore::seal_secret`] sealed with the same `label`.
    pub fn open_secret(&self, label: &str, sealed: &[u8]) -> Result<Vec<u8>, StorageError> {
        self.envelope.open_bound(label.as_bytes(), sealed)
    }

    pub async fn get(&self, key: &ObjectKey) -> Result<Vec<u8>, StorageError> {
        let fetched = self.backend.get(&path(key)).await.map_err(not_found)?;
        let sealed = fetched.bytes().await.map_err(not_found)?;
        self.envelope.open(key, &sealed)
    }

    /// Removes the object; removing one that is not there also succeeds.
    pub async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        match self.backend.delete(&path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether an object is stored under `key` (its contents are not checked).
    pub async fn exists(&self, key: &ObjectKey) -> Result<bool, StorageError> {
        match self.backend.head(&path(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}

fn local_directory(url: &str) -> Result<&str, StorageError> {
    match url.strip_prefix("file://") {
        Some(path) if path.starts_with('/') => Ok(path),
        Some(_) => Err(StorageError::BadConfiguration(
            "a file:// URL needs an absolute path".into(),
        )),
        None if url.contains("://") => Err(StorageError::BadConfiguration(
            "only file://, s3:// and memory: storage URLs are supported".into(),
        )),
        None => Ok(url),
    }
}

fn path(key: &ObjectKey) -> Path {
    Path::from(key.as_str())
}

fn not_found(error: object_store::Error) -> StorageError {
    match error {
        object_store::Error::NotFound { .. } => StorageError::NotFound,
        other => StorageError::Backend(other),
    }
}

#[cfg(test)]
mod tests;

impl kyc_service::Sealer for DocumentStore {
    fn seal(
        &self,
        label: &str,
        plaintext: &[u8],
    ) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
        Ok(self.seal_secret(label, plaintext)?)
    }

    fn open(
        &self,
        label: &str,
        sealed: &[u8],
    ) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
        Ok(self.open_secret(label, sealed)?)
    }
}
