//! Bank account verification (penny drop) providers. The journey talks to a
//! [`BankVerifier`]; which provider (and whether it is the local sandbox) is configuration.
//! The account number goes to the provider and nowhere else: never into logs or errors.

use std::future::Future;
use std::pin::Pin;

use kyc_core::checks::BankDetails;
use serde::Deserialize;

use super::webhook::WebhookError;

pub mod razorpay;

pub use razorpay::RazorpayStyle;

/// What a provider said about an account.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    /// The provider's reference, to poll a pending check or match its webhook.
    pub reference: String,
    pub status: BankStatus,
    /// The account holder's name as the bank has it (when the account is valid).
    pub name_at_bank: Option<String>,
}

/// Where a bank's answer stands (the core rule's type): a pending one is polled with
/// [`BankVerifier::status`] or answered by the provider's webhook.
pub use kyc_core::checks::BankStatus;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProviderError {
    /// Timeouts, 5xx and unreadable answers: the customer may try again.
    #[error("the bank verification service is unavailable ({0})")]
    Unavailable(String),
    /// Refused credentials or request: a configuration problem, not the customer's.
    #[error("the bank verification service refused the request ({0})")]
    Refused(String),
}

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A provider's answer, when it comes.
pub type Reply<'a> = BoxFuture<'a, Result<Verification, ProviderError>>;

/// A webhook as it arrived: its headers, its raw body (the signature covers these bytes)
/// and when it was received (Unix seconds, for a signed timestamp's window). No `Debug`:
/// the body holds the name at the bank.
#[derive(Clone, Copy)]
pub struct Incoming<'a> {
    pub headers: &'a http::HeaderMap,
    pub body: &'a [u8],
    pub now: i64,
}

/// The secret webhooks are signed with; without one none can be verified.
fn signing_secret(secret: Option<&[u8]>) -> Result<&[u8], WebhookError> {
    secret.ok_or(WebhookError::Malformed)
}

pub trait BankVerifier: Send + Sync {
    /// The provider's name, stored with each check (a webhook or poll goes to the same one).
    fn name(&self) -> &'static str;

    /// Reads a webhook the provider sent about a check, verified on its raw bytes.
    fn webhook(&self, incoming: Incoming<'_>) -> Result<Verification, WebhookError>;

    /// Asks whether the account exists and the name its bank holds for it.
    fn verify<'a>(&'a self, details: &'a BankDetails) -> Reply<'a>;

    /// Asks again about an earlier request (its `reference`) still in process.
    fn status<'a>(&'a self, reference: &'a str) -> Reply<'a>;
}

/// No provider configured (`KYC_BANK_BASE_URL` unset outside sandbox mode): every check
/// is refused, which the journey reports as the service being unavailable.
pub struct NotConfigured;

impl BankVerifier for NotConfigured {
    fn name(&self) -> &'static str {
        "none"
    }

    fn webhook(&self, _incoming: Incoming<'_>) -> Result<Verification, WebhookError> {
        Err(WebhookError::Malformed)
    }

    fn verify<'a>(&'a self, _details: &'a BankDetails) -> Reply<'a> {
        Box::pin(async {
            Err(ProviderError::Refused(
                "no provider configured (KYC_BANK_BASE_URL)".into(),
            ))
        })
    }

    fn status<'a>(&'a self, _reference: &'a str) -> Reply<'a> {
        Box::pin(async {
            Err(ProviderError::Refused(
                "no provider configured (KYC_BANK_BASE_URL)".into(),
            ))
        })
    }
}

/// A client of a Cashfree-style bank account verification API: `POST
/// {base}/verification/bank-account/sync` (answer now) or `/async` (answer later, polled
/// with `GET {base}/verification/bank-account?reference_id=`), authenticated by
/// `x-client-id` / `x-client-secret` headers; statuses VALID / INVALID / IN_PROCESS.
pub struct CashfreeStyle {
    pub base: String,
    pub client_id: String,
    pub client_secret: String,
    /// Ask for the asynchronous flow.
    pub asynchronous: bool,
    /// The secret the provider signs its webhooks with; without one every webhook is
    /// refused (and pending checks are polled).
    pub webhook_secret: Option<Vec<u8>>,
    pub http: reqwest::Client,
}

