//! The one shape of XML signature an e-Aadhaar carries: enveloped, a single reference to
//! the whole document (`URI=""`), inclusive C14N 1.0, RSA PKCS#1 v1.5 over SHA-256 or SHA-1.
//! Anything else is refused rather than half-understood.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use roxmltree::{Document, Node};
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::Digest;
use subtle::ConstantTimeEq;

use super::{c14n, line_ends, parse, TrustedCertificate, XmlError};

pub(super) const DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
const C14N: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const RSA_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";

/// The hash under a digest or a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hash {
    Sha1,
    Sha256,
}

impl Hash {
    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
        }
    }

    fn pkcs1(self) -> Pkcs1v15Sign {
        match self {
            Hash::Sha1 => Pkcs1v15Sign::new::<sha1::Sha1>(),
            Hash::Sha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
        }
    }

    fn signature_uri(self) -> &'static str {
        match self {
            Hash::Sha1 => RSA_SHA1,
            Hash::Sha256 => RSA_SHA256,
        }
    }

    fn digest_uri(self) -> &'static str {
        match self {
            Hash::Sha1 => SHA1,
            Hash::Sha256 => SHA256,
        }
    }
}

fn is_dsig(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(DSIG) && node.tag_name().name() == name
}

fn dsig_children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Vec<Node<'a, 'i>> {
    node.children().filter(|c| is_dsig(c, name)).collect()
}

fn only<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> Result<Node<'a, 'i>, XmlError> {
    match dsig_children(node, name).as_slice() {
        [one] => Ok(*one),
        _ => Err(XmlError::MalformedSignature(name)),
    }
}

fn algorithm<'a>(node: Node<'a, '_>) -> &'a str {
    node.attribute("Algorithm").unwrap_or_default()
}

fn base64_content(node: Node, part: &'static str) -> Result<Vec<u8>, XmlError> {
    let text: String = node
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    STANDARD
        .decode(text)
        .map_err(|_| XmlError::MalformedSignature(part))
}

/// Checks the document's enveloped signature against the trusted certificates and returns
/// the one that signed it.
pub(super) fn check<'t>(
    doc: &Document,
    trusted: &'t [TrustedCertificate],
) -> Result<&'t TrustedCertificate, XmlError> {
    let signatures: Vec<Node> = doc
        .descendants()
        .filter(|n| is_dsig(n, "Signature"))
        .collect();
    let signature = match signatures.as_slice() {
        [] => return Err(XmlError::NotSigned),
        [one] => *one,
        _ => return Err(XmlError::MultipleSignatures),
    };
    if signature.parent() != Some(doc.root_element()) {
        return Err(XmlError::SignatureMisplaced);
    }
    let signed_info = only(signature, "SignedInfo")?;
    let signature_value = base64_content(only(signature, "SignatureValue")?, "SignatureValue")?;
    if algorithm(only(signed_info, "CanonicalizationMethod")?) != C14N {
        return Err(XmlError::UnsupportedAlgorithm("canonicalisation"));
    }
    let signature_hash = match algorithm(only(signed_info, "SignatureMethod")?) {
        RSA_SHA256 => Hash::Sha256,
        RSA_SHA1 => Hash::Sha1,
        _ => return Err(XmlError::UnsupportedAlgorithm("signature")),
    };
    let reference = match dsig_children(signed_info, "Reference").as_slice() {
        [one] => *one,
        _ => return Err(XmlError::UnsupportedReference),
    };
    if reference.attribute("URI") != Some("") {
        return Err(XmlError::UnsupportedReference);
    }
    let transforms: Vec<&str> = match dsig_children(reference, "Transforms").as_slice() {
        [one] => dsig_children(*one, "Transform")
            .into_iter()
            .map(algorithm)
            .collect(),
        _ => return Err(XmlError::UnsupportedAlgorithm("transform")),
    };
    if !matches!(transforms.as_slice(), [ENVELOPED] | [ENVELOPED, C14N]) {
        return Err(XmlError::UnsupportedAlgorithm("transform"));
    }
    let digest_hash = match algorithm(only(reference, "DigestMethod")?) {
        SHA256 => Hash::Sha256,
        SHA1 => Hash::Sha1,
        _ => return Err(XmlError::UnsupportedAlgorithm("digest")),
    };
    let digest_value = base64_content(only(reference, "DigestValue")?, "DigestValue")?;

    if trusted.is_empty() {
        return Err(XmlError::NoTrustedCertificate);
    }
    let embedded = embedded_certificate(signature)?;
    let chosen: Vec<&TrustedCertificate> = match embedded
        .as_deref()
        .and_then(|der| trusted.iter().find(|t| t.der() == der))
    {
        Some(one) => vec![one],
        None => trusted.iter().collect(),
    };
    let hashed = signature_hash.digest(c14n::subtree(signed_info).as_bytes());
    let signer = chosen.into_iter().find(|t| {
        t.key()
            .verify(signature_hash.pkcs1(), &hashed, &signature_value)
            .is_ok()
    });
    let Some(signer) = signer else {
        let names_trusted = embedded
            .as_deref()
            .is_some_and(|der| trusted.iter().any(|t| t.der() == der));
        return Err(if names_trusted {
            XmlError::BadSignature
        } else {
            XmlError::UntrustedCertificate
        });
    };
    let digest = digest_hash.digest(c14n::document(doc, Some(signature.id())).as_bytes());
    if !bool::from(digest.ct_eq(&digest_value)) {
        return Err(XmlError::DigestMismatch);
    }
    Ok(signer)
}

