//! From a name as written to comparable tokens: `SURNAME, Given` order, case, accents,
//! punctuation, transliteration of other scripts to Latin (the original word is kept for
//! exact original-script matching), name variants, legal forms and numbers.

use unicode_normalization::UnicodeNormalization;

use super::variants;

/// What a token is, which decides how it is compared and how much it weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenClass {
    Word,
    /// One letter: matches any word starting with it, and weighs little.
    Initial,
    /// Digits (number words and ordinals are turned into digits): equal or nothing.
    Number,
    /// A company form such as `ltd` or `ag`, in its canonical short form.
    LegalForm,
    /// Titles and filler words (`haji`, `dr`, `the`, `of`): kept, but weigh little.
    Minor,
}

/// The script a word was written in, as far as matching cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    /// Arabic, Persian, Hebrew, Thai...: their transliteration has few or no vowels, so
    /// they are compared on consonant skeletons.
    Abjad,
    /// Cyrillic, Greek and other alphabets with vowels.
    Alphabet,
    /// Chinese characters, kana and Hangul: one token per syllable.
    Syllabic,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The Latin form shown in explanations (`muhammad`, `li`).
    pub text: String,
    /// Comparison key: doubled letters collapsed, variant groups folded (`mohammed` and
    /// `muhammad` share one).
    pub key: String,
    /// Consonant skeleton of the key, for words from vowel-less scripts.
    pub skeleton: String,
    /// The word in its own script, lower-cased and without vowel marks, when it was not Latin.
    pub original: Option<String>,
    pub class: TokenClass,
    pub script: Script,
}

/// Whether a name belongs to a person (whose `SURNAME, Given` order is undone) or to
/// anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Person,
    Other,
}

/// Splits and normalises a name.
pub fn tokens(name: &str, kind: NameKind) -> Vec<Token> {
    let name = reorder(name, kind);
    let mut out = Vec::new();
    for word in words(&name) {
        push_word(&word, &mut out);
    }
    variants::fold_phrases(&mut out);
    out
}

/// `SURNAME, Given` becomes `Given SURNAME` for people; a comma before a legal form
/// (`Acme, Inc.`) stays where it is.
fn reorder(name: &str, kind: NameKind) -> String {
    let mut parts = name.splitn(3, ',');
    let (Some(first), Some(second), None) = (parts.next(), parts.next(), parts.next()) else {
        return name.to_owned();
    };
    let legal_form_after = second
        .split_whitespace()
        .all(|w| variants::legal_form(&ascii_lower(w)).is_some());
    if kind != NameKind::Person
        || first.trim().is_empty()
        || second.trim().is_empty()
        || legal_form_after
    {
        return name.replace(',', " ");
    }
    format!("{} {}", second.trim(), first.trim())
}

/// Words separated by spaces and punctuation; apostrophes join (`O'Brien`, `BA'ASYIR`), and
/// so do letters written with dots between them (`A.B.C.`, `G.m.b.H.`).
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    // The separators since the last word ended, and whether that word is a run of single
    // letters (`a`, then `ab` once `A.B` is read).
    let mut gap = String::new();
    let mut letter_run = false;
    let flush = |current: &mut String,
                 gap: &mut String,
                 words: &mut Vec<String>,
                 letter_run: &mut bool| {
        if current.is_empty() {
            return;
        }
        let single = current.chars().count() == 1 && current.chars().all(char::is_alphabetic);
        match words.last_mut() {
            Some(last) if single && *letter_run && gap.as_str() == "." => last.push_str(current),
            _ => {
                words.push(current.clone());
                *letter_run = single;
            }
        }
        current.clear();
        gap.clear();
    };
    for c in name.nfc() {
        if is_apostrophe(c) {
            continue;
        }
        if c.is_alphanumeric() || is_mark(c) {
            current.push(c);
        } else {
            flush(&mut current, &mut gap, &mut words, &mut letter_run);
            gap.push(c);
        }
    }
    flush(&mut current, &mut gap, &mut words, &mut letter_run);
    words
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{0092}' | '\u{00B4}'
    )
}

/// Combining marks (Arabic vowel signs, Devanagari matras...) belong to their word.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0591..=0x05C7 | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0900..=0x0903 | 0x093A..=0x094F)
}

