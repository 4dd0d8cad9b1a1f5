//! Rescoring one listed name against the query: tokens aligned greedily by similarity
//! (Jaro-Winkler on keys, consonant skeletons for vowel-less scripts, initials, joined
//! words), then an IDF-weighted coverage of both names.

use serde::{Deserialize, Serialize};

use super::index::{Index, IndexedName, NameForm};
use super::normalise::{Script, Token, TokenClass};

/// How two tokens were found to be the same word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    Exact,
    /// Spellings of one name (`Mohammed`, `Muhammad`) or doubled letters.
    Variant,
    /// Close spelling (Jaro-Winkler).
    Typo,
    Initial,
    /// Compared across scripts: same original word, or same consonants.
    Transliteration,
    /// Written as one word on one side and two on the other.
    Joined,
}

/// One aligned pair (or an unmatched token, with an empty other side).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenMatch {
    pub query: String,
    pub listed: String,
    pub similarity: f32,
    pub how: Option<How>,
}

/// A query token, prepared once per query.
#[derive(Debug, Clone)]
pub struct QueryToken {
    pub token: Token,
    pub id: Option<u32>,
    pub original: Option<u32>,
    pub weight: f32,
}

/// Tunable constants of the name score, in one place.
pub mod tuning {
    /// Lowest similarity at which two words count as the same.
    pub const MIN_PAIR: f64 = 0.84;
    /// Words of three letters or fewer must be nearly identical.
    pub const MIN_SHORT_PAIR: f64 = 0.92;
    /// Joined words must agree closely with the two they stand for.
    pub const MIN_JOINED: f64 = 0.92;
    /// Share of the score from covering the query (the rest from covering the listed name).
    pub const QUERY_SHARE: f32 = 0.65;
    /// Matched information (sum of IDF) below which a name is too common to say much, as a
    /// share of the weight of a word the lists never use (about one rare word).
    pub const MIN_INFORMATION: f32 = 0.8;
    pub const WEAK_ALIAS: f32 = 0.96;
    pub const REORDERED: f32 = 0.97;
    /// Typo similarity below this counts for less (see `knee`).
    pub const KNEE: f64 = 0.94;
    pub const BELOW_KNEE: f64 = 1.0;
    /// Both names carry a legal form and no form matches (`AG` against `GmbH`).
    pub const OTHER_LEGAL_FORM: f32 = 0.92;
}

pub fn class_factor(class: TokenClass) -> f32 {
    match class {
        TokenClass::Word | TokenClass::Number => 1.0,
        TokenClass::Initial => 0.3,
        TokenClass::Minor => 0.25,
        TokenClass::LegalForm => 0.15,
    }
}

#[derive(Debug, Clone, Copy)]
struct Pair {
    q: (usize, usize),
    c: (usize, usize),
    sim: f32,
    how: How,
}

/// The score of one listed name and how it was reached.
#[derive(Debug, Clone)]
pub struct NameScore {
    pub score: f32,
    pairs: Vec<Pair>,
}

mod joined;

