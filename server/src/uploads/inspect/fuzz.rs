//! Fuzzing the upload sniffer and image pipeline (see `kyc-fuzz`): JPEGs, PNGs and PDFs
//! mutated from the end-to-end fixtures and small generated images (with EXIF, text chunks,
//! trailing data, grey, 16-bit), under small limits so each input costs little. Whatever
//! the bytes and the declared type, inspection answers without panicking; what it accepts
//! is the declared kind and the sniffed kind; a PDF is kept byte for byte; an image comes
//! out as a file of the same kind within the limits, free of metadata, that inspects again
//! to the same size.

use image::{ImageBuffer, ImageFormat, Luma};
use kyc_fuzz::proptest::prelude::*;
use kyc_fuzz::proptest::sample::select;
use kyc_fuzz::{run, Corpus};

use super::tests::{contains, jpeg, png, png_chunk};

/// The PNG chunks and JPEG segments a file carrying pixels only has.
const PIXELS_ONLY: &[&[u8]] = &[
    b"IHDR",
    b"PLTE",
    b"tRNS",
    b"IDAT",
    b"IEND",
    &[0xE0],
    &[0xDB],
    &[0xC0],
    &[0xC2],
    &[0xC4],
    &[0xDD],
];
use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/fixtures/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{name}")).expect("an end-to-end fixture")
}

fn limits() -> InspectLimits {
    InspectLimits {
        max_width: 512,
        max_height: 512,
        max_pixels: 128 * 128,
        max_alloc: 8 * 1024 * 1024,
        max_output_edge: 48,
        min_edge: 1,
        reencode_images: true,
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let with_exif = {
        let plain = jpeg(40, 24);
        let mut tiff = b"II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0".to_vec();
        tiff.extend_from_slice(b"GPSLatitude=48.8584N");
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
        segment.extend_from_slice(b"Exif\0\0");
        segment.extend_from_slice(&tiff);
        let mut out = plain[..2].to_vec();
        out.extend(segment);
        out.extend_from_slice(&plain[2..]);
        out
    };
    let with_text = {
        let plain = png(24, 40);
        let end = plain.len() - 12;
        let mut out = plain[..end].to_vec();
        out.extend(png_chunk(b"tEXt", b"Author\0someone"));
        out.extend_from_slice(&plain[end..]);
        out.extend_from_slice(b"trailing data");
        out
    };
    let grey_16 = {
        let image: ImageBuffer<Luma<u16>, Vec<u16>> =
            ImageBuffer::from_fn(16, 16, |x, y| Luma([(x * y * 200) as u16]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, ImageFormat::Png).expect("encodes");
        out.into_inner()
    };
    let grey_jpeg = {
        let image: ImageBuffer<Luma<u8>, Vec<u8>> =
            ImageBuffer::from_fn(32, 32, |x, y| Luma([(x ^ y) as u8 * 8]));
        let mut out = std::io::Cursor::new(Vec::new());
        image
            .write_to(&mut out, ImageFormat::Jpeg)
            .expect("encodes");
        out.into_inner()
    };
    vec![
        jpeg(40, 24),
        png(24, 40),
        with_exif,
        with_text,
        grey_16,
        grey_jpeg,
        fixture("utility-bill.pdf"),
        fixture("fake.jpg"),
        fixture("pan.png"),
        fixture("passport.jpg"),
    ]
}

const DECLARED: &[&str] = &[
    "image/jpeg",
    "image/png",
    "application/pdf",
    "IMAGE/JPG; q=1",
    "image/x-png",
    "text/html",
    "",
];

#[test]
fn fuzz_upload_inspection() {
    let tokens: &[&[u8]] = &[
        &[0xFF, 0xD8, 0xFF][..],
        &[0xFF, 0xD9],
        &[0xFF, 0xC0, 0x00, 0x11, 0x08],
        &[0xFF, 0xDA],
        &[0xFF, 0xE1],
        &PNG_SIGNATURE,
        b"IHDR",
        b"IDAT",
        b"IEND",
        b"PLTE",
        b"tRNS",
        b"%PDF-1.7",
        b"%%EOF",
        &[0xFF, 0xFF, 0xFF, 0xFF],
        &[0, 0, 0, 0],
    ];
    let corpus = Corpus::new(seeds(), 64 * 1024).with_tokens(tokens);
    // Mostly the declared type the bytes claim, so the decoders are reached.
    let declared = prop_oneof![3 => Just(None::<&str>), 1 => select(DECLARED).prop_map(Some)];
    let limits = limits();
    run(
        "uploads",
        (corpus.mutated(), declared),
        |(bytes, declared)| {
            let declared = declared
                .unwrap_or_else(|| sniff(&bytes).map_or("image/jpeg", FileKind::content_type));
            let Ok(kept) = inspect(declared, bytes.clone(), &limits) else {
                return Ok(());
            };
            prop_assert_eq!(Some(kept.kind), FileKind::from_content_type(declared));
            prop_assert_eq!(Some(kept.kind), sniff(&bytes));
            if kept.kind == FileKind::Pdf {
                prop_assert_eq!(kept.bytes, bytes);
                return Ok(());
            }
            let (width, height) = kept.dimensions.expect("an image has a size");
            prop_assert!(width.max(height) <= limits.max_output_edge && width.min(height) >= 1);
            prop_assert_eq!(sniff(&kept.bytes), Some(kept.kind));
            prop_assert!(
                !contains(&kept.bytes, b"GPSLatitude") && !contains(&kept.bytes, b"trailing")
            );
            let parts = match kept.kind {
                FileKind::Png => png_chunks(&kept.bytes),
                _ => jpeg_segments(&kept.bytes),
            };
            prop_assert!(parts.is_some(), "a kept image's structure does not parse");
            for part in parts.unwrap_or_default() {
                prop_assert!(PIXELS_ONLY.contains(&part.as_slice()), "kept {:?}", part);
            }
            let again = inspect(kept.kind.content_type(), kept.bytes.clone(), &limits)
                .expect("a kept image inspects again");
            prop_assert_eq!(again.dimensions, kept.dimensions);
            Ok(())
        },
    );
}

/// The chunk types of a PNG that ends at IEND, or None when it does not parse.
fn png_chunks(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut rest = bytes.strip_prefix(&PNG_SIGNATURE[..])?;
    let mut types = Vec::new();
    while !rest.is_empty() {
        let length = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let kind = rest.get(4..8)?.to_vec();
        rest = rest.get(12 + length..)?;
        let end = kind == b"IEND";
        types.push(kind);
        if end {
            return rest.is_empty().then_some(types);
        }
    }
    None
}

/// The marker bytes of a JPEG's segments up to its scan, or None when they do not parse.
fn jpeg_segments(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut rest = bytes.strip_prefix(&[0xFF, 0xD8][..])?;
    let mut markers = Vec::new();
    loop {
        let (&[0xFF, marker], after) = rest.split_first_chunk::<2>()? else {
            return None;
        };
        if marker == 0xDA {
            return bytes.ends_with(&[0xFF, 0xD9]).then_some(markers);
        }
        let length = usize::from(u16::from_be_bytes(after.get(..2)?.try_into().ok()?));
        markers.push(vec![marker]);
        rest = after.get(length..)?;
    }
}
