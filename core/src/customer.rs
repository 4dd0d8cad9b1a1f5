//! A merchant's customer: the person being verified, and the values that describe them.

use serde::{Deserialize, Serialize};

use crate::validation::{trimmed, FieldError, FieldErrors};

/// A person's full name as they write it: 1 to 200 characters with at least one letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = trimmed("full_name", raw, 1, 200)?;
        if !value.chars().any(char::is_alphabetic) {
            return Err(FieldError::known(
                "full_name",
                "field-name-letters",
                "must contain letters",
            ));
        }
        Ok(PersonName(
            value.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address (RFC 5322 address syntax), at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::parse_field("email", raw)
    }

    /// Parses an address entered in a field with another name.
    pub fn parse_field(field: &str, raw: &str) -> Result<Self, FieldError> {
        let value = trimmed(field, raw, 1, 254)?;
        let valid = email_address::EmailAddress::parse_with_options(
            value,
            email_address::Options::default()
                .with_required_tld()
                .without_display_text(),
        )
        .is_ok();
        if !valid {
            return Err(FieldError::new(field, "is not a valid email address"));
        }
        Ok(EmailAddress(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number: an optional leading `+` and 7 to 15 digits; spaces, dots, dashes and
/// brackets are accepted on input and dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = trimmed("phone", raw, 1, 32)?;
        let (plus, rest) = match value.strip_prefix('+') {
            Some(rest) => ("+", rest),
            None => ("", value),
        };
        if rest
            .chars()
            .any(|c| !(c.is_ascii_digit() || " .-()".contains(c)))
        {
            return Err(FieldError::new(
                "phone",
                "may contain only digits, spaces, dashes and a leading +",
            ));
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if !(7..=15).contains(&digits.len()) {
            return Err(FieldError::new("phone", "must have 7 to 15 digits"));
        }
        Ok(PhoneNumber(format!("{plus}{digits}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The merchant's own identifier for the customer: 1 to 100 of `A-Z a-z 0-9 . _ - : /`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalReference(String);

impl ExternalReference {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = trimmed("external_ref", raw, 1, 100)?;
        if !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-:/".contains(c))
        {
            return Err(FieldError::new(
                "external_ref",
                "may contain only letters, digits and . _ - : /",
            ));
        }
        Ok(ExternalReference(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A customer ready to be stored: every field parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomer {
    pub full_name: PersonName,
    pub email: EmailAddress,
    pub phone: Option<PhoneNumber>,
    pub external_ref: Option<ExternalReference>,
}

/// The customer form as typed; every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerForm {
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub external_ref: String,
}

impl TryFrom<CustomerForm> for NewCustomer {
    type Error = FieldErrors;

    /// Parses every field, reporting all errors at once. Empty phone and reference are absent.
    fn try_from(form: CustomerForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let full_name = errors.check(PersonName::parse(&form.full_name));
        let email = errors.check(EmailAddress::parse(&form.email));
        let phone = optional(&form.phone).map(|raw| errors.check(PhoneNumber::parse(raw)));
        let external_ref =
            optional(&form.external_ref).map(|raw| errors.check(ExternalReference::parse(raw)));
        match (full_name, email, phone, external_ref) {
            (Some(full_name), Some(email), phone, external_ref) if errors.is_empty() => {
                Ok(NewCustomer {
                    full_name,
                    email,
                    phone: phone.flatten(),
                    external_ref: external_ref.flatten(),
                })
            }
            _ => Err(errors),
        }
    }
}

fn optional(raw: &str) -> Option<&str> {
    let value = raw.trim();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(full_name: &str, email: &str, phone: &str, external_ref: &str) -> CustomerForm {
        CustomerForm {
            full_name: full_name.into(),
            email: email.into(),
            phone: phone.into(),
            external_ref: external_ref.into(),
        }
    }

    #[test]
    fn a_complete_form_parses_with_whitespace_tidied() {
        let customer = NewCustomer::try_from(form(
            "  Asha   Rao ",
            "asha@example.in",
            "+91 98765-43210",
            "CRM-42",
        ))
        .unwrap();
        assert_eq!(customer.full_name.as_str(), "Asha Rao");
        assert_eq!(customer.phone.unwrap().as_str(), "+919876543210");
        assert_eq!(customer.external_ref.unwrap().as_str(), "CRM-42");
    }

    #[test]
    fn empty_phone_and_reference_are_absent_not_errors() {
        let customer = NewCustomer::try_from(form("Asha Rao", "asha@example.in", " ", "")).unwrap();
        assert_eq!((customer.phone, customer.external_ref), (None, None));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors =
            NewCustomer::try_from(form("", "not-an-email", "12", "has space")).unwrap_err();
        assert_eq!(errors.get("full_name"), Some("is required"));
        assert_eq!(errors.get("email"), Some("is not a valid email address"));
        assert_eq!(errors.get("phone"), Some("must have 7 to 15 digits"));
        assert!(errors.get("external_ref").is_some());
    }

    #[test]
    fn a_name_without_letters_is_refused() {
        assert!(PersonName::parse("1234").is_err());
        assert!(PersonName::parse("राज कुमार").is_ok());
    }
}
