use super::*;

fn query(pairs: &[(&str, &str)]) -> JourneyQuery {
    let mut q = JourneyQuery::default();
    for (k, v) in pairs {
        let v = (*v).to_owned();
        match *k {
            "state" => q.state = v,
            "step" => q.step = v,
            "step_state" => q.step_state = v,
            "from" => q.from = v,
            "to" => q.to = v,
            "customer" => q.customer = v,
            "q" => q.q = v,
            _ => unreachable!(),
        }
    }
    q
}

#[test]
fn empty_filters_filter_nothing() {
    assert_eq!(
        JourneyQuery::default().parse().unwrap(),
        JourneyFilter::default()
    );
    assert_eq!(query(&[("q", "   ")]).parse().unwrap().search, None);
}

#[test]
fn every_bad_field_is_named() {
    let errors = query(&[
        ("state", "done"),
        ("step", "passport"),
        ("step_state", "Completed"),
        ("from", "2026-02-30"),
        ("customer", "42"),
        ("q", &"x".repeat(101)),
    ])
    .parse()
    .unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["state", "step", "step_state", "customer", "from", "q"]
    );
}

#[test]
fn a_range_must_be_in_order_and_covers_whole_days() {
    let reversed = query(&[("from", "2026-11-22"), ("to", "2026-11-01")])
        .parse()
        .unwrap_err();
    assert_eq!(reversed.0[0].field, "to");
    let filter = query(&[
        ("from", "2026-11-01"),
        ("to", "2026-11-01"),
        ("state", "in_progress"),
    ])
    .parse()
    .unwrap();
    assert_eq!(filter.state, Some(JourneyState::InProgress));
    assert_eq!(
        filter.start(),
        Some(time::macros::datetime!(2026-11-01 0:00 UTC))
    );
    assert_eq!(
        filter.end(),
        Some(time::macros::datetime!(2026-11-02 0:00 UTC))
    );
}

#[test]
fn search_text_is_matched_literally() {
    let filter = query(&[("q", " 50%_off\\ ")]).parse().unwrap();
    assert_eq!(filter.search_pattern().unwrap(), "%50\\%\\_off\\\\%");
}

#[test]
fn the_query_string_keeps_the_filters_and_encodes_them() {
    let q = query(&[("state", "completed"), ("q", "Asha Rao&x=1"), ("step", "")]);
    assert_eq!(
        q.to_query_string(0),
        "?state=completed&q=Asha%20Rao%26x%3D1"
    );
    assert_eq!(
        q.to_query_string(2),
        "?state=completed&q=Asha%20Rao%26x%3D1&page=2"
    );
    assert_eq!(JourneyQuery::default().to_query_string(0), "");
}

#[test]
fn pages_are_counted_from_the_total() {
    let page = |total, page| JourneyPage {
        journeys: vec![],
        total,
        page,
    };
    assert!(!page(25, 0).has_next());
    assert!(page(26, 0).has_next());
    assert_eq!(page(0, 0).pages(), 1);
    assert_eq!(page(51, 0).pages(), 3);
}

#[test]
fn durations_and_bars_read_well() {
    assert_eq!(short_duration(42.4), "42 s");
    assert_eq!(short_duration(720.0), "12 min");
    assert_eq!(short_duration(3.5 * 3600.0), "3.5 h");
    assert_eq!(short_duration(2.0 * 86_400.0), "2.0 d");
    assert_eq!(bar_width(0.0, 10.0, 200.0), 0.0);
    assert_eq!(bar_width(0.001, 10.0, 200.0), 1.0);
    assert_eq!(bar_width(5.0, 10.0, 200.0), 100.0);
    assert_eq!(bar_width(5.0, 0.0, 200.0), 0.0);
}
