//! One sentence, analysed: tokens, clauses, cues and resolved mentions.
//!
//! `hits` finds every phrase of an article in one pass and slices them per
//! sentence; `clauses` segments a sentence and scopes history to clauses;
//! `mentions` resolves names, descriptions and anaphora to places;
//! `discourse` keeps what the article has made salient.

mod clauses;
mod discourse;
mod hits;
mod mentions;

use crate::model::{CountryId, PlaceId};

use super::attribution::{Names, Quote, Voice};
use super::gazetteer::{Gaz, Gazetteer};
use super::lexicon::{Brk, Cue, Dep, Lexicon, Tal, Trigger};
use super::matching::{last_word_start, Hit};
use super::text::{tokens_into, Tok};

pub use clauses::{last_year_named, ClauseInfo};
pub use discourse::Discourse;
pub use hits::{ArticleHits, List, Matcher, LISTS};
pub use mentions::antecedent_participates;

/// What a capital mention is, for linking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MKind {
    /// A name, alias, description or rank phrase.
    Name,
    /// "the city", "the provincial capital".
    Anaphor,
    /// "it".
    Pronoun,
    /// "its": a place's own ("its fall"), never an object.
    Possessive,
    /// "which", "where" after a named place.
    Relative,
    /// A province that is not its capital: only joins lists.
    Province,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub place: PlaceId,
    pub kind: MKind,
    /// False for landmarks ("near Arden", "Dunmore airport") and speakers'
    /// whereabouts ("officials in Arden").
    pub participant: bool,
    /// Where a speaker is ("a council member in Arden").
    pub speaker: bool,
    /// Matched by its spelling drifting from a configured name.
    pub loose: bool,
}

/// The buffers of one sentence's analysis, handed on to the next so that
/// an article allocates them once.
#[derive(Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    events: Vec<Hit<Trigger>>,
    cues: Vec<Hit<Cue>>,
    deploy: Vec<Hit<Dep>>,
    tally: Vec<Hit<Tal>>,
    collective: Vec<Hit<u64>>,
    breaks: Vec<Hit<Brk>>,
    gaz: Vec<Hit<Gaz>>,
    segs: Vec<(usize, usize, usize)>,
    clauses: Vec<ClauseInfo>,
    mentions: Vec<Mention>,
    countries: Vec<(usize, usize, CountryId)>,
    quotes: Vec<Quote>,
    /// Per hit list, where the last sentence's hits ended.
    at: [usize; LISTS],
}

impl Scratch {
    /// Before the first sentence of an article (or when its sentences are
    /// taken out of text order).
    pub fn new_article(&mut self) {
        self.at = [0; LISTS];
    }
}

pub struct Sentence<'a> {
    pub text: &'a str,
    pub lower: &'a str,
    pub toks: Vec<Tok>,
    pub events: Vec<Hit<Trigger>>,
    pub cues: Vec<Hit<Cue>>,
    pub deploy: Vec<Hit<Dep>>,
    pub tally: Vec<Hit<Tal>>,
    /// Collective numbers ("a dozen"), value in the tag.
    pub collective: Vec<Hit<u64>>,
    /// Clause breaks and partial-control phrases ("most of").
    pub breaks: Vec<Hit<Brk>>,
    /// Clause segments: (start, end, clause id). A relative clause sits
    /// inside its main clause, which resumes after it.
    pub segs: Vec<(usize, usize, usize)>,
    /// Per clause id.
    pub clauses: Vec<ClauseInfo>,
    pub mentions: Vec<Mention>,
    pub countries: Vec<(usize, usize, CountryId)>,
    /// Quoted stretches inside the sentence, with their speaker's side.
    pub quotes: Vec<Quote>,
    /// Who speaks when nobody in the text is quoted: a side's statement
    /// speaks for that side throughout.
    pub doc_voice: Option<Voice>,
    /// The side whose own outlet a dateline credits ("ARDEN (Rebel Net)
    /// -"): its unnamed sources are its own.
    pub doc_credit: Option<Voice>,
    /// The place the sentences before made salient: what a sentence that
    /// names none of its own talks about.
    pub topic: Option<PlaceId>,
    /// The side of the speaker before this sentence, for "He said that
    /// ..." (set only where a pronoun opens a speech).
    pub prev_speaker: Option<Voice>,
    /// The people the article has introduced, by name.
    pub names: &'a Names,
}

