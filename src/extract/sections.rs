//! A heading that says its items fell ("The fall, day by day", "Timeline:
//! capitals lost since 6 May") gives its verbless items their meaning: a
//! timeline's "12 May – Arden and Brook" or a table row "12 May │ Arden"
//! names capitals that fell, in the outlet's own voice.

use super::attribution::Voice;
use super::capitals::Found;
use super::lexicon::{Cue, Kind, Lexicon};
use super::sentence::{MKind, Sentence};

/// Whether the article is inside a section whose heading tells a fall.
#[derive(Debug, Default)]
pub struct FallSection {
    open: bool,
    /// Opened by a sentence ending in a colon ("the following centres
    /// also came under rebel control:"): its items are the bulleted
    /// lines right after it, and the first other line closes it.
    list: bool,
}

/// A sentence before a list tells what its items are in at most this many
/// words.
const LIST_INTRO_WORDS: usize = 30;

/// A fall told, and not negated, hedged or denied.
fn tells_fall(s: &Sentence) -> bool {
    let hedged = s
        .cues
        .iter()
        .any(|c| c.tag.intersects(Cue::NEG | Cue::MODAL | Cue::DENY));
    !hedged && s.events.iter().any(|h| h.tag.any_of(Kind::Fall))
}

/// A list item's line: "- X", "• X", "* X", "1. X".
fn bulleted(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = rest.len() < text.len() && rest.starts_with(['.', ')']);
    numbered || text.starts_with(['-', '•', '*', '–', '—', '·', '▪'])
}

/// How near an item's capital a "not" denies it.
const NEG_NEAR: usize = 3;
/// A heading has at most this many words.
const HEADING_WORDS: usize = 10;

impl FallSection {
    pub fn reset(&mut self) {
        self.open = false;
        self.list = false;
    }

    /// Reads a sentence as a possible heading: a short line without final
    /// punctuation (a question mark allowed) that names no capital opens a section if it tells a
    /// fall, and closes the one before otherwise. A table's header row
    /// ("Date │ Capital") and a list item that names capitals leave the
    /// section as it is.
    pub fn heading(&mut self, s: &Sentence) {
        let text = s.text.trim();
        if self.list && !bulleted(text) {
            self.reset();
        }
        if text.ends_with(':') && !s.mentions.iter().any(|m| m.kind != MKind::Province) {
            let words = text.split_whitespace().take(LIST_INTRO_WORDS + 1).count();
            if words <= LIST_INTRO_WORDS && tells_fall(s) {
                self.open = true;
                self.list = true;
            }
            return;
        }
        if text.ends_with(['.', '!', ',', ';'])
            || s.mentions.iter().any(|m| m.kind != MKind::Province)
        {
            return;
        }
        // counted only up to the limit: most sentences are far longer
        let words = text.split_whitespace().take(HEADING_WORDS + 1).count();
        if words == 0 || words > HEADING_WORDS || text.contains('│') {
            return;
        }
        self.open = tells_fall(s);
    }

    /// The capitals an item of an open section tells as fallen: an item
    /// opens with a date and then a capital ("12 May – Arden"), with a
    /// capital and then its date ("ARDEN (Arden) - Aug. 9."), or is a
    /// table row, and each capital before the first trigger of its clause
    /// fell. A capital its item hedges or negates did not.
    pub fn items(&self, s: &Sentence, lex: &Lexicon) -> Vec<Found> {
        if !self.open {
            return Vec::new();
        }
        // "Arden could be next", "Arden: not taken"; a note's "no
        // resistance" further on is no denial
        let hedged = |m: &super::sentence::Mention| {
            let clause = s.clause_at(m.start);
            // within the capital's own cell of a table row
            let cell_start = s.lower[..m.start]
                .rfind('│')
                .map_or(0, |i| i + '│'.len_utf8());
            let cell_end = s.lower[m.end..]
                .find('│')
                .map_or(s.lower.len(), |i| m.end + i);
            let from = s.words_back(m.start, NEG_NEAR).max(cell_start);
            let to = s.words_fwd(m.end, NEG_NEAR).min(cell_end);
            s.cues.iter().any(|c| {
                s.clause_at(c.start) == clause
                    && (c.tag.intersects(Cue::MODAL | Cue::DENY)
                        || c.tag.contains(Cue::NEG)
                            && !c.tag.contains(Cue::NEG_PSEUDO)
                            && c.start >= from
                            && c.end <= to)
            })
        };
        let named = |m: &&super::sentence::Mention| m.participant && m.kind == MKind::Name;
        let Some(first) = s.mentions.iter().find(named) else {
            return Vec::new();
        };
        // a date before it ("12 May –"), or a table row's cell
        let words: Vec<&str> = s.lower[..first.start]
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        // ... or right after it, past its province in brackets: a fact
        // box's "ARDEN (Arden province) - Aug. 9. Officials said ..."
        let dated_after = || {
            let rest = s.lower[first.end..].trim_start();
            let rest = match rest.strip_prefix('(') {
                Some(r) => r.split_once(')').map_or("", |(_, after)| after),
                None => rest,
            };
            let mut next = rest
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty());
            next.next().is_some_and(|w| lex.is_date_word(w))
        };
        let dated = (!words.is_empty() && words.iter().all(|w| lex.is_date_word(w)))
            || (words.is_empty() && dated_after());
        let listed = self.list && words.is_empty() && bulleted(s.text.trim());
        if !(dated || listed || s.text.contains('│') && words.is_empty()) {
            return Vec::new();
        }
        // "BROOK (Brook) - ... could fall": a province of the same name
        // in brackets is the capital's gloss, hedged with it
        let mut seen = Vec::new();
        s.mentions
            .iter()
            .filter(named)
            .filter(|m| {
                !s.mentions
                    .iter()
                    .filter(named)
                    .any(|o| o.place == m.place && hedged(o))
            })
            .filter(|m| {
                let new = !seen.contains(&m.place);
                seen.push(m.place);
                new
            })
            .filter(|m| {
                let clause = s.clause_at(m.start);
                !s.events
                    .iter()
                    .any(|h| h.tag.live() && h.start < m.start && s.clause_at(h.start) == clause)
            })
            .map(|m| Found {
                kind: Kind::Fall,
                place: m.place,
                voice: Voice::Narrator,
                at: m.start,
                clause: s.clause_at(m.start),
                background: false,
                loose: m.loose,
                rule: "fall-section-item",
            })
            .collect()
    }
}
