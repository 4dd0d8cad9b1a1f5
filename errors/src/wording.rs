//! The error's words in the reader's language: customer pages show these; the English
//! is the same as the error's `Display`, which the dashboard and the API use.

use kyc_i18n::{t, Lang};

use crate::AppError;

impl AppError {
    /// What the person is told, in `lang`. Refusals that arrive as sentences were written
    /// by the server in the language of the request that caused them.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Unauthenticated => t!(lang, "error-unauthenticated"),
            AppError::Forbidden => t!(lang, "error-forbidden"),
            AppError::NotFound => t!(lang, "error-not-found"),
            AppError::TwoFactorRequired => t!(lang, "error-two-factor-required"),
            AppError::Invalid(_) => t!(lang, "error-invalid"),
            AppError::Conflict(message) | AppError::FileRefused(message) => message.clone(),
            AppError::TooManyAttempts => t!(lang, "error-too-many-attempts"),
            AppError::LinkInvalid => t!(lang, "error-link-invalid"),
            AppError::LinkExpired => t!(lang, "error-link-expired"),
            AppError::LinkWithdrawn => t!(lang, "error-link-withdrawn"),
            AppError::Unready(_) => t!(lang, "error-unready"),
            AppError::FileTooLarge(megabytes) => {
                t!(lang, "error-file-too-large", megabytes = *megabytes)
            }
            AppError::Busy => t!(lang, "error-busy"),
            AppError::Internal(id) => t!(lang, "error-internal", id = id.as_str()),
            AppError::Request(_) => t!(lang, "error-request"),
        }
    }

    /// The message for one form field in `lang`, if this error has one: a problem the
    /// message files name in their words, anything else as the server wrote it.
    pub fn field_message(&self, field: &str, lang: Lang) -> Option<String> {
        let AppError::Invalid(errors) = self else {
            return None;
        };
        let error = errors.0.iter().find(|e| e.field == field)?;
        Some(match &error.problem {
            Some(problem) if kyc_i18n::has(&problem.id) => match problem.number {
                Some(number) => t!(lang, &problem.id, number = number),
                None => t!(lang, &problem.id),
            },
            _ => error.message.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kyc_core::{FieldError, FieldErrors};

    #[test]
    fn the_english_words_are_the_errors_own() {
        let errors = [
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::TwoFactorRequired,
            AppError::Invalid(FieldErrors::default()),
            AppError::TooManyAttempts,
            AppError::LinkInvalid,
            AppError::LinkExpired,
            AppError::LinkWithdrawn,
            AppError::Unready(Vec::new()),
            AppError::FileTooLarge(10),
            AppError::Busy,
            AppError::Internal("0123456789ab".into()),
        ];
        for error in errors {
            assert_eq!(error.message(Lang::En), error.to_string());
            assert_ne!(error.message(Lang::Hi), error.to_string(), "{error:?}");
        }
    }

    #[test]
    fn a_named_field_problem_is_said_in_the_customer_s_language() {
        let too_long = FieldError::known(
            "subject",
            "field-too-long",
            "must be at most 200 characters",
        )
        .with_number(200);
        let error = AppError::Invalid(FieldErrors(vec![too_long]));
        assert_eq!(
            error.field_message("subject", Lang::En).as_deref(),
            Some("must be at most 200 characters")
        );
        let hindi = error.field_message("subject", Lang::Hi).unwrap_or_default();
        assert!(hindi.contains("200") && hindi.contains("अक्षर"), "{hindi}");
        let unnamed = AppError::Invalid(FieldErrors(vec![FieldError::new("x", "is odd")]));
        assert_eq!(
            unnamed.field_message("x", Lang::Hi).as_deref(),
            Some("is odd")
        );
        assert_eq!(unnamed.field_message("y", Lang::Hi), None);
    }
}
