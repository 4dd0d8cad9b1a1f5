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
