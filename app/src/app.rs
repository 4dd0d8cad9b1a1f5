//! The document shell, the routes, and the staff layout around the dashboard pages.

use kyc_core::merchant::Permission;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes, A};
use leptos_router::path;

use crate::account::{ForgotPasswordPage, InvitationPage, ResetPasswordPage, SecurityPage};
use crate::auth::api::{whoami, Logout};
use crate::auth::LoginPage;
use crate::customer::{CustomerJourneyPage, InvalidLinkPage, SwitchLinkPage, WithdrawnLinkPage};
use crate::dashboard::customers::{CustomerPage, CustomersPage, NewCustomerPage};
use crate::dashboard::journeys::{JourneysPage, TrackerPage};
use crate::dashboard::reports::ReportsPage;
use crate::dashboard::review::{CasePage, QueuePage, TicketsPage};
use crate::dashboard::settings::{
    ApiKeysPage, AuditPage, BrandingPage, NameMatchSettingsPage, ScreeningSettingsPage, StaffPage,
    WebhooksPage,
};

/// The HTML document around the app. On the server it also sets the Content-Security-Policy
/// with this response's script nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use http::{header, HeaderValue};
    if let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    {
        let policy = format!(
            "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response.insert_header(header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The application: routes for the customer's journey, sign-in, and the staff dashboard.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Lets tests (and people) know the page is interactive: set only once the wasm runs.
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/kyc.css"/>
        <Title text="KYC"/>
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                <Route path=path!("/reset-password/:token") view=ResetPasswordPage/>
                <Route path=path!("/invitation/:token") view=InvitationPage/>
                <Route path=path!("/journey") view=CustomerJourneyPage/>
                <Route path=path!("/link-invalid") view=InvalidLinkPage/>
                <Route path=path!("/link-withdrawn") view=WithdrawnLinkPage/>
                <Route path=path!("/link-switch") view=SwitchLinkPage/>
                <ParentRoute path=path!("") view=StaffLayout>
                    <Route path=path!("") view=JourneysPage/>
                    <Route path=path!("customers") view=CustomersPage/>
                    <Route path=path!("customers/new") view=NewCustomerPage/>
                    <Route path=path!("customers/:id") view=CustomerPage/>
                    <Route path=path!("journeys/:id") view=TrackerPage/>
                    <Route path=path!("reports") view=ReportsPage/>
                    <Route path=path!("review") view=QueuePage/>
                    <Route path=path!("review/:id") view=CasePage/>
                    <Route path=path!("tickets") view=TicketsPage/>
                    <Route path=path!("account/security") view=SecurityPage/>
                    <Route path=path!("settings/branding") view=BrandingPage/>
                    <Route path=path!("settings/staff") view=StaffPage/>
                    <Route path=path!("settings/audit") view=AuditPage/>
                    <Route path=path!("settings/screening") view=ScreeningSettingsPage/>
                    <Route path=path!("settings/name-matching") view=NameMatchSettingsPage/>
                    <Route path=path!("settings/api-keys") view=ApiKeysPage/>
                    <Route path=path!("settings/webhooks") view=WebhooksPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The dashboard frame: navigation, who is signed in, sign-out. Sends visitors without a
/// session to the sign-in page. The page itself sits outside the frame's `Suspense`, so its
/// resources are not created inside another resource's `Suspend`.
#[component]
fn StaffLayout() -> impl IntoView {
    let staff = Resource::new(|| (), |_| whoami());
    let logout = ServerAction::<Logout>::new();
    view! {
        <header class="topbar">
            <a href="/" class="product">"KYC"</a>
            <nav aria-label="Main">
                <A href="/" exact=true>"Journeys"</A>
                <A href="/customers">"Customers"</A>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let role = staff.await.ok().flatten().map(|s| s.role);
                        let review = role.is_some_and(|r| r.allows(Permission::Review));
                        let reports = role.is_some_and(|r| r.allows(Permission::DownloadReports));
                        let settings = role.is_some_and(|r| r.allows(Permission::ManageSettings));
                        view! {
                            {review.then(|| view! { <A href="/review">"Review"</A> })}
                            {review.then(|| view! { <A href="/tickets">"Tickets"</A> })}
                            {reports.then(|| view! { <A href="/reports">"Reports"</A> })}
                            {settings.then(|| view! { <A href="/settings/branding">"Branding"</A> })}
                            {settings.then(|| view! { <A href="/settings/staff">"Staff"</A> })}
                            {settings.then(|| view! { <A href="/settings/screening">"Screening"</A> })}
                            {settings.then(|| view! { <A href="/settings/name-matching">"Name matching"</A> })}
                            {settings.then(|| view! { <A href="/settings/api-keys">"API keys"</A> })}
                            {settings.then(|| view! { <A href="/settings/webhooks">"Webhooks"</A> })}
                            {settings.then(|| view! { <A href="/settings/audit">"Audit trail"</A> })}
                        }
                    })}
                </Suspense>
            </nav>
            <div class="who">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match staff.await {
                            Ok(Some(staff)) => view! {
                                <a href="/account/security">{staff.display_name}</a>
                                <span class="muted">{format!("{} · {}", staff.merchant_name, staff.role.label())}</span>
                                {staff.must_set_up_two_factor.then(|| view! { <TwoFactorFirst/> })}
                            }.into_any(),
                            _ => view! { <Redirect path="/login"/> }.into_any(),
                        }
                    })}
                </Suspense>
                <ActionForm action=logout>
                    <button type="submit" class="button link">"Sign out"</button>
                </ActionForm>
            </div>
        </header>
        <main class="dashboard"><Outlet/></main>
    }
}

/// Sends a member whose merchant requires two-factor sign-in, and who has not set it up, to
/// their security page (the server refuses everything else meanwhile).
#[component]
fn TwoFactorFirst() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    move || {
        (location.pathname.get() != "/account/security")
            .then(|| view! { <Redirect path="/account/security"/> })
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <main class="customer">
            <section class="card"><h1>"Page not found"</h1><p><a href="/">"Go to the start page"</a></p></section>
        </main>
    }
}
