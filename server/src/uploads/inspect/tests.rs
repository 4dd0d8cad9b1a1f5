use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use kyc_i18n::Lang;

use super::*;

mod images;

pub(super) fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

pub(super) fn png(width: u32, height: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(width, height, |x, y| {
        Rgba([(x % 256) as u8, 40, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(&img, width, height, image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

pub(super) fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    chunk.extend_from_slice(&crc.finalize().to_be_bytes());
    chunk
}

pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_empty_upload_is_refused_as_empty() {
    assert_eq!(
        inspect("image/jpeg", Vec::new(), &InspectLimits::default()),
        Err(Rejection::Empty)
    );
}

#[test]
fn html_declared_as_a_jpeg_is_refused_as_unsupported() {
    let html = b"<!doctype html><html><script>alert(1)</script></html>".to_vec();
    assert_eq!(
        inspect("image/jpeg", html, &InspectLimits::default()),
        Err(Rejection::UnsupportedType)
    );
}

#[test]
fn a_png_declared_as_a_pdf_is_refused_as_disguised() {
    let result = inspect("application/pdf", png(300, 300), &InspectLimits::default());
    let rejection = result.unwrap_err();
    assert_eq!(
        rejection,
        Rejection::Disguised {
            declared: FileKind::Pdf,
            actual: FileKind::Png
        }
    );
    assert_eq!(
        rejection.customer_message(Lang::En),
        "The file says it is a PDF but it is a PNG image. Please choose the file again."
    );
}

#[test]
fn a_declared_type_other_than_jpeg_png_or_pdf_is_refused() {
    let result = inspect("text/html", jpeg(300, 300), &InspectLimits::default());
    assert_eq!(result, Err(Rejection::UnknownDeclaredType));
}

#[test]
fn declared_types_are_read_leniently() {
    assert_eq!(
        FileKind::from_content_type("image/JPEG; charset=binary"),
        Some(FileKind::Jpeg)
    );
    assert_eq!(
        FileKind::from_content_type(" image/jpg "),
        Some(FileKind::Jpeg)
    );
    assert_eq!(
        FileKind::from_content_type("Application/PDF"),
        Some(FileKind::Pdf)
    );
    assert_eq!(FileKind::from_content_type("image/gif"), None);
    assert_eq!(FileKind::Png.content_type(), "image/png");
}

#[test]
fn magic_bytes_count_only_at_the_start() {
    assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
    assert_eq!(sniff(b"\n%PDF-1.7\n"), None);
    assert_eq!(sniff(&[0xFF, 0xD8]), None);
}

#[test]
fn a_truncated_jpeg_is_refused_as_damaged() {
    let mut bytes = jpeg(400, 300);
    bytes.truncate(bytes.len() / 2);
    assert_eq!(
        inspect("image/jpeg", bytes, &InspectLimits::default()),
        Err(Rejection::Damaged)
    );
}

#[test]
fn a_truncated_png_is_refused_as_damaged() {
    let mut bytes = png(400, 300);
    bytes.truncate(bytes.len() / 2);
    assert_eq!(
        inspect("image/png", bytes, &InspectLimits::default()),
        Err(Rejection::Damaged)
    );
}

#[test]
fn a_pdf_ending_in_eof_is_kept_byte_for_byte() {
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\r\n\n".to_vec();
    let inspected = inspect("application/pdf", pdf.clone(), &InspectLimits::default()).unwrap();
    assert_eq!(
        inspected,
        Inspected {
            kind: FileKind::Pdf,
            bytes: pdf,
            dimensions: None
        }
    );
}

#[test]
fn a_pdf_without_eof_is_refused_as_damaged() {
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n".to_vec();
    assert_eq!(
        inspect("application/pdf", pdf, &InspectLimits::default()),
        Err(Rejection::Damaged)
    );
    let mut padded = b"%PDF-1.4\n%%EOF".to_vec();
    padded.extend(std::iter::repeat_n(b' ', 2000));
    assert_eq!(
        inspect("application/pdf", padded, &InspectLimits::default()),
        Err(Rejection::Damaged)
    );
}

#[test]
fn customer_messages_are_plain_sentences() {
    let all = [
        Rejection::Empty,
        Rejection::UnsupportedType,
        Rejection::UnknownDeclaredType,
        Rejection::Damaged,
        Rejection::TooManyPixels {
            width: 1,
            height: 1,
        },
        Rejection::TooSmall {
            width: 1,
            height: 1,
        },
        Rejection::DeepColour,
    ];
    for rejection in all {
        let message = rejection.customer_message(Lang::En);
        assert!(
            message.ends_with('.') && !message.contains("{"),
            "{message}"
        );
        let hindi = rejection.customer_message(Lang::Hi);
        assert!(hindi.ends_with('।') && hindi != message, "{hindi}");
    }
    assert_eq!(
        Rejection::UnsupportedType
            .customer_message(Lang::En)
            .split('.')
            .next(),
        Some("This file is not a JPEG, PNG or PDF")
    );
}
