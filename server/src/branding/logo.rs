//! Validation and sanitising of a merchant logo uploaded by an admin.
//!
//! The type is decided from the bytes and must agree with the declared content type.
//! PNG and JPEG logos are decoded under limits and re-encoded, which drops every metadata
//! chunk and segment. SVG logos are refused when they hold anything active or external and
//! are otherwise re-serialised from an allowlist of static elements and attributes.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

/// Largest logo accepted, in bytes.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;
/// Largest width or height of a PNG or JPEG logo, in pixels, read from its header.
pub const MAX_SIDE: u32 = 4096;
/// Largest number of pixels of a PNG or JPEG logo, read from its header.
pub const MAX_PIXELS: u64 = 16_000_000;
/// Long edge a PNG or JPEG logo is scaled down to, keeping its aspect ratio.
pub const STORED_LONG_EDGE: u32 = 1024;

/// A logo ready to store: bytes and its content type ("image/png", "image/jpeg" or "image/svg+xml").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanLogo {
    /// The re-encoded or re-serialised logo.
    pub bytes: Vec<u8>,
    /// The content type to serve it with.
    pub content_type: &'static str,
}

/// Why a logo was refused; Display gives an admin-readable sentence (no file content echoed back).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoRefusal {
    /// More than [`MAX_LOGO_BYTES`].
    #[error("The logo is larger than {} KiB.", MAX_LOGO_BYTES / 1024)]
    TooLarge,
    /// No bytes at all.
    #[error("The logo file is empty.")]
    Empty,
    /// The declared type or the bytes are not PNG, JPEG or SVG.
    #[error("The logo must be a PNG, JPEG or SVG image.")]
    UnknownType,
    /// The declared content type differs from the type found in the bytes.
    #[error("The logo's declared file type does not match its content.")]
    TypeMismatch,
    /// The file could not be decoded; the text says which part failed.
    #[error("The logo could not be read: {0}.")]
    Unreadable(&'static str),
    /// Over [`MAX_SIDE`] on a side or over [`MAX_PIXELS`].
    #[error("The logo is too large: at most 4096 pixels a side and 16 megapixels.")]
    TooManyPixels,
    /// A `script` element, an event handler attribute or a `javascript:` value.
    #[error("The SVG logo contains scripts or event handlers, which are not allowed.")]
    SvgScript,
    /// A link, `url()` or `@import` to anything but an element of the same file.
    #[error("The SVG logo refers to content outside the file, which is not allowed.")]
    SvgExternalReference,
    /// A DOCTYPE (and so possibly entities).
    #[error("The SVG logo contains a DOCTYPE declaration, which is not allowed.")]
    SvgDoctype,
    /// XML whose root is not an SVG `svg` element.
    #[error("The file is XML but not an SVG image.")]
    SvgNotSvg,
    /// A `foreignObject` element (embedded HTML).
    #[error("The SVG logo embeds foreign (HTML) content, which is not allowed.")]
    SvgForeignObject,
    /// An `image` element; the picture should be uploaded as PNG or JPEG instead.
    #[error("The SVG logo embeds a picture; upload the picture as PNG or JPEG instead.")]
    SvgImage,
    /// An `animate*` or `set` element.
    #[error("The SVG logo contains animation, which is not allowed.")]
    SvgAnimation,
    /// CSS that uses backslash escapes, which could hide a reference or a script.
    #[error("The SVG logo's styles use CSS escapes, which are not allowed.")]
    SvgUnsafeStyle,
    /// Too many nodes or too deeply nested.
    #[error("The SVG logo is too complex.")]
    SvgTooComplex,
}

/// The three kinds of logo accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Png,
    Jpeg,
    Svg,
}

impl Kind {
    fn content_type(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Svg => "image/svg+xml",
        }
    }
}

/// Checks an uploaded logo against its declared content type and returns a clean copy.
///
/// PNG and JPEG are re-encoded without metadata and scaled down to [`STORED_LONG_EDGE`];
/// SVG is refused if active or external, else re-serialised from an allowlist.
pub fn clean_logo(declared_content_type: &str, bytes: &[u8]) -> Result<CleanLogo, LogoRefusal> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoRefusal::TooLarge);
    }
    if bytes.is_empty() {
        return Err(LogoRefusal::Empty);
    }
    let declared = declared_kind(declared_content_type).ok_or(LogoRefusal::UnknownType)?;
    let found = sniff(bytes).ok_or(LogoRefusal::UnknownType)?;
    if declared != found {
        return Err(LogoRefusal::TypeMismatch);
    }
    let bytes = match found {
        Kind::Svg => svg::clean_svg(svg_text(bytes).ok_or(LogoRefusal::UnknownType)?)?.into_bytes(),
        Kind::Png | Kind::Jpeg => clean_raster(bytes, found)?,
    };
    Ok(CleanLogo {
        bytes,
        content_type: found.content_type(),
    })
}

/// The declared type without parameters such as `; charset=utf-8`.
fn declared_kind(declared: &str) -> Option<Kind> {
    let essence = declared
        .split_once(';')
        .map_or(declared, |(essence, _)| essence);
    match essence.trim().to_ascii_lowercase().as_str() {
        "image/png" => Some(Kind::Png),
        "image/jpeg" => Some(Kind::Jpeg),
        "image/svg+xml" => Some(Kind::Svg),
        _ => None,
    }
}

/// The kind found from magic bytes; anything that reads as markup is an SVG candidate.
fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else {
        svg_text(bytes).map(|_| Kind::Svg)
    }
}

/// UTF-8 text without BOM or leading whitespace, if it starts with markup.
fn svg_text(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?.trim_start();
    text.starts_with('<').then_some(text)
}

/// Decodes a PNG or JPEG under limits and re-encodes it in the same format.
fn clean_raster(bytes: &[u8], kind: Kind) -> Result<Vec<u8>, LogoRefusal> {
    let format = if kind == Kind::Png {
        ImageFormat::Png
    } else {
        ImageFormat::Jpeg
    };
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(|error| read_error(&error, "its header is damaged"))?;
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(LogoRefusal::TooManyPixels);
    }
    decoder
        .set_limits(decode_limits())
        .map_err(|error| read_error(&error, "its header is damaged"))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|error| read_error(&error, "its image data is damaged"))?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > STORED_LONG_EDGE {
        image = image.resize(STORED_LONG_EDGE, STORED_LONG_EDGE, FilterType::Lanczos3);
    }
    encode(&image, kind)
}

fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // 16 megapixels of 16-bit RGBA, with room for the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    limits
}

fn read_error(error: &ImageError, what: &'static str) -> LogoRefusal {
    match error {
        ImageError::Limits(_) => LogoRefusal::TooManyPixels,
        _ => LogoRefusal::Unreadable(what),
    }
}

/// PNG as PNG, JPEG as JPEG at quality 90; no metadata is written.
fn encode(image: &DynamicImage, kind: Kind) -> Result<Vec<u8>, LogoRefusal> {
    let mut out = Vec::new();
    let written = match kind {
        Kind::Jpeg => image.write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90)),
        Kind::Png | Kind::Svg => image.write_with_encoder(PngEncoder::new(&mut out)),
    };
    written.map_err(|_| LogoRefusal::Unreadable("it could not be re-encoded"))?;
    Ok(out)
}

#[cfg(test)]
mod fuzz;
mod svg;
#[cfg(test)]
mod tests;
