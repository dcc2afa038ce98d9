//! Governments sending troops or military aircraft to evacuate or protect
//! their people, with troop figures when stated.

use crate::model::{CountryId, Troops};

use super::lexicon::{Cue, Dep, Lexicon};
use super::matching::{last_word_start, Hit};
use super::numbers::cardinal;
use super::sentence::{strip_determiners, MKind, Sentence};
use super::text::parse_figure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub country: CountryId,
    pub troops: Troops,
    pub at: usize,
    pub rule: &'static str,
}

/// The sender the article last named in a deployment sentence: "Japan
/// dispatched aircraft. About 300 personnel will take part."
#[derive(Debug, Default)]
pub struct Senders {
    last: Option<(usize, CountryId)>,
    sentence: usize,
    /// The one sender the headline names ("Deployment of U.S. Forces in
    /// Support of ..."): a government release speaks for it throughout.
    headline: Option<CountryId>,
    /// The sentence of the last deployment found: list items without a
    /// verb continue a run of them.
    found: Option<usize>,
    /// The country a briefing's section heading names ("GERMANY" over
    /// its bullets): the sender of what follows that names none.
    section: Option<CountryId>,
    /// The sentence that opened `section`.
    section_at: usize,
    /// The one government the article has found sending so far, unless
    /// it found several: a figure for "the evacuation" that names nobody,
    /// sentences later, is its.
    only: Option<CountryId>,
    several: bool,
    /// The last sentence whose sending a scope ruled out (a border, a
    /// garrison, a hedge, a withdrawal): the sender carried from it
    /// carries the ruling.
    ruled_out: Option<usize>,
}

impl Senders {
    pub fn next_sentence(&mut self) {
        self.sentence += 1;
    }

    /// Call with the headline's sentence, before the body's.
    pub fn headline(&mut self, s: &Sentence, lex: &Lexicon) {
        // a country's troops: "U.S. Forces", "British troops"
        let troops_after = |p: usize| {
            let end = s.countries.iter().find(|c| c.0 == p).map_or(p, |c| c.1);
            s.deploy.iter().any(|h| {
                h.tag.contains(Dep::TROOPS)
                    && h.start >= end
                    && s.lower[end..h.start].split_whitespace().count() <= 1
            })
        };
        let mut named = senders(s, lex)
            .into_iter()
            .filter(|x| troops_after(x.0))
            .map(|x| x.1);
        let first = named.next();
        self.headline = first.filter(|&c| named.all(|x| x == c));
    }

    /// Call with every sentence: a heading that is a country's name opens
    /// its section; another heading ("OTHERS") closes it.
    pub fn heading(&mut self, s: &Sentence) {
        let text = s.text.trim();
        let words = text.split_whitespace().count();
        // "RURITANIA", "- Ruritania:", "4. Ruritania."
        let bare = |a: usize, b: usize| {
            s.text[..a]
                .trim_start_matches(|c: char| !c.is_alphabetic())
                .is_empty()
                && s.text[b..]
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .is_empty()
        };
        // "4. Ruritania." in a numbered list: a name alone may end with a period
        let only_a_country = || {
            matches!(s.countries.as_slice(), [(a, b, _)]
                if bare(*a, *b) && s.text[*b..].trim() == ".")
        };
        if words == 0
            || words > 4
            || (text.ends_with(['.', '!', '?', ',', ';']) && !only_a_country())
        {
            return;
        }
        // "Iran" then "West Asia", "World": a menu of links, no heading
        let menu = self.section.is_some()
            && self.section_at + 1 == self.sentence
            && s.deploy.is_empty()
            && !text.chars().any(|c| c.is_ascii_digit());
        let section = match s.countries.as_slice() {
            [(a, b, c)] if bare(*a, *b) => Some(*c),
            [] if !text.chars().any(char::is_lowercase) => None,
            // "US / UK": a heading over several senders names none
            [_, _, ..] => None,
            [] if menu => None,
            _ => return,
        };
        // a new section: the sender of the one before is not carried in
        self.section = section;
        self.section_at = self.sentence;
        self.last = None;
    }

    fn only_sender(&self) -> Option<CountryId> {
        self.only.filter(|_| !self.several)
    }

    fn recent(&self) -> Option<CountryId> {
        self.last
            .filter(|&(s, _)| self.sentence - s <= 1)
            .map(|(_, c)| c)
    }
}

const NEG_WINDOW: usize = 8;
/// How far before "including" the evacuees it lists may be named.
const MEMBERS_REACH: usize = 8;
/// How far after a sending verb a force's "no" stands ("sent no troops").
const NEG_AFTER: usize = 2;
/// How far back a standing count looks for the troops heading its subject.
const COUNT_SUBJECT_WORDS: usize = 8;
/// How far after an evacuation noun its predicate's "not" stands ("the
/// evacuation of its personnel is not on the agenda").
const NEG_PREDICATE: usize = 6;

/// Whether a force (troops or an asset) follows `pos` within a word or
/// two: "no additional forces", "no aircraft".
fn determines_force(s: &Sentence, pos: usize) -> bool {
    let to = s.words_fwd(pos, 2);
    s.deploy
        .iter()
        .any(|h| h.tag.intersects(Dep::TROOPS | Dep::ASSET) && h.start >= pos && h.start < to)
}

