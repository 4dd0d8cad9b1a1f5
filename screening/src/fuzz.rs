//! Fuzzing the list importers (see `kyc-fuzz`): files mutated from the fixtures, read
//! strictly and leniently. Whatever the bytes, an import never panics; it gives entries or
//! a problem naming a line the file has; and the two modes agree: a file strict mode
//! accepts is read the same way leniently, with nothing left out, and a file lenient mode
//! reads without leaving anything out is one strict mode accepts.

use kyc_core::screening::model::ListSource;
use kyc_fuzz::proptest::prelude::*;
use kyc_fuzz::proptest::test_runner::TestCaseError;
use kyc_fuzz::{run, run_bytes, Corpus};

use crate::error::test_support::fixture;
use crate::error::{File, ImportError, Parsed, Reading};

/// Bytes of CSV files' structure and of the values the importers read.
const CSV_TOKENS: &[&str] = &[
    "\"",
    "\"\"",
    ",",
    "\n",
    "\r\n",
    "-0-",
    "-0- ",
    ";",
    "a.k.a. ",
    "DOB ",
    "POB ",
    "nationality ",
    "0",
    "-1",
    "18446744073709551616",
    "99999999999999999999",
    "1 Jan 1970",
    "circa 1960",
    "1960 to 1962",
    "Individual",
    "individual",
    "Entity",
    "Vessel",
    "Aircraft",
    "SDN",
    "\u{feff}",
    "\u{0301}",
    "\u{202e}",
    "Ä",
    "\u{10ffff}",
];

/// Bytes of XML's structure and of the UN and EU lists' elements.
const XML_TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "=\"",
    "\"",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x110000;",
    "&unknown;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE a [<!ENTITY e \"x\">]>",
    "&e;",
    "xmlns=\"x\"",
    "xmlns:a=\"y\"",
    "<INDIVIDUAL>",
    "</INDIVIDUAL>",
    "<ENTITY>",
    "</ENTITY>",
    "<FIRST_NAME>",
    "</FIRST_NAME>",
    "<DATAID>",
    "</DATAID>",
    "<INDIVIDUAL_DATE_OF_BIRTH>",
    "<YEAR>",
    "</YEAR>",
    "<DATE>",
    "</DATE>",
    "<TYPE_OF_DATE>",
    "BETWEEN",
    "APPROXIMATELY",
    "<nameAlias wholeName=\"",
    "<sanctionEntity logicalId=\"",
    "<birthdate birthdate=\"",
    "year=\"",
    "1960-13-45",
    "0000-00-00",
    "-1",
    "18446744073709551616",
    "\u{feff}",
    "\n",
    "\r",
];

fn corpus(seeds: &[&[u8]], tokens: &[&str]) -> Corpus {
    Corpus::new(seeds.iter().map(|s| s.to_vec()).collect(), 32 * 1024).with_tokens(tokens)
}

/// Strict and lenient readings of the same files agree, and problems name real lines.
fn agree(
    lines: impl Fn(&str) -> usize,
    read: impl Fn(Reading<'_>) -> Result<Parsed, ImportError>,
) -> Result<(), TestCaseError> {
    let strict = read(Reading::new(false, &mut || {}));
    let lenient = read(Reading::new(true, &mut || {}));
    for problem in strict
        .as_ref()
        .err()
        .into_iter()
        .chain(lenient.iter().flat_map(|p| &p.skipped))
    {
        prop_assert!(!problem.message.is_empty(), "a problem without words");
        if let Some(line) = problem.line {
            let lines = lines(&problem.file);
            prop_assert!(
                line >= 1 && line <= lines as u64 + 1,
                "{problem} names a line the {lines}-line file does not have"
            );
        }
    }
    match (&strict, &lenient) {
        (Ok(strict), Ok(lenient)) => {
            prop_assert!(
                lenient.skipped.is_empty(),
                "lenient left out {:?}",
                lenient.skipped
            );
            prop_assert_eq!(&strict.entries, &lenient.entries);
        }
        (Ok(_), Err(problem)) => {
            prop_assert!(false, "strict accepts what lenient refuses: {problem}")
        }
        (Err(problem), Ok(lenient)) => prop_assert!(
            !lenient.skipped.is_empty(),
            "lenient leaves nothing out of what strict refuses ({problem})"
        ),
        (Err(_), Err(_)) => {}
    }
    Ok(())
}

/// The physical lines of a file, for checking the line numbers problems give.
fn lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1
}

