//! Where deliveries may go: `https` URLs whose host resolves only to public addresses
//! (`http` to loopback in development), checked when an endpoint is saved and again at every
//! send, where the connection goes to the addresses that were checked (no DNS rebinding).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use url::Url;

/// Why a URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("enter a full URL, such as https://example.com/webhooks")]
    Malformed,
    #[error("webhook URLs must use https")]
    NotHttps,
    #[error("webhook URLs must not contain a user name or password")]
    Credentials,
    #[error("the host name could not be resolved")]
    Unresolved,
    #[error("the host resolves to a private, loopback or link-local address")]
    PrivateAddress,
}

impl UrlError {
    /// The attempt log's error class for a refusal at send time.
    pub fn class(self) -> &'static str {
        match self {
            UrlError::Unresolved => "dns",
            _ => "refused_address",
        }
    }
}

/// A URL that passed the rules without DNS: `https`, or `http` to a loopback host in
/// development; no credentials, no fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookUrl(Url);

impl WebhookUrl {
    pub fn parse(text: &str, development: bool) -> Result<WebhookUrl, UrlError> {
        let url = Url::parse(text.trim()).map_err(|_| UrlError::Malformed)?;
        if url.host().is_none() || url.fragment().is_some() || url.as_str().len() > 2048 {
            return Err(UrlError::Malformed);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(UrlError::Credentials);
        }
        match url.scheme() {
            "https" => {}
            "http" if development && is_loopback_host(&url) => {}
            _ => return Err(UrlError::NotHttps),
        }
        Ok(WebhookUrl(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The host as reqwest matches it for a resolve override.
    pub fn host(&self) -> &str {
        self.0.host_str().unwrap_or_default()
    }

    /// Resolves the host and checks every address (outside development, none may be
    /// private, loopback, link-local, unique-local, CGNAT or unspecified); returns the
    /// addresses to connect to.
    pub async fn resolve(&self, development: bool) -> Result<Vec<SocketAddr>, UrlError> {
        let port = self.0.port_or_known_default().ok_or(UrlError::Malformed)?;
        let addresses: Vec<SocketAddr> = match self.0.host() {
            Some(url::Host::Ipv4(ip)) => vec![SocketAddr::new(IpAddr::V4(ip), port)],
            Some(url::Host::Ipv6(ip)) => vec![SocketAddr::new(IpAddr::V6(ip), port)],
            Some(url::Host::Domain(name)) => {
                let lookup = tokio::net::lookup_host((name, port));
                tokio::time::timeout(std::time::Duration::from_secs(5), lookup)
                    .await
                    .map_err(|_| UrlError::Unresolved)?
                    .map_err(|_| UrlError::Unresolved)?
                    .collect()
            }
            None => return Err(UrlError::Malformed),
        };
        if addresses.is_empty() {
            return Err(UrlError::Unresolved);
        }
        if !development && addresses.iter().any(|a| is_forbidden(a.ip())) {
            return Err(UrlError::PrivateAddress);
        }
        Ok(addresses)
    }
}

fn is_loopback_host(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Whether a delivery must never reach `ip` (outside development).
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_forbidden_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_forbidden_v4(v4),
            None => is_forbidden_v6(v6),
        },
    }
}

fn is_forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_unspecified()
        || a == 0 // "this network"
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64.0.0/10
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || ip.is_broadcast()
        || ip.is_multicast()
        || a >= 240 // reserved
}

fn is_forbidden_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated) fec0::/10
        || (first == 0x64 && ip.segments()[1] == 0xff9b) // NAT64 to any IPv4 (incl. 64:ff9b:1::/48)
        || first == 0x2002 // 6to4: carries any IPv4 address
        || (first == 0x2001 && ip.segments()[1] == 0) // Teredo 2001::/32
        || (first == 0x0100 && ip.segments()[1..4] == [0, 0, 0]) // discard-only 100::/64
        || ip.segments()[..6] == [0; 6] // IPv4-compatible ::/96 (and ::, ::1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_that_tunnel_to_ipv4_are_refused() {
        for text in [
            "2002:a9fe:a9fe::",
            "2001:0:4136:e378::1",
            "::a9fe:a9fe",
            "100::1",
        ] {
            assert!(forbidden(text), "{text}");
        }
        assert!(!forbidden("2606:4700:4700::1111"));
    }

    fn forbidden(text: &str) -> bool {
        is_forbidden(text.parse().unwrap())
    }

    #[test]
    fn private_loopback_link_local_cgnat_and_unspecified_addresses_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.254",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(forbidden(ip), "{ip} should be refused");
        }
    }

    #[test]
    fn public_addresses_are_allowed() {
        for ip in [
            "8.8.8.8",
            "1.1.1.1",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(!forbidden(ip), "{ip} should be allowed");
        }
    }

    #[test]
    fn only_https_is_accepted_except_http_to_loopback_in_development() {
        assert!(WebhookUrl::parse("https://hooks.example.com/kyc", false).is_ok());
        assert_eq!(
            WebhookUrl::parse("http://hooks.example.com/kyc", false),
            Err(UrlError::NotHttps)
        );
        assert_eq!(
            WebhookUrl::parse("http://127.0.0.1:9000/kyc", false),
            Err(UrlError::NotHttps)
        );
        assert!(WebhookUrl::parse("http://127.0.0.1:9000/kyc", true).is_ok());
        assert!(WebhookUrl::parse("http://localhost:9000/kyc", true).is_ok());
        assert_eq!(
            WebhookUrl::parse("http://hooks.example.com/kyc", true),
            Err(UrlError::NotHttps)
        );
        assert_eq!(
            WebhookUrl::parse("ftp://hooks.example.com/", true),
            Err(UrlError::NotHttps)
        );
        assert_eq!(
            WebhookUrl::parse("https://u:p@hooks.example.com/", false),
            Err(UrlError::Credentials)
        );
        assert_eq!(WebhookUrl::parse("hooks", false), Err(UrlError::Malformed));
    }

    #[tokio::test]
    async fn outside_development_a_loopback_or_private_address_is_refused_at_resolution() {
        for url in [
            "https://127.0.0.1/hook",
            "https://[::1]/hook",
            "https://10.0.0.8/hook",
            "https://localhost/hook",
        ] {
            let url = WebhookUrl::parse(url, false).unwrap();
            let refused = url.resolve(false).await.unwrap_err();
            assert!(
                matches!(refused, UrlError::PrivateAddress | UrlError::Unresolved),
                "{url:?}"
            );
        }
        let loopback = WebhookUrl::parse("http://127.0.0.1:9/hook", true).unwrap();
        assert_eq!(
            loopback.resolve(true).await.unwrap(),
            vec!["127.0.0.1:9".parse().unwrap()]
        );
    }
}