pub fn find(s: &Sentence, lex: &Lexicon, ctx: &mut Senders) -> Vec<Sent> {
    // every rule below starts from one of these, and so does the sender
    // carried to the next sentence
    let starts = Dep::VERB | Dep::EVAC | Dep::COUNT | Dep::ASSET | Dep::PRESENCE;
    let standing =
        || !s.mentions.is_empty() && s.deploy.iter().any(|h| h.tag.contains(Dep::TROOPS));
    if !s.deploy.iter().any(|h| h.tag.intersects(starts)) && !standing() {
        return Vec::new();
    }
    // a fact check's "CLAIM: France has sent 3,000 troops": what it checks
    let labelled_claim = super::capitals::checked_line(s, lex);
    let exercise = || lex.exercises.any_in(s.lower);
    let forces = || {
        s.deploy
            .iter()
            .any(|h| h.tag.intersects(Dep::TROOPS | Dep::ASSET))
    };
    if labelled_claim || (forces() && exercise()) {
        return Vec::new();
    }
    let senders = senders(s, lex);
    let item_sender = verbless_item(s, ctx);
    let in_section = section_item(s, &senders, ctx);
    // a heading's sender is at home in its own bases too
    let own: Vec<(usize, CountryId)> = senders
        .iter()
        .copied()
        .chain(ctx.section.map(|c| (0, c)))
        .collect();
    let mut clauses: Vec<usize> = s.segs.iter().map(|x| x.2).collect();
    clauses.sort_unstable();
    clauses.dedup();
    let mut out = Vec::new();
    // whether every force the sentence names is one evacuees served with:
    // the same for each clause, so asked once
    let mut only_served: Option<bool> = None;
    // whether a clause's sending was ruled out by its scope
    let mut scoped_out = false;
    for clause in clauses {
        if s.clause(clause).history {
            continue;
        }
        let hits = || {
            s.deploy
                .iter()
                .filter(move |h| s.clause_at(h.start) == clause)
        };
        let any = |bits: Dep| hits().any(|h| h.tag.intersects(bits));
        // a force where it stands, with nothing sent, counted or added
        // ("900 Ruritanian personnel are now in Arden", "has had 500
        // troops at the airport for years")
        let moving = any(Dep::VERB | Dep::TOTAL | Dep::COUNT | Dep::ADDITIONAL)
            || hits().any(|h| h.tag.contains(Dep::EVAC) && !h.tag.contains(Dep::PRESENCE));
        let somewhere = any(Dep::PRESENCE)
            || s.mentions.iter().any(|m| {
                m.kind != MKind::Province
                    && s.clause_at(m.start) == clause
                    && lex
                        .destination_before
                        .ends(strip_determiners(&s.lower[..m.start], lex))
            });
        let present = !moving && somewhere && item_sender != Some(clause);
        // "500 soldiers have been stationed at the airport for years": a
        // garrison, no evacuation force
        if garrison(s, lex, clause) || kept_elsewhere(s, lex, clause) {
            scoped_out = true;
            continue;
        }
        // a fact box's line: "Ruritanian soldiers engaged in the operation: 140"
        let label = labelled_figure(s, lex, clause);
        // an evacuee noun tells an evacuation after the force that serves
        // it ("an A400M ... to pick up Freedonian nationals"), not before the
        // force listed among the evacuees ("holding 49 Ruritanian nationals,
        // among them special forces guards")
        let evacuation = hits().any(|h| {
            h.tag.contains(Dep::EVAC)
                && (!h.tag.contains(Dep::BENEFICIARY)
                    || hits()
                        .any(|f| f.tag.intersects(Dep::TROOPS | Dep::ASSET) && f.end <= h.start))
        });
        if !(any(Dep::VERB | Dep::COUNT) || evacuation || present)
            && item_sender != Some(clause)
            && in_section != Some(clause)
            && label.is_none()
        {
            continue;
        }
        let strong = strong_figures(s, lex, clause);
        let bare_figure = || {
            hits().any(|v| v.tag.contains(Dep::VERB) && figure_after_verb(s, lex, v.end).is_some())
        };
        if !(any(Dep::ASSET | Dep::TROOPS) || !strong.is_empty() || bare_figure()) {
            continue;
        }
        // a withdrawal anywhere in the sentence ("Turkey, which had 500
        // troops at the airport, is withdrawing them"), but not one in a
        // background clause of its own beside a main clause's figure
        // ("5,400 troops are at the airport, as the military begins to
        // withdraw support units")
        // ... unless the withdrawal opens its clause, whose subject is then
        // the main clause's ("the guards destroyed their weapons before
        // leaving")
        let opens_clause = |h: &Hit<Dep>| {
            s.segs
                .iter()
                .any(|&(start, _, _)| start <= h.start && s.lower[start..h.start].trim().is_empty())
        };
        // ... nor a total a relative clause states before the main
        // clause ends the mission ("X, which had increased its contingent
        // to about 1,000, flew out the last soldiers"): the force was sent
        let total_before = s.clause(clause).relative && any(Dep::TOTAL | Dep::ADDITIONAL);
        let withdrawal = s.deploy.iter().any(|h| {
            let c = s.clause_at(h.start);
            h.tag.contains(Dep::WITHDRAW)
                && (c == clause
                    || (!total_before && (!s.clause(c).background || s.clause(clause).background))
                    || opens_clause(h))
        });
        // "under the mandate, up to 600 soldiers may be deployed": a
        // modal of permission beside an authorisation hedges nothing
        let permitted = || lex.authorisations.any_in(s.lower);
        let hedged = hits().any(|h| {
            h.tag.contains(Dep::HEDGE)
                && !(lex.permission_modals.contains(&s.lower[h.start..h.end]) && permitted())
        });
        let combat = hits().any(|h| h.tag.contains(Dep::COMBAT) && !serves_evacuation(s, h));
        if any(Dep::CIVILIAN) || combat || hedged || withdrawal {
            scoped_out = true;
            continue;
        }
        // a plain negation in this clause
        let negation = |c: &Hit<Cue>| {
            c.tag.contains(Cue::NEG)
                && !c.tag.contains(Cue::NEG_PSEUDO)
                && s.clause_at(c.start) == clause
        };
        let negated = hits()
            .filter(|h| h.tag.intersects(Dep::VERB | Dep::EVAC))
            .any(|v| {
                let from = s.words_back(v.start, NEG_WINDOW);
                // "has sent no additional forces": the force's own "no"
                let to = s.words_fwd(v.end, NEG_AFTER);
                // "the evacuation of its staff is not on the agenda"
                let predicate_to = s.words_fwd(v.end, NEG_PREDICATE);
                let predicate = |c: &Hit<Cue>| {
                    c.start >= v.end
                        && c.end <= predicate_to
                        && s.words_between(v.end, c.start, clause)
                            .any(|w| lex.copulas.contains(w))
                };
                s.cues.iter().any(|c| {
                    negation(c)
                        && ((c.start >= from && c.end <= v.start)
                            || (c.start >= v.end && c.end <= to && determines_force(s, c.end))
                            // "no Armed Forces of Ruritania personnel or
                            // aircraft were sent": the force's "no", however
                            // long its name
                            || (c.end <= v.start && determines_force(s, c.end))
                            || predicate(c))
                })
            });
        // "there was never a figure of a thousand ADF personnel": with no
        // verb, a negation before the force in its clause denies it
        let negated = negated
            || !hits().any(|h| h.tag.intersects(Dep::VERB | Dep::EVAC))
                && hits()
                    .find(|h| h.tag.intersects(Dep::TROOPS | Dep::ASSET))
                    .is_some_and(|f| s.cues.iter().any(|c| negation(c) && c.end <= f.start));
        // "the ministry denied that X had sent 500 troops", "an earlier
        // version incorrectly reported that X had sent ...": a denial or a
        // retraction before the sending takes it back
        let denied = || {
            hits()
                .filter(|h| h.tag.contains(Dep::VERB) || carrying(h))
                .any(|v| {
                    let from = s.words_back(v.start, NEG_WINDOW);
                    s.cues.iter().any(|c| {
                        c.tag.contains(Cue::DENY)
                            && s.clause_at(c.start) == clause
                            && c.start >= from
                            && c.end <= v.start
                    })
                })
        };
        if negated || denied() || s.cue_in_clause(Cue::MODAL | Cue::DENY, clause) && hedged {
            scoped_out = true;
            continue;
        }
        // troops kept or sent elsewhere: "1,000 to Qatar", "on standby in
        // Kuwait"
        // "staging through the Gulf": a route on the way in, and the
        // countries after it are on the route
        let route = |h: &&Hit<Dep>| {
            s.lower[h.end..]
                .split_whitespace()
                .next()
                .is_some_and(|w| lex.route_words.contains(w))
        };
        let elsewhere = hits().any(|h| h.tag.contains(Dep::ELSEWHERE) && !route(&h));
        let route_from = hits()
            .find(|h| h.tag.contains(Dep::ELSEWHERE) && route(h))
            .map_or(usize::MAX, |h| h.end);
        if elsewhere || elsewhere_destination(s, lex, &own, clause, route_from) {
            scoped_out = true;
            continue;
        }
        // "the army sent units to the border. The deployment involved
        // 1,500 troops": a sender carried from a sending ruled out carries
        // the ruling
        let carried_ruling = s.countries.is_empty()
            && in_section != Some(clause)
            && ctx.recent().is_some()
            && ctx.last.is_some_and(|(at, _)| ctx.ruled_out == Some(at));
        if carried_ruling {
            continue;
        }
        // the host's own forces ("Ruritanian Air Force aircraft landed
        // in Brook"): nobody sent them to evacuate anyone
        // and passengers ("brought out 4 citizens and 2 Ruritanian soldiers")
        let forces: Vec<&Hit<Dep>> = hits()
            .filter(|h| h.tag.intersects(Dep::ASSET | Dep::TROOPS))
            .collect();
        if !forces.is_empty()
            && (forces.iter().all(|h| host_owned(s, lex, h.start))
                || forces.iter().all(|h| carried_people(s, lex, h.start))
                // "Indian mission personnel", "embassy personnel": staff
                // evacuated, named by what they serve
                || forces.iter().all(|h| {
                    s.deploy.iter().any(|d| {
                        d.tag.intersects(Dep::NOT_SENDER | Dep::BENEFICIARY)
                            && d.end < h.start
                            && s.lower[d.end..h.start].trim().is_empty()
                    })
                })
                // ... when they are all the sentence names ("a transport
                // plane left ...; the aircraft will bring out Ruritanians who
                // worked with its forces" still sends the plane)
                || *only_served.get_or_insert_with(|| {
                    s.deploy
                        .iter()
                        .filter(|h| h.tag.intersects(Dep::ASSET | Dep::TROOPS))
                        .all(|h| served_with(s, lex, h.start))
                }))
        {
            continue;
        }
        let in_clause: Vec<(usize, CountryId)> = senders
            .iter()
            .filter(|(p, _)| s.clause_at(*p) == clause && !own_statement(s, lex, *p))
            .copied()
            .collect();
        let clause_start = s.clause_start(clause);
        // "Spain said ... that a plane had left": the speaker sends; with
        // nobody in the sentence, the sender of the sentence before.
        let fallback = senders
            .iter()
            .rev()
            .find(|(p, _)| *p < clause_start)
            .map(|x| x.1)
            .or_else(|| {
                (in_section == Some(clause))
                    .then_some(ctx.section)
                    .flatten()
            })
            // "... with both forces deployed in the streets": the sides'
            // forces, no sender's from the sentence before
            .or_else(|| {
                (senders.is_empty() && !sides_forces(s, lex))
                    .then(|| ctx.recent())
                    .flatten()
            })
            .or_else(|| senders.is_empty().then_some(ctx.section).flatten())
            // "According to the cabinet decision, up to 1,600 soldiers can
            // be deployed for the evacuation operation": the evacuation of
            // the one government the article has seen sending
            .or_else(|| {
                (senders.is_empty() && s.countries.is_empty() && any(Dep::EVAC))
                    .then(|| ctx.only_sender())
                    .flatten()
            })
            .or_else(|| senders.is_empty().then(|| sent_from(s, lex)).flatten())
            .or_else(|| {
                // nobody sending: the evacuees' country, then the headline's
                let beneficiary = s
                    .countries
                    .iter()
                    .find(|&&(_, end, _)| tagged_after(s, end, |t| t.contains(Dep::BENEFICIARY)));
                beneficiary
                    .map(|x| x.2)
                    // a sending, not a standing figure ("the embassy has
                    // about 4,000 personnel")
                    .or_else(|| {
                        (senders.is_empty() && any(Dep::VERB))
                            .then_some(ctx.headline)
                            .flatten()
                    })
            });
        // "a further 200 troops ..., bringing the total number of Ruritanian
        // personnel to around 900": the country a stated total counts is
        // the clause's sender before one carried from earlier sentences
        let total_owner = hits().filter(|h| h.tag.contains(Dep::TOTAL)).find_map(|m| {
            let (_, at) = total_after(s, lex, m.end, clause)?;
            total_counts(s, m.end, at)
        });
        let nearest_before = |pos: usize| -> Option<CountryId> {
            in_clause
                .iter()
                .rev()
                .find(|(p, _)| *p < pos)
                .or(in_clause.first())
                .map(|x| x.1)
                .or(total_owner)
                .or(fallback)
        };
        let mut counted: Vec<CountryId> = Vec::new();
        {
            // troop figures: "about 3,000 additional US troops"
            for t in hits().filter(|h| h.tag.contains(Dep::TROOPS) && !served_with(s, lex, h.start))
            {
                let Some((troops, at, inner)) = figure_before(s, lex, t.start) else {
                    continue;
                };
                let country = inner.or_else(|| nearest_before(at));
                let (troops, rule) = match troops {
                    Some(Troops::Total(n)) if present => {
                        (Some(Troops::Present(n)), "deploy-presence")
                    }
                    _ if present => (None, "deploy-presence"),
                    t => (t, "deploy-troops"),
                };
                if let (Some(c), Some(troops)) = (country, troops) {
                    out.push(Sent {
                        country: c,
                        troops,
                        at,
                        rule,
                    });
                    counted.push(c);
                }
            }
            // "Britain deploys 600": the figure right after the verb,
            // its noun left out
            for v in hits().filter(|h| h.tag.contains(Dep::VERB)) {
                if let Some((troops, at)) = figure_after_verb(s, lex, v.end) {
                    if let Some(c) = nearest_before(v.start) {
                        if !counted.contains(&c) {
                            out.push(Sent {
                                country: c,
                                troops,
                                at,
                                rule: "deploy-figure-after-verb",
                            });
                            counted.push(c);
                        }
                    }
                }
            }
            // "an 80-strong contingent"
            for &(at, v) in &strong {
                if let Some(c) = nearest_before(at) {
                    out.push(Sent {
                        country: c,
                        troops: Troops::Total(v),
                        at,
                        rule: "deploy-strong",
                    });
                    counted.push(c);
                }
            }
            // the fact box's figure, when no figure in the line counted
            if counted.is_empty() {
                if let Some((v, at)) = label {
                    if let Some(c) = nearest_before(at) {
                        out.push(Sent {
                            country: c,
                            troops: Troops::Total(v),
                            at,
                            rule: "deploy-label",
                        });
                        counted.push(c);
                    }
                }
            }
            // standing counts: "British forces here number about 1,000";
            // the troops may head a longer subject ("the number of US troops
            // at Brook International Airport now stands at 5,800")
            // when nothing between them is sent or counted
            for m in hits().filter(|h| h.tag.contains(Dep::COUNT)) {
                let subject = |t: &Hit<Dep>| {
                    let between = &s.lower[t.end..m.start];
                    t.start >= s.words_back(m.start, COUNT_SUBJECT_WORDS)
                        && !between.bytes().any(|b| b.is_ascii_digit())
                        && !hits().any(|v| {
                            v.tag.intersects(Dep::VERB | Dep::EVAC)
                                && !v.tag.contains(Dep::PRESENCE)
                                && v.start >= t.end
                                && v.end <= m.start
                        })
                };
                let troops_before = hits().any(|t| {
                    t.tag.contains(Dep::TROOPS)
                        && t.end <= m.start
                        && (t.start >= s.words_back(m.start, 4) || subject(t))
                });
                if !troops_before {
                    continue;
                }
                let k = s.past_approximators(lex, s.tok_at(m.end));
                let Some(n) = cardinal(s, lex, k) else {
                    continue;
                };
                if let (Some(v), Some(c)) = (n.value, nearest_before(m.start)) {
                    out.push(Sent {
                        country: c,
                        troops: Troops::Total(v),
                        at: n.start,
                        rule: "deploy-count",
                    });
                    counted.push(c);
                }
            }
            // stated totals: "taking the number ... to about 900"
            for m in hits().filter(|h| h.tag.contains(Dep::TOTAL)) {
                if let Some((v, at)) = total_after(s, lex, m.end, clause) {
                    // "bringing the total number of Ruritanian personnel ...
                    // to around 900": the country the total counts
                    if let Some(c) = total_counts(s, m.end, at).or_else(|| nearest_before(m.start))
                    {
                        out.push(Sent {
                            country: c,
                            troops: Troops::Total(v),
                            at,
                            rule: "deploy-total",
                        });
                        counted.push(c);
                    }
                }
            }
        }
        if present {
            // nothing sent and no figure: nothing to say
            continue;
        }
        let named: Vec<CountryId> = if in_clause.is_empty() {
            fallback.into_iter().collect()
        } else {
            in_clause.iter().map(|x| x.1).collect()
        };
        for c in named {
            if !counted.contains(&c) {
                out.push(Sent {
                    country: c,
                    troops: Troops::Unspecified,
                    at: clause_start,
                    rule: "deploy-unspecified",
                });
                counted.push(c);
            }
        }
    }
    // Several troop figures for one country in a sentence are the parts of
    // a force ("the figure covers the 3,000 Marines ..., about 1,000
    // already in the capital and roughly 1,000 paratroopers"), none of them its
    // size; a stated total still counts.
    let parts = |c: CountryId| {
        let mut v: Vec<u32> = out
            .iter()
            .filter(|d| d.country == c && d.rule == "deploy-troops")
            .filter_map(|d| match d.troops {
                Troops::Total(n) => Some(n),
                _ => None,
            })
            .collect();
        v.dedup();
        v.len() >= 2
    };
    let broken: Vec<CountryId> = out
        .iter()
        .map(|d| d.country)
        .filter(|&c| parts(c))
        .collect();
    for d in out.iter_mut() {
        if broken.contains(&d.country) && d.rule == "deploy-troops" {
            d.troops = Troops::Unspecified;
        }
    }
    // One figure per country and sentence: a stated total beats the
    // increment that led to it ("a further 200, taking it to 900").
    let mut best: Vec<Sent> = Vec::new();
    for d in out {
        match best.iter_mut().find(|b| b.country == d.country) {
            None => best.push(d),
            Some(b) => {
                // "X, whose first flight was secured by 60 soldiers, sent
                // an additional 25": a total in a relative clause is the
                // figure before the addition
                let relative = |at: usize| s.clause(s.clause_at(at)).relative;
                let rank = |t: Troops, at: usize| match t {
                    Troops::Unspecified => 0,
                    Troops::Total(_) if relative(at) => 1,
                    Troops::Additional(_) | Troops::Present(_) => 2,
                    Troops::Total(_) => 3,
                };
                if rank(d.troops, d.at) > rank(b.troops, b.at) {
                    *b = d;
                }
            }
        }
    }
    // "sent additional units to the border": ruled out by its scope even
    // where the force has no noun the lexicon counts
    let scope_words = s.deploy.iter().any(|h| {
        h.tag
            .intersects(Dep::ELSEWHERE | Dep::COMBAT | Dep::WITHDRAW)
    });
    if best.is_empty() && (scoped_out || scope_words) && !senders.is_empty() {
        ctx.ruled_out = Some(ctx.sentence);
    }
    // a force where it stands opens no run of sendings
    let sending = best
        .iter()
        .rev()
        .find(|d| !matches!(d.troops, Troops::Present(_)));
    if let Some(d) = sending {
        ctx.last = Some((ctx.sentence, d.country));
        ctx.found = Some(ctx.sentence);
        for d in best
            .iter()
            .filter(|d| !matches!(d.troops, Troops::Present(_)))
        {
            match ctx.only {
                None => ctx.only = Some(d.country),
                Some(c) if c != d.country => ctx.several = true,
                _ => {}
            }
        }
    } else if let Some(&(_, c)) = senders.last() {
        if s.deploy
            .iter()
            .any(|h| h.tag.intersects(Dep::VERB | Dep::ASSET))
        {
            ctx.last = Some((ctx.sentence, c));
        }
    }
    best.sort_by_key(|d| d.at);
    best
}

