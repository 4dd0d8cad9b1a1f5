//! The e-Aadhaar XML DigiLocker hands out, checked against the certificates we configured
//! as trusted, then read. Nothing is read from a document whose signature has not been
//! checked, and nothing in the document (an embedded certificate included) is trusted.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use roxmltree::{Document, Node};

mod c14n;
mod certificate;
mod xmldsig;

pub use certificate::{CertificateError, TrustedCertificate};

pub use xmldsig::sign;

/// Larger answers are refused before parsing (a real e-Aadhaar is about 50 KB).
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;
const MAX_NODES: u32 = 20_000;
/// e-Aadhaar nests about six levels deep.
const MAX_DEPTH: usize = 64;

/// Why a document was refused. Messages name the problem, never the document's content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    #[error("the document is larger than 5 MB")]
    TooLarge,
    #[error("the document is not well-formed XML")]
    NotXml,
    #[error("the document is nested too deeply")]
    TooDeep,
    #[error("the document declares a DTD or entities, which are not allowed")]
    DtdNotAllowed,
    #[error("the document is not signed")]
    NotSigned,
    #[error("the document has more than one signature")]
    MultipleSignatures,
    #[error("the signature is not an enveloped signature of the document element")]
    SignatureMisplaced,
    #[error("the signature is incomplete or unreadable ({0})")]
    MalformedSignature(&'static str),
    #[error("the signature does not cover the whole document")]
    UnsupportedReference,
    #[error("the signature uses a {0} algorithm we do not accept")]
    UnsupportedAlgorithm(&'static str),
    #[error("no trusted certificate is configured")]
    NoTrustedCertificate,
    #[error("the document is signed by a certificate we do not trust")]
    UntrustedCertificate,
    #[error("the signature is not valid")]
    BadSignature,
    #[error("the document was changed after it was signed")]
    DigestMismatch,
    #[error("the document is not an e-Aadhaar (missing {0})")]
    NotEAadhaar(&'static str),
    #[error("the document is not an e-Aadhaar (more than one {0})")]
    Duplicated(&'static str),
    #[error("the document's {0} is not valid")]
    InvalidField(&'static str),
    #[error("the document could not be signed")]
    SigningFailed,
}

impl XmlError {
    /// A stable snake_case code, for storage.
    pub fn code(&self) -> &'static str {
        match self {
            XmlError::TooLarge => "document_too_large",
            XmlError::NotXml => "document_not_xml",
            XmlError::TooDeep => "document_too_deep",
            XmlError::DtdNotAllowed => "document_dtd",
            XmlError::NotSigned => "document_not_signed",
            XmlError::MultipleSignatures => "document_multiple_signatures",
            XmlError::SignatureMisplaced => "document_signature_misplaced",
            XmlError::MalformedSignature(_) => "document_signature_malformed",
            XmlError::UnsupportedReference => "document_reference_unsupported",
            XmlError::UnsupportedAlgorithm(_) => "document_algorithm_unsupported",
            XmlError::NoTrustedCertificate => "document_no_trusted_certificate",
            XmlError::UntrustedCertificate => "document_untrusted_certificate",
            XmlError::BadSignature => "document_bad_signature",
            XmlError::DigestMismatch => "document_tampered",
            XmlError::NotEAadhaar(_) | XmlError::Duplicated(_) => "document_not_eaadhaar",
            XmlError::InvalidField(_) => "document_invalid_field",
            XmlError::SigningFailed => "document_signing_failed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    Transgender,
}

impl Gender {
    /// Reads UIDAI's one-letter code (`M`, `F`, `T`).
    pub fn parse(code: &str) -> Option<Gender> {
        match code.trim() {
            "F" | "f" => Some(Gender::Female),
            "M" | "m" => Some(Gender::Male),
            "T" | "t" => Some(Gender::Transgender),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Gender::Female => "F",
            Gender::Male => "M",
            Gender::Transgender => "T",
        }
    }
}

/// The address on an e-Aadhaar (`Poa`); absent parts are empty.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub care_of: String,
    pub house: String,
    pub street: String,
    pub landmark: String,
    pub locality: String,
    pub vtc: String,
    pub subdistrict: String,
    pub district: String,
    pub state: String,
    pub pincode: String,
    pub country: String,
}

impl Address {
    /// The address on one line, as on the printed card without the care-of: parts joined
    /// with ", ", a part equal to the one before it dropped, the PIN code after the state.
    pub fn one_line(&self) -> String {
        let state = match (self.state.trim(), self.pincode.trim()) {
            (state, "") => state.to_owned(),
            ("", pin) => pin.to_owned(),
            (state, pin) => format!("{state} {pin}"),
        };
        let parts = [
            self.house.trim(),
            self.street.trim(),
            self.landmark.trim(),
            self.locality.trim(),
            self.vtc.trim(),
            self.subdistrict.trim(),
            self.district.trim(),
            state.as_str(),
            self.country.trim(),
        ];
        let mut kept: Vec<&str> = Vec::new();
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            if kept
                .last()
                .is_none_or(|last| !last.eq_ignore_ascii_case(part))
            {
                kept.push(part);
            }
        }
        kept.join(", ")
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Address(<redacted>)")
    }
}

/// A verified e-Aadhaar: what the customer's signed document says.
#[derive(Clone, PartialEq, Eq)]
pub struct EAadhaar {
    pub name: String,
    pub dob: time::Date,
    pub gender: Gender,
    pub address: Address,
    /// The photo as the document carries it (JPEG).
    pub photo: Vec<u8>,
    /// Only the last four digits: the rest of the number is never kept.
    pub aadhaar_last4: String,
    /// Which trusted certificate vouched for the document.
    pub certificate_fingerprint: String,
}

impl fmt::Debug for EAadhaar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EAadhaar")
            .field("name", &"<redacted>")
            .field("dob", &"<redacted>")
            .field("gender", &"<redacted>")
            .field("address", &self.address)
            .field("photo", &format_args!("<{} bytes>", self.photo.len()))
            .field("aadhaar_last4", &"<redacted>")
            .field("certificate_fingerprint", &self.certificate_fingerprint)
            .finish()
    }
}

/// Checks the document's signature against `trusted` and reads it.
pub fn verify(xml: &[u8], trusted: &[TrustedCertificate]) -> Result<EAadhaar, XmlError> {
    if xml.len() > MAX_DOCUMENT_BYTES {
        return Err(XmlError::TooLarge);
    }
    let text = std::str::from_utf8(xml).map_err(|_| XmlError::NotXml)?;
    let text = line_ends(text);
    let doc = parse(&text)?;
    let signer = xmldsig::check(&doc, trusted)?;
    let mut eaadhaar = read(&doc)?;
    eaadhaar.certificate_fingerprint = signer.fingerprint().to_owned();
    Ok(eaadhaar)
}

/// Line ends as an XML processor must hand them on (XML 1.0, 2.11): `\r\n` and a lone `\r`
/// become `\n` before parsing. roxmltree misses a lone `\r` in text that also holds a
/// reference (`\r&amp;`), which canonicalised to `&#xD;` where xmlsec1 and libxml2 give
/// `\n` (found by the differential fuzz target): a signature over such a document would
/// not verify. A `&#13;` reference is not a line end and stays a carriage return.
fn line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Parses `text` (its line ends normalised by [`line_ends`]) without DTDs, within limits.
fn parse(text: &str) -> Result<Document<'_>, XmlError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => XmlError::DtdNotAllowed,
        roxmltree::Error::NodesLimitReached => XmlError::TooLarge,
        _ => XmlError::NotXml,
    })?;
    // roxmltree reads `<?xml< ...?>` as a processing instruction `xml` (a reserved name),
    // `<?pi<x?>` as one whose data needs no space before it, and `<?a:b?>` as one with a
    // colon in its name; XML (with namespaces) allows none of them, libxml2 refuses them,
    // and the canonical form of the first would not read back the same (found by fuzzing).
    let text_of = doc.input_text();
    for (range, pi) in doc.descendants().filter_map(|n| Some((n.range(), n.pi()?))) {
        let after = text_of[range]
            .get(2 + pi.target.len()..)
            .unwrap_or_default();
        let spaced = pi.value.is_none() || after.starts_with([' ', '\t', '\r', '\n']);
        if pi.target.eq_ignore_ascii_case("xml") || pi.target.contains(':') || !spaced {
            return Err(XmlError::NotXml);
        }
    }
    // Canonicalisation recurses once per level: a deep document must not exhaust the stack.
    // Descendants come parents first, so each node's depth is its parent's plus one.
    let mut depths = vec![0usize; doc.descendants().count()];
    for node in doc.descendants() {
        let parent = node.parent().map_or(0, |p| {
            depths.get(p.id().get_usize()).copied().unwrap_or(MAX_DEPTH)
        });
        if parent >= MAX_DEPTH {
            return Err(XmlError::TooDeep);
        }
        if let Some(depth) = depths.get_mut(node.id().get_usize()) {
            *depth = parent + 1;
        }
    }
    Ok(doc)
}

