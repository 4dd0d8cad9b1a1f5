//! Property tests: no sequence of events drives a journey into a state the rules forbid,
//! and nothing ever leaves a terminal state.

use kyc_core::step::DEFAULT_MAX_ATTEMPTS;
use kyc_core::{
    Journey, JourneyEvent, JourneyState, Party, RequiredAction, StepEvent, StepKind, StepState,
};
use proptest::prelude::*;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const START: OffsetDateTime = datetime!(2026-01-01 00:00 UTC);

fn step_event() -> impl Strategy<Value = StepEvent> {
    let action = prop_oneof![Just(Party::Customer), Just(Party::Reviewer)].prop_map(|by| {
        StepEvent::RequireAction(RequiredAction {
            by,
            reason_code: "r".into(),
            customer_message: "m".into(),
            internal_note: "n".into(),
        })
    });
    prop_oneof![
        Just(StepEvent::Start),
        Just(StepEvent::Complete),
        Just(StepEvent::Fail),
        Just(StepEvent::Retry),
        Just(StepEvent::Resubmit),
        action,
    ]
}

fn journey_event() -> impl Strategy<Value = JourneyEvent> {
    let step = (0..StepKind::ALL.len(), step_event()).prop_map(|(i, event)| JourneyEvent::Step {
        kind: StepKind::ALL[i],
        event,
    });
    prop_oneof![
        1 => Just(JourneyEvent::Opened),
        12 => step,
        1 => Just(JourneyEvent::Complete),
        1 => Just(JourneyEvent::Reject),
        1 => Just(JourneyEvent::Expire),
        1 => Just(JourneyEvent::Revoke),
    ]
}

fn step_kinds() -> impl Strategy<Value = Vec<StepKind>> {
    proptest::sample::subsequence(StepKind::ALL.to_vec(), 1..=StepKind::ALL.len())
}

/// The states the rules forbid, whatever happened before.
fn assert_allowed(journey: &Journey) {
    for step in &journey.steps {
        assert!(
            step.attempts <= step.max_attempts,
            "attempts beyond the maximum: {step:?}"
        );
        assert_eq!(
            step.state == StepState::NotStarted,
            step.attempts == 0,
            "attempt count disagrees: {step:?}"
        );
    }
    match journey.state {
        JourneyState::Created => {
            assert!(
                journey
                    .steps
                    .iter()
                    .all(|s| s.state == StepState::NotStarted),
                "a step moved before the link was opened"
            )
        }
        JourneyState::Completed => {
            assert!(
                journey
                    .steps
                    .iter()
                    .all(|s| s.state == StepState::Completed),
                "completed with unfinished steps"
            )
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_sequence_of_events_reaches_a_forbidden_state_or_leaves_a_terminal_one(
        kinds in step_kinds(),
        window_hours in 1i64..100,
        script in proptest::collection::vec((journey_event(), 0i64..30), 0..60),
    ) {
        let mut journey = Journey::new(&kinds, START + Duration::hours(window_hours));
        let mut now = START;
        for (event, hours_later) in script {
            now += Duration::hours(hours_later);
            let before = journey.clone();
            match journey.apply(event.clone(), now) {
                Ok(after) => {
                    prop_assert!(!before.state.is_terminal(), "left terminal {:?} on {:?}", before.state, event);
                    assert_allowed(&after);
                    let same_kinds = after.steps.iter().map(|s| s.kind).eq(before.steps.iter().map(|s| s.kind));
                    prop_assert!(same_kinds, "the set of steps changed");
                    if before.state != JourneyState::InProgress {
                        prop_assert_eq!(&after.steps, &before.steps, "steps changed outside InProgress");
                    }
                    if after.state == JourneyState::Expired && event == JourneyEvent::Expire {
                        prop_assert!(before.customer_action_pending() && now >= before.expires_at);
                    }
                    journey = after;
                }
                Err(refused) => {
                    if before.state.is_terminal() {
                        prop_assert_eq!(refused.refusal, kyc_core::Refusal::Terminal);
                    }
                }
            }
        }
    }

    #[test]
    fn a_step_is_never_retried_more_often_than_it_allows(events in proptest::collection::vec(step_event(), 0..80)) {
        let mut step = kyc_core::Step::new(StepKind::BankAccount);
        for event in events {
            if let Ok(next) = step.apply(event) {
                step = next;
            }
            prop_assert!(step.attempts <= DEFAULT_MAX_ATTEMPTS);
        }
    }
}
