//! The tracker's live connection: server-sent events from `/journeys/{id}/live`, applied to
//! the page's signals. The browser's `EventSource` reconnects by itself and sends the last
//! event id it received, so the server continues from there.

use kyc_core::views::{EventRow, JourneyDetail, LiveUpdate};
use leptos::prelude::*;

/// How the live connection stands, shown beside the tracker's title.
#[cfg_attr(
    not(feature = "hydrate"),
    allow(dead_code, reason = "set by the browser")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveStatus {
    Connecting,
    Live,
    Reconnecting,
    /// The server refused (signed out, no longer allowed): only a reload helps.
    Stopped,
}

impl LiveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LiveStatus::Connecting => "connecting",
            LiveStatus::Live => "live",
            LiveStatus::Reconnecting => "reconnecting",
            LiveStatus::Stopped => "stopped",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LiveStatus::Connecting => "Connecting…",
            LiveStatus::Live => "Live",
            LiveStatus::Reconnecting => "Reconnecting…",
            LiveStatus::Stopped => "Live updates stopped: reload the page",
        }
    }
}

/// Adds what the update brings: the journey as it stands, and the events the page does not
/// show yet (an event is never shown twice, whatever the server resends).
#[cfg_attr(
    not(feature = "hydrate"),
    allow(dead_code, reason = "called from the browser")
)]
pub fn apply(update: LiveUpdate, detail: RwSignal<JourneyDetail>, events: RwSignal<Vec<EventRow>>) {
    let last = events.with_untracked(|shown| shown.last().map_or(0, |e| e.id));
    let fresh: Vec<EventRow> = update.events.into_iter().filter(|e| e.id > last).collect();
    if !fresh.is_empty() {
        events.update(|shown| shown.extend(fresh));
    }
    detail.set(update.detail);
}

/// Follows the journey from event `after` on, until the owning component is dropped.
#[cfg(feature = "hydrate")]
pub fn follow(
    journey_id: uuid::Uuid,
    after: i64,
    detail: RwSignal<JourneyDetail>,
    events: RwSignal<Vec<EventRow>>,
    status: RwSignal<LiveStatus>,
) {
    use leptos::__reexports::send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let url = format!("/journeys/{journey_id}/live?after={after}");
    let Ok(source) = web_sys::EventSource::new(&url) else {
        status.set(LiveStatus::Stopped);
        return;
    };
    let on_update =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |message: web_sys::MessageEvent| {
            let Some(data) = message.data().as_string() else {
                return;
            };
            if let Ok(update) = serde_json::from_str::<LiveUpdate>(&data) {
                apply(update, detail, events);
            }
        });
    let on_open = Closure::<dyn FnMut()>::new(move || status.set(LiveStatus::Live));
    let watched = source.clone();
    let on_error = Closure::<dyn FnMut()>::new(move || {
        // CLOSED (2): the server answered with an error and the browser gave up.
        status.set(if watched.ready_state() == 2 {
            LiveStatus::Stopped
        } else {
            LiveStatus::Reconnecting
        });
    });
    let _ = source.add_event_listener_with_callback("update", on_update.as_ref().unchecked_ref());
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let held = SendWrapper::new((source, on_update, on_open, on_error));
    on_cleanup(move || {
        let (source, ..) = held.take();
        source.close();
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use kyc_core::{ActorKind, JourneyState};
    use time::OffsetDateTime;
    use uuid::Uuid;

    fn event(id: i64) -> EventRow {
        EventRow {
            id,
            subject: "journey".into(),
            step_kind: None,
            from_state: None,
            to_state: "in_progress".into(),
            actor: ActorKind::Customer,
            actor_name: None,
            reason: None,
            occurred_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn detail(state: JourneyState) -> JourneyDetail {
        JourneyDetail {
            id: Uuid::nil(),
            customer_id: Uuid::nil(),
            customer_name: "A".into(),
            state,
            end_reason: None,
            created_at: OffsetDateTime::UNIX_EPOCH,
            opened_at: None,
            expires_at: OffsetDateTime::UNIX_EPOCH,
            ended_at: None,
            version: 0,
            steps: vec![],
            checks: vec![],
        }
    }

    #[test]
    fn an_update_adds_only_events_not_shown_and_replaces_the_journey() {
        Owner::new_root(None).with(an_update_adds_only_new_events);
    }

    fn an_update_adds_only_new_events() {
        let shown = RwSignal::new(vec![event(1), event(2)]);
        let journey = RwSignal::new(detail(JourneyState::Created));
        let update = LiveUpdate {
            detail: detail(JourneyState::InProgress),
            events: vec![event(2), event(3)],
        };
        apply(update, journey, shown);
        let ids: Vec<i64> = shown.get_untracked().iter().map(|e| e.id).collect();
        assert_eq!(ids, vec![1, 2, 3]);
        assert_eq!(journey.get_untracked().state, JourneyState::InProgress);
    }
}