impl<'a> Sentence<'a> {
    /// Analyse `text`, which starts at `base` in the article. `hits` are
    /// the article's matches, found once for the whole text; `quotes` are
    /// the article's quoted stretches.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        text: &'a str,
        lower: &'a str,
        base: usize,
        hits: &ArticleHits,
        quotes: &[Quote],
        names: &'a Names,
        lex: &Lexicon,
        gaz: &Gazetteer,
        disc: &mut Discourse,
        scratch: &mut Scratch,
    ) -> Sentence<'a> {
        let end = base + text.len();
        let at = |l: List| l as usize;
        let (mut events, mut deploy, mut tally) = (
            std::mem::take(&mut scratch.events),
            std::mem::take(&mut scratch.deploy),
            std::mem::take(&mut scratch.tally),
        );
        ArticleHits::slice_into(
            &hits.events,
            base,
            end,
            &mut events,
            &mut scratch.at[at(List::Events)],
        );
        ArticleHits::slice_into(
            &hits.deploy,
            base,
            end,
            &mut deploy,
            &mut scratch.at[at(List::Deploy)],
        );
        ArticleHits::slice_into(
            &hits.tally,
            base,
            end,
            &mut tally,
            &mut scratch.at[at(List::Tally)],
        );
        time_after_lookalike(lower, lex, &mut events);
        events.retain(|h| bare(lower, lex, h.start, h.end));
        // A sentence without any trigger only feeds salience: skip the rest.
        let quiet = events.is_empty() && deploy.is_empty() && tally.is_empty();
        let mut toks = std::mem::take(&mut scratch.toks);
        toks.clear();
        if !quiet {
            tokens_into(text, &mut toks);
        }
        let mut cues = std::mem::take(&mut scratch.cues);
        ArticleHits::slice_into(
            &hits.cues,
            base,
            end,
            &mut cues,
            &mut scratch.at[at(List::Cues)],
        );
        if !quiet {
            if let Some(h) = inverted_condition(lower, lex) {
                cues.insert(0, h);
            }
        }
        let mut breaks = std::mem::take(&mut scratch.breaks);
        ArticleHits::slice_into(
            &hits.breaks,
            base,
            end,
            &mut breaks,
            &mut scratch.at[at(List::Breaks)],
        );
        ArticleHits::slice_into(
            &hits.gaz,
            base,
            end,
            &mut scratch.gaz,
            &mut scratch.at[at(List::Gaz)],
        );
        let mut segs = std::mem::take(&mut scratch.segs);
        let mut infos = std::mem::take(&mut scratch.clauses);
        if quiet {
            segs.clear();
            segs.push((0, lower.len(), 0));
            infos.clear();
            infos.push(ClauseInfo::default());
        } else {
            let places = clauses::Places {
                gaz: &scratch.gaz,
                events: &events,
                cues: &cues,
                deploy: &deploy,
            };
            clauses::segments(lower, &breaks, lex, &places, &mut segs, &mut infos);
            clauses::carve_asides(lower, lex, &places, &mut segs, &mut infos);
            // "at its peak the force at the airport numbered 5,800" is
            // this evacuation's peak, not the war's
            let evacuation = deploy.iter().any(|h| h.tag.contains(Dep::EVAC));
            clauses::mark_history(lower, &toks, &cues, &segs, &mut infos, lex, evacuation);
        }
        let mut collective = std::mem::take(&mut scratch.collective);
        ArticleHits::slice_into(
            &hits.collective,
            base,
            end,
            &mut collective,
            &mut scratch.at[at(List::Collective)],
        );
        let mut countries = std::mem::take(&mut scratch.countries);
        countries.clear();
        let mut qs = std::mem::take(&mut scratch.quotes);
        qs.clear();
        if !quiet {
            // quotes never overlap, so their ends are sorted too
            let first = quotes.partition_point(|q| q.end <= base);
            qs.extend(
                quotes[first..]
                    .iter()
                    .take_while(|q| q.start < end)
                    .map(|q| Quote {
                        start: q.start.saturating_sub(base),
                        end: (q.end - base).min(text.len()),
                        voice: q.voice,
                    }),
            );
        }
        let mut s = Sentence {
            text,
            events,
            deploy,
            tally,
            collective,
            breaks,
            cues,
            lower,
            toks,
            segs,
            clauses: infos,
            mentions: std::mem::take(&mut scratch.mentions),
            countries,
            quotes: qs,
            doc_voice: None,
            doc_credit: None,
            topic: None,
            prev_speaker: None,
            names,
        };
        s.topic = disc.topic(1);
        s.resolve(gaz, lex, &scratch.gaz, (&hits.loose, base), disc);
        s
    }

    /// Whether no rule can find anything here: they all start from a
    /// trigger.
    pub fn quiet(&self) -> bool {
        self.events.is_empty() && self.deploy.is_empty() && self.tally.is_empty()
    }

    /// Whether the sentence asks rather than states: a yes/no question
    /// ("Has X fallen?"), or a line of a questioner's turn ("Q: There are
    /// reports X fell."). A wh-question takes its event as given.
    pub fn asks(&self, lex: &Lexicon) -> bool {
        let word = |t: &'a str| {
            let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
            let end = t
                .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .unwrap_or(t.len());
            (&t[..end], &t[end..])
        };
        let (first, rest) = word(self.lower);
        if rest.starts_with(':') && lex.question_labels.contains(first) {
            return true;
        }
        // "Q (Tolo): Is this ...?", "SMITH (BBC): Did ...?": who the
        // speaker is with, in brackets, before the label's colon; what
        // follows is asked only if it reads as a question
        let rest = match rest.trim_start().strip_prefix('(') {
            Some(r) if r.find(')').is_some_and(|i| r[i + 1..].starts_with(':')) => {
                r.find(')').map_or(rest, |i| &r[i + 1..])
            }
            _ => rest,
        };
        // after a speaker's label ("SMITH: Did ...?")
        let (first, _) = match rest.strip_prefix(':') {
            Some(r) if first.len() + 1 < self.lower.len() / 2 => word(r),
            _ => (first, rest),
        };
        // "Farida, is it true that ...?", "So, did they ...?": a name or a
        // word called out before the question
        let after_vocative = || {
            /// At most this many words are called out before the comma.
            const VOCATIVE_WORDS: usize = 2;
            self.lower.split_once(',').is_some_and(|(head, tail)| {
                head.split_whitespace().count() <= VOCATIVE_WORDS
                    && lex
                        .question_openers
                        .contains(&word(tail).0.replace('’', "'"))
            })
        };
        self.lower
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?')
            .ends_with('?')
            && (lex.question_openers.contains(&first.replace('’', "'")) || after_vocative())
    }

    /// Hand the buffers on to the next sentence.
    pub fn recycle(self, scratch: &mut Scratch) {
        scratch.toks = self.toks;
        scratch.events = self.events;
        scratch.cues = self.cues;
        scratch.deploy = self.deploy;
        scratch.tally = self.tally;
        scratch.collective = self.collective;
        scratch.breaks = self.breaks;
        scratch.segs = self.segs;
        scratch.clauses = self.clauses;
        scratch.mentions = self.mentions;
        scratch.countries = self.countries;
        scratch.quotes = self.quotes;
    }

    /// "It is worth pausing on 1996. That September, they took X": opened
    /// by "that" and a time word, a sentence is about the time named
    /// before it; when that was an old year, its opening clause and the
    /// background ones are history.
    pub fn back_in_time(&mut self, lex: &Lexicon) {
        let mut words = self
            .lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let (Some(that), Some(time)) = (words.next(), words.next()) else {
            return;
        };
        if !lex.demonstratives.contains(that)
            || !(lex.date_words.contains(time) || lex.durations.contains(time))
        {
            return;
        }
        let opening = self.clause_at(0);
        for (k, info) in self.clauses.iter_mut().enumerate() {
            if k == opening || info.background {
                info.history = true;
            }
        }
    }

    pub fn clause_at(&self, pos: usize) -> usize {
        clauses::clause_at(&self.segs, pos)
    }

    pub fn clause(&self, id: usize) -> ClauseInfo {
        self.clauses.get(id).copied().unwrap_or_default()
    }

    /// Whether `pos` lies in a clause about something other than the
    /// sentence's news ("as the rebels closed in on Brook").
    pub fn in_background(&self, pos: usize) -> bool {
        self.clause(self.clause_at(pos)).background
    }

    /// Where `clause` begins (a resumed main clause begins at its first part).
    pub fn clause_start(&self, clause: usize) -> usize {
        self.segs.iter().find(|x| x.2 == clause).map_or(0, |x| x.0)
    }

    /// Where `clause` ends (its last part).
    pub fn clause_end(&self, clause: usize) -> usize {
        self.segs
            .iter()
            .rev()
            .find(|x| x.2 == clause)
            .map_or(self.lower.len(), |x| x.1)
    }

    /// Whether a cue with any of `bits` stands before `pos` in the same
    /// clause.
    pub fn cue_before_in_clause(&self, bits: Cue, pos: usize) -> bool {
        let clause = self.clause_at(pos);
        self.cues
            .iter()
            .any(|c| c.tag.intersects(bits) && c.start < pos && self.clause_at(c.start) == clause)
    }

    /// Whether a side word at `pos` is another country's force ("British
    /// troops", "an RAF flight carrying soldiers"): the host's are never
    /// named as a country.
    pub fn foreign_force(&self, pos: usize) -> bool {
        const WITHIN: usize = 4;
        let from = self.words_back(pos, WITHIN);
        self.countries.iter().any(|&(_, end, _)| {
            end <= pos && end >= from && !self.lower[end..pos].contains([',', ';', '.', ':'])
        })
    }

    /// The side named last before `pos` in `clause`: the last cue naming
    /// the attacker or the defender.
    pub fn side_before(&self, pos: usize, clause: usize) -> Option<&Hit<Cue>> {
        self.cues
            .iter()
            .rev()
            .filter(|c| c.end <= pos && self.clause_at(c.start) == clause)
            .find(|c| c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER))
    }

    /// Whether a cue with any of `bits` stands anywhere in `clause`.
    pub fn cue_in_clause(&self, bits: Cue, clause: usize) -> bool {
        self.cues
            .iter()
            .any(|c| c.tag.intersects(bits) && self.clause_at(c.start) == clause)
    }

    /// Index of the first token starting at or after `pos`.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    /// Word tokens (lower-cased) in `from..to` that belong to `clause`;
    /// punctuation comes back as is.
    pub fn words_between(
        &self,
        from: usize,
        to: usize,
        clause: usize,
    ) -> impl Iterator<Item = &str> + '_ {
        self.toks[self.tok_at(from)..]
            .iter()
            .take_while(move |t| t.end <= to)
            .filter(move |t| self.clause_at(t.start) == clause)
            .map(|t| &self.lower[t.start..t.end])
    }

    /// Start of the `n`th word token before `pos` (or of the sentence).
    pub fn words_back(&self, pos: usize, n: usize) -> usize {
        let end = self.toks.partition_point(|t| t.end <= pos);
        self.toks[..end]
            .iter()
            .rev()
            .filter(|t| t.word)
            .nth(n.saturating_sub(1))
            .map_or(0, |t| t.start)
    }

    /// The whitespace-separated word that ends right before `pos`, with
    /// any punctuation attached ("was", "and", "troops,").
    pub fn word_before(&self, pos: usize) -> Option<&'a str> {
        self.lower[..pos].split_whitespace().next_back()
    }

    pub fn word_after(&self, pos: usize) -> Option<&'a str> {
        self.lower[pos..].split_whitespace().next()
    }

    /// Whether the place ending at `end` owns what follows it, and that
    /// is a part of it: "the city's 10 police districts", "Arden's
    /// western suburbs", "Arden city's southern neighbourhoods".
    pub fn possessed_part(&self, lex: &Lexicon, end: usize) -> bool {
        let mut after = &self.lower[end..];
        // "Arden city's": the name's own noun first
        let t = after.trim_start();
        if let Some(i) = t.find(['\'', '’']) {
            if lex.city_nouns.contains(&t[..i]) {
                after = &t[i..];
            }
        }
        let Some(rest) = lex.after_possessive(after).filter(|r| r.starts_with(' ')) else {
            return false;
        };
        Self::part_opens(lex, rest)
    }

    /// Whether `rest` opens with a part of a place after at most a few
    /// words ("southern neighbourhoods", "10 police districts"): what
    /// follows a place's possessive ("Arden's", "its").
    pub fn part_opens(lex: &Lexicon, rest: &str) -> bool {
        const MAX_WORDS: usize = 3;
        // a figure or an adjective or two may stand before the part
        let mut t = rest.trim_start();
        for _ in 0..=MAX_WORDS {
            if lex.partial_possessed.iter().any(|p| {
                t.starts_with(p.as_str()) && !t[p.len()..].starts_with(char::is_alphanumeric)
            }) {
                return true;
            }
            match t.split_once(' ') {
                Some((_, r)) => t = r.trim_start(),
                None => return false,
            }
        }
        false
    }

    /// The token index after approximators from `k` on ("about",
    /// "approx."): where a figure they qualify starts.
    pub fn past_approximators(&self, lex: &Lexicon, mut k: usize) -> usize {
        while let Some(t) = self.toks.get(k) {
            if !lex.approximators.contains(&self.lower[t.start..t.end]) {
                break;
            }
            k += 1;
            // "approx. 120": the abbreviation's own period
            if self
                .toks
                .get(k)
                .is_some_and(|p| !p.word && &self.lower[p.start..p.end] == ".")
            {
                k += 1;
            }
        }
        k
    }

    /// End of the `n`th word token after `pos` (or of the sentence).
    pub fn words_fwd(&self, pos: usize, n: usize) -> usize {
        self.toks[self.tok_at(pos)..]
            .iter()
            .filter(|t| t.word)
            .nth(n.saturating_sub(1))
            .map_or(self.lower.len(), |t| t.end)
    }

    /// The quoted stretch around `pos`, if any.
    pub fn quote_at(&self, pos: usize) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.start <= pos && pos < q.end)
    }
}

