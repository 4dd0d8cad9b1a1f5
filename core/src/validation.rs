//! Field-level validation errors shared by every parser at the edge.

use serde::{Deserialize, Serialize};

/// One field that did not parse, with a message the person who typed it can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// The same problem as a message of the customer's message files (`kyc-i18n`), for the
    /// forms customers fill in, so their pages can say it in the customer's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
}

/// A field problem by name: a message id and the number it mentions, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u64>,
}

impl FieldError {
    /// An error on `field`.
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.to_owned(),
            message: message.into(),
            problem: None,
        }
    }

    /// An error on `field` that customers may read: `id` names it in the message files.
    pub fn known(field: &str, id: &str, message: impl Into<String>) -> Self {
        FieldError {
            problem: Some(Problem {
                id: id.to_owned(),
                number: None,
            }),
            ..FieldError::new(field, message)
        }
    }

    /// The same error on another field (a form that names a value differently).
    pub fn on(mut self, field: &str) -> Self {
        field.clone_into(&mut self.field);
        self
    }

    /// Puts the number the message mentions (a length limit) in.
    pub fn with_number(mut self, number: usize) -> Self {
        if let Some(problem) = &mut self.problem {
            problem.number = u64::try_from(number).ok();
        }
        self
    }
}

/// Every field error of one form, so a person sees all problems at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Records the error of a parse, keeping its value when it succeeded.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    /// The message for `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Trims `raw` and checks it holds between `min` and `max` characters and no control
/// characters; the shared first step of most text parsers.
pub(crate) fn trimmed<'a>(
    field: &str,
    raw: &'a str,
    min: usize,
    max: usize,
) -> Result<&'a str, FieldError> {
    let value = raw.trim();
    let length = value.chars().count();
    if length < min {
        return Err(if min == 1 {
            FieldError::known(field, "field-required", "is required")
        } else {
            FieldError::known(
                field,
                "field-too-short",
                format!("needs at least {min} characters"),
            )
            .with_number(min)
        });
    }
    if length > max {
        return Err(FieldError::known(
            field,
            "field-too-long",
            format!("must be at most {max} characters"),
        )
        .with_number(max));
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::known(
            field,
            "field-control-characters",
            "must not contain control characters",
        ));
    }
    Ok(value)
}
