//! Emails to customers, branded with the merchant's name and colour: a plain-text body and
//! an HTML body with every interpolated value escaped.

use serde::{Deserialize, Serialize};

use kyc_i18n::{t, Lang};

use crate::merchant::HexColour;
use crate::StepKind;

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
pub fn submission_received(
    lang: Lang,
    brand: &EmailBrand<'_>,
    customer_name: &str,
) -> EmailContent {
    let merchant = brand.merchant_name;
    let subject = t!(lang, "email-received-subject", merchant = merchant);
    let paragraphs = [
        t!(lang, "email-hello", name = customer_name),
        t!(lang, "email-received-thanks", merchant = merchant),
        t!(lang, "email-received-next"),
    ];
    EmailContent {
        text: format!(
            "{}\n\n{}\n\n— {merchant}\n",
            paragraphs.join("\n\n"),
            t!(lang, "email-received-why")
        ),
        html: html_layout(lang, brand, &subject, &paragraphs, None),
        subject,
    }
}

/// Tells the customer that documents were sent back, with each one's reason and the
/// reviewer's comment for them, and that they can upload new ones with their link.
pub fn documents_sent_back(
    lang: Lang,
    brand: &EmailBrand<'_>,
    customer_name: &str,
    items: &[(String, String)],
) -> EmailContent {
    let merchant = brand.merchant_name;
    let subject = t!(lang, "email-sent-back-subject", merchant = merchant);
    let mut paragraphs = vec![
        t!(lang, "email-hello", name = customer_name),
        t!(lang, "email-sent-back-intro", merchant = merchant),
    ];
    paragraphs.extend(items.iter().map(|(what, why)| format!("• {what}: {why}")));
    paragraphs.push(t!(lang, "email-sent-back-how"));
    plain(lang, brand, subject, paragraphs)
}

/// Carries a support reply to the customer, with the ticket's subject.
pub fn ticket_reply(
    lang: Lang,
    brand: &EmailBrand<'_>,
    customer_name: &str,
    subject: &str,
    reply: &str,
) -> EmailContent {
    let merchant = brand.merchant_name;
    plain(
        lang,
        brand,
        t!(
            lang,
            "email-reply-subject",
            merchant = merchant,
            subject = subject
        ),
        vec![
            t!(lang, "email-hello", name = customer_name),
            t!(
                lang,
                "email-reply-intro",
                merchant = merchant,
                subject = subject
            ),
            reply.to_owned(),
            t!(lang, "email-reply-how"),
        ],
    )
}

/// Asks the customer to do a step again (a selfie retaken...), with the reviewer's words.
pub fn step_sent_back(
    lang: Lang,
    brand: &EmailBrand<'_>,
    customer_name: &str,
    step: StepKind,
    message: &str,
) -> EmailContent {
    let merchant = brand.merchant_name;
    plain(
        lang,
        brand,
        t!(lang, "email-redo-subject", merchant = merchant),
        vec![
            t!(lang, "email-hello", name = customer_name),
            t!(
                lang,
                "email-redo-intro",
                merchant = merchant,
                step = crate::names::step_name(lang, step)
            ),
            message.to_owned(),
            t!(lang, "email-redo-how"),
        ],
    )
}

/// Tells the customer their verification is complete.
pub fn journey_completed(lang: Lang, brand: &EmailBrand<'_>, customer_name: &str) -> EmailContent {
    let merchant = brand.merchant_name;
    plain(
        lang,
        brand,
        t!(lang, "email-completed-subject", merchant = merchant),
        vec![
            t!(lang, "email-hello", name = customer_name),
            t!(lang, "email-completed-body", merchant = merchant),
        ],
    )
}

/// Tells the customer their verification was not accepted.
pub fn journey_rejected(lang: Lang, brand: &EmailBrand<'_>, customer_name: &str) -> EmailContent {
    let merchant = brand.merchant_name;
    plain(
        lang,
        brand,
        t!(lang, "email-rejected-subject", merchant = merchant),
        vec![
            t!(lang, "email-hello", name = customer_name),
            t!(lang, "email-rejected-body", merchant = merchant),
        ],
    )
}

