//! Screening one name: candidates from the index, rescored, adjusted, decided.

use serde::{Deserialize, Serialize};

use super::adjust::{self, Adjustment};
use super::index::{name_kind, Index, NameForm};
use super::model::{EntryKind, Gender, ListSource, PartialDate};
use super::normalise::{self, NameKind};
use super::score::{self, class_factor, QueryToken, TokenMatch};

/// Who is being screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// Matched against people and entries of unknown kind only.
    Person,
    /// Matched against everything but people.
    Organisation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub name: String,
    pub birth_date: Option<PartialDate>,
    /// ISO 3166-1 alpha-2.
    pub nationality: Option<String>,
    pub gender: Option<Gender>,
    pub subject: Subject,
}

impl Query {
    pub fn person(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            birth_date: None,
            nationality: None,
            gender: None,
            subject: Subject::Person,
        }
    }
}

/// Scores at or above `review` are possible matches for a reviewer; at or above `confirm`,
/// strong matches. Scores are this engine's own (0 to 1), chosen on the labelled sets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub review: f32,
    pub confirm: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            review: 0.84,
            confirm: 0.97,
        }
    }
}

/// The screening settings form as typed: numbers from 0.50 to 1.00.
#[derive(Debug, Clone, Copy)]
pub struct ThresholdsForm<'a> {
    pub review: &'a str,
    pub confirm: &'a str,
}

impl TryFrom<ThresholdsForm<'_>> for Thresholds {
    type Error = crate::FieldErrors;

    fn try_from(form: ThresholdsForm<'_>) -> Result<Self, Self::Error> {
        use crate::FieldError;
        let number = |field: &str, raw: &str| {
            raw.trim()
                .parse::<f32>()
                .ok()
                .filter(|v| v.is_finite() && (0.5..=1.0).contains(v))
                .ok_or_else(|| FieldError::new(field, "must be a number from 0.50 to 1.00"))
        };
        let (review, confirm) = match (
            number("review", form.review),
            number("confirm", form.confirm),
        ) {
            (Ok(r), Ok(c)) => (r, c),
            (r, c) => {
                return Err(crate::FieldErrors(
                    [r.err(), c.err()].into_iter().flatten().collect(),
                ))
            }
        };
        let thresholds = Thresholds { review, confirm };
        if !thresholds.is_valid() {
            return Err(crate::FieldErrors(vec![FieldError::new(
                "confirm",
                "must not be below the possible-match threshold",
            )]));
        }
        Ok(thresholds)
    }
}

impl Thresholds {
    pub fn decide(self, score: f32) -> Decision {
        if score >= self.confirm {
            Decision::Match
        } else if score >= self.review {
            Decision::PossibleMatch
        } else {
            Decision::Clear
        }
    }

    pub fn is_valid(self) -> bool {
        (0.5..=1.0).contains(&self.review) && self.review <= self.confirm && self.confirm <= 1.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Clear,
    PossibleMatch,
    Match,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Clear => "clear",
            Decision::PossibleMatch => "possible_match",
            Decision::Match => "match",
        }
    }
}

/// One listed entry the query resembles, with everything needed to explain why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub source: ListSource,
    pub list_id: String,
    pub kind: EntryKind,
    pub primary_name: String,
    /// The name (primary, alias or original-script) that matched best.
    pub matched_name: String,
    pub form: NameForm,
    pub name_score: f32,
    pub adjustments: Vec<Adjustment>,
    pub score: f32,
    pub tokens: Vec<TokenMatch>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub decision: Decision,
    pub thresholds: Thresholds,
    /// Best first; every hit at or above the review threshold, at least the best one.
    pub hits: Vec<Hit>,
}

impl Outcome {
    pub fn best(&self) -> Option<&Hit> {
        self.hits.first()
    }
}

/// Candidates rescored per query.
const CANDIDATES: usize = 64;
/// Hits kept in an outcome.
const MAX_HITS: usize = 10;

impl Index {
    fn prepare(&self, query: &Query) -> Vec<QueryToken> {
        self.prepare_weighted(query, self)
    }

    /// Query tokens with ids from this index and weights from `weights` (the same index,
    /// or the full lists when a name pair is scored on its own).
    pub(crate) fn prepare_weighted(&self, query: &Query, weights: &Index) -> Vec<QueryToken> {
        let mut similar = Vec::new();
        let kind = match query.subject {
            Subject::Person => NameKind::Person,
            Subject::Organisation => NameKind::Other,
        };
        normalise::tokens(&query.name, kind)
            .into_iter()
            .map(|token| {
                let id = self.key_id(&token.key);
                let original = token.original.as_deref().and_then(|o| self.original_id(o));
                let idf = match weights.key_id(&token.key) {
                    Some(id) => weights.dict[id as usize].idf,
                    None => {
                        similar.clear();
                        weights.similar_keys(&token, &mut similar);
                        similar
                            .iter()
                            .map(|id| weights.dict[*id as usize].idf)
                            .fold(None, |m: Option<f32>, x| Some(m.map_or(x, |m| m.min(x))))
                            .unwrap_or(weights.unseen_idf)
                    }
                };
                let weight = idf * class_factor(token.class);
                QueryToken {
                    token,
                    id,
                    original,
                    weight,
                }
            })
            .collect::<Vec<_>>()
            .into_iter()
            .fold(Vec::new(), |mut out: Vec<QueryToken>, mut q| {
                // A word said twice (`Sergey Sergey Shoigu`) counts once.
                if out.iter().any(|o| o.token.key == q.token.key) {
                    q.weight = 0.0;
                }
                out.push(q);
                out
            })
    }

