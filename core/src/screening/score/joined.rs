//! Words written joined on one side and apart on the other (`abdul hai` / `abdulhai`,
//! `myongc hin` / `myong chin`): single words and neighbouring pairs are compared on their
//! joined keys, as long as at least one side is a pair.

use super::{jw, knee, tuning, How, Pair, QueryToken};
use crate::screening::index::{Index, IndexedName};
use crate::screening::normalise::{Script, TokenClass};

/// A single word needs this many letters to stand for two joined ones.
const MIN_SINGLE: usize = 5;

fn joinable(class: TokenClass) -> bool {
    matches!(class, TokenClass::Word | TokenClass::Minor)
}

/// Single words (long enough) and neighbouring pairs of joinable tokens: (start, length)
/// and the joined key. `token(i)` gives each token's key, class and whether it is a
/// Chinese, Japanese or Korean character kept in its own script.
fn units<'a>(
    n: usize,
    token: impl Fn(usize) -> (&'a str, TokenClass, bool),
) -> Vec<((usize, usize), String, bool)> {
    let mut units = Vec::new();
    for i in 0..n {
        let (key, class, character) = token(i);
        if !joinable(class) {
            continue;
        }
        if key.len() >= MIN_SINGLE {
            units.push(((i, 1), key.to_owned(), character));
        }
        if let Some((next, next_class, next_character)) = (i + 1 < n).then(|| token(i + 1)) {
            if joinable(next_class) {
                units.push(((i, 2), format!("{key}{next}"), character || next_character));
            }
        }
    }
    units
}

/// Adds the joined-word pairs of the query and one listed name to `out`.
pub(super) fn pairs(index: &Index, query: &[QueryToken], name: &IndexedName, out: &mut Vec<Pair>) {
    let q_units = units(query.len(), |i| {
        let t = &query[i];
        (
            t.token.key.as_str(),
            t.token.class,
            t.token.script == Script::Syllabic && t.original.is_some(),
        )
    });
    let c_units = units(name.tokens.len(), |j| {
        let t = &name.tokens[j];
        (
            index.dict[t.id as usize].key.as_str(),
            t.class,
            t.script == Script::Syllabic && t.original.is_some(),
        )
    });
    for (q, q_key, q_characters) in &q_units {
        for (c, c_key, c_characters) in &c_units {
            // Word for word is the ordinary alignment; characters on both sides are compared
            // one by one (joining romanisations would let `石` stand for `市`).
            if q.1 + c.1 < 3 || (*q_characters && *c_characters) {
                continue;
            }
            let s = jw(q_key, c_key);
            if s >= tuning::MIN_JOINED {
                out.push(Pair {
                    q: *q,
                    c: *c,
                    sim: knee(s),
                    how: How::Joined,
                });
            }
        }
    }
}
