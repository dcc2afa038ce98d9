//! Who says so: quoted speakers, speech cues, a side's own statements, and
//! the outlet's voice.

use rustc_hash::FxHashMap;

use super::lexicon::{Cue, Lexicon};
use super::matching::{space_runs, starting_in, Hit, Overlaps, WordSet};
use super::sentence::Sentence;

/// Whose word a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// The attacking side: a claim.
    Attacker,
    /// The defending side: it confirms (and it flips "liberated").
    Defender,
    /// Anyone else named: officials of other bodies, residents, monitors.
    Other,
    /// The outlet itself, with nobody named.
    Narrator,
}

impl Voice {
    pub fn confirms(self) -> bool {
        matches!(self, Voice::Defender | Voice::Other)
    }
}

/// A quoted stretch of an article (or, inside a sentence, of that
/// sentence), with the side of its speaker when the text says who.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub voice: Option<Voice>,
}

/// The side named in `text[from..to]`, from its actor cues and people
/// words: several sources, one of them not the attacker, confirm ("two
/// officials and the insurgents said").
fn class_in(
    cues: &[Hit<Cue>],
    text: &str,
    from: usize,
    to: usize,
    people: &WordSet,
    names: &Names,
    aff: &WordSet,
) -> Option<Voice> {
    let mut attacker = false;
    let mut defender = false;
    // "no word from officials", "officials could not be reached": a
    // source that said nothing is no source
    let silent = |a: usize, b: usize| {
        starting_in(cues, a.saturating_sub(SILENCE_REACH), b + SILENCE_REACH)
            .iter()
            .any(|u| {
                u.tag.contains(Cue::UNVERIFIED)
                    && ((u.end <= a && a - u.end <= SILENCE_REACH)
                        || (u.start >= b && u.start - b <= SILENCE_REACH))
            })
    };
    // a third party speaking is someone else: it confirms
    let mut third = false;
    let here = starting_in(cues, from, to);
    let attackers: Vec<(usize, usize)> = here
        .iter()
        .filter(|c| c.end <= to && c.tag.contains(Cue::ATTACKER))
        .map(|c| (c.start, c.end))
        .collect();
    for c in here.iter().filter(|c| c.end <= to) {
        attacker |= c.tag.contains(Cue::ATTACKER);
        // "a rebel commander": a defender's word the attacker owns
        defender |= c.tag.contains(Cue::DEFENDER)
            && !silent(c.start, c.end)
            && !owned(&attackers, text, c.start, c.end, aff, 1);
        third |= c.tag.contains(Cue::THIRD);
    }
    // the defender wins whatever else is named: no word scan for it
    if defender {
        return Some(Voice::Defender);
    }
    let other = third
        || text[from.min(to)..to]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && people.contains(w));
    match (attacker, defender, other) {
        (_, true, _) => Some(Voice::Defender),
        (true, false, true) if mixed(cues, text, from, to, people, aff) => Some(Voice::Other),
        (true, _, _) => Some(Voice::Attacker),
        (false, false, true) => Some(Voice::Other),
        (false, false, false) => names.in_span(&text[from.min(to)..to]),
    }
}

/// People the article has introduced ("Ghulam Hashimi, a member of the
/// provincial council"; "rebel spokesman Abu Karim"), by each
/// word of their name, so that "Hashimi said" has a side.
#[derive(Debug, Default)]
pub struct Names {
    by_word: FxHashMap<String, Voice>,
    /// A paragraph's words, kept for the next paragraph's.
    words: Vec<(usize, usize)>,
}

impl Names {
    pub fn clear(&mut self) {
        self.by_word.clear();
    }

