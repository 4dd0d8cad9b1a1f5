//! Whole XML documents for the canonicaliser's differential target: a tree of elements in
//! which every prefix used is declared, with namespaces redeclared, prefixed and `xml:`
//! attributes, escaped text and attributes, character references, CDATA, comments and
//! processing instructions, rendered with a choice of quotes and escapes.

use kyc_fuzz::proptest::collection::vec;
use kyc_fuzz::proptest::prelude::*;
use kyc_fuzz::proptest::sample::select;

const PREFIXES: &[&str] = &["p", "q"];
/// ASCII URIs without `&`: lxml refuses a namespace URI that is not a valid URI (`urn:é`),
/// and libxml2 writes them unescaped (see
/// [`super::a_namespace_uri_is_escaped_as_the_spec_says_where_libxml2_does_not`]).
const URIS: &[&str] = &[
    "urn:a",
    "urn:b",
    "http://example.com/n?x=1;y=2#f",
    "urn:%C3%A9",
];
/// `Poi\u{1680}x`: Unicode white space inside a name (found by review: the canonical form
/// cut the name there).
const NAMES: &[&str] = &[
    "r",
    "e",
    "Poi",
    "a-b",
    "x.y",
    "_u",
    "\u{939}",
    "Poi\u{1680}x",
];
const ATTRIBUTES: &[&str] = &["a", "b", "Z", "id", "a1", "\u{e9}"];

