//! Who the facts are about and by: whether an article is about this
//! scenario at all, which attacking group took a place, and the facts that
//! change nothing (untracked places, third parties' moves).

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Scenario;
use crate::model::{GroupId, PlaceId};

use super::capitals::Found;
use super::gazetteer::Gaz;
use super::lexicon::{Cue, Lexicon};
use super::matching::Hit;
use super::sentence::Sentence;

/// Whether an article is about the scenario (see [`Sides::scope`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Ours,
    Unknown,
    Foreign,
}

pub struct Sides {
    /// Places from this id on are untracked.
    tracked: PlaceId,
    /// Every attacking group's words, lower-cased.
    groups: FxHashMap<String, GroupId>,
    generic: GroupId,
    /// Descriptions name a place but not this conflict ("the biggest city
    /// in the north").
    descriptions: FxHashSet<String>,
}

impl Sides {
    pub fn new(s: &Scenario) -> Sides {
        let mut groups = FxHashMap::default();
        for (i, g) in s.actors.groups.iter().enumerate() {
            for n in &g.names {
                for v in super::matching::variants(n) {
                    groups.insert(v, GroupId(i as u16));
                }
            }
        }
        Sides {
            tracked: s.places.len() as PlaceId,
            groups,
            generic: s.actors.generic,
            descriptions: s
                .places
                .iter()
                .flat_map(|p| &p.descriptions)
                .map(|d| d.trim().to_lowercase())
                .collect(),
        }
    }

    /// Whether an article is about this scenario: it names one of its
    /// places (tracked or not), provinces or the host country (`Ours`);
    /// it names other countries and none of that (`Foreign`: another
    /// conflict, however its sentences read: "the capital", "the ninth
    /// provincial capital"); or neither (`Unknown`: "The militants took
    /// the nation's second city").
    pub fn scope(&self, lower: &str, gaz: &[Hit<Gaz>]) -> Scope {
        let ours = gaz.iter().any(|h| match h.tag {
            Gaz::Capital(_) => !self.descriptions.contains(&lower[h.start..h.end]),
            Gaz::Province(_) | Gaz::Host => true,
            _ => false,
        });
        if ours {
            Scope::Ours
        } else if gaz.iter().any(|h| matches!(h.tag, Gaz::Country(_))) {
            Scope::Foreign
        } else {
            Scope::Unknown
        }
    }

    /// Whether a fact found in `s` counts: not about an untracked place,
    /// and not a third party's move ("Israeli troops entered", "Russian
    /// forces withdrew from").
    pub fn counts(&self, s: &Sentence, lex: &Lexicon, f: &Found) -> bool {
        f.place < self.tracked && !self.third_party_agent(s, lex, f.at, f.clause)
    }

    /// A third party named before the trigger in its clause with neither
    /// side named there, or after it as the passive's agent ("by Israeli
    /// forces").
    fn third_party_agent(&self, s: &Sentence, lex: &Lexicon, at: usize, clause: usize) -> bool {
        let in_clause = |c: &&Hit<Cue>| s.clause_at(c.start) == clause;
        let before = |bits: Cue| {
            s.cues
                .iter()
                .filter(in_clause)
                .any(|c| c.end <= at && c.tag.intersects(bits))
        };
        if before(Cue::THIRD) && !before(Cue::ATTACKER | Cue::DEFENDER) {
            return true;
        }
        s.cues
            .iter()
            .filter(in_clause)
            .find(|c| c.start >= at && c.tag.intersects(Cue::THIRD | Cue::ATTACKER | Cue::DEFENDER))
            .is_some_and(|c| {
                c.tag.contains(Cue::THIRD)
                    && s.words_between(at, c.start, clause)
                        .any(|w| lex.passive_by.contains(w))
            })
    }

    /// The attacking group the sentence names as taking the place at
    /// trigger `at`: the passive's agent ("taken by X"), else the nearest
    /// group named before the trigger in its clause, else (when the clause
    /// names no attacker at all) the nearest in the sentence. `None` for
    /// the attacking side in general.
    pub fn group(&self, s: &Sentence, lex: &Lexicon, at: usize, clause: usize) -> Option<GroupId> {
        let attackers = || s.cues.iter().filter(|c| c.tag.contains(Cue::ATTACKER));
        let of = |c: &Hit<Cue>| self.groups.get(&s.lower[c.start..c.end]).copied();
        let specific = |c: &Hit<Cue>| of(c).filter(|&g| g != self.generic);
        let in_clause = |c: &&Hit<Cue>| s.clause_at(c.start) == clause;
        let agent = attackers()
            .filter(in_clause)
            .filter(|c| c.start >= at)
            .find(|c| {
                s.words_between(at, c.start, clause)
                    .any(|w| lex.passive_by.contains(w))
            })
            .and_then(specific);
        let before = || {
            attackers()
                .filter(in_clause)
                .rfind(|c| c.end <= at)
                .map(|c| specific(c).or_else(|| self.nearest_specific_before(s, c.start, clause)))
        };
        if let Some(g) = agent {
            return Some(g);
        }
        if let Some(g) = before() {
            return g;
        }
        if attackers().any(|c| in_clause(&c)) {
            return None;
        }
        attackers()
            .filter(|c| c.end <= at)
            .filter_map(specific)
            .next_back()
            .or_else(|| attackers().find_map(specific))
    }

    /// "Front-led rebels seized": a group right before a generic word in
    /// the same clause names who the generic word means.
    fn nearest_specific_before(&self, s: &Sentence, pos: usize, clause: usize) -> Option<GroupId> {
        s.cues
            .iter()
            .filter(|c| c.tag.contains(Cue::ATTACKER) && c.end <= pos)
            .filter(|c| s.clause_at(c.start) == clause)
            .filter(|c| s.lower[c.end..pos].split_whitespace().count() <= 2)
            .filter_map(|c| self.groups.get(&s.lower[c.start..c.end]).copied())
            .rfind(|&g| g != self.generic)
    }
}
