//! Whether a drawn signature has anything on it.

/// Pixels that must be drawn (opaque and darker than paper) for a signature to count:
/// a dot or a stray tap is not a signature.
const MIN_INK_PIXELS: usize = 40;

/// Whether the PNG has at least [`MIN_INK_PIXELS`] of ink. Unreadable images have none.
pub fn has_ink(png: &[u8]) -> bool {
    let Ok(image) = image::load_from_memory_with_format(png, image::ImageFormat::Png) else {
        return false;
    };
    image
        .to_rgba8()
        .pixels()
        .filter(|p| {
            let [r, g, b, a] = p.0;
            let luma = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
            a > 64 && luma < 200
        })
        .take(MIN_INK_PIXELS)
        .count()
        >= MIN_INK_PIXELS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(draw: impl Fn(&mut image::RgbaImage)) -> Vec<u8> {
        let mut canvas = image::RgbaImage::new(600, 200);
        draw(&mut canvas);
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgba8(canvas)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_blank_canvas_has_no_ink_and_a_stroke_has_some() {
        assert!(!has_ink(&png(|_| {})));
        assert!(!has_ink(&png(|c| {
            for x in 0..600 {
                for y in 0..200 {
                    c.put_pixel(x, y, image::Rgba([255, 255, 255, 255]));
                }
            }
        })));
        assert!(has_ink(&png(|c| {
            for x in 100..300 {
                c.put_pixel(x, 100, image::Rgba([17, 24, 39, 255]));
            }
        })));
    }
}
