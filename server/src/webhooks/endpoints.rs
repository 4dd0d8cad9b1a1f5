//! The server's rules for endpoints, behind the use cases in [`kyc_service::webhooks`]: a
//! URL may receive webhooks only over https to public addresses (DNS included; development
//! allows `http` to loopback), and a new secret is 32 random bytes.

use kyc_service::webhooks::{BoxFuture, EndpointRules};

use super::address::WebhookUrl;
use super::signing::Secret;

/// The endpoint rules of this deployment.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Allows `http` to loopback and private addresses.
    pub development: bool,
}

impl EndpointRules for Rules {
    fn check_url<'a>(&'a self, url: &'a str) -> BoxFuture<'a, Result<String, String>> {
        Box::pin(async move {
            let checked = WebhookUrl::parse(url, self.development).map_err(|e| e.to_string())?;
            checked
                .resolve(self.development)
                .await
                .map_err(|e| e.to_string())?;
            Ok(checked.as_str().to_owned())
        })
    }

    fn new_secret(&self) -> String {
        Secret::generate().expose()
    }
}
