//! Property tests for the parsers at the system's edge.

use kyc_core::customer::{ExternalReference, PersonName, PhoneNumber};
use kyc_core::link::LinkToken;
use proptest::prelude::*;

proptest! {
    #[test]
    fn every_token_survives_encoding_and_parsing(bytes in any::<[u8; 32]>()) {
        let token = LinkToken::from_bytes(bytes);
        let encoded = token.encode();
        prop_assert_eq!(encoded.len(), 43);
        prop_assert!(encoded.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        prop_assert_eq!(LinkToken::parse(&encoded).unwrap().hash(), token.hash());
    }

    #[test]
    fn token_parsing_rejects_anything_but_43_base64url_characters(raw in "\\PC{0,60}") {
        if let Ok(token) = LinkToken::parse(&raw) {
            prop_assert_eq!(token.encode(), raw);
        }
    }

    #[test]
    fn an_accepted_phone_number_is_an_optional_plus_and_7_to_15_digits(raw in "[+]?[0-9 ().-]{0,30}") {
        if let Ok(phone) = PhoneNumber::parse(&raw) {
            let digits = phone.as_str().trim_start_matches('+');
            prop_assert!((7..=15).contains(&digits.len()));
            prop_assert!(digits.chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn parsing_a_parsed_name_gives_the_same_name(raw in "\\PC{0,220}") {
        if let Ok(name) = PersonName::parse(&raw) {
            prop_assert_eq!(PersonName::parse(name.as_str()).unwrap(), name);
        }
    }

    #[test]
    fn external_references_never_carry_spaces_or_markup(raw in "\\PC{0,120}") {
        if let Ok(reference) = ExternalReference::parse(&raw) {
            prop_assert!(!reference.as_str().contains(|c: char| c.is_whitespace() || "<>\"'&".contains(c)));
        }
    }
}