fn single(
    name: &'static str,
    seeds: &[&[u8]],
    tokens: &[&str],
    parse: fn(File<'_>, Reading<'_>) -> Result<Parsed, ImportError>,
) {
    run_bytes(name, &corpus(seeds, tokens), |bytes| {
        agree(
            |_| lines(bytes),
            |reading| parse(File { name, bytes }, reading),
        )
    });
}

#[test]
fn fuzz_un_importer() {
    single(
        "un.xml",
        &[
            fixture!("un.xml"),
            fixture!("un-malformed.xml"),
            fixture!("un-noname.xml"),
        ],
        XML_TOKENS,
        crate::un::parse,
    );
}

#[test]
fn fuzz_eu_importer() {
    single(
        "eu.xml",
        &[
            fixture!("eu.xml"),
            fixture!("eu-malformed.xml"),
            fixture!("eu-noname.xml"),
        ],
        XML_TOKENS,
        crate::eu::parse,
    );
}

#[test]
fn fuzz_csl_importer() {
    single(
        "csl.csv",
        &[
            fixture!("csl.csv"),
            fixture!("csl-bad-columns.csv"),
            fixture!("csl-truncated.csv"),
        ],
        CSV_TOKENS,
        crate::csl::parse,
    );
}

#[test]
fn fuzz_uk_importer() {
    single(
        "uk.csv",
        &[
            fixture!("uk.csv"),
            fixture!("uk-sanctions-list.csv"),
            fixture!("uk-bad.csv"),
        ],
        CSV_TOKENS,
        crate::uk::parse,
    );
}

/// OFAC's four files: one of them mutated at a time, the others the fixtures.
#[test]
fn fuzz_ofac_importer() {
    let primary = corpus(
        &[
            fixture!("ofac-sdn.csv"),
            fixture!("ofac-sdn-bad-columns.csv"),
            fixture!("ofac-sdn-bad-entnum.csv"),
            fixture!("ofac-sdn-duplicate.csv"),
            fixture!("ofac-sdn-noname.csv"),
            fixture!("ofac-sdn-truncated.csv"),
        ],
        CSV_TOKENS,
    );
    let alt = corpus(
        &[fixture!("ofac-alt.csv"), fixture!("ofac-alt-orphan.csv")],
        CSV_TOKENS,
    );
    let add = corpus(&[fixture!("ofac-add.csv")], CSV_TOKENS);
    let comments = corpus(&[fixture!("ofac-sdn_comments.csv")], CSV_TOKENS);
    let files = prop_oneof![
        4 => primary.mutated().prop_map(|b| (0usize, b)),
        2 => alt.mutated().prop_map(|b| (1usize, b)),
        2 => add.mutated().prop_map(|b| (2usize, b)),
        1 => comments.mutated().prop_map(|b| (3usize, b)),
    ];
    run("ofac", files, |(which, bytes)| {
        let mut set: [&[u8]; 4] = [
            fixture!("ofac-sdn.csv"),
            fixture!("ofac-alt.csv"),
            fixture!("ofac-add.csv"),
            fixture!("ofac-sdn_comments.csv"),
        ];
        set[which] = bytes.as_slice();
        let names = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"];
        let file = |i: usize| File {
            name: names[i],
            bytes: set[i],
        };
        let lines_of = |name: &str| {
            names
                .iter()
                .position(|n| *n == name)
                .map_or(0, |i| lines(set[i]))
        };
        agree(lines_of, |reading| {
            crate::ofac::parse(
                file(0),
                Some(file(1)),
                Some(file(2)),
                Some(file(3)),
                ListSource::OfacSdn,
                reading,
            )
        })
    });
}
