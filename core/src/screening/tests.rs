//! Matcher cases: typos, reordering, initials, transliteration, legal forms, partial dates,
//! and explanations.

use super::evaluate::parse_date_leniently;
use super::model::{Alias, AliasQuality, EntryKind, ListEntry, ListSource, PartialDate};
use super::score::How;
use super::{Decision, Index, Query, Subject, Thresholds};

fn person(id: &str, name: &str) -> ListEntry {
    ListEntry::new(ListSource::Un, id, EntryKind::Person, name)
}

fn index() -> Index {
    let mut salek = person("TAi.001", "SALEK, Abdulhai");
    salek.birth_dates = vec![PartialDate::Year { year: 1965 }];
    salek.nationalities = vec!["AF".into()];
    let qadhafi = person("LYi.013", "MUAMMAR MOHAMMED ABU MINYAR QADHAFI");
    let mut petrov = ListEntry::new(
        ListSource::OfacSdn,
        "4711",
        EntryKind::Person,
        "PETROV, Ivan Sergeyevich",
    );
    petrov.original_script_names = vec!["Иван Сергеевич Петров".into()];
    let mut jawlani = ListEntry::new(
        ListSource::OfacSdn,
        "15945",
        EntryKind::Person,
        "AL-JAWLANI, Abu Muhammad",
    );
    jawlani.aliases = vec![Alias {
        name: "ABU MUHAMMAD AL-GOLANI".into(),
        quality: AliasQuality::Weak,
    }];
    let globex = ListEntry::new(
        ListSource::UsCsl,
        "c-9",
        EntryKind::Organisation,
        "GLOBEX TRADING AKTIENGESELLSCHAFT",
    );
    let bank = ListEntry::new(
        ListSource::UsCsl,
        "c-10",
        EntryKind::Organisation,
        "Open Joint Stock Company Sevmorneftegaz",
    );
    // Common names make the others' words rare, as in real lists.
    let filler = (0..40).map(|i| person(&format!("F{i}"), &format!("MOHAMMED ALI HASSAN {i}")));
    Index::build(
        [salek, qadhafi, petrov, jawlani, globex, bank]
            .into_iter()
            .chain(filler)
            .collect(),
    )
}

fn best(index: &Index, query: &Query) -> (f32, String) {
    let outcome = index.screen(query, Thresholds::default());
    outcome
        .best()
        .map_or((0.0, String::new()), |h| (h.score, h.list_id.clone()))
}

fn score(index: &Index, name: &str) -> (f32, String) {
    best(index, &Query::person(name))
}

#[test]
fn exact_and_reordered_names_match_their_entry() {
    let index = index();
    for name in ["Abdulhai Salek", "SALEK, ABDULHAI", "salek abdulhai"] {
        let (s, id) = score(&index, name);
        assert_eq!(id, "TAi.001", "{name}");
        assert!(s >= 0.95, "{name}: {s}");
    }
}

#[test]
fn typos_and_spelling_variants_are_found() {
    let index = index();
    for name in [
        "Muamar Mohamed Abu Minyar Qadhafy",
        "MUAMMAR MOHAMEMD ABU MINYAR QADHAFI",
        "Abdulhay Saleck",
    ] {
        let (s, _) = score(&index, name);
        assert!(s >= Thresholds::default().review, "{name}: {s}");
    }
    // A joined word and a split one.
    let (s, id) = score(&index, "Abu Muhammad Aljawlani");
    assert_eq!(
        (id.as_str(), s >= Thresholds::default().review),
        ("15945", true),
        "{s}"
    );
}

#[test]
fn an_initial_counts_for_less_than_the_name_and_only_when_it_fits() {
    let index = index();
    let (full, _) = score(&index, "Abdulhai Salek");
    let (initial, id) = score(&index, "A. Salek");
    let (wrong, _) = score(&index, "B. Salek");
    assert_eq!(id, "TAi.001");
    assert!(
        initial < full && wrong < initial,
        "{full} {initial} {wrong}"
    );
}

