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
use std::sync::{Mutex, PoisonError};

use kyc_fuzz::proptest::prelude::*;
use kyc_fuzz::{run, run_bytes, Corpus};

mod generator;
mod reference;

use generator::document;
use reference::Reference;

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