    fn in_span(&self, span: &str) -> Option<Voice> {
        if self.by_word.is_empty() {
            return None;
        }
        span.split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| w.len() >= 3)
            .find_map(|w| self.by_word.get(w).copied())
    }

    /// The words of `p` (which starts at `base`) into `out`: its runs of
    /// non-space characters, without trailing punctuation, as absolute
    /// spans.
    fn words_into(p: &str, base: usize, out: &mut Vec<(usize, usize)>) {
        out.clear();
        let b = p.as_bytes();
        space_runs(p, |a, e| {
            // most words end in a letter or digit: nothing to trim; else
            // the trailing ',', '.', ';', ':', ')', '"', '”', '\'' and '’'
            // go, by their bytes ('”' is E2 80 9D, '’' E2 80 99)
            let mut t = e;
            while t > a {
                match b[t - 1] {
                    c if c.is_ascii_alphanumeric() => break,
                    b',' | b'.' | b';' | b':' | b')' | b'"' | b'\'' => t -= 1,
                    0x9D | 0x99 if t - a >= 3 && b[t - 3] == 0xE2 && b[t - 2] == 0x80 => t -= 3,
                    _ => break,
                }
            }
            if t > a {
                out.push((base + a, base + t));
            }
        });
    }

    /// Register the names introduced in `text[para]`: a run of capitalized
    /// words right after a side or a person's role, or followed by an
    /// appositive that gives one.
    #[allow(clippy::too_many_arguments)]
    pub fn learn(
        &mut self,
        text: &str,
        lower: &str,
        para: std::ops::Range<usize>,
        cues: &[Hit<Cue>],
        places: &[Hit<super::gazetteer::Gaz>],
        people: &WordSet,
        lex: &Lexicon,
    ) {
        let aff = &lex.affiliation;
        // capitalized runs: (start, end) absolute, with their words
        let mut words = std::mem::take(&mut self.words);
        Names::words_into(&text[para.clone()], para.start, &mut words);
        let cap = |&(a, b): &(usize, usize)| {
            b - a >= 2
                && match text.as_bytes()[a] {
                    c if c < 0x80 => c.is_ascii_uppercase(),
                    _ => text[a..b].starts_with(|c: char| c.is_uppercase()),
                }
        };
        let (mut on_cue, mut on_place) = (Overlaps::default(), Overlaps::default());
        let mut k = 0;
        while k < words.len() {
            if !cap(&words[k]) {
                k += 1;
                continue;
            }
            let mut j = k;
            while j + 1 < words.len()
                && cap(&words[j + 1])
                && !text[words[j].1..words[j + 1].0].contains(',')
            {
                j += 1;
            }
            let (start, end) = (words[k].0, words[j].1);
            // the run itself must not be a side's or a role's name
            let named = on_cue.at(cues, start, end) || on_place.at(places, start, end);
            let sentence_start = k == 0
                || text[..start]
                    .trim_end()
                    .ends_with(['.', '!', '?', '"', '“']);
            if !named && (j > k || !sentence_start) {
                let before = words[k.saturating_sub(4)].0;
                let after_end = words[(j + 10).min(words.len() - 1)].1;
                let appositive = text[end..].starts_with(',') && after_end > end;
                let stop = if appositive {
                    lower[end + 1..after_end]
                        .find(['.', ';'])
                        .map_or(after_end, |x| end + 1 + x)
                } else {
                    end
                };
                let class = class_in(cues, lower, before, start, people, &Names::default(), aff)
                    .or_else(|| {
                        appositive
                            .then(|| {
                                class_in(
                                    cues,
                                    lower,
                                    end,
                                    stop.max(end),
                                    people,
                                    &Names::default(),
                                    aff,
                                )
                            })
                            .flatten()
                    });
                if let Some(v) = class {
                    for &(a, b) in &words[k..=j] {
                        // `trim_end_matches` with a &str pattern builds a
                        // searcher per call; these strip the same suffixes
                        let mut w = &lower[a..b];
                        while let Some(x) = w.strip_suffix("'s") {
                            w = x;
                        }
                        while let Some(x) = w.strip_suffix("’s") {
                            w = x;
                        }
                        // "on Wednesday", "in the Morning Star", "the
                        // rebels since August": a word the language uses for
                        // times and glue is no name
                        let glue = lex.adverbial_gap.contains(w)
                            || lex.subject_gap.contains(w)
                            || lex.is_date_word(w);
                        if w.len() >= 3 && !glue {
                            self.by_word.entry(w.to_string()).or_insert(v);
                        }
                    }
                }
            }
            k = j + 1;
        }
        self.words = words;
    }
}

/// "officials and the insurgents", "a rebel commander and a council
/// member": a people word that is not part of an attacker's phrase ("a
/// rebel spokesman" is the attacker's).
fn mixed(
    cues: &[Hit<Cue>],
    text: &str,
    from: usize,
    to: usize,
    people: &WordSet,
    aff: &WordSet,
) -> bool {
    let attackers: Vec<(usize, usize)> = cues
        .iter()
        .filter(|c| c.tag.contains(Cue::ATTACKER) && c.start >= from && c.end <= to)
        .map(|c| (c.start, c.end))
        .collect();
    let mut pos = from;
    for w in text[from..to].split_inclusive(|c: char| !c.is_alphanumeric()) {
        let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        let at = pos;
        pos += w.len();
        if word.is_empty() || !people.contains(word) {
            continue;
        }
        let end = at + word.len();
        if !owned(&attackers, text, at, end, aff, 2) {
            return true;
        }
    }
    false
}

/// Whether the people word at `text[at..end]` belongs to one of the
/// attacker's phrases at `attackers`, at most `gap` words before it.
fn owned(
    attackers: &[(usize, usize)],
    text: &str,
    at: usize,
    end: usize,
    aff: &WordSet,
    gap: usize,
) -> bool {
    attackers.iter().any(|&(s, e)| {
        // the words just before: "a rebel spokesman", "the group's
        // commander"
        (e <= at && text[e..at].split_whitespace().count() <= gap && !text[e..at].contains([',', ';']))
            // a title before a name: "spokesman Abu Karim"
            || (s >= end && text[end..s].trim().is_empty())
            // "a spokesman for the group", "commander of the rebels", "a
            // spokesman for the youth of the rebels"
            || (s >= end && {
                const CHAIN_WORDS: usize = 6;
                let gap: Vec<&str> = text[end..s].split_whitespace().collect();
                // (the last word, or the one before its article)
                let chained = gap.len() <= CHAIN_WORDS
                    && gap.iter().rev().take(2).any(|w| aff.contains(w))
                    && !text[end..s].contains([',', ';']);
                gap.first().is_some_and(|w| aff.contains(w)) && (gap.len() <= 2 || chained)
            })
    })
}

/// How far back from a speech verb its subject may start, in words: "a
/// post shared more than 30,000 times on Facebook on Tuesday said".
const HEARSAY_SUBJECT_WORDS: usize = 12;