#[test]
fn other_scripts_are_matched_through_transliteration_and_original_script() {
    let index = index();
    let (s, id) = score(&index, "Иван Петров");
    assert_eq!(id, "4711");
    assert!(s >= Thresholds::default().review, "{s}");
    assert!(index.pair_score("أحمد حسن", "Ahmed Hassan", Subject::Person) >= 0.9);
    assert!(index.pair_score("李明", "Li Ming", Subject::Person) >= 0.9);
    // Different characters that romanise alike are not the same name.
    assert!(index.pair_score("高石早苗", "高市早苗", Subject::Person) < 0.8);
}

#[test]
fn legal_forms_are_equivalent_and_organisations_never_flag_people() {
    let index = index();
    let company = |name: &str| {
        best(
            &index,
            &Query {
                subject: Subject::Organisation,
                ..Query::person(name)
            },
        )
    };
    assert_eq!(company("Globex Trading AG").1, "c-9");
    assert!(company("Globex Trading AG").0 >= 0.95);
    assert!(
        company("OAO Sevmorneftegaz").0 >= 0.95,
        "OAO is an open joint stock company"
    );
    assert!(
        score(&index, "Globex Trading").0 < 0.5,
        "a person query skips organisations"
    );
    assert!(
        index.pair_score("Globex AG", "Globex GmbH", Subject::Organisation)
            < index.pair_score(
                "Globex AG",
                "Globex Aktiengesellschaft",
                Subject::Organisation
            )
    );
}

#[test]
fn partial_dates_adjust_the_score_without_vetoing_it() {
    let index = index();
    let with_date = |date: &str| {
        best(
            &index,
            &Query {
                birth_date: parse_date_leniently(date),
                ..Query::person("Abdulhai Salek")
            },
        )
        .0
    };
    let (same_year, none, far) = (
        with_date("1965-08-20"),
        score(&index, "Abdulhai Salek").0,
        with_date("1990-01-01"),
    );
    assert!(same_year >= none && none > far, "{same_year} {none} {far}");
    assert!(
        far >= Thresholds::default().review,
        "a far date alone does not clear an exact name: {far}"
    );
}

#[test]
fn results_explain_themselves_and_unrelated_names_are_clear() {
    let index = index();
    let outcome = index.screen(
        &Query::person("Muammar Muhammad Abu Minyar Qadhafi"),
        Thresholds::default(),
    );
    assert_ne!(outcome.decision, Decision::Clear);
    let hit = outcome.best().expect("a hit");
    let variant = hit
        .tokens
        .iter()
        .find(|t| t.query == "muhammad")
        .unwrap_or_else(|| panic!("aligned: {hit:?}"));
    assert_eq!(
        (variant.listed.as_str(), variant.how),
        ("mohammed", Some(How::Variant))
    );
    assert_eq!(outcome.thresholds, Thresholds::default());
    let clear = index.screen(&Query::person("Priya Natarajan"), Thresholds::default());
    assert_eq!(clear.decision, Decision::Clear);
    assert_eq!(
        index.screen(&Query::person("Priya Natarajan"), Thresholds::default()),
        clear,
        "deterministic"
    );
}

#[test]
fn the_thresholds_form_is_parsed_into_valid_thresholds() {
    use super::{Thresholds, ThresholdsForm};
    let form = |review, confirm| Thresholds::try_from(ThresholdsForm { review, confirm });
    assert_eq!(
        form(" 0.8 ", "0.95"),
        Ok(Thresholds {
            review: 0.8,
            confirm: 0.95
        })
    );
    let fields = |r: Result<Thresholds, crate::FieldErrors>| -> Vec<String> {
        r.unwrap_err().0.into_iter().map(|e| e.field).collect()
    };
    assert_eq!(fields(form("0.4", "x")), ["review", "confirm"]);
    assert_eq!(fields(form("NaN", "0.9")), ["review"]);
    assert_eq!(fields(form("0.9", "0.8")), ["confirm"]);
}
