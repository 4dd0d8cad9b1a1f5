//! Signed chain heads: each chain's last entry, signed every few minutes and kept in
//! `audit_heads`, and printed by `kyc-server audit heads` for keeping outside the
//! database. Whoever removes entries from the end of a chain, or rewrites it, cannot sign
//! a head for what is left without the key.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::DbError;

/// Signs chain heads (Ed25519, from a seed the server derives from the master key); its
/// public half verifies them anywhere. Its `Debug` shows the public key only.
#[derive(Clone)]
pub struct HeadSigner(SigningKey);

impl HeadSigner {
    pub fn new(seed: [u8; 32]) -> Self {
        HeadSigner(SigningKey::from_bytes(&seed))
    }

    /// The public key, base64: what an auditor checks exported heads with.
    pub fn public_key(&self) -> String {
        STANDARD.encode(self.0.verifying_key().as_bytes())
    }

    fn sign(&self, head: &Head) -> Vec<u8> {
        self.0.sign(head.message().as_bytes()).to_bytes().to_vec()
    }

    pub(crate) fn verifying_key(&self) -> VerifyingKey {
        self.0.verifying_key()
    }
}

impl std::fmt::Debug for HeadSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HeadSigner({})", self.public_key())
    }
}

/// One signed head, as kept and as exported (one JSON object per line): the chain, the
/// place of its last entry then, that entry's hash (base64), when it was signed (UTC,
/// RFC 3339) and the signature (base64) over all four.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub chain: String,
    pub seq: i64,
    pub hash: String,
    pub signed_at: String,
    pub signature: String,
}

impl Head {
    fn message(&self) -> String {
        format!(
            "kyc audit head v1\n{}\n{}\n{}\n{}",
            self.chain, self.seq, self.hash, self.signed_at
        )
    }

    /// Whether the signature holds under `key`.
    pub(crate) fn signed_by(&self, key: &VerifyingKey) -> bool {
        let Ok(bytes) = STANDARD.decode(&self.signature) else {
            return false;
        };
        let Ok(signature) = Signature::from_slice(&bytes) else {
            return false;
        };
        key.verify(self.message().as_bytes(), &signature).is_ok()
    }

    /// The entry hash the head names, as bytes.
    pub(crate) fn hash_bytes(&self) -> Option<Vec<u8>> {
        STANDARD.decode(&self.hash).ok()
    }
}

/// Signs the head of every chain that has grown since its last signed head, at the
/// transaction's time, and returns how many were signed. A chain that does not verify under
/// the key (a changed, inserted or missing entry) is never signed: signing it would vouch
/// for the damage (it is logged instead). When another instance is signing at the same
/// moment this one signs nothing.
pub async fn sign(db: &sqlx::PgPool, keys: &super::AuditKeys) -> Result<usize, DbError> {
    let signer = &keys.heads;
    let damaged: std::collections::BTreeSet<String> = super::verify(db, keys, &[])
        .await?
        .breaks
        .into_iter()
        .filter(|b| b.problem != super::verify::UNCOVERED)
        .map(|b| b.chain)
        .collect();
    if !damaged.is_empty() {
        tracing::error!(
            chains = damaged.len(),
            "audit chains that do not verify are left unsigned: run `kyc-server audit verify`"
        );
    }
    let mut tx = db.begin().await?;
    let ours = sqlx::query_scalar!(
        r#"SELECT pg_try_advisory_xact_lock(hashtextextended('kyc audit heads', 0)) AS "ours!""#
    )
    .fetch_one(&mut *tx)
    .await?;
    if !ours {
        return Ok(0);
    }
    let grown = sqlx::query!(
        r#"SELECT t.chain AS "chain!", t.seq AS "seq!", t.hash AS "hash!",
                  to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "signed_at!"
           FROM (SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_log ORDER BY chain, seq DESC) t
           WHERE NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.chain = t.chain AND h.seq >= t.seq)"#
    )
    .fetch_all(&mut *tx)
    .await?;
    let grown: Vec<_> = grown
        .into_iter()
        .filter(|row| !damaged.contains(&row.chain))
        .collect();
    for row in &grown {
        let head = Head {
            chain: row.chain.clone(),
            seq: row.seq,
            hash: STANDARD.encode(&row.hash),
            signed_at: row.signed_at.clone(),
            signature: String::new(),
        };
        let signature = signer.sign(&head);
        sqlx::query!(
            "INSERT INTO audit_heads (chain, seq, hash, signed_at, signature) VALUES ($1, $2, $3, now(), $4)",
            row.chain,
            row.seq,
            row.hash,
            signature
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(grown.len())
}

/// Every signed head kept, oldest first.
pub async fn all(db: &sqlx::PgPool) -> Result<Vec<Head>, DbError> {
    let rows = sqlx::query!(
        r#"SELECT chain, seq, hash, signature,
                  to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "signed_at!"
           FROM audit_heads ORDER BY id"#
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Head {
            chain: row.chain,
            seq: row.seq,
            hash: STANDARD.encode(row.hash),
            signed_at: row.signed_at,
            signature: STANDARD.encode(row.signature),
        })
        .collect())
}

/// The latest signed head of every chain: what `kyc-server audit heads` exports.
pub async fn latest(db: &sqlx::PgPool) -> Result<Vec<Head>, DbError> {
    let mut latest = std::collections::BTreeMap::new();
    for head in all(db).await? {
        latest.insert(head.chain.clone(), head);
    }
    Ok(latest.into_values().collect())
}