impl Sentence<'_> {
    /// "A post shared 30,000 times said the rebels had taken X": the
    /// speech verb of `clause` before `pos` has for its subject a thing
    /// passed around (`[words] hearsay_nouns`) with no side or person
    /// named as its author. Hearsay: neither the outlet's report nor a
    /// party's claim.
    pub fn hearsay_before(
        &self,
        pos: usize,
        clause: usize,
        people: &WordSet,
        lex: &super::lexicon::Lexicon,
    ) -> bool {
        let Some(c) = self.cues.iter().rev().find(|c| {
            c.end <= pos
                && c.tag.contains(Cue::SPEECH)
                && !c.tag.contains(Cue::SPEECH_AFTER)
                && self.clause_at(c.start) == clause
        }) else {
            return false;
        };
        let lo = self.words_back(c.start, HEARSAY_SUBJECT_WORDS);
        // a comma inside a figure ("30,000") ends no subject
        let span = &self.lower[lo..c.start];
        let from = lo
            + span
                .char_indices()
                .rfind(|&(i, ch)| {
                    matches!(ch, ';' | ':' | '“' | '"' | '”')
                        || ch == ',' && !span[i + 1..].starts_with(|d: char| d.is_ascii_digit())
                })
                .map_or(0, |(i, ch)| i + ch.len_utf8());
        self.lower[from..c.start]
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| lex.hearsay_nouns.contains(w))
            && class_in(
                &self.cues,
                self.lower,
                from,
                c.start,
                people,
                self.names,
                &lex.affiliation,
            )
            .is_none()
    }

    /// The side of the speaker of speech cue `h`.
    pub fn speaker_of(
        &self,
        h: &Hit<Cue>,
        people: &WordSet,
        lex: &super::lexicon::Lexicon,
    ) -> Option<Voice> {
        let (from, to) = if h.tag.contains(Cue::SPEECH_AFTER) {
            let hi = self.words_fwd(h.end, 8);
            let end = self.lower[h.end..hi]
                .find([',', ';'])
                .map_or(hi, |i| h.end + i);
            (h.end, end)
        } else {
            let lo = self.words_back(h.start, 8);
            let start = lo + after_last(&self.lower[lo..h.start], &[',', ';', ':', '“', '"', '”']);
            (start, h.start)
        };
        // "X told journalists in a statement", "X said in voice notes": a
        // second speech word is the first's; who was told never speaks
        if !h.tag.contains(Cue::SPEECH_AFTER) {
            // (not a claim noun: "a claim later confirmed by X" is X's)
            if let Some(first) = self.cues.iter().rfind(|c| {
                c.tag.contains(Cue::SPEECH)
                    && !c.tag.intersects(Cue::SPEECH_AFTER | Cue::CLAIM)
                    && c.start >= from
                    && c.end <= to
            }) {
                return self.speaker_of(first, people, lex);
            }
        }
        let class = class_in(
            &self.cues,
            self.lower,
            from,
            to,
            people,
            self.names,
            &lex.affiliation,
        );
        if class.is_some() || h.tag.contains(Cue::SPEECH_AFTER) {
            return class;
        }
        // "X, in rebel hands since Saturday, was reported calm": a passive
        // speech verb with no agent is nobody's, least of all a side named
        // in what was reported
        let passive = self
            .word_before(h.start)
            .is_some_and(|w| lex.passive_aux.contains(w));
        let agent = self.lower[h.end..self.words_fwd(h.end, 2)]
            .split_whitespace()
            .any(|w| lex.passive_by.contains(w));
        if passive && !agent {
            return None;
        }
        // "He said that ...": the speaker before
        // "He said that ...", "She said the rebels took X": the speaker
        // before, never anyone named after the verb
        // ... or the one named earlier in this sentence ("The rebels say
        // they took X, and they now say they hold Y")
        if self.pronoun_subject(from, h.start, lex) {
            let earlier = self
                .cues
                .iter()
                .rev()
                .filter(|c| {
                    c.end <= from
                        && c.tag.contains(Cue::SPEECH)
                        && !c.tag.contains(Cue::SPEECH_AFTER)
                })
                .find_map(|c| self.speaker_of(c, people, lex));
            return earlier.or(self.prev_speaker);
        }
        // "Rahmani, head of the provincial council, said the rebels ...":
        // the verb's subject is the name and its appositive before it, and
        // what follows is what they said, never the speaker
        if let Some(lo) = self.appositive_subject(from, h.start, people) {
            return class_in(
                &self.cues,
                self.lower,
                lo,
                h.start,
                people,
                self.names,
                &lex.affiliation,
            );
        }
        // "the SDF said it took X, saying government troops had left": a
        // speech verb opening its clause after an earlier speech goes on
        // with that speaker; what follows it is what they said
        if self.lower[from..h.start].trim().is_empty() && self.lower[..from].ends_with(',') {
            let earlier = self
                .cues
                .iter()
                .rfind(|c| c.end <= from && c.tag.intersects(Cue::SPEECH | Cue::SPEECH_AFTER));
            if let Some(v) = earlier.and_then(|c| self.speaker_of(c, people, lex)) {
                return Some(v);
            }
        }
        // "The rebels seized X on Sunday, and say they have taken Y": a
        // speech verb joined to the clause's first predicate shares its
        // subject, the side named before that predicate
        let joined = {
            let gap: Vec<&str> = self.lower[from..h.start].split_whitespace().collect();
            gap.len() <= 2 && gap.iter().any(|w| lex.conjunction_words.contains(w))
        };
        if joined {
            let start = self.clause_start(self.clause_at(h.start));
            // the clause's own first predicate, else the sentence's ("the
            // rebels captured X and said they had also taken Y")
            let predicate = self
                .events
                .iter()
                .find(|e| e.start >= start && e.end <= from)
                .or_else(|| self.events.iter().find(|e| e.end <= from));
            // the subject only: past any dateline or aside before it
            if let Some(v) = predicate.and_then(|e| {
                let start = self.clause_start(self.clause_at(e.start));
                let lo = self.words_back(e.start, 8).max(start);
                let lo = lo + after_last(&self.lower[lo..e.start], &[',', ';', ':', '—', '(', ')']);
                class_in(
                    &self.cues,
                    self.lower,
                    lo,
                    e.start,
                    people,
                    self.names,
                    &lex.affiliation,
                )
            }) {
                return Some(v);
            }
        }
        // "said X" / "said the ministry": the speaker after the verb, up to
        // what they said ("told reporters that the rebels ...")
        let cap = {
            // "confirmed by a provincial council member": the agent
            // after "by" is the speaker
            let by = self.lower[h.end..]
                .split_whitespace()
                .next()
                .is_some_and(|w| lex.passive_by.contains(w));
            self.words_fwd(h.end, AFTER_VERB_WORDS + if by { 2 } else { 0 })
        };
        // a stop at or past `cap` ends nothing sooner: searched up to it only
        let after_end = self.lower[h.end..cap]
            .find([',', ';', '.'])
            .map_or(cap, |i| h.end + i);
        let after_end = self
            .toks
            .iter()
            .filter(|t| t.word && t.start >= h.end && t.end <= after_end)
            .find(|t| lex.complementizers.contains(&self.lower[t.start..t.end]))
            .map_or(after_end, |t| t.start);
        if let Some(c) = class_in(
            &self.cues,
            self.lower,
            h.end,
            after_end,
            people,
            self.names,
            &lex.affiliation,
        ) {
            return Some(c);
        }
        // "..., said Omar Ruritani, head of the provincial council.": a
        // name after the verb, then its appositive, is the speaker, and
        // nothing before the verb is
        if let Some(c) = self.inverted_appositive(h.end, after_end, people, lex) {
            return Some(c);
        }
        // "The insurgents' spokesman, Abu Karim, said": look past
        // the appositive, never back into a quotation
        let lo = self.words_back(h.start, 10);
        let lo = lo + after_last(&self.lower[lo..h.start], &['“', '"', '”']);
        // nor into a relative clause: "Arden, which the rebels hold,
        // partners report" is no rebel speaking
        let lo = self
            .segs
            .iter()
            .filter(|&&(_, end, c)| end <= h.start && self.clause(c).relative)
            .map(|&(_, end, _)| end)
            .fold(lo, usize::max);
        // nor into what was reported: "X passed under the control of the
        // rebels, local media reported" is no rebel speaking
        // (a claim verb is speech itself: "X, the rebels' spokesman,
        // claimed in a message")
        let speech_at = |e: &Hit<super::lexicon::Trigger>| {
            self.cues.iter().any(|c| {
                c.start < e.end
                    && e.start < c.end
                    && c.tag
                        .intersects(Cue::SPEECH | Cue::SPEECH_AFTER | Cue::CLAIM)
            })
        };
        let lo = self
            .events
            .iter()
            // set off by a comma from the verb: "..., media reported" (not
            // "the rebels captured X and said")
            .filter(|e| {
                e.end <= h.start && !speech_at(e) && self.lower[e.end..h.start].contains(',')
            })
            .map(|e| e.end)
            .fold(lo, usize::max);
        class_in(
            &self.cues,
            self.lower,
            lo,
            h.start,
            people,
            self.names,
            &lex.affiliation,
        )
    }

    /// Whether `lower[from..verb]` is a person pronoun alone, perhaps with
    /// an adverb ("he also said").
    pub fn pronoun_subject(&self, from: usize, verb: usize, lex: &super::lexicon::Lexicon) -> bool {
        // "and they now say": a joined clause's own subject
        let mut words = self.lower[from..verb]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !lex.is_adverb(w))
            .skip_while(|w| lex.conjunction_words.contains(w));
        words
            .next()
            .is_some_and(|w| lex.person_pronouns.contains(w))
            && words.next().is_none()
    }

    /// Whether a person pronoun is the subject of one of the sentence's
    /// speech verbs ("He said that ...", "she also told reporters").
    pub fn pronoun_speech(&self, lex: &super::lexicon::Lexicon) -> bool {
        self.cues.iter().any(|c| {
            c.tag.contains(Cue::SPEECH) && {
                let lo = self.words_back(c.start, 3);
                let lo = lo + after_last(&self.lower[lo..c.start], &[',', ';', ':', '“', '"', '”']);
                self.pronoun_subject(lo, c.start, lex)
            }
        })
    }

    /// The side of an appositive after a name that follows a speech verb
    /// ("said Omar Ruritani, head of the provincial council"): `from`
    /// is just after the verb, `to` where its words stop.
    fn inverted_appositive(
        &self,
        from: usize,
        to: usize,
        people: &WordSet,
        lex: &super::lexicon::Lexicon,
    ) -> Option<Voice> {
        const MAX_NAME_WORDS: usize = 4;
        const MAX_WORDS: usize = 10;
        if !self.lower[to..].starts_with(',') {
            return None;
        }
        let mut name = self.text[from..to].split_whitespace().peekable();
        let n = self.text[from..to].split_whitespace().count();
        let name = name.peek().is_some()
            && n <= MAX_NAME_WORDS
            && name.all(|w| w.starts_with(char::is_uppercase));
        if !name {
            return None;
        }
        let lo = to + 1;
        let hi = self.words_fwd(lo, MAX_WORDS);
        let hi = self.lower[lo..hi]
            .find([',', ';', '.', ':', '"', '“', '”'])
            .map_or(hi, |i| lo + i);
        class_in(
            &self.cues,
            self.lower,
            lo,
            hi,
            people,
            self.names,
            &lex.affiliation,
        )
    }

    /// Where the subject of a speech verb at `verb` starts when it is a
    /// name with an appositive between commas right before the verb
    /// ("Rahmani, head of the council, said"); `from` is just after the
    /// appositive's closing comma.
    fn appositive_subject(&self, from: usize, verb: usize, people: &WordSet) -> Option<usize> {
        const MAX_WORDS: usize = 8;
        // "Residents of X, a mountain town west of Y that serves as the
        // capital of the province of the same name, said": a place's
        // description may run longer after people named by where they are
        const MAX_PLACE_WORDS: usize = 20;
        const MAX_INVERTED_WORDS: usize = 5;
        let stops = [',', ';', '.', ':', '"', '“', '”'];
        if !self.lower[from..verb].trim().is_empty() || !self.lower[..from].ends_with(',') {
            return None;
        }
        let close = from - 1;
        let open = self.lower[..close].rfind(stops)?;
        if !self.lower[open..].starts_with(',') {
            return None;
        }
        let aside = &self.text[open + 1..close];
        let titled = aside.trim_start().starts_with(|c: char| c.is_lowercase());
        // past the stop, which may be a curly quote of several bytes
        let lo = self.lower[..open].rfind(stops).map_or(0, |i| {
            i + self.lower[i..].chars().next().map_or(1, char::len_utf8)
        });
        // only a name: "the rebels took X, capital of Y, said Z" is the
        // inverted order, its speaker after the verb
        let mut name = self.text[lo..open].split_whitespace().peekable();
        let name = name.peek().is_some() && name.all(|w| w.starts_with(char::is_uppercase));
        // "Residents of X": people, then where they are
        let mut words = self.lower[lo..open].split_whitespace();
        let of_place = words.next().is_some_and(|w| people.contains(w))
            && words
                .next()
                .is_some_and(|w| w == "of" || w == "in" || w == "from")
            && words.count() <= 3;
        let limit = if of_place { MAX_PLACE_WORDS } else { MAX_WORDS };
        let short = self.text[open + 1..close].split_whitespace().count() <= limit;
        let name = name || of_place;
        // "..., Tirin Kot, to the rebels, said Bismillah Jan Mohammad, a
        // lawmaker": a short name after the verb, then a stop, is the
        // inverted speaker; a subject's verb goes on to what was said
        let rest = &self.lower[verb..];
        let said = rest.find([',', ';', '.']).map_or(rest, |i| &rest[..i]);
        let inverted = said.split_whitespace().count() <= MAX_INVERTED_WORDS;
        // "a provincial council member, Shahla Abubar, said": the role
        // first, the name in apposition after it
        const MAX_NAME_WORDS: usize = 4;
        let named_after_role = {
            let words: Vec<&str> = aside.split_whitespace().collect();
            !words.is_empty()
                && words.len() <= MAX_NAME_WORDS
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
                && self.lower[lo..open]
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| !w.is_empty() && people.contains(w))
        };
        ((titled && name && short) || named_after_role)
            .then_some(lo)
            .filter(|_| !inverted)
    }
}

