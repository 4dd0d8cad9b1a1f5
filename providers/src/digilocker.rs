//! A client of the DigiLocker Authorized Partner API: OAuth 2.0 authorisation code with
//! PKCE (S256) to sign the customer in, then their e-Aadhaar XML, whose signature
//! [`eaadhaar::verify`] checks. Tokens, codes and what DigiLocker says about the customer
//! go nowhere but the caller: never into logs or errors.

use std::fmt;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use serde::Deserialize;
use sha2::Digest;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

pub mod eaadhaar;
mod error;
mod token;

pub use eaadhaar::{EAadhaar, TrustedCertificate, XmlError};
pub use error::{CallbackError, DigiLockerError};
pub use token::Token;

/// Where DigiLocker is and who we are to it.
#[derive(Clone)]
pub struct DigiLockerConfig {
    /// e.g. `https://api.digitallocker.gov.in/public` (no trailing slash).
    pub base: String,
    pub client_id: String,
    pub client_secret: String,
    /// Our callback, exactly as registered with DigiLocker.
    pub redirect_uri: String,
    pub authorize_path: String,
    pub token_path: String,
    pub eaadhaar_path: String,
    /// For each call to DigiLocker.
    pub timeout: Duration,
}

impl DigiLockerConfig {
    /// A configuration with DigiLocker's paths and a 20 second timeout.
    pub fn new(
        base: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        DigiLockerConfig {
            base: base.into().trim_end_matches('/').to_owned(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_uri: redirect_uri.into(),
            authorize_path: "/oauth2/1/authorize".into(),
            token_path: "/oauth2/1/token".into(),
            eaadhaar_path: "/oauth2/2/xml/eaadhaar".into(),
            timeout: Duration::from_secs(20),
        }
    }
}

impl fmt::Debug for DigiLockerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DigiLockerConfig")
            .field("base", &self.base)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_uri", &self.redirect_uri)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// A sign-in to start: send the customer to `url`, and keep `state` and `code_verifier`
/// (server side, with the customer's session) for [`callback`] and [`DigiLocker::exchange`].
#[derive(Clone)]
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub code_verifier: String,
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Authorization(<redacted>)")
    }
}

fn random_base64url(bytes: usize) -> String {
    let mut buffer = Zeroizing::new(vec![0u8; bytes]);
    rand::thread_rng().fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(&*buffer)
}

/// The PKCE S256 challenge of a verifier: base64url(SHA-256(verifier)), unpadded.
pub fn code_challenge(code_verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(code_verifier.as_bytes()))
}

/// Starts a sign-in: a fresh 256-bit `state` and a 64-character PKCE verifier (both
/// base64url, so within PKCE's unreserved characters).
pub fn begin(config: &DigiLockerConfig) -> Authorization {
    let state = random_base64url(32);
    let code_verifier = random_base64url(48);
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", &config.client_id)
        .append_pair("redirect_uri", &config.redirect_uri)
        .append_pair("state", &state)
        .append_pair("code_challenge", &code_challenge(&code_verifier))
        .append_pair("code_challenge_method", "S256")
        .finish();
    Authorization {
        url: format!("{}{}?{query}", config.base, config.authorize_path),
        state,
        code_verifier,
    }
}

/// The query DigiLocker redirects the customer back with.
#[derive(Clone, Default, Deserialize)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

impl fmt::Debug for CallbackQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackQuery")
            .field("code", &self.code.as_ref().map(|_| "<redacted>"))
            .field("state", &self.state.as_ref().map(|_| "<redacted>"))
            .field("error", &self.error.as_ref().map(|_| "<present>"))
            .finish_non_exhaustive()
    }
}

/// An authorisation code from the callback, for [`DigiLocker::exchange`].
pub struct AuthorizationCode(Zeroizing<String>);

impl AuthorizationCode {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthorizationCode(<redacted>)")
    }
}

/// Reads the redirect back from DigiLocker. The state is checked first (in constant time),
/// so that nobody can make a customer's session show another sign-in's outcome.
pub fn callback(
    query: &CallbackQuery,
    expected_state: &str,
) -> Result<AuthorizationCode, CallbackError> {
    let state_matches = query.state.as_deref().is_some_and(|state| {
        !expected_state.is_empty() && bool::from(state.as_bytes().ct_eq(expected_state.as_bytes()))
    });
    if !state_matches {
        return Err(CallbackError::StateMismatch);
    }
    if let Some(error) = &query.error {
        return Err(CallbackError::provider(error));
    }
    match query.code.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => Ok(AuthorizationCode(Zeroizing::new(code.to_owned()))),
        _ => Err(CallbackError::MissingCode),
    }
}

/// The DigiLocker client for one configuration.
#[derive(Clone)]
pub struct DigiLocker {
    config: DigiLockerConfig,
    http: reqwest::Client,
}

