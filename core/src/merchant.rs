//! Merchants (tenants), their staff roles and their branding values.

use serde::{Deserialize, Serialize};

use crate::validation::{trimmed, FieldError};

/// A staff member's role within one merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Reviewer,
    Operator,
}

pub use crate::access::Permission;

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Reviewer, Role::Operator];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Reviewer => "reviewer",
            Role::Operator => "operator",
        }
    }

    /// Reads a stored name; `None` for anything else.
    pub fn from_db(s: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The name people see.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Reviewer => "Reviewer",
            Role::Operator => "Operator",
        }
    }

    /// Whether this role grants `permission`, as the one table in [`crate::access`] says.
    pub fn allows(self, permission: Permission) -> bool {
        permission.roles().contains(&self)
    }
}

/// A `#RRGGBB` colour, stored lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HexColour(String);

impl HexColour {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        let valid = value.len() == 7
            && value.starts_with('#')
            && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !valid {
            return Err(FieldError::new(field, "must be a colour like #1a73e8"));
        }
        Ok(HexColour(value.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The short name of a merchant in URLs and commands: 2 to 40 of `a-z 0-9 -`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MerchantSlug(String);

impl MerchantSlug {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = trimmed("slug", raw, 2, 40)?;
        let valid = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !value.starts_with('-')
            && !value.ends_with('-');
        if !valid {
            return Err(FieldError::new(
                "slug",
                "may contain only a-z, 0-9 and inner dashes",
            ));
        }
        Ok(MerchantSlug(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name customers see for a merchant: 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        trimmed("display_name", raw, 1, 100).map(|v| DisplayName(v.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl HexColour {
    /// WCAG relative luminance of the colour (0 black to 1 white).
    pub fn luminance(&self) -> f64 {
        let channel = |i: usize| {
            let value = f64::from(u8::from_str_radix(&self.0[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if value <= 0.03928 {
                value / 12.92
            } else {
                ((value + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    /// WCAG contrast ratio against another colour (1 to 21).
    pub fn contrast_with(&self, other: &HexColour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// White or black, whichever reads better on this colour.
    pub fn readable_text(&self) -> &'static str {
        let white = HexColour("#ffffff".into());
        let black = HexColour("#000000".into());
        if self.contrast_with(&white) >= self.contrast_with(&black) {
            "#ffffff"
        } else {
            "#000000"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_on_a_brand_colour_is_whichever_of_black_or_white_reads_better() {
        assert_eq!(
            HexColour::parse("c", "#0F766E").unwrap().readable_text(),
            "#ffffff"
        );
        assert_eq!(
            HexColour::parse("c", "#facc15").unwrap().readable_text(),
            "#000000"
        );
        let white = HexColour::parse("c", "#ffffff").unwrap();
        let black = HexColour::parse("c", "#000000").unwrap();
        assert!((white.contrast_with(&black) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn colours_must_be_six_hex_digits() {
        for bad in ["1a56db", "#1a56d", "#1a56dbz", "red", "#1a56db; }"] {
            assert!(HexColour::parse("c", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn operators_manage_links_and_reviewers_review_but_neither_changes_settings() {
        assert!(Role::Operator.allows(Permission::ManageLinks));
        assert!(!Role::Operator.allows(Permission::Review));
        assert!(Role::Reviewer.allows(Permission::Review));
        assert!(!Role::Reviewer.allows(Permission::ManageLinks));
        assert!(!Role::Reviewer.allows(Permission::ManageSettings));
        assert!(Role::Admin.allows(Permission::ManageSettings));
    }
}