/// Quoted stretches of `text[para]`, paired by the language's quotation
/// marks, with the speaker named just after the closing mark (", a
/// spokesman wrote") or just before the opening one ("the governor said:").
#[allow(clippy::too_many_arguments)]
pub fn quotes_in(
    text: &str,
    lower: &str,
    para: std::ops::Range<usize>,
    cues: &[Hit<Cue>],
    lex: &Lexicon,
    people: &WordSet,
    names: &Names,
    out: &mut Vec<Quote>,
) {
    let p = &text[para.clone()];
    let marks = MarkFinder::new(&lex.quotes);
    let mut open: Option<(usize, char)> = None;
    // only quotation marks change `open`: jump from one to the next
    let mut from = 0;
    while let Some(i) = marks.next(p, from) {
        let Some(c) = p[i..].chars().next() else {
            break;
        };
        from = i + c.len_utf8();
        match open {
            None => {
                if let Some(&(o, _)) = lex.quotes.iter().find(|(o, _)| *o == c) {
                    // an apostrophe-like opening only at a word's start
                    let prev = p[..i].chars().next_back();
                    if (o == '‘' || o == '\'') && prev.is_some_and(|x| x.is_alphanumeric()) {
                        continue;
                    }
                    open = Some((i, o));
                }
            }
            Some((start, o)) => {
                let close = lex.quotes.iter().any(|&(a, b)| a == o && b == c);
                if !close {
                    continue;
                }
                // "the insurgents’ hands": a closing mark is followed by
                // a space, punctuation or the end
                let next = p[i + c.len_utf8()..].chars().next();
                if matches!(o, '‘' | '\'') && next.is_some_and(|x| x.is_alphanumeric()) {
                    continue;
                }
                let (qs, qe) = (para.start + start, para.start + i + c.len_utf8());
                let voice =
                    quote_speaker(text, lower, qs, qe, para.clone(), cues, people, names, lex)
                        .or_else(|| {
                            // '"...," he wrote': the speaker last quoted or named
                            pronoun_speaker(lower, qe, para.end, &lex.person_pronouns)
                                .then(|| {
                                    last_speaker(text, lower, qs, cues, people, names, out, lex)
                                })
                                .flatten()
                        });
                out.push(Quote {
                    start: qs,
                    end: qe,
                    voice,
                });
                open = None;
            }
        }
    }
}

