//! Tests for the logo checks, with images made on the spot.

use super::*;
use image::{GenericImageView, Rgb, RgbImage, Rgba, RgbaImage};

const SECRET: &[u8] = b"GPS 51.5N SECRET-AUTHOR";

pub(super) fn png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, y| Rgba([x as u8, y as u8, 200, 255]));
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, ImageFormat::Png)
        .expect("png encodes");
    out.into_inner()
}

pub(super) fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 90]));
    let mut out = Cursor::new(Vec::new());
    image
        .write_to(&mut out, ImageFormat::Jpeg)
        .expect("jpeg encodes");
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
    out
}

/// A PNG whose IHDR claims the given size, with a token IDAT: never decodable in full.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x01, 0x02]));
    out.extend(chunk(b"IEND", &[]));
    out
}

fn decoded(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).expect("output decodes")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[test]
fn png_is_reencoded_with_the_same_pixels() {
    let input = png(40, 20);
    let logo = clean_logo("image/png", &input).expect("accepted");
    assert_eq!(logo.content_type, "image/png");
    let (before, after) = (decoded(&input), decoded(&logo.bytes));
    assert_eq!(after.dimensions(), (40, 20));
    assert_eq!(before.to_rgba8(), after.to_rgba8());
}

#[test]
fn png_text_chunk_does_not_survive() {
    let plain = png(16, 16);
    let mut input = plain[..33].to_vec(); // signature and IHDR
    input.extend(chunk(b"tEXt", &[b"Comment\0".as_slice(), SECRET].concat()));
    input.extend_from_slice(&plain[33..]);
    assert!(contains(&input, SECRET));
    let logo = clean_logo("image/png", &input).expect("accepted");
    assert!(!contains(&logo.bytes, SECRET));
    assert!(!contains(&logo.bytes, b"tEXt"));
    assert_eq!(decoded(&logo.bytes).dimensions(), (16, 16));
}

