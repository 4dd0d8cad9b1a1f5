//! Decoding under limits, orientation, shrinking and metadata stripping.

use std::time::{Duration, Instant};

use image::ImageFormat;

use super::*;

/// A little-endian TIFF block with one entry, Orientation = 6 (turn 90° clockwise),
/// followed by a string that stands in for GPS data.
fn exif_app1_with_rotation_and_gps() -> Vec<u8> {
    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"GPSLatitude=48.8584N;GPSLongitude=2.2945E");
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

#[test]
fn a_png_header_claiming_50000_by_50000_pixels_is_refused_quickly() {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&50_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut bytes = PNG_SIGNATURE.to_vec();
    bytes.extend(png_chunk(b"IHDR", &ihdr));
    bytes.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    bytes.extend(png_chunk(b"IEND", &[]));

    let started = Instant::now();
    let result = inspect("image/png", bytes, &InspectLimits::default());
    // Generous bound so a busy CI machine does not flake; release builds take microseconds.
    assert!(started.elapsed() < Duration::from_millis(50));
    assert_eq!(
        result,
        Err(Rejection::TooManyPixels {
            width: 50_000,
            height: 50_000
        })
    );
}

#[test]
fn the_pixel_budget_is_checked_before_decoding() {
    let limits = InspectLimits {
        max_pixels: 100_000,
        ..InspectLimits::default()
    };
    let result = inspect("image/jpeg", jpeg(400, 300), &limits);
    assert_eq!(
        result,
        Err(Rejection::TooManyPixels {
            width: 400,
            height: 300
        })
    );
}

#[test]
fn the_decoder_itself_refuses_to_allocate_past_max_alloc() {
    let limits = InspectLimits {
        max_alloc: 10_000,
        ..InspectLimits::default()
    };
    let result = inspect("image/png", png(400, 300), &limits);
    assert_eq!(
        result,
        Err(Rejection::TooManyPixels {
            width: 400,
            height: 300
        })
    );
}

#[test]
fn a_valid_jpeg_round_trips_and_shrinks_to_the_output_edge() {
    let limits = InspectLimits {
        max_output_edge: 600,
        ..InspectLimits::default()
    };
    let inspected = inspect("image/jpeg", jpeg(1200, 800), &limits).unwrap();
    assert_eq!(inspected.kind, FileKind::Jpeg);
    assert_eq!(inspected.dimensions, Some((600, 400)));
    let decoded = image::load_from_memory_with_format(&inspected.bytes, ImageFormat::Jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (600, 400));
}

#[test]
fn a_png_with_transparency_stays_a_png_of_the_same_size() {
    let inspected = inspect("image/png", png(320, 240), &InspectLimits::default()).unwrap();
    assert_eq!(inspected.dimensions, Some((320, 240)));
    let decoded = image::load_from_memory_with_format(&inspected.bytes, ImageFormat::Png).unwrap();
    assert!(decoded.color().has_alpha());
}

#[test]
fn exif_gps_data_is_stripped_and_the_photo_is_turned_upright() {
    let plain = jpeg(400, 300);
    let mut bytes = plain[..2].to_vec();
    bytes.extend(exif_app1_with_rotation_and_gps());
    bytes.extend_from_slice(&plain[2..]);
    assert!(contains(&bytes, b"GPSLatitude"));

    let inspected = inspect("image/jpeg", bytes, &InspectLimits::default()).unwrap();
    assert!(!contains(&inspected.bytes, b"GPSLatitude"));
    assert!(!contains(&inspected.bytes, b"Exif\0\0"));
    assert_eq!(inspected.dimensions, Some((300, 400)));
}

#[test]
fn png_text_chunks_and_trailing_data_are_not_kept() {
    let plain = png(300, 300);
    let iend = plain.len() - 12;
    let mut bytes = plain[..iend].to_vec();
    bytes.extend(png_chunk(b"tEXt", b"Comment\0GPSLatitude=48.8584N"));
    bytes.extend_from_slice(&plain[iend..]);
    bytes.extend_from_slice(b"PK\x03\x04 appended archive");

    let inspected = inspect("image/png", bytes, &InspectLimits::default()).unwrap();
    assert!(!contains(&inspected.bytes, b"GPSLatitude"));
    assert!(!contains(&inspected.bytes, b"PK\x03\x04"));
}

#[test]
fn images_under_the_minimum_edge_are_refused_unless_disabled() {
    let result = inspect("image/jpeg", jpeg(640, 120), &InspectLimits::default());
    assert_eq!(
        result,
        Err(Rejection::TooSmall {
            width: 640,
            height: 120
        })
    );
    let limits = InspectLimits {
        min_edge: 0,
        ..InspectLimits::default()
    };
    assert!(inspect("image/jpeg", jpeg(64, 64), &limits).is_ok());
}

#[test]
fn without_reencoding_images_are_returned_as_uploaded() {
    let limits = InspectLimits {
        reencode_images: false,
        ..InspectLimits::default()
    };
    let bytes = jpeg(400, 300);
    let inspected = inspect("image/jpeg", bytes.clone(), &limits).unwrap();
    assert_eq!(inspected.bytes, bytes);
    assert_eq!(inspected.dimensions, Some((400, 300)));
}

#[test]
fn tall_and_transparent_images_keep_their_shape_when_shrunk() {
    let limits = InspectLimits {
        max_output_edge: 600,
        ..InspectLimits::default()
    };
    let inspected = inspect("image/png", png(1000, 1500), &limits).unwrap();
    assert_eq!(inspected.dimensions, Some((400, 600)));
    let decoded = image::load_from_memory_with_format(&inspected.bytes, ImageFormat::Png).unwrap();
    assert!(decoded.color().has_alpha());
}

#[test]
fn a_16_bit_grey_png_is_refused_too() {
    let grey = image::ImageBuffer::from_fn(900, 300, |x, _| image::Luma([(x * 70) as u16]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageLuma16(grey)
        .write_with_encoder(image::codecs::png::PngEncoder::new(&mut bytes))
        .unwrap();
    assert_eq!(
        inspect("image/png", bytes, &InspectLimits::default()),
        Err(Rejection::DeepColour)
    );
}

#[test]
fn a_sixteen_bit_png_is_refused_before_its_pixels_are_decoded() {
    let deep = image::ImageBuffer::<image::Rgb<u16>, Vec<u16>>::from_pixel(
        400,
        300,
        image::Rgb([40_000, 20_000, 10_000]),
    );
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb16(deep)
        .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    assert_eq!(
        inspect("image/png", bytes, &InspectLimits::default()),
        Err(Rejection::DeepColour)
    );
    let ordinary = image::DynamicImage::new_rgb8(400, 300);
    let mut bytes = Vec::new();
    ordinary
        .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    assert!(inspect("image/png", bytes, &InspectLimits::default()).is_ok());
}
