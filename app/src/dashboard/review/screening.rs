//! Sanctions screening on the reviewer's side: each screening of the case with the lists it
//! used, its thresholds and every hit explained token by token; the false positive / true
//! match decision; and the alerts raised by re-screening completed journeys.

use kyc_core::screening::record::{ScreeningAlert, ScreeningRecord};
use kyc_core::screening::{Decision, Hit};
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use crate::ui::Timestamp;
use crate::AppError;

/// Resolves a possible match: `false_positive` (the screening step completes) or
/// `true_match` (the step fails and the journey is rejected; for a completed journey's
/// re-screening alert, the alert is recorded as confirmed).
#[server(endpoint = "resolve_screening")]
pub async fn resolve_screening(
    result_id: Uuid,
    version: i32,
    resolution: String,
) -> Result<(), AppError> {
    crate::error::respond(async move {
        let (services, actor) = crate::auth::principal::staff_services().await?;
        let resolved = kyc_service::review::resolve_screening(
            &services,
            &actor,
            result_id,
            version,
            &resolution,
        );
        resolved.await.map_err(super::api::review_error)
    })
    .await
}

/// Possible matches nobody has resolved yet, oldest first.
#[server(endpoint = "screening_alerts")]
pub async fn screening_alerts() -> Result<Vec<ScreeningAlert>, AppError> {
    crate::error::respond(async move {
        let staff = super::api::reviewer().await?;
        let db = crate::context::app_context()?.db;
        Ok(kyc_db::screening::open_alerts(&db, staff.merchant_id).await?)
    })
    .await
}

fn decision_label(decision: Decision) -> &'static str {
    match decision {
        Decision::Clear => "Clear",
        Decision::PossibleMatch => "Possible match",
        Decision::Match => "Strong match",
    }
}

/// The case's screenings, newest first.
#[component]
pub fn ScreeningSection(
    records: Vec<ScreeningRecord>,
    version: i32,
    action: ServerAction<ResolveScreening>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="screening-title" id="screening">
            <h2 id="screening-title">"Sanctions screening"</h2>
            {records.is_empty().then(|| view! { <p class="muted">"Not screened yet: the screening runs once the customer has submitted."</p> })}
            {records.into_iter().map(|r| view! { <ScreeningResult record=r version action/> }).collect_view()}
        </section>
    }
}

#[component]
fn ScreeningResult(
    record: ScreeningRecord,
    version: i32,
    action: ServerAction<ResolveScreening>,
) -> impl IntoView {
    let open = record.is_open();
    let id = record.id;
    let why = match record.reason {
        kyc_core::screening::record::ScreeningReason::Journey => "Journey screening",
        kyc_core::screening::record::ScreeningReason::Rescreen => {
            "Re-screening after a list update"
        }
    };
    let lists = record
        .lists
        .iter()
        .map(|l| {
            format!(
                "{} (version {}, sha256 {}…)",
                l.source.label(),
                l.version,
                &l.sha256[..12.min(l.sha256.len())]
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <article class="screening-result" data-decision=record.decision.code() data-screening=id.to_string()>
            <h3>{why} " · " <span class="screening-decision">{decision_label(record.decision)}</span></h3>
            <dl class="facts">
                <dt>"Screened"</dt><dd><Timestamp at=record.screened_at/></dd>
                <dt>"Best score"</dt><dd>{format!("{:.3}", record.best_score)}</dd>
                <dt>"Thresholds"</dt><dd>{format!("possible match from {:.2}, strong match from {:.2}", record.thresholds.review, record.thresholds.confirm)}</dd>
                <dt>"Lists"</dt><dd class="screening-lists">{lists}</dd>
                {record.resolution.map(|r| view! {
                    <dt>"Resolved"</dt>
                    <dd class="screening-resolution">{r.label()} " by " {record.resolved_by.clone().unwrap_or_default()} " " {record.resolved_at.map(|at| view! { <Timestamp at/> })}</dd>
                })}
            </dl>
            {(record.decision != Decision::Clear).then(|| view! {
                <ol class="hits">{record.hits.into_iter().map(|h| view! { <HitView hit=h/> }).collect_view()}</ol>
            })}
            {open.then(|| view! {
                <div class="decision-row">
                    {[("false_positive", "False positive", "button primary"), ("true_match", "True match", "button danger")].into_iter().map(|(value, label, class)| view! {
                        <ActionForm action>
                            <input type="hidden" name="result_id" value=id.to_string()/>
                            <input type="hidden" name="version" value=version.to_string()/>
                            <input type="hidden" name="resolution" value=value/>
                            <button type="submit" class=class>{label}</button>
                        </ActionForm>
                    }).collect_view()}
                </div>
            })}
        </article>
    }
}

#[component]
fn HitView(hit: Hit) -> impl IntoView {
    let alias =
        (hit.matched_name != hit.primary_name).then(|| format!("matched on {}", hit.matched_name));
    view! {
        <li class="hit">
            <p>
                <strong>{hit.primary_name.clone()}</strong>
                {format!(" · {} {} · score {:.3} (name {:.3})", hit.source.label(), hit.list_id, hit.score, hit.name_score)}
                {alias.map(|a| view! { <br/><span class="muted">{a}</span> })}
            </p>
            <table class="table tokens">
                <thead><tr><th>"Customer"</th><th>"Listed"</th><th>"Similarity"</th><th>"How"</th></tr></thead>
                <tbody>
                    {hit.tokens.into_iter().map(|t| view! {
                        <tr>
                            <td>{t.query}</td>
                            <td>{t.listed}</td>
                            <td>{if t.how.is_some() { format!("{:.3}", t.similarity) } else { "unmatched".to_owned() }}</td>
                            <td>{t.how.map(|h| format!("{h:?}").to_lowercase()).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!hit.adjustments.is_empty()).then(|| view! {
                <ul class="adjustments">
                    {hit.adjustments.into_iter().map(|a| view! { <li>{format!("{:+.2} {}", a.delta, a.detail)}</li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

/// Re-screening alerts on completed journeys (journey screenings wait in the queue above).
#[component]
pub fn ScreeningAlerts() -> impl IntoView {
    let alerts = Resource::new(|| (), |_| screening_alerts());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let alerts: Vec<ScreeningAlert> = alerts.await.unwrap_or_default().into_iter()
                    .filter(|a| a.reason == kyc_core::screening::record::ScreeningReason::Rescreen)
                    .collect();
                (!alerts.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="alerts-title" id="screening-alerts">
                        <h2 id="alerts-title">"Re-screening alerts"</h2>
                        <p class="muted">"Customers with completed journeys who resemble an entry added by a list update."</p>
                        <ul>
                            {alerts.into_iter().map(|a| view! {
                                <li>
                                    <A href=format!("/review/{}#screening", a.journey_id)>{a.customer_name}</A>
                                    {format!(" · {} · score {:.3} · ", decision_label(a.decision), a.best_score)}
                                    <Timestamp at=a.screened_at/>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Transition>
    }
}
