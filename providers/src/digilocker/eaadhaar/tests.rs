//! e-Aadhaar signature checks: known-good documents (ours and one signed by xmlsec1), and
//! each way a document can be forged, changed, or made to lie about its signer.

use super::xmldsig::{sign_with, Hash};
use super::*;
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;

const SANDBOX_KEY: &str = include_str!("../../sandbox/digilocker/sandbox-key.pem");
pub(super) const SANDBOX_CERT: &str = include_str!("../../sandbox/digilocker/sandbox-cert.pem");
const OTHER_KEY: &str = include_str!("../../sandbox/digilocker/untrusted-key.pem");
const OTHER_CERT: &str = include_str!("../../sandbox/digilocker/untrusted-cert.pem");
const PHOTO: &[u8] = include_bytes!("../../sandbox/digilocker/photo.jpg");
pub(super) const XMLSEC1_SIGNED: &str = include_str!("xmlsec1-signed.xml");
const SANDBOX_FINGERPRINT: &str =
    "de00cbb372ff714778634f03faaad2bf54014561ab1d053bdb32b1326376f613";

fn key(pem: &str) -> RsaPrivateKey {
    RsaPrivateKey::from_pkcs8_pem(pem).expect("test key")
}

pub(super) fn cert(pem: &str) -> TrustedCertificate {
    TrustedCertificate::from_pem(pem.as_bytes()).expect("test certificate")
}

fn der(pem: &str) -> Vec<u8> {
    cert(pem).der().to_vec()
}

fn unsigned(uid: &str) -> String {
    let photo = STANDARD.encode(PHOTO);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Certificate name=\"Aadhaar Card\" \
         type=\"ADHAR\">\n  <CertificateData>\n    <KycRes ret=\"Y\">\n      <UidData \
         uid=\"{uid}\">\n        <Poi dob=\"12-04-1990\" gender=\"F\" name=\"Asha Rao\"/>\n        \
         <Poa co=\"C/O Ravi Rao\" house=\"12\" street=\"MG Road &amp; 1st Cross\" lm=\"\" \
         loc=\"Indiranagar\" vtc=\"Bengaluru\" subdist=\"Bengaluru\" dist=\"Bengaluru Urban\" \
         state=\"Karnataka\" pc=\"560038\" country=\"India\"/>\n        <Pht>{photo}</Pht>\n      \
         </UidData>\n    </KycRes>\n  </CertificateData>\n</Certificate>\n"
    )
}

pub(super) fn signed() -> String {
    sign(
        &unsigned("xxxxxxxx4821"),
        &key(SANDBOX_KEY),
        &der(SANDBOX_CERT),
    )
    .expect("signed")
}

fn check(xml: &str) -> Result<EAadhaar, XmlError> {
    verify(xml.as_bytes(), &[cert(SANDBOX_CERT)])
}

#[test]
fn a_document_signed_with_the_sandbox_key_verifies_and_reads_every_field() {
    let eaadhaar = check(&signed()).expect("verified");
    assert_eq!(eaadhaar.name, "Asha Rao");
    assert_eq!(eaadhaar.dob, time::macros::date!(1990 - 04 - 12));
    assert_eq!(eaadhaar.gender, Gender::Female);
    assert_eq!(eaadhaar.aadhaar_last4, "4821");
    assert_eq!(eaadhaar.photo, PHOTO);
    assert_eq!(eaadhaar.address.street, "MG Road & 1st Cross");
    assert_eq!(eaadhaar.address.care_of, "C/O Ravi Rao");
    assert_eq!(
        eaadhaar.address.one_line(),
        "12, MG Road & 1st Cross, Indiranagar, Bengaluru, Bengaluru Urban, Karnataka 560038, India"
    );
    assert_eq!(eaadhaar.certificate_fingerprint, SANDBOX_FINGERPRINT);
}

#[test]
fn only_the_last_four_digits_of_an_unmasked_number_are_kept() {
    let xml = sign(
        &unsigned("999988884821"),
        &key(SANDBOX_KEY),
        &der(SANDBOX_CERT),
    )
    .expect("signed");
    let eaadhaar = check(&xml).expect("verified");
    assert_eq!(eaadhaar.aadhaar_last4, "4821");
    let shown = format!("{eaadhaar:?}");
    for secret in ["Asha", "1990", "4821", "9999", "MG Road", "560038"] {
        assert!(!shown.contains(secret), "Debug shows {secret}: {shown}");
    }
}

#[test]
fn sha1_signatures_like_real_eaadhaar_are_accepted() {
    let xml = sign_with(
        &unsigned("xxxxxxxx4821"),
        &key(SANDBOX_KEY),
        &der(SANDBOX_CERT),
        Hash::Sha1,
    )
    .expect("signed");
    assert!(xml.contains("xmldsig#rsa-sha1"));
    assert!(check(&xml).is_ok());
}

#[test]
fn a_document_signed_by_xmlsec1_verifies() {
    let eaadhaar = check(XMLSEC1_SIGNED).expect("verified");
    assert_eq!(eaadhaar.address.street, "MG Road & 1st Cross");
    assert_eq!(eaadhaar.photo, PHOTO);
}

