//! The document shell, the routes, and the staff layout around the dashboard pages.

use kyc_core::merchant::Permission;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes, A};
use leptos_router::path;

use leptos_router::{Lazy, SsrMode};

use crate::auth::api::{whoami, Logout};
use crate::customer::{
    ContinueHerePage, CustomerJourneyPage, InvalidLinkPage, SwitchLinkPage, WithdrawnLinkPage,
};

mod load_failure;
mod staff_routes;
pub use load_failure::NOTICE_ID as LOAD_FAILED_ID;
use load_failure::{LoadFailedNotice, LoadWatcher};
use staff_routes as staff;

/// The HTML document around the app. On the server it also sets the Content-Security-Policy
/// with this response's script nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    let stylesheet = stylesheet_href(&options);
    let lang = crate::i18n::page_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=stylesheet/>
                <LoadWatcher/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet's address: with cargo-leptos's `hash-files` its name carries the content
/// hash that the build wrote to the hash file beside the server binary (`css: <hash>`).
fn stylesheet_href(options: &LeptosOptions) -> String {
    let name = options.output_name.as_ref();
    let pkg = options.site_pkg_dir.as_ref();
    match content_hash(options, "css") {
        Some(hash) => format!("/{pkg}/{name}.{hash}.css"),
        None => format!("/{pkg}/{name}.css"),
    }
}

/// The hash file is read once: a new build comes with a new server process.
#[cfg(feature = "ssr")]
fn content_hash(options: &LeptosOptions, kind: &str) -> Option<String> {
    static HASHES: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if !options.hash_files {
        return None;
    }
    let hashes = HASHES.get_or_init(|| {
        let path = std::env::current_exe()
            .ok()?
            .parent()?
            .join(options.hash_file.as_ref());
        std::fs::read_to_string(path).ok()
    });
    hashes.as_deref()?.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim().to_owned())
    })
}

#[cfg(not(feature = "ssr"))]
fn content_hash(_: &LeptosOptions, _: &str) -> Option<String> {
    None
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
    crate::i18n::provide_lang();
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
        <Title text="KYC"/>
        <LoadFailedNotice/>
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view={Lazy::<staff::Login>::new()}/>
                <Route path=path!("/forgot-password") view={Lazy::<staff::ForgotPassword>::new()}/>
                <Route path=path!("/reset-password/:token") view={Lazy::<staff::ResetPassword>::new()}/>
                <Route path=path!("/invitation/:token") view={Lazy::<staff::Invitation>::new()}/>
                // Rendered whole before it is sent: the journey is readable, and its forms work,
                // without the wasm (a streamed page needs script to put its parts in place).
                <Route path=path!("/journey") view=CustomerJourneyPage ssr=SsrMode::Async/>
                <Route path=path!("/link-invalid") view=InvalidLinkPage/>
                <Route path=path!("/link-withdrawn") view=WithdrawnLinkPage/>
                <Route path=path!("/link-switch") view=SwitchLinkPage/>
                <Route path=path!("/h/:code") view=ContinueHerePage/>
                <ParentRoute path=path!("") view={Lazy::<staff::StaffFrame>::new()}>
                    <Route path=path!("") view={Lazy::<staff::Journeys>::new()}/>
                    <Route path=path!("customers") view={Lazy::<staff::Customers>::new()}/>
                    <Route path=path!("customers/new") view={Lazy::<staff::NewCustomer>::new()}/>
                    <Route path=path!("customers/:id") view={Lazy::<staff::Customer>::new()}/>
                    <Route path=path!("journeys/:id") view={Lazy::<staff::Tracker>::new()}/>
                    <Route path=path!("reports") view={Lazy::<staff::Reports>::new()}/>
                    <Route path=path!("review") view={Lazy::<staff::Queue>::new()}/>
                    <Route path=path!("review/:id") view={Lazy::<staff::Case>::new()}/>
                    <Route path=path!("tickets") view={Lazy::<staff::Tickets>::new()}/>
                    <Route path=path!("account/security") view={Lazy::<staff::Security>::new()}/>
                    <Route path=path!("settings/branding") view={Lazy::<staff::Branding>::new()}/>
                    <Route path=path!("settings/staff") view={Lazy::<staff::Staff>::new()}/>
                    <Route path=path!("settings/audit") view={Lazy::<staff::Audit>::new()}/>
                    <Route path=path!("settings/screening") view={Lazy::<staff::ScreeningSettings>::new()}/>
                    <Route path=path!("settings/name-matching") view={Lazy::<staff::NameMatchSettings>::new()}/>
                    <Route path=path!("settings/api-keys") view={Lazy::<staff::ApiKeys>::new()}/>
                    <Route path=path!("settings/webhooks") view={Lazy::<staff::Webhooks>::new()}/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The dashboard frame: navigation, who is signed in, sign-out. Sends visitors without a
/// session to the sign-in page. The page itself sits outside the frame's `Suspense`, so its
/// resources are not created inside another resource's `Suspend`.
#[component]
pub(crate) fn StaffLayout() -> impl IntoView {
    let staff = Resource::new(|| (), |_| whoami());
    let logout = ServerAction::<Logout>::new();
    // The merchant's time zone for every time the pages show.
    let zone = RwSignal::new(None::<String>);
    provide_context(crate::ui::StaffZone(zone));
    Effect::new(move |_| {
        if let Some(Ok(Some(member))) = staff.get() {
            zone.set(Some(member.time_zone));
        }
    });
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
                <span class="muted time-zone">{move || zone.get().map(|z| format!("Times in {z}"))}</span>
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
    let lang = crate::i18n::use_lang();
    view! {
        <main class="customer">
            <section class="card">
                <h1>{crate::i18n::t!(lang, "not-found-heading")}</h1>
                <p><a href="/">{crate::i18n::t!(lang, "not-found-home")}</a></p>
            </section>
        </main>
    }
}
