//! The certificates e-Aadhaar signatures are accepted from, read from configuration.

use std::fmt;

use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::RsaPublicKey;
use sha2::Digest;
use x509_cert::der::{DecodePem, Encode};

/// A certificate whose RSA key we accept e-Aadhaar signatures from (UIDAI's, or the
/// sandbox's in sandbox mode).
#[derive(Clone)]
pub struct TrustedCertificate {
    der: Vec<u8>,
    key: RsaPublicKey,
    fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    #[error("the trusted certificate is not a PEM certificate")]
    NotPem,
    #[error("the trusted certificate is not a readable X.509 certificate")]
    NotX509,
    #[error("the trusted certificate does not hold an RSA key")]
    NotRsa,
    #[error("the trusted certificate's RSA key is shorter than 2048 bits")]
    KeyTooShort,
}

impl TrustedCertificate {
    /// Reads one `-----BEGIN CERTIFICATE-----` block.
    pub fn from_pem(pem: &[u8]) -> Result<Self, CertificateError> {
        let certificate = x509_cert::Certificate::from_pem(pem.trim_ascii())
            .map_err(|_| CertificateError::NotPem)?;
        let der = certificate
            .to_der()
            .map_err(|_| CertificateError::NotX509)?;
        Self::from_der(&der)
    }

    pub fn from_der(der: &[u8]) -> Result<Self, CertificateError> {
        use x509_cert::der::Decode;
        let certificate =
            x509_cert::Certificate::from_der(der).map_err(|_| CertificateError::NotX509)?;
        let spki = certificate
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|_| CertificateError::NotX509)?;
        let key = RsaPublicKey::from_public_key_der(&spki).map_err(|_| CertificateError::NotRsa)?;
        if key.n().bits() < 2048 {
            return Err(CertificateError::KeyTooShort);
        }
        let fingerprint = sha2::Sha256::digest(der)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(TrustedCertificate {
            der: der.to_vec(),
            key,
            fingerprint,
        })
    }

    /// Hex SHA-256 of the certificate's DER, to record which certificate vouched.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    pub(super) fn der(&self) -> &[u8] {
        &self.der
    }

    pub(super) fn key(&self) -> &RsaPublicKey {
        &self.key
    }
}

impl fmt::Debug for TrustedCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrustedCertificate")
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}
