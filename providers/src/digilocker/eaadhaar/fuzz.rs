//! Fuzzing the e-Aadhaar verifier and its canonicaliser (see `kyc-fuzz`).
//!
//! - The verifier, on signed documents mutated byte by byte: it never panics, and anything
//!   it accepts reads exactly as the document that was signed (a change it let through
//!   would have to leave the signed data as it was).
//! - The canonicaliser, differentially: documents generated with namespaces, prefixes
//!   redeclared, escaped attributes and text, character references, CDATA, comments,
//!   processing instructions and `xml:` attributes, canonicalised here and by libxml2
//!   (lxml, `scripts/c14n_reference.py`); both must agree, or both refuse the document.
//!   Whole documents only: lxml canonicalises an element apart from its document (drops
//!   the xml: attributes a subset inherits, writes a wrong `xmlns=""` under an inherited
//!   default namespace), so SignedInfo's subtree form is checked against xmlsec1 itself
//!   (`a_document_signed_by_xmlsec1_verifies`: its SignedInfo inherits xml:lang).
//! - The canonicaliser on mutated documents: its output is a fixed point (canonicalising
//!   the canonical form changes nothing).

use std::cell::Cell;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, PoisonError};

use kyc_fuzz::proptest::collection::vec;
use kyc_fuzz::proptest::prelude::*;
use kyc_fuzz::proptest::sample::select;
use kyc_fuzz::{run, run_bytes, Corpus};

use super::tests::{cert, signed, SANDBOX_CERT, XMLSEC1_SIGNED};
use super::*;

const XML_TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "=\"",
    "\"",
    "'",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x110000;",
    "&#13;",
    "&#x9;",
    "&e;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?pi x?>",
    "<!DOCTYPE a>",
    "<!DOCTYPE a [<!ENTITY e \"x\">]>",
    "xmlns=\"\"",
    "xmlns=\"urn:x\"",
    "xmlns:ds=\"urn:x\"",
    "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"",
    "ds:",
    "<Signature>",
    "</Signature>",
    "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">",
    "</ds:Signature>",
    "<Reference URI=\"\">",
    "URI=\"#x\"",
    "Id=\"x\"",
    "<Transform Algorithm=\"",
    "\"/>",
    "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    "http://www.w3.org/2001/04/xmlenc#sha256",
    "<X509Certificate>",
    "</X509Certificate>",
    "<Poi ",
    "name=\"",
    "dob=\"31-02-1990\"",
    "dob=\"",
    "gender=\"X\"",
    "uid=\"",
    "<UidData>",
    "<Pht>",
    "</Pht>",
    "====",
    "\u{feff}",
    "\n",
    "\r",
    " ",
];

/// Whatever the bytes, verification answers; anything accepted reads as what was signed.
#[test]
fn fuzz_eaadhaar_verifier() {
    let trusted = [cert(SANDBOX_CERT)];
    let ours = signed();
    let expected_ours = verify(ours.as_bytes(), &trusted).expect("our signed document");
    let expected_xmlsec1 = verify(XMLSEC1_SIGNED.as_bytes(), &trusted).expect("xmlsec1's");
    let corpus = Corpus::new(
        vec![ours.into_bytes(), XMLSEC1_SIGNED.as_bytes().to_vec()],
        16 * 1024,
    )
    .with_tokens(XML_TOKENS);
    run_bytes("e-aadhaar verify", &corpus, |bytes| {
        if let Ok(read) = verify(bytes, &trusted) {
            prop_assert!(
                read == expected_ours || read == expected_xmlsec1,
                "a changed document verified and reads differently"
            );
        }
        Ok(())
    });
}

/// Canonicalising a canonical form gives it back, for any document the verifier parses.
#[test]
fn fuzz_c14n_is_a_fixed_point() {
    let corpus = Corpus::new(
        vec![
            signed().into_bytes(),
            XMLSEC1_SIGNED.as_bytes().to_vec(),
            generated_seed(),
        ],
        16 * 1024,
    )
    .with_tokens(XML_TOKENS);
    run_bytes("c14n fixed point", &corpus, |bytes| {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Ok(());
        };
        let text = line_ends(text);
        let Ok(doc) = parse(&text) else {
            return Ok(());
        };
        let once = c14n::document(&doc, None);
        let again = parse(&once).map(|doc| c14n::document(&doc, None));
        prop_assert_eq!(again.as_ref(), Ok(&once), "from {:?}", text);
        Ok(())
    });
}

