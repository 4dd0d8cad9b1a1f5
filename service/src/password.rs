//! Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Hashes a password into a PHC string.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// At most this many password checks run at once (each takes 19 MiB and a core for a
/// moment), so a burst of sign-ins queues instead of exhausting memory.
pub static CHECKS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Checks `password` against `stored` (or, when the account is unknown, against a decoy
/// so that it takes as long) off the async threads, at most [`CHECKS`] at once.
pub async fn verify_blocking(
    password: String,
    stored: Option<String>,
) -> Result<bool, crate::ServiceError> {
    let _permit = CHECKS
        .acquire()
        .await
        .map_err(crate::ServiceError::internal)?;
    tokio::task::spawn_blocking(move || {
        let stored = stored.as_deref().unwrap_or_else(|| decoy_hash());
        verify(&password, stored)
    })
    .await
    .map_err(crate::ServiceError::internal)
}

/// Hashes a new password off the async threads.
pub async fn hash_blocking(password: String) -> Result<String, crate::ServiceError> {
    let _permit = CHECKS
        .acquire()
        .await
        .map_err(crate::ServiceError::internal)?;
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(crate::ServiceError::internal)?
        .map_err(|e| crate::ServiceError::internal(std::io::Error::other(e.to_string())))
}

/// Whether a new password is acceptable: [`kyc_core::staff::password_length`], then not
/// common or easily guessed (zxcvbn, whose dictionaries hold the passwords most often
/// leaked, scored against the person's own email and name too: at least 10^10 guesses).
pub fn acceptable(field: &str, password: &str, own: &[&str]) -> Result<(), kyc_core::FieldError> {
    kyc_core::staff::password_length(field, password)?;
    // The person's own strings whole and word by word ("Riya Reviewer", "riya", "reviewer").
    let mut inputs: Vec<String> = own.iter().map(|s| s.to_lowercase()).collect();
    for text in own {
        inputs.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|word| word.chars().count() >= 3)
                .map(str::to_lowercase),
        );
    }
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    if zxcvbn::zxcvbn(password, &inputs).guesses_log10() < 10.0 {
        return Err(kyc_core::FieldError::new(
            field,
            "is too common or too easy to guess: try a few unrelated words",
        ));
    }
    Ok(())
}

/// A hash of a random password, checked when the email is unknown so that a wrong email
/// takes as long as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&uuid::Uuid::new_v4().to_string()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_password_is_long_and_not_common_or_about_its_owner() {
        let own = ["riya@acme.test", "Riya Reviewer"];
        assert!(super::acceptable("password", "short", &own).is_err());
        for common in [
            "password1234",
            "qwertyuiop123",
            "123456789012",
            "iloveyou2024!",
        ] {
            assert!(
                super::acceptable("password", common, &own).is_err(),
                "{common}"
            );
        }
        assert!(super::acceptable("password", "riyareviewer1", &own).is_err());
        assert!(super::acceptable("password", "violet-harbour-lantern-42", &own).is_ok());
    }

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let stored = super::hash("correct horse battery staple").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(super::verify("correct horse battery staple", &stored));
        assert!(!super::verify("correct horse battery stapler", &stored));
        assert!(!super::verify("anything", "not a phc string"));
    }
}
