//! The sandbox's test accounts (`personas.json`) and the e-Aadhaar XML each one gets.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use serde::Deserialize;
use x509_cert::der::{DecodePem, Encode};

use crate::digilocker::eaadhaar;

/// How a persona's sign-in and document behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Kind {
    Normal,
    EaadhaarNotAvailable,
    NotLinked,
    Slow,
    Failing,
    Tampered,
    Unsigned,
    Untrusted,
}

#[derive(Deserialize)]
pub(super) struct Persona {
    pub mobile: String,
    pub username: String,
    pub scenario: String,
    pub kind: Kind,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub dob: String,
    pub gender: String,
    pub aadhaar_last4: String,
    pub address: PersonaAddress,
}

#[derive(Deserialize)]
pub(super) struct PersonaAddress {
    co: String,
    house: String,
    street: String,
    lm: String,
    loc: String,
    vtc: String,
    subdist: String,
    dist: String,
    state: String,
    pc: String,
    country: String,
}

#[derive(Deserialize)]
struct Fixture {
    personas: Vec<Persona>,
}

/// The fixture compiled into the server.
pub(super) fn load() -> Vec<Persona> {
    let fixture: Fixture = serde_json::from_str(include_str!("personas.json"))
        .expect("the DigiLocker sandbox personas fixture is valid");
    fixture.personas
}

impl Persona {
    /// Whether someone typing `login` on the sign-in page means this persona: the mobile
    /// number (spaces, dashes and a +91 prefix ignored) or the username.
    pub fn answers_to(&self, login: &str) -> bool {
        let login = login.trim();
        let digits: String = login.chars().filter(char::is_ascii_digit).collect();
        let national = digits
            .strip_prefix("91")
            .filter(|d| d.len() == 10)
            .unwrap_or(&digits);
        (!digits.is_empty() && national == self.mobile)
            || login.eq_ignore_ascii_case(&self.username)
    }

    pub fn digilocker_id(&self) -> String {
        format!("sandbox-{}", self.username)
    }

    /// The date of birth as DigiLocker's token answer writes it (`DDMMYYYY`).
    pub fn dob_compact(&self) -> String {
        match self.dob.split('-').collect::<Vec<_>>().as_slice() {
            [year, month, day] => format!("{day}{month}{year}"),
            _ => String::new(),
        }
    }

    fn dob_dashed(&self) -> String {
        match self.dob.split('-').collect::<Vec<_>>().as_slice() {
            [year, month, day] => format!("{day}-{month}-{year}"),
            _ => String::new(),
        }
    }

    /// The unsigned e-Aadhaar, shaped like the one DigiLocker issues.
    pub fn unsigned_xml(&self, photo: &[u8], issued: time::OffsetDateTime) -> String {
        let uid = format!("xxxxxxxx{}", self.aadhaar_last4);
        let a = &self.address;
        let date = format!(
            "{:02}-{:02}-{}",
            issued.day(),
            u8::from(issued.month()),
            issued.year()
        );
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Certificate language=\"99\" name=\"Aadhaar Card\" type=\"ADHAR\" number=\"{uid}\" \
             issuedAt=\"{date}\" status=\"A\">\n\
             <IssuedBy><Organization name=\"Unique Identification Authority of India (sandbox)\" \
             code=\"UIDAI\" type=\"CG\"/></IssuedBy>\n\
             <CertificateData>\n<KycRes code=\"sandbox\" ret=\"Y\" ts=\"{}\" txn=\"UKC:sandbox\">\n\
             <UidData tkn=\"\" uid=\"{uid}\">\n\
             <Poi dob=\"{}\" gender=\"{}\" name=\"{}\"/>\n\
             <Poa co=\"{}\" country=\"{}\" dist=\"{}\" house=\"{}\" lm=\"{}\" loc=\"{}\" pc=\"{}\" \
             state=\"{}\" street=\"{}\" subdist=\"{}\" vtc=\"{}\"/>\n\
             <Pht>{}</Pht>\n</UidData>\n</KycRes>\n</CertificateData>\n</Certificate>\n",
            issued.unix_timestamp(),
            self.dob_dashed(),
            escape(&self.gender),
            escape(&self.name),
            escape(&a.co),
            escape(&a.country),
            escape(&a.dist),
            escape(&a.house),
            escape(&a.lm),
            escape(&a.loc),
            escape(&a.pc),
            escape(&a.state),
            escape(&a.street),
            escape(&a.subdist),
            escape(&a.vtc),
            STANDARD.encode(photo),
        )
    }
}

/// Escapes text for an XML attribute or an HTML page.
pub(super) use kyc_core::email::escape;

/// A key and certificate the sandbox signs e-Aadhaar documents with.
pub(super) struct Signer {
    key: RsaPrivateKey,
    certificate_der: Vec<u8>,
}

impl Signer {
    pub fn from_pem(key_pem: &str, certificate_pem: &str) -> Signer {
        let key = RsaPrivateKey::from_pkcs8_pem(key_pem).expect("the sandbox key is PKCS#8 PEM");
        let certificate_der = x509_cert::Certificate::from_pem(certificate_pem)
            .and_then(|c| c.to_der())
            .expect("the sandbox certificate is PEM");
        Signer {
            key,
            certificate_der,
        }
    }

    pub fn sign(&self, xml: &str) -> Result<String, eaadhaar::XmlError> {
        eaadhaar::sign(xml, &self.key, &self.certificate_der)
    }
}

/// Changes one letter of the Poi name of a signed document, leaving the signature as it was.
pub(super) fn tamper(signed: &str) -> String {
    let Some(at) = signed
        .find("<Poi ")
        .and_then(|poi| signed[poi..].find(" name=\"").map(|n| poi + n + 7))
    else {
        return signed.to_owned();
    };
    let mut out = signed.to_owned();
    let replacement = if signed[at..].starts_with('X') {
        "Y"
    } else {
        "X"
    };
    if let Some(first) = signed[at..].chars().next() {
        out.replace_range(at..at + first.len_utf8(), replacement);
    }
    out
}