/// Finds the characters that can open or close a quotation by their first
/// byte (ASCII, or the lead byte of a longer character: always a
/// character boundary), so a paragraph is not decoded character by
/// character.
struct MarkFinder {
    /// The distinct first bytes, when there are at most three.
    few: Option<[u8; 3]>,
    table: [bool; 256],
}

impl MarkFinder {
    fn new(quotes: &[(char, char)]) -> MarkFinder {
        let mut table = [false; 256];
        let (mut firsts, mut n) = ([0u8; 3], 0);
        for &(o, c) in quotes {
            for ch in [o, c] {
                let mut buf = [0u8; 4];
                let b = ch.encode_utf8(&mut buf).as_bytes()[0];
                if !table[b as usize] {
                    table[b as usize] = true;
                    if n < 3 {
                        firsts[n] = b;
                    }
                    n += 1;
                }
            }
        }
        let few = match (n, firsts) {
            (1, [a, ..]) => Some([a, a, a]),
            (2, [a, b, _]) => Some([a, b, b]),
            (3, f) => Some(f),
            _ => None,
        };
        MarkFinder { few, table }
    }

    /// The next position at or after `from` where a mark may start.
    #[inline]
    fn next(&self, p: &str, from: usize) -> Option<usize> {
        let rest = p.as_bytes().get(from..)?;
        match self.few {
            Some([a, b, c]) => memchr::memchr3(a, b, c, rest),
            None => rest.iter().position(|&x| self.table[x as usize]),
        }
        .map(|k| from + k)
    }
}

