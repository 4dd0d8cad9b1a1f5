//! The words customers read, in English and Hindi.
//!
//! Messages live in Fluent files (`locales/{en,hi}/*.ftl`), compiled into the binary and the
//! browser bundle alike, so the server's page, the hydrated page and the emails say the
//! same thing. [`text`] formats one message; [`t!`] is the short form views use.
//! Both languages hold the same messages with the same variables (tested), and a Hindi
//! message equal to its English one is an error unless it is on the short allow-list of
//! brand names and codes.

use std::fmt;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

mod resources;

/// A language the customer's side of the product speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Hi,
}

impl Lang {
    /// Every language, in the order a language switch lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Hi];

    /// The BCP 47 tag, as in `<html lang>` and `Accept-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Hi => "hi",
        }
    }

    /// The language's own name for itself, as a language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Hi => "हिन्दी",
        }
    }

    /// The language a tag names (`hi`, `hi-IN`, `EN-gb`); `None` for any other.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|lang| primary.eq_ignore_ascii_case(lang.code()))
    }

    /// The language to speak to someone whose browser sent `accept_language`: the one with
    /// the highest weight among those we speak (weight 0 means "not this one"); English
    /// when none is.
    pub fn negotiate(accept_language: &str) -> Lang {
        accept_language::parse_with_quality(accept_language)
            .into_iter()
            .filter(|(_, quality)| *quality > 0.0)
            .find_map(|(tag, _)| Lang::from_tag(&tag))
            .unwrap_or_default()
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Hi => 1,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A value put into a message: text, or a number (numbers choose plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f64);

thread_local! {
    // One bundle per language and thread: Fluent's plain bundle is not `Sync`, and parsing
    // the files once per thread costs less than a lock on every message.
    static BUNDLES: [FluentBundle<FluentResource>; 2] = Lang::ALL.map(bundle);
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang
        .code()
        .parse()
        .expect("the language codes are valid language identifiers");
    let mut bundle = FluentBundle::new(vec![id]);
    // Unicode isolation marks around every variable would reach page text, e-mail subjects
    // and tests; both languages are written left to right.
    bundle.set_use_isolating(false);
    for (name, source) in resources::files(lang) {
        let resource = FluentResource::try_new((*source).to_owned())
            .unwrap_or_else(|_| panic!("{name} for {lang} is not valid Fluent"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|_| panic!("{name} for {lang} repeats a message"));
    }
    bundle
}

/// Message `id` in `lang` with `args` put in. A message that does not exist comes back as
/// its id, so a slip shows on the page instead of breaking it (the tests find them).
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    BUNDLES.with(|bundles| {
        let bundle = &bundles[lang.index()];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut values = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Number(number) => FluentValue::from(*number),
            };
            values.set(*name, value);
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&values), &mut errors)
            .into_owned()
    })
}

/// Whether message `id` exists (in every language: the files are kept in step).
pub fn has(id: &str) -> bool {
    BUNDLES.with(|bundles| bundles[0].has_message(id))
}

/// `t!(lang, "message-id")` or `t!(lang, "message-id", name = value, …)`: message
/// `message-id` in `lang`, with the named values put in.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:expr) => {
        $crate::text($lang, $id, &[])
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::text($lang, $id, &[$((stringify!($name), $crate::Arg::from($value))),+])
    };
}

#[cfg(test)]
mod tests;
