//! One sentence, analysed: tokens, clauses, cues and resolved mentions.

use crate::model::{CountryId, PlaceId};

use super::gazetteer::{Gaz, Gazetteer};
use super::lexicon::{cue, Lexicon};
use super::phrases::{FindBuf, GroupedSet, Hit, PhraseSet, WordSet};
use super::text::{tokens_into, Tok};

/// What a capital mention is, for linking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MKind {
    /// A name, alias, description or rank phrase.
    Name,
    /// "the city", "the provincial capital".
    Anaphor,
    /// "it", "its".
    Pronoun,
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
}

/// What the article so far makes salient, for "the city" and "it".
///
/// Places taking part in events rank first; where a speaker is ("officials
/// in Glen say...") counts only within its own sentence; landmarks ("near
/// Arden") never count.
#[derive(Debug, Default)]
pub struct Discourse {
    sentence: usize,
    /// Participants named so far: (sentence index, place), most recent last.
    recent: Vec<(usize, PlaceId)>,
    /// Speakers' whereabouts: (sentence index, place).
    speakers: Vec<(usize, PlaceId)>,
}

impl Discourse {
    pub fn next_sentence(&mut self) {
        self.sentence += 1;
    }

    /// This sentence's participants, then its speakers' whereabouts, then
    /// participants of the `back` sentences before, then the last
    /// sentence's speakers' whereabouts.
    fn salient(&self, back: usize) -> Option<PlaceId> {
        let now = self.sentence;
        let last = |v: &[(usize, PlaceId)], within: usize| {
            v.last().filter(|(s, _)| now - s <= within).map(|&(_, p)| p)
        };
        last(&self.recent, 0)
            .or_else(|| last(&self.speakers, 0))
            .or_else(|| last(&self.recent, back))
            .or_else(|| last(&self.speakers, 1.min(back)))
    }

    fn note(&mut self, p: PlaceId) {
        self.recent.push((self.sentence, p));
        if self.recent.len() > 16 {
            self.recent.remove(0);
        }
    }

    fn note_speaker(&mut self, p: PlaceId) {
        self.speakers.push((self.sentence, p));
        if self.speakers.len() > 16 {
            self.speakers.remove(0);
        }
    }
}

/// Every phrase match of an article, found in one pass per lexicon.
#[derive(Default)]
pub struct ArticleHits {
    pub events: Vec<Hit<u64>>,
    pub cues: Vec<Hit<u64>>,
    pub deploy: Vec<Hit<u64>>,
    pub tally: Vec<Hit<u64>>,
    pub breaks: Vec<Hit<u64>>,
    pub collective: Vec<Hit<u64>>,
    pub gaz: Vec<Hit<Gaz>>,
}

/// One list's payload in the combined automaton.
#[derive(Debug, Clone, Copy)]
pub enum Payload {
    Bits(u64),
    Place(Gaz),
}

/// All phrase lists of a scenario in one automaton.
pub struct Matcher(GroupedSet<Payload>);

const LISTS: usize = 7;

impl Matcher {
    pub fn new(lex: &Lexicon, gaz: &Gazetteer) -> Matcher {
        fn bits(p: &PhraseSet<u64>) -> Vec<(&str, Payload)> {
            p.entries().map(|(s, t)| (s, Payload::Bits(t))).collect()
        }
        let lists: Vec<Vec<(&str, Payload)>> = vec![
            bits(&lex.events),
            bits(&lex.cues),
            bits(&lex.deploy),
            bits(&lex.tally),
            bits(&lex.breaks),
            bits(&lex.collective),
            gaz.set
                .entries()
                .map(|(s, t)| (s, Payload::Place(t)))
                .collect(),
        ];
        debug_assert_eq!(lists.len(), LISTS);
        Matcher(GroupedSet::new(
            lists
                .into_iter()
                .map(|l| Box::new(l.into_iter()) as Box<dyn Iterator<Item = (&str, Payload)>>)
                .collect(),
        ))
    }
}

