//! Falls, battles, repelled attacks and recaptures of capitals.

use crate::model::{Certainty, PlaceId};

use super::lexicon::{cue, ev, Lexicon};
use super::phrases::{Hit, WordSet};
use super::sentence::{MKind, Mention, Sentence};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Contest,
    Repel,
    Fall,
    Recapture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    pub place: PlaceId,
    pub certainty: Certainty,
    pub at: usize,
    pub rule: &'static str,
}

/// How many words before a trigger a negation or hedge still governs it.
const NEG_WINDOW: usize = 5;
const MODAL_BEFORE: usize = 6;
const MODAL_AFTER: usize = 3;
const MAX_GAP_WORDS: usize = 9;

pub fn find(s: &Sentence, lex: &Lexicon, people: &WordSet) -> Vec<Found> {
    let mut found: Vec<(usize, Found)> = Vec::new();
    if s.history {
        return Vec::new();
    }
    for h in &s.events {
        if h.tag & ev::NOT != 0 {
            continue;
        }
        let clause = s.clause_at(h.start);
        if blocked(s, lex, h, clause) {
            continue;
        }
        let before_in_clause = |bits| s.cue_before_in_clause(bits, h.start);
        let mut push = |kind: Kind, places: Vec<&Mention>, rule: &'static str| {
            for m in places {
                let certainty = certainty(s, lex, people, h, clause);
                found.push((
                    clause,
                    Found {
                        kind,
                        place: m.place,
                        certainty,
                        at: h.start,
                        rule,
                    },
                ));
            }
        };
        let t = h.tag;
        if t & ev::RECAP_OBJ != 0 {
            push(
                Kind::Recapture,
                object(s, lex, h, clause, &lex.object_gap),
                "recapture-object",
            );
        }
        if t & ev::RECAP_SUBJ != 0 {
            push(
                Kind::Recapture,
                subject(s, lex, h, clause),
                "recapture-subject",
            );
        }
        let attacker_named =
            t & (ev::FALL_OBJ_ATT | ev::FALL_SUBJ_ATT) != 0 && before_in_clause(cue::ATTACKER);
        let defender_named = t & ev::FALL_OBJ_DEF != 0 && before_in_clause(cue::DEFENDER);
        if t & ev::FALL_OBJ != 0 || (t & ev::FALL_OBJ_ATT != 0 && attacker_named) || defender_named
        {
            push(
                Kind::Fall,
                object(s, lex, h, clause, &lex.object_gap),
                "fall-object",
            );
        }
        if t & ev::FALL_SUBJ != 0 || (t & ev::FALL_SUBJ_ATT != 0 && attacker_named) {
            push(Kind::Fall, subject(s, lex, h, clause), "fall-subject");
        }
        if t & ev::REPEL != 0 {
            let in_clause: Vec<&Mention> = s
                .mentions
                .iter()
                .filter(|m| {
                    m.participant && m.kind != MKind::Province && s.clause_at(m.start) == clause
                })
                .collect();
            push(Kind::Repel, in_clause, "repel-clause");
        }
        if t & (ev::CONTEST_OBJ | ev::CONTEST_EITHER) != 0 {
            push(
                Kind::Contest,
                object(s, lex, h, clause, &lex.contest_gap),
                "contest-object",
            );
        }
        if t & (ev::CONTEST_SUBJ | ev::CONTEST_EITHER) != 0 {
            push(Kind::Contest, subject(s, lex, h, clause), "contest-subject");
        }
    }
    seats_taken(s, lex, people, &mut found);
    // In one clause a place takes its strongest event: a repelled assault
    // is not also a battle, a capture after fighting is a fall.
    let mut out: Vec<Found> = Vec::new();
    for (i, (clause, f)) in found.iter().enumerate() {
        let stronger = found
            .iter()
            .enumerate()
            .any(|(j, (c2, g))| j != i && c2 == clause && g.place == f.place && g.kind > f.kind);
        let dup = out
            .iter()
            .any(|g| g.place == f.place && g.kind == f.kind && g.at == f.at);
        if !stronger && !dup {
            out.push(*f);
        }
    }
    out.sort_by_key(|f| f.at);
    out
}

