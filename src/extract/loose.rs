//! Names that drift from their configured spelling ("Shebarghan",
//! "Firuz Koh", "Mazar-e-Sharief"): outlets transliterate freely.
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
use super::matching::Hit;

/// The fewest letters a key needs: shorter ones ("hrt" for Herat) collide
/// with ordinary words.
const MIN_KEY: usize = 4;
/// The most capitalised words one name spans ("Mazar i Sharief").
const MAX_WORDS: usize = 3;
/// Longer than any phrase of a lexicon.
const LONGEST_PHRASE: usize = 256;

/// Keys of configured place names, to the place.
#[derive(Default)]
pub struct LooseNames {
    keys: FxHashMap<Box<str>, Gaz>,
}

/// A name's consonant skeleton.
pub fn key(name: &str) -> String {
    let mut out = String::new();
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
    out
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
                .filter_map(|(k, t)| t.map(|t| (k, t)))
                .collect(),
        }
    }

    /// Loose matches in `text` where no hit in `covered` (sorted by start)
    /// lies, longest first, into `out`; their starts into `starts`.
    pub fn find(
        &self,
        text: &str,
        covered: &[(usize, usize)],
        out: &mut Vec<Hit<Gaz>>,
        starts: &mut Vec<usize>,
    ) {
        if self.keys.is_empty() {
            return;
        }
        let words: Vec<(usize, usize)> = capitalised_words(text).collect();
        // a phrase is short: one overlapping `a..b` starts at most
        // `LONGEST_PHRASE` bytes before it
        let overlaps = |a: usize, b: usize| {
            let i = covered.partition_point(|&(s, _)| s + LONGEST_PHRASE < a);
            covered[i..]
                .iter()
                .take_while(|&&(s, _)| s < b)
                .any(|&(_, e)| e > a)
        };
        let mut i = 0;
        while i < words.len() {
            let mut matched = 0;
            for n in (1..=MAX_WORDS.min(words.len() - i)).rev() {
                let (start, end) = (words[i].0, words[i + n - 1].1);
                // one run of capitalised words, spaces between
                let joined = words[i..i + n]
                    .windows(2)
                    .all(|w| text[w[0].1..w[1].0].chars().all(|c| c == ' '));
                if !joined || overlaps(start, end) {
                    continue;
                }
                if let Some(&tag) = self.keys.get(key(&text[start..end]).as_str()) {
                    out.push(Hit { start, end, tag });
                    starts.push(start);
                    matched = n;
                    break;
                }
            }
            i += matched.max(1);
        }
    }
}

/// Words that start with a capital letter, without trailing punctuation
/// or a possessive ("Shebarghan's"), as byte ranges.
fn capitalised_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    text.split_inclusive(char::is_whitespace)
        .filter_map(move |w| {
            let start = pos;
            pos += w.len();
            let word = w.trim_end();
            let word = word.trim_start_matches(['(', '"', '“', '‘', '\'']);
            let start = start + (w.trim_end().len() - word.len());
            let word = word
                .trim_end_matches(['.', ',', ';', ':', ')', '"', '”', '’', '\'', '!', '?'])
                .trim_end_matches("'s")
                .trim_end_matches("’s");
            (word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
            .then(|| (start, start + word.len()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> LooseNames {
        LooseNames::new(
            [
                ("sheberghan", Gaz::Capital(1)),
                ("feroz koh", Gaz::Capital(2)),
                ("mazar-i-sharif", Gaz::Capital(3)),
                ("herat", Gaz::Capital(4)),
                ("sar-e pol", Gaz::Capital(5)),
                ("sar-e pul", Gaz::Province(5)),
                ("sarpul", Gaz::Capital(6)),
            ],
            ["taliban", "sharp"],
        )
    }

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        names().find(text, &[], &mut out, &mut Vec::new());
        out.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn drifting_spellings_match() {
        assert_eq!(found("Fighters entered Shebarghan."), ["Shebarghan"]);
        assert_eq!(
            found("Firuz Koh fell, and Mazar-e-Sharief"),
            ["Firuz Koh", "Mazar-e-Sharief"]
        );
    }

    #[test]
    fn ordinary_and_ambiguous_words_do_not() {
        // lower case, too short a key, a guarded word, a key of two places
        assert!(found("the shebarghan road").is_empty());
        assert!(found("Harat was calm").is_empty());
        assert!(found("Taleban fighters").is_empty());
        assert!(found("Sarepol and Saripol").is_empty());
    }

    #[test]
    fn a_city_named_like_its_province_is_the_city() {
        let n = LooseNames::new(
            [("kunduz", Gaz::Capital(1)), ("kunduz", Gaz::Province(1))],
            [],
        );
        let mut out = Vec::new();
        n.find("Qunduz fell", &[], &mut out, &mut Vec::new());
        assert_eq!(out.first().map(|h| h.tag), Some(Gaz::Capital(1)));
    }

    #[test]
    fn covered_text_is_left_alone() {
        let mut out = Vec::new();
        names().find("Shebarghan fell", &[(0, 10)], &mut out, &mut Vec::new());
        assert!(out.is_empty());
    }
}
