use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// Messages that are the same in Hindi as in English: names and codes, not words.
const SAME_IN_BOTH: &[&str] = &[
    "lang-name-en",
    "lang-name-hi",
    "brand-digilocker",
    "brand-aadhaar",
];

/// What a message is made of, beyond its words: its attributes and the variables it uses.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    attributes: BTreeSet<String>,
    variables: BTreeSet<String>,
}

fn shapes(lang: Lang) -> BTreeMap<String, Shape> {
    shapes_of(lang.code(), resources::files(lang))
}

fn shapes_of(lang: &str, files: &[(&str, &str)]) -> BTreeMap<String, Shape> {
    let mut shapes = BTreeMap::new();
    for (name, source) in files {
        let resource = fluent_syntax::parser::parse(*source)
            .unwrap_or_else(|(_, errors)| panic!("{lang}/{name}: {errors:?}"));
        for entry in resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                _ => continue,
            };
            let mut variables = BTreeSet::new();
            if let Some(pattern) = &value {
                pattern_variables(pattern, &mut variables);
            }
            for attribute in &attributes {
                pattern_variables(&attribute.value, &mut variables);
            }
            let attributes = attributes.iter().map(|a| a.id.name.to_owned()).collect();
            let shape = Shape {
                attributes,
                variables,
            };
            assert!(
                shapes.insert(id.clone(), shape).is_none(),
                "{lang}: {id} is defined twice"
            );
        }
    }
    shapes
}

fn pattern_variables(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, into);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, into);
            assert!(
                variants.iter().any(|v| v.default),
                "a select expression has no default variant"
            );
            for variant in variants {
                pattern_variables(&variant.value, into);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, into),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, into);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, into),
        _ => {}
    }
}

/// Every way the two languages' messages differ beyond their words.
fn differences(english: &BTreeMap<String, Shape>, hindi: &BTreeMap<String, Shape>) -> Vec<String> {
    let mut found = Vec::new();
    for id in english.keys().filter(|k| !hindi.contains_key(*k)) {
        found.push(format!("{id}: missing in Hindi"));
    }
    for id in hindi.keys().filter(|k| !english.contains_key(*k)) {
        found.push(format!("{id}: missing in English"));
    }
    for (id, shape) in english {
        if let Some(other) = hindi.get(id).filter(|other| *other != shape) {
            found.push(format!("{id}: {shape:?} in English, {other:?} in Hindi"));
        }
    }
    found
}

