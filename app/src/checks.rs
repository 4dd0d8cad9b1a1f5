//! The online checks of a journey as staff see them (tracker and case view): each try
//! with what was checked, its outcome, and every name comparison with its score and band.

use kyc_core::bank::NameBand;
use kyc_core::checks::{AadhaarEvidence, CheckRecord};
use leptos::prelude::*;

use crate::ui::Timestamp;

/// With `files`, the Aadhaar photo and signed XML are shown through the review file route
/// (the case view; reviewers only).
#[component]
pub fn CheckList(checks: Vec<CheckRecord>, #[prop(optional)] files: bool) -> impl IntoView {
    if checks.is_empty() {
        return None;
    }
    Some(view! {
        <section class="card" id="online-checks">
            <h2>"Bank and Aadhaar checks"</h2>
            <ul class="online-checks">
                {checks.into_iter().map(|c| view! { <CheckItem check=c files/> }).collect_view()}
            </ul>
        </section>
    })
}

#[component]
fn CheckItem(check: CheckRecord, files: bool) -> impl IntoView {
    let evidence = check
        .aadhaar
        .clone()
        .map(|a| view! { <Evidence aadhaar=a files/> });
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
            {evidence}
            <p class="muted">
                "Started " <Timestamp at=check.created_at/>
                {check.resolved_at.map(|at| view! { ", answered " <Timestamp at/> })}
            </p>
        </li>
    }
}

/// What the verified e-Aadhaar said.
#[component]
fn Evidence(aadhaar: AadhaarEvidence, files: bool) -> impl IntoView {
    let AadhaarEvidence {
        record: aadhaar,
        entered_date_of_birth,
    } = aadhaar;
    let entered = entered_date_of_birth
        .map(|d| format!(" (entered: {d})"))
        .unwrap_or_default();
    let photo = aadhaar.photo_object_id.filter(|_| files).map(|id| {
        view! { <img class="aadhaar-photo" src=format!("/review/files/{id}") alt="Photo on the e-Aadhaar" width="96"/> }
    });
    let xml = files.then(|| {
        view! { <p><a href=format!("/review/files/{}", aadhaar.xml_object_id)>"Download the signed e-Aadhaar XML"</a></p> }
    });
    view! {
        <div class="aadhaar-evidence">
            {photo}
            <dl class="facts">
                <dt>"Name on Aadhaar"</dt><dd>{aadhaar.name.clone()}</dd>
                <dt>"Date of birth"</dt><dd>{format!("{}{entered}", aadhaar.date_of_birth)}</dd>
                <dt>"Gender"</dt><dd>{aadhaar.gender.clone()}</dd>
                <dt>"Address"</dt><dd>{aadhaar.address.clone()}</dd>
                <dt>"Aadhaar number"</dt><dd>{format!("XXXX XXXX {}", aadhaar.aadhaar_last4)}</dd>
                <dt>"Signed by"</dt><dd><code title="SHA-256 of the trusted certificate">{aadhaar.certificate_fingerprint.chars().take(16).collect::<String>()}"…"</code></dd>
            </dl>
            {xml}
        </div>
    }
}
