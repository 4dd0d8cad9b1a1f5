//! The list's two charts, drawn as SVG: the funnel (how many journeys reached each stage)
//! and the median time each step took. Each chart has a text table beside it for screen
//! readers and for copying figures.

use kyc_core::dashboard::{bar_width, short_duration, JourneyFigures};
use leptos::prelude::*;

/// Width of the label column and of the bar track, in SVG units.
const LABEL: f64 = 150.0;
const TRACK: f64 = 260.0;
const ROW: f64 = 26.0;

/// One bar: a label, a value drawn to scale and the text written after it.
struct Bar {
    label: String,
    value: f64,
    text: String,
}

#[component]
pub fn Charts(figures: JourneyFigures) -> impl IntoView {
    let mut funnel = vec![
        bar("Created", figures.created),
        bar("Opened", figures.opened),
    ];
    funnel.extend(figures.steps.iter().map(|s| Bar {
        label: format!("{} started", s.kind.label()),
        value: s.reached as f64,
        text: format!("{} of {}", s.reached, s.journeys),
    }));
    funnel.push(bar("Submitted", figures.submitted));
    funnel.push(bar("Completed", figures.completed));
    let medians: Vec<Bar> = figures
        .steps
        .iter()
        .map(|s| Bar {
            label: s.kind.label().to_owned(),
            value: s.median_seconds.unwrap_or(0.0),
            text: s
                .median_seconds
                .map_or_else(|| "no completions".to_owned(), short_duration),
        })
        .collect();
    view! {
        <div class="charts">
            <figure class="chart">
                <figcaption>"Funnel"</figcaption>
                <BarChart bars=funnel id="funnel" description="How many journeys reached each stage"/>
            </figure>
            <figure class="chart">
                <figcaption>"Median time per step"</figcaption>
                <BarChart bars=medians id="median-times" description="Median time from a step's start to its completion"/>
            </figure>
        </div>
    }
}

fn bar(label: &str, value: i64) -> Bar {
    Bar {
        label: label.to_owned(),
        value: value as f64,
        text: value.to_string(),
    }
}

#[component]
fn BarChart(bars: Vec<Bar>, id: &'static str, description: &'static str) -> impl IntoView {
    if bars.iter().all(|b| b.value <= 0.0) {
        return view! { <p class="muted" id=id>"No data in this range yet."</p> }.into_any();
    }
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let height = ROW * bars.len() as f64;
    let width = LABEL + TRACK + 110.0;
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = i as f64 * ROW;
            let w = bar_width(b.value, max, TRACK);
            view! {
                <g>
                    <text x=LABEL - 8.0 y=y + 17.0 text-anchor="end" class="chart-label">{b.label.clone()}</text>
                    <rect x=LABEL y=y + 5.0 width=TRACK height=ROW - 10.0 class="chart-track"/>
                    <rect x=LABEL y=y + 5.0 width=w height=ROW - 10.0 class="chart-bar"/>
                    <text x=LABEL + w + 6.0 y=y + 17.0 class="chart-value">{b.text.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let table = bars
        .into_iter()
        .map(|b| view! { <tr><th scope="row">{b.label}</th><td>{b.text}</td></tr> })
        .collect_view();
    view! {
        <svg id=id viewBox=format!("0 0 {width} {height}") role="img" aria-label=description
            preserveAspectRatio="xMinYMin meet" class="chart-svg">
            {rows}
        </svg>
        <table class="visually-hidden"><caption>{description}</caption><tbody>{table}</tbody></table>
    }
    .into_any()
}
