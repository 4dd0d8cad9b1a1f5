//! The selfie step: live camera capture with take / retake, and a file picker when no
//! camera can be used. The photo goes through the same upload pipeline as documents.

use kyc_core::views::CustomerJourney;
use kyc_core::StepKind;
use leptos::html::Video;
use leptos::prelude::*;

use super::page::{next_after, JourneyUi, Panel, PanelLink};
use super::upload::FileUpload;
use crate::i18n::{t, use_lang};

/// Where the camera flow stands.
#[cfg_attr(
    not(feature = "hydrate"),
    expect(dead_code, reason = "the camera runs only in the browser")
)]
#[derive(Debug, Clone, PartialEq, Eq)]
enum Camera {
    Off,
    Starting,
    Live,
    /// A photo taken, as a data URL, waiting to be used or retaken.
    Taken(String),
    /// The camera could not be used; the file picker is offered.
    Unavailable(String),
}

#[component]
pub fn SelfieStep(journey: CustomerJourney) -> impl IntoView {
    let ui = JourneyUi::get();
    let lang = use_lang();
    let current = journey
        .captures
        .iter()
        .find(|c| c.kind == StepKind::Selfie)
        .map(|c| format!("/journey/files/{}", c.object_id));
    let has_selfie = current.is_some();
    let camera = RwSignal::new(Camera::Off);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let video = NodeRef::<Video>::new();
    let next = next_after(&journey, StepKind::Selfie);

    let start = move |_| {
        camera.set(Camera::Starting);
        error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match browser::start_camera(lang, video).await {
                Ok(()) => camera.set(Camera::Live),
                Err(message) => camera.set(Camera::Unavailable(message)),
            }
        });
    };
    let take = move |_| {
        #[cfg(feature = "hydrate")]
        match browser::take_photo(video) {
            Some(data_url) => camera.set(Camera::Taken(data_url)),
            None => error.set(Some(t!(lang, "camera-take-failed"))),
        }
    };
    let retake = move |_| {
        #[cfg(feature = "hydrate")]
        browser::stop_camera(video);
        camera.set(Camera::Off);
    };
    let use_photo = move |_| {
        let Camera::Taken(data_url) = camera.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let result = match crate::browser::data_url_bytes(&data_url) {
                Some(bytes) => crate::browser::upload(
                    lang,
                    "/journey/captures/selfie?source=camera",
                    bytes,
                    "image/jpeg",
                )
                .await
                .map_err(|e| e.message),
                None => Err(t!(lang, "camera-read-failed")),
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    camera.set(Camera::Off);
                    ui.refresh_on(Panel::Step(StepKind::Selfie));
                }
                Err(message) => error.set(Some(message)),
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (data_url, ui);
    };

    view! {
        <section class="card" aria-labelledby="selfie-title">
            <h2 id="selfie-title">{t!(lang, "step-selfie")}</h2>
            <p class="muted">{t!(lang, "selfie-intro")}</p>
            {current.clone().map(|src| view! {
                <figure class="preview selfie-current">
                    <img src=src alt=t!(lang, "selfie-yours")/>
                    <figcaption>{t!(lang, "selfie-yours")}</figcaption>
                </figure>
            })}
            <div class="camera" class:hidden=move || !matches!(camera.get(), Camera::Live | Camera::Starting)>
                <video node_ref=video autoplay=true playsinline=true muted=true aria-label=t!(lang, "camera-preview")></video>
            </div>
            {move || match camera.get() {
                Camera::Off => view! {
                    <div class="step-actions">
                        <button type="button" class="button primary" on:click=start>
                            {if has_selfie { t!(lang, "selfie-retake") } else { t!(lang, "camera-open") }}
                        </button>
                    </div>
                }.into_any(),
                Camera::Starting => view! { <p role="status">{t!(lang, "camera-opening")}</p> }.into_any(),
                Camera::Live => view! {
                    <div class="step-actions">
                        <button type="button" class="button primary" on:click=take>{t!(lang, "camera-take-photo")}</button>
                        <button type="button" class="button" on:click=retake>{t!(lang, "cancel")}</button>
                    </div>
                }.into_any(),
                Camera::Taken(data_url) => view! {
                    <figure class="preview">
                        <img src=data_url alt=t!(lang, "camera-photo-taken")/>
                        <figcaption>{t!(lang, "selfie-check-face")}</figcaption>
                    </figure>
                    <div class="step-actions">
                        <button type="button" class="button primary" on:click=use_photo disabled=move || busy.get()>{t!(lang, "camera-use-photo")}</button>
                        <button type="button" class="button" on:click=start>{t!(lang, "camera-retake")}</button>
                    </div>
                }.into_any(),
                Camera::Unavailable(message) => view! {
                    <p class="notice notice-warning" role="alert">{message}</p>
                }.into_any(),
            }}
            <p class="upload-status" role="status">{move || busy.get().then(|| t!(lang, "upload-in-progress"))}</p>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <details class="fallback" open=move || matches!(camera.get(), Camera::Unavailable(_))>
                <summary>{t!(lang, "selfie-no-camera")}</summary>
                <FileUpload id="selfie-file".to_owned() label=t!(lang, "selfie-choose-file")
                    url=Signal::stored("/journey/captures/selfie?source=file".to_owned()) sides=false accept="image/jpeg,image/png"
                    panel=Panel::Step(StepKind::Selfie)/>
            </details>
            <div class="step-actions">
                <PanelLink to=next enabled=has_selfie>{t!(lang, "continue")}</PanelLink>
            </div>
        </section>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::html::Video;
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};

    use crate::i18n::{t, Lang};

    /// Asks for the front camera and shows it in `video`; the customer-readable reason, in
    /// `lang`, when it cannot be used.
    pub async fn start_camera(lang: Lang, video: NodeRef<Video>) -> Result<(), String> {
        let unavailable = t!(lang, "camera-unavailable");
        let devices = web_sys::window()
            .and_then(|w| w.navigator().media_devices().ok())
            .ok_or_else(|| unavailable.clone())?;
        let constraints = web_sys::MediaStreamConstraints::new();
        let video_constraints = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&video_constraints, &"facingMode".into(), &"user".into());
        constraints.set_video(&video_constraints.into());
        constraints.set_audio(&JsValue::FALSE);
        let promise = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|_| unavailable.clone())?;
        let stream = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map_err(|error| {
                let name = js_sys::Reflect::get(&error, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .unwrap_or_default();
                if name == "NotAllowedError" {
                    t!(lang, "camera-not-allowed")
                } else {
                    unavailable.clone()
                }
            })?;
        let stream: web_sys::MediaStream = stream.dyn_into().map_err(|_| unavailable.clone())?;
        let element = video.get_untracked().ok_or(unavailable)?;
        element.set_src_object(Some(&stream));
        let _ = element.play();
        Ok(())
    }

    /// The current frame as a JPEG data URL; stops the camera.
    pub fn take_photo(video: NodeRef<Video>) -> Option<String> {
        let element = video.get_untracked()?;
        let (width, height) = (element.video_width(), element.video_height());
        if width == 0 || height == 0 {
            return None;
        }
        let canvas: web_sys::HtmlCanvasElement =
            document().create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(width);
        canvas.set_height(height);
        let context: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context
            .draw_image_with_html_video_element(&element, 0.0, 0.0)
            .ok()?;
        let data_url = canvas
            .to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from_f64(0.9))
            .ok()?;
        stop_camera(video);
        Some(data_url)
    }

    /// Releases the camera (its light goes off).
    pub fn stop_camera(video: NodeRef<Video>) {
        let Some(element) = video.get_untracked() else {
            return;
        };
        if let Some(stream) = element.src_object() {
            for track in stream.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
        element.set_src_object(None);
    }
}