/// The script family of a letter, by Unicode block.
fn script_of(c: char) -> Script {
    let c = c as u32;
    // Hebrew, Arabic (with its supplements and presentation forms), Syriac, Thai.
    let abjad = matches!(c, 0x0590..=0x05FF | 0x0600..=0x06FF | 0x0700..=0x074F | 0x0750..=0x077F | 0x08A0..=0x08FF | 0x0E00..=0x0E7F | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    // Hangul jamo and syllables, kana, CJK ideographs.
    let syllabic = matches!(c, 0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF);
    match c {
        0..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        _ if abjad => Script::Abjad,
        _ if syllabic => Script::Syllabic,
        _ => Script::Alphabet,
    }
}

fn push_word(word: &str, out: &mut Vec<Token>) {
    let script = word
        .chars()
        .map(script_of)
        .find(|s| *s != Script::Latin)
        .unwrap_or(Script::Latin);
    match script {
        Script::Latin => push_latin(&ascii_lower(word), script, None, out),
        Script::Syllabic => {
            // One token per character: given names are written joined or apart, and the
            // alignment joins neighbouring tokens when needed.
            for c in word.chars() {
                let latin = ascii_lower(any_ascii::any_ascii_char(c));
                let latin = variants::hangul_surname(c)
                    .map(str::to_owned)
                    .unwrap_or(latin);
                push_latin(&latin, script, Some(c.to_string()), out);
            }
        }
        Script::Abjad | Script::Alphabet => {
            let original = original_form(word);
            let latin = ascii_lower(&any_ascii::any_ascii(word));
            push_latin(&latin, script, Some(original), out);
        }
    }
}

/// Lower case without vowel marks, tatweel or accents: the form original-script names are
/// compared on.
fn original_form(word: &str) -> String {
    word.nfkd()
        .filter(|c| !is_mark(*c) && *c != '\u{0640}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Accents off, ASCII lower case, letters and digits only. `any_ascii` also takes care of
/// letters such as `ß`, `Ł` and `Ø` that have no decomposition.
fn ascii_lower(text: &str) -> String {
    let ascii = if text.is_ascii() {
        text.to_owned()
    } else {
        any_ascii::any_ascii(text)
    };
    ascii
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn push_latin(latin: &str, script: Script, original: Option<String>, out: &mut Vec<Token>) {
    if latin.is_empty() {
        return;
    }
    // `1st`, `2nd`: ordinals are their number.
    let latin = strip_ordinal(latin).unwrap_or(latin);
    let (class, key) = classify(latin);
    let skeleton = skeleton(&key);
    out.push(Token {
        text: latin.to_owned(),
        key,
        skeleton,
        original,
        class,
        script,
    });
}

fn strip_ordinal(word: &str) -> Option<&str> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    (!digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th"))
    .then_some(digits)
}

fn classify(word: &str) -> (TokenClass, String) {
    if word.chars().all(|c| c.is_ascii_digit()) {
        return (TokenClass::Number, word.trim_start_matches('0').to_owned());
    }
    if let Some(number) = variants::number_word(word) {
        return (TokenClass::Number, number.to_owned());
    }
    let collapsed = collapse_doubles(word);
    if let Some(form) = variants::legal_form(word).or_else(|| variants::legal_form(&collapsed)) {
        return (TokenClass::LegalForm, form.to_owned());
    }
    let key = variants::canonical(&collapsed)
        .unwrap_or(&collapsed)
        .to_owned();
    let class = if word.len() == 1 {
        TokenClass::Initial
    } else if variants::is_minor(&collapsed) || variants::is_patronymic(&collapsed) {
        TokenClass::Minor
    } else {
        TokenClass::Word
    };
    (class, key)
}

/// `hassan` -> `hasan`, `abdullah` -> `abdulah`.
pub fn collapse_doubles(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = None;
    for c in word.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Consonants only (vowels, `w`, `y` and `h` after a consonant dropped), doubles collapsed:
/// `ahmed` and Arabic `'hmd` both give `hmd`; `mahmoud` and `mhmwd` give `mhmd`.
pub fn skeleton(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'w' | 'y') || c.is_ascii_digit() {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(name: &str) -> Vec<String> {
        tokens(name, NameKind::Person)
            .into_iter()
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn surname_first_order_case_accents_and_punctuation() {
        assert_eq!(keys("SALEK, Abdulhai"), keys("Abdulhai Salek"));
        assert_eq!(keys("José  Núñez-García"), ["jose", "nunez", "garcia"]);
        assert_eq!(keys("O'Brien"), ["obrien"]);
        assert_eq!(keys("BA\u{2019}ASYIR"), ["basyir"]);
    }

    #[test]
    fn variants_fold_and_doubles_collapse() {
        assert_eq!(keys("Mohammed Hassan"), keys("Muhammad Hasan"));
        assert_eq!(keys("Usama"), keys("Osama"));
    }

    #[test]
    fn other_scripts_are_transliterated_and_keep_their_original() {
        let tokens = tokens("Иван Иванов", NameKind::Person);
        assert_eq!(tokens[0].key, "ivan");
        assert_eq!(tokens[1].original.as_deref(), Some("иванов"));
        let arabic = tokens_of("أحمد حسن");
        assert_eq!(
            arabic
                .iter()
                .map(|t| t.skeleton.as_str())
                .collect::<Vec<_>>(),
            ["hmd", "hsn"]
        );
        assert_eq!(skeleton("ahmed"), "hmd");
        let chinese = tokens_of("李明");
        assert_eq!(
            chinese.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
            ["li", "ming"]
        );
        let korean = tokens_of("박지성");
        assert_eq!(korean[0].key, keys("Park")[0]);
    }

    fn tokens_of(name: &str) -> Vec<Token> {
        tokens(name, NameKind::Person)
    }

    #[test]
    fn legal_forms_numbers_and_initials() {
        let siemens = tokens("Siemens Aktiengesellschaft", NameKind::Other);
        assert_eq!(siemens[1].class, TokenClass::LegalForm);
        assert_eq!(siemens[1].key, tokens("Siemens AG", NameKind::Other)[1].key);
        let company = tokens("Acme, Inc.", NameKind::Person);
        assert_eq!(
            company.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(),
            ["acme", "inc"]
        );
        assert_eq!(keys("Shipping 21st")[1], "21");
        assert_eq!(keys("Third Bank"), keys("3rd Bank"));
        assert_eq!(tokens_of("J. Smith")[0].class, TokenClass::Initial);
        assert_eq!(keys("A.B.C. Company"), keys("ABC Co."));
        assert_eq!(
            tokens("Volkswagen Bank G.m.b.H.", NameKind::Other)[2].key,
            "gmbh"
        );
        assert_eq!(keys("J. R. Smith").len(), 3);
    }
}