/// "- Ruritania: one C-130J and about 100 personnel": a list item that
/// names its sender as a label and its force without a verb, in a run
/// of deployments (one found in the last two sentences). The clause of
/// its force.
fn verbless_item(s: &Sentence, ctx: &Senders) -> Option<usize> {
    const RUN: usize = 2;
    ctx.found.filter(|&at| ctx.sentence - at <= RUN)?;
    let start = s.lower.len()
        - s.lower
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let &(_, end, _) = s.countries.iter().find(|c| c.0 == start)?;
    let rest = s.lower[end..].trim_start().strip_prefix(':')?;
    Some(s.clause_at(s.lower.len() - rest.len()))
}

/// Under a country's heading, an item that names a force and no sending
/// ("GERMANY" over "- A C-17 and a protection team of marines"): the
/// clause of its force. The heading's country is its sender.
/// `senders` are the sentence's.
fn section_item(s: &Sentence, senders: &[(usize, CountryId)], ctx: &Senders) -> Option<usize> {
    let section = ctx.section?;
    if senders.iter().any(|x| x.1 != section) {
        return None;
    }
    let force = s
        .deploy
        .iter()
        .find(|h| h.tag.intersects(Dep::ASSET | Dep::TROOPS))?;
    let clause = s.clause_at(force.start);
    let verb = s
        .deploy
        .iter()
        .any(|h| h.tag.contains(Dep::VERB) && s.clause_at(h.start) == clause);
    (!verb).then_some(clause)
}

