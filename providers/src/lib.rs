//! Clients of external providers' published protocols (bank penny drop: Cashfree-style and
//! Razorpay-style; DigiLocker with e-Aadhaar signature verification; signed provider
//! webhooks), and local sandboxes speaking the same protocols (`sandbox`) for development
//! and tests. Nothing in the journey code knows which of the two it talks to.

pub mod bank;
pub mod digilocker;
pub mod sandbox;
pub mod webhook;
