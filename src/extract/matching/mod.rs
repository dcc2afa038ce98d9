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

pub use bytes::{ascii_capitals, space_runs};
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

/// The longest phrase any list holds, in bytes, for overlap tests.
pub const HIT_CAP: usize = 256;

/// The hits of `hits` (sorted by start, as the trie reports them) that
/// start in `from..to`: a binary search, so per-mention lookups stay
/// logarithmic in the article's hits.
pub fn starting_in<T>(hits: &[Hit<T>], from: usize, to: usize) -> &[Hit<T>] {
    let a = hits.partition_point(|h| h.start < from);
    let b = a + hits[a..].partition_point(|h| h.start < to);
    &hits[a..b]
}

/// Whether a hit of `hits` (sorted by start) overlaps `start..end`.
#[cfg(test)]
pub fn overlaps<T>(hits: &[Hit<T>], start: usize, end: usize) -> bool {
    starting_in(hits, start.saturating_sub(HIT_CAP), end)
        .iter()
        .any(|h| h.end > start)
}

/// [`overlaps`] for the spans of a walk through the text, asked in order of
/// their starts, over one list of the trie's hits (which never overlap one
/// another, so their ends are sorted too): two cursors that only move
/// forward instead of a scan of the hits before each span.
#[derive(Default)]
pub struct Overlaps {
    /// The first hit that ends after the last span's start.
    ending: Option<usize>,
    /// The first hit that starts at or after that start less [`HIT_CAP`].
    starting: Option<usize>,
}

impl Overlaps {
    /// Whether a hit of `hits` overlaps `start..end`; `start` must not be
    /// smaller than in the call before.
    pub fn at<T>(&mut self, hits: &[Hit<T>], start: usize, end: usize) -> bool {
        let lo = start.saturating_sub(HIT_CAP);
        let mut e = *self
            .ending
            .get_or_insert_with(|| hits.partition_point(|h| h.end <= start));
        while e < hits.len() && hits[e].end <= start {
            e += 1;
        }
        let mut s = *self
            .starting
            .get_or_insert_with(|| hits.partition_point(|h| h.start < lo));
        while s < hits.len() && hits[s].start < lo {
            s += 1;
        }
        (self.ending, self.starting) = (Some(e), Some(s));
        // the hits that end after `start` are those from `e` on; of them,
        // the ones that start in `lo..end` are a run from `max(e, s)`
        let j = e.max(s);
        j < hits.len() && hits[j].start < end
    }
}

/// The longest word any rule looks at, in bytes. Backward looks for a
/// word's start stop here, so a run-on token ("Arden.Arden.…") costs a
/// bounded scan per mention instead of one back to the sentence start.
pub const WORD_CAP: usize = 64;

/// Where `phrase` stands in `text` as whole words (no letter or digit
/// right before or after it).
pub fn phrase_starts<'t>(text: &'t str, phrase: &'t str) -> impl Iterator<Item = usize> + 't {
    let b = text.as_bytes();
    text.match_indices(phrase)
        .map(|(i, _)| i)
        .filter(move |&i| {
            (i == 0 || !b[i - 1].is_ascii_alphanumeric())
                && b.get(i + phrase.len())
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
}

/// Phrases asked about as a whole ("does any stand in this clause?"): one
/// automaton pass over the text instead of a search per phrase.
pub struct Phrases {
    ac: Option<aho_corasick::AhoCorasick>,
}

impl Phrases {
    pub fn new(phrases: impl IntoIterator<Item = String>) -> Phrases {
        let pats: Vec<String> = phrases.into_iter().filter(|p| !p.is_empty()).collect();
        // building fails only past size limits far beyond a word list
        let ac = (!pats.is_empty())
            .then(|| aho_corasick::AhoCorasick::new(&pats).ok())
            .flatten();
        Phrases { ac }
    }

    /// Whether any phrase stands in `text` as whole words.
    pub fn any_in(&self, text: &str) -> bool {
        let Some(ac) = &self.ac else {
            return false;
        };
        let b = text.as_bytes();
        ac.find_overlapping_iter(text).any(|m| {
            (m.start() == 0 || !b[m.start() - 1].is_ascii_alphanumeric())
                && b.get(m.end()).is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    }
}

/// Where the last word of `s` starts: just after the last char for which
/// `sep` holds, or 0. `None` when that word is longer than [`WORD_CAP`],
/// which no configured word is.
pub fn last_word_start(s: &str, sep: impl Fn(char) -> bool) -> Option<usize> {
    let mut lo = s.len().saturating_sub(WORD_CAP + 1);
    while !s.is_char_boundary(lo) {
        lo -= 1;
    }
    crate::extract::work::add(s.len() - lo);
    match s[lo..].char_indices().rfind(|&(_, c)| sep(c)) {
        Some((i, c)) => Some(lo + i + c.len_utf8()),
        None if lo == 0 => Some(0),
        None => None,
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

    /// The payload of one pattern. A scan of the list: for rare lookups.
    pub fn get(&self, pattern: &str) -> Option<T> {
        let i = self.pats.iter().position(|p| p == pattern)?;
        Some(self.tags[i])
    }

    /// Patterns (with their spelling variants) and payloads.
    pub fn entries(&self) -> impl Iterator<Item = (&str, T)> + '_ {
        self.pats
            .iter()
            .map(String::as_str)
            .zip(self.tags.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_cursors_agree_with_the_scan() {
        let mut seed: u64 = 77;
        let mut rnd = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..500 {
            // non-overlapping hits, some of them long
            let mut hits = Vec::new();
            let mut at = rnd(20);
            for _ in 0..rnd(30) {
                let len = if rnd(8) == 0 {
                    1 + rnd(300)
                } else {
                    1 + rnd(12)
                };
                hits.push(Hit {
                    start: at,
                    end: at + len,
                    tag: 0u64,
                });
                at += len + rnd(40);
            }
            let mut cursor = Overlaps::default();
            let mut start = rnd(30);
            for _ in 0..40 {
                let end = start + 1 + rnd(15);
                assert_eq!(
                    cursor.at(&hits, start, end),
                    overlaps(&hits, start, end),
                    "{start}..{end} in {hits:?}"
                );
                start += rnd(60);
            }
        }
    }
}
