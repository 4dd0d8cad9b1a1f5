//! Cheap structural checks that read headers and trailers, never pixels.

use super::FileKind;

pub(super) const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// True when "%%EOF" ends the file, followed by nothing but PDF whitespace.
pub(super) fn pdf_has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    // PDF's own definition of white space includes NUL and form feed.
    let end = tail
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0C | 0x00))
        .map_or(0, |i| i + 1);
    tail[..end].ends_with(b"%%EOF")
}

/// Width and height as the file's header states them, before any decoding.
/// `None` when the header is malformed or, for JPEG, no complete scan follows.
pub(super) fn header_dimensions(kind: FileKind, bytes: &[u8]) -> Option<(u32, u32)> {
    match kind {
        FileKind::Png => png_dimensions(bytes),
        FileKind::Jpeg => jpeg_dimensions(bytes),
        FileKind::Pdf => None,
    }
}

fn png_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    // The PNG specification requires IHDR (13 bytes long) as the very first chunk.
    let ihdr = bytes.get(8..24)?;
    if ihdr[..4] != [0, 0, 0, 13] || &ihdr[4..8] != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes([ihdr[8], ihdr[9], ihdr[10], ihdr[11]]);
    let height = u32::from_be_bytes([ihdr[12], ihdr[13], ihdr[14], ihdr[15]]);
    Some((width, height))
}

/// Reads the frame size of a JPEG, and only if a complete scan is present.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut pos = 2;
    let mut size = None;
    loop {
        if *bytes.get(pos)? != 0xFF {
            return None;
        }
        // Any number of 0xFF fill bytes may precede a marker.
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *bytes.get(pos)?;
        pos += 1;
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            continue;
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(pos)?, *bytes.get(pos + 1)?]));
        let segment = bytes.get(pos + 2..pos.checked_add(length)?)?;
        pos += length;
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                let s = segment.get(1..5)?;
                let height = u16::from_be_bytes([s[0], s[1]]);
                let width = u16::from_be_bytes([s[2], s[3]]);
                size = Some((u32::from(width), u32::from(height)));
            }
            0xDA => {
                // The decoder accepts a JPEG cut off mid-scan without an error, so a
                // missing end-of-image marker is refused here. Inside entropy-coded
                // data 0xFF is never followed by 0xD9, so any FF D9 is the real end.
                let rest = bytes.get(pos..)?;
                rest.windows(2).rposition(|w| w == [0xFF, 0xD9])?;
                return size;
            }
            0xD9 => return None,
            _ => {}
        }
    }
}