/// "an 80-strong contingent": (position, figure) in `clause`.
fn strong_figures(s: &Sentence, lex: &Lexicon, clause: usize) -> Vec<(usize, u32)> {
    // from the hyphens rather than the words: most words have none
    let mut out = Vec::new();
    let mut last = None;
    for at in memchr::memchr_iter(b'-', s.lower.as_bytes()) {
        // the token holding the hyphen, read at its first one only
        let k = s.toks.partition_point(|t| t.start <= at);
        let Some(t) = k.checked_sub(1).map(|k| s.toks[k]) else {
            continue;
        };
        if !t.word || at >= t.end || last == Some(t.start) {
            continue;
        }
        last = Some(t.start);
        let (n, rest) = (&s.lower[t.start..at], &s.lower[at + 1..t.end]);
        if s.clause_at(t.start) != clause || !lex.size_suffixes.contains(rest) {
            continue;
        }
        out.extend(parse_figure(n).map(|v| (t.start, v)));
    }
    out
}

/// Whether the host's name stands before the force at `at`, at most two
/// words of its own before it ("Ruritanian troops", "Ruritanian Air
/// Force aircraft", "Ruritanian army troops").
fn host_owned(s: &Sentence, lex: &Lexicon, at: usize) -> bool {
    const MAX_BETWEEN: usize = 2;
    let trim =
        |w: &'_ str| -> String { w.trim_end_matches(['\'', '’', 's'].as_slice()).to_string() };
    let mut before = s.lower[..at].trim_end();
    for _ in 0..=MAX_BETWEEN {
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let raw = &before[start..];
        let word = trim(raw);
        if word.is_empty() {
            return false;
        }
        if lex.host_words.iter().any(|h| *h == word || trim(h) == word) {
            return true;
        }
        // only the force's own words: no number, preposition or other
        // country ("Ruritanian-trained Freedonian troops")
        let own = raw.chars().all(|c| c.is_alphabetic() || c == '-')
            && !lex.prepositions.contains(raw)
            && !lex.determiners.contains(raw)
            && !s.countries.iter().any(|c| c.1 == before.len());
        if !own {
            return false;
        }
        before = before[..start].trim_end();
    }
    false
}

/// Whether the force at `at` is one the evacuees served with, not one
/// sent: "Ruritanians who worked with our troops", "interpreters who served
/// alongside Ruritanian forces".
fn served_with(s: &Sentence, lex: &Lexicon, at: usize) -> bool {
    let mut end = at;
    loop {
        let before = s.lower[..end].trim_end();
        if let Some(&(start, ..)) = s.countries.iter().find(|c| c.1 == before.len()) {
            end = start;
            continue;
        }
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let w = before[word_start..].trim_end_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty()
            || !(lex.determiners.contains(w)
                || lex.possessives.contains(w)
                || lex.number_gap.contains(w))
        {
            return lex.served_with.ends(before);
        }
        end = word_start;
    }
}

/// Whether the clause sends its troops to another country than the host
/// ("would go to Qatar", "in Kuwait") and names no place of the host;
/// `senders` are the sentence's.
fn elsewhere_destination(
    s: &Sentence,
    lex: &Lexicon,
    senders: &[(usize, CountryId)],
    clause: usize,
    route_from: usize,
) -> bool {
    let to_other = s.countries.iter().any(|&(start, _, c)| {
        let before = strip_determiners(&s.lower[..start], lex);
        // "took off from an air base in northern Germany": home, not away
        !senders.iter().any(|x| x.1 == c)
            && start < route_from
            && s.clause_at(start) == clause
            && lex.destination_before.ends(before)
            && !origin(lex, before)
            && !speaker_place(s, lex, before)
            && !evacuees_carried(s, lex, clause, start)
            && !part_of_force(s, lex, start)
    });
    let host_place = s
        .mentions
        .iter()
        .any(|m| m.kind != MKind::Province && s.clause_at(m.start) == clause)
        || lex.host_words.iter().any(|h| {
            let base = s.clause_start(clause);
            let seg = &s.lower[base..s.clause_end(clause)];
            // "visas for Ruritanian interpreters": the host's people, carried
            // or helped, put no force in the host
            seg.match_indices(h.as_str()).any(|(i, _)| {
                let after = base + i + h.len();
                let next = after + s.lower[after..].len() - s.lower[after..].trim_start().len();
                !s.deploy.iter().any(|d| {
                    d.start == next
                        && d.tag
                            .intersects(Dep::NOT_SENDER | Dep::BENEFICIARY | Dep::CIVILIAN)
                })
            })
        });
    to_other && !host_place
}

