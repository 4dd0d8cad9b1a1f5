//! Why an upload was refused, in words for logs and for customers.

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
    /// Plain English for a customer. Never contains file names or content.
    pub fn customer_message(&self) -> String {
        match self {
            Self::Empty => "The file is empty. Please choose the file again.".into(),
            Self::UnsupportedType | Self::UnknownDeclaredType => {
                "This file is not a JPEG, PNG or PDF. Please upload a photo or a PDF.".into()
            }
            Self::Disguised { declared, actual } => format!(
                "The file says it is a {} but it is a {}. Please choose the file again.",
                declared.label(),
                actual.label()
            ),
            Self::Damaged => "The file seems to be damaged or incomplete. \
                 Please choose the file again or take a new photo."
                .into(),
            Self::TooManyPixels { .. } => "This image is too large to process. \
                 Please take a new photo or upload a smaller image."
                .into(),
            Self::DeepColour => "This image uses 16 bits per colour, which is not accepted. \
                 Please upload an ordinary photo (JPEG) or a standard PNG."
                .into(),
            Self::TooSmall { .. } => "This image is too small to read. \
                 Please take a closer, sharper photo."
                .into(),
        }
    }
}
