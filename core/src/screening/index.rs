//! The in-memory index over every listed name: a token dictionary with inverse document
//! frequencies, postings from tokens to names, and lookups that tolerate a typo (symmetric
//! one-deletion keys), vowel-less transliteration (consonant skeletons), original-script
//! words and joined words.

use std::collections::HashMap;

use super::model::{AliasQuality, EntryKind, ListEntry};
use super::normalise::{self, NameKind, Script, Token, TokenClass};

/// Which of an entry's names an indexed name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameForm {
    Primary,
    Alias,
    WeakAlias,
    OriginalScript,
}

/// One token of an indexed name: the dictionary entry it points at and what it is.
#[derive(Debug, Clone, Copy)]
pub struct NameToken {
    pub id: u32,
    pub original: Option<u32>,
    pub class: TokenClass,
    pub script: Script,
}

#[derive(Debug)]
pub struct IndexedName {
    pub entry: u32,
    /// 0 for the primary name, then aliases, then original-script names, in list order.
    pub position: u32,
    pub form: NameForm,
    pub tokens: Vec<NameToken>,
    /// Sum of the name's word weights (IDF), for ranking candidates.
    pub weight: f32,
}

#[derive(Debug)]
pub struct DictToken {
    pub key: String,
    pub skeleton: String,
    pub idf: f32,
}

#[derive(Debug, Default)]
pub struct Index {
    pub entries: Vec<ListEntry>,
    pub names: Vec<IndexedName>,
    pub dict: Vec<DictToken>,
    by_key: HashMap<String, u32>,
    by_deletion: HashMap<String, Vec<u32>>,
    by_skeleton: HashMap<String, Vec<u32>>,
    postings: Vec<Vec<u32>>,
    /// Original-script words, interned like keys but in their own map.
    originals: HashMap<String, u32>,
    original_postings: Vec<Vec<u32>>,
    /// Weight of a word the lists never use.
    pub unseen_idf: f32,
}

/// Keys shorter than this are only ever looked up exactly.
const TYPO_MIN_LEN: usize = 4;

pub fn name_kind(kind: EntryKind) -> NameKind {
    match kind {
        EntryKind::Person | EntryKind::Unknown => NameKind::Person,
        _ => NameKind::Other,
    }
}

impl Index {
    pub fn build(entries: Vec<ListEntry>) -> Index {
        let mut index = Index::default();
        for (e, entry) in entries.iter().enumerate() {
            let kind = name_kind(entry.kind);
            let forms = std::iter::once((entry.primary_name.as_str(), NameForm::Primary))
                .chain(entry.aliases.iter().map(|a| {
                    let form = match a.quality {
                        AliasQuality::Strong => NameForm::Alias,
                        AliasQuality::Weak => NameForm::WeakAlias,
                    };
                    (a.name.as_str(), form)
                }))
                .chain(
                    entry
                        .original_script_names
                        .iter()
                        .map(|n| (n.as_str(), NameForm::OriginalScript)),
                );
            let mut seen: Vec<Vec<u32>> = Vec::new();
            for (position, (name, form)) in forms.enumerate() {
                let tokens = normalise::tokens(name, kind);
                if tokens.is_empty() {
                    continue;
                }
                let tokens: Vec<NameToken> = tokens.iter().map(|t| index.intern(t)).collect();
                // The same name listed twice (primary repeated as an alias) is indexed once.
                let ids: Vec<u32> = tokens.iter().map(|t| t.id).collect();
                if seen.contains(&ids) {
                    continue;
                }
                seen.push(ids);
                index.names.push(IndexedName {
                    entry: e as u32,
                    position: position as u32,
                    form,
                    tokens,
                    weight: 0.0,
                });
            }
        }
        index.entries = entries;
        index.finish();
        index
    }

    fn intern(&mut self, token: &Token) -> NameToken {
        let id = match self.by_key.get(&token.key) {
            Some(id) => *id,
            None => {
                let id = self.dict.len() as u32;
                self.dict.push(DictToken {
                    key: token.key.clone(),
                    skeleton: token.skeleton.clone(),
                    idf: 0.0,
                });
                self.by_key.insert(token.key.clone(), id);
                self.postings.push(Vec::new());
                id
            }
        };
        let original = token
            .original
            .as_ref()
            .map(|o| match self.originals.get(o) {
                Some(id) => *id,
                None => {
                    let id = self.original_postings.len() as u32;
                    self.originals.insert(o.clone(), id);
                    self.original_postings.push(Vec::new());
                    id
                }
            });
        NameToken {
            id,
            original,
            class: token.class,
            script: token.script,
        }
    }

