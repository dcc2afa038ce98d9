//! Whole-word, leftmost-longest phrase matching over lower-cased text.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

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

pub struct PhraseSet<T> {
    ac: Option<AhoCorasick>,
    tags: Vec<T>,
}

/// Hyphens join words: "north" does not match inside "north-east", nor
/// "Taliban" inside "pro-Taliban".
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Spelling variants a phrase also matches: curly apostrophes, and
/// hyphens as spaces and the other way round.
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
        let ac = if pats.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&pats)
                    .expect("phrase automaton builds"),
            )
        };
        PhraseSet { ac, tags }
    }

    /// Matches in `lower` (already lower-cased) that start and end on word
    /// boundaries, where the phrase's edge is a word character.
    pub fn find(&self, lower: &str) -> Vec<Hit<T>> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.find_iter(lower) {
            let (s, e) = (m.start(), m.end());
            let first = lower[s..].chars().next();
            let last = lower[..e].chars().next_back();
            let before = lower[..s].chars().next_back();
            let after = lower[e..].chars().next();
            let ok_start = !(first.is_some_and(is_word) && before.is_some_and(is_word));
            let ok_end = !(last.is_some_and(is_word) && after.is_some_and(is_word));
            if ok_start && ok_end {
                out.push(Hit {
                    start: s,
                    end: e,
                    tag: self.tags[m.pattern().as_usize()],
                });
            }
        }
        out
    }
}

/// Lower-cased single words, for gap and membership checks.
#[derive(Debug, Default, Clone)]
pub struct WordSet(std::collections::HashSet<String>);

impl WordSet {
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a Vec<String>>) -> WordSet {
        let mut set = std::collections::HashSet::new();
        for list in lists {
            for phrase in list {
                for w in phrase.split_whitespace() {
                    set.insert(w.to_lowercase().replace('’', "'"));
                }
            }
        }
        WordSet(set)
    }

    pub fn contains(&self, w: &str) -> bool {
        if w.contains('’') {
            return self.0.contains(&w.replace('’', "'"));
        }
        self.0.contains(w)
    }
}

/// Phrases tested against the end of a text ("close to", "south of").
#[derive(Debug, Default, Clone)]
pub struct SuffixSet(Vec<String>);

impl SuffixSet {
    pub fn new(list: &[String]) -> SuffixSet {
        let mut v: Vec<String> = list.iter().map(|s| s.trim().to_lowercase()).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        SuffixSet(v)
    }

    /// Whether `before` (lower-cased, the text just before a word) ends with
    /// one of the phrases on a word boundary.
    pub fn ends(&self, before: &str) -> bool {
        let t = before.trim_end();
        self.0.iter().any(|p| {
            t.ends_with(p.as_str())
                && t[..t.len() - p.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !is_word(c))
        })
    }

    /// Whether `after` (lower-cased, the text just after a word) starts with
    /// one of the phrases on a word boundary.
    pub fn starts(&self, after: &str) -> bool {
        let t = after.trim_start();
        self.0.iter().any(|p| {
            t.starts_with(p.as_str())
                && (p.ends_with(|c: char| !is_word(c))
                    || t[p.len()..].chars().next().is_none_or(|c| !is_word(c)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_longest_first() {
        let set = PhraseSet::new([("fell".to_string(), 1u64), ("fell silent".to_string(), 2), ("'s fall".to_string(), 4)]);
        let hits = set.find("herat fell silent; kabul fell. felled. herat’s fall");
        let tags: Vec<u64> = hits.iter().map(|h| h.tag).collect();
        assert_eq!(tags, vec![2, 1, 4]);
    }

    #[test]
    fn suffixes_respect_word_boundaries() {
        let s = SuffixSet::new(&["to".to_string(), "close to".to_string()]);
        assert!(s.ends("a district capital close to "));
        assert!(!s.ends("pluto "));
        assert!(s.starts.clone()(&SuffixSet::new(&["airport".to_string()]), " airport was"));
    }
}
