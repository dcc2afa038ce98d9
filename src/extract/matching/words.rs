//! Word sets and affix sets for the rules' single-word tests.

use super::map::{U64Map, NONE};
use super::units::Units;
use crate::extract::work;

/// Lower-cased single words, for gap and membership checks.
#[derive(Default)]
pub struct WordSet {
    /// Per first byte, a bitmap of the words' last bytes and lengths (each
    /// modulo 8): a quick "no" for most words.
    ends: Vec<u64>,
    /// Words of up to 8 bytes, packed into their key.
    short: U64Map,
    long: rustc_hash::FxHashSet<String>,
}

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
        let mut short = Vec::new();
        let mut long = rustc_hash::FxHashSet::default();
        let mut ends = vec![0u64; 256];
        for w in &set {
            let (Some(&a), Some(&z)) = (w.as_bytes().first(), w.as_bytes().last()) else {
                continue;
            };
            // a looked-up word may have '’' where the set has '\'', and be
            // longer for it
            let curly = w.contains('\'');
            for a in [a, if a == b'\'' { 0xE2 } else { a }] {
                for z in [z, if z == b'\'' { 0x99 } else { z }] {
                    for len in 0..8 {
                        if curly || len == w.len() % 8 {
                            ends[a as usize] |= 1 << WordSet::end_bit(z, len);
                        }
                    }
                }
            }
        }
        for w in set {
            match WordSet::key(&w) {
                Some(k) => short.push((k, 1)),
                None => {
                    long.insert(w);
                }
            }
        }
        WordSet {
            ends,
            short: U64Map::new(&short),
            long,
        }
    }

    /// The bit of a word's last byte and length in `ends`.
    #[inline]
    fn end_bit(z: u8, len: usize) -> u32 {
        ((z as u32 & 7) << 3) | (len as u32 & 7)
    }

    /// The packed key of a word of 1 to 8 bytes (none of them NUL).
    #[inline]
    fn key(w: &str) -> Option<u64> {
        if w.is_empty() || w.len() > 8 || w.bytes().any(|b| b == 0) {
            return None;
        }
        Some(Units::pack(w.as_bytes()))
    }

    pub fn contains(&self, w: &str) -> bool {
        let b = w.as_bytes();
        let (Some(&a), Some(&z)) = (b.first(), b.last()) else {
            return false;
        };
        if self
            .ends
            .get(a as usize)
            .is_none_or(|m| m >> WordSet::end_bit(z, b.len()) & 1 == 0)
        {
            return false;
        }
        // the common case in one pass: short, no NUL, no curly apostrophe
        if !b.is_empty() && b.len() <= 8 {
            let (mut k, mut odd) = (0u64, false);
            for (i, &c) in b.iter().enumerate() {
                k |= (c as u64) << (8 * i);
                odd |= c == 0 || c == 0xE2;
            }
            if !odd {
                return self.short.get(k) != NONE;
            }
        }
        if w.len() > 2 && w.bytes().any(|b| b == 0xE2) && w.contains('’') {
            return self.contains(&w.replace('’', "'"));
        }
        match WordSet::key(w) {
            Some(k) => self.short.get(k) != NONE,
            None => self.long.contains(w),
        }
    }
}

/// Whole lower-cased phrases, for multi-word membership ("a number of").
#[derive(Debug, Default, Clone)]
pub struct PhraseList {
    set: rustc_hash::FxHashSet<String>,
    /// Bit `n` for the phrases of `n` bytes (the last bit for 63 and
    /// more): a quick "no" without hashing for most candidates.
    lens: u64,
}

impl PhraseList {
    pub fn new(list: &[String]) -> PhraseList {
        let set: rustc_hash::FxHashSet<String> =
            list.iter().map(|p| p.trim().to_lowercase()).collect();
        let lens = set.iter().fold(0, |m, p| m | 1 << PhraseList::len_bit(p));
        PhraseList { set, lens }
    }

    #[inline]
    fn len_bit(p: &str) -> u32 {
        p.len().min(63) as u32
    }

    pub fn contains(&self, phrase: &str) -> bool {
        self.lens >> PhraseList::len_bit(phrase) & 1 == 1 && self.set.contains(phrase)
    }
}

/// Phrases tested against the end or start of a text ("close to",
/// "south of", "airport"), on whitespace-separated words.
#[derive(Default)]
pub struct SuffixSet {
    set: rustc_hash::FxHashSet<String>,
    /// Packed last and first words of the phrases, up to 8 bytes: a quick
    /// "no" for most ASCII words before the full test.
    last_short: U64Map,
    first_short: U64Map,
    /// The last word of each phrase: a longer candidate must end with one.
    last: rustc_hash::FxHashSet<String>,
    max_words: usize,
    /// The longest word of any phrase, in bytes, with room for punctuation
    /// around it: no longer word can take part in a match, which bounds the
    /// scan on a run-on token ("Arden.Arden.Arden...").
    word_cap: usize,
}

