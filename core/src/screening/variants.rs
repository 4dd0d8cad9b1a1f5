//! Word-level knowledge: spelling variants of common names, legal forms, number words,
//! titles, and Korean surnames' usual Latin spellings.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalise::{collapse_doubles, Token, TokenClass};

/// Groups of spellings of one name, after doubled letters are collapsed. The first spelling
/// is the group's key.
const VARIANT_GROUPS: &[&[&str]] = &[
    &[
        "muhamad", "mohamed", "mohamad", "muhamed", "mohd", "mohamud", "mahomed", "muhammet",
        "mehmet",
    ],
    &["ahmad", "ahmed", "ahmet", "achmad", "ahmat"],
    &["abd", "abdul", "abdel", "abdal", "abdoul", "abdol", "abdil"],
    &[
        "abdulah", "abdalah", "abdalla", "abdula", "abdelah", "abdulahi", "abdalahi", "abdilahi",
    ],
    &[
        "husain", "husein", "hussein", "husayn", "hosein", "hosain", "housein", "hussain", "husen",
    ],
    &["usama", "osama", "usamah", "osamah"],
    &[
        "yusuf", "yousef", "yusef", "yousif", "yousuf", "yosef", "yussef", "jusuf",
    ],
    &["umar", "omar", "omer"],
    &["abu", "abou", "abo"],
    &["bin", "ben", "ibn", "bn"],
    &["al", "el"],
    &["ali", "aly"],
    &["khalid", "khaled", "halid"],
    &["mahmud", "mahmoud", "mahmood", "mehmood"],
    &["mustafa", "mostafa", "moustafa", "mustapha", "mostapha"],
    &["ibrahim", "ebrahim", "brahim", "ibragim"],
    &[
        "sulaiman", "suleiman", "sulayman", "soliman", "sulejman", "suleyman",
    ],
    &["yahya", "yehia", "yahia", "yahyah"],
    &["yasin", "yasen", "yassine", "yacine"],
    &["ismail", "ismael", "esmail", "ismayil"],
    &["jamal", "gamal", "djamal"],
    &["sayed", "sayid", "syed", "seyed", "seyyed", "sayyid"],
    &[
        "abdulrahman",
        "abdelrahman",
        "abdurahman",
        "abdalrahman",
        "abderahman",
    ],
    &[
        "aleksandr",
        "alexander",
        "aleksander",
        "alexandr",
        "alexandre",
        "alejandro",
        "alexandros",
    ],
    &["sergei", "sergey", "sergiy", "serhiy"],
    &["dmitri", "dmitry", "dmitriy", "dimitri", "dimitry"],
    &["yuri", "yury", "yuriy", "iouri", "jurij"],
    &["andrei", "andrey", "andriy", "andrej"],
    &["aleksei", "alexei", "alexey", "aleksey", "oleksiy"],
    &[
        "evgeni", "yevgeny", "evgeny", "evgeniy", "yevgeniy", "yevgeni",
    ],
    &["nikolai", "nikolay", "mykola"],
    &["mikhail", "michail", "mykhailo"],
    &["park", "pak", "bak", "bag"],
    &["kim", "gim"],
    &["lee", "yi", "rhee", "ri"],
    &["choi", "choe", "chwe"],
    &["jung", "jeong", "chung", "cheong"],
    &["kang", "gang"],
    &["cho", "jo"],
    &["yun", "yoon"],
    &["lim", "im"],
    &["shin", "sin"],
];

/// Titles, honorifics and filler words: matched like any word but weighing little.
const MINOR: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "haji",
    "hadji",
    "hajji",
    "shaikh",
    "sheikh",
    "shaykh",
    "president",
    "presedent",
    "prasident",
    "praesident",
    "general",
    "colonel",
    "mulah",
    "mawlawi",
    "maulavi",
    "mawlavi",
    "qari",
    "the",
    "of",
    "and",
    "for",
    "de",
    "der",
    "van",
    "von",
];

/// Single-word legal forms, each with its canonical short form.
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("aktiengeselschaft", "ag"),
    ("ag", "ag"),
    ("gmbh", "gmbh"),
    ("limited", "ltd"),
    ("ltd", "ltd"),
    ("company", "co"),
    ("co", "co"),
    ("corporation", "corp"),
    ("corp", "corp"),
    ("incorporated", "inc"),
    ("inc", "inc"),
    ("plc", "plc"),
    ("llc", "llc"),
    ("llp", "llp"),
    ("lp", "lp"),
    ("jsc", "jsc"),
    ("cjsc", "cjsc"),
    ("ojsc", "ojsc"),
    ("pjsc", "pjsc"),
    ("ooo", "llc"),
    ("oao", "ojsc"),
    ("zao", "cjsc"),
    ("pao", "pjsc"),
    ("ao", "jsc"),
    ("sa", "sa"),
    ("srl", "srl"),
    ("spa", "spa"),
    ("bv", "bv"),
    ("nv", "nv"),
    ("sarl", "sarl"),
    ("sas", "sas"),
    ("kg", "kg"),
    ("ohg", "ohg"),
    ("ab", "ab"),
    ("oy", "oy"),
    ("pte", "pte"),
    ("pvt", "pvt"),
    ("private", "pvt"),
    ("bhd", "bhd"),
    ("berhad", "bhd"),
    ("fze", "fze"),
    ("fzco", "fzco"),
    ("fzc", "fzc"),
    ("tov", "llc"),
    ("establishment", "est"),
    ("est", "est"),
];

