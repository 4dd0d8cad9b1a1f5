//! Reports (admins and reviewers): the KYC report as CSV for a range of days.

use kyc_core::report::ReportRange;
use leptos::prelude::*;
use leptos_meta::Title;

/// The download form. The file comes from `GET /reports/journeys.csv`, streamed by the
/// server; the dates are checked here first so that a mistake is explained on the page.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| match ReportRange::parse(
        &from.get_untracked(),
        &to.get_untracked(),
    ) {
        Ok(_) => error.set(None),
        Err(errors) => {
            ev.prevent_default();
            let message = errors
                .0
                .iter()
                .map(|e| {
                    format!(
                        "{} {}",
                        if e.field == "from" { "From" } else { "To" },
                        e.message
                    )
                })
                .collect::<Vec<_>>()
                .join(". ");
            error.set(Some(message));
        }
    };
    view! {
        <Title text="Reports · KYC"/>
        <div class="page-head"><h1>"Reports"</h1></div>
        <section class="card narrow" aria-labelledby="report-title">
            <h2 id="report-title">"Download KYC report"</h2>
            <p class="muted">"One row per journey created in the range (UTC days): its state and times, and each step's state and completion time. Times are UTC (ISO 8601). The download is recorded in the audit log."</p>
            <form method="get" action="/reports/journeys.csv" on:submit=on_submit>
                <label for="report-from">"From"</label>
                <input id="report-from" name="from" type="date" required=true
                    on:input=move |ev| from.set(event_target_value(&ev)) prop:value=move || from.get()/>
                <label for="report-to">"To"</label>
                <input id="report-to" name="to" type="date" required=true
                    on:input=move |ev| to.set(event_target_value(&ev)) prop:value=move || to.get()/>
                <p class="field-error" role="alert" id="report-error">{move || error.get()}</p>
                <button type="submit" class="button primary">"Download KYC report"</button>
            </form>
        </section>
    }
}
