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
    /// A tracked place, or (from `Scenario::places.len()` on) an untracked
    /// one: a name, alias or description.
    Capital(PlaceId),
    /// A size rank ("the third-largest city"): the place, unless a foreign
    /// owner goes with it ("France's third-largest city").
    Rank(PlaceId),
    /// A proper name of the host country ("Ruritania").
    Host,
    /// Province of the capital with this id.
    Province(PlaceId),
    Country(CountryId),
    /// A country name that must match in capitals ("US", not "us").
    CountryUpper(CountryId),
    /// "the second and third largest cities"
    Ranks(PlaceId, PlaceId),
    NationalCapital(PlaceId),
    CityAnaphor,
    /// "both cities": the places of the list named last.
    PluralAnaphor,
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
    /// "city": a name's own noun ("Arden City").
    pub city_nouns: WordSet,
    /// "the capital": after a province set as the scene, its capital.
    pub scene_capital: Vec<String>,
    provincial_anaphora: Vec<String>,
    /// Owners of a rank that keep it in the host country ("the country's",
    /// "its"), lower-cased.
    home_owners: Vec<String>,
    possessive_suffixes: Vec<String>,
}

/// An ordinal in words ("third") and in digits with each of the
/// language's suffixes ("3rd"; the odd "3th" matches nothing real).
fn ordinal_forms(n: u32, numbers: &crate::config::NumberWords) -> Vec<String> {
    let mut v: Vec<String> = numbers
        .ordinals
        .iter()
        .filter(|(_, &x)| x == n)
        .map(|(w, _)| w.clone())
        .collect();
    v.extend(numbers.ordinal_suffixes.iter().map(|s| format!("{n}{s}")));
    v
}

/// The ways of naming a province after its own capital: "the province of
/// the same name", "the eponymous province", "its namesake province".
fn same_name_provinces(
    province_words: &[String],
    words: &crate::config::FunctionWords,
) -> Vec<String> {
    let mut v = Vec::new();
    let dets = || words.determiners.iter().map(|d| format!("{d} "));
    for w in province_words {
        for post in &words.same_name {
            v.push(format!("{w} {post}"));
            v.extend(dets().map(|d| format!("{d}{w} {post}")));
        }
        for m in &words.same_name_modifiers {
            v.push(format!("{m} {w}"));
            v.extend(dets().map(|d| format!("{d}{m} {w}")));
            v.extend(words.possessives.iter().map(|p| format!("{p} {m} {w}")));
        }
    }
    v
}