fn plain(
    lang: Lang,
    brand: &EmailBrand<'_>,
    subject: String,
    paragraphs: Vec<String>,
) -> EmailContent {
    EmailContent {
        text: format!("{}\n\n— {}\n", paragraphs.join("\n\n"), brand.merchant_name),
        html: html_layout(lang, brand, &subject, &paragraphs, None),
        subject,
    }
}

/// Stands in the outbox for the link of an invitation: the link itself is stored only
/// encrypted beside the email and put in at sending time.
pub const LINK_MARKER: &str = "[[kyc-link]]";

/// Invites the customer to verify their identity through their KYC link (written as
/// [`LINK_MARKER`]), valid until `expires` (as people read it, with its time zone).
pub fn link_invitation(
    lang: Lang,
    brand: &EmailBrand<'_>,
    customer_name: &str,
    expires: &str,
) -> EmailContent {
    let merchant = brand.merchant_name;
    let subject = t!(lang, "email-invite-subject", merchant = merchant);
    let paragraphs = [
        t!(lang, "email-hello", name = customer_name),
        t!(lang, "email-invite-body", merchant = merchant),
        t!(lang, "email-invite-expires", expires = expires),
    ];
    EmailContent {
        text: format!(
            "{}\n\n{}\n\n{LINK_MARKER}\n\n{}\n\n— {merchant}\n",
            paragraphs[..2].join("\n\n"),
            t!(lang, "email-invite-open"),
            paragraphs[2],
        ),
        html: html_layout(
            lang,
            brand,
            &subject,
            &paragraphs,
            Some((&t!(lang, "email-invite-button"), LINK_MARKER)),
        ),
        subject,
    }
}

/// Invites a person to join the merchant's staff with `role` through their invitation link
/// (written as [`LINK_MARKER`]), which works for 72 hours and once.
pub fn staff_invitation(brand: &EmailBrand<'_>, role: &str) -> EmailContent {
    let merchant = brand.merchant_name;
    let subject = format!("{merchant}: you are invited to the KYC dashboard");
    let paragraphs = [
        "Hello,".to_owned(),
        format!(
            "An admin of {merchant} invites you to its KYC dashboard as {role}. Open the link, \
             choose a password, and you are in."
        ),
        "The link works once, for 72 hours. If you did not expect this, ignore this email."
            .to_owned(),
    ];
    linked_email(brand, subject, &paragraphs, "Accept the invitation")
}

/// Sends a staff member the link (written as [`LINK_MARKER`]) that sets a new password,
/// which works for 30 minutes and once.
pub fn password_reset(brand: &EmailBrand<'_>, name: &str) -> EmailContent {
    let subject = "Reset your KYC dashboard password".to_owned();
    let paragraphs = [
        format!("Hello {name},"),
        "Someone, probably you, asked to reset the password of your KYC dashboard account. \
         Open the link to choose a new one; every session of your account will be signed out."
            .to_owned(),
        "The link works once, for 30 minutes. If you did not ask for this, ignore this email: \
         your password stays as it is."
            .to_owned(),
    ];
    linked_email(brand, subject, &paragraphs, "Choose a new password")
}

/// An email of three paragraphs with the link after the second.
fn linked_email(
    brand: &EmailBrand<'_>,
    subject: String,
    paragraphs: &[String; 3],
    action: &str,
) -> EmailContent {
    EmailContent {
        text: format!(
            "{}\n\n{LINK_MARKER}\n\n{}\n\n— {}\n",
            paragraphs[..2].join("\n\n"),
            paragraphs[2],
            brand.merchant_name,
        ),
        html: html_layout(
            Lang::En,
            brand,
            &subject,
            paragraphs,
            Some((action, LINK_MARKER)),
        ),
        subject,
    }
}

