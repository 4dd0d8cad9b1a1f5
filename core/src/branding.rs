//! A merchant's colours and the contrast they must keep on the customer's pages (WCAG 2.2
//! AA): the primary colour is used for links and headings on white (text: 4.5:1) and as the
//! background of buttons and the header, whose text is black or white, whichever reads
//! better; the accent colour marks progress and focus on white (non-text: 3:1).

use serde::{Deserialize, Serialize};

use crate::merchant::HexColour;
use crate::validation::{FieldError, FieldErrors};

/// Contrast text needs against its background (WCAG 1.4.3, AA).
pub const TEXT_CONTRAST: f64 = 4.5;
/// Contrast marks such as progress bars and focus rings need (WCAG 1.4.11).
pub const MARK_CONTRAST: f64 = 3.0;

/// A merchant's colours, both checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandColours {
    pub primary: HexColour,
    pub accent: HexColour,
}

/// How one colour fares on white.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContrastCheck {
    /// Contrast against white, e.g. 4.52.
    pub ratio: f64,
    /// What the colour's use needs.
    pub needed: f64,
    /// The nearest darker shade that passes, when this one does not.
    pub suggestion: Option<HexColour>,
}

impl ContrastCheck {
    pub fn of(colour: &HexColour, needed: f64) -> Self {
        let ratio = colour.contrast_with(&white());
        let suggestion = (ratio < needed).then(|| darkened_until(colour, needed));
        ContrastCheck {
            ratio,
            needed,
            suggestion,
        }
    }

    pub fn passes(&self) -> bool {
        self.suggestion.is_none()
    }
}

impl BrandColours {
    /// Parses and checks both colours; a colour that would break AA contrast is refused
    /// with the reason and the nearest shade that passes.
    pub fn parse(primary: &str, accent: &str) -> Result<Self, FieldErrors> {
        let mut errors = Vec::new();
        let primary = checked(
            ("primary_colour", "Primary colour"),
            primary,
            TEXT_CONTRAST,
            "links and headings",
            &mut errors,
        );
        let accent = checked(
            ("accent_colour", "Accent colour"),
            accent,
            MARK_CONTRAST,
            "progress and focus marks",
            &mut errors,
        );
        match (primary, accent) {
            (Some(primary), Some(accent)) if errors.is_empty() => {
                Ok(BrandColours { primary, accent })
            }
            _ => Err(FieldErrors(errors)),
        }
    }
}

fn checked(
    (field, label): (&str, &str),
    raw: &str,
    needed: f64,
    used_for: &str,
    errors: &mut Vec<FieldError>,
) -> Option<HexColour> {
    let colour = match HexColour::parse(field, raw) {
        Ok(colour) => colour,
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    let check = ContrastCheck::of(&colour, needed);
    if let Some(better) = &check.suggestion {
        errors.push(FieldError::new(
            field,
            format!(
                "{label} {} has a contrast of {:.1}:1 on white; {used_for} need at least {needed}:1 (WCAG AA). {} is the nearest darker shade that passes.",
                colour.as_str(),
                check.ratio,
                better.as_str()
            ),
        ));
        return None;
    }
    Some(colour)
}

fn white() -> HexColour {
    HexColour::parse("white", "#ffffff").unwrap_or_else(|_| unreachable!("a valid colour"))
}

/// The colour scaled towards black, step by step, until it reaches `needed` on white. Black
/// has 21:1, so this always ends.
fn darkened_until(colour: &HexColour, needed: f64) -> HexColour {
    let hex = colour.as_str();
    let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0));
    let (r, g, b) = (channel(1), channel(3), channel(5));
    let mut factor = 1.0_f64;
    loop {
        factor -= 0.01;
        let scaled = |c: f64| (c * factor.max(0.0)).round().clamp(0.0, 255.0) as u8;
        let candidate = format!("#{:02x}{:02x}{:02x}", scaled(r), scaled(g), scaled(b));
        let candidate = HexColour::parse("colour", &candidate)
            .unwrap_or_else(|_| unreachable!("formatted as hex"));
        if factor <= 0.0 || candidate.contrast_with(&white()) >= needed {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_that_keep_aa_contrast_are_accepted() {
        let colours = BrandColours::parse("#1A56DB", "#0e7490").unwrap();
        assert_eq!(colours.primary.as_str(), "#1a56db");
        assert!(ContrastCheck::of(&colours.primary, TEXT_CONTRAST).passes());
    }

    #[test]
    fn a_light_primary_is_refused_with_a_darker_shade_that_passes() {
        let errors = BrandColours::parse("#facc15", "#0e7490").unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(errors.0[0].field, "primary_colour");
        assert!(
            errors.0[0].message.contains("4.5:1"),
            "{}",
            errors.0[0].message
        );
        let check = ContrastCheck::of(&HexColour::parse("c", "#facc15").unwrap(), TEXT_CONTRAST);
        let better = check.suggestion.unwrap();
        assert!(errors.0[0].message.contains(better.as_str()));
        let ratio = better.contrast_with(&white());
        assert!(
            (4.5..5.0).contains(&ratio),
            "nearest passing shade, got {ratio}"
        );
    }

    #[test]
    fn the_accent_needs_only_the_contrast_of_a_mark() {
        // 3.3:1 on white: too light for text, enough for a progress bar.
        let grey = "#8a8a8a";
        assert!(BrandColours::parse("#1a56db", grey).is_ok());
        let errors = BrandColours::parse(grey, "#eeeeee").unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["primary_colour", "accent_colour"]);
    }

    #[test]
    fn white_darkens_to_a_grey_and_malformed_colours_are_named() {
        let check = ContrastCheck::of(&white(), TEXT_CONTRAST);
        assert!(check.suggestion.unwrap().contrast_with(&white()) >= TEXT_CONTRAST);
        let errors = BrandColours::parse("blue", "#12345").unwrap_err();
        assert_eq!(errors.0.len(), 2);
    }
}
