//! Article text in, observations out.
//!
//! Every phrase of the article is found in one pass (`sentence::hits`);
//! each sentence is then split into clauses, its places resolved, and its
//! triggers linked to the places they govern (`capitals`, `deployments`,
//! `tally`). Negation, hedging, denial, history and attribution
//! (`attribution`) decide whether, and how surely, a trigger counts. A
//! last pass over the article settles what needs the whole text: whether
//! the outlet's own statements restate a claim, conceded cities,
//! increments repeated in one article.
//!
//! To add a kind of fact: its words in `config/lexicon.toml` and
//! `config/schema.rs`, its tags in `lexicon/`, a finder beside
//! `capitals.rs`, its `Fact` in `model.rs` and its step in `state/fold.rs`.

mod attribution;
mod capitals;
mod deployments;
mod entries;
mod gazetteer;
mod lexicon;
mod loose;
mod matching;
mod numbers;
mod sections;
mod sentence;
mod sides;
mod tally;
mod text;
pub mod work;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;

use crate::config::Scenario;
use crate::model::{
    offset, Article, Certainty, Evidence, Fact, GroupId, Observation, PlaceId, Rule, Shared, Troops,
};

use attribution::{Names, Quote, Voice};
use capitals::{Dropped, Found};
use gazetteer::Gazetteer;
use lexicon::{Cue, Kind, Lexicon};
use matching::FindBuf;
use sentence::{ArticleHits, Discourse, MKind, Matcher, Scratch, Sentence};
use sides::{Scope, Sides};

pub use text::sentences;

/// Every phrase that can trigger each kind of fact, inflected and with the
/// sides' names filled in: for highlighting evidence.
#[derive(Debug, Clone, Default)]
pub struct TriggerWords {
    pub fall: Vec<String>,
    pub contest: Vec<String>,
    pub repel: Vec<String>,
    pub recapture: Vec<String>,
    pub deploy: Vec<String>,
    pub tally: Vec<String>,
}

impl TriggerWords {
    pub fn new(s: &Scenario) -> TriggerWords {
        let lex = Lexicon::new(s);
        let events = |kinds: &[Kind]| -> Vec<String> {
            lex.events
                .entries()
                .filter(|(_, t)| kinds.iter().any(|&k| t.any_of(k)))
                .map(|(p, _)| p.to_string())
                .collect()
        };
        use lexicon::{Dep, Tal};
        TriggerWords {
            fall: events(&[Kind::Fall, Kind::Liberate, Kind::Concede]),
            contest: events(&[Kind::Contest]),
            repel: events(&[Kind::Repel]),
            recapture: events(&[Kind::Recapture, Kind::Liberate]),
            deploy: lex
                .deploy
                .entries()
                .filter(|(_, t)| {
                    t.intersects(
                        Dep::VERB
                            | Dep::EVAC
                            | Dep::TROOPS
                            | Dep::ASSET
                            | Dep::TOTAL
                            | Dep::ADDITIONAL,
                    )
                })
                .map(|(p, _)| p.to_string())
                .collect(),
            tally: lex
                .tally
                .entries()
                .filter(|(_, t)| {
                    t.intersects(Tal::NOUN | Tal::ORD_NOUN | Tal::TOTAL | Tal::FALL_WORD)
                })
                .map(|(p, _)| p.to_string())
                .collect(),
        }
    }
}

/// An article's working buffers, kept per thread so that extraction
/// allocates them once rather than once per article.
#[derive(Default)]
struct Bufs {
    lower: String,
    hits: ArticleHits,
    find: FindBuf,
    scratch: Scratch,
    quotes: Vec<Quote>,
    names: Names,
    /// Per sentence, what it states: cleared for each article, kept in
    /// capacity.
    facts: Vec<SentenceFacts>,
}

thread_local! {
    static BUFS: RefCell<Bufs> = RefCell::new(Bufs::default());
}

pub struct Extractor {
    lex: Lexicon,
    gaz: Gazetteer,
    matcher: Matcher,
    sides: Sides,
    /// Place, country and group names, for `explain`.
    places: Vec<String>,
    countries: Vec<String>,
    groups: Vec<String>,
}