/// Punctuation allowed around a phrase word beyond its own bytes.
const PUNCT_SLACK: usize = 8;

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
        let word_cap = set
            .iter()
            .flat_map(|p| p.split(' '))
            .map(str::len)
            .max()
            .unwrap_or(0)
            + PUNCT_SLACK;
        let last = set
            .iter()
            .filter_map(|p| p.rsplit(' ').next())
            .map(str::to_string)
            .collect();
        let packed = |words: &mut dyn Iterator<Item = &str>| -> U64Map {
            let mut keys: Vec<(u64, u32)> = words
                .filter(|w| !w.is_empty() && w.len() <= 8)
                .map(|w| (Units::pack(w.as_bytes()), 1))
                .filter(|&(k, _)| k != 0)
                .collect();
            keys.sort_unstable();
            keys.dedup();
            U64Map::new(&keys)
        };
        let last_short = packed(&mut set.iter().filter_map(|p| p.rsplit(' ').next()));
        let first_short = packed(&mut set.iter().filter_map(|p| p.split(' ').next()));
        SuffixSet {
            set,
            last_short,
            first_short,
            last,
            max_words,
            word_cap,
        }
    }

    /// The quick "no": neither the word as it stands (`raw`) nor without
    /// its punctuation (`bare`) is in the packed word set `m`. Only for
    /// short ASCII words; all punctuation (an empty `bare`) leaves `raw`
    /// alone to test, as no phrase has an empty word.
    #[inline]
    fn surely_absent(m: &U64Map, raw: &[u8], bare: &[u8]) -> bool {
        let short = |w: &[u8]| !w.is_empty() && w.len() <= 8;
        let absent = |w: &[u8]| m.get(Units::pack(w)) == NONE;
        short(raw) && absent(raw) && (bare.is_empty() || (short(bare) && absent(bare)))
    }

    /// Whether `set` has `w`, as it stands or with curly apostrophes made
    /// straight (the phrases are stored straight).
    fn has(set: &rustc_hash::FxHashSet<String>, w: &str) -> bool {
        set.contains(w) || (w.contains('’') && set.contains(&w.replace('’', "'")))
    }

    /// Whether `before` (lower-cased, the text just before a word) ends with
    /// one of the phrases.
    pub fn ends(&self, before: &str) -> bool {
        let t = before.trim_end();
        // The quick "no": a match ends with the last word, as it stands or
        // without leading punctuation, so one of them must be a phrase's
        // last word. Taken for short ASCII words after an ASCII space.
        let b = t.as_bytes();
        let mut i = b.len();
        let floor = b.len().saturating_sub(self.word_cap + 1);
        while i > floor && b[i - 1] < 0x80 && !matches!(b[i - 1], 0x09..=0x0d | b' ') {
            i -= 1;
        }
        work::add(b.len() - i);
        if i == floor && floor > 0 && b[i - 1] < 0x80 && !b[i - 1].is_ascii_whitespace() {
            // a last word longer than any phrase word
            return false;
        }
        if i == 0 || b[i - 1] < 0x80 {
            let raw = &b[i..];
            let k = raw
                .iter()
                .position(|&c| c.is_ascii_alphanumeric() || c == b'\'' || c == b'-')
                .unwrap_or(raw.len());
            if SuffixSet::surely_absent(&self.last_short, raw, &raw[k..]) {
                return false;
            }
        }
        let mut start = t.len();
        // Where the word after the space at `start` begins (the space may be
        // a multi-byte one, such as a no-break space).
        let mut word_start = t.len();
        for k in 0..self.max_words {
            if k == 1 {
                // the candidates from here on end with the last word as it
                // stands: most of the time no phrase does
                let w = &t[word_start..];
                if !SuffixSet::has(&self.last, w) {
                    return false;
                }
            }
            let hay = t[..start].trim_end();
            let lo = floor_boundary(hay, hay.len().saturating_sub(self.word_cap + 1));
            work::add(hay.len() - lo);
            let Some(sp) = hay[lo..].rfind(|c: char| c.is_whitespace()).map(|i| lo + i) else {
                if lo > 0 {
                    // a word longer than any phrase word
                    return false;
                }
                let cand = t.trim_start();
                return SuffixSet::has(&self.set, cand);
            };
            start = sp;
            word_start = sp + t[sp..].chars().next().map_or(1, char::len_utf8);
            let cand = t[word_start..].trim_start();
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
        // The quick "no": a match starts with the first word, as it stands
        // or without trailing punctuation, so one of them must be a
        // phrase's first word. Taken for short ASCII words before an ASCII
        // space.
        let b = t.as_bytes();
        let mut e = 0;
        let ceiling = b.len().min(self.word_cap + 1);
        while e < ceiling && b[e] < 0x80 && !matches!(b[e], 0x09..=0x0d | b' ') {
            e += 1;
        }
        work::add(e);
        if e == ceiling && ceiling < b.len() && b[e] < 0x80 && !b[e].is_ascii_whitespace() {
            // a first word longer than any phrase word
            return None;
        }
        if e == b.len() || b[e] < 0x80 {
            let raw = &b[..e];
            let mut k = raw.len();
            while k > 0 && matches!(raw[k - 1], b',' | b'.' | b';' | b':' | b')' | b'"') {
                k -= 1;
            }
            if SuffixSet::surely_absent(&self.first_short, raw, &raw[..k]) {
                return None;
            }
        }
        let mut end = 0;
        let mut best = None;
        for _ in 0..self.max_words {
            let rest = &t[end..];
            let lead = rest.len() - rest.trim_start().len();
            let hi = ceil_boundary(rest, (lead + self.word_cap + 1).min(rest.len()));
            work::add(hi - lead);
            let word_end = match rest[lead..hi].find(char::is_whitespace) {
                Some(i) => lead + i,
                None if hi < rest.len() => break, // longer than any phrase word
                None => rest.len(),
            };
            if word_end == lead {
                break;
            }
            end += word_end;
            let cand = t[..end].trim_end_matches([',', '.', ';', ':', ')', '"']);
            if SuffixSet::has(&self.set, cand) {
                best = Some(lead_all + cand.len());
            }
        }
        best
    }
}

/// The nearest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary of `s` at or above `i`.
fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
