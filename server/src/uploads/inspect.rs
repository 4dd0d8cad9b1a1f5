//! Deciding what an uploaded file really is, and making it safe to keep.
//!
//! The declared content type is only a claim: the bytes decide. Images are
//! decoded and re-encoded, so whatever rode along with the pixels (EXIF with
//! GPS positions, XMP, ICC profiles, text chunks, data appended after the
//! image) is not stored. PDFs are kept byte for byte.
//!
//! Everything here is synchronous CPU work; call [`inspect`] from
//! `tokio::task::spawn_blocking`.

mod header;
mod images;
mod rejection;

pub use rejection::Rejection;

use header::{header_dimensions, pdf_has_end_marker, PNG_SIGNATURE};

/// The kinds of file a customer may upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Jpeg,
    Png,
    Pdf,
}

impl FileKind {
    /// The canonical MIME type to serve this kind with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Pdf => "application/pdf",
        }
    }

    /// Parses a declared MIME type, ignoring parameters and letter case.
    /// Returns `None` for anything but JPEG, PNG or PDF.
    pub fn from_content_type(declared: &str) -> Option<Self> {
        let essence = declared.split(';').next().unwrap_or("").trim();
        let essence = essence.to_ascii_lowercase();
        match essence.as_str() {
            // Older browsers and phones still send the non-standard spellings.
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(Self::Jpeg),
            "image/png" | "image/x-png" => Some(Self::Png),
            "application/pdf" | "application/x-pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// A short name a customer recognises, e.g. "PNG image".
    pub fn label(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG image",
            Self::Png => "PNG image",
            Self::Pdf => "PDF",
        }
    }
}

/// Bounds on the work and memory one upload may cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectLimits {
    pub max_width: u32,
    pub max_height: u32,
    pub max_pixels: u64,
    /// Upper bound on what the image decoder may allocate, in bytes.
    pub max_alloc: u64,
    /// Re-encoded images are scaled down so their long edge is at most this.
    pub max_output_edge: u32,
    /// Images whose shorter edge is below this are refused; 0 disables.
    pub min_edge: u32,
    /// When false, images are only sniffed and kept as uploaded.
    pub reencode_images: bool,
}

impl Default for InspectLimits {
    fn default() -> Self {
        Self {
            max_width: 12_000,
            max_height: 12_000,
            max_pixels: 50_000_000,
            max_alloc: 512 * 1024 * 1024,
            max_output_edge: 3_000,
            min_edge: 200,
            reencode_images: true,
        }
    }
}

/// A file that passed inspection; `bytes` are what should be stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Inspected {
    pub kind: FileKind,
    pub bytes: Vec<u8>,
    /// Width and height of the stored image; `None` for PDFs.
    pub dimensions: Option<(u32, u32)>,
}

// Documents must not end up in logs, and megabytes of numbers help nobody.
impl std::fmt::Debug for Inspected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inspected")
            .field("kind", &self.kind)
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .field("dimensions", &self.dimensions)
            .finish()
    }
}

/// Tells the kind of a file from its first bytes only (magic numbers at offset 0).
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(&PNG_SIGNATURE) {
        Some(FileKind::Png)
    } else if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else {
        None
    }
}

/// Checks an upload against its declared type and `limits`.
///
/// On success the kind is the one both declared and found in the bytes, PDFs
/// are returned unchanged, and (with `reencode_images`) images are upright,
/// no larger than `max_output_edge`, and free of metadata. Pixel limits are
/// checked from the header before any pixel buffer is allocated.
pub fn inspect(
    declared_content_type: &str,
    bytes: Vec<u8>,
    limits: &InspectLimits,
) -> Result<Inspected, Rejection> {
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    let declared =
        FileKind::from_content_type(declared_content_type).ok_or(Rejection::UnknownDeclaredType)?;
    let actual = sniff(&bytes).ok_or(Rejection::UnsupportedType)?;
    if actual != declared {
        return Err(Rejection::Disguised { declared, actual });
    }
    match actual {
        FileKind::Pdf => {
            if !pdf_has_end_marker(&bytes) {
                return Err(Rejection::Damaged);
            }
            Ok(Inspected {
                kind: actual,
                bytes,
                dimensions: None,
            })
        }
        _ if !limits.reencode_images => {
            // Best effort only: in this mode the file is not judged beyond its magic bytes.
            let dimensions = header_dimensions(actual, &bytes);
            Ok(Inspected {
                kind: actual,
                bytes,
                dimensions,
            })
        }
        _ => images::reencode(actual, &bytes, limits),
    }
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