/// Whether speech cue `o` sits in an appositive between commas within
/// `text[lo..hi]` ("that X, the capital the rebels claimed on Saturday,
/// was now in their hands"): an aside on the name before it, not the
/// sentence's own speech ("In the west, a spokesman said" is no aside).
pub fn in_aside(
    text: &str,
    lower: &str,
    lo: usize,
    hi: usize,
    o: &Hit<Cue>,
    lex: &Lexicon,
) -> bool {
    let open = lower[lo..o.start]
        .rfind([',', '.'])
        .filter(|&i| lower[lo + i..].starts_with(','))
        .filter(|&i| {
            text[lo..lo + i]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
        })
        .map(|i| lo + i + 1);
    let close = lower[o.end..hi]
        .find([',', '.'])
        .filter(|&i| lower[o.end + i..].starts_with(','));
    open.zip(close).is_some_and(|(a, _)| {
        lower[a..o.start]
            .split_whitespace()
            .next()
            .is_some_and(|w| lex.determiners.contains(w))
    })
}

/// Whether the words right after a quote are a pronoun and a speech verb
/// ('"...," he wrote', '"...," she told reporters').
fn pronoun_speaker(lower: &str, qe: usize, end: usize, pronouns: &WordSet) -> bool {
    lower[qe..end]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| pronouns.contains(w))
}

/// The side of the last speaker before `qs`: the previous quote's, or the
/// one named before the nearest speech cue within a paragraph or two.
#[allow(clippy::too_many_arguments)]
pub fn last_speaker(
    text: &str,
    lower: &str,
    qs: usize,
    cues: &[Hit<Cue>],
    people: &WordSet,
    names: &Names,
    quotes: &[Quote],
    lex: &Lexicon,
) -> Option<Voice> {
    let aff = &lex.affiliation;
    let floor = qs.saturating_sub(SPEAKER_REACH);
    let cue = starting_in(cues, floor, qs).iter().rev().find(|c| {
        c.tag.intersects(Cue::SPEECH | Cue::CLAIM) && !in_aside(text, lower, floor, qs, c, lex)
    });
    let quoted = quotes.last().filter(|q| q.end > floor && q.voice.is_some());
    match (cue, quoted) {
        (Some(c), q) if q.is_none_or(|q| q.end <= c.start) => {
            let mut lo = c.start.saturating_sub(SPEAKER_WINDOW);
            while !lower.is_char_boundary(lo) {
                lo += 1;
            }
            // not into the sentence before ("... US airstrikes. Separately,
            // a rebel spokesman claimed")
            let lo = lower[lo..c.start]
                .rfind(['.', '\n'])
                .map_or(lo, |i| lo + i + 1);
            // nor into a quote before it: its words are the speaker's, not
            // who the speaker is ('"... the governor's house," said X')
            let lo = quotes
                .iter()
                .rev()
                .find(|q| q.end <= c.start)
                .map_or(lo, |q| lo.max(q.end));
            class_in(cues, lower, lo, c.start, people, names, aff)
                .or_else(|| c.tag.contains(Cue::CLAIM).then_some(Voice::Attacker))
        }
        (_, Some(q)) => q.voice,
        _ => None,
    }
}

/// "said a rebel spokesman", "said the provincial governor": the side
/// right after a speech verb, within this many words ("the announcement
/// came as the rebels ..." names no speaker).
const AFTER_VERB_WORDS: usize = 3;

/// How near a silence cue ("could not be reached") must be to the source
/// it silences, in bytes.
const SILENCE_REACH: usize = 24;

/// How far back a pronoun speaker looks for who it is, in bytes.
const SPEAKER_REACH: usize = 1200;
/// How far before a speech cue its speaker is looked for, in bytes.
const SPEAKER_WINDOW: usize = 100;

/// Words of a speaker's label that opens a quote ("\"Rebel spokesman X: ...").
const QUOTE_LABEL_WORDS: usize = 6;

