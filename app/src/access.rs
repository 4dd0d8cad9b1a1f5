//! Who may call each server function, declared once beside the functions (each still
//! authorises itself, or calls a use case that does). The route sweep test enumerates the
//! server-function registry at run time, fails on any function missing here, and checks
//! each gate against its own hand-written matrix and against the answers.

use kyc_core::access::Gate::{self, Account, Anyone, Customer, Staff};
use kyc_core::access::Permission::{ManageLinks, ManageSettings, Review, ViewJourneys};

/// Every server function by endpoint name, with its gate.
pub const SERVER_FUNCTIONS: &[(&str, Gate)] = &[
    // Signing in and out, invitations and password resets: the form or the token is the
    // credential.
    ("login", Anyone),
    ("second_factor", Anyone),
    ("logout", Anyone),
    ("whoami", Anyone),
    ("load_invitation", Anyone),
    ("accept_invitation", Anyone),
    ("forgot_password", Anyone),
    ("reset_password", Anyone),
    ("switch_link", Anyone),
    // The customer's language: a preference cookie for anyone, kept on the journey of a
    // customer's session.
    ("choose_language", Anyone),
    // One's own account.
    ("account_security", Account),
    ("change_password", Account),
    ("start_two_factor", Account),
    ("confirm_two_factor", Account),
    ("turn_off_two_factor", Account),
    // The customer's own journey.
    ("my_journey", Customer),
    ("give_consent", Customer),
    ("start_handoff", Customer),
    ("handoff_used", Customer),
    ("remove_document", Customer),
    ("submit_journey", Customer),
    ("verify_bank_account", Customer),
    ("start_digilocker", Customer),
    ("open_ticket", Customer),
    ("ticket_message", Customer),
    // Customers, journeys and links.
    ("list_customers", Staff(ViewJourneys)),
    ("get_customer", Staff(ViewJourneys)),
    ("list_journeys", Staff(ViewJourneys)),
    ("chart_figures", Staff(ViewJourneys)),
    ("get_journey", Staff(ViewJourneys)),
    ("create_customer", Staff(ManageLinks)),
    ("generate_link", Staff(ManageLinks)),
    ("resend_link", Staff(ManageLinks)),
    ("revoke_link", Staff(ManageLinks)),
    ("reissue_link", Staff(ManageLinks)),
    // Review.
    ("review_queue", Staff(Review)),
    ("load_case", Staff(Review)),
    ("assign_case", Staff(Review)),
    ("decide_document", Staff(Review)),
    ("decide_step", Staff(Review)),
    ("decide_journey", Staff(Review)),
    ("add_comment", Staff(Review)),
    ("screening_alerts", Staff(Review)),
    ("resolve_screening", Staff(Review)),
    ("list_tickets", Staff(Review)),
    ("reply_ticket", Staff(Review)),
    ("close_ticket", Staff(Review)),
    // Settings.
    ("branding_settings", Staff(ManageSettings)),
    ("save_colours", Staff(ManageSettings)),
    ("save_time_zone", Staff(ManageSettings)),
    ("remove_logo", Staff(ManageSettings)),
    ("screening_settings", Staff(ManageSettings)),
    ("save_screening_thresholds", Staff(ManageSettings)),
    ("name_match_settings", Staff(ManageSettings)),
    ("save_name_match_bands", Staff(ManageSettings)),
    ("list_api_keys", Staff(ManageSettings)),
    ("create_api_key", Staff(ManageSettings)),
    ("revoke_api_key", Staff(ManageSettings)),
    ("list_webhooks", Staff(ManageSettings)),
    ("create_webhook", Staff(ManageSettings)),
    ("change_webhook", Staff(ManageSettings)),
    ("rotate_webhook_secret", Staff(ManageSettings)),
    ("webhook_log", Staff(ManageSettings)),
    ("replay_webhook", Staff(ManageSettings)),
    ("staff_overview", Staff(ManageSettings)),
    ("invite_staff", Staff(ManageSettings)),
    ("withdraw_invitation", Staff(ManageSettings)),
    ("change_staff_role", Staff(ManageSettings)),
    ("set_staff_enabled", Staff(ManageSettings)),
    ("set_two_factor_policy", Staff(ManageSettings)),
    ("audit_trail", Staff(ManageSettings)),
];
