//! Names that drift from their configured spelling ("Ardenn",
//! "West Marsh", "Bryn-e-Calder"): outlets transliterate freely.
//!
//! A name's key is its consonant skeleton: letters only, vowels dropped
//! after the first letter, doubled letters single, "q" as "k". A run of
//! capitalised words that no phrase of the lexicon or gazetteer covers
//! matches the place whose key it shares. The guard: a key needs
//! [`MIN_KEY`] letters, belongs to one place only, and is no key of
//! anything else the lexicon names (actors, countries, cue words), so an
//! ordinary word never matches.

use rustc_hash::FxHashMap;

use super::gazetteer::Gaz;
use super::matching::{ascii_capitals, Hit};

/// The fewest letters a key needs: shorter ones ("rdn" for Arden) collide
/// with ordinary words.
const MIN_KEY: usize = 4;
/// The most capitalised words one name spans ("Bryn i Calder").
const MAX_WORDS: usize = 3;
/// Longer than any phrase of a lexicon.
pub const LONGEST_PHRASE: usize = 256;

/// Keys of configured place names, to the place.
#[derive(Default)]
pub struct LooseNames {
    keys: FxHashMap<Box<[u8]>, Gaz>,
}

/// A name's consonant skeleton.
pub fn key(name: &str) -> String {
    let mut out = String::new();
    key_into(name, &mut out);
    out
}

