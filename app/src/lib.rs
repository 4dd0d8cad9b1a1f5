//! The KYC platform's web application: pages, components and the server functions behind
//! them. Built twice: with `ssr` into the server, with `hydrate` into the browser's wasm.

// Release builds keep the full view types (debug builds erase them), and the journey's
// nested views go deeper than the default limit of 128.
#![recursion_limit = "256"]

pub mod access;
pub mod account;
pub mod app;
pub mod auth;
#[cfg(feature = "hydrate")]
pub(crate) mod browser;
pub mod checks;

pub mod customer;
pub mod dashboard;
pub mod error;
pub mod i18n;

pub mod ui;

#[cfg(feature = "ssr")]
pub mod context;

pub use app::{shell, App};
pub use error::AppError;

/// The browser entry point: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // A panic leaves the server-rendered page; the note says it may not all work.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        browser::show_element(app::LOAD_FAILED_ID);
    }));
    // `hydrate_lazy` waits for the chunks of the lazily loaded routes the page shows.
    leptos::mount::hydrate_lazy(App);
}
