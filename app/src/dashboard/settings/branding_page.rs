//! Branding settings: logo and colours, with a live preview of the customer's journey and
//! the contrast each colour keeps (checked again on the server when saved).

use kyc_core::branding::{ContrastCheck, MARK_CONTRAST, TEXT_CONTRAST};
use kyc_core::merchant::HexColour;
use kyc_core::views::Branding;
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{branding_settings, RemoveLogo, SaveColours, SaveTimeZone};
use crate::error::error_view;
use crate::ui::{invalid, FieldMessage, FormError};
use crate::AppError;

#[component]
pub fn BrandingPage() -> impl IntoView {
    let reload = RwSignal::new(0_u32);
    let branding = Resource::new(move || reload.get(), |_| branding_settings());
    view! {
        <Title text="Branding · KYC"/>
        <div class="page-head"><h1>"Branding"</h1></div>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let branding = branding.await?;
                    Ok::<_, AppError>(view! { <BrandingForm branding reload/> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn BrandingForm(branding: Branding, reload: RwSignal<u32>) -> impl IntoView {
    let primary = RwSignal::new(branding.primary_colour.clone());
    let accent = RwSignal::new(branding.accent_colour.clone());
    let save = ServerAction::<SaveColours>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let name = branding.display_name.clone();
    view! {
        <div class="branding-form">
            <section class="card" aria-labelledby="colours-title">
                <h2 id="colours-title">"Colours"</h2>
                <ActionForm action=save>
                    <ColourField field="primary_colour" label="Primary colour" value=primary needed=TEXT_CONTRAST
                        hint="Header, buttons, links and headings. Text on it is black or white, whichever reads better."
                        error/>
                    <ColourField field="accent_colour" label="Accent colour" value=accent needed=MARK_CONTRAST
                        hint="The current step and focus marks."
                        error/>
                    <FormError error/>
                    <button type="submit" class="button primary" disabled=move || save.pending().get()>"Save colours"</button>
                    <p role="status" class="muted">{move || saved().then_some("Saved. Customers see the new colours on their next page.")}</p>
                </ActionForm>
            </section>
            <section class="card" aria-labelledby="preview-title">
                <h2 id="preview-title">"Preview"</h2>
                <div class="preview-frame">
                    <Preview name primary accent/>
                </div>
            </section>
        </div>
        <LogoSettings branding reload/>
        <TimeZoneSettings/>
    }
}

/// Places staff commonly pick, offered as they type; any IANA name is accepted.
const COMMON_ZONES: [&str; 10] = [
    "Asia/Kolkata",
    "Asia/Dubai",
    "Asia/Singapore",
    "Asia/Dhaka",
    "Asia/Kathmandu",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "UTC",
];

/// The time zone the dashboard shows times in, for every member of the merchant.
#[component]
fn TimeZoneSettings() -> impl IntoView {
    let save = ServerAction::<SaveTimeZone>::new();
    let staff = Resource::new(move || save.version().get(), |_| crate::auth::api::whoami());
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || save.value().get().and_then(Result::ok);
    // The frame's times follow at once.
    let frame_zone = use_context::<crate::ui::StaffZone>();
    Effect::new(move |_| {
        if let (Some(zone), Some(frame)) = (saved(), frame_zone) {
            frame.0.set(Some(zone));
        }
    });
    view! {
        <section class="card" aria-labelledby="time-zone-title">
            <h2 id="time-zone-title">"Time zone"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let current = staff.await.ok().flatten().map(|s| s.time_zone).unwrap_or_default();
                    view! {
                        <ActionForm action=save>
                            <label for="time_zone">"Time zone of the dashboard"</label>
                            <p class="muted" id="time_zone-help">
                                "Every time on the dashboard is shown in it, for all your staff. Customers see their own phone's time."
                            </p>
                            <input id="time_zone" name="time_zone" list="time-zones" required maxlength="64"
                                value=current autocomplete="off" aria-describedby="time_zone-help time_zone-error"
                                aria-invalid=invalid(error, "time_zone")/>
                            <datalist id="time-zones">
                                {COMMON_ZONES.map(|zone| view! { <option value=zone></option> }).collect_view()}
                            </datalist>
                            <FieldMessage error field="time_zone"/>
                            <FormError error/>
                            <button type="submit" class="button primary" disabled=move || save.pending().get()>"Save time zone"</button>
                            <p role="status" class="muted">{move || saved().map(|zone| format!("Saved. Times on the dashboard are now shown in {zone}."))}</p>
                        </ActionForm>
                    }
                })}
            </Transition>
        </section>
    }
}

/// A colour input with its text twin, the contrast it keeps, and a suggestion when too light.
#[component]
fn ColourField(
    field: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    needed: f64,
    hint: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let check = move || {
        HexColour::parse(field, &value.get())
            .ok()
            .map(|c| ContrastCheck::of(&c, needed))
    };
    let text_id = format!("{field}-text");
    view! {
        <div class="field">
            <label for=text_id.clone()>{label}</label>
            <div class="colour-row">
                <input type="color" aria-label=format!("{label} picker") prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
                <input type="text" id=text_id name=field prop:value=move || value.get() maxlength="7"
                    aria-describedby=format!("{field}-contrast")
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
            <p class="muted">{hint}</p>
            <p id=format!("{field}-contrast") class="contrast" class:fails=move || check().is_some_and(|c| !c.passes())>
                {move || match check() {
                    None => "Enter a colour like #1a56db.".to_owned(),
                    Some(c) if c.passes() => format!("Contrast on white {:.1}:1 (needs {needed}:1): passes WCAG AA.", c.ratio),
                    Some(c) => format!("Contrast on white {:.1}:1 (needs {needed}:1): too light.", c.ratio),
                }}
            </p>
            {move || check().and_then(|c| c.suggestion).map(|better| {
                let hex = better.as_str().to_owned();
                view! {
                    <button type="button" class="button" on:click=move |_| value.set(hex.clone())>
                        {format!("Use {}", better.as_str())}
                    </button>
                }
            })}
            <FieldMessage error field/>
        </div>
    }
}

/// The customer's journey in miniature, drawn with the chosen colours (SVG attributes, so
/// the page's style policy needs no inline styles).
#[component]
fn Preview(name: String, primary: RwSignal<String>, accent: RwSignal<String>) -> impl IntoView {
    let brand =
        move || HexColour::parse("p", &primary.get()).unwrap_or_else(|_| fallback("#1a56db"));
    let on_brand = move || brand().readable_text();
    let mark = move || HexColour::parse("a", &accent.get()).unwrap_or_else(|_| fallback("#0e7490"));
    view! {
        <svg viewBox="0 0 320 300" role="img" aria-label="Preview of the customer's journey with these colours" id="brand-preview">
            <rect x="0" y="0" width="320" height="300" fill="#f3f4f6"/>
            <rect x="0" y="0" width="320" height="48" fill=move || brand().as_str().to_owned() data-part="header"/>
            <text x="16" y="30" font-size="16" font-weight="700" fill=on_brand>{name}</text>
            <rect x="16" y="62" width="104" height="28" rx="6" fill="#ffffff" stroke=move || mark().as_str().to_owned() stroke-width="2" data-part="current-step"/>
            <text x="28" y="81" font-size="12" fill="#111827">"1 Documents"</text>
            <rect x="128" y="62" width="90" height="28" rx="6" fill="#ffffff" stroke="#d1d5db"/>
            <text x="140" y="81" font-size="12" fill="#4b5563">"2 Selfie"</text>
            <rect x="16" y="104" width="288" height="180" rx="10" fill="#ffffff" stroke="#d1d5db"/>
            <text x="32" y="134" font-size="15" font-weight="700" fill=move || brand().as_str().to_owned()>"Identity proof"</text>
            <text x="32" y="158" font-size="12" fill="#4b5563">"Upload a passport, PAN or Aadhaar card."</text>
            <text x="32" y="184" font-size="12" fill=move || brand().as_str().to_owned() text-decoration="underline">"Why we ask for this"</text>
            <rect x="32" y="220" width="120" height="36" rx="8" fill=move || brand().as_str().to_owned() data-part="button"/>
            <text x="92" y="243" font-size="13" font-weight="700" text-anchor="middle" fill=on_brand>"Continue"</text>
        </svg>
    }
}

fn fallback(hex: &str) -> HexColour {
    HexColour::parse("fallback", hex).unwrap_or_else(|_| unreachable!("a valid colour"))
}

#[component]
fn LogoSettings(branding: Branding, reload: RwSignal<u32>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let remove = ServerAction::<RemoveLogo>::new();
    Effect::new(move |_| {
        if matches!(remove.value().get(), Some(Ok(()))) {
            reload.update(|n| *n += 1);
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = crate::browser::picked_file(&ev) else {
                return;
            };
            let content_type = file.type_();
            busy.set(true);
            error.set(None);
            leptos::task::spawn_local(async move {
                let result = crate::browser::upload(
                    crate::i18n::Lang::En,
                    "/settings/logo",
                    file.into(),
                    &content_type,
                )
                .await;
                busy.set(false);
                match result {
                    Ok(()) => reload.update(|n| *n += 1),
                    Err(failure) => error.set(Some(failure.message)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let version = reload.get_untracked();
    view! {
        <section class="card" aria-labelledby="logo-title">
            <h2 id="logo-title">"Logo"</h2>
            {if branding.has_logo {
                view! {
                    <img class="logo-current" src=format!("/m/{}/logo?v={version}", branding.merchant_id) alt="Current logo"/>
                    <ActionForm action=remove>
                        <button type="submit" class="button">"Remove logo"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p class="muted">"No logo: the journey shows your name."</p> }.into_any()
            }}
            <div class="file-upload">
                <label for="logo">"Upload a logo"</label>
                <input type="file" id="logo" accept="image/png,image/jpeg,image/svg+xml" disabled=move || busy.get()
                    aria-describedby="logo-help logo-error" on:change=on_change/>
                <p class="muted" id="logo-help">"PNG, JPEG or SVG, up to 256 KB. Photos are re-encoded without metadata; SVGs with scripts or external references are refused."</p>
                <p class="upload-status" role="status">{move || busy.get().then_some("Uploading…")}</p>
                <p class="field-error" id="logo-error" role="alert">{move || error.get()}</p>
            </div>
        </section>
    }
}