/// The one child element called `name` (no namespace), the way e-Aadhaar nests them.
fn child<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Result<Node<'a, 'i>, XmlError> {
    let mut found = node
        .children()
        .filter(|c| c.is_element() && c.tag_name().namespace().is_none())
        .filter(|c| c.tag_name().name() == name);
    match (found.next(), found.next()) {
        (Some(one), None) => Ok(one),
        (None, _) => Err(XmlError::NotEAadhaar(name)),
        (Some(_), Some(_)) => Err(XmlError::Duplicated(name)),
    }
}

fn read(doc: &Document) -> Result<EAadhaar, XmlError> {
    let root = doc.root_element();
    if root.tag_name().name() != "Certificate" || root.tag_name().namespace().is_some() {
        return Err(XmlError::NotEAadhaar("Certificate"));
    }
    let uid_data = child(child(child(root, "CertificateData")?, "KycRes")?, "UidData")?;
    let poi = child(uid_data, "Poi")?;
    let poa = child(uid_data, "Poa")?;
    let photo_node = child(uid_data, "Pht")?;
    let attribute = |node: Node, name: &str| node.attribute(name).unwrap_or_default().to_owned();

    let name = attribute(poi, "name").trim().to_owned();
    if name.is_empty() {
        return Err(XmlError::InvalidField("name"));
    }
    let format = time::macros::format_description!("[day]-[month]-[year]");
    let dob = time::Date::parse(poi.attribute("dob").unwrap_or_default().trim(), format)
        .map_err(|_| XmlError::InvalidField("date of birth"))?;
    let gender = Gender::parse(poi.attribute("gender").unwrap_or_default())
        .ok_or(XmlError::InvalidField("gender"))?;
    let uid = uid_data.attribute("uid").unwrap_or_default().trim();
    let aadhaar_last4: String = uid
        .chars()
        .skip(uid.chars().count().saturating_sub(4))
        .collect();
    if aadhaar_last4.len() != 4 || !aadhaar_last4.chars().all(|c| c.is_ascii_digit()) {
        return Err(XmlError::InvalidField("Aadhaar number"));
    }
    // Every text node: a comment (dropped by canonicalisation, so not covered by the
    // signature) must not be able to cut the photo short.
    let photo_text: String = photo_node
        .children()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .flat_map(str::chars)
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let photo = STANDARD
        .decode(photo_text)
        .map_err(|_| XmlError::InvalidField("photo"))?;
    if !photo.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(XmlError::InvalidField("photo"));
    }
    let address = Address {
        care_of: attribute(poa, "co"),
        house: attribute(poa, "house"),
        street: attribute(poa, "street"),
        landmark: attribute(poa, "lm"),
        locality: attribute(poa, "loc"),
        vtc: attribute(poa, "vtc"),
        subdistrict: attribute(poa, "subdist"),
        district: attribute(poa, "dist"),
        state: attribute(poa, "state"),
        pincode: attribute(poa, "pc"),
        country: attribute(poa, "country"),
    };
    Ok(EAadhaar {
        name,
        dob,
        gender,
        address,
        photo,
        aadhaar_last4,
        certificate_fingerprint: String::new(),
    })
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
