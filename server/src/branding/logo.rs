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
use roxmltree::{Attribute, Document, Node, ParsingOptions};

/// Largest logo accepted, in bytes.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;
/// Largest width or height of a PNG or JPEG logo, in pixels, read from its header.
pub const MAX_SIDE: u32 = 4096;
/// Largest number of pixels of a PNG or JPEG logo, read from its header.
pub const MAX_PIXELS: u64 = 16_000_000;
/// Long edge a PNG or JPEG logo is scaled down to, keeping its aspect ratio.
pub const STORED_LONG_EDGE: u32 = 1024;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const MAX_SVG_NODES: u32 = 50_000;
const MAX_SVG_DEPTH: usize = 128;
/// CSS that loads other content with or without `url()`.
const CSS_LOADERS: &str = "@import image-set( image( src( element( cross-fade(";

/// Static SVG elements kept; anything else is dropped with its content.
const ELEMENTS: &str = "\
    svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textPath \
    title desc style marker linearGradient radialGradient stop clipPath mask pattern filter \
    feGaussianBlur feOffset feFlood feComposite feMerge feMergeNode feBlend feColorMatrix \
    feMorphology feDropShadow";
/// Elements whose text content is kept.
const TEXT_ELEMENTS: &str = "text tspan textPath title desc style";
/// Geometry and presentation attributes kept (in no namespace); anything else is dropped.
const ATTRIBUTES: &str = "\
    id class style transform viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx cy r \
    rx ry fx fy fr d points pathLength offset href gradientUnits gradientTransform \
    spreadMethod patternUnits patternContentUnits patternTransform clipPathUnits maskUnits \
    maskContentUnits filterUnits primitiveUnits refX refY markerWidth markerHeight \
    markerUnits orient dx dy rotate textLength lengthAdjust startOffset fill fill-opacity \
    fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin \
    stroke-miterlimit stroke-dasharray stroke-dashoffset opacity clip-path clip-rule mask \
    filter color display visibility overflow stop-color stop-opacity font-family font-size \
    font-weight font-style font-variant font-stretch text-anchor dominant-baseline \
    alignment-baseline baseline-shift letter-spacing word-spacing text-decoration \
    writing-mode direction paint-order vector-effect shape-rendering text-rendering \
    color-interpolation color-interpolation-filters mix-blend-mode isolation marker-start \
    marker-mid marker-end flood-color flood-opacity in in2 result stdDeviation operator k1 k2 \
    k3 k4 mode type values radius role aria-label aria-hidden";

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
        Kind::Svg => clean_svg(svg_text(bytes).ok_or(LogoRefusal::UnknownType)?)?.into_bytes(),
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

/// Parses without DTD, refuses anything active or external, then re-serialises.
fn clean_svg(text: &str) -> Result<String, LogoRefusal> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_SVG_NODES,
        ..Default::default()
    };
    let document = Document::parse_with_options(text, options).map_err(|error| match error {
        roxmltree::Error::DtdDetected => LogoRefusal::SvgDoctype,
        roxmltree::Error::NodesLimitReached => LogoRefusal::SvgTooComplex,
        _ => LogoRefusal::Unreadable("it is not well-formed XML"),
    })?;
    let root = document.root_element();
    if !is_svg_element(root, "svg") {
        return Err(LogoRefusal::SvgNotSvg);
    }
    for element in root.descendants().filter(Node::is_element) {
        check_element(element)?;
    }
    serialise(root)
}

fn is_svg_element(node: Node, name: &str) -> bool {
    node.tag_name().namespace() == Some(SVG_NS) && node.tag_name().name() == name
}

/// Refuses active or external content, in any namespace, kept or not.
fn check_element(element: Node) -> Result<(), LogoRefusal> {
    let name = element.tag_name().name().to_ascii_lowercase();
    match name.as_str() {
        "script" | "handler" | "listener" => return Err(LogoRefusal::SvgScript),
        "foreignobject" => return Err(LogoRefusal::SvgForeignObject),
        "image" | "feimage" => return Err(LogoRefusal::SvgImage),
        "set" | "discard" => return Err(LogoRefusal::SvgAnimation),
        _ if name.starts_with("animate") => return Err(LogoRefusal::SvgAnimation),
        "style" => check_css(&child_text(element))?,
        _ => {}
    }
    element
        .attributes()
        .try_for_each(|attribute| check_attribute(&attribute))
}

/// The direct text children joined, as CSS sees a `style` element.
fn child_text(element: Node) -> String {
    element
        .children()
        .filter(Node::is_text)
        .filter_map(|child| child.text())
        .collect()
}

