//! Support tickets: what customers and staff see of them, and the limits of their text.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::validation::{FieldError, FieldErrors};

/// The longest subject.
pub const MAX_SUBJECT: usize = 150;
/// The longest message.
pub const MAX_MESSAGE: usize = 4000;

/// A ticket with its messages, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub id: Uuid,
    pub journey_id: Uuid,
    pub subject: String,
    pub open: bool,
    pub created_at: OffsetDateTime,
    pub messages: Vec<TicketMessage>,
}

/// One message of a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketMessage {
    /// Written by the merchant's staff (otherwise by the customer).
    pub from_staff: bool,
    /// The staff member's name, for staff only (customers read "Support").
    pub author_name: Option<String>,
    pub body: String,
    /// A stored file (image or PDF) sent with the message.
    pub attachment: Option<Uuid>,
    pub created_at: OffsetDateTime,
}

/// A ticket in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    pub id: Uuid,
    pub journey_id: Uuid,
    pub customer_name: String,
    pub subject: String,
    pub open: bool,
    pub created_at: OffsetDateTime,
    pub last_message_at: OffsetDateTime,
    /// The last message is the customer's: the ticket waits for an answer.
    pub awaiting_reply: bool,
}

/// Checks a subject (when given) and a message, trimmed; `allow_empty_message` for a
/// message that carries an attachment instead.
pub fn check_text(
    subject: Option<&str>,
    message: &str,
    allow_empty_message: bool,
) -> Result<(String, String), FieldErrors> {
    let mut errors = Vec::new();
    let subject = subject.map(str::trim).unwrap_or_default().to_owned();
    let message = message.trim().to_owned();
    if subject.is_empty() && !allow_empty_message {
        errors.push(FieldError::known(
            "subject",
            "field-ticket-subject",
            "say in a few words what it is about",
        ));
    }
    if subject.chars().any(char::is_control) {
        errors.push(FieldError::known(
            "subject",
            "field-one-line",
            "must be one line of text",
        ));
    }
    if subject.chars().count() > MAX_SUBJECT {
        errors.push(
            FieldError::known(
                "subject",
                "field-too-long",
                format!("must be at most {MAX_SUBJECT} characters"),
            )
            .with_number(MAX_SUBJECT),
        );
    }
    if message.is_empty() && !allow_empty_message {
        errors.push(FieldError::known(
            "message",
            "field-ticket-message",
            "write your message",
        ));
    }
    if message.chars().count() > MAX_MESSAGE {
        errors.push(
            FieldError::known(
                "message",
                "field-too-long",
                format!("must be at most {MAX_MESSAGE} characters"),
            )
            .with_number(MAX_MESSAGE),
        );
    }
    if errors.is_empty() {
        Ok((subject, message))
    } else {
        Err(FieldErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_limited() {
        assert_eq!(
            check_text(Some("  Help "), " My PAN is rejected ", false).unwrap(),
            ("Help".to_owned(), "My PAN is rejected".to_owned())
        );
        let errors = check_text(Some(""), "", false).unwrap_err();
        assert_eq!(errors.0.len(), 2);
        assert!(check_text(None, "", true).is_ok());
        assert!(check_text(Some(&"x".repeat(151)), "m", false).is_err());
        assert!(check_text(None, &"x".repeat(4001), true).is_err());
        assert!(check_text(Some("Hi\r\nBcc: x@y"), "m", false).is_err());
    }
}