/// "430 personnel, including 120 aircrew at Freedonia, are engaged in the
/// evacuation": a place in a list of the force's members says where part
/// of it is, not where the force goes.
fn part_of_force(s: &Sentence, lex: &Lexicon, start: usize) -> bool {
    let before = &s.lower[..start];
    let from = before.rfind([',', ';', '(']).map_or(0, |i| i + 1);
    // a "members" phrase of a word or two opens the stretch, after a force
    let words: Vec<&str> = before[from..].split_whitespace().take(2).collect();
    let opens = (1..=words.len()).any(|k| lex.members.ends(&words[..k].join(" ")));
    opens
        && s.deploy
            .iter()
            .any(|h| h.tag.contains(Dep::TROOPS) && h.end <= from)
}

/// "from its base in Y", "out of its air base in Y": a destination word
/// after "from" (a few words back) names where a force comes from.
/// `before` ends at the country.
fn origin(lex: &Lexicon, before: &str) -> bool {
    const REACH: usize = 5;
    before
        .split_whitespace()
        .rev()
        .take(REACH)
        .any(|w| lex.origin_before.contains(w))
}

/// "a detachment of 200 servicemen has been sent from Ruritania": the
/// country a sending verb's force comes from, right after it, when the
/// sentence names no sender and none is carried from the one before.
fn sent_from(s: &Sentence, lex: &Lexicon) -> Option<CountryId> {
    // "flown in from": a particle between
    const MAX_BETWEEN: usize = 1;
    s.countries.iter().find_map(|&(start, _, c)| {
        let before = s.lower[..start].trim_end();
        let from = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        if !lex.origin_before.contains(&before[from..]) {
            return None;
        }
        let verb_end = s
            .deploy
            .iter()
            .rev()
            .find(|h| h.tag.contains(Dep::VERB) && h.end <= from)?
            .end;
        (s.lower[verb_end..from].split_whitespace().count() <= MAX_BETWEEN).then_some(c)
    })
}

/// "flying evacuees to Y", "fly them to an air base in Y": after a verb
/// and the people it carries, Y is where they go, not where a force is.
fn evacuees_carried(s: &Sentence, lex: &Lexicon, clause: usize, at: usize) -> bool {
    // a verb, its object and a place phrase before the country
    const REACH: usize = 10;
    let from = s.words_back(at, REACH).max(s.clause_start(clause));
    let Some(verb) = s
        .deploy
        .iter()
        .rfind(|h| (h.tag.contains(Dep::VERB) || carrying(h)) && h.start >= from && h.end <= at)
    else {
        return false;
    };
    // "flown its first evacuees": a possessive and an ordinal before them
    let object_to = s.words_fwd(verb.end, 3);
    let people = s
        .deploy
        .iter()
        .any(|h| h.tag.contains(Dep::BENEFICIARY) && h.start >= verb.end && h.start < object_to);
    let pronoun = s.lower[verb.end..object_to]
        .split_whitespace()
        .next()
        .is_some_and(|w| lex.object_pronouns.contains(w));
    people || pronoun
}

/// "the Ministry of Defence in London": where a speaker is, no
/// destination. `before` is the sentence up to the country.
fn speaker_place(s: &Sentence, lex: &Lexicon, before: &str) -> bool {
    let t = before.trim_end();
    let Some(i) = last_word_start(t, |c| c == ' ')
        .filter(|&w| w > 0)
        .map(|w| w - 1)
    else {
        return false;
    };
    let rest = t[..i].trim_end();
    let who = rest
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // an institution ("the Ministry of Defence in London") or a person
    let proper = s.text[rest.len() - who.len()..rest.len()].starts_with(char::is_uppercase);
    proper
        || lex.people.contains(who)
        || s.cues
            .iter()
            .any(|c| c.tag.intersects(Cue::DEFENDER | Cue::ATTACKER) && c.end == rest.len())
}

/// "the cabinet in", "officials in": a body of people placed in the
/// country that follows. `before` is the sentence up to the country.
fn body_in(lex: &Lexicon, before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    words.next().is_some_and(|w| lex.locative.contains(w))
        && words.next().is_some_and(|w| lex.people.contains(w))
}

/// Whether a deployment word whose tags satisfy `tag` stands right after
/// a country ending at `end`, across a possessive ("Ruritania's
/// nationals", "the Ruritanian Air Force").
fn tagged_after(s: &Sentence, end: usize, tag: impl Fn(Dep) -> bool) -> bool {
    s.deploy.iter().any(|h| {
        tag(h.tag)
            && h.start >= end
            && s.lower[end..h.start]
                .trim_start_matches(['\'', '’', 's'])
                .trim()
                .is_empty()
    })
}

/// Whether the place at `start` ends a route from the place before it:
/// "the flight Brook - Eastmarch", "the Westport–Brook shuttle". Places joined
/// by a dash are the legs of a journey, not who flies it; a country after
/// its own label ("RURITANIA - Strelsau sent two A400Ms") is no leg.
fn on_route(s: &Sentence, start: usize, c: CountryId) -> bool {
    let before = s.lower[..start].trim_end();
    let Some(leg) = before
        .strip_suffix('-')
        .or_else(|| before.strip_suffix('–'))
        .map(str::trim_end)
    else {
        return false;
    };
    let ends = leg.len();
    let label = s.countries.iter().any(|&(_, e, o)| e == ends && o == c);
    !label
        && (s.mentions.iter().any(|m| m.end == ends)
            || s.countries.iter().any(|&(_, e, _)| e == ends))
}

/// Countries that can be the sender: not landmarks ("to Ruritania", "in
/// the United Arab Emirates") and not the evacuees ("British nationals",
/// "the US embassy").
fn senders(s: &Sentence, lex: &Lexicon) -> Vec<(usize, CountryId)> {
    // (end, was a landmark, country) of the country named before, for
    // lists and appositions
    let mut prev: Option<(usize, bool, CountryId)> = None;
    let mut out = Vec::new();
    // "the federal cabinet in Brook approved 600 soldiers": where the
    // deciding body sits, when no other country sends
    let mut seats = Vec::new();
    for &(start, end, c) in &s.countries {
        let after = s.lower[end..].trim_start();
        let after = after
            .strip_prefix("'s")
            .or_else(|| after.strip_prefix("’s"))
            .unwrap_or(after)
            .trim_start();
        let not_sender = tagged_after(s, end, |t| t.contains(Dep::NOT_SENDER))
            || after.starts_with('-')
            || on_route(s, start, c);
        // "facilities in Kuwait, Bahrain and Germany": the members of a
        // list of landmarks are landmarks
        let listed = prev.is_some_and(|(e, landmark, _)| {
            landmark
                && e <= start
                && s.lower[e..start]
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .all(|w| w.is_empty() || lex.conjunction_words.contains(w))
        });
        // "based in Arden's capital, Brook": the same country again in
        // apposition is the same landmark
        let apposed = prev.is_some_and(|(e, landmark, p)| {
            const MAX_WORDS: usize = 3;
            let gap = s.lower.get(e..start).unwrap_or("");
            landmark
                && p == c
                && gap.trim_end().ends_with(',')
                && !gap.contains(';')
                && gap.split_whitespace().count() <= MAX_WORDS
        });
        // "aircraft of the Ruritanian Air Force": the country owning the
        // air force sends it. Not passengers' "a handful of Arden
        // soldiers", nor "aboard an Arden air force plane".
        let before = strip_determiners(&s.lower[..list_start(s, lex, start)], lex);
        let mut back = before.rsplit(' ').filter(|w| !w.is_empty());
        let (of, head) = (back.next(), back.next());
        // "a group of Ruritanian special forces servicemen": a unit's
        // troops are its country's, not passengers
        let unit = head.is_some_and(|w| lex.force_units.contains(w));
        let of_before = of.is_some_and(|w| lex.of_words.contains(w));
        // "transport aircraft of the Luftwaffe", "soldiers of the Ruritanian
        // army", "troops from the Marine Brigade": the force is named
        // before "of", its owner after
        // ... people only after a word other than "of": "troops from the
        // Marine Brigade", not "aircraft from the Gulf base"
        let owner_word = of.is_some_and(|w| lex.force_owner_words.contains(w));
        let force_before = owner_word && {
            let of_start = before.len() - of.map_or(0, str::len);
            let head_end = before[..of_start].trim_end().len();
            let owned = if of_before {
                Dep::ASSET | Dep::TROOPS
            } else {
                Dep::TROOPS
            };
            s.deploy
                .iter()
                .any(|h| h.end == head_end && h.tag.intersects(owned))
        };
        let owns_force = force_before
            || tagged_after(s, end, |t| {
                t.contains(Dep::ASSET) && (unit || !t.contains(Dep::TROOPS))
            }) && of_before;
        let landmark = listed
            || apposed
            || ((lex.not_sender_before.ends(before) || headed_place(lex, before)) && !owns_force);
        prev = Some((end, landmark, c));
        if landmark && !listed && !apposed && (body_in(lex, before) || venue(s, lex, start, end)) {
            seats.push((start, c));
        }
        if !not_sender
            && !landmark
            && !members_of_evacuees(s, lex, before)
            && !carried_people(s, lex, start)
        {
            out.push((start, c));
        }
    }
    if out.is_empty() {
        out = seats;
    }
    out
}

