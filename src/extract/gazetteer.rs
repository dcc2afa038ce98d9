//! Places and countries named in a sentence, with descriptions and
//! anaphora ("the capital of Westmarch province", "the country's
//! second-largest city", "the city", "which") resolved to capitals.

use crate::config::Scenario;
use crate::model::{CountryId, PlaceId};

use super::lexicon::Slots;
use super::matching::{Hit, Merge, PhraseSet, SuffixSet, WordSet};

/// What a gazetteer phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gaz {
    Capital(PlaceId),
    /// Province of the capital with this id.
    Province(PlaceId),
    Country(CountryId),
    /// A country name that must match in capitals ("US", not "us").
    CountryUpper(CountryId),
    /// "the second and third largest cities"
    Ranks(PlaceId, PlaceId),
    NationalCapital(PlaceId),
    CityAnaphor,
    Pronoun,
    Possessive,
    Relative,
    CapitalOf,
    /// Like `CapitalOf`, but only before a province named as one ("the
    /// centre of Eastmarch province").
    SeatOf,
    /// "that province"
    ThatProvince,
    /// "the city of" before a name: adds nothing.
    Skip,
}

impl Merge for Gaz {
    /// On a clash the first list wins: capitals before provinces before the
    /// rest, in the order the gazetteer is built.
    fn merge(self, _other: Self) -> Self {
        self
    }
}

pub struct Gazetteer {
    pub set: PhraseSet<Gaz>,
    pub province_suffix: SuffixSet,
    pub landmark_before: SuffixSet,
    pub landmark_after: SuffixSet,
    pub people: WordSet,
    apposition: Vec<String>,
    pub province_words: SuffixSet,
    provincial_anaphora: Vec<String>,
}

fn ordinal_forms(n: u32, ordinals: &std::collections::BTreeMap<String, u32>) -> Vec<String> {
    let mut v: Vec<String> = ordinals
        .iter()
        .filter(|(_, &x)| x == n)
        .map(|(w, _)| w.clone())
        .collect();
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    v.push(format!("{n}{suffix}"));
    v
}

