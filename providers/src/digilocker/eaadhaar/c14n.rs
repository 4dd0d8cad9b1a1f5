//! Inclusive XML canonicalisation 1.0 without comments (REC-xml-c14n-20010315) of the two
//! node-sets an enveloped signature needs: the whole document less the signature element,
//! and the subtree of SignedInfo. roxmltree has already done the parser's share of C14N:
//! entities and character references expanded, CDATA merged into text, attribute values
//! normalised, line ends turned into `\n`, and no DTD (it refuses them). Prefixes come from
//! the source text because roxmltree keeps only namespace URIs.

use roxmltree::{Document, Node, NodeId, NodeType};

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespaces rendered on the nearest output ancestor: (prefix, URI); the default one has
/// no prefix.
type Scope<'a> = Vec<(Option<&'a str>, &'a str)>;

/// The canonical form of the whole document, less the subtree of `omit` (the enveloped
/// signature) and less comments.
pub(super) fn document(doc: &Document, omit: Option<NodeId>) -> String {
    let mut out = String::new();
    let mut after_root = false;
    for child in doc.root().children() {
        match child.node_type() {
            NodeType::Element => {
                element(child, &Vec::new(), &[], omit, &mut out);
                after_root = true;
            }
            NodeType::PI => {
                if after_root {
                    out.push('\n');
                }
                processing_instruction(child, &mut out);
                if !after_root {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    out
}

/// The canonical form of `apex` and its descendants as a document subset: the apex renders
/// every namespace in scope and inherits the `xml:` attributes of its ancestors.
pub(super) fn subtree(apex: Node) -> String {
    let mut inherited: Vec<(&str, &str)> = Vec::new();
    for ancestor in apex.ancestors().skip(1).filter(|n| n.is_element()) {
        for attribute in ancestor.attributes() {
            if attribute.namespace() == Some(XML_NAMESPACE)
                && apex.attribute((XML_NAMESPACE, attribute.name())).is_none()
                && !inherited.iter().any(|(name, _)| *name == attribute.name())
            {
                inherited.push((attribute.name(), attribute.value()));
            }
        }
    }
    let mut out = String::new();
    element(apex, &Vec::new(), &inherited, None, &mut out);
    out
}

fn element<'a>(
    node: Node<'a, '_>,
    parent: &Scope<'a>,
    inherited_xml: &[(&str, &str)],
    omit: Option<NodeId>,
    out: &mut String,
) {
    if Some(node.id()) == omit {
        return;
    }
    let mut scope: Scope<'a> = node
        .namespaces()
        .filter(|ns| ns.name() != Some("xml") && !(ns.name().is_none() && ns.uri().is_empty()))
        .map(|ns| (ns.name(), ns.uri()))
        .collect();
    scope.sort();
    let default_of = |s: &Scope<'a>| s.iter().find(|(p, _)| p.is_none()).map_or("", |(_, u)| *u);
    let qname = element_qname(node);
    out.push('<');
    out.push_str(qname);
    if default_of(&scope) != default_of(parent) {
        out.push_str(" xmlns=\"");
        escape_attribute(default_of(&scope), out);
        out.push('"');
    }
    for (prefix, uri) in &scope {
        if let Some(prefix) = prefix {
            if !parent.contains(&(Some(prefix), uri)) {
                out.push_str(" xmlns:");
                out.push_str(prefix);
                out.push_str("=\"");
                escape_attribute(uri, out);
                out.push('"');
            }
        }
    }
    let text = node.document().input_text();
    // (namespace URI, local name, qualified name, value), sorted as C14N asks.
    let mut attributes: Vec<(&str, &str, String, &str)> = node
        .attributes()
        .map(|a| {
            let qname = text.get(a.range_qname()).unwrap_or(a.name()).to_owned();
            (a.namespace().unwrap_or(""), a.name(), qname, a.value())
        })
        .collect();
    for (name, value) in inherited_xml {
        attributes.push((XML_NAMESPACE, name, format!("xml:{name}"), value));
    }
    attributes.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (_, _, qname, value) in &attributes {
        out.push(' ');
        out.push_str(qname);
        out.push_str("=\"");
        escape_attribute(value, out);
        out.push('"');
    }
    out.push('>');
    for child in node.children() {
        match child.node_type() {
            NodeType::Element => element(child, &scope, &[], omit, out),
            NodeType::Text => escape_text(child.text().unwrap_or_default(), out),
            NodeType::PI => processing_instruction(child, out),
            _ => {}
        }
    }
    out.push_str("</");
    out.push_str(qname);
    out.push('>');
}

/// The element's name as written (`ds:Signature`), read from the source after its `<`.
fn element_qname<'a>(node: Node<'_, 'a>) -> &'a str {
    let text = node.document().input_text();
    let start = node.range().start + 1;
    let rest = text.get(start..).unwrap_or_default();
    // XML's own white space only: Unicode's (U+1680, say) may be part of a name, and
    // stopping there would give `<Poi\u{1680}x>` the canonical form of `<Poi>`.
    let end = rest
        .find([' ', '\t', '\r', '\n', '/', '>'])
        .unwrap_or(rest.len());
    match rest.get(..end) {
        Some(name) if !name.is_empty() => name,
        _ => node.tag_name().name(),
    }
}

fn processing_instruction(node: Node, out: &mut String) {
    if let Some(pi) = node.pi() {
        out.push_str("<?");
        out.push_str(pi.target);
        if let Some(value) = pi.value.filter(|v| !v.is_empty()) {
            out.push(' ');
            out.push_str(value);
        }
        out.push_str("?>");
    }
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

fn escape_attribute(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}
