//! The site's built assets under `/pkg`: the browser bundle, its split chunks and the
//! stylesheet, served from disk with the brotli or gzip copy the release build wrote beside
//! each file when the browser accepts it; and the web fonts under `/fonts`, which the
//! project's scripts copy there from their npm package (`install_fonts` in `scripts/lib.sh`).

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use tower_http::services::ServeDir;

/// Where the site's assets are mounted.
pub const PREFIX: &str = "/pkg";

/// Where the web fonts are mounted. Their file names carry the font package's version, so
/// they are kept like hashed files.
pub const FONTS: &str = "/fonts";

/// How long a browser may keep a file whose name carries its content hash: a year, never
/// asking again (`immutable`), since a new build gives new content a new name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Files whose names carry no hash: kept, but asked about again on every use.
const REVALIDATE: &str = "no-cache";

/// Serves the site root's `pkg` directory (the bundle) and its `fonts`. `hashed` says the
/// build put content hashes in the bundle's file names (cargo-leptos `hash-files`);
/// wasm-bindgen's `snippets/` keep their names either way, so they are always revalidated.
pub fn router<S>(site_root: &Path, hashed: bool) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let files = ServeDir::new(site_root.join(&PREFIX[1..]))
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    // woff2 is compressed already: no other copies to look for.
    let fonts = ServeDir::new(site_root.join(&FONTS[1..])).append_index_html_on_directories(false);
    Router::new()
        .nest_service(PREFIX, files)
        .nest_service(FONTS, fonts)
        .layer(axum::middleware::from_fn(move |request, next| {
            cache_policy(hashed, request, next)
        }))
}

async fn cache_policy(hashed: bool, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let snippet = path.starts_with(&format!("{PREFIX}/snippets/"));
    let versioned = (hashed && !snippet) || path.starts_with(&format!("{FONTS}/"));
    let mut response = next.run(request).await;
    let status = response.status();
    let headers = response.headers_mut();
    // The answer depends on Accept-Encoding whenever a compressed copy exists; saying so on
    // every asset keeps shared caches from handing brotli to a browser that asked for gzip.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let found = status.is_success() || status == StatusCode::NOT_MODIFIED;
    let policy = match (found, versioned) {
        (false, _) => "no-store",
        (true, true) => IMMUTABLE,
        (true, false) => REVALIDATE,
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    /// A site root as a release build leaves it: a hashed bundle with its brotli and gzip
    /// copies (their bytes marked so the test can tell which was sent), a snippet, a font.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::create_dir_all(dir.path().join("pkg/snippets/x")).expect("snippets directory");
        std::fs::create_dir_all(dir.path().join("fonts")).expect("fonts directory");
        for (name, body) in [
            ("pkg/kyc.abc123.wasm", "raw"),
            ("pkg/kyc.abc123.wasm.br", "brotli"),
            ("pkg/kyc.abc123.wasm.gz", "gzip"),
            ("pkg/snippets/x/inline0.js", "snippet"),
            ("fonts/script-1.0.woff2", "font"),
        ] {
            std::fs::write(dir.path().join(name), body).expect("asset written");
        }
        dir
    }

    async fn get(dir: &Path, hashed: bool, path: &str, accept: Option<&str>) -> Response {
        let mut request = Request::builder().uri(path);
        if let Some(accept) = accept {
            request = request.header(header::ACCEPT_ENCODING, accept);
        }
        router::<()>(dir, hashed)
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("answer")
    }

    async fn body(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .expect("body");
        String::from_utf8(bytes.to_vec()).expect("text")
    }

    fn header_of(response: &Response, name: header::HeaderName) -> &str {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    #[tokio::test]
    async fn the_bundle_is_sent_in_the_best_encoding_the_browser_accepts() {
        let dir = site();
        let path = "/pkg/kyc.abc123.wasm";
        for (accept, encoding, sent) in [
            (Some("gzip, deflate, br, zstd"), "br", "brotli"),
            (Some("gzip"), "gzip", "gzip"),
            (None, "", "raw"),
        ] {
            let response = get(dir.path(), true, path, accept).await;
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(header_of(&response, header::CONTENT_ENCODING), encoding);
            assert_eq!(header_of(&response, header::VARY), "accept-encoding");
            assert_eq!(
                header_of(&response, header::CONTENT_TYPE),
                "application/wasm"
            );
            assert_eq!(body(response).await, sent);
        }
    }

    #[tokio::test]
    async fn hashed_and_versioned_files_are_kept_a_year_and_the_rest_revalidated() {
        let dir = site();
        let cache = |response: &Response| header_of(response, header::CACHE_CONTROL).to_owned();
        let bundle = get(dir.path(), true, "/pkg/kyc.abc123.wasm", None).await;
        assert_eq!(cache(&bundle), "public, max-age=31536000, immutable");
        let snippet = get(dir.path(), true, "/pkg/snippets/x/inline0.js", None).await;
        assert_eq!(cache(&snippet), "no-cache");
        let unhashed_build = get(dir.path(), false, "/pkg/kyc.abc123.wasm", None).await;
        assert_eq!(cache(&unhashed_build), "no-cache");
        let font = get(dir.path(), false, "/fonts/script-1.0.woff2", Some("br")).await;
        assert_eq!(cache(&font), "public, max-age=31536000, immutable");
        assert_eq!(header_of(&font, header::CONTENT_TYPE), "font/woff2");
        assert_eq!(body(font).await, "font");
        let missing = get(dir.path(), true, "/pkg/kyc.old999.wasm", None).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(cache(&missing), "no-store");
    }
}