/// LABELING.md: the attacker taking both the governor's seat and the police
/// headquarters of a city is its fall ("the rebels now controlled the
/// governor's office and the police headquarters").
fn seats_taken(s: &Sentence, lex: &Lexicon, people: &WordSet, found: &mut Vec<(usize, Found)>) {
    for h in &s.events {
        let clause = s.clause_at(h.start);
        let attacker = s.cue_before_in_clause(cue::ATTACKER, h.start);
        let verb = h.tag & ev::FALL_OBJ != 0 || (h.tag & ev::FALL_OBJ_ATT != 0 && attacker);
        if !verb || h.tag & ev::NOT != 0 || blocked(s, lex, h, clause) {
            continue;
        }
        let end = s
            .segs
            .iter()
            .filter(|x| x.2 == clause && x.1 > h.end)
            .map(|x| x.1)
            .next()
            .unwrap_or(s.lower.len());
        let rest = &s.lower[h.end..end];
        let rest: std::borrow::Cow<str> = if rest.contains('’') {
            rest.replace('’', "'").into()
        } else {
            rest.into()
        };
        let has = |list: &[String]| list.iter().any(|p| rest.contains(p.as_str()));
        if !(has(&lex.seats_governor) && has(&lex.seats_police)) {
            continue;
        }
        // the city is the one the sentence is about: "In X, ..."
        let place = s
            .mentions
            .iter()
            .find(|m| {
                m.kind != MKind::Province
                    && m.start < h.start
                    && (m.participant || s.clause_at(m.start) == clause)
            })
            .or_else(|| {
                s.mentions
                    .iter()
                    .find(|m| m.kind != MKind::Province && m.participant)
            });
        if let Some(m) = place {
            found.push((
                clause,
                Found {
                    kind: Kind::Fall,
                    place: m.place,
                    certainty: certainty(s, lex, people, h, clause),
                    at: h.start,
                    rule: "fall-seats",
                },
            ));
        }
    }
}

/// Negated, hedged, denied or only attempted.
fn blocked(s: &Sentence, lex: &Lexicon, h: &Hit<u64>, clause: usize) -> bool {
    // the cheap tests first: a cue's tag, then its clause
    let in_clause = |c: &Hit<u64>| s.clause_at(c.start) == clause;
    let denied = || {
        s.cues
            .iter()
            .any(|c| c.tag & cue::DENY != 0 && in_clause(c))
    };
    let negated = || {
        let mut cues = s
            .cues
            .iter()
            .filter(|c| c.tag & cue::NEG != 0 && c.tag & cue::NEG_PSEUDO == 0 && c.end <= h.start)
            .peekable();
        if cues.peek().is_none() {
            return false;
        }
        let neg_from = s.words_back(h.start, NEG_WINDOW);
        cues.any(|c| c.start >= neg_from && in_clause(c))
    };
    let hedged = || {
        let mut cues = s
            .cues
            .iter()
            .filter(|c| c.tag & cue::MODAL != 0 && (c.end <= h.start || c.start >= h.end))
            .peekable();
        if cues.peek().is_none() {
            return false;
        }
        let modal_from = s.words_back(h.start, MODAL_BEFORE);
        let modal_to = s.words_fwd(h.end, MODAL_AFTER);
        cues.any(|c| c.start >= modal_from && c.end <= modal_to && in_clause(c))
    };
    denied() || negated() || hedged() || lex.attempt.ends(&s.lower[..h.start])
}

/// Places after the trigger: the first participant reached across gap
/// words only, then the list it heads ("captured X, Y and Z").
fn object<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<u64>,
    clause: usize,
    gap: &WordSet,
) -> Vec<&'s Mention> {
    let cands = s
        .mentions
        .iter()
        .filter(|m| m.start >= h.end && s.clause_at(m.start) == clause);
    let mut out: Vec<&Mention> = Vec::new();
    let mut from = h.end;
    for m in cands {
        let words = s.words_between(from, m.start, clause);
        let ok = if out.is_empty() {
            at_most_all(words, MAX_GAP_WORDS, |w| {
                gap.contains(w) || matches!(w, ":" | "—" | "–" | "-" | "'s" | "’s")
            })
        } else {
            at_most_all(words, 6, |w| lex.list_gap.contains(w) || w == ",")
        };
        if !ok {
            break;
        }
        from = m.end;
        if m.kind == MKind::Province || !m.participant {
            // Provinces and landmarks may sit inside a list but are no object.
            if out.is_empty() && !m.participant && m.kind != MKind::Province {
                break;
            }
            continue;
        }
        out.push(m);
    }
    if out.is_empty() {
        if let Some(r) = relative_head(s, clause) {
            out.push(r);
        }
    }
    out
}