/// The text before a word, without trailing articles and place adjectives
/// ("in the", "in northern").
pub fn strip_determiners<'t>(before: &'t str, lex: &Lexicon) -> &'t str {
    let mut t = before.trim_end();
    loop {
        let Some(word_start) = last_word_start(t, |c| c == ' ') else {
            return t;
        };
        let w = &t[word_start..];
        if !w.is_empty() && (lex.determiners.contains(w) || lex.place_adjectives.contains(w)) {
            t = t[..word_start].trim_end();
        } else {
            return t;
        }
    }
}

/// "was taken a day later": a look-alike ending in an article ("take a"
/// of "take a look") is the verb alone when a span of time follows the
/// article; the hit becomes the verb's.
/// Whether the trigger at `start..end`, when it is one of the verbs
/// counted only bare ("went", "gone"), has nothing after it but a time or
/// its clause's end: "X went on Friday", "X has also gone,", not "X went
/// on fighting", "officials have gone to Y".
fn bare(lower: &str, lex: &Lexicon, start: usize, end: usize) -> bool {
    if !lex.bare_forms.contains(&lower[start..end]) {
        return true;
    }
    let mut words = lower[end..]
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    let Some(next) = words.next() else {
        return true;
    };
    let word = next.trim_end_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return true;
    }
    let date = |w: Option<&str>| {
        w.map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|w| lex.date_words.contains(w))
    };
    lex.bare_after.contains(word)
        || lex.date_words.contains(word)
        || (lex.bare_date_prepositions.contains(word) && date(words.next()))
}

