//! The trigger and cue lexicons of `lexicon.toml`, compiled.

use crate::config::{EventWords, Scenario};

use rustc_hash::FxHashMap;

use super::phrases::{PhraseList, PhraseSet, SuffixSet, WordSet};

/// Event trigger bits.
pub mod ev {
    pub const FALL_OBJ: u64 = 1;
    pub const FALL_SUBJ: u64 = 1 << 1;
    pub const FALL_OBJ_ATT: u64 = 1 << 2;
    pub const FALL_SUBJ_ATT: u64 = 1 << 3;
    pub const FALL_OBJ_DEF: u64 = 1 << 4;
    pub const CONTEST_OBJ: u64 = 1 << 5;
    pub const CONTEST_SUBJ: u64 = 1 << 6;
    pub const CONTEST_EITHER: u64 = 1 << 7;
    pub const REPEL: u64 = 1 << 8;
    pub const RECAP_OBJ: u64 = 1 << 9;
    pub const RECAP_SUBJ: u64 = 1 << 10;
    pub const NOT: u64 = 1 << 11;
    pub const FALL: u64 = FALL_OBJ | FALL_SUBJ | FALL_OBJ_ATT | FALL_SUBJ_ATT | FALL_OBJ_DEF;
}

/// Cue bits.
pub mod cue {
    pub const SPEECH: u64 = 1;
    pub const SPEECH_AFTER: u64 = 1 << 1;
    pub const CLAIM: u64 = 1 << 2;
    pub const DENY: u64 = 1 << 3;
    pub const NEG: u64 = 1 << 4;
    pub const NEG_PSEUDO: u64 = 1 << 5;
    pub const MODAL: u64 = 1 << 6;
    pub const HISTORY: u64 = 1 << 7;
    pub const HISTORY_PSEUDO: u64 = 1 << 8;
    pub const ATTACKER: u64 = 1 << 9;
    pub const DEFENDER: u64 = 1 << 10;
}

/// Deployment bits.
pub mod dep {
    pub const VERB: u64 = 1;
    pub const EVAC: u64 = 1 << 1;
    pub const TROOPS: u64 = 1 << 2;
    pub const ASSET: u64 = 1 << 3;
    pub const CIVILIAN: u64 = 1 << 4;
    pub const NOT_SENDER: u64 = 1 << 5;
    pub const ADDITIONAL: u64 = 1 << 6;
    pub const TOTAL: u64 = 1 << 7;
    pub const PREVIOUS: u64 = 1 << 8;
    pub const WITHDRAW: u64 = 1 << 9;
    pub const HEDGE: u64 = 1 << 10;
}

/// Tally bits.
pub mod tal {
    pub const NOUN: u64 = 1;
    pub const ORD_NOUN: u64 = 1 << 1;
    pub const PARTIAL_AFTER: u64 = 1 << 2;
    pub const DISQUALIFY: u64 = 1 << 3;
    pub const TOTAL: u64 = 1 << 4;
    pub const FALL_WORD: u64 = 1 << 5;
}

pub struct Lexicon {
    pub events: PhraseSet<u64>,
    pub cues: PhraseSet<u64>,
    pub deploy: PhraseSet<u64>,
    pub tally: PhraseSet<u64>,
    pub breaks: PhraseSet<u64>,
    pub collective: PhraseSet<u64>,
    pub relative_pronouns: WordSet,
    pub attempt: SuffixSet,
    pub not_sender_before: SuffixSet,
    pub confirm_words: WordSet,
    pub object_gap: WordSet,
    pub contest_gap: WordSet,
    pub subject_gap: WordSet,
    pub list_gap: WordSet,
    pub number_gap: WordSet,
    pub partial_between: WordSet,
    pub approximators: WordSet,
    pub vague: PhraseList,
    pub units: FxHashMap<String, u32>,
    pub scales: FxHashMap<String, u32>,
    pub ordinals: FxHashMap<String, u32>,
    /// First words of every number word or phrase, to skip other words fast.
    pub number_starts: WordSet,
    pub abbreviations: Vec<String>,
    /// Seats of power whose capture together is a fall.
    pub seats_governor: Vec<String>,
    pub seats_police: Vec<String>,
    pub year: i32,
    pub total_capitals: u32,
}

fn tagged(list: &[String], tag: u64) -> impl Iterator<Item = (String, u64)> + '_ {
    list.iter().map(move |p| (p.clone(), tag))
}

fn event_words(w: &EventWords, obj: u64, subj: u64, out: &mut Vec<(String, u64)>) {
    out.extend(tagged(&w.object, obj));
    out.extend(tagged(&w.subject, subj));
    out.extend(tagged(&w.not, ev::NOT));
}