impl ArticleHits {
    pub fn find(text: &str, lower: &str, m: &Matcher, gaz: &Gazetteer) -> ArticleHits {
        let mut hits = ArticleHits::default();
        hits.fill(text, lower, m, gaz, &mut FindBuf::default());
        hits
    }

    /// Like [`ArticleHits::find`], into buffers reused from article to
    /// article.
    pub fn fill(
        &mut self,
        text: &str,
        lower: &str,
        m: &Matcher,
        gaz: &Gazetteer,
        buf: &mut FindBuf,
    ) {
        let ArticleHits {
            events,
            cues,
            deploy,
            tally,
            breaks,
            collective,
            gaz: places,
        } = self;
        let mut bits: [&mut Vec<Hit<u64>>; LISTS - 1] =
            [events, cues, deploy, tally, breaks, collective];
        for v in bits.iter_mut() {
            v.clear();
        }
        places.clear();
        m.0.find_each(lower, buf, |g, h| {
            let (start, end) = (h.start, h.end);
            match h.tag {
                Payload::Bits(tag) if g < LISTS - 1 => bits[g].push(Hit { start, end, tag }),
                Payload::Place(tag) if g == LISTS - 1 => places.push(Hit { start, end, tag }),
                _ => {}
            }
        });
        gaz.check_case(places, text);
    }

    /// The hits inside `start..end`, with offsets made relative to `start`,
    /// into `out` (cleared first). `at` is where the previous call stopped:
    /// sentences come in text order, so the first hit is usually a short
    /// step on from there. Any `at` gives the right answer.
    fn slice_into<T: Copy>(
        hits: &[Hit<T>],
        start: usize,
        end: usize,
        out: &mut Vec<Hit<T>>,
        at: &mut usize,
    ) {
        out.clear();
        let mut i = *at;
        if i > hits.len() || (i > 0 && hits[i - 1].start >= start) {
            i = hits.partition_point(|h| h.start < start);
        } else {
            while i < hits.len() && hits[i].start < start {
                i += 1;
            }
        }
        let mut j = i;
        while j < hits.len() && hits[j].start < end {
            let h = hits[j];
            if h.end <= end {
                out.push(Hit {
                    start: h.start - start,
                    end: h.end - start,
                    tag: h.tag,
                });
            }
            j += 1;
        }
        *at = j;
    }
}

/// The buffers of one sentence's analysis, handed on to the next so that
/// an article allocates them once.
#[derive(Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    events: Vec<Hit<u64>>,
    cues: Vec<Hit<u64>>,
    deploy: Vec<Hit<u64>>,
    tally: Vec<Hit<u64>>,
    collective: Vec<Hit<u64>>,
    breaks: Vec<Hit<u64>>,
    gaz: Vec<Hit<Gaz>>,
    segs: Vec<(usize, usize, usize)>,
    mentions: Vec<Mention>,
    countries: Vec<(usize, usize, CountryId)>,
    /// Per hit list, where the last sentence's hits ended.
    at: [usize; LISTS],
}

impl Scratch {
    /// Before the first sentence of an article.
    pub fn new_article(&mut self) {
        self.at = [0; LISTS];
    }
}

pub struct Sentence<'a> {
    pub text: &'a str,
    pub lower: &'a str,
    /// Offset of the sentence in the article text.
    pub base: usize,
    pub toks: Vec<Tok>,
    pub events: Vec<Hit<u64>>,
    pub cues: Vec<Hit<u64>>,
    pub deploy: Vec<Hit<u64>>,
    pub tally: Vec<Hit<u64>>,
    /// Collective numbers ("a dozen"), value in the tag.
    pub collective: Vec<Hit<u64>>,
    /// Clause segments: (start, end, clause id). A relative clause sits
    /// inside its main clause, which resumes after it.
    pub segs: Vec<(usize, usize, usize)>,
    pub mentions: Vec<Mention>,
    pub countries: Vec<(usize, usize, CountryId)>,
    /// About the past ("in 1996", "has changed hands before").
    pub history: bool,
}