fn time_after_lookalike(lower: &str, lex: &Lexicon, events: &mut [Hit<Trigger>]) {
    for h in events.iter_mut().filter(|h| !h.tag.live()) {
        let phrase = &lower[h.start..h.end];
        let Some((verb, article)) = phrase.rsplit_once(' ') else {
            continue;
        };
        let next = lower[h.end..].split_whitespace().next().unwrap_or("");
        if !lex.indefinite.contains(article)
            || !lex
                .durations
                .contains(next.trim_end_matches(|c: char| !c.is_alphanumeric()))
        {
            continue;
        }
        if let Some(tag) = lex.events.get(verb.trim_end()).filter(|t| t.live()) {
            h.end = h.start + verb.trim_end().len();
            h.tag = tag;
        }
    }
}

/// "Had X fallen, ...", "Were the rebels to take X, ...": a sentence that
/// opens with an auxiliary before its subject, a comma a few words on, is
/// a condition, as "if" is: the opener is a modal cue.
fn inverted_condition(lower: &str, lex: &Lexicon) -> Option<Hit<Cue>> {
    let start = lower.len() - lower.trim_start().len();
    let first = lower[start..]
        .split(|c: char| !c.is_alphanumeric())
        .next()?;
    if !lex.inversion_openers.contains(first) {
        return None;
    }
    let comma = lower.find(',')?;
    (lower[start..comma].split_whitespace().count() <= INVERSION_WORDS).then(|| Hit {
        start,
        end: start + first.len(),
        tag: Cue::MODAL,
    })
}