/// Multi-word legal forms, as token keys, and the form they stand for.
const LEGAL_PHRASES: &[(&[&str], &str)] = &[
    (&["gesellschaft", "mit", "beschrankter", "haftung"], "gmbh"),
    (&["limited", "liability", "company"], "llc"),
    (&["limited", "liability", "partnership"], "llp"),
    (&["public", "limited", "company"], "plc"),
    (&["closed", "joint", "stock", "company"], "cjsc"),
    (&["open", "joint", "stock", "company"], "ojsc"),
    (&["public", "joint", "stock", "company"], "pjsc"),
    (&["joint", "stock", "company"], "jsc"),
    (
        &["obshchestvo", "s", "ogranichenoy", "otvetstvenostyu"],
        "llc",
    ),
    (
        &["obshestvo", "s", "ogranichenoi", "otvetstvenostyu"],
        "llc",
    ),
    (&["sp", "z", "o", "o"], "llc"),
    (&["spolka", "z", "ograniczona", "odpowiedzialnoscia"], "llc"),
    (&["societatea", "cu", "raspundere", "limitata"], "srl"),
    (&["societa", "a", "responsabilita", "limitata"], "srl"),
    (&["societe", "anonyme"], "sa"),
    (&["sociedad", "anonima"], "sa"),
    (&["societa", "per", "azioni"], "spa"),
    (&["besloten", "venootschap"], "bv"),
    (&["namloze", "venootschap"], "nv"),
    (&["sendirian", "berhad"], "sdn bhd"),
];

const NUMBER_WORDS: &[(&str, &str)] = &[
    ("one", "1"),
    ("first", "1"),
    ("two", "2"),
    ("second", "2"),
    ("three", "3"),
    ("third", "3"),
    ("four", "4"),
    ("fourth", "4"),
    ("five", "5"),
    ("fifth", "5"),
    ("six", "6"),
    ("sixth", "6"),
    ("seven", "7"),
    ("seventh", "7"),
    ("eight", "8"),
    ("eighth", "8"),
    ("nine", "9"),
    ("ninth", "9"),
    ("ten", "10"),
    ("tenth", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
];

/// The group key of a spelling (doubled letters already collapsed), when it belongs to a
/// group.
pub fn canonical(collapsed: &str) -> Option<&'static str> {
    static GROUPS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    GROUPS
        .get_or_init(|| {
            VARIANT_GROUPS
                .iter()
                .flat_map(|group| group.iter().map(|m| (collapse_doubles(m), group[0])))
                .collect()
        })
        .get(collapsed)
        .copied()
}

/// The canonical short form of a single-word legal form, as written or with doubled
/// letters collapsed (`Aktiengeselschaft`).
pub fn legal_form(word: &str) -> Option<&'static str> {
    static FORMS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    FORMS
        .get_or_init(|| {
            LEGAL_FORMS
                .iter()
                .flat_map(|(w, f)| [((*w).to_owned(), *f), (collapse_doubles(w), *f)])
                .collect()
        })
        .get(word)
        .copied()
}

pub fn number_word(word: &str) -> Option<&'static str> {
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, n)| *n)
}

pub fn is_minor(collapsed: &str) -> bool {
    MINOR.contains(&collapsed)
}

/// Russian-style patronymics (`Vladimirovich`, `Viktorovna`): often left out, so they weigh
/// little.
pub fn is_patronymic(collapsed: &str) -> bool {
    collapsed.len() > 7
        && [
            "ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna",
        ]
        .iter()
        .any(|s| collapsed.ends_with(s))
}

/// The spellings of a variant group, given its key.
pub fn members(key: &str) -> Option<&'static [&'static str]> {
    VARIANT_GROUPS.iter().find(|g| g[0] == key).copied()
}

/// The usual Latin spelling of common Korean surnames (`박` is Park, not the `Bag` a
/// syllable-by-syllable romanisation gives).
pub fn hangul_surname(c: char) -> Option<&'static str> {
    Some(match c {
        '박' => "park",
        '김' => "kim",
        '이' => "lee",
        '최' => "choi",
        '정' => "jung",
        '강' => "kang",
        '조' => "cho",
        '윤' => "yoon",
        '임' => "lim",
        '신' => "shin",
        '오' => "oh",
        '한' => "han",
        _ => return None,
    })
}

/// Replaces multi-word legal forms (`joint stock company`) by their short form.
pub fn fold_phrases(tokens: &mut Vec<Token>) {
    for (phrase, form) in LEGAL_PHRASES {
        let n = phrase.len();
        let mut i = 0;
        while i + n <= tokens.len() {
            let hit = tokens[i..i + n]
                .iter()
                .zip(phrase.iter())
                .all(|(t, p)| t.key == *p || t.text == *p);
            if hit {
                let mut folded = tokens[i].clone();
                folded.text = tokens[i..i + n]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                folded.key = (*form).to_owned();
                folded.skeleton = String::new();
                folded.class = TokenClass::LegalForm;
                tokens.splice(i..i + n, [folded]);
            }
            i += 1;
        }
    }
}
