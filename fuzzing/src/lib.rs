//! Fuzzing without a nightly toolchain: each target is a property run by proptest over
//! inputs mutated from real files, the way coverage-less fuzzers (zzuf, radamsa) mutate a
//! corpus. A target runs [`cases`] inputs in the test command (10,000 unless
//! `KYC_FUZZ_CASES` says otherwise: set it high to fuzz longer by hand). A failure is shrunk
//! to a small input and printed, to be kept as a named regression test beside the target.
//!
//! ```text
//! KYC_FUZZ_CASES=1000000 cargo test --workspace -- fuzz_
//! ```

use std::cell::Cell;
use std::sync::Arc;

pub use proptest;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// How many inputs each target tries: `KYC_FUZZ_CASES`, or 10,000.
pub fn cases() -> u32 {
    std::env::var("KYC_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// Runs `check` on [`cases`] values of `strategy`. A panic or an `Err` fails the test with
/// the shrunk input; otherwise prints how many inputs the target tried.
pub fn run<S>(target: &str, strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let cases = cases();
    let mut runner = TestRunner::new(Config {
        cases,
        // Failures are kept as named regression tests, not in files beside the sources.
        failure_persistence: None,
        max_shrink_iters: 4_096,
        ..Config::default()
    });
    let tried = Cell::new(0u64);
    let outcome = runner.run(&strategy, |value| {
        tried.set(tried.get() + 1);
        check(value)
    });
    if let Err(failure) = outcome {
        panic!("fuzz {target}: {failure}");
    }
    println!("fuzz {target}: {} inputs tried, 0 failures", tried.get());
}

/// The same as [`run`] on byte strings mutated from `corpus`.
pub fn run_bytes(
    target: &str,
    corpus: &Corpus,
    check: impl Fn(&[u8]) -> Result<(), TestCaseError>,
) {
    run(target, corpus.mutated(), |bytes| check(&bytes));
}

/// Real files to mutate, the format's own tokens to splice in, and a size cap.
#[derive(Debug, Clone)]
pub struct Corpus {
    seeds: Arc<Vec<Vec<u8>>>,
    tokens: Arc<Vec<Vec<u8>>>,
    max_len: usize,
}

/// Bytes that tend to sit on a parser's boundaries.
const INTERESTING: &[u8] = &[
    0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0xc0, 0xef, 0xbb, 0xbf, b'\n', b'\r', b'\t', b' ', b'"',
    b'\'', b',', b';', b'=', b'<', b'>', b'&', b'/', b'\\', b'-', b'0', b'9', b'A', b'z',
];

impl Corpus {
    /// `seeds` must not be empty; each is cut to `max_len`.
    pub fn new(seeds: Vec<Vec<u8>>, max_len: usize) -> Corpus {
        assert!(!seeds.is_empty(), "a corpus needs at least one seed");
        let seeds = seeds
            .into_iter()
            .map(|mut seed| {
                seed.truncate(max_len);
                seed
            })
            .collect();
        Corpus {
            seeds: Arc::new(seeds),
            tokens: Arc::new(Vec::new()),
            max_len,
        }
    }

    /// Tokens of the format (keywords, delimiters, numbers at the edges of their types).
    pub fn with_tokens<T: AsRef<[u8]>>(mut self, tokens: &[T]) -> Corpus {
        self.tokens = Arc::new(tokens.iter().map(|t| t.as_ref().to_vec()).collect());
        self
    }

    /// Mostly seeds with a few edits each; some purely random bytes; some runs of tokens.
    pub fn mutated(&self) -> BoxedStrategy<Vec<u8>> {
        let corpus = self.clone();
        let edited = (any::<Index>(), vec(edit(), 1..10))
            .prop_map(move |(seed, edits)| corpus.apply(seed, &edits));
        let random = vec(any::<u8>(), 0..self.max_len.clamp(1, 1_024));
        if self.tokens.is_empty() {
            return prop_oneof![9 => edited, 1 => random].boxed();
        }
        let tokens = self.tokens.clone();
        let max_len = self.max_len;
        let token_runs = vec(any::<Index>(), 0..48).prop_map(move |picks| {
            let mut out: Vec<u8> = picks
                .iter()
                .flat_map(|pick| tokens[pick.index(tokens.len())].iter().copied())
                .collect();
            out.truncate(max_len);
            out
        });
        prop_oneof![8 => edited, 1 => random, 1 => token_runs].boxed()
    }

    fn apply(&self, seed: Index, edits: &[Edit]) -> Vec<u8> {
        let mut data = self.seeds[seed.index(self.seeds.len())].clone();
        for edit in edits {
            edit.apply(&mut data, self);
            data.truncate(self.max_len);
        }
        data
    }
}

/// One change to a byte string. Positions are [`Index`]es, so they fit whatever length the
/// string has reached and shrink towards its start.
#[derive(Debug, Clone)]
enum Edit {
    FlipBit(Index, u8),
    SetInteresting(Index, Index),
    SetByte(Index, u8),
    Insert(Index, Vec<u8>),
    Remove(Index, u16),
    Repeat(Index, u16, u8),
    Splice(Index, Index, Index, u16),
    Token(Index, Index),
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Edit::FlipBit(at, bit)),
        (any::<Index>(), any::<Index>()).prop_map(|(at, b)| Edit::SetInteresting(at, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Edit::SetByte(at, b)),
        (any::<Index>(), vec(any::<u8>(), 1..16)).prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<Index>(), 1u16..256).prop_map(|(at, n)| Edit::Remove(at, n)),
        (any::<Index>(), 1u16..64, 1u8..64).prop_map(|(at, n, times)| Edit::Repeat(at, n, times)),
        (any::<Index>(), any::<Index>(), any::<Index>(), 1u16..512)
            .prop_map(|(seed, from, at, n)| Edit::Splice(seed, from, at, n)),
        (any::<Index>(), any::<Index>()).prop_map(|(token, at)| Edit::Token(token, at)),
        any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// An index into `len + 1` positions (insertion points), 0 when the string is empty.
fn point(at: &Index, len: usize) -> usize {
    at.index(len + 1)
}

impl Edit {
    fn apply(&self, data: &mut Vec<u8>, corpus: &Corpus) {
        let len = data.len();
        match self {
            Edit::FlipBit(at, bit) if len > 0 => data[at.index(len)] ^= 1 << bit,
            Edit::SetInteresting(at, b) if len > 0 => {
                data[at.index(len)] = INTERESTING[b.index(INTERESTING.len())]
            }
            Edit::SetByte(at, b) if len > 0 => data[at.index(len)] = *b,
            Edit::Insert(at, bytes) => {
                let at = point(at, len);
                data.splice(at..at, bytes.iter().copied());
            }
            Edit::Remove(at, n) if len > 0 => {
                let at = at.index(len);
                let end = (at + usize::from(*n)).min(len);
                data.drain(at..end);
            }
            Edit::Repeat(at, n, times) if len > 0 => {
                let at = at.index(len);
                let end = (at + usize::from(*n)).min(len);
                let chunk = data[at..end].to_vec();
                let repeated: Vec<u8> = chunk
                    .iter()
                    .copied()
                    .cycle()
                    .take(chunk.len() * usize::from(*times))
                    .collect();
                data.splice(end..end, repeated);
            }
            Edit::Splice(seed, from, at, n) => {
                let other = &corpus.seeds[seed.index(corpus.seeds.len())];
                if other.is_empty() {
                    return;
                }
                let from = from.index(other.len());
                let end = (from + usize::from(*n)).min(other.len());
                let at = point(at, len);
                data.splice(at..at, other[from..end].iter().copied());
            }
            Edit::Token(token, at) if !corpus.tokens.is_empty() => {
                let token = &corpus.tokens[token.index(corpus.tokens.len())];
                let at = point(at, len);
                data.splice(at..at, token.iter().copied());
            }
            Edit::Truncate(at) => data.truncate(point(at, len)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;

    /// The mutator reaches far from its seed yet stays within the cap, and empty seeds
    /// and cut-to-nothing strings never make an edit index out of bounds.
    #[test]
    fn mutations_stay_in_bounds_and_vary() {
        let corpus = Corpus::new(vec![b"ent_num,name\n1,\"A B\"\n".to_vec(), Vec::new()], 64)
            .with_tokens(&["\"", ",", "\r\n", "-0"]);
        let strategy = corpus.mutated();
        let mut runner = TestRunner::deterministic();
        let mut distinct = std::collections::HashSet::new();
        for _ in 0..2_000 {
            let value = strategy.new_tree(&mut runner).expect("a value").current();
            assert!(value.len() <= 64, "{} bytes over the cap", value.len());
            distinct.insert(value);
        }
        assert!(
            distinct.len() > 1_000,
            "only {} distinct inputs",
            distinct.len()
        );
    }

    /// A property that fails is reported, with the target's name.
    #[test]
    #[should_panic(expected = "fuzz always-fails")]
    fn a_failing_property_fails_the_test() {
        let corpus = Corpus::new(vec![b"seed".to_vec()], 16);
        run_bytes("always-fails", &corpus, |bytes| {
            prop_assert!(bytes.len() > 100);
            Ok(())
        });
    }
}
