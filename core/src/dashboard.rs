//! The Compliance section's journey list and charts: filters as typed in the URL, the
//! validated filter, and the figures the funnel and median-time charts are drawn from.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::validation::{FieldError, FieldErrors};
use crate::views::JourneySummary;
use crate::{JourneyState, StepKind, StepState};

/// Journeys per page of the list.
pub const PAGE_SIZE: i64 = 25;
/// The longest search text.
const MAX_SEARCH: usize = 100;

/// The list's filters as they arrive from the URL's query string: all text, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyQuery {
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub step: String,
    #[serde(default)]
    pub step_state: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub customer: String,
    #[serde(default)]
    pub q: String,
}

/// Validated filters. Empty fields filter nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JourneyFilter {
    pub state: Option<JourneyState>,
    pub step: Option<StepKind>,
    /// A step state's stored name (`requires_action`...).
    pub step_state: Option<&'static str>,
    /// Journeys created on or after the start of this day (UTC).
    pub from: Option<Date>,
    /// Journeys created on or before the end of this day (UTC).
    pub to: Option<Date>,
    pub customer_id: Option<Uuid>,
    /// Part of the customer's name, email or external reference, as typed.
    pub search: Option<String>,
}

impl JourneyQuery {
    /// Checks every field, reporting each bad one by name.
    pub fn parse(&self) -> Result<JourneyFilter, FieldErrors> {
        let mut errors = Vec::new();
        let mut check = |field: &str, raw: &str, ok: bool| {
            if !raw.trim().is_empty() && !ok {
                errors.push(FieldError::new(field, "is not one of the choices"));
            }
        };
        let state = JourneyState::from_db(self.state.trim());
        check("state", &self.state, state.is_some());
        let step = StepKind::from_db(self.step.trim());
        check("step", &self.step, step.is_some());
        let step_state = StepState::NAMES
            .iter()
            .map(|(code, _)| *code)
            .find(|code| *code == self.step_state.trim());
        check("step_state", &self.step_state, step_state.is_some());
        let customer_id = Uuid::parse_str(self.customer.trim()).ok();
        check("customer", &self.customer, customer_id.is_some());
        let from = date("from", &self.from, &mut errors);
        let to = date("to", &self.to, &mut errors);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.push(FieldError::new("to", "must not be before From"));
            }
        }
        let search = self.q.trim();
        if search.chars().count() > MAX_SEARCH {
            errors.push(FieldError::new(
                "q",
                format!("must be at most {MAX_SEARCH} characters"),
            ));
        }
        if !errors.is_empty() {
            return Err(FieldErrors(errors));
        }
        Ok(JourneyFilter {
            state,
            step,
            step_state,
            from,
            to,
            customer_id,
            search: (!search.is_empty()).then(|| search.to_owned()),
        })
    }

    /// The query string for these filters on another page (`page` 0 is the first).
    pub fn to_query_string(&self, page: u32) -> String {
        let fields = [
            ("state", &self.state),
            ("step", &self.step),
            ("step_state", &self.step_state),
            ("from", &self.from),
            ("to", &self.to),
            ("customer", &self.customer),
            ("q", &self.q),
        ];
        let mut parts: Vec<String> = fields
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", encode_query_value(v.trim())))
            .collect();
        if page > 0 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

fn date(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match Date::parse(raw, format) {
        Ok(day) => Some(day),
        Err(_) => {
            errors.push(FieldError::new(field, "must be a date (YYYY-MM-DD)"));
            None
        }
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl JourneyFilter {
    /// The first instant of the range, if it has a start.
    pub fn start(&self) -> Option<OffsetDateTime> {
        self.from.map(|d| d.midnight().assume_utc())
    }

    /// The first instant after the range, if it has an end.
    pub fn end(&self) -> Option<OffsetDateTime> {
        self.to
            .map(|d| d.midnight().assume_utc() + Duration::days(1))
    }

    /// A `LIKE` pattern matching the search text anywhere, with `%`, `_` and `\` taken
    /// literally.
    pub fn search_pattern(&self) -> Option<String> {
        self.search.as_ref().map(|text| {
            let escaped = text
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{escaped}%")
        })
    }
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyPage {
    pub journeys: Vec<JourneySummary>,
    /// How many journeys match the filters in all.
    pub total: i64,
    pub page: u32,
}

impl JourneyPage {
    /// Whether a page follows this one.
    pub fn has_next(&self) -> bool {
        (i64::from(self.page) + 1) * PAGE_SIZE < self.total
    }

    /// The number of pages (at least one).
    pub fn pages(&self) -> i64 {
        ((self.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
    }
}

/// A step's figures over the journeys of a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepFigures {
    pub kind: StepKind,
    /// Journeys that have this step.
    pub journeys: i64,
    /// Journeys whose step was started (any state but Not Started).
    pub reached: i64,
    pub completed: i64,
    /// Median time from the step's start (or the link's opening) to its completion.
    pub median_seconds: Option<f64>,
}

/// The figures behind the funnel and median-time charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyFigures {
    pub created: i64,
    pub opened: i64,
    pub submitted: i64,
    pub completed: i64,
    /// Steps in [`StepKind::ALL`] order; kinds no journey of the range has are left out.
    pub steps: Vec<StepFigures>,
}

/// A duration as people read it on a chart: `45 s`, `12 min`, `3.5 h`, `2.0 d`.
pub fn short_duration(seconds: f64) -> String {
    let seconds = seconds.max(0.0);
    if seconds < 60.0 {
        format!("{seconds:.0} s")
    } else if seconds < 3600.0 {
        format!("{:.0} min", seconds / 60.0)
    } else if seconds < 86_400.0 {
        format!("{:.1} h", seconds / 3600.0)
    } else {
        format!("{:.1} d", seconds / 86_400.0)
    }
}

/// The width of a bar for `value` out of `max`, on a track `track` units wide; a value
/// above zero is always at least one unit wide so it can be seen.
pub fn bar_width(value: f64, max: f64, track: f64) -> f64 {
    if max <= 0.0 || value <= 0.0 {
        return 0.0;
    }
    (value / max * track).clamp(1.0, track)
}

#[cfg(test)]
mod tests;
