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
        let mut k = String::new();
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
                key_into(&text[start..end], &mut k);
                if let Some(&tag) = self.keys.get(k.as_str()) {
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
///
/// A word is a run between whitespace, less leading brackets and quote
/// marks. Only capitals can start one, and they are a small share of the
/// bytes, so the scan starts from each and looks back.
fn capitalised_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    const LEADING: [char; 5] = ['(', '"', '“', '‘', '\''];
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(move |&i| bytes[i].is_ascii_uppercase())
        .filter_map(move |start| {
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
    fn words_are_found_behind_brackets_and_quotes_only() {
        let words = |t: &'static str| -> Vec<&'static str> {
            capitalised_words(t).map(|(a, b)| &t[a..b]).collect()
        };
        assert_eq!(
            words("(\"Shebarghan's\" fell) to McKay x\"Herat Kabul."),
            ["Shebarghan", "McKay", "Kabul"]
        );
        assert_eq!(words("Ab\u{a0}Cd e-Fg"), ["Ab", "Cd"]);
    }

    #[test]
    fn covered_text_is_left_alone() {
        let mut out = Vec::new();
        names().find("Shebarghan fell", &[(0, 10)], &mut out, &mut Vec::new());
        assert!(out.is_empty());
    }
}
