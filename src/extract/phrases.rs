//! Whole-word, leftmost-longest phrase matching over lower-cased text.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

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
fn is_word(c: char) -> bool {
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

/// Several phrase lists searched in one pass. Each list keeps its own
/// leftmost-longest reading, as if searched alone: overlapping matches are
/// collected, filtered to whole words, then selected per list.
pub struct GroupedSet<T> {
    ac: AhoCorasick,
    payloads: Vec<Vec<(usize, T)>>,
    groups: usize,
}

impl<T: Copy> GroupedSet<T> {
    pub fn new<'a>(lists: Vec<Box<dyn Iterator<Item = (&'a str, T)> + 'a>>) -> GroupedSet<T> {
        let groups = lists.len();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut payloads: Vec<Vec<(usize, T)>> = Vec::new();
        for (g, list) in lists.into_iter().enumerate() {
            for (p, tag) in list {
                let i = *index.entry(p.to_string()).or_insert_with(|| {
                    pats.push(p.to_string());
                    payloads.push(Vec::new());
                    pats.len() - 1
                });
                payloads[i].push((g, tag));
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&pats)
            .expect("phrase automaton builds");
        GroupedSet {
            ac,
            payloads,
            groups,
        }
    }

    /// Hits per list, in text order.
    pub fn find(&self, lower: &str) -> Vec<Vec<Hit<T>>> {
        let mut cand: Vec<Vec<Hit<T>>> = vec![Vec::new(); self.groups];
        for m in self.ac.find_overlapping_iter(lower) {
            let (s, e) = (m.start(), m.end());
            if !on_word_boundaries(lower, s, e) {
                continue;
            }
            for &(g, tag) in &self.payloads[m.pattern().as_usize()] {
                cand[g].push(Hit {
                    start: s,
                    end: e,
                    tag,
                });
            }
        }
        for hits in &mut cand {
            hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
            let mut last_end = 0;
            hits.retain(|h| {
                let keep = h.start >= last_end;
                if keep {
                    last_end = h.end;
                }
                keep
            });
        }
        cand
    }
}

fn on_word_boundaries(lower: &str, s: usize, e: usize) -> bool {
    let b = lower.as_bytes();
    let word_byte = |i: usize, forward: bool| -> bool {
        match b[i] {
            c if c < 0x80 => c.is_ascii_alphanumeric() || c == b'-',
            _ if forward => lower[i..].chars().next().is_some_and(is_word),
            _ => lower[..=i]
                .char_indices()
                .next_back()
                .and_then(|(k, _)| lower[k..].chars().next())
                .is_some_and(is_word),
        }
    };
    let ok_start = s == 0 || !word_byte(s, true) || !word_byte(s - 1, false);
    let ok_end = e == b.len() || !word_byte(e - 1, false) || !word_byte(e, true);
    ok_start && ok_end
}

/// Lower-cased single words, for gap and membership checks.
#[derive(Debug, Default, Clone)]
pub struct WordSet(rustc_hash::FxHashSet<String>);

impl WordSet {
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a Vec<String>>) -> WordSet {
        let mut set = rustc_hash::FxHashSet::default();
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
        if w.len() > 2 && w.bytes().any(|b| b == 0xE2) && w.contains('’') {
            return self.0.contains(&w.replace('’', "'"));
        }
        self.0.contains(w)
    }
}

/// Whole lower-cased phrases, for multi-word membership ("a number of").
#[derive(Debug, Default, Clone)]
pub struct PhraseList(rustc_hash::FxHashSet<String>);

impl PhraseList {
    pub fn new(list: &[String]) -> PhraseList {
        PhraseList(list.iter().map(|p| p.trim().to_lowercase()).collect())
    }

    pub fn contains(&self, phrase: &str) -> bool {
        self.0.contains(phrase)
    }
}

/// Phrases tested against the end or start of a text ("close to",
/// "south of", "airport"), on whitespace-separated words.
#[derive(Debug, Default, Clone)]
pub struct SuffixSet {
    set: rustc_hash::FxHashSet<String>,
    max_words: usize,
}

impl SuffixSet {
    pub fn new(list: &[String]) -> SuffixSet {
        let set: rustc_hash::FxHashSet<String> = list
            .iter()
            .map(|s| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .filter(|s| !s.is_empty())
            .collect();
        let max_words = set.iter().map(|p| p.split(' ').count()).max().unwrap_or(0);
        SuffixSet { set, max_words }
    }

    /// Whether `before` (lower-cased, the text just before a word) ends with
    /// one of the phrases.
    pub fn ends(&self, before: &str) -> bool {
        let t = before.trim_end();
        let mut start = t.len();
        for _ in 0..self.max_words {
            let Some(sp) = t[..start].trim_end().rfind(|c: char| c.is_whitespace()) else {
                let cand = t.trim_start();
                return self.set.contains(cand) || self.set.contains(&cand.replace('’', "'"));
            };
            start = sp;
            let cand = t[sp + 1..].trim_start();
            let cand = cand.trim_start_matches(|c: char| {
                !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-'
            });
            if self.set.contains(cand) {
                return true;
            }
        }
        false
    }

    /// Whether `after` (lower-cased, the text just after a word) starts with
    /// one of the phrases.
    pub fn starts(&self, after: &str) -> bool {
        self.starts_len(after).is_some()
    }

    /// The byte length of `after` up to the end of the longest phrase it
    /// starts with (leading space included, trailing punctuation not).
    pub fn starts_len(&self, after: &str) -> Option<usize> {
        let lead_all = after.len() - after.trim_start().len();
        let t = &after[lead_all..];
        let mut end = 0;
        let mut best = None;
        for _ in 0..self.max_words {
            let rest = &t[end..];
            let lead = rest.len() - rest.trim_start().len();
            let word_end = rest[lead..]
                .find(char::is_whitespace)
                .map_or(rest.len(), |i| lead + i);
            if word_end == lead {
                break;
            }
            end += word_end;
            let cand = t[..end].trim_end_matches([',', '.', ';', ':', ')', '"']);
            if self.set.contains(cand)
                || (cand.contains('’') && self.set.contains(&cand.replace('’', "'")))
            {
                best = Some(lead_all + cand.len());
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_longest_first_per_list() {
        let a = PhraseSet::new([
            ("fell".to_string(), 1u64),
            ("fell silent".to_string(), 2),
            ("'s fall".to_string(), 4),
        ]);
        let b = PhraseSet::new([("silent".to_string(), 8u64)]);
        let set = GroupedSet::new(vec![Box::new(a.entries()), Box::new(b.entries())]);
        let hits = set.find("brook fell silent; arden fell. felled. brook’s fall");
        let tags: Vec<u64> = hits[0].iter().map(|h| h.tag).collect();
        assert_eq!(tags, vec![2, 1, 4]);
        // the other list still sees the word inside the longer phrase
        assert_eq!(hits[1].len(), 1);
    }

    #[test]
    fn suffixes_respect_word_boundaries() {
        let s = SuffixSet::new(&["to".to_string(), "close to".to_string()]);
        assert!(s.ends("a district capital close to "));
        assert!(!s.ends("pluto "));
        assert!(SuffixSet::new(&["airport".to_string()]).starts(" airport was"));
        assert!(!SuffixSet::new(&["air".to_string()]).starts(" airport was"));
    }
}
