//! Why an upload was refused, in words for logs and for customers.

use kyc_i18n::{t, Lang};

use super::FileKind;

/// Why an upload was refused. The `Display` text is for logs;
/// [`Rejection::customer_message`] is for the person uploading.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Rejection {
    #[error("the upload is empty")]
    Empty,
    #[error("the bytes are not JPEG, PNG or PDF")]
    UnsupportedType,
    #[error("the declared content type is not JPEG, PNG or PDF")]
    UnknownDeclaredType,
    #[error("declared {declared:?} but the bytes are {actual:?}")]
    Disguised {
        declared: FileKind,
        actual: FileKind,
    },
    #[error("the file is truncated or corrupt")]
    Damaged,
    #[error("the image is {width}x{height}, over the pixel limits")]
    TooManyPixels { width: u32, height: u32 },
    #[error("the image is {width}x{height}, under the minimum edge")]
    TooSmall { width: u32, height: u32 },
    #[error("the image has more than 8 bits per channel")]
    DeepColour,
}

impl Rejection {
    /// Plain words for a customer, in `lang`. Never contains file names or content.
    pub fn customer_message(&self, lang: Lang) -> String {
        match self {
            Self::Empty => t!(lang, "upload-refused-empty"),
            Self::UnsupportedType | Self::UnknownDeclaredType => {
                t!(lang, "upload-refused-type")
            }
            Self::Disguised { declared, actual } => t!(
                lang,
                "upload-refused-disguised",
                declared = kind_name(lang, *declared),
                actual = kind_name(lang, *actual)
            ),
            Self::Damaged => t!(lang, "upload-refused-damaged"),
            Self::TooManyPixels { .. } => t!(lang, "upload-refused-too-many-pixels"),
            Self::DeepColour => t!(lang, "upload-refused-deep-colour"),
            Self::TooSmall { .. } => t!(lang, "upload-refused-too-small"),
        }
    }
}

fn kind_name(lang: Lang, kind: FileKind) -> String {
    match kind {
        FileKind::Jpeg => t!(lang, "upload-kind-jpeg"),
        FileKind::Png => t!(lang, "upload-kind-png"),
        FileKind::Pdf => t!(lang, "upload-kind-pdf"),
    }
}
