//! The signature step: drawn with a finger, pen or mouse (pointer events) on a canvas, or
//! typed for those who cannot draw; cleared and redone at will; never saved empty.

use kyc_core::views::CustomerJourney;
use kyc_core::StepKind;
use leptos::html::Canvas;
use leptos::prelude::*;

use super::page::{next_after, JourneyUi, PanelLink};
use crate::i18n::{t, use_lang};

#[component]
pub fn SignatureStep(journey: CustomerJourney) -> impl IntoView {
    let ui = JourneyUi::get();
    let lang = use_lang();
    let canvas = NodeRef::<Canvas>::new();
    // How much has been drawn or typed; the signature is empty while this is zero.
    let ink = RwSignal::new(0_u32);
    let drawing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let current = journey
        .captures
        .iter()
        .find(|c| c.kind == StepKind::Signature)
        .map(|c| format!("/journey/files/{}", c.object_id));
    let has_signature = current.is_some();
    let next = next_after(&journey, StepKind::Signature);

    let down = move |ev: leptos::ev::PointerEvent| {
        drawing.set(true);
        #[cfg(feature = "hydrate")]
        pad::begin(canvas, &ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if drawing.get_untracked() {
            #[cfg(feature = "hydrate")]
            if pad::extend(canvas, &ev) {
                ink.update(|n| *n += 1);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = ev;
        }
    };
    let up = move |_| drawing.set(false);
    let clear = move |_| {
        #[cfg(feature = "hydrate")]
        pad::clear(canvas);
        ink.set(0);
        error.set(None);
    };
    let typed = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        #[cfg(feature = "hydrate")]
        pad::write(canvas, name.trim());
        ink.set(name.trim().chars().count() as u32);
    };
    let save = move |_| {
        if ink.get_untracked() == 0 {
            error.set(Some(t!(lang, "signature-empty")));
            return;
        }
        busy.set(true);
        error.set(None);
        #[cfg(not(feature = "hydrate"))]
        let _ = ui;
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let result = match pad::png(canvas)
                .as_deref()
                .and_then(crate::browser::data_url_bytes)
            {
                Some(bytes) => {
                    crate::browser::upload(lang, "/journey/captures/signature", bytes, "image/png")
                        .await
                        .map_err(|e| e.message)
                }
                None => Err(t!(lang, "signature-unreadable")),
            };
            busy.set(false);
            match result {
                Ok(()) => ui.refresh_on(super::page::Panel::Step(StepKind::Signature)),
                Err(message) => error.set(Some(message)),
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="signature-title">
            <h2 id="signature-title">{t!(lang, "step-signature")}</h2>
            {current.map(|src| view! {
                <figure class="preview signature-current">
                    <img src=src alt=t!(lang, "signature-saved")/>
                    <figcaption>{t!(lang, "signature-saved-replace")}</figcaption>
                </figure>
            })}
            <p class="muted" id="signature-help">{t!(lang, "signature-help")}</p>
            <canvas node_ref=canvas class="signature-pad" width="600" height="200"
                aria-describedby="signature-help" aria-label=t!(lang, "signature-box")
                on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=up on:pointerleave=up>
            </canvas>
            <label for="typed-signature">{t!(lang, "signature-type-name")}</label>
            <input id="typed-signature" type="text" autocomplete="name" on:input=typed/>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <p class="upload-status" role="status">{move || busy.get().then(|| t!(lang, "saving"))}</p>
            <div class="step-actions">
                <button type="button" class="button" on:click=clear>{t!(lang, "signature-clear")}</button>
                <button type="button" class="button primary" on:click=save disabled=move || busy.get()>{t!(lang, "signature-save")}</button>
                <PanelLink to=next enabled=has_signature class="button">{t!(lang, "continue")}</PanelLink>
            </div>
        </section>
    }
}

#[cfg(feature = "hydrate")]
mod pad {
    use leptos::html::Canvas;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    fn context(
        canvas: NodeRef<Canvas>,
    ) -> Option<(
        web_sys::HtmlCanvasElement,
        web_sys::CanvasRenderingContext2d,
    )> {
        let element = canvas.get_untracked()?;
        let context = element.get_context("2d").ok()??.dyn_into().ok()?;
        Some((element, context))
    }

    /// The pointer's position in canvas pixels (the canvas is scaled by CSS).
    fn point(element: &web_sys::HtmlCanvasElement, ev: &web_sys::PointerEvent) -> (f64, f64) {
        let rect = element.get_bounding_client_rect();
        let sx = f64::from(element.width()) / rect.width().max(1.0);
        let sy = f64::from(element.height()) / rect.height().max(1.0);
        (
            (f64::from(ev.client_x()) - rect.left()) * sx,
            (f64::from(ev.client_y()) - rect.top()) * sy,
        )
    }

    pub fn begin(canvas: NodeRef<Canvas>, ev: &web_sys::PointerEvent) {
        let Some((element, context)) = context(canvas) else {
            return;
        };
        let _ = element.set_pointer_capture(ev.pointer_id());
        let (x, y) = point(&element, ev);
        context.set_line_width(3.0);
        context.set_line_cap("round");
        context.set_line_join("round");
        context.set_stroke_style_str("#111827");
        context.begin_path();
        context.move_to(x, y);
    }

    /// Draws to the pointer; whether anything was drawn.
    pub fn extend(canvas: NodeRef<Canvas>, ev: &web_sys::PointerEvent) -> bool {
        let Some((element, context)) = context(canvas) else {
            return false;
        };
        let (x, y) = point(&element, ev);
        context.line_to(x, y);
        context.stroke();
        true
    }

    pub fn clear(canvas: NodeRef<Canvas>) {
        if let Some((element, context)) = context(canvas) {
            context.clear_rect(
                0.0,
                0.0,
                f64::from(element.width()),
                f64::from(element.height()),
            );
        }
    }

    /// Replaces the drawing with the typed name in a handwriting-like face.
    pub fn write(canvas: NodeRef<Canvas>, name: &str) {
        clear(canvas);
        if let Some((element, context)) = context(canvas) {
            context.set_font("italic 48px 'Brush Script MT', 'Segoe Script', cursive");
            context.set_fill_style_str("#111827");
            let _ = context.fill_text_with_max_width(
                name,
                20.0,
                f64::from(element.height()) * 0.6,
                f64::from(element.width()) - 40.0,
            );
        }
    }

    pub fn png(canvas: NodeRef<Canvas>) -> Option<String> {
        canvas
            .get_untracked()?
            .to_data_url_with_type("image/png")
            .ok()
    }
}