    fn admits(&self, subject: Subject, name: u32) -> bool {
        let kind = self.entries[self.names[name as usize].entry as usize].kind;
        match subject {
            Subject::Person => matches!(kind, EntryKind::Person | EntryKind::Unknown),
            Subject::Organisation => kind != EntryKind::Person,
        }
    }

    /// Names sharing (nearly) a token with the query, best first by summed IDF.
    fn candidates(&self, query: &[QueryToken], subject: Subject) -> Vec<u32> {
        let mut acc: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
        let mut ids = Vec::new();
        for q in query {
            ids.clear();
            self.similar_keys(&q.token, &mut ids);
            let mut best: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
            for id in &ids {
                let w = self.dict[*id as usize].idf;
                for n in self.postings(*id) {
                    let e = best.entry(*n).or_insert(0.0);
                    *e = e.max(w);
                }
            }
            if let Some(o) = q.original {
                for n in self.original_postings(o) {
                    best.insert(*n, self.unseen_idf);
                }
            }
            for (n, w) in best {
                *acc.entry(n).or_insert(0.0) += w;
            }
        }
        // Shared information, favouring names it covers more of; ties by name, so that
        // the same query always gets the same candidates.
        let mut ranked: Vec<(u32, f32)> = acc
            .into_iter()
            .filter(|(n, _)| self.admits(subject, *n))
            .map(|(n, shared)| {
                let coverage = (shared / self.names[n as usize].weight.max(f32::EPSILON)).min(1.0);
                (n, shared * (0.5 + 0.5 * coverage))
            })
            .collect();
        let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > CANDIDATES {
            ranked.select_nth_unstable_by(CANDIDATES - 1, order);
            ranked.truncate(CANDIDATES);
        }
        ranked.into_iter().map(|(n, _)| n).collect()
    }

    /// Screens one query through the index.
    pub fn screen(&self, query: &Query, thresholds: Thresholds) -> Outcome {
        let tokens = self.prepare(query);
        let names = self.candidates(&tokens, query.subject);
        self.outcome(query, thresholds, &tokens, names.into_iter())
    }

    /// Scores every name of this (small) index with query words weighed as in `weights`.
    pub(crate) fn screen_weighted(&self, query: &Query, weights: &Index) -> Outcome {
        let tokens = self.prepare_weighted(query, weights);
        let all = (0..self.names.len() as u32).filter(|n| self.admits(query.subject, *n));
        self.outcome(query, Thresholds::default(), &tokens, all)
    }

    /// The same screening by scoring every listed name: the reference the index is
    /// measured against.
    pub fn screen_exhaustively(&self, query: &Query, thresholds: Thresholds) -> Outcome {
        let tokens = self.prepare(query);
        let all = (0..self.names.len() as u32).filter(|n| self.admits(query.subject, *n));
        self.outcome(query, thresholds, &tokens, all)
    }

    fn outcome(
        &self,
        query: &Query,
        thresholds: Thresholds,
        tokens: &[QueryToken],
        names: impl Iterator<Item = u32>,
    ) -> Outcome {
        // Best name per entry.
        let mut best: std::collections::HashMap<u32, (f32, u32, score::NameScore)> =
            std::collections::HashMap::new();
        for n in names {
            let name = &self.names[n as usize];
            let scored = score::score_name(self, tokens, name);
            if scored.score <= 0.0 {
                continue;
            }
            // The best name of an entry; on a tie the first in list order, so that the same
            // query always reports the same name.
            match best.get(&name.entry) {
                Some((s, kept, _)) if *s > scored.score || (*s == scored.score && *kept < n) => {}
                _ => {
                    best.insert(name.entry, (scored.score, n, scored));
                }
            }
        }
        let mut hits: Vec<(f32, u32, u32, score::NameScore)> = best
            .into_iter()
            .map(|(entry, (name_score, n, scored))| {
                let e = &self.entries[entry as usize];
                let delta: f32 = adjust::adjustments(
                    e,
                    query.birth_date,
                    query.nationality.as_deref(),
                    query.gender,
                )
                .iter()
                .map(|a| a.delta)
                .sum();
                ((name_score + delta).clamp(0.0, 1.0), entry, n, scored)
            })
            .collect();
        hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let keep = hits
            .iter()
            .filter(|h| h.0 >= thresholds.review)
            .count()
            .clamp(1, MAX_HITS);
        let hits: Vec<Hit> = hits
            .into_iter()
            .take(keep)
            .map(|(score, entry, n, scored)| self.hit(query, tokens, score, entry, n, &scored))
            .collect();
        let decision = hits
            .first()
            .map_or(Decision::Clear, |h| thresholds.decide(h.score));
        Outcome {
            decision,
            thresholds,
            hits,
        }
    }

    fn hit(
        &self,
        query: &Query,
        tokens: &[QueryToken],
        score: f32,
        entry: u32,
        n: u32,
        scored: &score::NameScore,
    ) -> Hit {
        let e = &self.entries[entry as usize];
        let name = &self.names[n as usize];
        let matched = self.name_text(name).to_owned();
        let listed_text: Vec<String> = normalise::tokens(&matched, name_kind(e.kind))
            .into_iter()
            .map(|t| t.text)
            .collect();
        Hit {
            source: e.source,
            list_id: e.id.clone(),
            kind: e.kind,
            primary_name: e.primary_name.clone(),
            matched_name: matched,
            form: name.form,
            name_score: round(scored.score),
            adjustments: adjust::adjustments(
                e,
                query.birth_date,
                query.nationality.as_deref(),
                query.gender,
            ),
            score: round(score),
            tokens: scored.explain(tokens, &listed_text),
        }
    }
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}
