//! The KYC domain: journey, step and document lifecycles, the documents rule, and the
//! validated values that cross the system's edges.
//!
//! Pure Rust with no I/O, no clock and no randomness: the browser (wasm) and the server
//! run the same rules, the browser to explain and the server to enforce.

pub mod access;
pub mod actor;
pub mod api_keys;
pub mod bank;
pub mod branding;
pub mod checks;
pub mod customer;
pub mod dashboard;
pub mod document;
pub mod email;
pub mod journey;
pub mod link;
pub mod merchant;
pub mod names;
pub mod report;
pub mod review;
pub mod rules;
pub mod screening;
pub mod staff;
pub mod step;
pub mod submission;
pub mod tickets;
pub mod timefmt;
pub mod transition;
pub mod validation;
pub mod views;
pub mod webhook;

pub use actor::ActorKind;
pub use document::{DocumentCategory, DocumentRequirements, DocumentState, DocumentType};
pub use journey::{Journey, JourneyEvent, JourneyState};
pub use rules::Refused;
pub use step::{Party, RequiredAction, Step, StepEvent, StepKind, StepState};
pub use transition::{InvalidTransition, Lifecycle, Refusal};
pub use validation::{FieldError, FieldErrors};