/// Whether clause `clause` says its force has stood there long ("for
/// years").
fn garrison(s: &Sentence, lex: &Lexicon, clause: usize) -> bool {
    // "for the past twenty years"
    const SPAN_WORDS: usize = 3;
    let text = &s.lower[s.clause_start(clause)..s.clause_end(clause)];
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut span = false;
    while let Some(w) = words.next() {
        if lex.standing_prepositions.contains(w)
            && words
                .clone()
                .take(SPAN_WORDS)
                .any(|x| lex.standing_spans.contains(x))
        {
            span = true;
            break;
        }
    }
    span || lex.standing.any_in(text)
}

/// Whether clause `clause` keeps its force where it is, away from every
/// tracked place, and says no evacuation that happened ("which keeps
/// troops in the north, has not evacuated anyone").
fn kept_elsewhere(s: &Sentence, lex: &Lexicon, clause: usize) -> bool {
    let (start, end) = (s.clause_start(clause), s.clause_end(clause));
    let text = &s.lower[start..end];
    // the cheap tests first: most clauses name a place or an evacuation
    let kept = || lex.standing_verbs.any_in(text);
    let at_place = s
        .mentions
        .iter()
        .any(|m| m.start >= start && m.start < end && m.kind != MKind::Province);
    let evacuation = s.deploy.iter().any(|h| {
        let from = s.words_back(h.start, NEG_WINDOW);
        h.tag.contains(Dep::EVAC)
            && s.clause_at(h.start) == clause
            && !s.cues.iter().any(|c| {
                c.tag.contains(Cue::NEG)
                    && !c.tag.contains(Cue::NEG_PSEUDO)
                    && c.start >= from
                    && c.end <= h.start
                    && s.clause_at(c.start) == s.clause_at(h.start)
            })
    });
    !at_place && !evacuation && kept()
}

/// The country a stated total counts, named between its marker and its
/// figure ("the total number of Ruritanian personnel ... to around 900"),
/// not as the evacuees' ("the total number of Freedonian mission personnel
/// flown out").
fn total_counts(s: &Sentence, from: usize, to: usize) -> Option<CountryId> {
    s.countries
        .iter()
        .find(|&&(start, end, _)| {
            start >= from && start < to && !tagged_after(s, end, |t| t.contains(Dep::NOT_SENDER))
        })
        .map(|x| x.2)
}

/// Words from a coordinated subject to its own verb of saying.
const OWN_SPEECH_WORDS: usize = 4;

/// "Ruritania said it would send special forces, and Freedonia and Sylvania
/// announced they were closing their embassies": a country after a
/// sending, opened by ", and" and followed by its own speech with no
/// sending after it, is the subject of a statement of its own, not a
/// sender of the sending before.
fn own_statement(s: &Sentence, lex: &Lexicon, at: usize) -> bool {
    let Some(sending) = s
        .deploy
        .iter()
        .rfind(|h| h.tag.intersects(Dep::VERB | Dep::EVAC) && h.end <= at)
    else {
        return false;
    };
    let gap = &s.lower[sending.end..at];
    let Some(comma) = gap.rfind(',') else {
        return false;
    };
    let opens = gap[comma + 1..]
        .split_whitespace()
        .next()
        .is_some_and(|w| lex.conjunction_words.contains(w));
    let reach = s.words_fwd(at, OWN_SPEECH_WORDS);
    let Some(speech) = s
        .cues
        .iter()
        .find(|c| c.tag.contains(Cue::SPEECH) && c.start > at && c.end <= reach)
    else {
        return false;
    };
    // "..., and Freedonia said it would send special forces too": a sending
    // of its own
    opens
        && !s
            .deploy
            .iter()
            .any(|h| h.tag.intersects(Dep::VERB | Dep::EVAC) && h.start >= speech.end)
}

/// Words from a purpose phrase to the evacuation it serves ("to support
/// the planned evacuation", "to reinforce security at the country's embassy").
const PURPOSE_OBJECT_WORDS: usize = 6;

/// "to support the evacuation of its nationals", "in support of the
/// airlift": a phrase of fighting that takes an object (an infinitive of
/// purpose, or one ending in "of") whose object is the evacuation serves
/// it, and fights no one.
fn serves_evacuation(s: &Sentence, h: &Hit<Dep>) -> bool {
    let phrase = &s.lower[h.start..h.end];
    let takes_object = phrase.starts_with("to ") || phrase.ends_with(" of");
    let reach = s.words_fwd(h.end, PURPOSE_OBJECT_WORDS);
    takes_object
        && s.deploy.iter().any(|e| {
            e.tag.contains(Dep::EVAC)
                && !e.tag.contains(Dep::COMBAT)
                && e.start >= h.end
                && e.end <= reach
        })
}

/// Words a place noun before a name may carry ("the Freedonian capital").
const PLACE_HEAD_WORDS: usize = 3;

/// "from the Freedonian capital Lorvik": a place noun (and its modifiers)
/// right before the name, or before it in apposition ("the Freedonian
/// capital, Lorvik"), itself after a word that makes a place.
fn headed_place(lex: &Lexicon, before: &str) -> bool {
    let before = before.trim_end();
    let before = before.strip_suffix(',').unwrap_or(before);
    let mut words = before.split_whitespace().rev();
    if !words.next().is_some_and(|w| lex.place_heads.contains(w)) {
        return false;
    }
    let mut rest = before.trim_end();
    for _ in 0..PLACE_HEAD_WORDS {
        rest = match last_word_start(rest, char::is_whitespace) {
            Some(i) => rest[..i].trim_end(),
            None => return false,
        };
        if lex.not_sender_before.ends(strip_determiners(rest, lex)) {
            return true;
        }
    }
    false
}

/// Words from a seat of government to the speech said there.
const VENUE_REACH: usize = 8;

/// "This afternoon at the War Office, the press secretary announced that
/// ...": a metonym of a government, before any sending in the sentence,
/// where a speech follows within a few words, is where the government
/// speaks, not where troops go ("the first flight landed in the capital,
/// officials said").
fn venue(s: &Sentence, lex: &Lexicon, start: usize, end: usize) -> bool {
    let reach = s.words_fwd(end, VENUE_REACH);
    lex.metonyms.contains(&s.lower[start..end])
        && !s
            .deploy
            .iter()
            .any(|h| h.tag.contains(Dep::VERB) && h.start < start)
        && s.cues.iter().any(|c| {
            c.tag.intersects(Cue::SPEECH | Cue::SPEECH_AFTER) && c.start >= end && c.end <= reach
        })
}

