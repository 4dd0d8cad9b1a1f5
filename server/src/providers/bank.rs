//! Bank account verification (penny drop) providers. The journey talks to a
//! [`BankVerifier`]; which provider (and whether it is the local sandbox) is configuration.
//! The account number goes to the provider and nowhere else: never into logs or errors.

use std::future::Future;
use std::pin::Pin;

use kyc_core::bank::{AccountNumber, Ifsc};
use serde::Deserialize;

/// What a provider said about an account.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    /// The provider's reference, to poll a pending check or match its webhook.
    pub reference: String,
    pub status: BankStatus,
    /// The account holder's name as the bank has it (when the account is valid).
    pub name_at_bank: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankStatus {
    Valid,
    /// Invalid, closed, blocked...: the provider's code, for reviewers.
    Invalid {
        code: String,
    },
    /// Not known yet: poll [`BankVerifier::status`] or wait for the webhook.
    Pending,
}

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

pub trait BankVerifier: Send + Sync {
    fn verify<'a>(
        &'a self,
        account: &'a AccountNumber,
        ifsc: &'a Ifsc,
        name: &'a str,
    ) -> BoxFuture<'a, Result<Verification, ProviderError>>;

    fn status<'a>(
        &'a self,
        reference: &'a str,
    ) -> BoxFuture<'a, Result<Verification, ProviderError>>;
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
        let status = match self.account_status.as_str() {
            "VALID" => BankStatus::Valid,
            "IN_PROCESS" | "RECEIVED" | "PENDING" => BankStatus::Pending,
            _ => BankStatus::Invalid {
                code: self.account_status_code.unwrap_or(self.account_status),
            },
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

impl CashfreeStyle {
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<Verification, ProviderError> {
        let response = request
            .header("x-client-id", &self.client_id)
            .header("x-client-secret", &self.client_secret)
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
        let answer: Answer = response
            .json()
            .await
            .map_err(|_| ProviderError::Unavailable("unreadable answer".into()))?;
        Ok(answer.into_verification())
    }
}

impl BankVerifier for CashfreeStyle {
    fn verify<'a>(
        &'a self,
        account: &'a AccountNumber,
        ifsc: &'a Ifsc,
        name: &'a str,
    ) -> BoxFuture<'a, Result<Verification, ProviderError>> {
        Box::pin(async move {
            let mode = if self.asynchronous { "async" } else { "sync" };
            let body = serde_json::json!({ "bank_account": account.expose(), "ifsc": ifsc.as_str(), "name": name });
            self.send(
                self.http
                    .post(format!("{}/verification/bank-account/{mode}", self.base))
                    .json(&body),
            )
            .await
        })
    }

    fn status<'a>(
        &'a self,
        reference: &'a str,
    ) -> BoxFuture<'a, Result<Verification, ProviderError>> {
        Box::pin(async move {
            let url = format!("{}/verification/bank-account", self.base);
            self.send(self.http.get(url).query(&[("reference_id", reference)]))
                .await
        })
    }
}
