//! The documents step: the merchant's categories, the customer's uploads with previews,
//! removal before submission, and the same completeness rule the server enforces.

use kyc_core::document::DocumentSide;
use kyc_core::submission::step_ready;
use kyc_core::views::{CustomerDocument, CustomerJourney};
use kyc_core::{DocumentCategory, DocumentState, DocumentType, StepKind};
use leptos::prelude::*;

use super::api::RemoveDocument;
use super::page::{next_after, JourneyUi, Panel};
use super::upload::FileUpload;
use crate::ui::FormError;

#[component]
pub fn DocumentsStep(journey: CustomerJourney) -> impl IntoView {
    let ui = JourneyUi::get();
    let missing = step_ready(
        StepKind::Documents,
        &journey.requirements,
        &journey.prepared(),
    )
    .err()
    .unwrap_or_default();
    let ready = missing.is_empty();
    let next = next_after(&journey, StepKind::Documents);
    view! {
        <section class="card" aria-labelledby="documents-title">
            <h2 id="documents-title" tabindex="-1">"Documents"</h2>
            <p class="muted">"Take clear photos (JPEG or PNG) or choose a PDF, up to 10 MB each. Cards with details on the back need both sides."</p>
            {journey.requirements.categories.iter().map(|category| {
                let documents: Vec<CustomerDocument> = journey.documents.iter()
                    .filter(|d| d.category == category.code).cloned().collect();
                view! { <Category category=category.clone() documents/> }
            }).collect_view()}
            <div class="step-actions">
                {(!ready).then(|| view! {
                    <ul class="missing" aria-label="Still needed">
                        {missing.iter().map(|m| view! { <li>{m.message()}</li> }).collect_view()}
                    </ul>
                })}
                <button type="button" class="button primary" disabled=!ready on:click=move |_| ui.show(next)>
                    "Continue"
                </button>
            </div>
        </section>
    }
}

#[component]
fn Category(category: DocumentCategory, documents: Vec<CustomerDocument>) -> impl IntoView {
    let accepted = category.accepted.clone();
    let select_id = format!("type-{}", category.code);
    let doc_type = RwSignal::new(accepted.first().copied().unwrap_or(DocumentType::Passport));
    let code = category.code.clone();
    let url = Signal::derive(move || {
        format!(
            "/journey/documents/files?category={}&type={}",
            code,
            doc_type.get().as_str()
        )
    });
    view! {
        <fieldset class="category" data-category=category.code.clone()>
            <legend>{category.label.clone()}
                <span class="muted">{format!(" (at least {})", category.minimum)}</span>
            </legend>
            <ul class="documents">
                {documents.into_iter().map(|document| view! { <DocumentCard document/> }).collect_view()}
            </ul>
            <div class="add-document">
                <label for=select_id.clone()>"Document type"</label>
                <select id=select_id on:change=move |ev| {
                    if let Some(t) = DocumentType::from_db(&event_target_value(&ev)) {
                        doc_type.set(t);
                    }
                }>
                    {accepted.into_iter().map(|t| view! { <option value=t.as_str()>{t.label()}</option> }).collect_view()}
                </select>
                <FileUpload
                    id=format!("file-{}", category.code)
                    label="Add a photo of the front, or a PDF"
                    url
                    sides=true
                    accept="image/jpeg,image/png,application/pdf"
                    panel=Panel::Step(StepKind::Documents)/>
            </div>
        </fieldset>
    }
}

#[component]
fn DocumentCard(document: CustomerDocument) -> impl IntoView {
    let ui = JourneyUi::get();
    let remove = ServerAction::<RemoveDocument>::new();
    let error = Signal::derive(move || remove.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if matches!(remove.value().get(), Some(Ok(()))) {
            ui.refresh_on(Panel::Step(StepKind::Documents));
        }
    });
    let draft = document.submitted_at.is_none();
    let sides: Vec<DocumentSide> = document.files.iter().map(|f| f.side).collect();
    let needs_back = draft
        && !document.doc_type.is_complete_with(&sides)
        && document.doc_type.accepts_side(&sides, DocumentSide::Back);
    let (badge, code) = match (&document.state, draft) {
        (_, true) => ("Not yet submitted", "draft"),
        (DocumentState::Pending, _) => ("Pending", "pending"),
        (DocumentState::Approved, _) => ("Approved", "completed"),
        (DocumentState::Rejected(_), _) => ("Rejected", "failed"),
    };
    let rejection = match &document.state {
        DocumentState::Rejected(r) => Some((r.reason.label(), r.comment.clone())),
        _ => None,
    };
    let id = document.id;
    let label = document.doc_type.label();
    view! {
        <li class="document" data-document=id.to_string() data-state=code>
            <div class="document-head">
                <strong>{label}</strong>
                <span class=format!("badge badge-{code}")>{badge}</span>
            </div>
            <div class="previews">
                {document.files.iter().map(|file| {
                    let src = format!("/journey/files/{}", file.object_id);
                    let side = file.side.label();
                    if file.content_type == "application/pdf" {
                        view! { <a class="pdf-preview" href=src download="document.pdf">"PDF document"</a> }.into_any()
                    } else {
                        view! {
                            <figure class="preview">
                                <img src=src alt=format!("{label}, {side}") loading="lazy"/>
                                <figcaption>{side}</figcaption>
                            </figure>
                        }.into_any()
                    }
                }).collect_view()}
            </div>
            {rejection.map(|(reason, comment)| view! {
                <p class="rejection" role="status">{sentence(reason, &comment)}" Please add a replacement below."</p>
            })}
            {needs_back.then(|| view! {
                <FileUpload
                    id=format!("back-{id}")
                    label="Add a photo of the back"
                    url=Signal::stored(format!("/journey/documents/files?side=back&document={id}"))
                    sides=false
                    accept="image/jpeg,image/png"
                    panel=Panel::Step(StepKind::Documents)/>
            })}
            {draft.then(|| view! {
                <ActionForm action=remove>
                    <input type="hidden" name="document_id" value=id.to_string()/>
                    <button type="submit" class="button link-button" disabled=move || remove.pending().get()>
                        {format!("Remove {label}")}
                    </button>
                </ActionForm>
                <FormError error/>
            })}
        </li>
    }
}

/// `Reason: comment.` as one sentence, whatever punctuation the reviewer ended with.
fn sentence(reason: &str, comment: &str) -> String {
    let text = if comment.trim().is_empty() {
        reason.to_owned()
    } else {
        format!("{reason}: {}", comment.trim())
    };
    if text.ends_with(['.', '!', '?']) {
        text
    } else {
        format!("{text}.")
    }
}
