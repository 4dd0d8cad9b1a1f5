//! The journey's step panels, each in a wasm chunk of its own in a split build (`cargo leptos
//! build --split`): a customer downloads a step's code when they reach it, not with the link
//! page. Consent and the status stay in the main module (a link's first page, and the page
//! of a journey that has ended).
//!
//! A chunk that does not arrive (the connection dropped) is an error the page shows with a
//! plain link to the step, never a panic: the split functions are `fallible`.

use kyc_core::views::CustomerJourney;
use kyc_core::StepKind;
use leptos::prelude::*;
use wasm_split_helpers::{wasm_split, SplitLoaderError};

use super::bank::BankStep;
use super::capture::SelfieStep;
use super::digilocker::DigiLockerStep;
use super::documents::DocumentsStep;
use super::page::Panel;
use super::signature::SignatureStep;
use super::submit::ReviewAndSubmit;

type Drawn = Result<AnyView, SplitLoaderError>;

#[wasm_split(journey_documents, preload(load_documents), fallible)]
fn documents(journey: CustomerJourney) -> Drawn {
    Ok(view! { <DocumentsStep journey/> }.into_any())
}

#[wasm_split(journey_selfie, preload(load_selfie), fallible)]
fn selfie(journey: CustomerJourney) -> Drawn {
    Ok(view! { <SelfieStep journey/> }.into_any())
}

#[wasm_split(journey_signature, preload(load_signature), fallible)]
fn signature(journey: CustomerJourney) -> Drawn {
    Ok(view! { <SignatureStep journey/> }.into_any())
}

#[wasm_split(journey_bank, preload(load_bank), fallible)]
fn bank(journey: CustomerJourney) -> Drawn {
    Ok(view! { <BankStep journey/> }.into_any())
}

#[wasm_split(journey_digilocker, preload(load_digilocker), fallible)]
fn digilocker(journey: CustomerJourney) -> Drawn {
    Ok(view! { <DigiLockerStep journey/> }.into_any())
}

#[wasm_split(journey_review, preload(load_review), fallible)]
fn review(journey: CustomerJourney) -> Drawn {
    Ok(view! { <ReviewAndSubmit journey/> }.into_any())
}

/// Whether `panel`'s code is in a chunk of its own.
pub(super) fn is_split(panel: Panel) -> bool {
    matches!(
        panel,
        Panel::Review
            | Panel::Step(
                StepKind::Documents
                    | StepKind::Selfie
                    | StepKind::Signature
                    | StepKind::BankAccount
                    | StepKind::DigiLockerAadhaar
            )
    )
}

/// Fetches `panel`'s chunk (at once if it is already here; callers at the same time share
/// one fetch, and a failed one is tried afresh by the next call). Only the browser fetches.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) async fn load(panel: Panel) -> Result<(), SplitLoaderError> {
    let loaded = match panel {
        Panel::Step(StepKind::Documents) => load_documents().await,
        Panel::Step(StepKind::Selfie) => load_selfie().await,
        Panel::Step(StepKind::Signature) => load_signature().await,
        Panel::Step(StepKind::BankAccount) => load_bank().await,
        Panel::Step(StepKind::DigiLockerAadhaar) => load_digilocker().await,
        Panel::Review => load_review().await,
        // In the main module: nothing to fetch.
        Panel::Step(StepKind::SanctionScreening) | Panel::Status => return Ok(()),
    };
    #[cfg(feature = "hydrate")]
    if loaded.is_ok() {
        LOADED.with(|loaded| loaded.borrow_mut().push(panel));
    }
    loaded
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The panels whose chunks have arrived.
    static LOADED: std::cell::RefCell<Vec<Panel>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether `panel` can be drawn now: always on the server (there is nothing to fetch); in
/// the browser once [`load`] has brought its chunk.
pub(super) fn is_loaded(panel: Panel) -> bool {
    #[cfg(feature = "hydrate")]
    return !is_split(panel) || LOADED.with(|loaded| loaded.borrow().contains(&panel));
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = panel;
        true
    }
}

/// Draws split `panel`, whose chunk [`is_loaded`]. A loaded chunk's function runs at once, so
/// its future is ready on the first poll; `None` if it is not loaded (or not split, which
/// the caller rules out).
pub(super) fn draw(panel: Panel, journey: CustomerJourney) -> Option<AnyView> {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    if !is_loaded(panel) {
        return None;
    }
    let drawn: std::pin::Pin<Box<dyn Future<Output = Drawn>>> = match panel {
        Panel::Step(StepKind::Documents) => Box::pin(documents(journey)),
        Panel::Step(StepKind::Selfie) => Box::pin(selfie(journey)),
        Panel::Step(StepKind::Signature) => Box::pin(signature(journey)),
        Panel::Step(StepKind::BankAccount) => Box::pin(bank(journey)),
        Panel::Step(StepKind::DigiLockerAadhaar) => Box::pin(digilocker(journey)),
        Panel::Review => Box::pin(review(journey)),
        Panel::Step(StepKind::SanctionScreening) | Panel::Status => return None,
    };
    let mut drawn = drawn;
    match drawn.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(view) => view.ok(),
        Poll::Pending => None,
    }
}

/// Before the page hydrates: fetches the chunk of the panel the server drew (named by the
/// step panel's `data-chunk`), so that the page hydrates what is on screen. `false` if it
/// did not arrive.
#[cfg(feature = "hydrate")]
pub async fn preload_shown() -> bool {
    let shown = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("#step-panel[data-chunk]").ok().flatten())
        .and_then(|panel| panel.get_attribute("data-chunk"))
        .and_then(|name| Panel::from_name(&name));
    match shown {
        Some(panel) => load(panel).await.is_ok(),
        None => true,
    }
}