#[derive(Debug, Clone)]
enum Item {
    Element(Element),
    Text(Vec<Piece>),
    Comment(String),
    Pi(&'static str, String),
}

#[derive(Debug, Clone)]
struct Element {
    prefix: Option<usize>,
    name: &'static str,
    /// `xmlns="..."` on this element: a URI, or `""` to leave the default namespace.
    default_namespace: Option<&'static str>,
    /// `xmlns:p="..."` (re)declarations on this element.
    declarations: Vec<(usize, &'static str)>,
    attributes: Vec<Attribute>,
    children: Vec<Item>,
}

/// An attribute: in no namespace, a prefix's, or `xml:`; its value; its quotes.
#[derive(Debug, Clone)]
struct Attribute {
    prefix: Option<usize>,
    xml: bool,
    name: &'static str,
    value: Vec<Piece>,
    single_quoted: bool,
}

#[derive(Debug, Clone)]
enum Piece {
    Plain(&'static str),
    CharRef(u32, bool),
    CData(&'static str),
}

const TEXT: &[&str] = &[
    "a",
    "Asha Rao",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "&",
    "<",
    ">",
    "]]>",
    "\"",
    "'",
    "\u{e9}",
    "\u{939}\u{93f}",
    "\u{1f600}",
    "=",
    "?",
    "-",
];
const CHAR_REFS: &[u32] = &[9, 10, 13, 32, 34, 38, 39, 60, 62, 0xe9, 0x939, 0x1f600];

fn pieces(cdata: bool) -> impl Strategy<Value = Vec<Piece>> {
    let piece = if cdata {
        prop_oneof![
            6 => select(TEXT).prop_map(Piece::Plain),
            2 => (select(CHAR_REFS), any::<bool>()).prop_map(|(c, hex)| Piece::CharRef(c, hex)),
            1 => select(vec!["", "x", "<y>&amp;", " ]] >", "\r\n"]).prop_map(Piece::CData),
        ]
        .boxed()
    } else {
        prop_oneof![
            6 => select(TEXT).prop_map(Piece::Plain),
            2 => (select(CHAR_REFS), any::<bool>()).prop_map(|(c, hex)| Piece::CharRef(c, hex)),
        ]
        .boxed()
    };
    vec(piece, 0..6)
}

fn leaf() -> impl Strategy<Value = Item> {
    prop_oneof![
        4 => pieces(true).prop_map(Item::Text),
        1 => select(vec!["", " c ", "a-b", "<x>&"]).prop_map(|c| Item::Comment(c.to_owned())),
        1 => (select(vec!["pi", "keep", "x-y"]), select(vec!["", "data", " spaced  ", "a?b", "\u{e9}"]))
            .prop_map(|(t, v)| Item::Pi(t, v.to_owned())),
    ]
}

fn element(children: impl Strategy<Value = Vec<Item>>) -> impl Strategy<Value = Element> {
    let attribute = (
        prop::option::weighted(0.3, 0..PREFIXES.len()),
        prop::bool::weighted(0.1),
        select(ATTRIBUTES),
        pieces(false),
        any::<bool>(),
    )
        .prop_map(|(prefix, xml, name, value, single_quoted)| Attribute {
            prefix,
            xml,
            name,
            value,
            single_quoted,
        });
    (
        prop::option::weighted(0.4, 0..PREFIXES.len()),
        select(NAMES),
        prop::option::weighted(0.3, select(vec!["", "urn:a", "urn:d"])),
        vec((0..PREFIXES.len(), select(URIS)), 0..2),
        vec(attribute, 0..4),
        children,
    )
        .prop_map(
            |(prefix, name, default_namespace, declarations, attributes, children)| Element {
                prefix,
                name,
                default_namespace,
                declarations,
                attributes,
                children,
            },
        )
}

/// Whole documents: an optional declaration, comments and PIs around one root element
/// that declares both prefixes.
pub(super) fn document() -> impl Strategy<Value = String> {
    let tree = leaf().prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            1 => leaf(),
            2 => element(vec(inner, 0..5)).prop_map(Item::Element),
        ]
    });
    (
        any::<bool>(),
        vec(leaf(), 0..2),
        element(vec(tree, 0..5)),
        (select(URIS), select(URIS)),
        vec(leaf(), 0..2),
    )
        .prop_map(|(declaration, before, mut root, (p, q), after)| {
            root.declarations.insert(0, (0, p));
            root.declarations.insert(1, (1, q));
            let mut out = String::new();
            if declaration {
                out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            }
            for item in before.iter().filter(|i| !matches!(i, Item::Text(_))) {
                render(item, &mut out);
                out.push('\n');
            }
            render(&Item::Element(root), &mut out);
            for item in after.iter().filter(|i| !matches!(i, Item::Text(_))) {
                out.push('\n');
                render(item, &mut out);
            }
            out
        })
}

fn render(item: &Item, out: &mut String) {
    match item {
        Item::Text(pieces) => render_pieces(pieces, None, out),
        Item::Comment(text) => {
            out.push_str("<!--");
            out.push_str(text);
            out.push_str("-->");
        }
        Item::Pi(target, value) => {
            out.push_str("<?");
            out.push_str(target);
            if !value.is_empty() {
                out.push(' ');
                out.push_str(value);
            }
            out.push_str("?>");
        }
        Item::Element(element) => {
            let qname = match element.prefix {
                Some(p) => format!("{}:{}", PREFIXES[p], element.name),
                None => element.name.to_owned(),
            };
            out.push('<');
            out.push_str(&qname);
            if let Some(uri) = element.default_namespace {
                out.push_str(" xmlns=\"");
                render_pieces(&[Piece::Plain(uri)], Some('"'), out);
                out.push('"');
            }
            let mut declared = Vec::new();
            for (prefix, uri) in &element.declarations {
                if declared.contains(prefix) {
                    continue;
                }
                declared.push(*prefix);
                out.push_str(&format!(" xmlns:{}=\"", PREFIXES[*prefix]));
                render_pieces(&[Piece::Plain(uri)], Some('"'), out);
                out.push('"');
            }
            let mut seen = Vec::new();
            for attribute in &element.attributes {
                let name = attribute.name;
                let qname = match (attribute.xml, attribute.prefix) {
                    // Not xml:id: libxml2 checks its value is a name, which is validity.
                    (true, _) => "xml:lang".to_owned(),
                    (false, Some(p)) => format!("{}:{}", PREFIXES[p], name),
                    (false, None) => name.to_owned(),
                };
                if seen.contains(&qname) {
                    continue;
                }
                let quote = if attribute.single_quoted { '\'' } else { '"' };
                out.push(' ');
                out.push_str(&qname);
                out.push('=');
                out.push(quote);
                render_pieces(&attribute.value, Some(quote), out);
                out.push(quote);
                seen.push(qname);
            }
            if element.children.is_empty() {
                out.push_str("/>");
                return;
            }
            out.push('>');
            for child in &element.children {
                render(child, out);
            }
            out.push_str("</");
            out.push_str(&qname);
            out.push('>');
        }
    }
}

/// Text (`quote` None) or an attribute value in `quote`s, escaped as it must be.
fn render_pieces(pieces: &[Piece], quote: Option<char>, out: &mut String) {
    for piece in pieces {
        match piece {
            Piece::Plain(text) => {
                for c in text.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        '"' if quote == Some('"') => out.push_str("&quot;"),
                        '\'' if quote == Some('\'') => out.push_str("&apos;"),
                        c => out.push(c),
                    }
                }
            }
            Piece::CharRef(c, true) => out.push_str(&format!("&#x{c:X};")),
            Piece::CharRef(c, false) => out.push_str(&format!("&#{c};")),
            Piece::CData(text) => {
                out.push_str("<![CDATA[");
                out.push_str(text);
                out.push_str("]]>");
            }
        }
    }
}