/// "we brought out 4 Freedonian citizens and 2 Ruritanian soldiers": a
/// country counted among what an evacuation verb carries (a figure right
/// before it, the verb a few words back with no sending between) names
/// passengers, not a sender.
fn carried_people(s: &Sentence, lex: &Lexicon, start: usize) -> bool {
    // a figure within a couple of words before: "2 Ruritanian soldiers"
    const FIGURE_WITHIN: usize = 3;
    let counted = s.lower[s.words_back(start, FIGURE_WITHIN)..start]
        .split_whitespace()
        .any(|w| {
            (w.as_bytes()[0].is_ascii_digit() && w.bytes().all(|b| b.is_ascii_digit() || b == b','))
                || lex.units.contains_key(w)
        });
    if !counted {
        return false;
    }
    // the verb's object list opens with a figure at once
    carrying_before(s, start, Dep::VERB)
        .any(|h| cardinal(s, lex, s.past_approximators(lex, s.tok_at(h.end))).is_some())
}

/// An evacuation verb ("flew out", "brought out"), not an evacuee noun or
/// a place of the evacuation.
fn carrying(h: &Hit<Dep>) -> bool {
    h.tag.contains(Dep::EVAC) && !h.tag.intersects(Dep::BENEFICIARY | Dep::PRESENCE)
}

/// The evacuation verbs in the few words before `pos` with no hit tagged
/// `blockers` (a sending, a force) between them and `pos`: what they carry
/// reaches `pos`.
fn carrying_before<'s>(
    s: &'s Sentence,
    pos: usize,
    blockers: Dep,
) -> impl Iterator<Item = &'s Hit<Dep>> + 's {
    const REACH: usize = 10;
    let from = s.words_back(pos, REACH);
    s.deploy.iter().filter(move |h| {
        carrying(h)
            && h.start >= from
            && h.end <= pos
            && !s
                .deploy
                .iter()
                .any(|o| o.start >= h.end && o.end <= pos && o.tag.intersects(blockers))
    })
}

/// "citizens of several other countries including Arden and Brook": a
/// list that names members of the evacuees (after "including", "such
/// as"), with an evacuee noun since the last comma, names no sender.
/// `before` is the text before the list.
fn members_of_evacuees(s: &Sentence, lex: &Lexicon, before: &str) -> bool {
    let t = before.trim_end();
    // "citizens of ten countries: X, Y and Z": a colon opens a list of
    // members as "namely" does, when a list follows it
    let colon = t.ends_with(':')
        && lex
            .country_nouns
            .contains(t[..t.len() - 1].rsplit(' ').next().unwrap_or(""))
        && {
            let rest = &s.lower[t.len()..];
            let end = t.len() + rest.find([';', '.']).unwrap_or(rest.len());
            s.countries
                .iter()
                .filter(|&&(a, _, _)| a > t.len() && a < end)
                .nth(1)
                .is_some()
        };
    if !colon && !lex.members.ends(before) {
        return false;
    }
    // "nationals of other countries, including X": the evacuees a few
    // words back, across a comma but not a stronger break
    let at = if colon { t.len() - 1 } else { before.len() };
    let from = s.lower[..at]
        .rfind([';', ':', '('])
        .map_or(0, |i| i + 1)
        .max(s.words_back(at, MEMBERS_REACH));
    s.deploy
        .iter()
        .any(|h| h.tag.contains(Dep::BENEFICIARY) && h.start >= from && h.end <= at)
}

/// Where the list that a country at `start` closes begins: "citizens of
/// Arden, the Marches, Ruritania and Kenya" reads every member as if it
/// followed "of". Members are countries and names that are no place of
/// the scenario (one word each), and the first end of a route ("between
/// Brook and Arden", Brook a place of the host); `start` when no member
/// goes before it.
fn list_start(s: &Sentence, lex: &Lexicon, start: usize) -> usize {
    const MAX_TOKENS: usize = 16;
    let mut k = s.toks.partition_point(|t| t.end <= start);
    let mut head = start;
    for _ in 0..MAX_TOKENS {
        let Some(j) = k.checked_sub(1) else { break };
        let t = s.toks[j];
        let w = &s.lower[t.start..t.end];
        if w == "," || lex.conjunction_words.contains(w) || lex.determiners.contains(w) {
            k = j;
            continue;
        }
        let country = s
            .countries
            .iter()
            .find(|&&(a, b, _)| a <= t.start && t.end <= b);
        let mention = s
            .mentions
            .iter()
            .find(|m| m.start <= t.start && t.end <= m.end);
        let unknown_name = t.word
            && s.text[t.start..].starts_with(char::is_uppercase)
            && !lex.is_date_word(w)
            && mention.is_none();
        // "between Brook and Arden": a place of the host as the route's
        // first end
        let route_end = mention.filter(|m| {
            let i = s.toks.partition_point(|t| t.end <= m.start);
            i.checked_sub(1).is_some_and(|i| {
                lex.between
                    .contains(&s.lower[s.toks[i].start..s.toks[i].end])
            })
        });
        if let Some(&(a, _, _)) = country {
            head = a;
            k = s.toks.partition_point(|t| t.end <= a);
        } else if let Some(m) = route_end {
            head = m.start;
            k = s.toks.partition_point(|t| t.end <= m.start);
        } else if unknown_name {
            // one word, as country names are: "at Brook Memorial Airport,
            // and the Ruritanians" is no list
            let prev_capital = j.checked_sub(1).is_some_and(|i| {
                let p = s.toks[i];
                p.word && s.text[p.start..].starts_with(char::is_uppercase)
            });
            if prev_capital {
                return start;
            }
            head = t.start;
            k = j;
        } else {
            break;
        }
    }
    head
}