impl fmt::Debug for DigiLocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DigiLocker")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl DigiLocker {
    pub fn new(config: DigiLockerConfig, http: reqwest::Client) -> Self {
        DigiLocker { config, http }
    }

    pub fn config(&self) -> &DigiLockerConfig {
        &self.config
    }

    pub fn begin(&self) -> Authorization {
        begin(&self.config)
    }

    /// Trades the code from the callback, with the verifier kept since [`begin`], for a
    /// token and what DigiLocker says about the customer.
    pub async fn exchange(
        &self,
        code: &AuthorizationCode,
        code_verifier: &str,
    ) -> Result<Token, DigiLockerError> {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("client_id", self.config.client_id.as_str()),
            ("client_secret", self.config.client_secret.as_str()),
            ("redirect_uri", self.config.redirect_uri.as_str()),
            ("code_verifier", code_verifier),
        ];
        let url = format!("{}{}", self.config.base, self.config.token_path);
        let response = self.send(self.http.post(url).form(&form)).await?;
        let status = response.status();
        if status.is_success() {
            let body = read_limited(response, 64 * 1024)
                .await
                .map_err(|e| match e {
                    DigiLockerError::Document(_) => {
                        DigiLockerError::Unavailable("unreadable answer".into())
                    }
                    e => e,
                })?;
            return Token::from_json(&body);
        }
        let body = read_limited(response, 64 * 1024).await.unwrap_or_default();
        Err(token_refusal(status, &body))
    }

    /// The customer's e-Aadhaar XML, unverified: pass it to [`eaadhaar::verify`].
    pub async fn eaadhaar(&self, token: &Token) -> Result<Vec<u8>, DigiLockerError> {
        if !token.eaadhaar_available {
            return Err(DigiLockerError::AadhaarNotAvailable);
        }
        let url = format!("{}{}", self.config.base, self.config.eaadhaar_path);
        let request = self.http.get(url).bearer_auth(token.access_token());
        let response = self.send(request).await?;
        let status = response.status();
        match status.as_u16() {
            200..=299 => read_limited(response, eaadhaar::MAX_DOCUMENT_BYTES).await,
            401 | 403 => Err(DigiLockerError::InvalidGrant(format!("HTTP {status}"))),
            404 => Err(DigiLockerError::AadhaarNotAvailable),
            _ => Err(unexpected(status)),
        }
    }

    /// [`DigiLocker::eaadhaar`], then [`eaadhaar::verify`] against `trusted`.
    pub async fn verified_eaadhaar(
        &self,
        token: &Token,
        trusted: &[TrustedCertificate],
    ) -> Result<EAadhaar, DigiLockerError> {
        let xml = self.eaadhaar(token).await?;
        Ok(eaadhaar::verify(&xml, trusted)?)
    }

    async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, DigiLockerError> {
        request
            .timeout(self.config.timeout)
            .send()
            .await
            .map_err(|e| {
                let reason = if e.is_timeout() {
                    "timeout"
                } else if e.is_builder() {
                    return DigiLockerError::Refused("invalid request URL".into());
                } else {
                    "connection"
                };
                tracing::warn!(reason, "DigiLocker did not answer");
                DigiLockerError::Unavailable(reason.into())
            })
    }
}

fn unexpected(status: reqwest::StatusCode) -> DigiLockerError {
    tracing::warn!(status = status.as_u16(), "DigiLocker refused a request");
    if status.is_server_error() {
        DigiLockerError::Unavailable(format!("HTTP {}", status.as_u16()))
    } else {
        DigiLockerError::Refused(format!("HTTP {}", status.as_u16()))
    }
}

/// A refusal from the token endpoint: a code problem (the customer starts again) unless the
/// OAuth error says our request or credentials are wrong.
fn token_refusal(status: reqwest::StatusCode, body: &[u8]) -> DigiLockerError {
    #[derive(Deserialize)]
    struct OAuthError {
        error: String,
    }
    let error = serde_json::from_slice::<OAuthError>(body)
        .map(|e| CallbackError::provider(&e.error))
        .ok();
    let code = match &error {
        Some(CallbackError::Provider(code)) => code.as_str(),
        _ => "",
    };
    match (status.as_u16(), code) {
        (400 | 401, "invalid_client" | "unauthorized_client" | "unsupported_grant_type")
        | (400 | 401, "invalid_request") => {
            DigiLockerError::Refused(format!("HTTP {} {code}", status.as_u16()))
        }
        (400 | 401, _) => DigiLockerError::InvalidGrant(format!("HTTP {}", status.as_u16())),
        _ => unexpected(status),
    }
}

/// The body, unless it is longer than `limit` or stops half-way (then: unavailable).
async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, DigiLockerError> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(XmlError::TooLarge.into());
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() > limit => {
                return Err(XmlError::TooLarge.into())
            }
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body),
            Err(e) => {
                let reason = if e.is_timeout() {
                    "timeout"
                } else {
                    "unreadable answer"
                };
                return Err(DigiLockerError::Unavailable(reason.into()));
            }
        }
    }
}

#[cfg(test)]
mod tests;
