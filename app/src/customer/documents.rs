//! The documents step: the merchant's categories, the customer's uploads with previews,
//! removal before submission, and the same completeness rule the server enforces.

use kyc_core::document::DocumentSide;
use kyc_core::submission::step_ready;
use kyc_core::views::{CustomerDocument, CustomerJourney};
use kyc_core::{DocumentCategory, DocumentState, DocumentType, StepKind};
use leptos::prelude::*;

use super::api::RemoveDocument;
use super::page::{next_after, JourneyUi, Panel, PanelLink};
use super::upload::FileUpload;
use crate::i18n::{
    category_name, document_type_name, missing_text, rejection_reason, side_name, t, use_lang, Lang,
};
use crate::ui::FormError;

#[component]
pub fn DocumentsStep(journey: CustomerJourney) -> impl IntoView {
    let lang = use_lang();
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
            <h2 id="documents-title" tabindex="-1">{t!(lang, "step-documents")}</h2>
            <p class="muted">{t!(lang, "doc-intro")}</p>
            {journey.requirements.categories.iter().map(|category| {
                let documents: Vec<CustomerDocument> = journey.documents.iter()
                    .filter(|d| d.category == category.code).cloned().collect();
                view! { <Category category=category.clone() documents/> }
            }).collect_view()}
            <div class="step-actions">
                {(!ready).then(|| view! {
                    <ul class="missing" aria-label=t!(lang, "doc-still-needed")>
                        {missing.iter().map(|m| view! { <li>{missing_text(lang, m)}</li> }).collect_view()}
                    </ul>
                })}
                <PanelLink to=next enabled=ready>{t!(lang, "continue")}</PanelLink>
            </div>
        </section>
    }
}

#[component]
fn Category(category: DocumentCategory, documents: Vec<CustomerDocument>) -> impl IntoView {
    let lang = use_lang();
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
            <legend>{category_name(lang, &category.code, &category.label)}
                <span class="muted">{format!(" {}", t!(lang, "doc-minimum", count = category.minimum))}</span>
            </legend>
            <ul class="documents">
                {documents.into_iter().map(|document| view! { <DocumentCard document/> }).collect_view()}
            </ul>
            <div class="add-document">
                <label for=select_id.clone()>{t!(lang, "doc-choose-type")}</label>
                <select id=select_id on:change=move |ev| {
                    if let Some(t) = DocumentType::from_db(&event_target_value(&ev)) {
                        doc_type.set(t);
                    }
                }>
                    {accepted.into_iter().map(|t| view! { <option value=t.as_str()>{document_type_name(lang, t)}</option> }).collect_view()}
                </select>
                <FileUpload
                    id=format!("file-{}", category.code)
                    label=t!(lang, "upload-front-or-pdf")
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
    let lang = use_lang();
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
        (_, true) => ("doc-not-submitted", "draft"),
        (DocumentState::Pending, _) => ("status-document-pending", "pending"),
        (DocumentState::Approved, _) => ("status-document-approved", "completed"),
        (DocumentState::Rejected(_), _) => ("status-document-rejected", "failed"),
    };
    let rejection = match &document.state {
        DocumentState::Rejected(r) => Some((rejection_reason(lang, r.reason), r.comment.clone())),
        _ => None,
    };
    let id = document.id;
    let label = document_type_name(lang, document.doc_type);
    let remove_label = t!(lang, "doc-remove", document = &label);
    view! {
        <li class="document" data-document=id.to_string() data-state=code>
            <div class="document-head">
                <strong>{label.clone()}</strong>
                <span class=format!("badge badge-{code}")>{t!(lang, badge)}</span>
            </div>
            <div class="previews">
                {document.files.iter().map(|file| {
                    let src = format!("/journey/files/{}", file.object_id);
                    let side = side_name(lang, file.side);
                    if file.content_type == "application/pdf" {
                        view! { <a class="pdf-preview" href=src download="document.pdf">{t!(lang, "doc-pdf")}</a> }.into_any()
                    } else {
                        view! {
                            <figure class="preview">
                                <img src=src alt=t!(lang, "doc-preview-alt", document = &label, side = &side) loading="lazy"/>
                                <figcaption>{side}</figcaption>
                            </figure>
                        }.into_any()
                    }
                }).collect_view()}
            </div>
            {rejection.map(|(reason, comment)| view! {
                <p class="rejection" role="status">
                    {format!("{} {}", sentence(lang, &reason, &comment), t!(lang, "doc-add-replacement"))}
                </p>
            })}
            {needs_back.then(|| view! {
                <FileUpload
                    id=format!("back-{id}")
                    label=t!(lang, "upload-back")
                    url=Signal::stored(format!("/journey/documents/files?side=back&document={id}"))
                    sides=false
                    accept="image/jpeg,image/png"
                    panel=Panel::Step(StepKind::Documents)/>
            })}
            {draft.then(|| view! {
                <ActionForm action=remove>
                    <input type="hidden" name="document_id" value=id.to_string()/>
                    <button type="submit" class="button link-button" disabled=move || remove.pending().get()>
                        {remove_label}
                    </button>
                </ActionForm>
                <FormError error/>
            })}
        </li>
    }
}

/// `Reason: comment.` as one sentence, whatever punctuation the reviewer ended with; the
/// full stop is the language's own (Hindi ends a sentence with `।`).
fn sentence(lang: Lang, reason: &str, comment: &str) -> String {
    let text = if comment.trim().is_empty() {
        reason.to_owned()
    } else {
        format!("{reason}: {}", comment.trim())
    };
    if text.ends_with(['.', '!', '?', '।']) {
        text
    } else {
        format!("{text}{}", t!(lang, "doc-full-stop"))
    }
}