fn check_attribute(attribute: &Attribute) -> Result<(), LogoRefusal> {
    let name = attribute.name().to_ascii_lowercase();
    let value = attribute.value();
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    if name.starts_with("on") || squeezed.contains("javascript:") || squeezed.contains("vbscript:")
    {
        return Err(LogoRefusal::SvgScript);
    }
    if name == "href" && !is_fragment(value) {
        return Err(LogoRefusal::SvgExternalReference);
    }
    if name == "style" {
        check_css(value)
    } else {
        check_urls(value)
    }
}

/// Refuses CSS that could load anything or hide what it does.
fn check_css(css: &str) -> Result<(), LogoRefusal> {
    let lower = css.to_ascii_lowercase();
    if lower.contains('\\') {
        return Err(LogoRefusal::SvgUnsafeStyle);
    }
    if lower.contains("javascript:") || lower.contains("expression(") {
        return Err(LogoRefusal::SvgScript);
    }
    if CSS_LOADERS
        .split_ascii_whitespace()
        .any(|loader| lower.contains(loader))
    {
        return Err(LogoRefusal::SvgExternalReference);
    }
    check_urls(css)
}

/// Every `url(...)` must name an element of the same document (`#id`).
fn check_urls(value: &str) -> Result<(), LogoRefusal> {
    let lower = value.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find("url(") {
        let after = &rest[start + 4..];
        let end = after.find(')').ok_or(LogoRefusal::SvgExternalReference)?;
        let target = after[..end].trim().trim_matches(|c| c == '"' || c == '\'');
        if !is_fragment(target) {
            return Err(LogoRefusal::SvgExternalReference);
        }
        rest = &after[end..];
    }
    Ok(())
}

/// `#id` with a plain identifier: no scheme, path, query or XPointer.
fn is_fragment(value: &str) -> bool {
    let id = value.trim().strip_prefix('#').unwrap_or_default();
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.:".contains(c))
}

/// Writes the kept elements, attributes and text, without recursion.
fn serialise(root: Node) -> Result<String, LogoRefusal> {
    let mut out = String::new();
    open_tag(&mut out, root, true);
    let mut open = vec![root];
    let mut next = root.first_child();
    loop {
        let Some(node) = next else {
            let Some(done) = open.pop() else { break };
            out.push_str(&format!("</{}>", done.tag_name().name()));
            if open.is_empty() {
                break;
            }
            next = done.next_sibling();
            continue;
        };
        if node.is_element() && keeps_element(node) {
            if open.len() >= MAX_SVG_DEPTH {
                return Err(LogoRefusal::SvgTooComplex);
            }
            open_tag(&mut out, node, false);
            open.push(node);
            next = node.first_child();
            continue;
        }
        let in_text_element = node
            .parent()
            .is_some_and(|parent| listed(TEXT_ELEMENTS, parent.tag_name().name()).is_some());
        if node.is_text() && in_text_element {
            push_escaped(&mut out, node.text().unwrap_or_default(), false);
        }
        next = node.next_sibling();
    }
    Ok(out)
}

/// Allowlisted SVG elements, except inside elements that only hold text.
fn keeps_element(node: Node) -> bool {
    let parent_holds_text = node
        .parent_element()
        .is_some_and(|parent| ["style", "title", "desc"].contains(&parent.tag_name().name()));
    node.tag_name().namespace() == Some(SVG_NS)
        && listed(ELEMENTS, node.tag_name().name()).is_some()
        && !parent_holds_text
}

fn open_tag(out: &mut String, element: Node, is_root: bool) {
    out.push('<');
    out.push_str(element.tag_name().name());
    if is_root {
        out.push_str(&format!(r#" xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}""#));
    }
    for attribute in element.attributes() {
        if let Some(name) = kept_attribute_name(&attribute) {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            push_escaped(out, attribute.value(), true);
            out.push('"');
        }
    }
    out.push('>');
}

/// The name to write an attribute under, or `None` to drop it.
fn kept_attribute_name(attribute: &Attribute) -> Option<&'static str> {
    match (attribute.namespace(), attribute.name()) {
        (None, name) => listed(ATTRIBUTES, name),
        (Some(XLINK_NS), "href") => Some("xlink:href"),
        (Some(XML_NS), "space") => Some("xml:space"),
        _ => None,
    }
}

/// The entry of a space-separated list equal to `name`.
fn listed(list: &'static str, name: &str) -> Option<&'static str> {
    list.split_ascii_whitespace().find(|item| *item == name)
}

/// Escapes for XML text or a double-quoted attribute; drops characters XML cannot hold.
fn push_escaped(out: &mut String, text: &str, in_attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\t' | '\n' | '\r' if in_attribute => out.push_str(&format!("&#{};", u32::from(c))),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() && u32::from(c) < 0x20 => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