impl<'a> Sentence<'a> {
    /// Analyse `text`, which starts at `base` in the article. `hits` are
    /// the article's matches, found once for the whole text.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        text: &'a str,
        lower: &'a str,
        base: usize,
        hits: &ArticleHits,
        lex: &Lexicon,
        gaz: &Gazetteer,
        disc: &mut Discourse,
        scratch: &mut Scratch,
    ) -> Sentence<'a> {
        let end = base + text.len();
        let (mut events, mut deploy, mut tally) = (
            std::mem::take(&mut scratch.events),
            std::mem::take(&mut scratch.deploy),
            std::mem::take(&mut scratch.tally),
        );
        ArticleHits::slice_into(&hits.events, base, end, &mut events, &mut scratch.at[0]);
        ArticleHits::slice_into(&hits.deploy, base, end, &mut deploy, &mut scratch.at[1]);
        ArticleHits::slice_into(&hits.tally, base, end, &mut tally, &mut scratch.at[2]);
        // A sentence without any trigger only feeds salience: skip the rest.
        let quiet = events.is_empty() && deploy.is_empty() && tally.is_empty();
        let mut toks = std::mem::take(&mut scratch.toks);
        toks.clear();
        if !quiet {
            tokens_into(text, &mut toks);
        }
        let mut cues = std::mem::take(&mut scratch.cues);
        ArticleHits::slice_into(&hits.cues, base, end, &mut cues, &mut scratch.at[3]);
        let mut segs = std::mem::take(&mut scratch.segs);
        segs.clear();
        if quiet {
            segs.push((0, lower.len(), 0));
        } else {
            ArticleHits::slice_into(
                &hits.breaks,
                base,
                end,
                &mut scratch.breaks,
                &mut scratch.at[4],
            );
            segments(lower, &scratch.breaks, lex, &mut segs);
        }
        let history = !quiet && is_history(lower, &toks, &cues, lex.year);
        let mut collective = std::mem::take(&mut scratch.collective);
        ArticleHits::slice_into(
            &hits.collective,
            base,
            end,
            &mut collective,
            &mut scratch.at[5],
        );
        let mut countries = std::mem::take(&mut scratch.countries);
        countries.clear();
        let mut s = Sentence {
            text,
            events,
            deploy,
            tally,
            collective,
            cues,
            lower,
            base,
            toks,
            segs,
            mentions: std::mem::take(&mut scratch.mentions),
            countries,
            history,
        };
        ArticleHits::slice_into(&hits.gaz, base, end, &mut scratch.gaz, &mut scratch.at[6]);
        s.resolve(gaz, &scratch.gaz, disc);
        s
    }

    /// Whether no rule can find anything here: they all start from a
    /// trigger.
    pub fn quiet(&self) -> bool {
        self.events.is_empty() && self.deploy.is_empty() && self.tally.is_empty()
    }

    /// Hand the buffers on to the next sentence.
    pub fn recycle(self, scratch: &mut Scratch) {
        scratch.toks = self.toks;
        scratch.events = self.events;
        scratch.cues = self.cues;
        scratch.deploy = self.deploy;
        scratch.tally = self.tally;
        scratch.collective = self.collective;
        scratch.segs = self.segs;
        scratch.mentions = self.mentions;
        scratch.countries = self.countries;
    }

    pub fn clause_at(&self, pos: usize) -> usize {
        // segments are contiguous and in order
        let i = self.segs.partition_point(|&(a, _, _)| a <= pos);
        self.segs[i.saturating_sub(1)].2
    }

    /// Where `clause` begins (a resumed main clause begins at its first part).
    pub fn clause_start(&self, clause: usize) -> usize {
        self.segs.iter().find(|x| x.2 == clause).map_or(0, |x| x.0)
    }

    /// Whether a cue with `bits` stands before `pos` in the same clause.
    pub fn cue_before_in_clause(&self, bits: u64, pos: usize) -> bool {
        let clause = self.clause_at(pos);
        self.cues
            .iter()
            .any(|c| c.tag & bits != 0 && c.start < pos && self.clause_at(c.start) == clause)
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

    pub fn cue_in(&self, bits: u64, from: usize, to: usize) -> Option<&Hit<u64>> {
        self.cues
            .iter()
            .find(|h| h.tag & bits != 0 && h.start >= from && h.end <= to)
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

    /// End of the `n`th word token after `pos` (or of the sentence).
    pub fn words_fwd(&self, pos: usize, n: usize) -> usize {
        self.toks[self.tok_at(pos)..]
            .iter()
            .filter(|t| t.word)
            .nth(n.saturating_sub(1))
            .map_or(self.lower.len(), |t| t.end)
    }

    fn resolve(&mut self, gaz: &Gazetteer, hits: &[Hit<Gaz>], disc: &mut Discourse) {
        let lower = self.lower;
        let mut out: Vec<Mention> = std::mem::take(&mut self.mentions);
        out.clear();
        let mut last_province: Option<PlaceId> = None;
        let mut i = 0;
        let only_space = |a: usize, b: usize| a <= b && lower[a..b].trim().is_empty();
        let comma_between = |a: usize, b: usize| a <= b && lower[a..b].trim() == ",";
        while i < hits.len() {
            let h = hits[i];
            let next = hits.get(i + 1).copied();
            let push = |mut m: Mention, out: &mut Vec<Mention>, disc: &mut Discourse| {
                if m.kind == MKind::Province {
                    out.push(m);
                    return;
                }
                let (landmark, speaker) = self.roles(gaz, &m, out.last());
                m.participant = !(landmark || speaker);
                if m.participant {
                    disc.note(m.place);
                } else if speaker {
                    disc.note_speaker(m.place);
                }
                out.push(m);
            };
            let named = |start, end, place| Mention {
                start,
                end,
                place,
                kind: MKind::Name,
                participant: true,
            };
            match h.tag {
                Gaz::Capital(p) => push(named(h.start, h.end, p), &mut out, disc),
                Gaz::Ranks(a, b) => {
                    push(named(h.start, h.end, a), &mut out, disc);
                    push(named(h.start, h.end, b), &mut out, disc);
                }
                Gaz::NationalCapital(p) => {
                    let appos_after = next.is_some_and(|n| {
                        matches!(n.tag, Gaz::Capital(_))
                            && gaz.is_apposition(&lower[h.end..n.start])
                    });
                    let appos_before = out.last().is_some_and(|m| comma_between(m.end, h.start));
                    if !appos_after && !appos_before {
                        push(named(h.start, h.end, p), &mut out, disc);
                    }
                }
                Gaz::Province(p) => {
                    let after = &lower[h.end..];
                    let suffix = gaz
                        .province_suffix
                        .starts_len(after)
                        .filter(|_| !gaz.landmark_after.starts(after.trim_start_matches("'s")));
                    if let Some(len) = suffix {
                        push(named(h.start, h.end + len, p), &mut out, disc);
                    } else {
                        last_province = Some(p);
                        push(
                            Mention {
                                kind: MKind::Province,
                                participant: false,
                                ..named(h.start, h.end, p)
                            },
                            &mut out,
                            disc,
                        );
                    }
                }
                Gaz::CapitalOf => {
                    // "capital of (the) (northern) Westmarch (province)"
                    if let Some(n) = next {
                        let gap = lower[h.end..n.start].split_whitespace().count();
                        // "capital of the central province of Daykundi"
                        let clean = !lower[h.end..n.start].contains([',', ';', '.', ':']);
                        let target = match n.tag {
                            Gaz::Province(q) | Gaz::Capital(q) if gap <= 5 && clean => Some(q),
                            Gaz::ThatProvince if gap == 0 => last_province,
                            _ => None,
                        };
                        if let Some(q) = target {
                            let tail = &lower[n.end..];
                            let t = tail.trim_start();
                            let word = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                            let end = if !word.is_empty() && gaz.province_words.starts(word) {
                                n.end + (tail.len() - t.len()) + word.len()
                            } else {
                                n.end
                            };
                            push(named(h.start, end, q), &mut out, disc);
                            i += 2;
                            continue;
                        }
                    }
                }
                Gaz::CityAnaphor => {
                    let phrase = &lower[h.start..h.end];
                    let appos_before = out
                        .last()
                        .is_some_and(|m| m.kind == MKind::Name && comma_between(m.end, h.start));
                    let appos_after = next.is_some_and(|n| {
                        matches!(n.tag, Gaz::Capital(_))
                            && gaz.is_apposition(&lower[h.end..n.start])
                    });
                    let place = if appos_before || appos_after {
                        None
                    } else if gaz.is_provincial_anaphor(phrase) && last_province.is_some() {
                        last_province
                    } else {
                        disc.salient(3)
                    };
                    if let Some(p) = place {
                        push(
                            Mention {
                                kind: MKind::Anaphor,
                                ..named(h.start, h.end, p)
                            },
                            &mut out,
                            disc,
                        );
                    }
                }
                Gaz::Pronoun => {
                    if let Some(p) = disc.salient(1) {
                        out.push(Mention {
                            kind: MKind::Pronoun,
                            ..named(h.start, h.end, p)
                        });
                    }
                }
                Gaz::Relative => {
                    let before = lower[..h.start].trim_end();
                    if before.ends_with(',') {
                        let comma = before.len() - 1;
                        let ante = out.iter().rev().find(|m| m.kind != MKind::Pronoun);
                        let place = match ante {
                            Some(m) if m.kind != MKind::Province && only_space(m.end, comma) => {
                                Some(m.place)
                            }
                            // "Tirinkot in Oruzgan, which"
                            Some(m) if m.kind == MKind::Province && only_space(m.end, comma) => out
                                .iter()
                                .rev()
                                .skip(1)
                                .find(|x| {
                                    x.kind == MKind::Name
                                        && x.end < m.start
                                        && lower[x.end..m.start].trim() == "in"
                                })
                                .map(|x| x.place),
                            _ => None,
                        };
                        if let Some(p) = place {
                            out.push(Mention {
                                kind: MKind::Relative,
                                ..named(h.start, h.end, p)
                            });
                        }
                    }
                }
                Gaz::Country(c) | Gaz::CountryUpper(c) => self.countries.push((h.start, h.end, c)),
                Gaz::ThatProvince | Gaz::Skip => {}
            }
            i += 1;
        }
        self.mentions = out;
    }

    /// Whether a mention is a landmark ("near Arden", "Dunmore airport", or
    /// listed with one: "between Arden and Calder") or where a speaker is
    /// ("officials in Arden").
    fn roles(&self, gaz: &Gazetteer, m: &Mention, prev: Option<&Mention>) -> (bool, bool) {
        let lower = self.lower;
        let before = &lower[..m.start];
        let after = &lower[m.end..];
        let listed_with_landmark = prev.is_some_and(|p| {
            let between = lower[p.end.min(m.start)..m.start].trim();
            !p.participant && p.kind != MKind::Province && matches!(between, "and" | "," | "or")
        });
        // "laid siege to X", "assault on X": a trigger's own preposition
        // makes no landmark
        let after_trigger = self
            .events
            .iter()
            .any(|h| h.end <= m.start && lower[h.end..m.start].trim().is_empty());
        let t = before.trim_end();
        let speaker = ["in", "of", "from", "at"]
            .iter()
            .find(|p| t.ends_with(*p) && t[..t.len() - p.len()].ends_with(' '))
            .is_some_and(|p| {
                let rest = t[..t.len() - p.len()].trim_end();
                let w = rest
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                gaz.people.contains(w)
            });
        // "an MP from X" says where the speaker is, whatever "from" suggests
        let landmark = !speaker
            && ((!after_trigger && gaz.landmark_before.ends(strip_determiners(before)))
                || (m.kind == MKind::Name && gaz.landmark_after.starts(after))
                || listed_with_landmark
                || self.is_dateline(m));
        (landmark, speaker)
    }

    /// "ARDEN —", "Arden/Ruritania:", "Arden, Aug 14 (Agencies):" at the
    /// start of a sentence say where the report was filed.
    fn is_dateline(&self, m: &Mention) -> bool {
        if !self.text[..m.start].trim().is_empty() {
            return false;
        }
        let name = &self.text[m.start..m.end];
        if name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
            && name.len() > 2
        {
            return true;
        }
        let rest = self.text[m.end..].trim_start();
        if rest.starts_with('/') {
            return true;
        }
        // ", Aug 14 (" / ", Aug 14 –"
        let Some(r) = rest.strip_prefix(',') else {
            return false;
        };
        let mut words = r.split_whitespace();
        let (Some(_), Some(day)) = (words.next(), words.next()) else {
            return false;
        };
        day.trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse::<u32>()
            .is_ok()
            && words
                .next()
                .is_some_and(|w| w.starts_with(['(', '–', '—', '-', ':']))
    }

    /// Attacker or other, for the speaker of a speech cue.
    pub fn speaker_is_attacker(&self, h: &Hit<u64>, people: &WordSet) -> Option<bool> {
        let (from, to) = if h.tag & cue::SPEECH_AFTER != 0 {
            let end = self.lower[h.end..]
                .find([',', ';'])
                .map_or(self.lower.len(), |i| h.end + i);
            (h.end, end.min(self.words_fwd(h.end, 8)))
        } else {
            let start = self.lower[..h.start]
                .rfind([',', ';', ':', '“', '"'])
                .map_or(0, |i| i + 1);
            (start.max(self.words_back(h.start, 8)), h.start)
        };
        let class = self.speaker_class(from, to, people);
        if class.is_some() || h.tag & cue::SPEECH_AFTER != 0 {
            return class;
        }
        // "The insurgents' spokesman, Zabihullah Mujahid, said": look past
        // the appositive
        self.speaker_class(self.words_back(h.start, 10), h.start, people)
    }

    fn speaker_class(&self, from: usize, to: usize, people: &WordSet) -> Option<bool> {
        if self.cue_in(cue::ATTACKER, from, to).is_some() {
            Some(true)
        } else if self.cue_in(cue::DEFENDER, from, to).is_some()
            || self.toks.iter().any(|t| {
                t.start >= from
                    && t.end <= to
                    && t.word
                    && people.contains(&self.lower[t.start..t.end])
            })
        {
            Some(false)
        } else {
            None
        }
    }
}

/// The text before a word, without trailing articles and compass
/// adjectives ("in the", "in northern").
pub fn strip_determiners(before: &str) -> &str {
    let mut t = before.trim_end();
    loop {
        let stripped = [
            "the", "a", "an", "northern", "southern", "eastern", "western", "central",
        ]
        .iter()
        .find_map(|d| {
            t.strip_suffix(d)
                .filter(|r| r.is_empty() || r.ends_with(' '))
                .map(|r| r.trim_end())
        });
        match stripped {
            Some(r) => t = r,
            None => return t,
        }
    }
}

/// Clause segments from break phrases. A relative break (", which")
/// opens a clause that closes at the next comma, after which the clause it
/// interrupted resumes.
fn segments(
    lower: &str,
    breaks: &[Hit<u64>],
    lex: &Lexicon,
    segs: &mut Vec<(usize, usize, usize)>,
) {
    let (mut start, mut id, mut next_id) = (0usize, 0usize, 1usize);
    let mut resume: Option<(usize, usize)> = None;
    for b in breaks {
        if let Some((close, main)) = resume {
            if b.start >= close {
                segs.push((start, close, id));
                start = close;
                id = main;
                resume = None;
            }
        }
        if b.start <= start {
            continue;
        }
        segs.push((start, b.start, id));
        let word = lower[b.start..b.end].trim_matches(|c: char| c == ',' || c.is_whitespace());
        if resume.is_none() && lex.relative_pronouns.contains(word) {
            let close = lower[b.end..].find(',').map_or(lower.len(), |i| b.end + i);
            resume = Some((close, id));
        }
        start = b.start;
        id = next_id;
        next_id += 1;
    }
    if let Some((close, main)) = resume {
        if close < lower.len() {
            segs.push((start, close, id));
            start = close;
            id = main;
        }
    }
    segs.push((start, lower.len(), id));
}

/// Old years ("in 1996") or history cues make a sentence background.
fn is_history(lower: &str, toks: &[Tok], cues: &[Hit<u64>], year: i32) -> bool {
    if cues.iter().any(|h| h.tag & cue::HISTORY != 0) {
        return true;
    }
    toks.iter().enumerate().any(|(i, t)| {
        // most words are not years: no slicing for them
        if !matches!(t.end - t.start, 4 | 5) || !lower.as_bytes()[t.start].is_ascii_digit() {
            return false;
        }
        let w = &lower[t.start..t.end];
        let old = w.len() == 4 && w.parse::<i32>().is_ok_and(|y| (1900..year).contains(&y))
            || (w.len() == 5
                && w.ends_with('s')
                && w[..4]
                    .parse::<i32>()
                    .is_ok_and(|y| (1900..year).contains(&y)));
        // "since 2001" is not about the past
        old && !(i > 0 && {
            let p = toks[i - 1];
            cues.iter()
                .any(|h| h.tag & cue::HISTORY_PSEUDO != 0 && h.start == p.start)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scenario;

    #[test]
    fn slicing_hits_gives_the_same_answer_from_any_cursor() {
        let hits: Vec<Hit<u64>> = [(0, 3), (2, 9), (5, 7), (10, 12), (12, 20), (21, 22)]
            .iter()
            .map(|&(start, end)| Hit { start, end, tag: 0 })
            .collect();
        let fresh = |a: usize, b: usize| {
            let (mut out, mut at) = (Vec::new(), 0);
            ArticleHits::slice_into(&hits, a, b, &mut out, &mut at);
            out
        };
        let ranges = [
            (0, 5),
            (5, 10),
            (10, 21),
            (21, 30),
            (2, 12),
            (0, 30),
            (30, 40),
        ];
        // in order, backwards, and from every stale cursor
        for &(a, b) in ranges.iter().chain(ranges.iter().rev()) {
            for stale in 0..=hits.len() + 2 {
                let (mut out, mut at) = (Vec::new(), stale);
                ArticleHits::slice_into(&hits, a, b, &mut out, &mut at);
                assert_eq!(out, fresh(a, b), "{a}..{b} from {stale}");
            }
        }
        assert_eq!(
            fresh(5, 10),
            vec![Hit {
                start: 0,
                end: 2,
                tag: 0
            }],
            "offsets relative to the start; hits that straddle the ends are left out"
        );
    }

    fn clause_texts(s: &str) -> Vec<String> {
        let sc = Scenario::builtin();
        let lex = Lexicon::new(&sc);
        let gaz = Gazetteer::new(&sc);
        let mut d = Discourse::default();
        let lower = s.to_ascii_lowercase();
        let hits = ArticleHits::find(s, &lower, &Matcher::new(&lex, &gaz), &gaz);
        let sent = Sentence::new(
            s,
            &lower,
            0,
            &hits,
            &lex,
            &gaz,
            &mut d,
            &mut Scratch::default(),
        );
        let mut ids: Vec<usize> = sent.segs.iter().map(|x| x.2).collect();
        ids.dedup();
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