/// Documents the generator makes agree with libxml2's canonical form.
#[test]
fn fuzz_c14n_against_libxml2() {
    let reference = Mutex::new(Reference::start());
    let (compared, refused) = (Cell::new(0u32), Cell::new(0u32));
    run("c14n vs libxml2", document(), |text| {
        let normalised = line_ends(&text);
        let ours = parse(&normalised).map(|doc| c14n::document(&doc, None));
        let mut reference = reference.lock().unwrap_or_else(PoisonError::into_inner);
        let theirs = reference.canonical(text.as_bytes());
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => {
                compared.set(compared.get() + 1);
                prop_assert_eq!(ours, theirs, "for {}", text)
            }
            (Err(_), Err(_)) => refused.set(refused.get() + 1),
            (ours, theirs) => prop_assert!(
                false,
                "one refused: ours {:?}, libxml2 {:?}, for {}",
                ours,
                theirs,
                text
            ),
        }
        Ok(())
    });
    println!(
        "c14n vs libxml2: {} canonical forms compared, {} documents refused by both",
        compared.get(),
        refused.get()
    );
    // Mostly well-formed documents, or the comparison says little.
    assert!(compared.get() > refused.get());
}

/// The generated documents catch what they are meant to: a canonicaliser that keeps
/// comments or the source's attribute order disagrees with libxml2 on the first documents.
#[test]
fn the_reference_tells_canonical_forms_apart() {
    let mut reference = Reference::start();
    let doc = "<r b=\"1\" a=\"2\"><!-- c --></r>";
    assert_eq!(
        reference.canonical(doc.as_bytes()).as_deref(),
        Ok("<r a=\"2\" b=\"1\"></r>")
    );
    assert_ne!(
        reference.canonical(doc.as_bytes()).as_deref(),
        Ok("<r b=\"1\" a=\"2\"><!-- c --></r>")
    );
    assert!(reference.canonical(b"<r><unclosed></r>").is_err());
}

/// Found by the differential target: libxml2 copies a namespace URI into its canonical
/// form without escaping it (`xmlns:p="?x=1&y=2"`, which is not even well-formed), where
/// C14N 1.0 processes namespace nodes as attributes, escaped. Ours follows the
/// specification; the generator leaves such URIs out so the targets compare the rest.
#[test]
fn a_namespace_uri_is_escaped_as_the_spec_says_where_libxml2_does_not() {
    let input = "<r xmlns:p=\"urn:x?a=1&amp;b=2\"/>";
    let doc = parse(input).expect("parsed");
    assert_eq!(
        c14n::document(&doc, None),
        "<r xmlns:p=\"urn:x?a=1&amp;b=2\"></r>"
    );
    let theirs = Reference::start().canonical(input.as_bytes());
    assert_eq!(theirs.as_deref(), Ok("<r xmlns:p=\"urn:x?a=1&b=2\"></r>"));
}

/// Found by the differential target: a lone carriage return in text beside a reference
/// canonicalised as `&#xD;` where libxml2 (and so xmlsec1) gives a line feed, so a
/// signature over such a document would not have verified here.
#[test]
fn a_lone_carriage_return_is_a_line_end_as_in_libxml2() {
    let input = "<r>a\r&amp;b\r\nc&#13;</r>";
    let ours = c14n::document(&parse(&line_ends(input)).expect("parsed"), None);
    assert_eq!(ours, "<r>a\n&amp;b\nc&#xD;</r>");
    assert_eq!(Reference::start().canonical(input.as_bytes()), Ok(ours));
}

