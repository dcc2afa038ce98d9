//! Every phrase match of an article, found in one pass, then sliced per
//! sentence.

use crate::extract::gazetteer::{Gaz, Gazetteer};
use crate::extract::lexicon::{Brk, Cue, Dep, Lexicon, Tal, Trigger};
use crate::extract::loose::{LooseBuf, LooseNames, LONGEST_PHRASE};
use crate::extract::matching::{FindBuf, GroupedSet, Hit, PhraseSet};

/// Every phrase match of an article, found in one pass per lexicon.
#[derive(Default)]
pub struct ArticleHits {
    pub events: Vec<Hit<Trigger>>,
    pub cues: Vec<Hit<Cue>>,
    pub deploy: Vec<Hit<Dep>>,
    pub tally: Vec<Hit<Tal>>,
    pub breaks: Vec<Hit<Brk>>,
    pub collective: Vec<Hit<u64>>,
    pub gaz: Vec<Hit<Gaz>>,
    /// Starts of the place hits matched by a drifting spelling, sorted.
    pub loose: Vec<usize>,
    loose_found: Vec<Hit<Gaz>>,
    loose_buf: LooseBuf,
}

/// Which list a phrase came from, with its payload, in the combined
/// automaton.
#[derive(Debug, Clone, Copy)]
pub enum Payload {
    Event(Trigger),
    Cue(Cue),
    Deploy(Dep),
    Tally(Tal),
    Break(Brk),
    Collective(u64),
    Place(Gaz),
}

/// All phrase lists of a scenario in one automaton, and the keys of place
/// names for spellings that drift from them.
pub struct Matcher(GroupedSet<Payload>, LooseNames, ShipNames);

/// Warships named by their navy's prefix ("INS Sumitra", "HMS Kent"): the
/// prefix in capitals, then a capitalised name, is an asset. Matched on
/// the text itself, since "ins" and "js" lower-cased are common words.
struct ShipNames(Option<aho_corasick::AhoCorasick>);

impl ShipNames {
    fn new(prefixes: &[String]) -> ShipNames {
        let pats: Vec<String> = prefixes
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("{} ", p.trim()))
            .collect();
        // building fails only past size limits far beyond a prefix list
        ShipNames(
            (!pats.is_empty())
                .then(|| aho_corasick::AhoCorasick::new(&pats).ok())
                .flatten(),
        )
    }

    /// The spans of ship names in `text`: a prefix standing as a word,
    /// then a name that starts with a capital.
    fn find(&self, text: &str, mut found: impl FnMut(usize, usize)) {
        let Some(ac) = &self.0 else {
            return;
        };
        let b = text.as_bytes();
        for m in ac.find_iter(text) {
            let word_start = m.start() == 0 || !b[m.start() - 1].is_ascii_alphanumeric();
            let name = &text[m.end()..];
            if !word_start || !name.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let len = name
                .find(|c: char| !(c.is_alphanumeric() || c == '-'))
                .unwrap_or(name.len());
            // "Sumitra", not "ITS TROOPS" in a cable's capitals
            if name[..len].contains(char::is_lowercase) {
                found(m.start(), m.end() + len);
            }
        }
    }
}

/// The lists, in the order of [`Matcher::new`].
#[derive(Clone, Copy)]
pub enum List {
    Events,
    Cues,
    Deploy,
    Tally,
    Breaks,
    Collective,
    Gaz,
}

/// How many lists there are: one cursor each in [`crate::extract::sentence::Scratch`].
pub const LISTS: usize = List::Gaz as usize + 1;

