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
    // The chunk of the journey step the server drew comes first, so that the page hydrates
    // what is on screen; `hydrate_lazy` then waits for those of the lazily loaded routes.
    // If that chunk does not arrive, the page stays as the server drew it (its links and
    // forms work without the wasm) with the note that it did not load completely.
    wasm_bindgen_futures::spawn_local(async {
        if customer::preload_shown().await {
            leptos::mount::hydrate_lazy(App);
        } else {
            browser::show_element(app::LOAD_FAILED_ID);
        }
    });
}