#[test]
fn canonical_form_matches_libxml2_without_comments() {
    let input = "<?xml version=\"1.0\"?>\n<?pi  data ?>\n<!-- c -->\n<r xmlns=\"urn:d\" \
                 xmlns:p=\"urn:p\" b=\"2\" p:a=\"1\" a=\"&#9;x&#10;\"><p:e xmlns:p=\"urn:p\" \
                 xmlns:q=\"urn:q\"><f xmlns=\"\" q:g=\"&lt;&quot;&gt;\"/></p:e><t>a &amp; b &gt; \
                 c&#13;<![CDATA[<x>]]></t><!-- gone --><?keep me?></r>\n<?tail?>\n";
    let doc = parse(input).expect("parsed");
    assert_eq!(
        c14n::document(&doc, None),
        "<?pi data ?>\n<r xmlns=\"urn:d\" xmlns:p=\"urn:p\" a=\"&#x9;x&#xA;\" b=\"2\" p:a=\"1\">\
         <p:e xmlns:q=\"urn:q\"><f xmlns=\"\" q:g=\"&lt;&quot;>\"></f></p:e><t>a &amp; b &gt; \
         c&#xD;&lt;x&gt;</t><?keep me?></r>\n<?tail?>"
    );
}

#[test]
fn changing_any_signed_data_is_caught_as_tampering() {
    let good = signed();
    for (from, to) in [
        ("name=\"Asha Rao\"", "name=\"Asha Roa\""),
        ("pc=\"560038\"", "pc=\"560039\""),
        ("<Poi ", "<Poi extra=\"1\" "),
        ("</UidData>", "<Extra/></UidData>"),
        ("uid=\"xxxxxxxx4821\"", "uid=\"xxxxxxxx4822\""),
    ] {
        let changed = good.replacen(from, to, 1);
        assert_ne!(changed, good);
        assert_eq!(check(&changed), Err(XmlError::DigestMismatch), "{from}");
    }
    assert_eq!(
        XmlError::DigestMismatch.to_string(),
        "the document was changed after it was signed"
    );
}

#[test]
fn an_unsigned_document_is_refused() {
    let result = check(&unsigned("xxxxxxxx4821"));
    assert_eq!(result, Err(XmlError::NotSigned));
    assert_eq!(
        XmlError::NotSigned.to_string(),
        "the document is not signed"
    );
}

#[test]
fn a_second_signature_or_a_misplaced_one_is_refused() {
    let good = signed();
    let start = good.find("<Signature").expect("signature");
    let end = good.find("</Signature>").expect("end") + "</Signature>".len();
    let signature = &good[start..end];
    let twice = good.replacen("</Certificate>", &format!("{signature}</Certificate>"), 1);
    assert_eq!(check(&twice), Err(XmlError::MultipleSignatures));
    let moved =
        good.replacen(signature, "", 1)
            .replacen("</KycRes>", &format!("</KycRes>{signature}"), 1);
    assert_eq!(check(&moved), Err(XmlError::SignatureMisplaced));
}

#[test]
fn a_signature_over_part_of_the_document_or_with_unknown_algorithms_is_refused() {
    let good = signed();
    let partial = good.replacen("URI=\"\"", "URI=\"#data\"", 1);
    assert_eq!(check(&partial), Err(XmlError::UnsupportedReference));
    for (from, to, slot) in [
        (
            "xmldsig-more#rsa-sha256",
            "xmldsig-more#hmac-sha256",
            "signature",
        ),
        ("xmlenc#sha256", "xmlenc#sha512", "digest"),
        (
            "REC-xml-c14n-20010315\"/><SignatureMethod",
            "xml-exc-c14n#\"/><SignatureMethod",
            "canonicalisation",
        ),
        (
            "xmldsig#enveloped-signature",
            "TR/1999/REC-xslt-19991116",
            "transform",
        ),
    ] {
        let changed = good.replacen(from, to, 1);
        assert_ne!(changed, good, "{from}");
        assert_eq!(check(&changed), Err(XmlError::UnsupportedAlgorithm(slot)));
    }
}

#[test]
fn a_changed_signature_value_is_a_bad_signature() {
    let good = signed();
    let at = good.find("<SignatureValue>").expect("value") + "<SignatureValue>".len();
    let mut changed = good.clone();
    let replacement = if good[at..].starts_with('A') {
        "B"
    } else {
        "A"
    };
    changed.replace_range(at..at + 1, replacement);
    assert_eq!(check(&changed), Err(XmlError::BadSignature));
}