/// Who a capital fact is by, as its sentence says.
#[derive(Debug, Clone, Copy)]
struct Agent {
    /// The attacking group named, if any.
    by: Option<GroupId>,
    /// The defender is named before the trigger: a pull-out is its own.
    defender: bool,
}

/// A fact as one sentence states it, before the article-wide pass.
#[derive(Debug, Clone)]
enum Stated {
    Capital(Found, Agent),
    Fact(Fact),
}

/// Sentences back a confirmation by pronoun looks for the claim it
/// confirms ("The rebels said they took X. Officials said that was true.").
const CONFIRM_BACK: usize = 2;

/// One sentence's statements, with what the article-wide pass needs.
struct SentenceFacts {
    stated: Vec<(Stated, &'static str)>,
    span: std::ops::Range<usize>,
    /// "could not be verified", "no official confirmation".
    unverified: bool,
    /// Where in the sentence what is unverified starts: past the last
    /// semicolon before the cue that has a fall after it ("X surrendered,
    /// and troops took Y; the group also said it held Z, though there was
    /// no confirmation" leaves X and Y alone).
    unverified_from: usize,
    /// The places the sentence names.
    places: Vec<PlaceId>,
    /// Whether it reports something (a trigger) about no place: "could
    /// not be verified" after it is about it, not a fall before it ("said
    /// it now controlled 24 provinces. The figure could not be verified.").
    reports_no_place: bool,
}

/// Where the unverified part of sentence `s` starts: after the last
/// semicolon before its first unverified cue that a fall follows, else at
/// the start. A cue the article's own scan found (not the sentence's)
/// covers the whole sentence.
fn unverified_scope(s: &Sentence, stated: &[(Stated, &'static str)]) -> usize {
    let Some(cue) = s.cues.iter().find(|c| c.tag.contains(Cue::UNVERIFIED)) else {
        return 0;
    };
    let fall_after = |at: usize| {
        stated
            .iter()
            .any(|(st, _)| matches!(st, Stated::Capital(f, _) if f.kind == Kind::Fall && f.at > at))
    };
    s.lower[..cue.start]
        .rmatch_indices(';')
        .map(|(i, _)| i)
        .find(|&i| fall_after(i))
        .unwrap_or(0)
}

impl Extractor {
    pub fn new(s: &Scenario) -> Extractor {
        let lex = Lexicon::new(s);
        let gaz = Gazetteer::new(s);
        let matcher = Matcher::new(&lex, &gaz);
        Extractor {
            lex,
            gaz,
            matcher,
            sides: Sides::new(s),
            places: s
                .places
                .iter()
                .map(|p| p.name.clone())
                .chain(
                    s.untracked
                        .iter()
                        .map(|u| format!("{} ({}, untracked)", u.name, u.kind)),
                )
                .collect(),
            countries: s.countries.iter().map(|c| c.name.clone()).collect(),
            groups: s.actors.groups.iter().map(|g| g.name.clone()).collect(),
        }
    }

    pub fn extract(&self, a: &Article) -> Vec<Observation> {
        BUFS.with(|b| match b.try_borrow_mut() {
            Ok(mut bufs) => self.extract_with(a, &mut bufs, None),
            // only if called again from inside an extraction
            Err(_) => self.extract_with(a, &mut Bufs::default(), None),
        })
    }

    fn extract_with(
        &self,
        a: &Article,
        bufs: &mut Bufs,
        mut trace: Option<&mut Vec<SentenceTrace>>,
    ) -> Vec<Observation> {
        let mut disc = Discourse::default();
        let mut senders = deployments::Senders::default();
        let mut section = sections::FallSection::default();
        let Bufs {
            lower,
            hits,
            find,
            scratch,
            quotes,
            names,
            facts: per_sentence,
        } = bufs;
        // ASCII lower-casing keeps byte offsets, so matches index `a.text`.
        lower.clear();
        lower.push_str(&a.text);
        lower.make_ascii_lowercase();
        hits.fill(&a.text, lower, &self.matcher, &self.gaz, find);
        // every rule starts from a trigger: an article without one states
        // nothing, and its sentences need no reading
        if hits.events.is_empty() && hits.deploy.is_empty() && hits.tally.is_empty() {
            return Vec::new();
        }
        // an article about another conflict: its places, battles and
        // tallies are not ours (a government sending troops to evacuate is
        // one anywhere)
        let scope = self.sides.scope(lower, &hits.gaz);
        names.clear();
        for p in &a.paragraphs {
            names.learn(
                &a.text,
                lower,
                p.clone(),
                &hits.cues,
                &hits.gaz,
                &self.gaz.people,
                &self.lex,
            );
        }
        quotes.clear();
        for p in &a.paragraphs {
            attribution::quotes_in(
                &a.text,
                lower,
                p.clone(),
                &hits.cues,
                &self.lex,
                &self.gaz.people,
                names,
                quotes,
            );
        }
        // a dateline's credit to a side's own outlet, else a statement's
        // heading
        let credit = attribution::dateline_credit(lower, &a.paragraphs, &hits.cues);
        let doc_voice = credit.or_else(|| {
            attribution::document_voice(
                lower,
                &a.paragraphs,
                &hits.cues,
                &self.gaz.people,
                &self.lex,
            )
        });
        let paragraphs = entries::join_lists(&a.text, &a.paragraphs);
        let (order, entry_starts) = entries::reading_order(&a.text, &paragraphs);
        scratch.new_article();
        per_sentence.clear();
        // whether the last year the article named is an old one
        let mut past_year: Option<bool> = None;
        for (&pi, &entry) in order.iter().zip(&entry_starts) {
            if entry {
                section.reset();
                disc.reset();
            }
            let para = paragraphs[pi].clone();
            for r in text::sentences(&a.text, para, &self.lex.abbreviations) {
                let named_year = sentence::last_year_named(&lower[r.clone()], self.lex.year);
                let mut s = Sentence::new(
                    &a.text[r.clone()],
                    &lower[r.clone()],
                    r.start,
                    hits,
                    quotes,
                    names,
                    &self.lex,
                    &self.gaz,
                    &mut disc,
                    scratch,
                );
                s.doc_voice = doc_voice;
                s.doc_credit = credit;
                if past_year == Some(true) {
                    s.back_in_time(&self.lex);
                }
                past_year = named_year.or(past_year);
                // "He said that ...": who spoke before (looked up only then)
                if !s.quiet() && s.pronoun_speech(&self.lex) {
                    s.prev_speaker = attribution::last_speaker(
                        &a.text,
                        lower,
                        r.start,
                        &hits.cues,
                        &self.gaz.people,
                        names,
                        // the quotes before it: the article's are in order
                        &quotes[..quotes.partition_point(|q| q.end <= r.start)],
                        &self.lex,
                    );
                }
                if a.headline.as_ref().is_some_and(|h| h.start == r.start) {
                    senders.headline(&s, &self.lex);
                } else if s.quiet() {
                    senders.heading(&s);
                }
                // the rules look at most once over the sentence per hit in it
                work::add(r.len() * (1 + s.events.len() + s.mentions.len() + s.cues.len()));
                let unverified = s.cues.iter().any(|c| c.tag.contains(Cue::UNVERIFIED))
                    || matching::starting_in(&hits.cues, r.start, r.end)
                        .iter()
                        .any(|c| c.tag.contains(Cue::UNVERIFIED) && c.end <= r.end);
                let mut dropped = Vec::new();
                section.heading(&s);
                let mut stated = if s.quiet() {
                    Vec::new()
                } else if s.asks(&self.lex) {
                    // every trigger is dropped, to say why in `explain`
                    dropped.extend(s.events.iter().map(|h| Dropped {
                        trigger: (h.start, h.end),
                        why: "a question: it asks, it states nothing",
                    }));
                    Vec::new()
                } else {
                    self.sentence(&s, scope, &mut senders, &mut dropped)
                };
                // "officials there said that was true": the claims of the
                // last sentence before that made any, confirmed
                if stated.is_empty() && capitals::confirms_before(&s, &self.lex) {
                    let claims = per_sentence
                        .iter()
                        .rev()
                        .take(CONFIRM_BACK)
                        .map(|sf| {
                            sf.stated
                                .iter()
                                .filter_map(|(st, _)| match st {
                                    Stated::Capital(f, agent)
                                        if f.kind == Kind::Fall && f.voice == Voice::Attacker =>
                                    {
                                        Some((*f, *agent))
                                    }
                                    _ => None,
                                })
                                .collect::<Vec<_>>()
                        })
                        .find(|c| !c.is_empty())
                        .unwrap_or_default();
                    // "In X a lawmaker confirmed it": a confirmation that
                    // names some of the claimed places confirms those alone
                    let named = |f: &capitals::Found| {
                        s.mentions.iter().any(|m| {
                            m.place == f.place && matches!(m.kind, MKind::Name | MKind::Province)
                        })
                    };
                    let mut claims = claims;
                    if claims.iter().any(|(f, _)| named(f)) {
                        claims.retain(|(f, _)| named(f));
                    }
                    for (f, agent) in claims {
                        let f = capitals::Found {
                            voice: Voice::Other,
                            background: false,
                            rule: "fall-confirmed-after",
                            ..f
                        };
                        stated.push((Stated::Capital(f, agent), f.rule));
                    }
                }
                // "Some pages write that X is surrounded. This is a lie.":
                // the sentence before, denied, states no capital
                if stated.is_empty() && capitals::denies_before(&s, &self.lex) {
                    if let Some(prev) = per_sentence.last_mut() {
                        prev.stated
                            .retain(|(st, _)| !matches!(st, Stated::Capital(..)));
                    }
                }
                // a timeline's items under a heading that tells a fall
                for f in section.items(&s, &self.lex) {
                    if !stated
                        .iter()
                        .any(|(st, _)| matches!(st, Stated::Capital(g, _) if g.place == f.place))
                    {
                        let agent = Agent {
                            by: self.sides.group(&s, &self.lex, f.at, f.clause),
                            defender: false,
                        };
                        stated.push((Stated::Capital(f, agent), f.rule));
                    }
                }
                if let Some(t) = trace.as_deref_mut() {
                    if !s.quiet() || !stated.is_empty() {
                        t.push(self.trace(&s, &stated, &dropped));
                    }
                }
                let unverified_from = if unverified {
                    unverified_scope(&s, &stated)
                } else {
                    0
                };
                per_sentence.push(SentenceFacts {
                    span: r.clone(),
                    unverified_from,
                    reports_no_place: !s.quiet() && s.mentions.is_empty(),
                    stated,
                    unverified,
                    // "claims of air strikes in Arden province could not be
                    // verified": a province names where, not which city
                    places: if unverified {
                        s.mentions
                            .iter()
                            .filter(|m| m.kind != MKind::Province && m.start >= unverified_from)
                            .map(|m| m.place)
                            .collect()
                    } else {
                        Vec::new()
                    },
                });
                s.recycle(scratch);
                disc.next_sentence();
                senders.next_sentence();
            }
        }
        self.settle(a, per_sentence)
    }

    /// What one sentence states, background clauses first.
    fn sentence(
        &self,
        s: &Sentence,
        scope: Scope,
        senders: &mut deployments::Senders,
        dropped: &mut Vec<Dropped>,
    ) -> Vec<(Stated, &'static str)> {
        // background clauses first, each rank in its own order: the
        // background capitals go before `rank1`, the rest after
        let mut facts: Vec<(Stated, &'static str)> = Vec::new();
        let mut rank1 = 0;
        let found = if scope != Scope::Foreign {
            capitals::find(s, &self.lex, &self.gaz.people, dropped)
        } else {
            Vec::new()
        };
        for f in found {
            if !self.sides.counts(s, &self.lex, &f) {
                continue;
            }
            let agent = Agent {
                by: self.sides.group(s, &self.lex, f.at, f.clause),
                // ... and no other country: "the United States sent troops
                // to evacuate its staff from X" is no pull-out of X
                defender: s.cue_before_in_clause(Cue::DEFENDER, f.at)
                    && !s
                        .countries
                        .iter()
                        .any(|&(start, _, _)| start < f.at && s.clause_at(start) == f.clause),
            };
            if f.background {
                facts.insert(rank1, (Stated::Capital(f, agent), f.rule));
                rank1 += 1;
            } else {
                facts.push((Stated::Capital(f, agent), f.rule));
            }
        }
        for d in deployments::find(s, &self.lex, senders) {
            let fact = Fact::Deploy {
                country: d.country,
                troops: d.troops,
            };
            facts.push((Stated::Fact(fact), d.rule));
        }
        // a count with nothing of the scenario around it must at least
        // name our attacker ("the insurgents have seized 11 of 34")
        let counts = |c: &tally::Count| {
            scope == Scope::Ours
                || (scope == Scope::Unknown && s.cue_in_clause(Cue::ATTACKER, s.clause_at(c.at)))
        };
        for c in tally::find(s, &self.lex, &self.gaz.people)
            .into_iter()
            .filter(counts)
        {
            facts.push((Stated::Fact(Fact::Tally { count: c.count }), c.rule));
        }
        facts
    }

    /// The article-wide pass: the outlet's restatements of a claim stay
    /// claims, a conceded city falls only where the attackers are inside,
    /// and an increment counts once per article.
    fn settle(&self, a: &Article, per_sentence: &[SentenceFacts]) -> Vec<Observation> {
        // places whose fall someone other than the attacker reports here,
        // and places the attacker claims here
        let mut confirmed: BTreeSet<PlaceId> = BTreeSet::new();
        let mut claimed: BTreeSet<PlaceId> = BTreeSet::new();
        // where the article first gives the attacker's claim to a place
        let mut first_claim: std::collections::BTreeMap<PlaceId, usize> = Default::default();
        for (i, sf) in per_sentence.iter().enumerate() {
            for (st, _) in &sf.stated {
                if let Stated::Capital(f, _) = st {
                    if f.kind == Kind::Fall {
                        match f.voice {
                            Voice::Attacker => {
                                claimed.insert(f.place);
                                first_claim.entry(f.place).or_insert(i);
                            }
                            v if v.confirms() => {
                                confirmed.insert(f.place);
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        // "The claim could not be verified": it is about the falls of its
        // own sentence, else of the last sentence that reports one, and
        // about the places it names ("no comment from officials in X").
        let falls_in = |sf: &SentenceFacts| -> Vec<PlaceId> {
            sf.stated
                .iter()
                .filter_map(|(st, _)| match st {
                    Stated::Capital(f, _) if f.kind == Kind::Fall && f.at >= sf.unverified_from => {
                        Some(f.place)
                    }
                    _ => None,
                })
                .collect()
        };
        let mut unverified: BTreeSet<PlaceId> = BTreeSet::new();
        for (i, sf) in per_sentence
            .iter()
            .enumerate()
            .filter(|(_, sf)| sf.unverified)
        {
            unverified.extend(sf.places.iter().copied());
            let own = falls_in(sf);
            if !own.is_empty() {
                unverified.extend(own);
            } else if let Some(prev) = per_sentence[i.saturating_sub(2)..i]
                .iter()
                .rev()
                .find(|sf| sf.reports_no_place || !falls_in(sf).is_empty())
            {
                unverified.extend(falls_in(prev));
            }
        }
        let mut out = Vec::new();
        let mut contested: BTreeSet<PlaceId> = BTreeSet::new();
        // places this article says were retaken: a later relative or
        // temporal clause recalling their fall ("X, which the rebels took on
        // Sunday, ...") is their history, not a new fall
        let mut retaken: BTreeSet<PlaceId> = BTreeSet::new();
        let mut increments: Vec<(crate::model::CountryId, u32)> = Vec::new();
        // the article's name, shared by its observations
        let mut file: Option<Shared> = None;
        // the rules named so far: a rule's name is looked up once per article
        let mut rules: Vec<(&'static str, Rule)> = Vec::new();
        for (i, sf) in per_sentence.iter().enumerate() {
            // the sentence's text, shared by its observations: made for
            // the few sentences that have any
            let mut sentence: Option<Shared> = None;
            for (st, rule) in &sf.stated {
                let fact = match st {
                    Stated::Capital(f, agent) => {
                        let (place, by) = (f.place, agent.by);
                        match f.kind {
                            Kind::Fall if f.background && retaken.contains(&place) => continue,
                            Kind::Fall => {
                                let certainty = match f.voice {
                                    Voice::Attacker => Certainty::Claimed,
                                    Voice::Defender | Voice::Other => Certainty::Confirmed,
                                    // the outlet restating a claim it made
                                    // earlier, or could not verify
                                    Voice::Narrator
                                        if (unverified.contains(&place)
                                            || first_claim
                                                .get(&place)
                                                .is_some_and(|&c| c <= i))
                                            && !confirmed.contains(&place) =>
                                    {
                                        Certainty::Claimed
                                    }
                                    Voice::Narrator => Certainty::Confirmed,
                                };
                                Fact::Fall {
                                    place,
                                    certainty,
                                    by,
                                }
                            }
                            // "unconfirmed reports of gunfire in X": a
                            // battle nobody stands behind is no battle
                            Kind::Contest if sf.unverified && f.voice != Voice::Defender => {
                                continue
                            }
                            Kind::Contest => {
                                contested.insert(place);
                                Fact::Contest { place }
                            }
                            Kind::Repel => Fact::Repel { place },
                            // told again after the fighting this article
                            // says goes on there: the battle stands
                            Kind::Recapture | Kind::Liberate
                                if retaken.contains(&place) && contested.contains(&place) =>
                            {
                                continue
                            }
                            Kind::Recapture | Kind::Liberate => {
                                if !f.background {
                                    retaken.insert(place);
                                }
                                Fact::Recapture { place }
                            }
                            // the defender pulling back from a city the
                            // attackers are inside concedes it: here, or
                            // (the fold decides) in an earlier article, when
                            // the defender is named as the one pulling out
                            // (not "India pulled its diplomats out of X")
                            Kind::Concede => {
                                // the attackers inside: told before, or in the
                                // same sentence after the pull-out
                                // ("repositioned outside X once the militia
                                // broke into the city")
                                let inside = contested.contains(&place)
                                    || sf.stated.iter().any(|(g, _)| {
                                        matches!(g, Stated::Capital(g, _)
                                            if g.kind == Kind::Contest && g.place == place)
                                    });
                                if !inside && !agent.defender {
                                    continue;
                                }
                                let certainty = if f.voice == Voice::Attacker {
                                    Certainty::Claimed
                                } else {
                                    Certainty::Confirmed
                                };
                                if inside {
                                    Fact::Fall {
                                        place,
                                        by,
                                        certainty,
                                    }
                                } else {
                                    Fact::Concede {
                                        place,
                                        by,
                                        certainty,
                                    }
                                }
                            }
                        }
                    }
                    Stated::Fact(
                        f @ Fact::Deploy {
                            country,
                            troops: Troops::Additional(n),
                        },
                    ) => {
                        if increments.contains(&(*country, *n)) {
                            continue;
                        }
                        increments.push((*country, *n));
                        *f
                    }
                    Stated::Fact(f) => *f,
                };
                let rule = match rules.iter().find(|r| r.0 == *rule) {
                    Some(&(_, r)) => r,
                    None => {
                        let r = Rule::from(*rule);
                        rules.push((*rule, r));
                        r
                    }
                };
                out.push(Observation {
                    fact,
                    evidence: Evidence::new(
                        file.get_or_insert_with(|| (&a.name).into()).clone(),
                        offset(sf.span.start)..offset(sf.span.end),
                        sentence
                            .get_or_insert_with(|| {
                                Arc::<str>::from(&a.text[sf.span.clone()]).into()
                            })
                            .clone(),
                        rule,
                    ),
                });
            }
        }
        out
    }

    /// The observations of `a` with a readable account of every sentence
    /// that has a trigger: for `sitmon explain`.
    pub fn explain(&self, a: &Article) -> (Vec<Observation>, Vec<SentenceTrace>) {
        let mut trace = Vec::new();
        let obs = self.extract_with(a, &mut Bufs::default(), Some(&mut trace));
        (obs, trace)
    }
}

/// How one sentence was read, in words.
#[derive(Debug, Clone, Default)]
pub struct SentenceTrace {
    pub text: String,
    pub clauses: Vec<String>,
    pub places: Vec<String>,
    pub triggers: Vec<String>,
    pub cues: Vec<String>,
    pub facts: Vec<String>,
    pub dropped: Vec<String>,
}

impl Extractor {
    fn place(&self, p: PlaceId) -> &str {
        self.places.get(p as usize).map_or("?", String::as_str)
    }

    /// A fact in words: "Arden fell (Claimed)".
    pub fn describe(&self, f: &Fact) -> String {
        self.fact_words(f)
    }

    fn fact_words(&self, f: &Fact) -> String {
        match *f {
            Fact::Fall {
                place,
                certainty,
                by,
            } => match by {
                Some(g) => format!(
                    "{} fell to {} ({certainty:?})",
                    self.place(place),
                    self.groups.get(g.0 as usize).map_or("?", String::as_str)
                ),
                None => format!("{} fell ({certainty:?})", self.place(place)),
            },
            Fact::Contest { place } => format!("{} contested", self.place(place)),
            Fact::Repel { place } => format!("attack on {} repelled", self.place(place)),
            Fact::Concede { place, .. } => {
                format!(
                    "defender pulled out of {} (a fall if contested)",
                    self.place(place)
                )
            }
            Fact::Recapture { place } => format!("{} retaken", self.place(place)),
            Fact::Deploy { country, troops } => format!(
                "{} deployed {troops:?}",
                self.countries
                    .get(country as usize)
                    .map_or("?", String::as_str)
            ),
            Fact::Tally { count } => format!("{count} capitals reported fallen"),
        }
    }

    fn trace(
        &self,
        s: &Sentence,
        stated: &[(Stated, &'static str)],
        dropped: &[Dropped],
    ) -> SentenceTrace {
        let mut t = SentenceTrace {
            text: s.text.to_string(),
            ..Default::default()
        };
        let mut seen = BTreeSet::new();
        for &(_, _, id) in &s.segs {
            if !seen.insert(id) {
                continue;
            }
            let body: String = s
                .segs
                .iter()
                .filter(|x| x.2 == id)
                .map(|x| &s.text[x.0..x.1])
                .collect();
            let c = s.clause(id);
            let tags: Vec<&str> = [
                (c.background, "background"),
                (c.relative, "relative"),
                (c.history, "history: changes nothing"),
            ]
            .iter()
            .filter(|x| x.0)
            .map(|x| x.1)
            .collect();
            let tags = if tags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", tags.join(", "))
            };
            t.clauses.push(format!("{:?}{tags}", body.trim()));
        }
        for m in &s.mentions {
            let role = if m.participant {
                ""
            } else {
                ", not a participant (landmark or where a speaker is)"
            };
            let loose = if m.loose { ", matched loosely" } else { "" };
            t.places.push(format!(
                "{:?} = {} ({:?}{role}{loose})",
                &s.text[m.start..m.end],
                self.place(m.place),
                m.kind,
            ));
        }
        for &(a, b, c) in &s.countries {
            t.places.push(format!(
                "{:?} = country {}",
                &s.text[a..b],
                self.countries.get(c as usize).map_or("?", String::as_str)
            ));
        }
        for h in &s.events {
            t.triggers.push(format!("{:?}", &s.text[h.start..h.end]));
        }
        for h in &s.cues {
            t.cues
                .push(format!("{:?} {:?}", &s.text[h.start..h.end], h.tag));
        }
        for h in &s.deploy {
            t.cues
                .push(format!("{:?} {:?}", &s.text[h.start..h.end], h.tag));
        }
        for h in &s.tally {
            t.cues
                .push(format!("{:?} {:?}", &s.text[h.start..h.end], h.tag));
        }
        for q in &s.quotes {
            t.cues.push(format!(
                "quote {:?} by {:?}",
                &s.text[q.start..q.end],
                q.voice
            ));
        }
        if let Some(v) = s.doc_voice {
            t.cues.push(format!("the document speaks for {v:?}"));
        }
        for (st, rule) in stated {
            t.facts.push(match st {
                Stated::Capital(f, _) => format!(
                    "{:?} {} in the {} voice [{rule}]{}",
                    f.kind,
                    self.place(f.place),
                    format!("{:?}", f.voice).to_lowercase(),
                    if f.background {
                        ", background clause"
                    } else {
                        ""
                    }
                ),
                Stated::Fact(f) => format!("{} [{rule}]", self.fact_words(f)),
            });
        }
        for d in dropped {
            t.dropped.push(format!(
                "{:?}: {}",
                &s.text[d.trigger.0..d.trigger.1],
                d.why
            ));
        }
        t
    }
}
