//! Files and helpers the upload, submission and lifecycle tests share.

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

/// A photo-like JPEG (varied pixels, so it compresses like a real one).
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 7 % 256) as u8,
            (y * 13 % 256) as u8,
            ((x ^ y) % 256) as u8,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

/// A PNG; with `ink`, a dark stroke across it (a signature).
pub fn png(width: u32, height: u32, ink: bool) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        if ink && y.abs_diff(height / 2) < 3 && x > width / 6 && x < width * 5 / 6 {
            image::Rgba([17, 24, 39, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(image)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub async fn error_of(response: reqwest::Response) -> (StatusCode, String, String) {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    (
        status,
        body["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

pub async fn assert_nothing_stored(app: &TestApp) {
    assert_eq!(app.object_rows().await, 0, "no object row may remain");
    assert!(
        app.stored_files().is_empty(),
        "no object may remain in storage"
    );
}

/// A PNG whose header claims 50000 x 50000 pixels, with no pixel data.
pub fn pixel_flood_png() -> Vec<u8> {
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let crc = crc32fast::hash(&ihdr);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc.to_be_bytes());
    png
}

/// Uploads a photo as the front of a new `doc_type` draft in `category`; returns its id.
pub async fn upload_front(
    app: &TestApp,
    client: &reqwest::Client,
    category: &str,
    doc_type: &str,
) -> String {
    let path = format!("/journey/documents/files?side=front&category={category}&type={doc_type}");
    let response = app
        .upload(client, &path, "image/jpeg", jpeg(900, 600))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED, "{path}");
    response.json::<Value>().await.unwrap()["document_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Uploads a passport photo, a utility-bill PDF, a selfie and a signature as drafts.
pub async fn prepare_everything(app: &TestApp, client: &reqwest::Client) {
    for (path, content_type, body) in [
        (
            "/journey/documents/files?side=front&category=identity&type=passport",
            "image/jpeg",
            jpeg(900, 600),
        ),
        (
            "/journey/documents/files?side=whole&category=address&type=utility_bill",
            "application/pdf",
            PDF.to_vec(),
        ),
        (
            "/journey/captures/selfie?source=camera",
            "image/jpeg",
            jpeg(640, 480),
        ),
        (
            "/journey/captures/signature",
            "image/png",
            png(600, 200, true),
        ),
    ] {
        let response = app.upload(client, path, content_type, body).await;
        assert_eq!(response.status(), StatusCode::CREATED, "{path}");
    }
}

/// Draws the signature and submits the journey (a link with only the signature step to do).
pub async fn sign_and_submit(app: &TestApp, client: &reqwest::Client) {
    let signed = app
        .upload(
            client,
            "/journey/captures/signature",
            "image/png",
            png(600, 200, true),
        )
        .await;
    assert_eq!(signed.status(), StatusCode::CREATED);
    assert_eq!(
        app.call(client, "submit_journey", &[]).await.status(),
        StatusCode::OK
    );
}

/// What the customer reads (in English) about a check of their journey's JSON.
pub fn check_message(check: &serde_json::Value) -> String {
    serde_json::from_value::<kyc_core::checks::CustomerCheck>(check.clone())
        .expect("a customer's check")
        .message(kyc_i18n::Lang::En)
}
