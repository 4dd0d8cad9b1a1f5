//! QR codes for authenticator apps, drawn as SVG (`qrcodegen`) and sent as a data URL.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use qrcodegen::{QrCode, QrCodeEcc};

use crate::error::ServiceError;

/// The QR code of `text` as an `image/svg+xml` data URL, with a four-module quiet zone.
pub(crate) fn svg_data_url(text: &str) -> Result<String, ServiceError> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|e| ServiceError::internal(std::io::Error::other(e.to_string())))?;
    let border = 4;
    let size = code.size() + 2 * border;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    );
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg)
    ))
}
