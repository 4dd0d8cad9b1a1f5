//! What a use case may keep of the request that carried it.

/// The request id in `headers` (from the server's request-id layer, or a proxy's), if it is
/// a plain token: a client-chosen value never carries anything else into the audit log.
pub fn request_id_of(headers: &http::HeaderMap) -> Option<&str> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            (1..=64).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// The client's address as the server decided it (an extension its client-address layer
/// puts on every browser request): the throttles count per address with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The client behind a connection from `peer`: `peer` itself, unless it is one of the
/// `trusted` proxies; then the nearest `X-Forwarded-For` entry (read right to left) that is
/// not a trusted proxy. Only trusted hops are believed: an entry that is not an address
/// (with or without a port) stops the walk at the last trusted hop, so a client cannot
/// choose its own address. IPv4 addresses mapped into IPv6 count as IPv4.
pub fn client_address(
    peer: std::net::IpAddr,
    forwarded_for: &[&str],
    trusted: &[ipnet::IpNet],
) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer.to_canonical();
    let hops = forwarded_for
        .iter()
        .flat_map(|header| header.split(','))
        .map(str::trim)
        .filter(|hop| !hop.is_empty())
        .rev();
    for hop in hops {
        if !is_trusted(&client) {
            break;
        }
        match hop_address(hop) {
            Some(ip) => client = ip.to_canonical(),
            None => break,
        }
    }
    client
}

/// One `X-Forwarded-For` entry: an address, or an address and port (`[v6]:port`).
fn hop_address(hop: &str) -> Option<std::net::IpAddr> {
    hop.parse()
        .ok()
        .or_else(|| hop.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

#[cfg(test)]
mod tests {
    use super::client_address;

    #[test]
    fn only_trusted_proxies_are_believed() {
        let proxy = "10.0.0.5".parse().unwrap();
        let trusted: Vec<ipnet::IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let client = |peer, forwarded: &[&str]| client_address(peer, forwarded, &trusted);
        let stranger = "198.51.100.9".parse().unwrap();
        // A direct client chooses nothing by sending the header.
        assert_eq!(client(stranger, &["203.0.113.7"]), stranger);
        // Behind the proxy: the address it saw, the nearest untrusted hop.
        assert_eq!(client(proxy, &["203.0.113.7"]).to_string(), "203.0.113.7");
        assert_eq!(
            client(proxy, &["1.2.3.4, 203.0.113.7", "10.0.0.6"]).to_string(),
            "203.0.113.7",
            "a forged leftmost entry is not believed"
        );
        assert_eq!(client(proxy, &["garbage"]), proxy);
        assert_eq!(client(proxy, &[]), proxy);
        // Ports, IPv6 and a proxy reached over an IPv4-mapped IPv6 connection.
        assert_eq!(
            client(proxy, &["203.0.113.7:4711"]).to_string(),
            "203.0.113.7"
        );
        assert_eq!(
            client(proxy, &["[2001:db8::1]:443"]).to_string(),
            "2001:db8::1"
        );
        assert_eq!(client(proxy, &["2001:db8::2"]).to_string(), "2001:db8::2");
        let mapped = "::ffff:10.0.0.5".parse().unwrap();
        assert_eq!(client(mapped, &["203.0.113.7"]).to_string(), "203.0.113.7");
    }
}
