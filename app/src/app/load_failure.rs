//! What a page says when its script cannot take over: the bundle did not load (a dropped
//! connection, a proxy that blocks wasm) or it panicked. The server-rendered page stays
//! usable (its links and plain forms work without the script), and this note says so in
//! the page's language instead of leaving buttons that silently do nothing.

use leptos::prelude::*;

use crate::i18n::{t, use_lang};

/// The element the note lives in; hidden until something goes wrong.
pub const NOTICE_ID: &str = "load-failed";

/// Run before the bundle is fetched: a failed import or wasm fetch ends in a rejected
/// promise (the hydration script does not catch it), a failed preload in an `error` event
/// on its element. Either shows the note, unless the page has already hydrated.
const WATCH: &str = "(function(){\
function show(){var n=document.getElementById('load-failed');\
if(!n){document.addEventListener('DOMContentLoaded',show);return;}\
if(!document.body.hasAttribute('data-hydrated')){n.hidden=false;}}\
addEventListener('unhandledrejection',show);\
addEventListener('error',function(e){var t=e.target;\
if(t&&(t.tagName==='SCRIPT'||t.tagName==='LINK')){show();}},true);\
})();";

/// The watcher script, for the document's head (carries the page's CSP nonce).
#[component]
pub fn LoadWatcher() -> impl IntoView {
    let nonce = use_nonce();
    view! { <script nonce=nonce inner_html=WATCH></script> }
}

/// The note, first in the body: hidden, shown by the watcher or by the panic hook.
#[component]
pub fn LoadFailedNotice() -> impl IntoView {
    let lang = use_lang();
    view! {
        <div id=NOTICE_ID class="notice notice-error load-failed" role="alert" hidden=true>
            <p>{t!(lang, "load-failed")}</p>
            // `rel=external`: a full reload, even if the router still runs.
            <p><a href="" rel="external">{t!(lang, "load-failed-reload")}</a></p>
        </div>
    }
}
