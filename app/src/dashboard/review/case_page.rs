use kyc_core::document::RejectionReason;
use kyc_core::review::ReviewCase;
use kyc_core::views::CustomerDocument;
use kyc_core::{DocumentState, Party, StepKind, StepState};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::api::{
    load_case, AddComment, AssignCase, CloseTicket, DecideDocument, DecideJourney, DecideStep,
    ReplyTicket,
};
use super::screening::{ResolveScreening, ScreeningSection};
use super::tickets::CaseTickets;
use crate::error::error_view;
use crate::ui::{use_uuid_param, FormError, StateBadge, Timestamp};
use crate::AppError;

/// The actions of the case page; any success reloads the case.
#[derive(Clone, Copy)]
struct Actions {
    document: ServerAction<DecideDocument>,
    step: ServerAction<DecideStep>,
    journey: ServerAction<DecideJourney>,
    assign: ServerAction<AssignCase>,
    comment: ServerAction<AddComment>,
    reply: ServerAction<ReplyTicket>,
    close: ServerAction<CloseTicket>,
    screening: ServerAction<ResolveScreening>,
}

/// One case: the customer, each step's result, each document to look at and decide on,
/// the selfie beside the identity photos, and the decision on the whole journey.
#[component]
pub fn CasePage() -> impl IntoView {
    let id = use_uuid_param("id");
    let actions = Actions {
        document: ServerAction::new(),
        step: ServerAction::new(),
        journey: ServerAction::new(),
        assign: ServerAction::new(),
        comment: ServerAction::new(),
        reply: ServerAction::new(),
        close: ServerAction::new(),
        screening: ServerAction::new(),
    };
    let case = Resource::new(
        move || {
            (
                id(),
                actions.document.version().get(),
                actions.step.version().get(),
                actions.journey.version().get(),
                actions.assign.version().get(),
                actions.comment.version().get(),
                actions.reply.version().get()
                    + actions.close.version().get()
                    + actions.screening.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => load_case(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let error = Signal::derive(move || {
        actions
            .document
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| actions.step.value().get().and_then(Result::err))
            .or_else(|| actions.journey.value().get().and_then(Result::err))
            .or_else(|| actions.assign.value().get().and_then(Result::err))
            .or_else(|| actions.comment.value().get().and_then(Result::err))
            .or_else(|| actions.screening.value().get().and_then(Result::err))
    });
    view! {
        <Title text="Case · KYC"/>
        <div id="decision-error"><FormError error/></div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let case = case.await?;
                    Ok::<_, AppError>(view! { <Case case actions/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Case(case: ReviewCase, actions: Actions) -> impl IntoView {
    let journey_id = case.journey.id;
    let version = case.journey.version;
    let can_complete = case.can_complete();
    let open = !case.journey.state.is_terminal();
    let selfie = case
        .captures
        .iter()
        .find(|c| c.kind == StepKind::Selfie)
        .map(|c| c.object_id);
    let identity_photos: Vec<uuid::Uuid> = case
        .documents
        .iter()
        .filter(|d| d.category == "identity")
        .flat_map(|d| {
            d.files
                .iter()
                .filter(|f| f.content_type.starts_with("image/"))
                .map(|f| f.object_id)
        })
        .collect();
    let assignee = case
        .assignee
        .as_ref()
        .map(|a| a.user_id.to_string())
        .unwrap_or_default();
    view! {
        <div class="page-head">
            <h1>{case.customer.full_name.clone()}</h1>
            <span id="case-state"><StateBadge label=case.journey.state.label() code=case.journey.state.as_str()/></span>
        </div>
        <section class="card">
            <dl class="facts">
                <dt>"Email"</dt><dd>{case.customer.email.clone()}</dd>
                <dt>"Phone"</dt><dd>{case.customer.phone.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>"Reference"</dt><dd>{case.customer.external_ref.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>"Journey"</dt><dd><A href=format!("/journeys/{journey_id}")>"Tracker and timeline"</A></dd>
                <dt>"Reviewer"</dt>
                <dd>
                    <ActionForm action=actions.assign attr:class="inline-form">
                        <input type="hidden" name="journey_id" value=journey_id.to_string()/>
                        <label for="assignee" class="visually-hidden">"Reviewer"</label>
                        <select id="assignee" name="assignee">
                            <option value="" selected=assignee.is_empty()>"Unassigned"</option>
                            {case.reviewers.iter().map(|r| {
                                let value = r.user_id.to_string();
                                view! { <option value=value.clone() selected=value == assignee>{r.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <button type="submit" class="button">"Assign"</button>
                    </ActionForm>
                </dd>
            </dl>
        </section>
        {selfie.map(|selfie| view! {
            <section class="card" aria-labelledby="compare-title">
                <h2 id="compare-title">"Selfie and identity photos"</h2>
                <div class="compare">
                    <figure><img src=format!("/review/files/{selfie}") alt="Selfie"/><figcaption>"Selfie"</figcaption></figure>
                    {identity_photos.into_iter().map(|id| view! {
                        <figure><img src=format!("/review/files/{id}") alt="Identity document photo"/><figcaption>"Identity document"</figcaption></figure>
                    }).collect_view()}
                </div>
            </section>
        })}
        <section class="card" aria-labelledby="documents-title">
            <h2 id="documents-title">"Documents"</h2>
            {if case.documents.is_empty() { Some(view! { <p class="muted">"No documents submitted."</p> }) } else { None }}
            {case.documents.into_iter().map(|d| {
                let comments = case.comments.iter().filter(|c| c.document_id == Some(d.id)).cloned().collect();
                let target = format!("document:{}", d.id);
                view! {
                    <DocumentReview document=d journey_id version open action=actions.document/>
                    <CommentThread comments journey_id target action=actions.comment/>
                }
            }).collect_view()}
        </section>
        <section class="card" aria-labelledby="steps-title">
            <h2 id="steps-title">"Steps"</h2>
            <ol class="steps">
                {case.journey.steps.into_iter().map(|step| {
                    // Documents follow their documents; screening has its own decision below.
                    let waits = !matches!(step.kind, StepKind::Documents | StepKind::SanctionScreening)
                        && matches!(&step.state, StepState::RequiresAction(a) if a.by == Party::Reviewer);
                    view! {
                        <li class="step" data-step=step.kind.as_str()>
                            <span class="step-name">{step.kind.label()}</span>
                            <StateBadge label=step.state.label() code=step.state.as_str()/>
                            <Timestamp at=step.updated_at/>
                            {waits.then(|| view! { <StepDecisionForm kind=step.kind journey_id version action=actions.step/> })}
                            <CommentThread
                                comments=case.comments.iter().filter(|c| c.step == Some(step.kind)).cloned().collect()
                                journey_id
                                target=format!("step:{}", step.kind.as_str())
                                action=actions.comment/>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        <crate::checks::CheckList checks=case.journey.checks.clone() files=true/>
        <ScreeningSection records=case.screening version action=actions.screening/>
        <CaseTickets tickets=case.tickets reply=actions.reply close=actions.close/>
        {open.then(|| view! {
            <section class="card" aria-labelledby="journey-decision-title">
                <h2 id="journey-decision-title">"Decision on the journey"</h2>
                <div class="decision-row">
                    <ActionForm action=actions.journey>
                        <SeenCase journey_id version/>
                        <input type="hidden" name="decision" value="approve"/>
                        <button type="submit" class="button primary" disabled=!can_complete>"Approve journey"</button>
                    </ActionForm>
                    <ActionForm action=actions.journey attr:class="inline-form">
                        <SeenCase journey_id version/>
                        <input type="hidden" name="decision" value="reject"/>
                        <label for="journey-reason" class="visually-hidden">"Reason"</label>
                        <ReasonSelect id="journey-reason"/>
                        <button type="submit" class="button danger">"Reject journey"</button>
                    </ActionForm>
                </div>
                {(!can_complete).then(|| view! { <p class="muted">"The journey can be approved when every step is complete."</p> })}
            </section>
        })}
    }
}

#[component]
fn DocumentReview(
    document: CustomerDocument,
    journey_id: uuid::Uuid,
    version: i32,
    open: bool,
    action: ServerAction<DecideDocument>,
) -> impl IntoView {
    let (label, code) = match &document.state {
        DocumentState::Pending => ("Pending", "pending"),
        DocumentState::Approved => ("Approved", "completed"),
        DocumentState::Rejected(_) => ("Rejected", "rejected"),
    };
    let pending = open && document.state == DocumentState::Pending;
    let id = document.id;
    let title = format!(
        "{} ({})",
        document.doc_type.label(),
        if document.category == "identity" {
            "identity proof"
        } else {
            "address proof"
        }
    );
    view! {
        <article class="document-review" data-document=id.to_string() data-state=document.state.as_str()>
            <h3>{title.clone()} " " <StateBadge label code/></h3>
            <div class="document-files">
                {document.files.iter().map(|f| {
                    let src = format!("/review/files/{}", f.object_id);
                    let link = src.clone();
                    if f.content_type.starts_with("image/") {
                        view! { <a href=link target="_blank" rel="noopener"><img src=src alt=format!("{title}, {}", f.side.label())/></a> }.into_any()
                    } else {
                        view! { <a class="button" href=src download="document.pdf">"Download PDF"</a> }.into_any()
                    }
                }).collect_view()}
            </div>
            {match &document.state {
                DocumentState::Rejected(r) => Some(view! {
                    <p class="muted">{format!("{} ({}): {}", r.reason.label(), if r.mode == kyc_core::document::RejectionMode::Retry { "retry" } else { "final" }, r.comment)}</p>
                }),
                _ => None,
            }}
            {pending.then(|| view! {
                <div class="decision-row">
                    <ActionForm action>
                        <SeenCase journey_id version/>
                        <input type="hidden" name="document_id" value=id.to_string()/>
                        <input type="hidden" name="decision" value="approve"/>
                        <button type="submit" class="button primary">{format!("Approve {}", document.doc_type.label())}</button>
                    </ActionForm>
                    <details class="reject">
                        <summary class="button danger">{format!("Reject {}…", document.doc_type.label())}</summary>
                        <ActionForm action>
                            <SeenCase journey_id version/>
                            <input type="hidden" name="document_id" value=id.to_string()/>
                            <input type="hidden" name="decision" value="reject"/>
                            <label for=format!("reason-{id}")>"Reason"</label>
                            <ReasonSelect id=format!("reason-{id}")/>
                            <fieldset>
                                <legend>"What happens next"</legend>
                                <label class="check"><input type="radio" name="mode" value="retry" checked=true/>"Retry: the customer uploads a new one"</label>
                                <label class="check"><input type="radio" name="mode" value="final"/>"Final: the journey is rejected"</label>
                            </fieldset>
                            <label for=format!("comment-{id}")>"Comment for the customer"</label>
                            <textarea id=format!("comment-{id}") name="comment" maxlength="1000" rows="3"></textarea>
                            <button type="submit" class="button danger">"Reject document"</button>
                        </ActionForm>
                    </details>
                </div>
            })}
        </article>
    }
}

/// The hidden fields of every decision form: the case as the reviewer saw it, its journey
/// and the version the page showed (a decision on a case changed since is refused as
/// stale).
#[component]
fn SeenCase(journey_id: uuid::Uuid, version: i32) -> impl IntoView {
    view! {
        <input type="hidden" name="journey_id" value=journey_id.to_string()/>
        <input type="hidden" name="version" value=version.to_string()/>
    }
}

#[component]
fn StepDecisionForm(
    kind: StepKind,
    journey_id: uuid::Uuid,
    version: i32,
    action: ServerAction<DecideStep>,
) -> impl IntoView {
    let message_id = format!("message-{}", kind.as_str());
    view! {
        <div class="decision-row step-decision">
            <ActionForm action>
                <SeenCase journey_id version/>
                <input type="hidden" name="step" value=kind.as_str()/>
                <input type="hidden" name="decision" value="approve"/>
                <button type="submit" class="button primary">{format!("Approve {}", kind.label())}</button>
            </ActionForm>
            <ActionForm action attr:class="inline-form">
                <SeenCase journey_id version/>
                <input type="hidden" name="step" value=kind.as_str()/>
                <input type="hidden" name="decision" value="send_back"/>
                <label for=message_id.clone() class="visually-hidden">"Message for the customer"</label>
                <input id=message_id name="message" placeholder="What should the customer do again?" maxlength="1000"/>
                <button type="submit" class="button">"Send back"</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn ReasonSelect(#[prop(into)] id: String) -> impl IntoView {
    view! {
        <select id=id name="reason" required=true>
            {RejectionReason::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
        </select>
    }
}

/// The comments on one document or step, and a form to add one (internal by default).
#[component]
fn CommentThread(
    comments: Vec<kyc_core::review::CaseComment>,
    journey_id: uuid::Uuid,
    target: String,
    action: ServerAction<AddComment>,
) -> impl IntoView {
    use kyc_core::review::Visibility;
    let body_id = format!("comment-body-{}", target.replace(':', "-"));
    let data_target = target.clone();
    view! {
        <div class="comments" data-target=data_target>
            <ul class="comment-list">
                {comments.into_iter().map(|c| {
                    let (label, class) = match c.visibility {
                        Visibility::Internal => ("Internal", "comment internal"),
                        Visibility::Customer => ("Visible to the customer", "comment to-customer"),
                    };
                    view! {
                        <li class=class>
                            <span class="comment-meta">{c.author_name}" · "<Timestamp at=c.created_at/>" · "<strong>{label}</strong></span>
                            <p>{c.body}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <details class="add-comment">
                <summary>"Add a comment"</summary>
                <ActionForm action>
                    <input type="hidden" name="journey_id" value=journey_id.to_string()/>
                    <input type="hidden" name="target" value=target/>
                    <label for=body_id.clone()>"Comment"</label>
                    <textarea id=body_id name="body" rows="2" maxlength="2000" required=true></textarea>
                    <fieldset>
                        <legend>"Who may read it"</legend>
                        <label class="check"><input type="radio" name="visibility" value="internal" checked=true/>"Staff only (internal)"</label>
                        <label class="check"><input type="radio" name="visibility" value="customer"/>"Also the customer"</label>
                    </fieldset>
                    <button type="submit" class="button">"Add comment"</button>
                </ActionForm>
            </details>
        </div>
    }
}