fn jw(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

fn min_for(a: &str, b: &str) -> f64 {
    if a.len().min(b.len()) <= 3 {
        tuning::MIN_SHORT_PAIR
    } else {
        tuning::MIN_PAIR
    }
}

/// Similarity of a query token and a listed token, if they may be the same word.
fn similarity(index: &Index, q: &QueryToken, c: &super::index::NameToken) -> Option<(f32, How)> {
    let listed = &index.dict[c.id as usize];
    let syllabic = q.token.script == Script::Syllabic || c.script == Script::Syllabic;
    if q.original.is_some() && q.original == c.original {
        return Some((1.0, How::Transliteration));
    }
    // Two different characters that romanise alike (`石` and `市` are both `shi`) are not
    // the same name.
    if syllabic && q.token.original.is_some() && c.original.is_some() {
        return None;
    }
    if q.id == Some(c.id) {
        let how = if q.token.text == listed.key {
            How::Exact
        } else {
            How::Variant
        };
        return Some((1.0, how));
    }
    if syllabic || q.token.class == TokenClass::Number || c.class == TokenClass::Number {
        // Syllables are short and a letter apart is another name: equal or nothing.
        return None;
    }
    if q.token.class == TokenClass::Initial || c.class == TokenClass::Initial {
        if q.token.script == Script::Abjad || c.script == Script::Abjad {
            return None;
        }
        let (short, long) = if q.token.class == TokenClass::Initial {
            (q.token.key.as_str(), listed.key.as_str())
        } else {
            (listed.key.as_str(), q.token.key.as_str())
        };
        return long.starts_with(short).then_some((0.9, How::Initial));
    }
    if q.token.script == Script::Abjad || c.script == Script::Abjad {
        let (a, b) = (&q.token.skeleton, &listed.skeleton);
        if a.len() < 2 || b.len() < 2 {
            return None;
        }
        let s = if a == b { 1.0 } else { jw(a, b) };
        return (s >= 0.9).then_some((knee(s * 0.95), How::Transliteration));
    }
    let s = spelling_similarity(&q.token.key, &listed.key);
    (s >= min_for(&q.token.key, &listed.key)).then_some((knee(s), How::Typo))
}

/// Jaro-Winkler of two keys, also trying every spelling of a variant group on either side
/// (`mohamemd` is a typo of `mohammed`, whose key is `muhamad`).
fn spelling_similarity(a: &str, b: &str) -> f64 {
    let mut best = jw(a, b);
    for (key, other) in [(a, b), (b, a)] {
        if let Some(members) = super::variants::members(key) {
            for m in members {
                best = best.max(jw(m, other));
            }
        }
    }
    best
}

/// Close-but-not-close-enough spellings count for less: above the knee a typo scores its
/// similarity, below it the score falls twice as fast.
fn knee(s: f64) -> f32 {
    let s = if s >= tuning::KNEE {
        s
    } else {
        s - (tuning::KNEE - s) * tuning::BELOW_KNEE
    };
    s as f32
}

/// Aligns the query with one listed name and scores the alignment.
pub fn score_name(index: &Index, query: &[QueryToken], name: &IndexedName) -> NameScore {
    let listed = &name.tokens;
    let mut candidates: Vec<Pair> = Vec::with_capacity(query.len() * listed.len() + 4);
    for (i, q) in query.iter().enumerate() {
        for (j, c) in listed.iter().enumerate() {
            if let Some((sim, how)) = similarity(index, q, c) {
                candidates.push(Pair {
                    q: (i, 1),
                    c: (j, 1),
                    sim,
                    how,
                });
            }
        }
    }
    joined::pairs(index, query, name, &mut candidates);
    candidates.sort_by(|a, b| {
        b.sim
            .total_cmp(&a.sim)
            // On a tie, word for word beats joined words.
            .then((a.q.1 + a.c.1).cmp(&(b.q.1 + b.c.1)))
    });
    let mut q_used = vec![false; query.len()];
    let mut c_used = vec![false; listed.len()];
    let mut pairs = Vec::new();
    for p in candidates {
        let q_range = p.q.0..p.q.0 + p.q.1;
        let c_range = p.c.0..p.c.0 + p.c.1;
        if q_range.clone().any(|i| q_used[i]) || c_range.clone().any(|j| c_used[j]) {
            continue;
        }
        q_range.for_each(|i| q_used[i] = true);
        c_range.for_each(|j| c_used[j] = true);
        pairs.push(p);
    }
    let score = coverage_score(index, query, name, &pairs);
    NameScore { score, pairs }
}

fn listed_weight(index: &Index, name: &IndexedName, j: usize) -> f32 {
    let t = &name.tokens[j];
    index.dict[t.id as usize].idf * class_factor(t.class)
}

fn coverage_score(index: &Index, query: &[QueryToken], name: &IndexedName, pairs: &[Pair]) -> f32 {
    let q_total: f32 = query.iter().map(|q| q.weight).sum();
    let c_total: f32 = (0..name.tokens.len())
        .map(|j| listed_weight(index, name, j))
        .sum();
    if q_total <= 0.0 || c_total <= 0.0 || pairs.is_empty() {
        return 0.0;
    }
    let mut q_matched = 0.0;
    let mut c_matched = 0.0;
    for p in pairs {
        q_matched += p.sim * (p.q.0..p.q.0 + p.q.1).map(|i| query[i].weight).sum::<f32>();
        c_matched += p.sim
            * (p.c.0..p.c.0 + p.c.1)
                .map(|j| listed_weight(index, name, j))
                .sum::<f32>();
    }
    // The shorter name (by weight) must be covered; the longer one's extra words (middle
    // names, patronymics, titles) cost less.
    let (q_cov, c_cov) = (q_matched / q_total, c_matched / c_total);
    let (short, long) = if q_total <= c_total {
        (q_cov, c_cov)
    } else {
        (c_cov, q_cov)
    };
    let mut score = tuning::QUERY_SHARE * short + (1.0 - tuning::QUERY_SHARE) * long;
    let q_forms = query.iter().any(|q| q.token.class == TokenClass::LegalForm);
    let c_forms = name.tokens.iter().any(|t| t.class == TokenClass::LegalForm);
    let form_matched = pairs
        .iter()
        .any(|p| p.q.1 == 1 && query[p.q.0].token.class == TokenClass::LegalForm);
    if q_forms && c_forms && !form_matched {
        score *= tuning::OTHER_LEGAL_FORM;
    }
    let min_information = tuning::MIN_INFORMATION * index.unseen_idf;
    if c_matched < min_information {
        score *= (c_matched / min_information).sqrt();
    }
    if name.form == NameForm::WeakAlias {
        score *= tuning::WEAK_ALIAS;
    }
    if reordered(pairs) {
        score *= tuning::REORDERED;
    }
    score.clamp(0.0, 1.0)
}

fn reordered(pairs: &[Pair]) -> bool {
    pairs
        .iter()
        .any(|a| pairs.iter().any(|b| a.q.0 < b.q.0 && a.c.0 > b.c.0))
}

impl NameScore {
    /// Which query tokens matched which listed tokens, then what was left on either side.
    pub fn explain(&self, query: &[QueryToken], listed_text: &[String]) -> Vec<TokenMatch> {
        let mut pairs = self.pairs.clone();
        pairs.sort_by_key(|p| p.q.0);
        let join = |texts: &mut dyn Iterator<Item = &str>| texts.collect::<Vec<_>>().join(" ");
        let mut out: Vec<TokenMatch> = pairs
            .iter()
            .map(|p| TokenMatch {
                query: join(&mut (p.q.0..p.q.0 + p.q.1).map(|i| query[i].token.text.as_str())),
                listed: join(
                    &mut (p.c.0..p.c.0 + p.c.1)
                        .filter_map(|j| listed_text.get(j).map(String::as_str)),
                ),
                similarity: (p.sim * 1000.0).round() / 1000.0,
                how: Some(p.how),
            })
            .collect();
        let q_matched = |i: usize| pairs.iter().any(|p| (p.q.0..p.q.0 + p.q.1).contains(&i));
        let c_matched = |j: usize| pairs.iter().any(|p| (p.c.0..p.c.0 + p.c.1).contains(&j));
        for (i, q) in query.iter().enumerate().filter(|(i, _)| !q_matched(*i)) {
            out.push(TokenMatch {
                query: q.token.text.clone(),
                listed: String::new(),
                similarity: 0.0,
                how: None,
            });
            let _ = i;
        }
        for (j, text) in listed_text
            .iter()
            .enumerate()
            .filter(|(j, _)| !c_matched(*j))
        {
            out.push(TokenMatch {
                query: String::new(),
                listed: text.clone(),
                similarity: 0.0,
                how: None,
            });
            let _ = j;
        }
        out
    }
}
