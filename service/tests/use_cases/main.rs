//! The use cases tested directly, from states the builders make in one call: who may call
//! each (the permission table, per actor) and their transactions (a failpoint after each
//! write leaves nothing behind).
#![expect(clippy::unwrap_used, reason = "test helpers fail loudly on purpose")]

mod permissions;
mod support;
mod transactions;