    fn finish(&mut self) {
        for (n, name) in self.names.iter().enumerate() {
            for token in &name.tokens {
                let postings = &mut self.postings[token.id as usize];
                if postings.last() != Some(&(n as u32)) {
                    postings.push(n as u32);
                }
                if let Some(o) = token.original {
                    let postings = &mut self.original_postings[o as usize];
                    if postings.last() != Some(&(n as u32)) {
                        postings.push(n as u32);
                    }
                }
            }
        }
        let total = self.names.len().max(1) as f32;
        self.unseen_idf = (1.0 + total).ln();
        for (id, token) in self.dict.iter_mut().enumerate() {
            let df = self.postings[id].len().max(1) as f32;
            token.idf = (1.0 + total / df).ln();
            // A variant group's key is also found from a typo of any of its spellings.
            let spellings = super::variants::members(&token.key).unwrap_or(&[]);
            for spelling in std::iter::once(token.key.as_str()).chain(spellings.iter().copied()) {
                if spelling.len() >= TYPO_MIN_LEN {
                    for deletion in deletions(spelling).chain(std::iter::once(spelling.to_owned()))
                    {
                        self.by_deletion
                            .entry(deletion)
                            .or_default()
                            .push(id as u32);
                    }
                }
            }
            if token.skeleton.len() >= 2 {
                self.by_skeleton
                    .entry(token.skeleton.clone())
                    .or_default()
                    .push(id as u32);
            }
        }
        for name in &mut self.names {
            name.weight = name
                .tokens
                .iter()
                .map(|t| self.dict[t.id as usize].idf)
                .sum();
        }
        for ids in self.by_deletion.values_mut() {
            ids.sort_unstable();
            ids.dedup();
        }
    }

    /// Takes word weights from another (larger) index, for scoring names outside it.
    pub fn borrow_weights(&mut self, other: &Index) {
        for token in &mut self.dict {
            token.idf = other
                .key_id(&token.key)
                .map_or(other.unseen_idf, |id| other.dict[id as usize].idf);
        }
        self.unseen_idf = other.unseen_idf;
    }

    /// The name as the list writes it.
    pub fn name_text(&self, name: &IndexedName) -> &str {
        let entry = &self.entries[name.entry as usize];
        let p = name.position as usize;
        if p == 0 {
            &entry.primary_name
        } else if p <= entry.aliases.len() {
            &entry.aliases[p - 1].name
        } else {
            &entry.original_script_names[p - 1 - entry.aliases.len()]
        }
    }

    pub fn key_id(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }

    pub fn original_id(&self, original: &str) -> Option<u32> {
        self.originals.get(original).copied()
    }

    pub fn postings(&self, id: u32) -> &[u32] {
        &self.postings[id as usize]
    }

    pub fn original_postings(&self, id: u32) -> &[u32] {
        &self.original_postings[id as usize]
    }

    /// Dictionary tokens a query token may be: the same key, one edit away, or (for words
    /// from vowel-less scripts) the same consonant skeleton.
    pub fn similar_keys(&self, token: &Token, out: &mut Vec<u32>) {
        if let Some(id) = self.key_id(&token.key) {
            out.push(id);
        }
        if matches!(token.class, TokenClass::Number | TokenClass::Initial) {
            return;
        }
        if token.key.len() >= TYPO_MIN_LEN {
            for deletion in deletions(&token.key).chain(std::iter::once(token.key.clone())) {
                if let Some(ids) = self.by_deletion.get(&deletion) {
                    out.extend_from_slice(ids);
                }
            }
        }
        if token.script == Script::Abjad && token.skeleton.len() >= 2 {
            if let Some(ids) = self.by_skeleton.get(&token.skeleton) {
                out.extend_from_slice(ids);
            }
        }
        // A word written joined (`alghamari`, `abdulhai`) that the lists write as two.
        if token.key.len() >= 6 {
            for split in 2..token.key.len() - 2 {
                if !token.key.is_char_boundary(split) {
                    continue;
                }
                let (head, tail) = token.key.split_at(split);
                if let (Some(a), Some(b)) = (self.key_id(head), self.key_id(tail)) {
                    out.push(a);
                    out.push(b);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

fn deletions(key: &str) -> impl Iterator<Item = String> + '_ {
    key.char_indices().map(move |(i, c)| {
        let mut s = String::with_capacity(key.len());
        s.push_str(&key[..i]);
        s.push_str(&key[i + c.len_utf8()..]);
        s
    })
}