impl Lexicon {
    pub fn new(s: &Scenario) -> Lexicon {
        let l = &s.lexicon;
        let mut e = Vec::new();
        event_words(&l.fall, ev::FALL_OBJ, ev::FALL_SUBJ, &mut e);
        e.extend(tagged(&l.fall.object_if_attacker, ev::FALL_OBJ_ATT));
        e.extend(tagged(&l.fall.subject_if_attacker, ev::FALL_SUBJ_ATT));
        e.extend(tagged(&l.fall.object_if_defender, ev::FALL_OBJ_DEF));
        event_words(&l.contest, ev::CONTEST_OBJ, ev::CONTEST_SUBJ, &mut e);
        e.extend(tagged(&l.contest.either, ev::CONTEST_EITHER));
        event_words(&l.repel, ev::REPEL, ev::REPEL, &mut e);
        e.extend(tagged(&l.repel.either, ev::REPEL));
        event_words(&l.recapture, ev::RECAP_OBJ, ev::RECAP_SUBJ, &mut e);
        // A look-alike that is also a trigger elsewhere stays a trigger
        // there; NOT only cancels the kinds it was listed under.
        let events = PhraseSet::new(e);

        let c = &l.cues;
        let mut cu = Vec::new();
        cu.extend(tagged(&c.speech, cue::SPEECH));
        cu.extend(tagged(&c.speech_speaker_after, cue::SPEECH_AFTER));
        cu.extend(tagged(&c.claim, cue::CLAIM));
        cu.extend(tagged(&c.deny, cue::DENY));
        cu.extend(tagged(&c.negation, cue::NEG));
        cu.extend(tagged(&c.negation_pseudo, cue::NEG_PSEUDO));
        cu.extend(tagged(&c.modality, cue::MODAL));
        cu.extend(tagged(&c.history, cue::HISTORY));
        cu.extend(tagged(&c.history_pseudo, cue::HISTORY_PSEUDO));
        cu.extend(tagged(&s.actors.attacker, cue::ATTACKER));
        cu.extend(tagged(&s.actors.defender, cue::DEFENDER));

        let d = &l.deployment;
        let mut de = Vec::new();
        de.extend(tagged(&d.verbs, dep::VERB));
        de.extend(tagged(&d.evacuation, dep::EVAC));
        de.extend(tagged(&d.troops, dep::TROOPS));
        de.extend(tagged(&d.assets, dep::ASSET));
        de.extend(tagged(&d.civilian, dep::CIVILIAN));
        de.extend(tagged(&d.not_sender_after, dep::NOT_SENDER));
        de.extend(tagged(&d.additional, dep::ADDITIONAL));
        de.extend(tagged(&d.total_markers, dep::TOTAL));
        de.extend(tagged(&d.previous_markers, dep::PREVIOUS));
        de.extend(tagged(&d.withdrawal, dep::WITHDRAW));
        de.extend(tagged(&d.hedges, dep::HEDGE));

        let t = &l.tally;
        let mut ta = Vec::new();
        ta.extend(tagged(&t.nouns, tal::NOUN));
        ta.extend(tagged(&t.ordinal_nouns, tal::ORD_NOUN));
        ta.extend(tagged(&t.partial_after, tal::PARTIAL_AFTER));
        ta.extend(tagged(&t.disqualifiers, tal::DISQUALIFY));
        ta.extend(tagged(&t.total_markers, tal::TOTAL));
        ta.extend(tagged(&t.fall_words, tal::FALL_WORD));

        let n = &l.numbers;
        let owners: Vec<String> = s
            .scenario
            .host_names
            .iter()
            .flat_map(|h| {
                [
                    format!("{}'s", h.to_lowercase()),
                    format!("{}’s", h.to_lowercase()),
                ]
            })
            .collect();
        let lower = |m: &std::collections::BTreeMap<String, u32>| {
            m.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect()
        };
        Lexicon {
            events,
            cues: PhraseSet::new(cu),
            deploy: PhraseSet::new(de),
            tally: PhraseSet::new(ta),
            breaks: PhraseSet::new(tagged(&l.sentences.clause_breaks, 1)),
            collective: PhraseSet::new(n.collective.iter().map(|(k, v)| (k.clone(), *v as u64))),
            relative_pronouns: WordSet::new([&l.context.relative_pronouns]),
            attempt: SuffixSet::new(&c.attempt),
            not_sender_before: SuffixSet::new(&d.not_sender_before),
            confirm_words: WordSet::new([&c.confirm]),
            // "captured the country's second-largest city"
            object_gap: WordSet::new([&l.context.object_gap, &owners]),
            contest_gap: WordSet::new([&l.context.object_gap, &l.context.contest_gap]),
            subject_gap: WordSet::new([&l.context.subject_gap]),
            list_gap: WordSet::new([&l.context.list_gap]),
            number_gap: WordSet::new([&d.number_gap]),
            partial_between: WordSet::new([&t.partial_between]),
            approximators: WordSet::new([&n.approximators]),
            vague: PhraseList::new(&n.vague),
            number_starts: {
                let firsts: Vec<String> = n
                    .units
                    .keys()
                    .chain(n.scales.keys())
                    .chain(n.ordinals.keys())
                    .chain(n.collective.keys())
                    .chain(n.vague.iter())
                    .filter_map(|k| k.split_whitespace().next())
                    .map(|w| w.to_lowercase())
                    .chain(["a".to_string()])
                    .collect();
                WordSet::new([&firsts])
            },
            units: lower(&n.units),
            scales: lower(&n.scales),
            ordinals: lower(&n.ordinals),
            abbreviations: l.sentences.abbreviations.clone(),
            seats_governor: l.seats.governor.iter().map(|p| p.to_lowercase()).collect(),
            seats_police: l.seats.police.iter().map(|p| p.to_lowercase()).collect(),
            year: s.scenario.year,
            total_capitals: s.scenario.total_capitals,
        }
    }
}
