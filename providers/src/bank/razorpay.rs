//! A client of a Razorpay-style fund account validation API: `POST
//! {base}/v1/fund_accounts/validations` (HTTP Basic with the key id and secret) creates a
//! validation that is `created`, then `completed` (with `results.account_status` `active`
//! or `invalid` and the `registered_name`) or `failed`; it is polled with `GET
//! {base}/v1/fund_accounts/validations/{id}` or reported by a webhook signed with
//! `X-Razorpay-Signature`: hex HMAC-SHA256 of the raw body under the webhook secret. That
//! signature has no timestamp: a replayed webhook finds its check already answered and
//! changes nothing.

use hmac::{Hmac, Mac};
use kyc_core::checks::BankDetails;
use serde::Deserialize;
use sha2::Sha256;

use super::{BankStatus, BankVerifier, Incoming, ProviderError, Reply, Verification};
use crate::webhook::WebhookError;

pub struct RazorpayStyle {
    pub base: String,
    pub key_id: String,
    pub key_secret: String,
    /// The business account the one-rupee deposit is paid from.
    pub source_account: String,
    pub webhook_secret: Option<Vec<u8>>,
    pub http: reqwest::Client,
}

#[derive(Deserialize)]
struct Validation {
    id: String,
    status: String,
    #[serde(default)]
    results: Option<Results>,
}

#[derive(Deserialize)]
struct Results {
    #[serde(default)]
    account_status: Option<String>,
    #[serde(default)]
    registered_name: Option<String>,
}

impl Validation {
    fn into_verification(self) -> Verification {
        let (account_status, registered_name) = match self.results {
            Some(r) => (r.account_status, r.registered_name),
            None => (None, None),
        };
        let status = match (self.status.as_str(), account_status.as_deref()) {
            ("completed", Some("active")) => BankStatus::Valid,
            ("completed", _) => BankStatus::Invalid {
                code: "ACCOUNT_INVALID".into(),
            },
            ("failed", _) => BankStatus::Failed {
                code: "VALIDATION_FAILED".into(),
            },
            _ => BankStatus::Pending,
        };
        let name_at_bank =
            registered_name.filter(|n| !n.trim().is_empty() && status == BankStatus::Valid);
        Verification {
            reference: self.id,
            status,
            name_at_bank,
        }
    }
}

/// The webhook's envelope: `payload["fund_account.validation"].entity` is the validation.
#[derive(Deserialize)]
struct Event {
    payload: Payload,
}

#[derive(Deserialize)]
struct Payload {
    #[serde(rename = "fund_account.validation")]
    validation: Entity,
}

#[derive(Deserialize)]
struct Entity {
    entity: Validation,
}

/// The hex HMAC-SHA256 of `body` under `secret`, as the provider signs its webhooks.
pub fn signature(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl RazorpayStyle {
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<Verification, ProviderError> {
        let request = request.basic_auth(&self.key_id, Some(&self.key_secret));
        Ok(super::answered::<Validation>(request)
            .await?
            .into_verification())
    }
}

impl BankVerifier for RazorpayStyle {
    fn name(&self) -> &'static str {
        "razorpay"
    }

    /// Header `x-razorpay-signature`: the HMAC-SHA256 of the body, in hex (Razorpay signs
    /// no timestamp).
    fn webhook(&self, incoming: Incoming<'_>) -> Result<Verification, WebhookError> {
        let secret = super::signing_secret(self.webhook_secret.as_deref())?;
        let (headers, body) = (incoming.headers, incoming.body);
        let given = headers
            .get("x-razorpay-signature")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| unhex(v.trim()))
            .ok_or(WebhookError::Malformed)?;
        let mut mac = Hmac::<Sha256>::new_from_slice(secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(body);
        mac.verify_slice(&given)
            .map_err(|_| WebhookError::BadSignature)?;
        let event: Event = serde_json::from_slice(body).map_err(|_| WebhookError::Malformed)?;
        Ok(event.payload.validation.entity.into_verification())
    }

    fn verify<'a>(&'a self, details: &'a BankDetails) -> Reply<'a> {
        let BankDetails {
            holder_name,
            account,
            ifsc,
        } = details;
        Box::pin(async move {
            let body = serde_json::json!({
                "account_number": self.source_account,
                "fund_account": {
                    "account_type": "bank_account",
                    "bank_account": { "name": holder_name, "ifsc": ifsc.as_str(), "account_number": account.expose() },
                },
                "amount": 100,
                "currency": "INR",
            });
            let url = format!("{}/v1/fund_accounts/validations", self.base);
            self.send(self.http.post(url).json(&body)).await
        })
    }

    fn status<'a>(&'a self, reference: &'a str) -> Reply<'a> {
        Box::pin(async move {
            // The reference came from the provider; it only ever goes back as one path segment.
            if !reference
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Err(ProviderError::Refused("malformed reference".into()));
            }
            let url = format!("{}/v1/fund_accounts/validations/{reference}", self.base);
            self.send(self.http.get(url)).await
        })
    }
}