fn payloads<'a, T: Copy + crate::extract::matching::Merge>(
    p: &'a PhraseSet<T>,
    wrap: fn(T) -> Payload,
) -> Box<dyn Iterator<Item = (&'a str, Payload)> + 'a> {
    Box::new(p.entries().map(move |(s, t)| (s, wrap(t))))
}

impl Matcher {
    pub fn new(lex: &Lexicon, gaz: &Gazetteer) -> Matcher {
        let loose = LooseNames::new(
            gaz.set.entries(),
            lex.cues
                .entries()
                .map(|(s, _)| s)
                .chain(lex.events.entries().map(|(s, _)| s))
                .chain(lex.deploy.entries().map(|(s, _)| s)),
        );
        let set = GroupedSet::new(vec![
            payloads(&lex.events, Payload::Event),
            payloads(&lex.cues, Payload::Cue),
            payloads(&lex.deploy, Payload::Deploy),
            payloads(&lex.tally, Payload::Tally),
            payloads(&lex.breaks, Payload::Break),
            payloads(&lex.collective, Payload::Collective),
            payloads(&gaz.set, Payload::Place),
        ]);
        Matcher(set, loose, ShipNames::new(&lex.ship_prefixes))
    }
}

impl ArticleHits {
    #[cfg(test)]
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
        self.events.clear();
        self.cues.clear();
        self.deploy.clear();
        self.tally.clear();
        self.breaks.clear();
        self.collective.clear();
        self.gaz.clear();
        // one pass over the article, whatever it holds
        crate::extract::work::add(lower.len());
        m.0.find_each(lower, buf, |g, h| {
            let (start, end) = (h.start, h.end);
            match (g, h.tag) {
                (0, Payload::Event(tag)) => self.events.push(Hit { start, end, tag }),
                (1, Payload::Cue(tag)) => self.cues.push(Hit { start, end, tag }),
                (2, Payload::Deploy(tag)) => self.deploy.push(Hit { start, end, tag }),
                (3, Payload::Tally(tag)) => self.tally.push(Hit { start, end, tag }),
                (4, Payload::Break(tag)) => self.breaks.push(Hit { start, end, tag }),
                (5, Payload::Collective(tag)) => self.collective.push(Hit { start, end, tag }),
                (6, Payload::Place(tag)) => self.gaz.push(Hit { start, end, tag }),
                _ => {}
            }
        });
        gaz.check_case(&mut self.gaz, text);
        let phrases = self.deploy.len();
        let deploy = &mut self.deploy;
        m.2.find(text, |start, end| {
            let i = deploy[..phrases].partition_point(|h| h.end <= start);
            if deploy[..phrases].get(i).is_none_or(|h| h.start >= end) {
                deploy.push(Hit {
                    start,
                    end,
                    tag: Dep::ASSET,
                });
            }
        });
        if self.deploy.len() > phrases {
            self.deploy.sort_by_key(|h| h.start);
        }
        self.loose.clear();
        // each list's hits are sorted and apart, so their ends are sorted
        // too: the first that ends after `a` is the one to test
        fn across<T>(hits: &[Hit<T>], a: usize, b: usize) -> bool {
            let i = hits.partition_point(|h| h.end <= a);
            // only hits starting at most LONGEST_PHRASE before `a` count
            let j = i.max(hits.partition_point(|h| h.start + LONGEST_PHRASE < a));
            j < hits.len() && hits[j].start < b
        }
        let (gaz_hits, cues, events) = (&self.gaz, &self.cues, &self.events);
        let overlaps = |a: usize, b: usize| {
            across(gaz_hits, a, b) || across(cues, a, b) || across(events, a, b)
        };
        let before = self.gaz.len();
        let mut found = std::mem::take(&mut self.loose_found);
        found.clear();
        m.1.find_with(
            text,
            overlaps,
            &mut self.loose_buf,
            &mut found,
            &mut self.loose,
        );
        self.gaz.extend_from_slice(&found);
        self.loose_found = found;
        if self.gaz.len() > before {
            self.gaz.sort_by_key(|h| (h.start, h.end));
        }
    }

    /// The hits inside `start..end`, with offsets made relative to `start`,
    /// into `out` (cleared first). `at` is where the previous call stopped:
    /// sentences come in text order, so the first hit is usually a short
    /// step on from there. Any `at` gives the right answer.
    pub fn slice_into<T: Copy>(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
