//! Country names as the sanctions lists write them, read into ISO 3166-1 alpha-2 codes.
//!
//! The lists name countries in many ways: codes (`IR`, `IRN`), short and formal names
//! (`Iran`, `Iran (Islamic Republic of)`), reversed names (`Korea, North`) and nationality
//! adjectives (`Iranian`). [`iso2`] reads all of them; anything it does not know is `None`,
//! never a guess.

use std::collections::HashMap;
use std::sync::OnceLock;

mod table;
use table::TABLE;

struct Index {
    /// Upper-case alpha-2 and alpha-3 codes to alpha-2.
    codes: HashMap<&'static str, &'static str>,
    /// Normalised names and adjectives to alpha-2.
    names: HashMap<&'static str, &'static str>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index {
            codes: HashMap::new(),
            names: HashMap::new(),
        };
        for line in TABLE.lines() {
            let mut parts = line.splitn(3, ' ');
            let (Some(alpha2), Some(alpha3), Some(names)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            index.codes.insert(alpha2, alpha2);
            index.codes.insert(alpha3, alpha2);
            for name in names.split('|') {
                index.names.insert(name, alpha2);
            }
        }
        index
    })
}

/// Reads a country code, name or nationality adjective into an upper-case ISO 3166-1
/// alpha-2 code: `"ir"`, `"IRN"`, `"Iran (Islamic Republic of)"` and `"Iranian"` all give
/// `Some("IR")`. Unknown or ambiguous text gives `None`.
pub fn iso2(text: &str) -> Option<&'static str> {
    let text = text.trim();
    let index = index();
    if matches!(text.len(), 2 | 3) && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        if let Some(code) = index.codes.get(text.to_ascii_uppercase().as_str()) {
            return Some(code);
        }
    }
    index.names.get(normalise(text).as_str()).copied()
}

/// Lower case, accents folded to ASCII, apostrophes dropped, other punctuation made a
/// space, the word "the" dropped and "st" read as "saint".
fn normalise(text: &str) -> String {
    let mut flat = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | '\u{300}'..='\u{36f}' => {}
            '&' => flat.push_str(" and "),
            'ß' => flat.push_str("ss"),
            'æ' => flat.push_str("ae"),
            'œ' => flat.push_str("oe"),
            c if c.is_ascii_alphanumeric() => flat.push(c),
            c => flat.push(fold(c).unwrap_or(' ')),
        }
    }
    let words: Vec<&str> = flat
        .split_whitespace()
        .filter(|w| *w != "the")
        .map(|w| if w == "st" { "saint" } else { w })
        .collect();
    words.join(" ")
}

/// The ASCII letter under a lower-case accented Latin letter.
fn fold(c: char) -> Option<char> {
    Some(match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text=CODE` pairs separated by `;`; an empty code means "not read".
    fn check(cases: &str) {
        for case in cases.split(';').map(str::trim).filter(|c| !c.is_empty()) {
            let (text, code) = case.rsplit_once('=').unwrap_or((case, ""));
            let expected = Some(code).filter(|c| !c.is_empty());
            assert_eq!(iso2(text), expected, "{text:?}");
        }
    }

    #[test]
    fn codes_in_any_case() {
        check("IR=IR; ir=IR;  irn =IR; PRK=KP; USA=US; XK=XK; UK=GB; QQ=; ZZZ=");
    }

    #[test]
    fn names_and_variants_the_lists_use() {
        check(
            "Iran (Islamic Republic of)=IR; Russian Federation=RU; Syrian Arab Republic=SY;
             Korea, North=KP; Korea, South=KR; Democratic People's Republic of Korea=KP;
             Democratic People’s Republic of Korea=KP; United States=US; United States of America=US;
             U.S.A.=US; Viet Nam=VN; Côte d'Ivoire=CI; Cote d'Ivoire=CI; Türkiye=TR; Palestinian=PS;
             State of Palestine=PS; Congo, Democratic Republic of the=CD; Congo=CG; The Gambia=GM;
             Democratic Republic of the Congo=CD; Macedonia, The Former Yugoslav Republic of=MK;
             North Macedonia, The Republic of=MK; United Republic of Tanzania=TZ; Burma=MM;
             United Kingdom of Great Britain and Northern Ireland=GB; Bosnia & Herzegovina=BA;
             St. Kitts and Nevis=KN; Saint Vincent and the Grenadines=VC; Hong Kong=HK;
             São Tomé and Príncipe=ST; Curaçao=CW; Cabo Verde=CV; guinea-bissau=GW;
               SAUDI   ARABIA =SA; Uzbekistan=UZ; Uruguay=UY",
        );
    }

    #[test]
    fn nationality_adjectives() {
        check(
            "Afghan=AF; Iraqi=IQ; Russian=RU; Syrian=SY; Yemeni=YE; Pakistani=PK; Saudi=SA;
             Egyptian=EG; Iranian=IR; Chinese=CN; Lebanese=LB; British=GB; Nigerien=NE; Nigerian=NG",
        );
    }

    #[test]
    fn unknown_or_ambiguous_text_is_none() {
        check("=; former Soviet Union=; Korea=; Congolese=; Region: Gaza=; Atlantis=");
    }

    #[test]
    fn table_is_consistent() {
        let mut seen = HashMap::new();
        let mut countries = 0;
        for line in TABLE.lines() {
            let parts: Vec<&str> = line.splitn(3, ' ').collect();
            assert_eq!(parts.len(), 3, "{line}");
            let upper = |s: &str, n| s.len() == n && s.bytes().all(|b| b.is_ascii_uppercase());
            assert!(upper(parts[0], 2) && upper(parts[1], 3), "{line}");
            for name in parts[2].split('|') {
                assert_eq!(normalise(name), name, "table key not normalised: {name}");
                assert!(seen.insert(name, parts[0]).is_none(), "{name} listed twice");
            }
            countries += 1;
        }
        assert_eq!(countries, 250, "the 249 ISO 3166-1 countries and Kosovo");
    }
}