/// Places before the trigger: the nearest participant joined to it by
/// gap words, or separated only by an appositive ("X, the capital of Y
/// province, fell"), then the list it ends ("X, Y and Z were lost").
fn subject<'s>(s: &'s Sentence, lex: &Lexicon, h: &Hit<u64>, clause: usize) -> Vec<&'s Mention> {
    let cands: Vec<&Mention> = s
        .mentions
        .iter()
        .filter(|m| m.end <= h.start && s.clause_at(m.start) == clause && m.kind != MKind::Province)
        .collect();
    let mut head: Option<usize> = None;
    for (i, m) in cands.iter().enumerate().rev() {
        if !m.participant {
            continue;
        }
        let words: Vec<&str> = s.words_between(m.end, h.start, clause).collect();
        let glue = |w: &&str| lex.subject_gap.contains(w);
        let direct = words.len() <= MAX_GAP_WORDS && words.iter().all(|w| glue(w) || *w == ",");
        let appositive = words.first() == Some(&",") && {
            let last_comma = words.iter().rposition(|w| *w == ",").unwrap_or(0);
            last_comma > 0 && words[last_comma + 1..].iter().all(glue) && words.len() <= 24
        };
        if direct || appositive {
            head = Some(i);
            break;
        }
    }
    let mut out: Vec<&Mention> = Vec::new();
    if let Some(i) = head {
        if cands[i].participant {
            out.push(cands[i]);
        }
        let mut to = cands[i].start;
        for m in cands[..i].iter().rev() {
            let words = s.words_between(m.end, to, clause);
            if !at_most_all(words, 6, |w| lex.list_gap.contains(w) || w == ",") {
                break;
            }
            to = m.start;
            if m.participant {
                out.push(m);
            }
        }
    }
    if out.is_empty() {
        if let Some(r) = relative_head(s, clause) {
            out.push(r);
        }
    }
    out
}

/// Whether `words` has at most `max` items and `ok` holds for each.
fn at_most_all<'a>(
    words: impl Iterator<Item = &'a str>,
    max: usize,
    ok: impl Fn(&'a str) -> bool,
) -> bool {
    let mut n = 0;
    for w in words {
        n += 1;
        if n > max || !ok(w) {
            return false;
        }
    }
    true
}

/// In a relative clause the relative pronoun is the trigger's place:
/// "which the rebels took", "which officials said was handed over".
fn relative_head<'s>(s: &'s Sentence, clause: usize) -> Option<&'s Mention> {
    s.mentions
        .iter()
        .find(|m| m.kind == MKind::Relative && s.clause_at(m.start) == clause)
}

/// Claimed when the attacker is the one saying it; confirmed when anyone
/// else says it, or the reporter states it.
fn certainty(
    s: &Sentence,
    lex: &Lexicon,
    people: &WordSet,
    h: &Hit<u64>,
    clause: usize,
) -> Certainty {
    let trigger = &s.lower[h.start..h.end];
    if trigger.starts_with("claim") {
        return Certainty::Claimed;
    }
    let speech = || {
        s.cues
            .iter()
            .filter(|c| c.tag & (cue::SPEECH | cue::SPEECH_AFTER) != 0)
    };
    let confirmer = speech().any(|c| {
        let w = &s.lower[c.start..c.end];
        w.split_whitespace().any(|x| lex.confirm_words.contains(x))
            && s.speaker_is_attacker(c, people) == Some(false)
    });
    if confirmer {
        return Certainty::Confirmed;
    }
    // The nearest speech cue in the clause; for a reported "that" clause
    // the speech before it ("say X and that Arden is under their
    // control"); else a trailing attribution.
    let clause_start = s.clause_start(clause);
    let head = s.lower[clause_start..].trim_start_matches([',', ' ']);
    let reported = ["and that ", "but that ", "that "]
        .iter()
        .any(|p| head.starts_with(p));
    let governing = speech()
        .filter(|c| s.clause_at(c.start) == clause)
        .min_by_key(|c| c.start.abs_diff(h.start))
        .or_else(|| {
            if reported {
                speech().rfind(|c| c.end <= clause_start)
            } else {
                None
            }
        })
        .or_else(|| speech().rfind(|c| c.start > h.end));
    match governing.map(|c| s.speaker_is_attacker(c, people)) {
        Some(Some(true)) => Certainty::Claimed,
        Some(_) => Certainty::Confirmed,
        None if s
            .cues
            .iter()
            .any(|c| c.tag & cue::CLAIM != 0 && c.tag & cue::SPEECH == 0) =>
        {
            Certainty::Claimed
        }
        None => Certainty::Confirmed,
    }
}