#[test]
fn a_document_signed_with_an_untrusted_key_is_refused_whatever_certificate_it_embeds() {
    let attacker = key(OTHER_KEY);
    let own_certificate =
        sign(&unsigned("xxxxxxxx4821"), &attacker, &der(OTHER_CERT)).expect("signed");
    assert_eq!(check(&own_certificate), Err(XmlError::UntrustedCertificate));
    assert_eq!(
        XmlError::UntrustedCertificate.to_string(),
        "the document is signed by a certificate we do not trust"
    );
    let claims_sandbox =
        sign(&unsigned("xxxxxxxx4821"), &attacker, &der(SANDBOX_CERT)).expect("signed");
    assert_eq!(check(&claims_sandbox), Err(XmlError::BadSignature));
    let start = own_certificate.find("<KeyInfo>").expect("key info");
    let end = own_certificate.find("</KeyInfo>").expect("end") + "</KeyInfo>".len();
    let no_key_info = own_certificate.replacen(&own_certificate[start..end], "", 1);
    assert_eq!(check(&no_key_info), Err(XmlError::UntrustedCertificate));
    // Trusting the attacker's certificate is what it would take.
    let trusted = [cert(SANDBOX_CERT), cert(OTHER_CERT)];
    let accepted = verify(own_certificate.as_bytes(), &trusted).expect("verified");
    assert_eq!(
        accepted.certificate_fingerprint,
        cert(OTHER_CERT).fingerprint()
    );
    assert_eq!(
        verify(signed().as_bytes(), &[]),
        Err(XmlError::NoTrustedCertificate)
    );
}

#[test]
fn documents_with_a_dtd_or_entities_are_refused() {
    let good = signed();
    let with_dtd = good.replacen(
        "<Certificate",
        "<!DOCTYPE Certificate [<!ENTITY n \"Someone Else\">]>\n<Certificate",
        1,
    );
    assert_eq!(check(&with_dtd), Err(XmlError::DtdNotAllowed));
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \
                  \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>";
    assert_eq!(check(laughs), Err(XmlError::DtdNotAllowed));
    let undeclared = good.replacen("name=\"Asha Rao\"", "name=\"&n;\"", 1);
    assert_eq!(check(&undeclared), Err(XmlError::NotXml));
    let external = good.replacen(
        "<Certificate",
        "<!DOCTYPE Certificate SYSTEM \"file:///etc/passwd\"><Certificate",
        1,
    );
    assert_eq!(check(&external), Err(XmlError::DtdNotAllowed));
}

#[test]
fn oversized_and_malformed_input_is_refused_before_anything_else() {
    let huge = vec![b' '; MAX_DOCUMENT_BYTES + 1];
    assert_eq!(
        verify(&huge, &[cert(SANDBOX_CERT)]),
        Err(XmlError::TooLarge)
    );
    assert_eq!(check("<Certificate>"), Err(XmlError::NotXml));
    let deep = format!("{}{}", "<a>".repeat(10_000), "</a>".repeat(10_000));
    assert_eq!(check(&deep), Err(XmlError::TooDeep));
    assert_eq!(
        verify(&[0xff, 0xfe, 0x00], &[cert(SANDBOX_CERT)]),
        Err(XmlError::NotXml)
    );
}

#[test]
fn a_signed_document_that_is_not_an_eaadhaar_says_what_is_missing() {
    let no_poi = unsigned("xxxxxxxx4821").replacen("<Poi ", "<Other ", 1);
    let xml = sign(&no_poi, &key(SANDBOX_KEY), &der(SANDBOX_CERT)).expect("signed");
    let error = check(&xml).expect_err("refused");
    assert_eq!(error, XmlError::NotEAadhaar("Poi"));
    assert_eq!(
        error.to_string(),
        "the document is not an e-Aadhaar (missing Poi)"
    );
    let bad_dob = unsigned("xxxxxxxx4821").replacen("12-04-1990", "1990", 1);
    let xml = sign(&bad_dob, &key(SANDBOX_KEY), &der(SANDBOX_CERT)).expect("signed");
    assert_eq!(check(&xml), Err(XmlError::InvalidField("date of birth")));
}

#[test]
fn a_trusted_certificate_is_read_from_pem_with_its_sha256_fingerprint() {
    let certificate = cert(SANDBOX_CERT);
    assert_eq!(certificate.fingerprint(), SANDBOX_FINGERPRINT);
    assert!(format!("{certificate:?}").contains(SANDBOX_FINGERPRINT));
    assert_eq!(
        TrustedCertificate::from_der(certificate.der()).map(|c| c.fingerprint().to_owned()),
        Ok(SANDBOX_FINGERPRINT.to_owned())
    );
    assert_eq!(
        TrustedCertificate::from_pem(SANDBOX_KEY.as_bytes()).map(|_| ()),
        Err(CertificateError::NotPem)
    );
    assert_eq!(
        TrustedCertificate::from_pem(b"not a certificate").map(|_| ()),
        Err(CertificateError::NotPem)
    );
}

#[test]
fn one_line_addresses_skip_empty_and_repeated_parts() {
    let address = Address {
        house: "B-7".into(),
        street: "Station Road".into(),
        vtc: "Jaipur".into(),
        subdistrict: "Jaipur".into(),
        district: "jaipur".into(),
        state: "Rajasthan".into(),
        pincode: "302016".into(),
        country: "India".into(),
        ..Address::default()
    };
    assert_eq!(
        address.one_line(),
        "B-7, Station Road, Jaipur, Rajasthan 302016, India"
    );
    assert_eq!(format!("{address:?}"), "Address(<redacted>)");
}