/// Messages whose Hindi is their English, beyond the allow-list.
fn untranslated(english: &[(&str, &str)], hindi: &[(&str, &str)]) -> Vec<String> {
    // Each message's whole source (its continuation lines too), by id.
    let parse = |files: &[(&str, &str)]| -> BTreeMap<String, String> {
        let mut messages = BTreeMap::new();
        let mut current: Option<(String, String)> = None;
        for line in files.iter().flat_map(|(_, source)| source.lines()) {
            let starts_entry = !line.starts_with([' ', '#', '}', '[', '*']) && line.contains(" = ");
            if starts_entry || line.is_empty() || line.starts_with('#') {
                messages.extend(current.take());
            }
            if let Some((id, text)) = line.split_once(" = ").filter(|_| starts_entry) {
                current = Some((id.trim().to_owned(), text.to_owned()));
            } else if let Some((_, text)) = &mut current {
                text.push('\n');
                text.push_str(line);
            }
        }
        messages.extend(current);
        messages
    };
    let hindi = parse(hindi);
    parse(english)
        .into_iter()
        .filter(|(id, text)| !SAME_IN_BOTH.contains(&id.as_str()) && hindi.get(id) == Some(text))
        .map(|(id, _)| id)
        .collect()
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_variables() {
    let found = differences(&shapes(Lang::En), &shapes(Lang::Hi));
    assert!(found.is_empty(), "{found:#?}");
    assert!(
        shapes(Lang::En).len() > 100,
        "only {} messages",
        shapes(Lang::En).len()
    );
}

#[test]
fn hindi_messages_are_translated() {
    let same = untranslated(resources::files(Lang::En), resources::files(Lang::Hi));
    assert!(same.is_empty(), "the same in Hindi as in English: {same:?}");
    for allowed in SAME_IN_BOTH {
        assert!(has(allowed), "{allowed} is allowed but is not a message");
    }
}

#[test]
fn the_checks_above_catch_a_missing_a_changed_or_an_untranslated_message() {
    let english = [(
        "x.ftl",
        "a = One\nb = Two { $n }\nc = Three\nd = { $n ->\n    [one] one\n   *[other] many\n}\n",
    )];
    let hindi = [(
        "x.ftl",
        "a = One\nb = दो\nd = { $count ->\n    [one] एक\n   *[other] कई\n}\ne = पाँच\n",
    )];
    let found = differences(&shapes_of("en", &english), &shapes_of("hi", &hindi));
    let ids: Vec<&str> = found.iter().filter_map(|f| f.split(':').next()).collect();
    assert_eq!(ids, ["c", "e", "b", "d"], "{found:#?}");
    assert_eq!(untranslated(&english, &hindi), ["a"]);
}

#[test]
fn messages_take_their_values_and_choose_plural_forms() {
    assert_eq!(t!(Lang::En, "files-count", count = 1), "1 file");
    assert_eq!(t!(Lang::En, "files-count", count = 3), "3 files");
    assert_eq!(t!(Lang::Hi, "files-count", count = 3), "3 फ़ाइलें");
    assert_eq!(text(Lang::En, "no-such-message", &[]), "no-such-message");
}

#[test]
fn the_browser_s_language_preferences_choose_the_language() {
    assert_eq!(
        Lang::negotiate("hi-IN,hi;q=0.9,en-US;q=0.8,en;q=0.7"),
        Lang::Hi
    );
    assert_eq!(Lang::negotiate("en-IN,en;q=0.9,hi;q=0.8"), Lang::En);
    assert_eq!(Lang::negotiate("mr-IN, hi;q=0.5"), Lang::Hi);
    assert_eq!(Lang::negotiate("en;q=0.3, hi;q=0.8"), Lang::Hi);
    assert_eq!(Lang::negotiate("hi;q=0, fr"), Lang::En);
    assert_eq!(Lang::negotiate("ta-IN"), Lang::En);
    assert_eq!(Lang::negotiate(""), Lang::En);
    assert_eq!(Lang::negotiate(";;,,q=x"), Lang::En);
}

/// The literal message ids the code asks for: the second argument of `t!(lang, "id", ..)`
/// and of `FieldError::known(field, "id", ..)`, in every crate's sources.
fn ids_used_in_code() -> BTreeSet<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = BTreeSet::new();
    let mut dirs: Vec<_> = ["app", "core", "errors", "server", "service", "db"]
        .iter()
        .map(|c| root.join(c).join("src"))
        .collect();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("a source directory")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("a source file");
                for id in literal_ids(&source) {
                    found.insert((id, path.display().to_string()));
                }
            }
        }
    }
    found
}

/// The second argument of each `t!(` and `known(` call in `source`, when it is a literal.
fn literal_ids(source: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for opener in ["t!(", "known("] {
        for (at, _) in source.match_indices(opener) {
            // `t!(`, not the end of `format!(` or `assert!(`.
            let joined = source[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if joined {
                continue;
            }
            let rest = &source[at + opener.len()..];
            let Some(comma) = rest.find(',') else {
                continue;
            };
            let after = rest[comma + 1..].trim_start();
            if let Some(literal) = after.strip_prefix('"') {
                if let Some(end) = literal.find('"') {
                    ids.push(literal[..end].to_owned());
                }
            }
        }
    }
    ids
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let used = ids_used_in_code();
    assert!(
        used.len() > 150,
        "only {} ids found: is the scan broken?",
        used.len()
    );
    let missing: Vec<_> = used.iter().filter(|(id, _)| !has(id)).collect();
    assert!(
        missing.is_empty(),
        "asked for but not in the message files: {missing:#?}"
    );
    assert_eq!(
        literal_ids(
            "t!(lang, \"a-b\", n = 1) t!(lang, id) assert!(x, \"y\") known(\"f\",\n \"c\", \"x\")"
        ),
        ["a-b", "c"]
    );
}