impl Gazetteer {
    pub fn new(s: &Scenario) -> Gazetteer {
        let cx = &s.lexicon.context;
        let mut e: Vec<(String, Gaz)> = Vec::new();
        for (i, p) in s.places.iter().enumerate() {
            let id = i as PlaceId;
            e.push((p.name.clone(), Gaz::Capital(id)));
            for a in &p.aliases {
                e.push((a.clone(), Gaz::Capital(id)));
            }
            for d in &p.descriptions {
                e.push((d.clone(), Gaz::Capital(id)));
            }
        }
        for (i, p) in s.places.iter().enumerate() {
            let id = i as PlaceId;
            e.push((p.province.clone(), Gaz::Province(id)));
            for a in &p.province_aliases {
                e.push((a.clone(), Gaz::Province(id)));
            }
        }
        for (i, c) in s.countries.iter().enumerate() {
            let id = i as CountryId;
            for n in std::iter::once(&c.name)
                .chain(&c.aliases)
                .chain(&c.demonyms)
                .chain(&c.metonyms)
            {
                let upper = n.len() <= 4
                    && n.chars().any(|ch| ch.is_alphabetic())
                    && n.chars().all(|ch| !ch.is_lowercase());
                let tag = if upper {
                    Gaz::CountryUpper(id)
                } else {
                    Gaz::Country(id)
                };
                e.push((n.clone(), tag));
            }
        }
        // Ranks: "the country's third-largest city", "second city",
        // "the second and third largest cities".
        let ords = &s.language.numbers.ordinals;
        let ranked: Vec<(u32, PlaceId)> = s
            .places
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.rank.map(|r| (r, i as PlaceId)))
            .collect();
        // The owner ("the country's", "Ruritania's") is optional and
        // left out of the phrase: it adds nothing and multiplies patterns.
        for &(r, id) in &ranked {
            for o in ordinal_forms(r, ords) {
                for size in &cx.size_words {
                    for noun in &cx.city_nouns {
                        e.push((format!("{o}-{size} {noun}"), Gaz::Capital(id)));
                    }
                }
                if r > 1 {
                    e.push((format!("{o} city"), Gaz::Capital(id)));
                }
            }
            for &(r2, id2) in &ranked {
                if r2 <= r {
                    continue;
                }
                for o1 in ordinal_forms(r, ords) {
                    for o2 in ordinal_forms(r2, ords) {
                        for size in &cx.size_words {
                            e.push((format!("{o1} and {o2}-{size} cities"), Gaz::Ranks(id, id2)));
                        }
                    }
                }
            }
        }
        let slots = Slots::new(s);
        if let Some(k) = s.places.iter().position(|p| p.national_capital) {
            let id = k as PlaceId;
            for p in slots.expand_all(&cx.national_capital) {
                e.push((p, Gaz::NationalCapital(id)));
            }
        }
        for a in &cx.city_anaphora {
            e.push((a.clone(), Gaz::CityAnaphor));
            // "the city" -> "the entire city", "the besieged city"
            if let Some((det, head)) = a.split_once(' ') {
                if s.language.words.definite.iter().any(|d| d == det) {
                    for m in &cx.anaphor_modifiers {
                        e.push((format!("{det} {m} {head}"), Gaz::CityAnaphor));
                    }
                }
            }
        }
        for p in &cx.pronouns {
            e.push((p.clone(), Gaz::Pronoun));
        }
        for p in &cx.possessive_pronouns {
            e.push((p.clone(), Gaz::Possessive));
        }
        for p in &s.language.sentences.relative_pronouns {
            e.push((p.clone(), Gaz::Relative));
        }
        for c in &cx.capital_of {
            e.push((c.clone(), Gaz::CapitalOf));
        }
        for c in &cx.seat_of {
            e.push((c.clone(), Gaz::SeatOf));
        }
        for w in &cx.province_words {
            e.push((format!("that {w}"), Gaz::ThatProvince));
        }
        for n in cx.city_nouns.iter().chain(&cx.place_nouns) {
            for d in &s.language.words.determiners {
                e.push((format!("{d} {n} of"), Gaz::Skip));
            }
            e.push((format!("{n} of"), Gaz::Skip));
        }
        let provincial_anaphora = cx
            .city_anaphora
            .iter()
            .filter(|a| cx.province_words.iter().any(|w| a.contains(w.as_str())))
            .map(|a| a.to_lowercase())
            .collect();
        Gazetteer {
            set: PhraseSet::new(e),
            province_suffix: SuffixSet::new(&cx.province_capital_suffix),
            landmark_before: SuffixSet::new(&cx.landmark_before),
            landmark_after: SuffixSet::new(&cx.landmark_after),
            people: WordSet::new([&cx.people]),
            apposition: cx.apposition.iter().map(|a| a.to_lowercase()).collect(),
            province_words: SuffixSet::new(&cx.province_words),
            provincial_anaphora,
        }
    }

    /// Short upper-case country names ("US") only match in capitals.
    pub fn check_case(&self, hits: &mut Vec<Hit<Gaz>>, original: &str) {
        hits.retain_mut(|h| {
            if let Gaz::CountryUpper(c) = h.tag {
                if original[h.start..h.end].chars().any(|ch| ch.is_lowercase()) {
                    return false;
                }
                h.tag = Gaz::Country(c);
            }
            true
        });
    }

    /// Whether `between` (the text between a description and a name) only
    /// joins them: "", ",", ", also called".
    pub fn is_apposition(&self, between: &str) -> bool {
        let t = between.trim().trim_start_matches(',').trim();
        t.is_empty() || self.apposition.iter().any(|a| a == t)
    }

    pub fn is_provincial_anaphor(&self, phrase: &str) -> bool {
        self.provincial_anaphora.iter().any(|a| a == phrase)
    }
}