impl Gazetteer {
    pub fn new(s: &Scenario) -> Gazetteer {
        let cx = &s.lexicon.context;
        let mut e: Vec<(String, Gaz)> = Vec::new();
        // "az-Zarden", "al-Arden": a name with the article of its language
        let names = &s.scenario.names;
        let push_name = |e: &mut Vec<(String, Gaz)>, n: &String, tag: Gaz| {
            for a in names.articled(n) {
                e.push((a, tag));
            }
            e.push((n.clone(), tag));
        };
        for (i, p) in s.places.iter().enumerate() {
            let id = i as PlaceId;
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                push_name(&mut e, n, Gaz::Capital(id));
            }
            for d in &p.descriptions {
                e.push((d.clone(), Gaz::Capital(id)));
            }
        }
        // untracked places follow the tracked ones: the text can name them
        // (and "the town" after one means it), but they are never facts
        let tracked = s.places.len();
        for (j, u) in s.untracked.iter().enumerate() {
            let id = (tracked + j) as PlaceId;
            for n in std::iter::once(&u.name).chain(&u.aliases) {
                push_name(&mut e, n, Gaz::Capital(id));
            }
        }
        for (i, p) in s.places.iter().enumerate() {
            let id = i as PlaceId;
            for n in std::iter::once(&p.province).chain(&p.province_aliases) {
                push_name(&mut e, n, Gaz::Province(id));
            }
        }
        for (j, u) in s.untracked.iter().enumerate() {
            let id = (tracked + j) as PlaceId;
            for n in u.province.iter().chain(&u.province_aliases) {
                push_name(&mut e, n, Gaz::Province(id));
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
            // "the Americans", "the Pakistanis"
            for d in &c.demonyms {
                if s.language
                    .words
                    .demonym_plural_endings
                    .iter()
                    .any(|end| d.ends_with(end.as_str()))
                {
                    e.push((format!("{d}s"), Gaz::Country(id)));
                }
            }
        }
        // Ranks: "the country's third-largest city", "second city",
        // "the second and third largest cities".
        let ords = &s.language.numbers;
        let words = &s.language.words;
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
                        e.push((format!("{o}-{size} {noun}"), Gaz::Rank(id)));
                    }
                }
                if r > 1 {
                    for noun in &cx.city_nouns {
                        e.push((format!("{o} {noun}"), Gaz::Rank(id)));
                    }
                }
            }
            for &(r2, id2) in &ranked {
                if r2 <= r {
                    continue;
                }
                for o1 in ordinal_forms(r, ords) {
                    for o2 in ordinal_forms(r2, ords) {
                        for size in &cx.size_words {
                            for and in &words.conjunctions {
                                for noun in &cx.city_nouns {
                                    e.push((
                                        format!("{o1} {and} {o2}-{size} {noun}"),
                                        Gaz::Ranks(id, id2),
                                    ));
                                }
                            }
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
        for a in &cx.plural_anaphora {
            e.push((a.clone(), Gaz::PluralAnaphor));
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
        // "the capital of the province of the same name" names no province:
        // it describes the city itself, so it reads like "the city"
        let same_name = same_name_provinces(&cx.province_words, words);
        for c in &cx.capital_of {
            for t in &same_name {
                e.push((format!("{c} {t}"), Gaz::CityAnaphor));
            }
        }
        // "the city of the same name" after a province is its capital
        let mut same_name_anaphora = Vec::new();
        for a in &cx.city_anaphora {
            for post in &words.same_name {
                same_name_anaphora.push(format!("{a} {post}").to_lowercase());
                e.push((format!("{a} {post}"), Gaz::CityAnaphor));
            }
        }
        for w in &cx.province_words {
            for that in &words.demonstratives {
                e.push((format!("{that} {w}"), Gaz::ThatProvince));
            }
        }
        for n in cx.city_nouns.iter().chain(&cx.place_nouns) {
            for of in &words.name_of {
                for d in &words.determiners {
                    e.push((format!("{d} {n} {of}"), Gaz::Skip));
                }
                e.push((format!("{n} {of}"), Gaz::Skip));
            }
        }
        for h in s
            .scenario
            .host_names
            .iter()
            .filter(|h| h.starts_with(char::is_uppercase))
        {
            e.push((h.clone(), Gaz::Host));
        }
        let provincial_anaphora = cx
            .city_anaphora
            .iter()
            .filter(|a| cx.province_words.iter().any(|w| a.contains(w.as_str())))
            .map(|a| a.to_lowercase())
            .chain(same_name_anaphora)
            .collect();
        Gazetteer {
            set: PhraseSet::new(e),
            province_suffix: SuffixSet::new(&cx.province_capital_suffix),
            landmark_before: SuffixSet::new(&cx.landmark_before),
            landmark_after: SuffixSet::new(&cx.landmark_after),
            people: WordSet::new([&cx.people]),
            apposition: cx.apposition.iter().map(|a| a.to_lowercase()).collect(),
            province_words: SuffixSet::new(&cx.province_words),
            city_nouns: WordSet::new([&cx.city_nouns]),
            scene_capital: cx.scene_capital.iter().map(|x| x.to_lowercase()).collect(),
            provincial_anaphora,
            home_owners: s
                .scenario
                .host_names
                .iter()
                .map(|h| {
                    let h = h.trim().to_lowercase();
                    match h.split_once(' ') {
                        Some((d, rest)) if words.determiners.iter().any(|x| x == d) => {
                            rest.to_string()
                        }
                        _ => h,
                    }
                })
                .chain(words.possessives.iter().map(|p| p.to_lowercase()))
                .collect(),
            possessive_suffixes: words
                .possessive_suffixes
                .iter()
                .flat_map(|p| [p.to_lowercase(), p.replace('\'', "’")])
                .collect(),
        }
    }

    /// Whether a rank phrase at `start..end` of `text` belongs to another
    /// country: a possessive owner that is not the host ("France's
    /// third-largest city"), or a capitalized name after a locative or
    /// "of" that is not the host ("the second city of France").
    pub fn foreign_rank(
        &self,
        text: &str,
        start: usize,
        end: usize,
        locative: impl Fn(&str) -> bool,
    ) -> bool {
        let before = text[..start].trim_end();
        let owner = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if let Some(stem) = self
            .possessive_suffixes
            .iter()
            .find_map(|suf| owner.strip_suffix(suf.as_str()))
        {
            let stem = stem.trim_matches(|c: char| !c.is_alphanumeric());
            if !stem.is_empty() && !self.home_owners.iter().any(|h| h == stem) {
                return true;
            }
        }
        let mut after = text[end..].split_whitespace();
        let (Some(prep), Some(name)) = (after.next(), after.next()) else {
            return false;
        };
        let name = name.trim_matches(|c: char| !c.is_alphanumeric());
        locative(&prep.to_lowercase())
            && name.starts_with(char::is_uppercase)
            && !self.home_owners.iter().any(|h| h == &name.to_lowercase())
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