/// The side of whoever a quote is attributed to: its opening label, a
/// speech cue within a few words after the quote, else just before it.
#[allow(clippy::too_many_arguments)]
fn quote_speaker(
    text: &str,
    lower: &str,
    qs: usize,
    qe: usize,
    para: std::ops::Range<usize>,
    cues: &[Hit<Cue>],
    people: &WordSet,
    names: &Names,
    lex: &Lexicon,
) -> Option<Voice> {
    let aff = &lex.affiliation;
    let speech = |c: &&Hit<Cue>| {
        c.tag
            .intersects(Cue::SPEECH | Cue::SPEECH_AFTER | Cue::CLAIM)
    };
    // "\"Rebel spokesman X: the city has been conquered\"": a quote that
    // opens with its speaker's name and a colon, as a forwarded post does
    if let Some(colon) = lower[qs..qe].find(':') {
        let label = &lower[qs..qs + colon];
        if label.split_whitespace().count() <= QUOTE_LABEL_WORDS && !label.contains(['.', ',', ';'])
        {
            if let Some(v) = class_in(cues, lower, qs, qs + colon, people, names, aff) {
                return Some(v);
            }
        }
    }
    // after: up to the end of the sentence that holds the closing mark,
    // unless the quote ended its sentence and a new one begins ("...
    // city." He posted a photograph)
    let inner_end = text[qs..qe].trim_end_matches(|c: char| {
        !c.is_alphanumeric() && c != '.' && c != ',' && c != '?' && c != '!'
    });
    let ends_sentence = inner_end.ends_with('.')
        && text[qe..para.end]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase());
    let after_end = if ends_sentence {
        qe
    } else {
        let mut hi = (qe + 120).min(para.end);
        while !lower.is_char_boundary(hi) {
            hi -= 1;
        }
        lower[qe..hi].find(['.', '“', '"']).map_or(hi, |i| qe + i)
    };
    let mut after_end = after_end.min(qe + 120);
    while !lower.is_char_boundary(after_end) {
        after_end -= 1;
    }
    // '"...," spokesman X said in a message to journalists, adding that
    // ...': the speaker is named before the verb or within a few words
    // after it, never in what follows
    if let Some(c) = starting_in(cues, qe, after_end)
        .iter()
        .filter(speech)
        .find(|c| c.end <= after_end)
    {
        // up to a few words after the verb, stopping at a comma or "that"
        let mut hi = c.end;
        let mut pos = c.end;
        for w in lower[c.end..after_end]
            .split_inclusive(char::is_whitespace)
            .take(AFTER_VERB_WORDS + 8)
        {
            let at = pos;
            pos += w.len();
            let word = w.trim();
            if word.is_empty() {
                continue;
            }
            let bare = word.trim_end_matches([',', ';', ':']);
            if lex.complementizers.contains(bare) {
                break;
            }
            hi = at + (w.len() - w.trim_start().len()) + bare.len();
            if bare.len() != word.len()
                || lower[c.end..hi].split_whitespace().count() > AFTER_VERB_WORDS + 2
            {
                break;
            }
        }
        let before = class_in(cues, lower, qe, c.start, people, names, aff);
        let after = || class_in(cues, lower, c.start, hi.max(c.start), people, names, aff);
        if let Some(v) = before.or_else(after) {
            return Some(v);
        }
    }
    // before: from the start of the sentence that holds the opening mark
    let mut lo = qs.saturating_sub(160).max(para.start);
    while !lower.is_char_boundary(lo) {
        lo += 1;
    }
    let before_start = lo + after_last(&lower[lo..qs], &['.', '”', '"']);
    let before_start = (before_start..qs)
        .find(|&i| lower.is_char_boundary(i))
        .unwrap_or(qs);
    if let Some(c) = starting_in(cues, before_start, qs)
        .iter()
        .filter(speech)
        .rfind(|c| c.end <= qs)
    {
        // the verb's subject speaks: "the paper reports that the rebels
        // \"took X\"" quotes the paper, not the rebels named in its report
        if let Some(v) = class_in(cues, lower, before_start, c.start, people, names, aff) {
            return Some(v);
        }
        let reported = lower[c.end..qs]
            .split_whitespace()
            .any(|w| lex.complementizers.contains(w));
        if reported {
            return None;
        }
        if let Some(v) = class_in(cues, lower, before_start, qs, people, names, aff) {
            return Some(v);
        }
    }
    None
}

/// The offset just after the last of `chars` in `s`, or 0.
fn after_last(s: &str, chars: &[char]) -> usize {
    // a scan back over bytes: ASCII ones by a bitmap, and only the first
    // byte of a wider char decoded, when `chars` has any
    let (mut ascii, mut wide) = (0u128, false);
    for &c in chars {
        if c.is_ascii() {
            ascii |= 1 << c as u32;
        } else {
            wide = true;
        }
    }
    let b = s.as_bytes();
    for i in (0..b.len()).rev() {
        match b[i] {
            c if c < 0x80 && ascii >> c & 1 == 1 => return i + 1,
            c if wide && c >= 0xC0 => {
                if let Some(ch) = s[i..].chars().next().filter(|ch| chars.contains(ch)) {
                    return i + ch.len_utf8();
                }
            }
            _ => {}
        }
    }
    0
}

/// The side a cue names, if it names one.
pub fn side_voice(c: &Hit<Cue>) -> Option<Voice> {
    if c.tag.contains(Cue::ATTACKER) {
        Some(Voice::Attacker)
    } else if c.tag.contains(Cue::DEFENDER) {
        Some(Voice::Defender)
    } else {
        None
    }
}

/// The side whose own outlet a dateline credits ("SANAA, 2 April (Rebel
/// Net) - ..."), in the first two paragraphs.
pub fn dateline_credit(
    lower: &str,
    paragraphs: &[std::ops::Range<usize>],
    cues: &[Hit<Cue>],
) -> Option<Voice> {
    const DATELINE_BYTES: usize = 80;
    for p in paragraphs.iter().take(2) {
        let mut end = p.end.min(p.start + DATELINE_BYTES);
        while !lower.is_char_boundary(end) {
            end -= 1;
        }
        let head = &lower[p.start..end];
        let credit = head.find('(').and_then(|a| {
            let b = a + head[a..].find(')')?;
            let after = head[b + 1..].trim_start();
            after
                .starts_with(['-', '–', '—', ':'])
                .then_some((p.start + a, p.start + b))
        });
        if let Some((a, b)) = credit {
            let side = starting_in(cues, a, b)
                .iter()
                .filter(|c| c.end <= b)
                .find_map(side_voice);
            if side.is_some() {
                return side;
            }
        }
    }
    None
}

