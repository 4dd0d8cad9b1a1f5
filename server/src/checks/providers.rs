//! Which providers the checks use, from configuration: the configured ones, or the local
//! sandboxes when sandboxes are on and none is configured.

use std::sync::Arc;

use kyc_providers::bank::BankVerifier;

use super::DigiLockerProvider;

/// The bank provider the settings name: the configured one, or the local sandbox (at
/// `{public_url}/sandbox/bank`, with its credentials and webhook secret) when sandboxes
/// are on and none is configured. Without either, every check reports the provider
/// unavailable and the server logs why.
pub fn bank_provider(
    settings: &crate::config::BankSettings,
    public_url: &str,
    sandboxes: bool,
) -> Arc<dyn BankVerifier> {
    use crate::config::BankProvider;
    use kyc_providers::bank::{CashfreeStyle, NotConfigured, RazorpayStyle};
    use kyc_providers::sandbox::bank as sandbox;
    let http = reqwest::Client::new();
    let sandbox_base = format!("{public_url}/sandbox/bank");
    let (base, id, secret, webhook_secret) =
        match (&settings.base_url, sandboxes, settings.provider) {
            (Some(base), _, _) => (
                base.clone(),
                settings.client_id.clone(),
                settings.client_secret.clone(),
                settings.webhook_secret.clone().map(String::into_bytes),
            ),
            (None, true, BankProvider::Cashfree) => (
                sandbox_base,
                sandbox::CLIENT_ID.to_owned(),
                sandbox::CLIENT_SECRET.to_owned(),
                Some(sandbox::WEBHOOK_SECRET.to_vec()),
            ),
            (None, true, BankProvider::Razorpay) => (
                sandbox_base,
                sandbox::razorpay::KEY_ID.to_owned(),
                sandbox::razorpay::KEY_SECRET.to_owned(),
                Some(sandbox::WEBHOOK_SECRET.to_vec()),
            ),
            (None, false, _) => return Arc::new(NotConfigured),
        };
    match settings.provider {
        BankProvider::Cashfree => Arc::new(CashfreeStyle {
            base,
            client_id: id,
            client_secret: secret,
            asynchronous: settings.asynchronous,
            webhook_secret,
            http,
        }),
        BankProvider::Razorpay => Arc::new(RazorpayStyle {
            base,
            key_id: id,
            key_secret: secret,
            source_account: settings.source_account.clone(),
            webhook_secret,
            http,
        }),
    }
}

/// The DigiLocker client the settings name, trusting only the configured certificate; or
/// the local sandbox (trusting its certificate, in sandbox mode only) when sandboxes are on
/// and none is configured; `None` without either.
pub fn digilocker_provider(
    settings: &crate::config::DigiLockerSettings,
    public_url: &str,
    sandboxes: bool,
) -> anyhow::Result<Option<Arc<DigiLockerProvider>>> {
    use anyhow::Context;
    use kyc_providers::digilocker::{DigiLocker, DigiLockerConfig, TrustedCertificate};
    use kyc_providers::sandbox::digilocker as sandbox;
    let redirect_uri = format!("{public_url}/journey/digilocker/callback");
    let (mut config, trusted) = match (&settings.base_url, sandboxes) {
        (Some(base), _) => {
            let path = settings
                .trusted_cert
                .as_ref()
                .context("KYC_DIGILOCKER_TRUSTED_CERT must name the PEM certificate e-Aadhaar documents are signed by")?;
            let pem = std::fs::read(path).with_context(|| {
                format!("reading KYC_DIGILOCKER_TRUSTED_CERT ({})", path.display())
            })?;
            let certificate = TrustedCertificate::from_pem(&pem)
                .map_err(|e| anyhow::anyhow!("KYC_DIGILOCKER_TRUSTED_CERT: {e}"))?;
            let config = DigiLockerConfig::new(
                base.clone(),
                settings.client_id.clone(),
                settings.client_secret.clone(),
                redirect_uri,
            );
            (config, vec![certificate])
        }
        (None, true) => {
            let certificate = TrustedCertificate::from_pem(sandbox::SANDBOX_CERT_PEM.as_bytes())
                .map_err(|e| anyhow::anyhow!("the sandbox certificate: {e}"))?;
            let config = DigiLockerConfig::new(
                format!("{public_url}/sandbox/digilocker"),
                sandbox::CLIENT_ID,
                sandbox::CLIENT_SECRET,
                redirect_uri,
            );
            (config, vec![certificate])
        }
        (None, false) => return Ok(None),
    };
    if let Some(path) = &settings.authorize_path {
        config.authorize_path = path.clone();
    }
    if let Some(path) = &settings.token_path {
        config.token_path = path.clone();
    }
    if let Some(path) = &settings.eaadhaar_path {
        config.eaadhaar_path = path.clone();
    }
    Ok(Some(Arc::new(DigiLockerProvider {
        client: DigiLocker::new(config, reqwest::Client::new()),
        trusted,
    })))
}
