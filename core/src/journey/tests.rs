use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use super::*;
use crate::step::{Party, RequiredAction, Step, StepEvent, StepKind, StepState};
use crate::transition::Refusal;

const NOW: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

fn journey(state: JourneyState, steps: Vec<StepState>, window_passed: bool) -> Journey {
    let offset = if window_passed {
        -Duration::hours(1)
    } else {
        Duration::hours(1)
    };
    let kinds = [StepKind::Documents, StepKind::Selfie];
    Journey {
        state,
        expires_at: NOW + offset,
        steps: kinds
            .iter()
            .zip(steps)
            .map(|(kind, state)| Step {
                kind: *kind,
                state,
                attempts: 1,
                max_attempts: 3,
            })
            .collect(),
    }
}

fn reviewer_hold() -> StepState {
    StepState::RequiresAction(RequiredAction {
        by: Party::Reviewer,
        reason_code: "documents_pending_review".into(),
        customer_message: String::new(),
        internal_note: String::new(),
    })
}

fn situations() -> Vec<(&'static str, Journey)> {
    use JourneyState::*;
    use StepState::{Completed as Done, InProgress as Doing, NotStarted};
    vec![
        (
            "created",
            journey(Created, vec![NotStarted, NotStarted], false),
        ),
        (
            "created_window_passed",
            journey(Created, vec![NotStarted, NotStarted], true),
        ),
        (
            "customer_working",
            journey(InProgress, vec![Doing, NotStarted], false),
        ),
        (
            "customer_working_window_passed",
            journey(InProgress, vec![Doing, NotStarted], true),
        ),
        (
            "awaiting_reviewer_window_passed",
            journey(InProgress, vec![reviewer_hold(), Done], true),
        ),
        (
            "all_steps_done",
            journey(InProgress, vec![Done, Done], false),
        ),
        ("completed", journey(Completed, vec![Done, Done], false)),
        ("rejected", journey(Rejected, vec![Doing, NotStarted], true)),
        ("expired", journey(Expired, vec![Doing, NotStarted], true)),
    ]
}

fn events() -> Vec<(&'static str, JourneyEvent)> {
    vec![
        ("opened", JourneyEvent::Opened),
        (
            "start_selfie",
            JourneyEvent::Step {
                kind: StepKind::Selfie,
                event: StepEvent::Start,
            },
        ),
        (
            "start_bank",
            JourneyEvent::Step {
                kind: StepKind::BankAccount,
                event: StepEvent::Start,
            },
        ),
        ("complete", JourneyEvent::Complete),
        ("reject", JourneyEvent::Reject),
        ("expire", JourneyEvent::Expire),
        ("revoke", JourneyEvent::Revoke),
    ]
}

/// Expected outcome of every (situation, event) pair: the resulting journey state, or the refusal.
fn expected(situation: &str, event: &str) -> Result<JourneyState, Refusal> {
    use JourneyState::*;
    use Refusal::*;
    match (situation, event) {
        ("completed" | "rejected" | "expired", _) => Err(Terminal),
        (_, "revoke") => Ok(Expired),
        ("created", "opened") => Ok(InProgress),
        ("created_window_passed", "opened") => Err(WindowPassed),
        ("created" | "created_window_passed", "start_selfie" | "start_bank") => {
            Err(JourneyNotInProgress)
        }
        ("created" | "customer_working" | "all_steps_done", "expire") => Err(WindowNotPassed),
        ("created_window_passed" | "customer_working_window_passed", "expire") => Ok(Expired),
        ("awaiting_reviewer_window_passed", "expire") => Err(CustomerActionNotPending),
        ("customer_working", "start_selfie") => Ok(InProgress),
        ("customer_working_window_passed", "start_selfie" | "start_bank") => Err(WindowPassed),
        (_, "start_bank") if situation != "created" => Err(UnknownStep),
        ("awaiting_reviewer_window_passed" | "all_steps_done", "start_selfie") => Err(Terminal),
        ("all_steps_done", "complete") => Ok(Completed),
        (
            "customer_working"
            | "customer_working_window_passed"
            | "awaiting_reviewer_window_passed",
            "complete",
        ) => Err(StepsIncomplete),
        (_, "reject") if !situation.starts_with("created") => Ok(Rejected),
        _ => Err(NotAllowed),
    }
}

#[test]
fn every_journey_situation_and_event_pair_follows_the_transition_table() {
    let mut checked = 0;
    for (situation, journey) in situations() {
        for (event_name, event) in events() {
            let outcome = journey
                .apply(event, NOW)
                .map(|j| j.state)
                .map_err(|e| e.refusal);
            assert_eq!(
                outcome,
                expected(situation, event_name),
                "{situation} + {event_name}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 63);
}

#[test]
fn a_journey_waiting_only_for_a_reviewer_does_not_expire() {
    let (_, waiting) = situations().swap_remove(4);
    assert!(!waiting.customer_action_pending());
    assert!(!waiting.is_due_to_expire(NOW + Duration::days(30)));
}

#[test]
fn a_journey_expires_at_the_exact_end_of_its_window_not_before() {
    let created = Journey::new(&[StepKind::Selfie], NOW);
    assert!(!created.is_due_to_expire(NOW - Duration::seconds(1)));
    assert!(created.is_due_to_expire(NOW));
    assert_eq!(
        created.apply(JourneyEvent::Expire, NOW).unwrap().state,
        JourneyState::Expired
    );
}

#[test]
fn a_refused_step_event_leaves_the_journey_unchanged() {
    let (_, working) = situations().swap_remove(2);
    let before = working.clone();
    let refused = working.apply(
        JourneyEvent::Step {
            kind: StepKind::Documents,
            event: StepEvent::Start,
        },
        NOW,
    );
    assert_eq!(refused.unwrap_err().refusal, Refusal::NotAllowed);
    assert_eq!(working, before);
}

#[test]
fn journey_states_round_trip_through_their_stored_names() {
    for state in JourneyState::ALL {
        assert_eq!(JourneyState::from_db(state.as_str()), Some(state));
    }
    assert_eq!(JourneyState::from_db("done"), None);
}
