//! SVG logos: parsed without DTDs, refused when anything in them is active or external,
//! otherwise re-serialised from an allowlist of static elements and attributes.

use roxmltree::{Attribute, Document, Node, ParsingOptions};

use super::LogoRefusal;

pub(super) const SVG_NS: &str = "http://www.w3.org/2000/svg";
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

/// Parses without DTD, refuses anything active or external, then re-serialises.
pub(super) fn clean_svg(text: &str) -> Result<String, LogoRefusal> {
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

pub(super) fn is_svg_element(node: Node, name: &str) -> bool {
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
