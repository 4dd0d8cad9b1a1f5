use super::*;
use crate::transition::Refusal;

fn action(by: Party) -> RequiredAction {
    RequiredAction {
        by,
        reason_code: "code".into(),
        customer_message: "message".into(),
        internal_note: "note".into(),
    }
}

fn step_in(state: StepState, attempts: u32) -> Step {
    Step {
        kind: StepKind::Selfie,
        state,
        attempts,
        max_attempts: 3,
    }
}

/// The states a step can be in, with the attempts that matter for retries.
fn states() -> Vec<(&'static str, Step)> {
    vec![
        ("not_started", step_in(StepState::NotStarted, 0)),
        ("in_progress", step_in(StepState::InProgress, 1)),
        ("completed", step_in(StepState::Completed, 1)),
        ("failed_with_tries_left", step_in(StepState::Failed, 1)),
        ("failed_without_tries", step_in(StepState::Failed, 3)),
        (
            "waits_for_customer",
            step_in(StepState::RequiresAction(action(Party::Customer)), 1),
        ),
        (
            "waits_for_reviewer",
            step_in(StepState::RequiresAction(action(Party::Reviewer)), 1),
        ),
    ]
}

fn events() -> Vec<(&'static str, StepEvent)> {
    vec![
        ("start", StepEvent::Start),
        ("complete", StepEvent::Complete),
        ("fail", StepEvent::Fail),
        ("retry", StepEvent::Retry),
        (
            "ask_customer",
            StepEvent::RequireAction(action(Party::Customer)),
        ),
        (
            "ask_reviewer",
            StepEvent::RequireAction(action(Party::Reviewer)),
        ),
        ("resubmit", StepEvent::Resubmit),
    ]
}

/// Expected outcome of every (state, event) pair: the resulting state's name, or the refusal.
fn expected(state: &str, event: &str) -> Result<&'static str, Refusal> {
    use Refusal::*;
    match (state, event) {
        ("completed", _) => Err(Terminal),
        ("not_started", "start") => Ok("in_progress"),
        ("in_progress", "complete") => Ok("completed"),
        ("in_progress", "fail") => Ok("failed"),
        ("in_progress", "ask_customer" | "ask_reviewer") => Ok("requires_action"),
        ("failed_with_tries_left", "retry") => Ok("in_progress"),
        ("failed_without_tries", "retry") => Err(NoRetriesLeft),
        ("waits_for_customer", "resubmit") => Ok("in_progress"),
        ("waits_for_reviewer", "complete") => Ok("completed"),
        ("waits_for_reviewer", "fail") => Ok("failed"),
        ("waits_for_reviewer", "ask_customer") => Ok("requires_action"),
        ("waits_for_reviewer", "ask_reviewer") => Err(WrongParty),
        _ => Err(NotAllowed),
    }
}

#[test]
fn every_step_state_and_event_pair_follows_the_transition_table() {
    let mut checked = 0;
    for (state_name, step) in states() {
        for (event_name, event) in events() {
            let outcome = step
                .apply(event)
                .map(|s| s.state.as_str())
                .map_err(|e| e.refusal);
            assert_eq!(
                outcome,
                expected(state_name, event_name),
                "{state_name} + {event_name}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 49);
}

#[test]
fn starting_a_step_counts_the_first_attempt_and_each_retry_counts_another() {
    let started = Step::new(StepKind::BankAccount)
        .apply(StepEvent::Start)
        .unwrap();
    assert_eq!(started.attempts, 1);
    let failed = started.apply(StepEvent::Fail).unwrap();
    let retried = failed.apply(StepEvent::Retry).unwrap();
    assert_eq!(retried.attempts, 2);
    let third = retried
        .apply(StepEvent::Fail)
        .unwrap()
        .apply(StepEvent::Retry)
        .unwrap();
    assert_eq!(third.attempts, 3);
    let exhausted = third.apply(StepEvent::Fail).unwrap();
    assert!(exhausted.is_final());
    assert_eq!(
        exhausted.apply(StepEvent::Retry).unwrap_err().refusal,
        Refusal::NoRetriesLeft
    );
}

#[test]
fn a_reviewer_sending_a_step_back_hands_it_to_the_customer_with_the_message() {
    let waiting = step_in(StepState::RequiresAction(action(Party::Reviewer)), 1);
    let mut ask = action(Party::Customer);
    ask.customer_message = "Please upload a sharper photo".into();
    let sent_back = waiting
        .apply(StepEvent::RequireAction(ask.clone()))
        .unwrap();
    assert_eq!(sent_back.state, StepState::RequiresAction(ask));
    assert!(sent_back.awaits_customer());
}

#[test]
fn only_steps_waiting_for_the_customer_count_as_customer_work() {
    let awaiting: Vec<_> = states()
        .into_iter()
        .filter(|(_, s)| s.awaits_customer())
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        awaiting,
        [
            "not_started",
            "in_progress",
            "failed_with_tries_left",
            "waits_for_customer"
        ]
    );
}

#[test]
fn step_kinds_round_trip_through_their_stored_names() {
    for kind in StepKind::ALL {
        assert_eq!(StepKind::from_db(kind.as_str()), Some(kind));
    }
    assert_eq!(StepKind::from_db("selfies"), None);
}