/// Found by the fixed-point target (100,000 inputs): roxmltree took `<?xml< ...?>` for a
/// processing instruction named `xml` whose canonical form, `<?xml < ...?>`, no longer
/// parses. XML reserves the name, needs a space before a PI's data and (with namespaces)
/// allows no colon in its target; libxml2 refuses all three, and now so do we.
#[test]
fn a_processing_instruction_named_xml_or_without_a_space_is_refused() {
    for input in [
        "<?xml< version=\"1.0\"?><r/>",
        "<r><?XmL x?></r>",
        "<r><?pi<x?></r>",
        "<r><?pi?x?></r>",
        "<r><?pi??></r>",
        "<r><?a:b x?></r>",
    ] {
        assert_eq!(parse(input).err(), Some(XmlError::NotXml), "{input}");
        assert!(
            Reference::start().canonical(input.as_bytes()).is_err(),
            "{input}"
        );
    }
    for input in [
        "<r><?pi?></r>",
        "<r><?pi ?></r>",
        "<r><?pi x?></r>",
        "<r><?pi\tx?></r>",
    ] {
        assert!(parse(input).is_ok(), "{input}");
    }
}

/// A generated document, as a seed for the mutation targets.
fn generated_seed() -> Vec<u8> {
    use kyc_fuzz::proptest::strategy::ValueTree;
    let mut runner = kyc_fuzz::proptest::test_runner::TestRunner::deterministic();
    document()
        .new_tree(&mut runner)
        .expect("a document")
        .current()
        .into_bytes()
}

/// libxml2's C14N in a Python child, asked over pipes.
struct Reference {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Reference {
    /// The venv `scripts/test` makes (`ensure_xml_reference` in scripts/lib.sh), or the
    /// python `KYC_TEST_XML_REFERENCE` names.
    fn start() -> Reference {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let python = std::env::var("KYC_TEST_XML_REFERENCE")
            .unwrap_or_else(|_| format!("{root}/target/xml-reference/bin/python"));
        let mut child = Command::new(&python)
            .arg(format!("{root}/scripts/c14n_reference.py"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "the XML reference ({python}) did not start: {e}; scripts/test installs it \
                     (ensure_xml_reference in scripts/lib.sh)"
                )
            });
        let input = child.stdin.take().expect("stdin");
        let output = BufReader::new(child.stdout.take().expect("stdout"));
        let mut reference = Reference {
            child,
            input,
            output,
        };
        assert_eq!(
            reference.canonical(b"<r b='1' a='2'/>").as_deref(),
            Ok("<r a=\"2\" b=\"1\"></r>"),
            "the XML reference ({python}) does not canonicalise"
        );
        reference
    }

    /// The canonical form of the whole document.
    fn canonical(&mut self, document: &[u8]) -> Result<String, String> {
        self.ask("document", document)
    }

    fn ask(&mut self, what: &str, document: &[u8]) -> Result<String, String> {
        fn dead<T>(e: std::io::Error) -> T {
            panic!("the XML reference stopped answering: {e}")
        }
        writeln!(self.input, "{} {what}", document.len()).unwrap_or_else(dead);
        self.input.write_all(document).unwrap_or_else(dead);
        self.input.flush().unwrap_or_else(dead);
        let mut header = String::new();
        self.output.read_line(&mut header).unwrap_or_else(dead);
        let Some((status, length)) = header.trim_end().split_once(' ') else {
            panic!("the XML reference stopped answering (is lxml installed in its venv?)");
        };
        let mut body = vec![0; length.parse().expect("a length")];
        self.output.read_exact(&mut body).unwrap_or_else(dead);
        let body = String::from_utf8(body).expect("UTF-8 from the reference");
        match status {
            "ok" => Ok(body),
            _ => Err(body),
        }
    }
}

impl Drop for Reference {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// The generator: a tree of elements in which every prefix used is declared, rendered with
// a choice of quotes, escapes and character references.

const PREFIXES: &[&str] = &["p", "q"];
/// ASCII URIs without `&`: lxml refuses a namespace URI that is not a valid URI (`urn:é`),
/// and libxml2 writes them unescaped (see
/// [`a_namespace_uri_is_escaped_as_the_spec_says_where_libxml2_does_not`]).
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
fn document() -> impl Strategy<Value = String> {
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
