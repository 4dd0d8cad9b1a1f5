//! The staff side's pages as lazily loaded routes: in a split build (`cargo leptos build
//! --split`) each page's code is its own wasm chunk, fetched only when a staff member opens
//! it, so the customer's journey downloads none of it. The server renders them in full.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use super::StaffLayout;
use crate::account::{ForgotPasswordPage, InvitationPage, ResetPasswordPage, SecurityPage};
use crate::auth::LoginPage;
use crate::dashboard::customers::{CustomerPage, CustomersPage, NewCustomerPage};
use crate::dashboard::journeys::{JourneysPage, TrackerPage};
use crate::dashboard::reports::ReportsPage;
use crate::dashboard::review::{CasePage, QueuePage, TicketsPage};
use crate::dashboard::settings::{
    ApiKeysPage, AuditPage, BrandingPage, NameMatchSettingsPage, ScreeningSettingsPage, StaffPage,
    WebhooksPage,
};

/// Declares a route type whose view is the page, loaded on demand. The pages load their own
/// data, so a route carries none.
macro_rules! lazy_page {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        #[doc = concat!("[`", stringify!($page), "`], loaded when reached.")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_route: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy_page! {
    StaffFrame => StaffLayout,
    Login => LoginPage,
    ForgotPassword => ForgotPasswordPage,
    ResetPassword => ResetPasswordPage,
    Invitation => InvitationPage,
    Journeys => JourneysPage,
    Customers => CustomersPage,
    NewCustomer => NewCustomerPage,
    Customer => CustomerPage,
    Tracker => TrackerPage,
    Reports => ReportsPage,
    Queue => QueuePage,
    Case => CasePage,
    Tickets => TicketsPage,
    Security => SecurityPage,
    Branding => BrandingPage,
    Staff => StaffPage,
    Audit => AuditPage,
    ScreeningSettings => ScreeningSettingsPage,
    NameMatchSettings => NameMatchSettingsPage,
    ApiKeys => ApiKeysPage,
    Webhooks => WebhooksPage,
}