/// The DER of the first `KeyInfo/X509Data/X509Certificate`, if the signature names one. It
/// only picks among the trusted certificates: it is never trusted itself.
fn embedded_certificate(signature: Node) -> Result<Option<Vec<u8>>, XmlError> {
    let certificate = dsig_children(signature, "KeyInfo")
        .into_iter()
        .flat_map(|k| dsig_children(k, "X509Data"))
        .flat_map(|d| dsig_children(d, "X509Certificate"))
        .next();
    certificate
        .map(|c| base64_content(c, "X509Certificate"))
        .transpose()
}

/// Adds an enveloped RSA-SHA256 signature (last child of the root element) to an unsigned
/// document, naming `certificate_der` in its KeyInfo. For the sandbox and tests: the
/// platform itself never signs e-Aadhaar documents.
pub fn sign(
    unsigned_xml: &str,
    key: &RsaPrivateKey,
    certificate_der: &[u8],
) -> Result<String, XmlError> {
    sign_with(unsigned_xml, key, certificate_der, Hash::Sha256)
}

pub(super) fn sign_with(
    unsigned_xml: &str,
    key: &RsaPrivateKey,
    certificate_der: &[u8],
    hash: Hash,
) -> Result<String, XmlError> {
    let unsigned_xml = &*line_ends(unsigned_xml);
    let doc = parse(unsigned_xml)?;
    if doc.descendants().any(|n| is_dsig(&n, "Signature")) {
        return Err(XmlError::MultipleSignatures);
    }
    let digest = STANDARD.encode(hash.digest(c14n::document(&doc, None).as_bytes()));
    let root = doc.root_element().range();
    let close = unsigned_xml
        .get(root.clone())
        .and_then(|r| r.rfind("</"))
        .map(|i| root.start + i)
        .ok_or(XmlError::NotEAadhaar("Certificate"))?;
    let (head, tail) = unsigned_xml.split_at(close);
    let signed_info = format!(
        "<SignedInfo><CanonicalizationMethod Algorithm=\"{C14N}\"/><SignatureMethod \
         Algorithm=\"{}\"/><Reference URI=\"\"><Transforms><Transform Algorithm=\"{ENVELOPED}\"/>\
         </Transforms><DigestMethod Algorithm=\"{}\"/><DigestValue>{digest}</DigestValue>\
         </Reference></SignedInfo>",
        hash.signature_uri(),
        hash.digest_uri(),
    );
    let open = format!("<Signature xmlns=\"{DSIG}\">{signed_info}");
    let draft = format!("{head}{open}<SignatureValue/></Signature>{tail}");
    let draft_doc = parse(&draft)?;
    let info = draft_doc
        .descendants()
        .find(|n| is_dsig(n, "SignedInfo"))
        .ok_or(XmlError::MalformedSignature("SignedInfo"))?;
    let hashed = hash.digest(c14n::subtree(info).as_bytes());
    let value = key
        .sign_with_rng(&mut rand::thread_rng(), hash.pkcs1(), &hashed)
        .map_err(|_| XmlError::SigningFailed)?;
    Ok(format!(
        "{head}{open}<SignatureValue>{}</SignatureValue><KeyInfo><X509Data><X509Certificate>{}\
         </X509Certificate></X509Data></KeyInfo></Signature>{tail}",
        STANDARD.encode(value),
        STANDARD.encode(certificate_der),
    ))
}