#[test]
fn jpeg_is_reencoded_without_its_comment() {
    let plain = jpeg(32, 24);
    let mut input = plain[..2].to_vec(); // SOI
    input.extend_from_slice(&[0xFF, 0xFE, 0, (SECRET.len() + 2) as u8]);
    input.extend_from_slice(SECRET);
    input.extend_from_slice(&plain[2..]);
    let logo = clean_logo("image/jpeg", &input).expect("accepted");
    assert_eq!(logo.content_type, "image/jpeg");
    assert!(logo.bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(!contains(&logo.bytes, SECRET));
    assert_eq!(decoded(&logo.bytes).dimensions(), (32, 24));
}

#[test]
fn parameters_and_case_of_the_declared_type_are_ignored() {
    assert!(clean_logo("Image/PNG; charset=utf-8", &png(4, 4)).is_ok());
    assert!(clean_logo(" image/jpeg ", &jpeg(4, 4)).is_ok());
    assert!(svg("image/svg+xml; charset=utf-8", &wrap("")).is_ok());
}

#[test]
fn large_images_are_scaled_down_keeping_aspect_ratio() {
    let wide = clean_logo("image/png", &png(2000, 500)).expect("accepted");
    assert_eq!(decoded(&wide.bytes).dimensions(), (1024, 256));
    let tall = clean_logo("image/jpeg", &jpeg(600, 1500)).expect("accepted");
    let (width, height) = decoded(&tall.bytes).dimensions();
    assert_eq!(height, 1024);
    assert!((409..=410).contains(&width), "width {width}");
}

#[test]
fn huge_png_headers_are_refused_without_decoding() {
    for (width, height) in [(100_000, 100_000), (5000, 10), (10, 4097), (4000, 4001)] {
        let input = png_header(width, height);
        assert_eq!(
            clean_logo("image/png", &input),
            Err(LogoRefusal::TooManyPixels)
        );
    }
    let small = png_header(100, 100);
    assert!(matches!(
        clean_logo("image/png", &small),
        Err(LogoRefusal::Unreadable(_))
    ));
}

#[test]
fn over_wide_jpeg_is_refused() {
    assert_eq!(
        clean_logo("image/jpeg", &jpeg(4100, 2)),
        Err(LogoRefusal::TooManyPixels)
    );
}

#[test]
fn declared_type_must_match_the_bytes() {
    let svg_bytes = wrap("");
    let cases: [(&str, &[u8]); 5] = [
        ("image/jpeg", &png(4, 4)),
        ("image/png", &jpeg(4, 4)),
        ("image/png", svg_bytes.as_bytes()),
        ("image/svg+xml", &png(4, 4)),
        ("image/svg+xml", &jpeg(4, 4)),
    ];
    for (declared, bytes) in cases {
        assert_eq!(
            clean_logo(declared, bytes),
            Err(LogoRefusal::TypeMismatch),
            "{declared}"
        );
    }
}

#[test]
fn unknown_types_are_refused() {
    assert_eq!(
        clean_logo("image/gif", &png(4, 4)),
        Err(LogoRefusal::UnknownType)
    );
    assert_eq!(clean_logo("", &png(4, 4)), Err(LogoRefusal::UnknownType));
    assert_eq!(
        clean_logo("image/png", b"GIF89a\x01\x00"),
        Err(LogoRefusal::UnknownType)
    );
    assert_eq!(
        clean_logo("image/svg+xml", b"\xFF\xFE<\0s\0"),
        Err(LogoRefusal::UnknownType)
    );
    assert_eq!(
        clean_logo("image/svg+xml", b"just text"),
        Err(LogoRefusal::UnknownType)
    );
}

#[test]
fn empty_and_too_large_files_are_refused_size_first() {
    assert_eq!(clean_logo("image/png", &[]), Err(LogoRefusal::Empty));
    let big = vec![0u8; MAX_LOGO_BYTES + 1];
    assert_eq!(clean_logo("image/png", &big), Err(LogoRefusal::TooLarge));
    assert_eq!(clean_logo("text/html", &big), Err(LogoRefusal::TooLarge));
    let mut just_fits = png(8, 8);
    just_fits.resize(MAX_LOGO_BYTES, 0);
    assert_ne!(
        clean_logo("image/png", &just_fits),
        Err(LogoRefusal::TooLarge)
    );
}

#[test]
fn damaged_images_are_refused_without_panicking() {
    for (declared, whole) in [("image/png", png(24, 24)), ("image/jpeg", jpeg(24, 24))] {
        // Decoders pad a stream cut in its last few entropy bytes; anything shorter is refused.
        for end in 1..whole.len() {
            let result = clean_logo(declared, &whole[..end]);
            assert!(
                result.is_err() || end > whole.len() * 9 / 10,
                "{declared} cut at {end}"
            );
        }
        for at in (8..whole.len()).step_by(7) {
            let mut flipped = whole.clone();
            flipped[at] ^= 0x5A;
            let _ = clean_logo(declared, &flipped);
        }
    }
}

#[test]
fn refusals_read_as_sentences_without_file_content() {
    let refusal = clean_logo("image/png", &[SECRET, b"<svg"].concat()).expect_err("refused");
    let message = refusal.to_string();
    assert!(
        message.ends_with('.') && !message.contains("SECRET"),
        "{message}"
    );
    assert_eq!(
        LogoRefusal::TooLarge.to_string(),
        "The logo is larger than 256 KiB."
    );
    let unreadable = clean_logo("image/png", &png_header(3, 3)).expect_err("refused");
    assert!(unreadable
        .to_string()
        .starts_with("The logo could not be read: "));
}

fn svg(declared: &str, text: &str) -> Result<String, LogoRefusal> {
    clean_logo(declared, text.as_bytes()).map(|logo| {
        assert_eq!(logo.content_type, "image/svg+xml");
        String::from_utf8(logo.bytes).expect("output is UTF-8")
    })
}

fn wrap(body: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{body}</svg>"#
    )
}

mod vectors;
