//! Emails to customers, branded with the merchant's name and colour: a plain-text body and
//! an HTML body with every interpolated value escaped.

use serde::{Deserialize, Serialize};

use crate::merchant::HexColour;

/// A rendered email, ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailContent {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The sender's side of an email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailBrand<'a> {
    pub merchant_name: &'a str,
    pub primary_colour: &'a str,
}

/// Confirms to the customer that their verification was submitted and what happens next.
pub fn submission_received(brand: &EmailBrand<'_>, customer_name: &str) -> EmailContent {
    let merchant = brand.merchant_name;
    let subject = format!("{merchant}: we have received your verification");
    let paragraphs = [
        format!("Hello {customer_name},"),
        format!(
            "Thank you. Your identity verification for {merchant} has been submitted successfully."
        ),
        "Our team will now review what you sent. You can check the status at any time with \
         the link you received; we will email you if anything else is needed."
            .to_owned(),
    ];
    EmailContent {
        text: format!(
            "{}\n\n{}\n\n— {merchant}\n",
            paragraphs.join("\n\n"),
            "You are receiving this email because you verified your identity with us."
        ),
        html: html_layout(brand, &subject, &paragraphs),
        subject,
    }
}

fn html_layout(brand: &EmailBrand<'_>, title: &str, paragraphs: &[String]) -> String {
    let colour = HexColour::parse("primary_colour", brand.primary_colour)
        .map(|c| c.as_str().to_owned())
        .unwrap_or_else(|_| "#1a56db".to_owned());
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p style=\"margin:0 0 16px\">{}</p>", escape(p)))
        .collect();
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"margin:0;background:#f4f5f7;font-family:Arial,sans-serif;color:#1f2328\">\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\" style=\"padding:24px\">\
         <table role=\"presentation\" width=\"100%\" style=\"max-width:560px;background:#ffffff;border-radius:8px\">\
         <tr><td style=\"background:{colour};height:8px;border-radius:8px 8px 0 0\"></td></tr>\
         <tr><td style=\"padding:24px\"><h1 style=\"font-size:20px;margin:0 0 16px\">{merchant}</h1>{body}</td></tr>\
         </table></td></tr></table></body></html>",
        title = escape(title),
        merchant = escape(brand.merchant_name),
    )
}

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_in_the_html_body_and_kept_in_the_text_body() {
        let brand = EmailBrand {
            merchant_name: "Acme <Bank>",
            primary_colour: "#0f766e",
        };
        let email = submission_received(&brand, "Asha \"<script>\"");
        assert!(email.html.contains("Acme &lt;Bank&gt;"));
        assert!(email.html.contains("&lt;script&gt;"));
        assert!(!email.html.contains("<script>"));
        assert!(email.html.contains("#0f766e"));
        assert!(email.text.contains("Hello Asha \"<script>\""));
        assert_eq!(
            email.subject,
            "Acme <Bank>: we have received your verification"
        );
    }

    #[test]
    fn a_stored_colour_that_is_not_a_colour_never_reaches_the_style_attribute() {
        let brand = EmailBrand {
            merchant_name: "Acme",
            primary_colour: "red;background:url(x)",
        };
        let email = submission_received(&brand, "Asha");
        assert!(!email.html.contains("url(x)"));
    }
}