#[derive(Deserialize)]
struct Answer {
    reference_id: serde_json::Value,
    account_status: String,
    #[serde(default)]
    account_status_code: Option<String>,
    #[serde(default)]
    name_at_bank: Option<String>,
}

impl Answer {
    fn into_verification(self) -> Verification {
        let reference = match self.reference_id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        let code = self
            .account_status_code
            .unwrap_or_else(|| self.account_status.clone());
        let status = match self.account_status.as_str() {
            "VALID" => BankStatus::Valid,
            "INVALID" => BankStatus::Invalid { code },
            "IN_PROCESS" | "RECEIVED" | "PENDING" => BankStatus::Pending,
            _ => BankStatus::Failed { code },
        };
        let name_at_bank = self
            .name_at_bank
            .filter(|n| !n.trim().is_empty() && status == BankStatus::Valid);
        Verification {
            reference,
            status,
            name_at_bank,
        }
    }
}

/// Sends a provider request (authentication already on it) and reads its JSON answer:
/// timeouts, connection failures, 5xx and unreadable answers are `Unavailable` (the
/// customer may retry), other refusals `Refused` (our configuration).
async fn answered<T: serde::de::DeserializeOwned>(
    request: reqwest::RequestBuilder,
) -> Result<T, ProviderError> {
    let response = request
        .timeout(std::time::Duration::from_secs(20))
        .send()
        .await
        .map_err(|e| {
            ProviderError::Unavailable(if e.is_timeout() {
                "timeout".into()
            } else {
                "connection".into()
            })
        })?;
    let status = response.status();
    if status.is_server_error() {
        return Err(ProviderError::Unavailable(format!(
            "HTTP {}",
            status.as_u16()
        )));
    }
    if !status.is_success() {
        return Err(ProviderError::Refused(format!("HTTP {}", status.as_u16())));
    }
    response
        .json()
        .await
        .map_err(|_| ProviderError::Unavailable("unreadable answer".into()))
}

impl CashfreeStyle {
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<Verification, ProviderError> {
        let request = request
            .header("x-client-id", &self.client_id)
            .header("x-client-secret", &self.client_secret);
        Ok(answered::<Answer>(request).await?.into_verification())
    }
}

impl BankVerifier for CashfreeStyle {
    fn name(&self) -> &'static str {
        "cashfree"
    }

    /// Headers `x-webhook-timestamp` and `x-webhook-signature` (see
    /// [`crate::webhook`]); the body is the same answer as a status poll.
    fn webhook(&self, incoming: Incoming<'_>) -> Result<Verification, WebhookError> {
        let secret = signing_secret(self.webhook_secret.as_deref())?;
        let Incoming { headers, body, now } = incoming;
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .ok_or(WebhookError::Malformed)
        };
        let (timestamp, signature) = (
            header("x-webhook-timestamp")?,
            header("x-webhook-signature")?,
        );
        super::webhook::verify(secret, timestamp, body, signature, now)?;
        let answer: Answer = serde_json::from_slice(body).map_err(|_| WebhookError::Malformed)?;
        Ok(answer.into_verification())
    }

    fn verify<'a>(&'a self, details: &'a BankDetails) -> Reply<'a> {
        let mode = if self.asynchronous { "async" } else { "sync" };
        Box::pin(async move {
            let body = serde_json::json!({ "bank_account": details.account.expose(), "ifsc": details.ifsc.as_str(), "name": details.holder_name });
            self.send(
                self.http
                    .post(format!("{}/verification/bank-account/{mode}", self.base))
                    .json(&body),
            )
            .await
        })
    }

    fn status<'a>(&'a self, reference: &'a str) -> Reply<'a> {
        Box::pin(async move {
            let url = format!("{}/verification/bank-account", self.base);
            self.send(self.http.get(url).query(&[("reference_id", reference)]))
                .await
        })
    }
}
