//! Who caused a change, as recorded on every journey event.

use serde::{Deserialize, Serialize};

/// The kind of party behind a recorded change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActorKind {
    Customer,
    Operator,
    Reviewer,
    System,
    Provider,
}

impl ActorKind {
    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Customer => "customer",
            ActorKind::Operator => "operator",
            ActorKind::Reviewer => "reviewer",
            ActorKind::System => "system",
            ActorKind::Provider => "provider",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        Some(match s {
            "customer" => ActorKind::Customer,
            "operator" => ActorKind::Operator,
            "reviewer" => ActorKind::Reviewer,
            "system" => ActorKind::System,
            "provider" => ActorKind::Provider,
            _ => return None,
        })
    }

    /// How the tracker names this actor.
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::Customer => "Customer",
            ActorKind::Operator => "Operator",
            ActorKind::Reviewer => "Reviewer",
            ActorKind::System => "System",
            ActorKind::Provider => "Provider",
        }
    }
}