/// A token that is only a quotation mark.
fn is_quote_mark(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .all(|c| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’'))
}

/// Tokens a number may span ("three hundred and fifty").
const NUMBER_TOKENS: usize = 4;

/// Whether a number ends right before token `tok`.
fn number_ends_before(s: &Sentence, lex: &Lexicon, tok: usize) -> bool {
    (tok.saturating_sub(NUMBER_TOKENS)..tok)
        .any(|i| cardinal(s, lex, i).is_some_and(|n| n.next_tok == tok))
}

/// Whether a force of the sentence is the two sides' ("both forces",
/// "rival forces").
fn sides_forces(s: &Sentence, lex: &Lexicon) -> bool {
    s.deploy.iter().any(|h| {
        h.tag.contains(Dep::TROOPS)
            && s.word_before(h.start)
                .is_some_and(|w| lex.side_pair_words.contains(w))
    })
}

/// The most tokens of an aside in brackets between a figure and its noun.
const BRACKET_TOKENS: usize = 4;

/// The figure before a troop noun, across number-gap words; with the mode
/// and any country named between ("3,000 U.S. troops").
fn figure_before(
    s: &Sentence,
    lex: &Lexicon,
    noun: usize,
) -> Option<(Option<Troops>, usize, Option<CountryId>)> {
    // "three Ruritanian Forces transport aircraft": a force's name before an
    // aircraft names whose they are; the figure counts the aircraft
    let names_aircraft = s.deploy.iter().any(|troop| {
        troop.start == noun
            && s.deploy.iter().any(|a| {
                a.tag.contains(Dep::ASSET)
                    && !a.tag.contains(Dep::TROOPS)
                    && a.start >= troop.end
                    && s.lower[troop.end..a.start].trim().is_empty()
            })
    });
    if names_aircraft {
        return None;
    }
    let ti = s.toks.iter().position(|t| t.start >= noun)?;
    let mut inner = None;
    let mut additional = false;
    let mut k = ti;
    // walk back over gap words and countries to the number's last token
    loop {
        let j = k.checked_sub(1)?;
        let t = s.toks[j];
        let w = &s.lower[t.start..t.end];
        if let Some(&(_, _, c)) = s
            .countries
            .iter()
            .find(|(a, b, _)| t.start >= *a && t.end <= *b)
        {
            inner = inner.or(Some(c));
        } else if is_quote_mark(w) && j + 1 < ti {
            // '"approximately 5,000" US troops': the figure quoted
        } else if w == ")" {
            // "250 Ruritanian Defence Force (RDF) personnel": a short
            // aside glossing the name before the noun
            let open = (j.saturating_sub(BRACKET_TOKENS)..j)
                .rev()
                .find(|&i| &s.lower[s.toks[i].start..s.toks[i].end] == "(")?;
            k = open;
            continue;
        } else if j == ti - 1 && j >= 2 && lex.conjunction_words.contains(w) && {
            // "350 officers and sailors": the figure counts a pair of
            // nouns whose last is a troop noun
            let t = s.toks[j - 1];
            s.lower[t.start..t.end].chars().all(char::is_alphabetic)
                && number_ends_before(s, lex, j - 1)
        } {
            k = j - 1;
            break;
        } else if j == ti - 1
            && j >= 1
            && w.len() > 3
            && w.chars().all(|c| c.is_ascii_lowercase())
            && !lex.number_gap.contains(w)
            // right after the figure: "600 uniformed personnel"
            && number_ends_before(s, lex, j)
            // "three thousand troops": a number word is the figure
            && !number_ends_before(s, lex, j + 1)
            && ![
                &lex.prepositions,
                &lex.conjunction_words,
                &lex.determiners,
                &lex.possessives,
                &lex.complementizers,
            ]
            .iter()
            .any(|set| set.contains(w))
        {
            // "600 uniformed personnel": one word of its own describing
            // the troop noun right before it
        } else if (w == "," || lex.conjunction_words.contains(w)) && k < ti && j >= 1 && {
            // "250 navy and air force personnel": a pair of services
            let t = s.toks[j - 1];
            lex.number_gap.contains(&s.lower[t.start..t.end])
        } {
        } else if lex.number_gap.contains(w) {
            additional |= s
                .deploy
                .iter()
                .any(|h| h.tag.contains(Dep::ADDITIONAL) && h.start == t.start);
        } else {
            break;
        }
        k = j;
        if ti - k > 6 {
            return None;
        }
    }
    // the number ends at token k-1; find where it starts
    let end_tok = k.checked_sub(1)?;
    let start_tok = (end_tok.saturating_sub(3)..=end_tok)
        .find(|&i| cardinal(s, lex, i).is_some_and(|n| n.next_tok == end_tok + 1))?;
    let n = cardinal(s, lex, start_tok)?;
    // "three battalions, two of Marines and one of the Army": a count of
    // units made of the troops, not of troops ("1,000 of its troops" is)
    if n.next_tok + 1 == ti && {
        let t = s.toks[n.next_tok];
        lex.of_words.contains(&s.lower[t.start..t.end])
    } {
        return None;
    }
    let before_num = &s.lower[..n.start];
    let last_before = before_num
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    // "flew out 45 personnel", "evacuated 120 staff": passengers
    let carried = s.deploy.iter().any(|h| {
        h.tag.contains(Dep::EVAC)
            && h.end <= n.start
            && s.lower[h.end..n.start]
                .split_whitespace()
                .all(|w| lex.approximators.contains(w))
    });
    // "brought out 4 Freedonian citizens and 2 Ruritanian soldiers": a
    // later member of what an evacuation verb carries
    let carried_list = || {
        let joined = s
            .word_before(n.start)
            .is_some_and(|w| lex.conjunction_words.contains(w) || w.ends_with(','));
        joined
            && carrying_before(s, n.start, Dep::VERB | Dep::TROOPS)
                .next()
                .is_some()
    };
    if carried || carried_list() {
        return None;
    }
    let previous = s.deploy.iter().any(|h| {
        h.tag.contains(Dep::PREVIOUS)
            && h.end <= n.start
            && s.lower[h.end..n.start]
                .split_whitespace()
                .all(|w| lex.approximators.contains(w))
    }) || lex.definite.contains(last_before);
    if previous {
        return Some((None, n.start, inner));
    }
    let from = s.words_back(n.start, 3);
    additional |= s.deploy.iter().any(|h| {
        h.tag.contains(Dep::ADDITIONAL)
            && h.start >= from
            && h.end <= n.start
            && !comparative_after(s, lex, h.end)
    });
    let troops = match n.value {
        None => Troops::Unspecified,
        Some(v) if additional => Troops::Additional(v),
        Some(v) => Troops::Total(v),
    };
    Some((Some(troops), n.start, inner))
}

/// "more than 5,000": a bound, not an increment.
fn comparative_after(s: &Sentence, lex: &Lexicon, pos: usize) -> bool {
    s.lower[pos..]
        .split_whitespace()
        .next()
        .is_some_and(|w| lex.comparatives.contains(w))
}

/// "sends 600", "deploys a further 200.": a figure right after a sending
/// verb with no noun of its own (a following noun is what is counted:
/// "sends 600 troops" is read from its noun, "flew out 45 people" is no
/// deployment).
fn figure_after_verb(s: &Sentence, lex: &Lexicon, from: usize) -> Option<(Troops, usize)> {
    let mut k = s.tok_at(from);
    let mut additional = false;
    while let Some(t) = s.toks.get(k) {
        let w = &s.lower[t.start..t.end];
        if lex.approximators.contains(w) || lex.determiners.contains(w) {
            additional |= s
                .deploy
                .iter()
                .any(|h| h.tag.contains(Dep::ADDITIONAL) && h.start == t.start);
            k += 1;
        } else {
            break;
        }
    }
    let n = cardinal(s, lex, k)?;
    let v = n.value?;
    // what follows: nothing, punctuation, or "more"
    let more = s.toks.get(n.next_tok).is_some_and(|t| {
        s.deploy
            .iter()
            .any(|h| h.tag.contains(Dep::ADDITIONAL) && h.start == t.start)
    });
    let bare = s.toks.get(n.next_tok).is_none_or(|t| !t.word);
    // "600 more" stands alone; "two more C-17s" counts something else
    // (a troop noun after it is the troop rules' to read)
    let more_alone = more && s.toks.get(n.next_tok + 1).is_none_or(|t| !t.word);
    if !(bare || more_alone) {
        return None;
    }
    Some((
        if additional || more {
            Troops::Additional(v)
        } else {
            Troops::Total(v)
        },
        n.start,
    ))
}

/// "Soldiers engaged in the operation: approx. 140": in a line that is a
/// label and a figure, troops before the colon and nothing but the figure
/// after it.
fn labelled_figure(s: &Sentence, lex: &Lexicon, clause: usize) -> Option<(u32, usize)> {
    let start = s.clause_start(clause);
    let end = s.clause_end(clause);
    let colon = start + s.lower[start..end].find(':')?;
    let troops = s
        .deploy
        .iter()
        .any(|h| h.tag.contains(Dep::TROOPS) && h.start >= start && h.end <= colon);
    if !troops {
        return None;
    }
    let k = s.past_approximators(lex, s.tok_at(colon + 1));
    let n = cardinal(s, lex, k)?;
    // the figure ends the line's clause: "...: 140", "...: 140 (an additional 40 ...)"
    let rest = s.toks[n.next_tok..]
        .iter()
        .filter(|t| t.word && s.clause_at(t.start) == clause)
        .count();
    (rest == 0).then_some(())?;
    n.value.map(|v| (v, n.start))
}

/// "... to about 900" after a total marker, in the same clause.
fn total_after(s: &Sentence, lex: &Lexicon, from: usize, clause: usize) -> Option<(u32, usize)> {
    let limit = s.words_fwd(from, 14);
    let k0 = s.toks.iter().position(|t| t.start >= from)?;
    for k in k0..s.toks.len() {
        let t = s.toks[k];
        if t.start >= limit || s.clause_at(t.start) != clause {
            break;
        }
        // "rises to about 120"; a label's value: "Total personnel: approx. 120";
        // a copula's: "the total number of personnel is approximately 370"
        let w = &s.lower[t.start..t.end];
        // ("11:59 p.m." is a time, not a label)
        let label =
            !t.word && w == ":" && !s.lower[..t.start].ends_with(|c: char| c.is_ascii_digit());
        if lex.to_words.contains(w) || label || lex.copulas.contains(w) {
            let m = s.past_approximators(lex, k + 1);
            if let Some(v) = cardinal(s, lex, m).and_then(|n| n.value.map(|v| (v, n.start))) {
                return Some(v);
            }
        }
    }
    None
}
