//! Whole-word, leftmost-longest phrase matching over lower-cased text.
//!
//! `trie` searches many phrase lists in one pass over an article; `units`
//! and `bytes` cut the text into the units the trie walks; `words` holds
//! the small sets the rules test single words and affixes against.

mod bytes;
mod map;
mod trie;
mod units;
mod words;

pub use trie::{FindBuf, GroupedSet};
pub use words::{PhraseList, SuffixSet, WordSet};

use std::collections::HashMap;

/// A match: byte span in the sentence and the payload of its phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<T> {
    pub start: usize,
    pub end: usize,
    pub tag: T,
}

/// Payloads of phrases that appear in several lists are merged.
pub trait Merge: Copy {
    fn merge(self, other: Self) -> Self;
}

impl Merge for u64 {
    fn merge(self, other: Self) -> Self {
        self | other
    }
}

/// Hyphens join words: "north" does not match inside "north-east", nor
/// "rebel" inside "pro-rebel".
pub(super) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Spelling variants a phrase also matches: curly apostrophes, and
/// hyphens as spaces.
pub fn variants(phrase: &str) -> Vec<String> {
    let base = phrase.trim().to_lowercase();
    let mut out = vec![base.clone()];
    if base.contains('\'') {
        out.push(base.replace('\'', "’"));
    }
    if base.contains('-') {
        out.push(base.replace('-', " "));
    }
    out
}

/// A phrase list with payloads; phrases that appear twice merge theirs.
/// Searched through a [`GroupedSet`].
pub struct PhraseSet<T> {
    tags: Vec<T>,
    pats: Vec<String>,
}

impl<T: Merge> PhraseSet<T> {
    pub fn new(entries: impl IntoIterator<Item = (String, T)>) -> PhraseSet<T> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut tags: Vec<T> = Vec::new();
        for (phrase, tag) in entries {
            for v in variants(&phrase) {
                if v.is_empty() {
                    continue;
                }
                match index.get(&v) {
                    Some(&i) => tags[i] = tags[i].merge(tag),
                    None => {
                        index.insert(v.clone(), pats.len());
                        pats.push(v);
                        tags.push(tag);
                    }
                }
            }
        }
        PhraseSet { tags, pats }
    }

    /// Patterns (with their spelling variants) and payloads.
    pub fn entries(&self) -> impl Iterator<Item = (&str, T)> + '_ {
        self.pats
            .iter()
            .map(String::as_str)
            .zip(self.tags.iter().copied())
    }
}