/// How far into the sentence the comma closing an inverted condition is.
const INVERSION_WORDS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scenario;

    fn clause_texts(s: &str) -> Vec<String> {
        let sc = Scenario::builtin();
        let lex = Lexicon::new(&sc);
        let gaz = Gazetteer::new(&sc);
        let mut d = Discourse::default();
        let lower = s.to_ascii_lowercase();
        let hits = ArticleHits::find(s, &lower, &Matcher::new(&lex, &gaz), &gaz);
        let names = Names::default();
        let sent = Sentence::new(
            s,
            &lower,
            0,
            &hits,
            &[],
            &names,
            &lex,
            &gaz,
            &mut d,
            &mut Scratch::default(),
        );
        let mut out = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for &(_, _, id) in &sent.segs {
            if seen.insert(id) {
                let t: String = sent
                    .segs
                    .iter()
                    .filter(|x| x.2 == id)
                    .map(|x| &s[x.0..x.1])
                    .collect();
                out.push(t.trim().to_string());
            }
        }
        out
    }

    #[test]
    fn relative_clause_sits_inside_its_main_clause() {
        let c = clause_texts("Fallow, the capital of Fenland province, which the rebels took on Sunday, has been recaptured by loyalists.");
        assert_eq!(
            c[0],
            "Fallow, the capital of Fenland province, has been recaptured by loyalists."
        );
        assert_eq!(c[1], ", which the rebels took on Sunday");
    }
}