/// A side's own statement speaks for that side throughout. It is headed
/// as one ("Statement of the Islamic Emirate ...", "Ministry of Defence -
/// Press release: ...": a paragraph among the first two that opens with a
/// document cue and the side, in either order), or signed as one (a short
/// closing line naming the side: "Abu Karim, spokesman"), or
/// names itself as one in its opening paragraphs ("our forces of the
/// Ruritanian Army", "We, the Ruritanian Army, ...").
pub fn document_voice(
    lower: &str,
    paragraphs: &[std::ops::Range<usize>],
    cues: &[Hit<Cue>],
    people: &WordSet,
    lex: &Lexicon,
) -> Option<Voice> {
    let words = |a: usize, b: usize| lower[a.min(b)..b].split_whitespace().count();
    for p in paragraphs.iter().take(2) {
        let in_p: Vec<&Hit<Cue>> = starting_in(cues, p.start, p.end)
            .iter()
            .filter(|c| c.end <= p.end)
            .collect();
        let Some(doc) = in_p.iter().find(|c| c.tag.contains(Cue::DOC_VOICE)) else {
            continue;
        };
        let side = in_p.iter().find_map(|c| {
            let near = if c.start >= doc.end {
                words(doc.end, c.start) <= 6
            } else {
                c.end <= doc.start && words(c.end, doc.start) <= 6
            };
            near.then(|| side_voice(c))
                .flatten()
                .map(|v| (c.start.min(doc.start), v))
        });
        // the heading opens the paragraph
        if let Some((first, v)) = side {
            if words(p.start, first) <= 1 {
                return Some(v);
            }
        }
    }
    // a heading that is the side's own outlet: "Free Arden Radio",
    // "Rebel Media Office"
    const OUTLET_WORDS: usize = 6;
    if let Some(p) = paragraphs.first() {
        // "X Daily (unofficial mirror)": a bracketed gloss after the name
        let whole = lower[p.clone()].trim_end();
        let named = match whole.rfind('(') {
            Some(i) if whole.ends_with(')') => &whole[..i],
            _ => whole,
        };
        let heading = named.trim_end_matches(|c: char| !c.is_alphanumeric());
        let last = heading
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let side = starting_in(cues, p.start, p.end)
            .iter()
            .find(|c| c.end <= p.end && side_voice(c).is_some() && words(p.start, c.start) <= 1)
            .and_then(side_voice);
        if side.is_some()
            && heading.split_whitespace().nth(OUTLET_WORDS).is_none()
            && lex.outlet_nouns.contains(last)
        {
            return side;
        }
    }
    // "our forces of the Ruritanian Army": first person naming its side
    const OPENING: usize = 3;
    let opening_end = paragraphs
        .get(OPENING.min(paragraphs.len()).saturating_sub(1))
        .map_or(0, |p| p.end);
    let self_named = cues
        .iter()
        .take_while(|c| c.start < opening_end)
        .filter(|c| side_voice(c).is_some())
        .find(|c| {
            let before = super::sentence::strip_determiners(&lower[..c.start], lex);
            let w: Vec<&str> = before
                .split(|ch: char| ch.is_whitespace())
                .rev()
                .filter(|w| !w.is_empty())
                .take(3)
                .collect();
            match w.as_slice() {
                // "we, the X", "we in the X"
                [a, b, ..] if (*a == "," || *a == "in") && lex.first_person.contains(b) => true,
                [a, ..]
                    if a.ends_with(',') && lex.first_person.contains(a.trim_end_matches(',')) =>
                {
                    true
                }
                // "our forces of the X"
                [of, _, our, ..] => lex.of_words.contains(of) && lex.first_person.contains(our),
                _ => false,
            }
        })
        .and_then(side_voice);
    if self_named.is_some() {
        return self_named;
    }
    // a signature: one of the last lines, short, naming the side and a
    // role ("Spokesman of the Islamic Emirate"), not a photo caption
    paragraphs.iter().rev().take(4).find_map(|p| {
        // counted no further than the limit: a body paragraph is long
        if lower[p.clone()].split_whitespace().nth(8).is_some() {
            return None;
        }
        let role = lower[p.clone()]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && people.contains(w));
        if !role {
            return None;
        }
        starting_in(cues, p.start, p.end)
            .iter()
            .filter(|c| c.end <= p.end)
            .find_map(side_voice)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words as first written: each run of non-space characters,
    /// trimmed of trailing punctuation char by char.
    fn reference_words(p: &str, base: usize) -> Vec<(usize, usize)> {
        p.split_whitespace()
            .filter_map(|w| {
                let a = w.as_ptr() as usize - p.as_ptr() as usize;
                let t = w.trim_end_matches([',', '.', ';', ':', ')', '"', '”', '\'', '’']);
                (!t.is_empty()).then(|| (base + a, base + a + t.len()))
            })
            .collect()
    }

    #[test]
    fn words_agree_with_the_reference() {
        let parts = [
            "a",
            "Ostrava",
            " ",
            "  ",
            "\n",
            "\u{a0}",
            "\u{2003}",
            ",",
            ".",
            ";",
            ":",
            ")",
            "\"",
            "”",
            "'",
            "’",
            "“",
            "—",
            "é",
            "\u{201a}",
            "\u{2019}s",
            "x\u{99}",
            "3,000",
        ];
        let mut seed: u64 = 2024;
        let mut rnd = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut got = Vec::new();
        for _ in 0..20_000 {
            let p: String = (0..rnd(25)).map(|_| parts[rnd(parts.len())]).collect();
            Names::words_into(&p, 7, &mut got);
            assert_eq!(got, reference_words(&p, 7), "{p:?}");
        }
    }

    #[test]
    fn after_last_agrees_with_the_char_scan() {
        let reference = |s: &str, chars: &[char]| {
            s.char_indices()
                .rfind(|(_, c)| chars.contains(c))
                .map_or(0, |(i, c)| i + c.len_utf8())
        };
        let parts = [
            "a", " ", ",", ";", ":", "\"", "“", "”", "—", "(", ")", ".", "é", "’",
        ];
        let sets: [&[char]; 4] = [
            &[',', ';', ':', '“', '"', '”'],
            &[',', ';', ':', '—', '(', ')'],
            &['“', '"', '”'],
            &['.', '”', '"'],
        ];
        let mut seed: u64 = 7;
        let mut rnd = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..20_000 {
            let s: String = (0..rnd(12)).map(|_| parts[rnd(parts.len())]).collect();
            for chars in sets {
                assert_eq!(after_last(&s, chars), reference(&s, chars), "{s:?}");
            }
        }
    }
}
