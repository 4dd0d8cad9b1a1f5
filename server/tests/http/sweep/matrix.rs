//! The sweep's matrix, written by hand apart from the code it checks: who may pass each
//! server function, route and API operation, and whether the call names one of merchant A's
//! records.

use kyc_core::access::Gate;

/// Who may pass, by hand: `*` anyone, `c` a customer (their own journey), `s` any staff
/// member (their own account), `p` a provider's signature, else the staff roles (`o`
/// operator, `r` reviewer, `a` admin). Then whether the call names one of A's records
/// (another merchant's staff must find it "not found") or works on the caller's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    Names,
    Own,
}
pub(super) use Reach::{Names, Own};

pub(super) const SERVER_FUNCTIONS: &[(&str, &str, Reach)] = &[
    ("login", "*", Own),
    ("second_factor", "*", Own),
    ("logout", "*", Own),
    ("whoami", "*", Own),
    ("load_invitation", "*", Own),
    ("accept_invitation", "*", Own),
    ("forgot_password", "*", Own),
    ("reset_password", "*", Own),
    ("switch_link", "*", Own),
    ("choose_language", "*", Own),
    ("account_security", "s", Own),
    ("change_password", "s", Own),
    ("start_two_factor", "s", Own),
    ("confirm_two_factor", "s", Own),
    ("turn_off_two_factor", "s", Own),
    ("my_journey", "c", Own),
    ("give_consent", "c", Own),
    ("remove_document", "c", Names),
    ("submit_journey", "c", Own),
    ("verify_bank_account", "c", Own),
    ("start_digilocker", "c", Own),
    ("open_ticket", "c", Own),
    ("start_handoff", "c", Own),
    ("handoff_used", "c", Own),
    ("ticket_message", "c", Names),
    ("list_customers", "ora", Own),
    ("get_customer", "ora", Names),
    ("list_journeys", "ora", Own),
    ("chart_figures", "ora", Own),
    ("get_journey", "ora", Names),
    ("create_customer", "oa", Own),
    ("generate_link", "oa", Names),
    ("resend_link", "oa", Names),
    ("revoke_link", "oa", Names),
    ("reissue_link", "oa", Names),
    ("review_queue", "ra", Own),
    ("load_case", "ra", Names),
    ("assign_case", "ra", Names),
    ("decide_document", "ra", Names),
    ("decide_step", "ra", Names),
    ("decide_journey", "ra", Names),
    ("add_comment", "ra", Names),
    ("screening_alerts", "ra", Own),
    ("resolve_screening", "ra", Names),
    ("list_tickets", "ra", Own),
    ("reply_ticket", "ra", Names),
    ("close_ticket", "ra", Names),
    ("branding_settings", "a", Own),
    ("save_colours", "a", Own),
    ("save_time_zone", "a", Own),
    ("remove_logo", "a", Own),
    ("screening_settings", "a", Own),
    ("save_screening_thresholds", "a", Own),
    ("name_match_settings", "a", Own),
    ("save_name_match_bands", "a", Own),
    ("list_api_keys", "a", Own),
    ("create_api_key", "a", Own),
    ("revoke_api_key", "a", Names),
    ("list_webhooks", "a", Own),
    ("create_webhook", "a", Own),
    ("change_webhook", "a", Names),
    ("rotate_webhook_secret", "a", Names),
    ("webhook_log", "a", Names),
    ("replay_webhook", "a", Names),
    ("staff_overview", "a", Own),
    ("invite_staff", "a", Own),
    ("withdraw_invitation", "a", Names),
    ("change_staff_role", "a", Names),
    ("set_staff_enabled", "a", Names),
    ("set_two_factor_policy", "a", Own),
    ("audit_trail", "a", Own),
];

/// The server's own routes, by hand, with the same letters.
pub(super) const ROUTES: &[(&str, &str, &str, Reach)] = &[
    ("GET", "/k/{token}", "*", Own),
    ("POST", "/h/{code}", "*", Own),
    ("GET", "/m/{merchant_id}/logo", "*", Own),
    ("GET", "/m/{merchant_id}/theme.css", "*", Own),
    ("GET", "/health", "*", Own),
    ("POST", "/journey/documents/files", "c", Own),
    ("POST", "/journey/captures/{step}", "c", Own),
    (
        "POST",
        "/journey/tickets/{ticket_id}/attachments",
        "c",
        Names,
    ),
    ("GET", "/journey/files/{object_id}", "c", Names),
    ("GET", "/journey/live", "c", Own),
    ("GET", "/journey/digilocker/callback", "c", Own),
    ("GET", "/review/files/{object_id}", "ra", Names),
    ("GET", "/journeys/{journey_id}/live", "ora", Names),
    ("GET", "/reports/journeys.csv", "ra", Own),
    ("POST", "/settings/logo", "a", Own),
    ("POST", "/webhooks/bank", "p", Own),
];

/// The API's operations, by hand: the key scope each needs.
pub(super) const API: &[(&str, &str, &str, Reach)] = &[
    ("POST", "/customers", "write", Own),
    ("GET", "/customers", "read", Own),
    ("GET", "/customers/{id}", "read", Names),
    ("POST", "/journeys", "write", Names),
    ("GET", "/journeys", "read", Own),
    ("GET", "/journeys/{id}", "read", Names),
    ("GET", "/journeys/{id}/events", "read", Names),
    ("POST", "/journeys/{id}/resend", "write", Names),
    ("POST", "/journeys/{id}/revoke", "write", Names),
    ("GET", "/reports/journeys.csv", "reports", Own),
];

/// The letters a declared gate stands for.
pub(super) fn letters(gate: Gate) -> String {
    match gate {
        Gate::Anyone => "*".into(),
        Gate::Customer => "c".into(),
        Gate::Account => "s".into(),
        Gate::Provider => "p".into(),
        Gate::Staff(_) => {
            let roles = gate.staff_roles();
            [
                (kyc_core::merchant::Role::Operator, 'o'),
                (kyc_core::merchant::Role::Reviewer, 'r'),
                (kyc_core::merchant::Role::Admin, 'a'),
            ]
            .into_iter()
            .filter(|(role, _)| roles.contains(role))
            .map(|(_, letter)| letter)
            .collect()
        }
    }
}
