//! Article text in, observations out.
//!
//! Each paragraph is split into sentences; each sentence is matched against
//! the gazetteer and the lexicons (`config/`), split into clauses, and its
//! triggers linked to the places they govern. Negation, hedging, denial,
//! history and attribution decide whether, and how surely, a trigger counts.

mod capitals;
mod deployments;
mod gazetteer;
mod lexicon;
mod numbers;
mod phrases;
mod sentence;
mod tally;
mod text;

use std::cell::RefCell;
use std::sync::Arc;

use crate::config::Scenario;
use crate::model::{Article, Evidence, Fact, Observation};

use capitals::Kind;
use gazetteer::Gazetteer;
use lexicon::Lexicon;
use phrases::FindBuf;
use sentence::{ArticleHits, Discourse, Matcher, Scratch, Sentence};

pub use text::sentences;

/// An article's working buffers, kept per thread so that extraction
/// allocates them once rather than once per article.
#[derive(Default)]
struct Bufs {
    lower: String,
    hits: ArticleHits,
    find: FindBuf,
    scratch: Scratch,
}

thread_local! {
    static BUFS: RefCell<Bufs> = RefCell::new(Bufs::default());
}

pub struct Extractor {
    lex: Lexicon,
    gaz: Gazetteer,
    matcher: Matcher,
}

impl Extractor {
    pub fn new(s: &Scenario) -> Extractor {
        let lex = Lexicon::new(s);
        let gaz = Gazetteer::new(s);
        let matcher = Matcher::new(&lex, &gaz);
        Extractor { lex, gaz, matcher }
    }

    pub fn extract(&self, a: &Article) -> Vec<Observation> {
        BUFS.with(|b| match b.try_borrow_mut() {
            Ok(mut bufs) => self.extract_with(a, &mut bufs),
            // only if called again from inside an extraction
            Err(_) => self.extract_with(a, &mut Bufs::default()),
        })
    }

    fn extract_with(&self, a: &Article, bufs: &mut Bufs) -> Vec<Observation> {
        let mut out = Vec::new();
        let mut disc = Discourse::default();
        let Bufs {
            lower,
            hits,
            find,
            scratch,
        } = bufs;
        // ASCII lower-casing keeps byte offsets, so matches index `a.text`.
        lower.clear();
        lower.push_str(&a.text);
        lower.make_ascii_lowercase();
        hits.fill(&a.text, lower, &self.matcher, &self.gaz, find);
        scratch.new_article();
        for para in &a.paragraphs {
            for r in text::sentences(&a.text, para.clone(), &self.lex.abbreviations) {
                let s = Sentence::new(
                    &a.text[r.clone()],
                    &lower[r.clone()],
                    r.start,
                    hits,
                    &self.lex,
                    &self.gaz,
                    &mut disc,
                    scratch,
                );
                if !s.quiet() {
                    self.sentence(a, &s, &mut out);
                }
                s.recycle(scratch);
                disc.next_sentence();
            }
        }
        out
    }

    fn sentence(&self, a: &Article, s: &Sentence, out: &mut Vec<Observation>) {
        let mut facts: Vec<(usize, Fact, &'static str)> = Vec::new();
        for f in capitals::find(s, &self.lex, &self.gaz.people) {
            let fact = match f.kind {
                Kind::Fall => Fact::Fall {
                    place: f.place,
                    certainty: f.certainty,
                },
                Kind::Contest => Fact::Contest { place: f.place },
                Kind::Repel => Fact::Repel { place: f.place },
                Kind::Recapture => Fact::Recapture { place: f.place },
            };
            facts.push((f.at, fact, f.rule));
        }
        for d in deployments::find(s, &self.lex) {
            facts.push((
                d.at,
                Fact::Deploy {
                    country: d.country,
                    troops: d.troops,
                },
                d.rule,
            ));
        }
        for c in tally::find(s, &self.lex) {
            facts.push((c.at, Fact::Tally { count: c.count }, c.rule));
        }
        if facts.is_empty() {
            return;
        }
        facts.sort_by_key(|f| f.0);
        let sentence: Arc<str> = Arc::from(s.text);
        for (_, fact, rule) in facts {
            out.push(Observation {
                fact,
                evidence: Evidence {
                    file: a.name.clone(),
                    span: s.base..s.base + s.text.len(),
                    sentence: sentence.clone(),
                    rule,
                },
            });
        }
    }
}

/// A readable dump of how one sentence is analysed, for debugging rules.
pub fn debug_sentence(s: &Scenario, text: &str) -> String {
    let lex = Lexicon::new(s);
    let gaz = Gazetteer::new(s);
    let mut disc = Discourse::default();
    let lower = text.to_ascii_lowercase();
    let hits = ArticleHits::find(text, &lower, &Matcher::new(&lex, &gaz), &gaz);
    let sent = Sentence::new(
        text,
        &lower,
        0,
        &hits,
        &lex,
        &gaz,
        &mut disc,
        &mut Scratch::default(),
    );
    let mut out = String::new();
    for &(a, b, id) in &sent.segs {
        out.push_str(&format!("clause {id}: {:?}\n", &text[a..b]));
    }
    for m in &sent.mentions {
        out.push_str(&format!(
            "mention {:?} -> {} {:?} participant={}\n",
            &text[m.start..m.end],
            s.places[m.place as usize].name,
            m.kind,
            m.participant
        ));
    }
    for h in &sent.events {
        out.push_str(&format!(
            "event {:?} tag={:b}\n",
            &text[h.start..h.end],
            h.tag
        ));
    }
    for h in &sent.cues {
        out.push_str(&format!(
            "cue {:?} tag={:b}\n",
            &text[h.start..h.end],
            h.tag
        ));
    }
    for h in &sent.tally {
        out.push_str(&format!(
            "tally {:?} tag={:b}\n",
            &text[h.start..h.end],
            h.tag
        ));
    }
    for h in &sent.collective {
        out.push_str(&format!(
            "collective {:?} = {}\n",
            &text[h.start..h.end],
            h.tag
        ));
    }
    for c in tally::find(&sent, &lex) {
        out.push_str(&format!("=> tally {}\n", c.count));
    }
    for f in capitals::find(&sent, &lex, &gaz.people) {
        out.push_str(&format!(
            "=> {:?} {}\n",
            f.kind, s.places[f.place as usize].name
        ));
    }
    out
}
