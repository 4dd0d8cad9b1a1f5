//! The online checks of a journey as staff see them (tracker and case view): each try
//! with what was checked, its outcome, and every name comparison with its score and band.

use kyc_core::bank::NameBand;
use kyc_core::checks::CheckRecord;
use leptos::prelude::*;

use crate::ui::Timestamp;

#[component]
pub fn CheckList(checks: Vec<CheckRecord>) -> impl IntoView {
    if checks.is_empty() {
        return None;
    }
    Some(view! {
        <section class="card" id="online-checks">
            <h2>"Bank and Aadhaar checks"</h2>
            <ul class="online-checks">
                {checks.into_iter().map(|c| view! { <CheckItem check=c/> }).collect_view()}
            </ul>
        </section>
    })
}

#[component]
fn CheckItem(check: CheckRecord) -> impl IntoView {
    let dob = check.dob_matches.map(|same| {
        view! {
            <p class="dob-match">
                "Date of birth: "
                <span class=if same { "band-pass" } else { "band-review" }>
                    {if same { "matches the one entered" } else { "differs from the one entered" }}
                </span>
            </p>
        }
    });
    let names = (!check.names.is_empty()).then(|| {
        view! {
            <div class="name-matches-wrap"><table class="name-matches">
                <thead><tr><th>"Compared"</th><th>"Entered"</th><th>"Found"</th><th>"Score"</th><th>"Band"</th></tr></thead>
                <tbody>
                    {check.names.iter().map(|n| {
                        let (class, band) = match n.comparison.band {
                            NameBand::Pass => ("band-pass", "Pass"),
                            NameBand::Review => ("band-review", "Review"),
                            NameBand::Fail => ("band-fail", "Fail"),
                        };
                        view! {
                            <tr>
                                <td>{n.label.clone()}</td>
                                <td>{n.comparison.entered.clone()}</td>
                                <td>{n.comparison.other.clone()}</td>
                                <td>{format!("{}/100", n.comparison.score)}</td>
                                <td class=class>{band}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
        }
    });
    view! {
        <li class="online-check" data-kind=check.kind.as_str() data-status=check.status.as_str()>
            <div class="check-head">
                <strong>{format!("{} · attempt {}", check.kind.label(), check.attempt)}</strong>
                <span class="badge" data-state=check.status.as_str()>{check.status.label()}</span>
            </div>
            <p>{check.subject.clone()}</p>
            {check.code.clone().filter(|c| c != "passed").map(|code| view! { <p class="muted">"Code: " <code>{code}</code></p> })}
            {names}
            {dob}
            <p class="muted">
                "Started " <Timestamp at=check.created_at/>
                {check.resolved_at.map(|at| view! { ", answered " <Timestamp at/> })}
            </p>
        </li>
    }
}