/// [`key`] into a buffer the caller keeps, as matching runs once per word.
fn key_into(name: &str, out: &mut String) {
    out.clear();
    for c in name.chars().filter(char::is_ascii_alphabetic) {
        let c = match c.to_ascii_lowercase() {
            'q' => 'k',
            c => c,
        };
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if (vowel && !out.is_empty()) || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
}

impl LooseNames {
    /// From the gazetteer's phrases (places are matched loosely, the rest
    /// guard) and every other phrase of the lexicon (they only guard).
    pub fn new<'a>(
        places: impl IntoIterator<Item = (&'a str, Gaz)>,
        others: impl IntoIterator<Item = &'a str>,
    ) -> LooseNames {
        let mut keys: FxHashMap<Box<str>, Option<Gaz>> = FxHashMap::default();
        for (name, tag) in places {
            let k = key(name);
            let tag = match tag {
                Gaz::Capital(_) | Gaz::Province(_) => Some(tag),
                _ => None,
            };
            keys.entry(k.into())
                .and_modify(|t| {
                    *t = match (*t, tag) {
                        (a, b) if a == b => a,
                        // a city named like its province is the city
                        (Some(Gaz::Capital(p)), Some(Gaz::Province(q)))
                        | (Some(Gaz::Province(q)), Some(Gaz::Capital(p)))
                            if p == q =>
                        {
                            Some(Gaz::Capital(p))
                        }
                        _ => None,
                    }
                })
                .or_insert(tag);
        }
        for other in others {
            keys.insert(key(other).into(), None);
        }
        LooseNames {
            keys: keys
                .into_iter()
                .filter(|(k, _)| k.len() >= MIN_KEY)
                .filter_map(|(k, t)| t.map(|t| (k.into_boxed_bytes(), t)))
                .collect(),
        }
    }

    /// Loose matches in `text` where no hit in `covered` (sorted by start)
    /// lies, longest first, into `out`; their starts into `starts`.
    #[cfg(test)]
    pub fn find(
        &self,
        text: &str,
        covered: &[(usize, usize)],
        out: &mut Vec<Hit<Gaz>>,
        starts: &mut Vec<usize>,
    ) {
        // a phrase is short: one overlapping `a..b` starts at most
        // `LONGEST_PHRASE` bytes before it
        let overlaps = |a: usize, b: usize| {
            let i = covered.partition_point(|&(s, _)| s + LONGEST_PHRASE < a);
            covered[i..]
                .iter()
                .take_while(|&&(s, _)| s < b)
                .any(|&(_, e)| e > a)
        };
        self.find_with(text, overlaps, &mut LooseBuf::default(), out, starts);
    }

    /// [`LooseNames::find`] with buffers kept by the caller; `overlaps(a,
    /// b)` tells whether a phrase the lexicon or gazetteer matched lies
    /// across `a..b`, and is asked only once a key matches, as few do.
    pub fn find_with(
        &self,
        text: &str,
        mut overlaps: impl FnMut(usize, usize) -> bool,
        buf: &mut LooseBuf,
        out: &mut Vec<Hit<Gaz>>,
        starts: &mut Vec<usize>,
    ) {
        if self.keys.is_empty() {
            return;
        }
        let LooseBuf { words, key: k } = buf;
        words.clear();
        capitalised_words(text, words);
        let b = text.as_bytes();
        let mut i = 0;
        while i < words.len() {
            // the run of capitalised words from `i`, spaces between: a
            // key is built as it streams, so the key of the first `n`
            // words is the first `lens[n]` bytes of the key of them all
            let mut n_max = 1;
            while n_max < MAX_WORDS.min(words.len() - i)
                && b[words[i + n_max - 1].1..words[i + n_max].0]
                    .iter()
                    .all(|&c| c == b' ')
            {
                n_max += 1;
            }
            k.clear();
            let mut lens = [0usize; MAX_WORDS + 1];
            for n in 1..=n_max {
                key_push(&b[words[i + n - 1].0..words[i + n - 1].1], k);
                lens[n] = k.len();
            }
            let mut matched = 0;
            for n in (1..=n_max).rev() {
                if lens[n] < MIN_KEY {
                    break;
                }
                let Some(&tag) = self.keys.get(&k[..lens[n]]) else {
                    continue;
                };
                let (start, end) = (words[i].0, words[i + n - 1].1);
                if overlaps(start, end) {
                    continue;
                }
                out.push(Hit { start, end, tag });
                starts.push(start);
                matched = n;
                break;
            }
            i += matched.max(1);
        }
    }
}

/// The working buffers of [`LooseNames::find_with`].
#[derive(Default)]
pub struct LooseBuf {
    words: Vec<(usize, usize)>,
    key: Vec<u8>,
}

/// [`key_into`] streamed: appends the skeleton of `word` (ASCII letters
/// and hyphens, or spaces) to the key so far.
fn key_push(word: &[u8], out: &mut Vec<u8>) {
    for &c in word {
        if !c.is_ascii_alphabetic() {
            continue;
        }
        let c = match c.to_ascii_lowercase() {
            b'q' => b'k',
            c => c,
        };
        let vowel = matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        if (vowel && !out.is_empty()) || out.last() == Some(&c) {
            continue;
        }
        out.push(c);
    }
}

/// Whether `s` ends with a whitespace char.
fn ends_with_whitespace(s: &str) -> bool {
    match s.as_bytes().last() {
        None => false,
        Some(&c) if c < 0x80 => (c as char).is_whitespace(),
        Some(_) => s.chars().next_back().is_some_and(char::is_whitespace),
    }
}

/// Words that start with a capital letter, without trailing punctuation
/// or a possessive ("Shebarghan's"), as byte ranges, into `out`.
///
/// A word is a run between whitespace, less leading brackets and quote
/// marks. Only capitals can start one, and they are a small share of the
/// bytes, so the scan starts from each and looks back.
fn capitalised_words(text: &str, out: &mut Vec<(usize, usize)>) {
    ascii_capitals(text.as_bytes(), |start| word_at(text, start, out));
}

/// The capitalised word at `start`, a capital, if one starts there.
#[inline]
fn word_at(text: &str, start: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    // before it: only leading marks back to whitespace or the start
    let mut k = start;
    loop {
        if k > 0 && matches!(bytes[k - 1], b'(' | b'"' | b'\'') {
            k -= 1;
        } else if k >= 3
            && bytes[k - 3] == 0xE2
            && bytes[k - 2] == 0x80
            && matches!(bytes[k - 1], 0x9C | 0x98)
        {
            // '“', '‘'
            k -= 3;
        } else {
            break;
        }
    }
    if k > 0 && !ends_with_whitespace(&text[..k]) {
        return;
    }
    // the common case: letters and hyphens up to whitespace or the end
    let mut j = start + 1;
    while j < bytes.len() && (bytes[j].is_ascii_alphabetic() || bytes[j] == b'-') {
        j += 1;
    }
    if j == bytes.len() || (bytes[j] < 0x80 && (bytes[j] as char).is_whitespace()) {
        out.push((start, j));
        return;
    }
    let end = text[j..]
        .find(char::is_whitespace)
        .map_or(text.len(), |k| j + k);
    let mut word =
        text[start..end].trim_end_matches(['.', ',', ';', ':', ')', '"', '”', '’', '\'', '!', '?']);
    while let Some(w) = word.strip_suffix("'s") {
        word = w;
    }
    while let Some(w) = word.strip_suffix("’s") {
        word = w;
    }
    if word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
    {
        out.push((start, start + word.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> LooseNames {
        LooseNames::new(
            [
                ("shelverdan", Gaz::Capital(1)),
                ("teroz mol", Gaz::Capital(2)),
                ("pazar-i-sharif", Gaz::Capital(3)),
                ("berat", Gaz::Capital(4)),
                ("dar-e tol", Gaz::Capital(5)),
                ("dar-e tul", Gaz::Province(5)),
                ("dartul", Gaz::Capital(6)),
            ],
            ["tolivan", "sharp"],
        )
    }

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        names().find(text, &[], &mut out, &mut Vec::new());
        out.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn drifting_spellings_match() {
        assert_eq!(found("Fighters entered Shelvardan."), ["Shelvardan"]);
        assert_eq!(
            found("Tiruz Mol fell, and Pazar-e-Sharief"),
            ["Tiruz Mol", "Pazar-e-Sharief"]
        );
    }

    #[test]
    fn ordinary_and_ambiguous_words_do_not() {
        // lower case, too short a key, a guarded word, a key of two places
        assert!(found("the shelvardan road").is_empty());
        assert!(found("Barat was calm").is_empty());
        assert!(found("Tolevan fighters").is_empty());
        assert!(found("Daretol and Daritol").is_empty());
    }

    #[test]
    fn a_city_named_like_its_province_is_the_city() {
        let n = LooseNames::new(
            [("kelduz", Gaz::Capital(1)), ("kelduz", Gaz::Province(1))],
            [],
        );
        let mut out = Vec::new();
        n.find("Qelduz fell", &[], &mut out, &mut Vec::new());
        assert_eq!(out.first().map(|h| h.tag), Some(Gaz::Capital(1)));
    }

    #[test]
    fn words_are_found_behind_brackets_and_quotes_only() {
        let words = |t: &'static str| -> Vec<&'static str> {
            let mut w = Vec::new();
            capitalised_words(t, &mut w);
            w.iter().map(|&(a, b)| &t[a..b]).collect()
        };
        assert_eq!(
            words("(\"Shelvardan's\" fell) to McKay x\"Berat Ostrava."),
            ["Shelvardan", "McKay", "Ostrava"]
        );
        assert_eq!(words("Ab\u{a0}Cd e-Fg"), ["Ab", "Cd"]);
    }

    /// The scan as first written: from each capital, look back and on.
    fn reference_words(text: &str) -> Vec<(usize, usize)> {
        const LEADING: [char; 5] = ['(', '"', '“', '‘', '\''];
        let bytes = text.as_bytes();
        (0..bytes.len())
            .filter(|&i| bytes[i].is_ascii_uppercase())
            .filter_map(|start| {
                let before = text[..start].trim_end_matches(LEADING);
                if !before.is_empty() && !before.ends_with(char::is_whitespace) {
                    return None;
                }
                let end = text[start..]
                    .find(char::is_whitespace)
                    .map_or(text.len(), |k| start + k);
                let word = text[start..end]
                    .trim_end_matches(['.', ',', ';', ':', ')', '"', '”', '’', '\'', '!', '?'])
                    .trim_end_matches("'s")
                    .trim_end_matches("’s");
                (word.starts_with(|c: char| c.is_ascii_uppercase())
                    && word.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
                .then(|| (start, start + word.len()))
            })
            .collect()
    }

    #[test]
    fn word_scan_agrees_with_the_reference() {
        let parts = [
            "A", "Ab", "McKay", "x", "-", " ", "  ", "\n", "\u{b}", "\u{a0}", "\u{2003}", "(",
            "\"", "“", "‘", "'", "’", "'s", "’s", ".", ",", "?", ")", "”", "é", "É", "Z", "[", "@",
            "`", "9", "ñ", "Ostrava", "the",
        ];
        let mut seed: u64 = 12345;
        let mut rnd = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..20_000 {
            let text: String = (0..rnd(30)).map(|_| parts[rnd(parts.len())]).collect();
            let mut got = Vec::new();
            capitalised_words(&text, &mut got);
            assert_eq!(got, reference_words(&text), "{text:?}");
        }
    }

    #[test]
    fn covered_text_is_left_alone() {
        let mut out = Vec::new();
        names().find("Shebarghan fell", &[(0, 10)], &mut out, &mut Vec::new());
        assert!(out.is_empty());
    }
}