/// The text and HTML bodies of an invitation with its link put in place of [`LINK_MARKER`]
/// (escaped for HTML).
pub fn with_link(text: &str, html: &str, link: &str) -> (String, String) {
    (
        text.replace(LINK_MARKER, link),
        html.replace(LINK_MARKER, &escape(link)),
    )
}

/// The branded frame; `action` is a button (label, address) after the paragraphs.
fn html_layout(
    lang: Lang,
    brand: &EmailBrand<'_>,
    title: &str,
    paragraphs: &[String],
    action: Option<(&str, &str)>,
) -> String {
    let parsed = HexColour::parse("primary_colour", brand.primary_colour).ok();
    let colour = parsed.as_ref().map_or("#1a56db", HexColour::as_str);
    let on_colour = parsed.as_ref().map_or("#ffffff", HexColour::readable_text);
    let mut body: String = paragraphs
        .iter()
        .map(|p| format!("<p style=\"margin:0 0 16px\">{}</p>", escape(p)))
        .collect();
    if let Some((label, href)) = action {
        body.push_str(&format!(
            "<p style=\"margin:24px 0\"><a href=\"{href}\" style=\"display:inline-block;background:{colour};color:{on_colour};\
             padding:12px 20px;border-radius:6px;font-weight:bold;text-decoration:none\">{label}</a></p>\
             <p style=\"margin:0 0 16px;font-size:13px;color:#4b5563\">{copy} {href}</p>",
            href = escape(href),
            label = escape(label),
            copy = escape(&t!(lang, "email-copy-address")),
        ));
    }
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
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

/// Tells a merchant's admin that the delivery worker disabled a webhook endpoint (`host` is
/// the URL's host only: a path may carry a token); `gone` when it answered 410, otherwise
/// its retries ran out.
pub fn webhook_endpoint_disabled(brand: &EmailBrand<'_>, host: &str, gone: bool) -> EmailContent {
    let why = if gone {
        "it answered 410 Gone, which asks us to stop sending"
    } else {
        "deliveries to it kept failing for about three days"
    };
    plain(
        Lang::En,
        brand,
        format!("{}: a webhook endpoint was disabled", brand.merchant_name),
        vec![
            "Hello,".to_owned(),
            format!("We disabled your webhook endpoint at {host} because {why}."),
            "Events are no longer sent to it. Once it works again, enable it in Settings > \
             Webhooks; the delivery log there shows each attempt and lets you replay messages."
                .to_owned(),
        ],
    )
}

/// A time as an email reader reads it: `2026-11-25 10:00:00 UTC`.
pub use crate::timefmt::readable_utc as readable_time;

/// Escapes text for HTML (or XML) element content and attribute values.
pub fn escape(text: &str) -> String {
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
    fn an_invitation_carries_a_marker_until_sending_puts_the_link_in() {
        let brand = EmailBrand {
            merchant_name: "Acme",
            primary_colour: "#facc15",
        };
        let email = link_invitation(Lang::En, &brand, "Asha", "2026-11-25 10:00 UTC");
        assert!(email.text.contains(LINK_MARKER));
        assert!(email.html.contains(&format!("href=\"{LINK_MARKER}\"")));
        assert!(
            email.html.contains("color:#000000"),
            "dark text on a light brand colour"
        );
        let (text, html) = with_link(&email.text, &email.html, "https://kyc.example/k/a&b");
        assert!(text.contains("https://kyc.example/k/a&b") && !text.contains(LINK_MARKER));
        assert!(
            html.contains("href=\"https://kyc.example/k/a&amp;b\"") && !html.contains(LINK_MARKER)
        );
    }

    #[test]
    fn names_are_escaped_in_the_html_body_and_kept_in_the_text_body() {
        let brand = EmailBrand {
            merchant_name: "Acme <Bank>",
            primary_colour: "#0f766e",
        };
        let email = submission_received(Lang::En, &brand, "Asha \"<script>\"");
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
        let email = submission_received(Lang::En, &brand, "Asha");
        assert!(!email.html.contains("url(x)"));
    }
}
