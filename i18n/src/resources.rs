//! The message files, compiled in. Each area of the customer's side has one file per
//! language; both languages list the same files.

use crate::Lang;

macro_rules! files {
    ($lang:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../locales/", $lang, "/", $name)))),*]
    };
}

const ENGLISH: &[(&str, &str)] = files!("en":
    "common.ftl", "journey.ftl", "documents.ftl", "capture.ftl", "checks.ftl",
    "submit.ftl", "support.ftl", "errors.ftl", "email.ftl",
);

const HINDI: &[(&str, &str)] = files!("hi":
    "common.ftl", "journey.ftl", "documents.ftl", "capture.ftl", "checks.ftl",
    "submit.ftl", "support.ftl", "errors.ftl", "email.ftl",
);

/// The files of `lang`: (file name, contents).
pub fn files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => ENGLISH,
        Lang::Hi => HINDI,
    }
}
