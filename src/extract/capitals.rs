//! Falls, battles, repelled attacks and recaptures of capitals.

use crate::model::PlaceId;

use super::attribution::Voice;
use super::lexicon::{Brk, Cond, Cue, Dep, Kind, Lexicon, Role, Tal, Trigger};
use super::matching::{Hit, WordSet};
use super::sentence::{antecedent_participates, MKind, Mention, Sentence};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Contest, Repel, Concede, Fall or Recapture (a `Liberate` trigger is
    /// resolved to one of the last two).
    pub kind: Kind,
    pub place: PlaceId,
    pub voice: Voice,
    pub at: usize,
    pub clause: usize,
    /// In a clause about another time than the main one.
    pub background: bool,
    /// The place was matched by a drifting spelling.
    pub loose: bool,
    pub rule: &'static str,
}

/// A candidate the rules dropped, and why: for `sitmon explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub trigger: (usize, usize),
    pub why: &'static str,
}

/// How many words before a trigger a negation or hedge still governs it.
const NEG_WINDOW: usize = 5;
/// How many words after a negation a "that" may open the clause it
/// governs ("did not say that", "do not yet believe that").
const NEG_COMPLEMENT_WORDS: usize = 3;
/// How many words before a trigger a negation still governs it through a
/// report of it ("no evidence to support reports of fighting").
const NEG_REPORT_WORDS: usize = 9;
const MODAL_BEFORE: usize = 6;
const MODAL_AFTER: usize = 3;
/// The words of a noun trigger's object before its predicate ("the fall
/// of the capital city is not inevitable").
const NOUN_OBJECT_WORDS: usize = 3;
/// "ordered the group's fighters not to enter": a command, its object and
/// "to" before the trigger.
const DIRECTIVE_BEFORE: usize = 8;
const MAX_GAP_WORDS: usize = 9;
const MAX_ADVERBIAL_WORDS: usize = 14;
/// Words between a verb of fighting and "in X": its object and adverbials
/// ("fought running battles with anti-government protesters in X").
const LOCATIVE_WORDS: usize = 10;

/// A capitalized trigger right after another capitalized word or a figure,
/// in a sentence that is not title case, is part of a name ("16 Air
/// Assault Brigade", "Operation Capture"), not an event.
fn in_proper_name(s: &Sentence, h: &Hit<Trigger>) -> bool {
    let upper = |t: &crate::extract::text::Tok| {
        s.text[t.start..t.end].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    };
    if !s.text[h.start..h.end].starts_with(char::is_uppercase) {
        return false;
    }
    let (words, capitalized) = s
        .toks
        .iter()
        .filter(|t| t.word)
        .fold((0, 0), |(n, c), t| (n + 1, c + upper(t) as usize));
    if capitalized * 2 > words {
        return false; // a title-case headline
    }
    let k = s.toks.partition_point(|t| t.end <= h.start);
    s.toks[..k]
        .iter()
        .rev()
        .find(|t| t.word)
        .is_some_and(|t| upper(t) && s.text[t.end..h.start].trim().is_empty())
}

pub fn find(
    s: &Sentence,
    lex: &Lexicon,
    people: &WordSet,
    dropped: &mut Vec<Dropped>,
) -> Vec<Found> {
    // every rule here, the seats' too, starts from a trigger
    if s.events.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Found> = Vec::new();
    // a kind's places, for one trigger at a time
    let mut places: Vec<(&Mention, Role)> = Vec::new();
    for h in &s.events {
        let clause = s.clause_at(h.start);
        let info = s.clause(clause);
        let span = (h.start, h.end);
        if !Kind::ALL.iter().any(|&k| h.tag.any_of(k)) {
            continue;
        }
        if info.history {
            dropped.push(Dropped {
                trigger: span,
                why: "history: an old year or history cue in its clause",
            });
            continue;
        }
        if in_proper_name(s, h) {
            dropped.push(Dropped {
                trigger: span,
                why: "part of a name (\"16 Air Assault Brigade\")",
            });
            continue;
        }
        if let Some(why) = blocked(s, lex, h, clause) {
            dropped.push(Dropped { trigger: span, why });
            continue;
        }
        if introduces_speech(s, lex, h) {
            dropped.push(Dropped {
                trigger: span,
                why: "a speech verb that opens what was said (\"claimed on Friday that\")",
            });
            continue;
        }
        if third_party_doing(s, lex, h, clause) {
            dropped.push(Dropped {
                trigger: span,
                why: "a third party's doing: the only side named before it is neither attacker nor defender",
            });
            continue;
        }
        if beyond_distance(s, lex, h) {
            dropped.push(Dropped {
                trigger: span,
                why: "after a distance (\"within striking distance of the outskirts of X\"): near the place, no battle at it",
            });
            continue;
        }
        if names_an_act(s, lex, h) {
            dropped.push(Dropped {
                trigger: span,
                why: "an act named as the subject of \"is\" (\"Taking X is quite another matter\"), no fact",
            });
            continue;
        }
        if pronoun_for_defender(s, lex, h, clause) {
            dropped.push(Dropped {
                trigger: span,
                why: "its pronoun (\"passed to them\") stands for the defender named before it",
            });
            continue;
        }
        if s.hearsay_before(h.start, clause, people, lex) {
            dropped.push(Dropped {
                trigger: span,
                why: "hearsay: a post or video passed on with no author named (\"a post shared 30,000 times said\")",
            });
            continue;
        }
        let voice = voice(s, lex, people, h, clause);
        let relative_side = relative_subject_side(s, lex, clause, h.start);
        let attacker_named =
            s.cue_in_clause(Cue::ATTACKER, clause) || relative_side == Some(Cue::ATTACKER);
        let side_before = |c: &&Hit<Cue>| {
            c.start < h.start && s.clause_at(c.start) == clause && !s.foreign_force(c.start)
        };
        // "the rebels took X, the last city held by the army, leaving Y
        // isolated": a participle right after a comma has the clause's
        // subject for its agent, not a side named in between
        let participle_agent = consequence_comma(s, lex, h.start, clause)
            .filter(|&comma| s.lower[comma + 1..h.start].trim().is_empty())
            .and_then(|_| {
                s.cues
                    .iter()
                    .filter(side_before)
                    .find(|c| c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER))
            });
        let defender_named = match participle_agent {
            Some(c) => c.tag.contains(Cue::DEFENDER),
            None => {
                s.cues
                    .iter()
                    .filter(side_before)
                    .any(|c| c.tag.contains(Cue::DEFENDER))
                    || relative_side == Some(Cue::DEFENDER)
            }
        };
        // "the clashes have reached the outskirts of X": fighting named
        // before a closing-in phrase puts the battle at the city, as the
        // attacker named there does
        let fighting_named = || {
            s.events.iter().any(|e| {
                e.end <= h.start
                    && s.clause_at(e.start) == clause
                    && e.tag.has(Kind::Contest, Role::Object, Cond::Any)
            })
        };
        // "leaving the government in control of little more than X": the
        // holder named right before the verb is the defender
        let defender_holds = || {
            let from = s.words_back(h.start, HOLDER_WORDS);
            s.cues
                .iter()
                .rfind(|c| {
                    c.end <= h.start
                        && c.end >= from
                        && c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER)
                        && s.clause_at(c.start) == clause
                })
                .is_some_and(|c| c.tag.contains(Cue::DEFENDER) && !s.foreign_force(c.start))
        };
        let cond_ok = |kind: Kind, c: Cond| match c {
            Cond::Any => true,
            Cond::Attacker if kind == Kind::Fall && defender_holds() => false,
            Cond::Attacker => attacker_named || (kind == Kind::Contest && fighting_named()),
            // "reports that Freedonia was abandoning X": a foreign
            // government giving a city up is no defender's doing
            Cond::Defender => {
                (defender_named || given_to_attacker(s, lex, h, clause))
                    && !country_subject(s, h, clause)
            }
        };
        for kind in Kind::ALL {
            places.clear();
            let mut any_reading = false;
            for (role, cond) in h.tag.readings(kind) {
                if !cond_ok(kind, cond) {
                    continue;
                }
                any_reading = true;
                match kind {
                    _ if role == Role::Label => {
                        places.extend(label_subject(s, lex, h, clause, cond).map(|m| (m, role)))
                    }
                    _ if role == Role::Locative => {
                        places.extend(locative(s, lex, h, clause).map(|m| (m, Role::Object)))
                    }
                    // "beat back an attack on the armoured corps base in
                    // X": the attack repelled was on something else there
                    Kind::Repel if attack_on_other(s, lex, h, clause) => {}
                    Kind::Repel => {
                        places.extend(clause_places(s, clause, false).map(|m| (m, role)));
                        // "stormed X ..., but the attackers were repulsed":
                        // with no place of its own, the attack told before
                        if places.is_empty() {
                            places.extend(
                                found
                                    .iter()
                                    .filter(|f| f.kind == Kind::Contest && f.at < h.start)
                                    .filter_map(|f| {
                                        s.mentions
                                            .iter()
                                            .find(|m| m.place == f.place && m.participant)
                                    })
                                    .map(|m| (m, role)),
                            );
                        }
                    }
                    // "the rebels have pulled back to districts outside
                    // the city": the attacker's retreat gives up nothing
                    Kind::Concede if attacker_withdraws(s, h, clause) => {}
                    // "Freedonia pulled out 50 diplomats from its consulate in
                    // X": a foreign government taking its people out
                    // concedes nothing
                    Kind::Concede
                        if country_subject(s, h, clause) || evacuates_people(s, h, clause) => {}
                    Kind::Concede => places.extend(
                        clause_places(s, clause, true)
                            .filter(|m| {
                                (m.participant || !toward(s, lex, m)) && !went_to(s, lex, m)
                            })
                            .map(|m| (m, role)),
                    ),
                    _ => {
                        let gap = if kind == Kind::Contest {
                            &lex.contest_gap
                        } else {
                            &lex.object_gap
                        };
                        if matches!(role, Role::Object | Role::Either) {
                            places.extend(
                                object(s, lex, h, clause, gap)
                                    .into_iter()
                                    .map(|m| (m, Role::Object)),
                            );
                        }
                        // "X lost power": a participle followed by its
                        // object is active past tense
                        if role == Role::Passive && followed_by_object(s, lex, h) {
                            continue;
                        }
                        if matches!(role, Role::Subject | Role::Either | Role::Passive) {
                            let passive = role == Role::Passive;
                            let before = places.len();
                            // "ended with it gone": a bare verb takes a
                            // named place, no pronoun
                            let bare_verb = lex.bare_forms.contains(&s.lower[h.start..h.end]);
                            places.extend(
                                subject(s, lex, h, clause, passive)
                                    .into_iter()
                                    .filter(|m| !(bare_verb && m.kind == MKind::Pronoun))
                                    .map(|m| (m, Role::Subject)),
                            );
                            if places.len() > before {
                                places.extend(
                                    companions(s, lex, h, clause)
                                        .into_iter()
                                        .map(|m| (m, Role::Subject)),
                                );
                            }
                            if places.len() == before && role == Role::Subject && kind == Kind::Fall
                            {
                                places.extend(
                                    governor_subject(s, lex, h, clause)
                                        .into_iter()
                                        .map(|m| (m, role)),
                                );
                            }
                        }
                    }
                }
            }
            if !any_reading {
                continue;
            }
            let from_scene = kind == Kind::Contest && places.is_empty() && !info.background;
            if from_scene {
                places.extend(scene(s, lex, h, clause).map(|m| (m, Role::Subject)));
            }
            if from_scene && places.is_empty() {
                places.extend(witnessed_at(s, lex, h, clause).map(|m| (m, Role::Subject)));
            }
            // "X, where clashes were reported near the police headquarters":
            // a relative of place is where its clause's fighting is
            if kind == Kind::Contest && places.is_empty() {
                places.extend(
                    relative_head(s, clause)
                        .filter(|r| {
                            r.end <= h.start
                                && lex.locative_relatives.contains(&s.lower[r.start..r.end])
                                && antecedent_participates(&s.mentions, r)
                        })
                        .map(|m| (m, Role::Subject)),
                );
            }
            // "X has been the scene of heavy fighting": the copula's subject
            if from_scene && places.is_empty() {
                if let Some(start) = scene_of(s, lex, h) {
                    let at = Hit { start, ..*h };
                    places.extend(
                        subject(s, lex, &at, clause, false)
                            .into_iter()
                            .map(|m| (m, Role::Subject)),
                    );
                }
            }
            // "X has fallen into the hands of government forces": no fall
            // to the attacker
            if kind == Kind::Fall && fell_to_defender(s, lex, h, clause) {
                dropped.push(Dropped {
                    trigger: span,
                    why: "fell to the defender: no fall to the attacker",
                });
                continue;
            }
            let kind = match kind {
                Kind::Liberate => match liberator(s, lex, h, clause, voice) {
                    Some(Voice::Attacker) => Kind::Fall,
                    Some(Voice::Defender) => Kind::Recapture,
                    _ => {
                        dropped.push(Dropped {
                            trigger: span,
                            why: "liberated: neither side is named as doing or saying it",
                        });
                        continue;
                    }
                },
                // "the rebels retook X": a retaking by the attacker is a
                // fall, whoever reports it
                Kind::Recapture if retaker(s, lex, h, clause, voice) == Some(Voice::Attacker) => {
                    Kind::Fall
                }
                // "government troops took control of X": the defender
                // taking a city takes it back
                Kind::Fall if defender_takes(s, lex, h, clause) => Kind::Recapture,
                k => k,
            };
            for &(m, role) in &places {
                let partial = kind == Kind::Fall && partial_between(s, lex, h, m, role);
                let (k, rule) = match (kind, role) {
                    (Kind::Fall, _) if partial => (Kind::Contest, "partial-control"),
                    (k, Role::Label) => (k, "status-label"),
                    (Kind::Fall, Role::Subject) => (Kind::Fall, "fall-subject"),
                    (Kind::Fall, _) => (Kind::Fall, "fall-object"),
                    (Kind::Contest, _) if from_scene => (Kind::Contest, "contest-scene"),
                    (Kind::Contest, Role::Subject) => (Kind::Contest, "contest-subject"),
                    (Kind::Contest, _) => (Kind::Contest, "contest-object"),
                    (Kind::Repel, _) => (Kind::Repel, "repel-clause"),
                    (Kind::Concede, _) => (Kind::Concede, "concede"),
                    (Kind::Recapture, Role::Subject) => (Kind::Recapture, "recapture-subject"),
                    (Kind::Recapture, _) => (Kind::Recapture, "recapture-object"),
                    (Kind::Liberate, _) => continue,
                };
                found.push(Found {
                    kind: k,
                    place: m.place,
                    voice,
                    at: h.start,
                    clause,
                    background: info.background,
                    loose: m.loose,
                    rule: if m.loose { loosely(rule) } else { rule },
                });
            }
        }
    }
    seats_taken(s, lex, people, &mut found);
    as_was(s, lex, &mut found);
    confirmed_beside(s, &mut found);
    // In one clause a place takes its strongest event: a repelled assault
    // is not also a battle, a capture after fighting is a fall. A pull-out
    // keeps the entry before it: "after the rebels infiltrated X, troops
    // redeployed outside the city" concedes a city they are inside.
    let mut out: Vec<Found> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let stronger = found.iter().enumerate().any(|(j, g)| {
            j != i
                && g.clause == f.clause
                && g.place == f.place
                && g.kind > f.kind
                && !(f.kind == Kind::Contest && g.kind == Kind::Concede && f.at < g.at)
        });
        let dup = out
            .iter()
            .any(|g| g.place == f.place && g.kind == f.kind && g.clause == f.clause);
        if !stronger && !dup {
            out.push(*f);
        }
    }
    // background clauses happened first: "X, which the rebels took on
    // Sunday, was retaken" is a fall, then a recapture
    out.sort_by_key(|f| (!f.background, f.at));
    out
}

/// "In Arden, the provincial capital, rebels were battling troops street
/// by street": a capital fronted by a preposition and closed by a comma
/// is where the clause's fighting happens when the trigger names no place.
/// Not where a speaker is ("In Arden, officials said clashes went on"),
/// not a landmark ("At Arden airport, ..."), and only when a side fights
/// ("In Arden, people who fled the fighting sheltered in parks" is none).
fn scene<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
) -> Option<&'s Mention> {
    let mut words = s.toks.iter().filter(|t| t.word);
    let first = words.next()?;
    if !lex
        .anchor_prepositions
        .contains(&s.lower[first.start..first.end])
    {
        return None;
    }
    let second = words.next()?;
    // "In X," or "In the western city of X,"
    let named_of = |a: &Mention| {
        s.mentions.get(1).is_some_and(|n| {
            n.place == a.place
                && n.kind == MKind::Name
                && s.lower[a.end..n.start]
                    .split_whitespace()
                    .all(|w| lex.of_words.contains(w))
                && !s.lower[a.end..n.start].trim().is_empty()
        })
    };
    let m = s.mentions.first().filter(|m| {
        m.start == second.start
            && (m.kind == MKind::Name || (m.kind == MKind::Anaphor && named_of(m)))
            && m.participant
            && s.clause_at(m.start) == clause
    })?;
    // its appositions: "In Arden, the capital of Westmarch province,"
    let (mut end, rest) = if m.kind == MKind::Anaphor {
        (s.mentions[1].end, &s.mentions[2..])
    } else {
        (m.end, &s.mentions[1..])
    };
    for n in rest {
        let gap = s.lower[end..n.start].trim();
        if n.place != m.place || gap != "," {
            break;
        }
        end = n.end;
    }
    if !s.lower[end..].trim_start().starts_with(',') || h.start <= end {
        return None;
    }
    let between = end..h.start;
    let spoken = s
        .cues
        .iter()
        .any(|c| c.tag.intersects(Cue::SPEECH) && between.contains(&c.start));
    let elsewhere = s
        .mentions
        .iter()
        .any(|n| n.place != m.place && between.contains(&n.start));
    // a side does the fighting, not "people who fled the fighting"; or
    // the fighting is what the clause is about ("In Arden, heavy fighting
    // raged"), a word or two after the scene and its appositions
    const HEAD_WORDS: usize = 2;
    let scene_end = s
        .mentions
        .iter()
        .filter(|n| n.place == m.place && n.end <= h.start)
        .map(|n| n.end)
        .max()
        .unwrap_or(end);
    let lead = &s.lower[scene_end..h.start];
    let heads = lead.trim_start().starts_with(',')
        && lead
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
            <= HEAD_WORDS;
    let sides = heads || s.cue_in_clause(Cue::ATTACKER | Cue::DEFENDER, clause);
    // "In Arden, clashes were reported in several districts": the
    // fighting placed somewhere of its own; "in the western districts",
    // "around the governor's compound" are parts of the scene
    const PLACED_WITHIN: usize = 4;
    let placed = s.toks[s.tok_at(h.end)..]
        .iter()
        .filter(|t| t.word && s.clause_at(t.start) == clause)
        .take(PLACED_WITHIN)
        .any(|t| {
            let w = &s.lower[t.start..t.end];
            lex.anchor_prepositions.contains(w)
                && !lex.of_words.contains(w)
                && !part_of_scene(s, lex, t.end, m.place)
        });
    let noun = s
        .word_before(h.start)
        .is_some_and(|w| lex.determiners.contains(w));
    (!spoken && !elsewhere && sides && !noun && !placed).then_some(m)
}

/// "Witnesses in Arden said clashes broke out near the army base": people
/// who see what happens where they are ("witnesses in X", "X residents"),
/// reporting fighting that their words place nowhere else, report it in X.
/// Officials are not eyewitnesses: "officials in the capital said clashes
/// broke out" may speak of anywhere.
fn witnessed_at<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
) -> Option<&'s Mention> {
    let said = s.cues.iter().rfind(|c| {
        c.tag.contains(Cue::SPEECH) && !c.tag.contains(Cue::SPEECH_AFTER) && c.end <= h.start
    })?;
    let last = s
        .mentions
        .iter()
        .rfind(|m| m.end <= said.start && m.kind != MKind::Province)
        .filter(|m| !m.participant && s.clause_at(m.start) == clause)?;
    // "witnesses in X, the capital of Y, said": the name its appositions
    // describe
    let m = s.mentions.iter().find(|m| {
        m.place == last.place && m.kind == MKind::Name && s.clause_at(m.start) == clause
    })?;
    // "witnesses in X", "residents of X" or "X residents"
    let mut back = s.lower[..m.start].split_whitespace().rev();
    let before = back
        .next()
        .is_some_and(|w| lex.locative.contains(w) || lex.of_words.contains(w))
        && back.next().is_some_and(|w| lex.eyewitnesses.contains(w));
    let after = s
        .word_after(m.end)
        .is_some_and(|w| lex.eyewitnesses.contains(w.trim_end_matches([',', ':'])));
    // nothing else named between them and the fighting, and nothing after
    // it in the clause: the fighting is placed nowhere else
    let elsewhere = s
        .mentions
        .iter()
        .any(|n| n.start > m.end && n.place != m.place && s.clause_at(n.start) == clause);
    ((before || after) && !elsewhere).then_some(m)
}

/// Where "the scene of" starts when fighting is what it is the scene of
/// ("has been the scene of sustained attacks", "the site of fierce
/// clashes"): a noun of `[words] scene_nouns`, "of", a few words without
/// a break, then the trigger.
fn scene_of(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> Option<usize> {
    const MAX_BETWEEN: usize = 3;
    let before = &s.lower[..h.start];
    let words: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(MAX_BETWEEN + 3)
        .collect();
    let of = words.iter().position(|w| lex.of_words.contains(w))?;
    let plain = |w: &&str| w.chars().all(char::is_alphabetic);
    if of > MAX_BETWEEN || !words[..of].iter().all(plain) {
        return None;
    }
    let noun = words.get(of + 1).filter(|w| lex.scene_nouns.contains(w))?;
    let start = |w: &str| w.as_ptr() as usize - before.as_ptr() as usize;
    Some(match words.get(of + 2) {
        Some(d) if lex.determiners.contains(d) => start(d),
        _ => start(noun),
    })
}

/// Whether the agent after trigger `h` is land, not a force: "surrounded
/// on three sides by districts the rebels hold", "encircled by rebel-held
/// territory" (`[words] territory_nouns` after "by", before a preposition
/// or a break; "by fighters from nearby districts" is a force).
fn ringed_by_land(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> bool {
    const MAX_AGENT_WORDS: usize = 4;
    let mut words = s.lower[h.end..].split_whitespace();
    // "surrounded on three sides by": a short phrase before the agent
    if !words
        .by_ref()
        .take(MAX_AGENT_WORDS)
        .any(|w| lex.passive_by.contains(w))
    {
        return false;
    }
    for w in words.take(MAX_AGENT_WORDS) {
        let bare = w.trim_end_matches([',', '.', ';', ':']);
        if lex.territory_nouns.contains(bare) {
            return true;
        }
        if bare.len() != w.len() || lex.prepositions.contains(bare) {
            return false;
        }
    }
    false
}

/// Whether the side doing a pull-back is the attacker: the last side named
/// before it in its clause, with no speech verb between ("the rebels
/// withdrew", not "the rebels said troops withdrew").
fn attacker_withdraws(s: &Sentence, h: &Hit<Trigger>, clause: usize) -> bool {
    s.cues
        .iter()
        .rev()
        .filter(|c| c.end <= h.start && s.clause_at(c.start) == clause)
        .take_while(|c| !c.tag.intersects(Cue::SPEECH))
        .find(|c| c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER))
        .is_some_and(|c| !c.tag.intersects(Cue::DEFENDER))
}

/// Whether the trigger `h` takes province mention `m` whole: a word of
/// `[words] whole_markers` in the trigger or between it and the province
/// ("took full control of X province", "captured the whole of X
/// province"), and the province named as one ("X province", "the province
/// of X").
fn whole_province(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, m: &Mention) -> bool {
    fn words(t: &str) -> Vec<&str> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect()
    }
    let between = words(&s.lower[h.start..m.start]);
    let whole = between.iter().any(|w| lex.whole_markers.contains(w));
    if !whole {
        return false;
    }
    // "X province", or "the province of X"
    let named = s.lower[m.end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| lex.province_words.contains(w))
        || matches!(between.as_slice(), [.., province, of]
            if lex.province_words.contains(province) && lex.name_of.contains(of));
    // nothing else taken: "full control of the districts of X province"
    let only = s.lower[h.end..m.start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            lex.determiners.contains(w)
                || lex.name_of.contains(w)
                || lex.whole_markers.contains(w)
                || lex.province_words.contains(w)
        });
    named && only
}

/// "a third faction has attacked army positions on the outskirts of X":
/// the only side named before the clause's first trigger (which has the
/// agent of the whole doing) is a third party, with no attacker between it
/// and this trigger; its fights and gains are no side's. A side of the war
/// named there is the agent and the third party its backer ("regime
/// forces backed by foreign warplanes repelled ...").
fn third_party_doing(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    let first = s
        .events
        .iter()
        .find(|e| s.clause_at(e.start) == clause)
        .map_or(h.start, |e| e.start.min(h.start));
    let attacker_between = s
        .cues
        .iter()
        .any(|c| c.tag.contains(Cue::ATTACKER) && c.start >= first && c.end <= h.start);
    let named_before = |tag: Cue| {
        s.cues.iter().any(|c| {
            c.end <= first
                && s.clause_at(c.start) == clause
                && c.tag.intersects(tag)
                && lex.after_possessive(&s.lower[c.end..]).is_none()
        })
    };
    !attacker_between && named_before(Cue::THIRD) && !named_before(Cue::ATTACKER | Cue::DEFENDER)
}

/// "the security committee handed X to the militias": a place given up
/// to the attacker, named after the verb as who receives it, whoever
/// gave it.
fn given_to_attacker(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    s.cues.iter().any(|c| {
        c.tag.contains(Cue::ATTACKER)
            && c.start >= h.end
            && s.clause_at(c.start) == clause
            && super::sentence::strip_determiners(&s.lower[h.end..c.start], lex)
                .rsplit(' ')
                .next()
                .is_some_and(|w| lex.recipient_words.contains(w))
    })
}

/// Words between "evacuated" and the people it takes out.
const EVACUEE_WORDS: usize = 5;

/// "evacuated 449 citizens from X": people taken out of a place, not
/// defenders leaving it.
fn evacuates_people(s: &Sentence, h: &Hit<Trigger>, clause: usize) -> bool {
    s.deploy.iter().any(|d| {
        d.tag.contains(Dep::BENEFICIARY)
            && d.start >= h.end
            && s.clause_at(d.start) == clause
            && s.words_between(h.end, d.start, clause).count() <= EVACUEE_WORDS
    })
}

/// Whether a country is the subject right before trigger `h`, with at
/// most a few words (an auxiliary, a time) between.
fn country_subject(s: &Sentence, h: &Hit<Trigger>, clause: usize) -> bool {
    s.countries.iter().any(|&(start, end, _)| {
        end <= h.start
            && s.clause_at(start) == clause
            && s.words_between(end, h.start, clause).count() <= AGENT_WORDS
    })
}

/// A rule's name when its place was matched by a drifting spelling: the
/// evidence says so.
fn loosely(rule: &'static str) -> &'static str {
    match rule {
        "partial-control" => "partial-control, name matched loosely",
        "status-label" => "status-label, name matched loosely",
        "fall-subject" => "fall-subject, name matched loosely",
        "fall-object" => "fall-object, name matched loosely",
        "contest-subject" => "contest-subject, name matched loosely",
        "contest-object" => "contest-object, name matched loosely",
        "contest-scene" => "contest-scene, name matched loosely",
        "repel-clause" => "repel-clause, name matched loosely",
        "concede" => "concede, name matched loosely",
        "as-was" => "as-was, name matched loosely",
        "fall-confirmed-beside" => "fall-confirmed-beside, name matched loosely",
        "recapture-subject" => "recapture-subject, name matched loosely",
        "recapture-object" => "recapture-object, name matched loosely",
        other => other,
    }
}

/// "Arden: rebel control", "Arden | Brook | rebel claim | officials" (a
/// table row's cells are joined by "│"): the capital named last before a
/// status, with one separator between them (an aside in brackets is a
/// clause of its own), and nothing after the status in its cell. A status
/// that needs the attacker has its name right before it ("rebel control",
/// "rebel-held"). In running prose ("rebel control grew") it labels
/// nothing.
fn label_subject<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
    cond: Cond,
) -> Option<&'s Mention> {
    let sep = |w: &str| matches!(w, ":" | "|" | "│" | "-" | "–" | "—");
    let start = match cond {
        Cond::Attacker => {
            s.cues
                .iter()
                .rev()
                .find(|c| c.end <= h.start && c.tag.intersects(Cue::ATTACKER))
                .filter(|c| {
                    s.lower[c.end..h.start]
                        .trim_matches(|x: char| x == '-' || x.is_whitespace())
                        .is_empty()
                })?
                .start
        }
        _ => h.start,
    };
    let last = s
        .mentions
        .iter()
        .rev()
        .find(|m| m.end <= start && s.clause_at(m.start) == clause)?;
    // "- Westmarch (Arden) [NEW]: rebel control": a province glossed by
    // its capital in brackets labels the capital
    let (m, from) = if last.kind == MKind::Province {
        let open = last.end + s.lower[last.end..].find(|c: char| !c.is_whitespace())?;
        if !s.lower[open..].starts_with('(') {
            return None;
        }
        let close = open + s.lower[open..].find(')')?;
        let capital = s.mentions.iter().find(|n| {
            n.place == last.place && n.kind == MKind::Name && n.start > open && n.end <= close
        })?;
        (capital, close + 1)
    } else {
        (last, last.end)
    };
    // a bracketed tag before the separator ("[NEW]", "[UPDATED]") is no word
    let mut tag = false;
    let mut between = s.words_between(from, start, clause).filter(|w| {
        let keep = !tag && *w != "[";
        tag = (tag || *w == "[") && *w != "]";
        keep && *w != "]"
    });
    // "X: held -> contested": a change of status labels X with the new
    // one; the old one before the arrow is a few words and names nothing
    let changed = || {
        let text = &s.lower[from..start];
        // past an aside in brackets ("X (Y): held -> contested")
        let text = &text[text.rfind([')', ']']).map_or(0, |i| i + 1)..];
        let (at, _) = transition_arrow(text)?;
        let old = text[..at]
            .trim()
            .strip_prefix([':', '|', '│', '-', '–', '—'])?;
        let named = s
            .mentions
            .iter()
            .any(|n| n.start >= from && n.end <= start && s.clause_at(n.start) == clause);
        (!named && old.split_whitespace().count() <= MAX_OLD_STATUS_WORDS).then_some(())
    };
    if (!between.next().is_some_and(sep) || between.next().is_some()) && changed().is_none() {
        return None;
    }
    // "X: contested -> held": the status before an arrow is no more
    let after = s.lower[h.end..s.clause_end(clause).max(h.end)].trim_start();
    if ARROWS.iter().any(|a| after.starts_with(a)) {
        return None;
    }
    // "X: rebel control since 15 Aug": a status and since when
    s.words_between(h.end, s.clause_end(clause), clause)
        .next()
        .is_none_or(|w| {
            sep(w)
                || matches!(w, ";" | "," | ".")
                || lex.since_words.contains(w)
                || lex.is_date_word(w)
        })
        .then_some(m)
}

/// Arrows that mark a change of status ("held -> contested").
const ARROWS: [&str; 7] = ["->", "→", "=>", "⟶", "➜", "➔", ">>"];

/// Words of the old status before a transition arrow ("contested ->").
const MAX_OLD_STATUS_WORDS: usize = 4;

/// The last arrow of a status change in `text` ("held -> contested",
/// "held → contested"): where it starts and ends, when only white space
/// follows it.
fn transition_arrow(text: &str) -> Option<(usize, usize)> {
    ARROWS
        .iter()
        .filter_map(|a| text.rfind(a).map(|i| (i, i + a.len())))
        .max()
        .filter(|&(_, end)| text[end..].trim().is_empty())
}

/// The places of a clause, for triggers that govern it as a whole ("the
/// attack on X and Y was repulsed"); with landmarks when `with_landmarks`
/// ("redeployed outside the city").
fn clause_places<'s>(
    s: &'s Sentence,
    clause: usize,
    with_landmarks: bool,
) -> impl Iterator<Item = &'s Mention> + 's {
    s.mentions.iter().filter(move |m| {
        (m.participant || with_landmarks)
            && m.kind != MKind::Province
            && s.clause_at(m.start) == clause
    })
}

/// "pulled back toward the capital": where they go, not what they leave.
fn toward(s: &Sentence, lex: &Lexicon, m: &Mention) -> bool {
    lex.destination_before
        .ends(super::sentence::strip_determiners(&s.lower[..m.start], lex))
}

/// "fell back to X", "pulled back into the city": where a force went
/// ("to the city's outskirts" is somewhere else).
fn went_to(s: &Sentence, lex: &Lexicon, m: &Mention) -> bool {
    let after = &s.lower[m.end..];
    if lex.after_possessive(after).is_some() {
        return false;
    }
    let before = super::sentence::strip_determiners(&s.lower[..m.start], lex);
    before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| lex.motion_prepositions.contains(w))
}

/// "the western districts", "the governor's compound", "neighbourhoods on
/// its edge": a part of the city (a word or two may qualify it) that no
/// "of" ties to somewhere else than `place` ("of the province", not "of
/// the city").
fn part_of_scene(s: &Sentence, lex: &Lexicon, from: usize, place: PlaceId) -> bool {
    const MAX_MODIFIERS: usize = 2;
    let words: Vec<(usize, &str)> = s.lower[from..]
        .split_whitespace()
        .take(MAX_MODIFIERS + 8)
        .map(|w| (w.as_ptr() as usize - s.lower.as_ptr() as usize, w))
        .collect();
    // "in the western districts", "in neighbourhoods on its edge"
    let skip = usize::from(words.first().is_some_and(|(_, d)| lex.definite.contains(d)));
    let parts = || lex.partial_possessed.iter().chain(lex.seat_phrases());
    for &(at, _) in words.iter().skip(skip).take(MAX_MODIFIERS + 1) {
        let Some(len) = parts().find_map(|p| starts_with_phrase(&s.lower[at..], p)) else {
            continue;
        };
        let after = at + len;
        let mut rest = s.lower[after..].split_whitespace();
        return match rest.next() {
            Some(w) if lex.of_words.contains(w) => {
                let of_end = s.lower[after..]
                    .find(w)
                    .map_or(after, |k| after + k + w.len());
                s.mentions
                    .iter()
                    .find(|n| n.start >= of_end)
                    .is_some_and(|n| n.place == place && s.lower[of_end..n.start].trim().is_empty())
            }
            _ => true,
        };
    }
    false
}

/// Whether a "liberated" trigger is the attacker's, so a fall: "two
/// provincial capitals have been freed", in the attackers' words.
pub fn attacker_liberates(s: &Sentence, lex: &Lexicon, people: &WordSet, h: &Hit<Trigger>) -> bool {
    let clause = s.clause_at(h.start);
    let v = voice(s, lex, people, h, clause);
    liberator(s, lex, h, clause, v) == Some(Voice::Attacker)
}

/// Who liberated: the side named before the trigger in its clause or
/// after "by", else the voice that says so.
/// "liberated (entirely) from the": the words between a flip word and the
/// side it freed a place from.
const FREED_FROM_WORDS: usize = 4;

fn liberator(
    s: &Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
    voice: Voice,
) -> Option<Voice> {
    agent_side(s, lex, h, clause, voice, usize::MAX).or(match voice {
        Voice::Attacker | Voice::Defender => Some(voice),
        _ => None,
    })
}

/// Who retook a place: the side named as the verb's agent right before it
/// ("rebel fighters retook X", not "repelled the rebel assault on X
/// and driven ... out"), after it ("retaken by the rebels") or as the side
/// it was taken from; else the attacker saying it retook the place.
fn retaker(
    s: &Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
    voice: Voice,
) -> Option<Voice> {
    agent_side(s, lex, h, clause, voice, AGENT_WORDS)
        .or((voice == Voice::Attacker).then_some(Voice::Attacker))
}

/// The side acting by trigger `h`: a passive agent after it, the side it
/// freed the place from, or the side named last before it within `reach`
/// words.
fn agent_side(
    s: &Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
    voice: Voice,
    reach: usize,
) -> Option<Voice> {
    let side = super::attribution::side_voice;
    let end = s.clause_end(clause);
    let cues_after = || {
        s.cues
            .iter()
            .filter(move |c| c.start >= h.end && c.end <= end && s.clause_at(c.start) == clause)
    };
    let agent_after = cues_after().find_map(|c| {
        side(c).filter(|_| {
            s.words_between(h.end, c.start, clause)
                .any(|w| lex.passive_by.contains(w))
        })
    });
    // "liberated from the rebels": the side it was freed from lost it
    let freed_from = cues_after()
        .find_map(|c| {
            side(c).filter(|_| {
                lex.lost_from.ends(super::sentence::strip_determiners(
                    &s.lower[h.end..c.start],
                    lex,
                )) && s.words_between(h.end, c.start, clause).count() <= FREED_FROM_WORDS
            })
        })
        // a side never frees a place from itself: "the enemy" in its own
        // words is the other side
        .filter(|&loser| loser != voice)
        .map(|loser| match loser {
            Voice::Attacker => Voice::Defender,
            _ => Voice::Attacker,
        });
    // "forces opposed to the rebels retook X": a side after a preposition
    // other than one of belonging ("fighters of the rebels") is no agent
    let agent_before = s
        .side_before(h.start, clause)
        .filter(|c| {
            let before = super::sentence::strip_determiners(&s.lower[..c.start], lex);
            let w = before.split_whitespace().next_back().unwrap_or("");
            (!lex.prepositions.contains(w) || lex.affiliation.contains(w))
                && s.words_between(c.end, h.start, clause).count() <= reach
                && !fought(s, lex, c.start, clause)
        })
        .and_then(side);
    agent_after.or(freed_from).or(agent_before)
}

/// "X, whose fall the rebels announced, is quiet; officials there
/// confirmed that the army surrendered": a claimed fall, and in another
/// clause of the sentence a non-attacker confirming a giving-up that
/// names no place of its own. The confirmation is about the claimed city.
fn confirmed_beside(s: &Sentence, found: &mut Vec<Found>) {
    let claims: Vec<Found> = found
        .iter()
        .filter(|f| f.kind == Kind::Fall && f.voice == Voice::Attacker)
        .copied()
        .collect();
    for f in claims {
        let confirmed = s.cues.iter().find(|c| {
            let clause = s.clause_at(c.start);
            c.tag.contains(Cue::CONFIRM)
                && clause != f.clause
                && s.side_before(c.start, clause)
                    .is_some_and(|side| !side.tag.contains(Cue::ATTACKER))
                && s.events.iter().any(|e| {
                    e.start > c.end && s.clause_at(e.start) == clause && e.tag.any_of(Kind::Fall)
                })
                && !s
                    .mentions
                    .iter()
                    .any(|m| m.participant && s.clause_at(m.start) == clause)
        });
        if let Some(c) = confirmed {
            found.push(Found {
                voice: Voice::Defender,
                at: c.start,
                clause: s.clause_at(c.start),
                background: false,
                rule: if f.loose {
                    loosely("fall-confirmed-beside")
                } else {
                    "fall-confirmed-beside"
                },
                ..f
            });
        }
    }
}

/// Whether the side at `at` is who a fight is with: "after fierce battles
/// with the gangs of the regime, our forces took X" names the regime as
/// the opponent, not as who took it.
fn fought(s: &Sentence, lex: &Lexicon, at: usize, clause: usize) -> bool {
    // "battles with the security forces of the puppet", and the fight noun
    const MAX_WORDS: usize = 9;
    let from = s.words_back(at, MAX_WORDS).max(s.clause_start(clause));
    s.lower[from..at]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| lex.fight_nouns.contains(w))
}

/// "the insurgents control most of X", "much of X is in rebel hands": a
/// partial-control phrase between the trigger and the place, or right
/// before a subject place.
fn partial_between(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, m: &Mention, role: Role) -> bool {
    // "most of X, the capital of Y", not "X the centre of Y, Z": another
    // place after the phrase ends its reach; nor is a phrase inside a
    // place's own description ("X, the centre of Y province, which")
    let partial = |a: usize, b: usize| {
        s.breaks.iter().any(|p| {
            p.tag.contains(Brk::PARTIAL)
                && p.start >= a
                && p.end <= b
                && !s
                    .mentions
                    .iter()
                    .any(|o| o.start <= p.start && p.end <= o.end)
                && !s
                    .mentions
                    .iter()
                    .any(|o| o.place != m.place && o.end > p.end && o.end <= b)
        })
    };
    let in_range = match role {
        Role::Object => partial(h.end, m.start),
        _ => {
            let from = s.words_back(m.start, 4);
            partial(from, m.start)
        }
    };
    // "seized the city's main roundabout": what a fall verb takes from a
    // place named as its owner is a part of it, whatever the part
    let owner = role == Role::Object
        && lex
            .after_possessive(&s.lower[m.end..])
            .is_some_and(|r| r.starts_with(' '));
    in_range || owner || s.possessed_part(lex, m.end)
}

/// How many words before a trigger its subject's side is looked for.
const AGENT_WORDS: usize = 3;

/// How many words either side of a trigger the seat phrases are looked for.
const SEAT_WINDOW: usize = 40;

/// LABELING.md: the attacker taking a seat of every group of `[seats] city`
/// (the governor's seat and the police headquarters) is the city's fall
/// ("the rebels now controlled the governor's office and the police
/// headquarters"); taking the seat of government is the national
/// capital's.
fn seats_taken(s: &Sentence, lex: &Lexicon, people: &WordSet, found: &mut Vec<Found>) {
    let named = |list: &[String]| list.iter().any(|p| s.lower.contains(p.as_str()));
    // Whether the sentence names the seats at all: a search for every seat
    // phrase, so made only once a trigger could take them.
    let mut seats_named = None;
    for h in &s.events {
        let clause = s.clause_at(h.start);
        let attacker = s.cue_in_clause(Cue::ATTACKER, clause);
        // "the rebels hold X and the army controls the governor's office":
        // a verb that takes only in the attacker's hands takes nothing
        // when the side right before it is the defender (an owner, as in
        // "the governor's office", is no agent)
        // (the agent is its subject, right before it: a side in a seat's
        // name, "the police headquarters were under control of", is none)
        let defender_agent = || {
            let from = s.words_back(h.start, AGENT_WORDS);
            s.cues
                .iter()
                .rev()
                .find(|c| {
                    c.end <= h.start
                        && c.start >= from
                        && s.clause_at(c.start) == clause
                        && c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER)
                        && lex.after_possessive(&s.lower[c.end..]).is_none()
                })
                .is_some_and(|c| !c.tag.contains(Cue::ATTACKER))
        };
        let verb = h.tag.has(Kind::Fall, Role::Object, Cond::Any)
            || (h.tag.has(Kind::Fall, Role::Object, Cond::Attacker)
                && attacker
                && !defender_agent())
            || ((h.tag.has(Kind::Fall, Role::Subject, Cond::Any)
                || h.tag.has(Kind::Fall, Role::Passive, Cond::Any))
                && attacker)
            // "handed the governor's office and police HQ to the rebels"
            || (h.tag.has(Kind::Fall, Role::Object, Cond::Defender)
                && given_to_attacker(s, lex, h, clause));
        if !verb || h.tag.is_not(Kind::Fall) || s.clause(clause).history {
            continue;
        }
        let named_here = *seats_named.get_or_insert_with(|| {
            // no seat phrase at all: neither list can be named
            if lex
                .seats_any
                .as_ref()
                .is_some_and(|a| a.find(s.lower).is_none())
            {
                return false;
            }
            let city = !lex.seats_city.is_empty() && lex.seats_city.iter().all(|g| named(g));
            named(&lex.seats_national) || city
        });
        if !named_here {
            return;
        }
        if blocked(s, lex, h, clause).is_some() {
            continue;
        }
        let rest_of = |a: usize, b: usize| -> std::borrow::Cow<str> {
            let r = &s.lower[a..b];
            if r.contains('’') {
                r.replace('’', "'").into()
            } else {
                r.into()
            }
        };
        // "the rebels hold X and the army controls the governor's office":
        // a seat after the next trigger is that trigger's
        let next_trigger = s
            .events
            .iter()
            .find(|e| {
                e.start >= h.end && s.clause_at(e.start) == clause && e.tag.any_of(Kind::Fall)
            })
            .map_or(usize::MAX, |e| e.start);
        // a bounded window keeps a run-on clause with many triggers linear
        let end = s
            .clause_end(clause)
            .min(s.words_fwd(h.end, SEAT_WINDOW))
            .min(next_trigger)
            .max(h.end);
        let after = rest_of(h.end, end);
        // passive or state: "the governor's office and police HQ came under
        // rebel control"
        let before = rest_of(
            s.clause_start(clause)
                .max(s.words_back(h.start, SEAT_WINDOW))
                .min(h.start),
            h.start,
        );
        let has = |list: &[String]| {
            list.iter()
                .any(|p| after.contains(p.as_str()) || before.contains(p.as_str()))
        };
        // the seat of government is the trigger's own object or subject
        // ("took over the presidential palace", not "no comment from the
        // palace on the fall of X")
        let near_after = rest_of(h.end, s.words_fwd(h.end, 6).min(end).max(h.end));
        let subject_reading = h.tag.has(Kind::Fall, Role::Subject, Cond::Any)
            || h.tag.has(Kind::Fall, Role::Passive, Cond::Any);
        let near_before = if subject_reading {
            rest_of(
                s.words_back(h.start, 6)
                    .max(s.clause_start(clause))
                    .min(h.start),
                h.start,
            )
        } else {
            "".into()
        };
        let national = lex
            .seats_national
            .iter()
            .any(|p| near_after.contains(p.as_str()) || near_before.contains(p.as_str()));
        let city = !lex.seats_city.is_empty() && lex.seats_city.iter().all(|g| has(g));
        // "the rebels hold most of X, with the government clinging to the
        // governor's compound and ...": seats after the defender, named
        // after the trigger, are the defender's
        // (offsets in `after`; a defender's word inside a seat's name,
        // "the governor's office", names no defender)
        let defenders_seats = || {
            let seats: Vec<(usize, usize)> = lex
                .seat_phrases()
                .flat_map(|p| {
                    after
                        .match_indices(p.as_str())
                        .map(|(i, m)| (i, i + m.len()))
                })
                .collect();
            s.cues.iter().any(|c| {
                if !c.tag.contains(Cue::DEFENDER) || c.start < h.end || c.end > end {
                    return false;
                }
                let (a, b) = (rest_of(h.end, c.start).len(), rest_of(h.end, c.end).len());
                !seats.iter().any(|&(i, j)| i < b && a < j || j <= a)
                    && seats.iter().any(|&(i, _)| i >= b)
            })
        };
        if !(national || city)
            || seats_excepted(lex, &after)
            || seats_held(lex, [&before, &after])
            || defenders_seats()
        {
            continue;
        }
        // the city is the one the sentence is about: "In X, ..."
        let place = if national {
            s.mentions
                .iter()
                .find(|m| m.kind != MKind::Province && s.clause_at(m.start) == clause)
                .map(|m| m.place)
                .filter(|&p| Some(p) == lex.national_capital)
                .or(lex.national_capital)
        } else {
            // the trigger's own object first ("took full control of X,
            // including the governor's office and ..."), then the city
            // the clause opens with ("In X, the rebels took ...")
            s.mentions
                .iter()
                .find(|m| {
                    m.kind != MKind::Province
                        && m.participant
                        && m.start >= h.end
                        && s.clause_at(m.start) == clause
                })
                // a participant before a speaker's whereabouts ("a
                // correspondent in Y said all of X, including ...")
                .or_else(|| {
                    s.mentions
                        .iter()
                        .find(|m| m.kind != MKind::Province && m.participant && m.start < h.start)
                })
                .or_else(|| {
                    s.mentions.iter().find(|m| {
                        m.kind != MKind::Province
                            && m.start < h.start
                            && s.clause_at(m.start) == clause
                    })
                })
                .map(|m| m.place)
                // no participant of its own: the city spoken of, not
                // where someone was flown ("were flown to Y and the
                // rebels had taken the governor's office and ...")
                .or(s
                    .topic
                    .filter(|_| !s.mentions.iter().any(|m| m.participant)))
                .or_else(|| {
                    s.mentions
                        .iter()
                        .find(|m| {
                            m.kind != MKind::Province && (m.participant || m.kind == MKind::Name)
                        })
                        .map(|m| m.place)
                })
        };
        if let Some(place) = place {
            found.push(Found {
                kind: Kind::Fall,
                place,
                voice: voice(s, lex, people, h, clause),
                at: h.start,
                clause,
                background: s.clause(clause).background,
                loose: false,
                rule: if national {
                    "fall-seat-of-government"
                } else {
                    "fall-seats"
                },
            });
        }
    }
}

/// "X was lost on Friday, officials said, along with Y (and Z)": the
/// places a multi-word conjunction adds after the verb share its
/// subject's fate, when no other verb comes between.
fn companions<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
) -> Vec<&'s Mention> {
    let after: Vec<&Mention> = s
        .mentions
        .iter()
        .filter(|m| m.start >= h.end && s.clause_at(m.start) == clause && m.kind == MKind::Name)
        .collect();
    let Some(first) = after.iter().position(|m| {
        let before = s.lower[h.end..m.start].trim_end();
        lex.companions.iter().any(|c| {
            before
                .strip_suffix(c.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', ',']))
        })
    }) else {
        return Vec::new();
    };
    let (head, rest) = (after[first], &after[first + 1..]);
    if s.events
        .iter()
        .any(|e| e.start >= h.end && e.end <= head.start)
    {
        return Vec::new();
    }
    let mut out = vec![head];
    let mut to = head.end;
    for m in rest {
        let words: Vec<&str> = s.words_between(to, m.start, clause).collect();
        if !list_link(lex, &words) {
            break;
        }
        out.push(m);
        to = m.end;
    }
    out.retain(|m| m.participant);
    out
}

/// "X and Y were lost, officials said, as was Z": a clause of "as", an
/// auxiliary and places alone repeats the event before it for them.
fn as_was(s: &Sentence, lex: &Lexicon, found: &mut Vec<Found>) {
    let mut extra = Vec::new();
    for (i, &(start, end, clause)) in s.segs.iter().enumerate() {
        if i == 0 || !s.clause(clause).background {
            continue;
        }
        let text = s.lower[start..end].trim_start_matches([',', ' ']);
        let mut words = text.split_whitespace();
        let opens = words.next().is_some_and(|w| lex.ellipsis_words.contains(w))
            && words.next().is_some_and(|w| {
                lex.copulas.contains(w)
                    || lex.perfect_aux.contains(w)
                    || lex.passive_aux.contains(w)
                    || lex.do_support.contains(w)
            });
        let places: Vec<&Mention> = s
            .mentions
            .iter()
            .filter(|m| m.start >= start && m.end <= end && m.participant && m.kind == MKind::Name)
            .collect();
        // the places follow the auxiliary at once ("as was X", not "as was
        // the case in X")
        let at_once = |m: &Mention| {
            let head = &s.lower[start..m.start];
            head.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
                == 2
        };
        if !opens
            || !places.first().is_some_and(|m| at_once(m))
            || s.events.iter().any(|e| e.start >= start && e.end <= end)
        {
            continue;
        }
        // the event of the clause just before, past a speech tag with none
        // ("X fell on Saturday, officials said, as did Y")
        let Some(f) = s.segs[..i].iter().rev().find_map(|&(_, _, before)| {
            found
                .iter()
                .rfind(|f| f.clause == before && matches!(f.kind, Kind::Fall | Kind::Contest))
        }) else {
            continue;
        };
        for m in places {
            extra.push(Found {
                place: m.place,
                at: m.start,
                clause,
                background: false,
                loose: m.loose,
                rule: "as-was",
                ..*f
            });
        }
    }
    found.extend(extra);
}

/// Whether an exception stands right before mention `m`: "every provincial
/// capital except X was in rebel hands" says nothing happened to X.
fn excepted(s: &Sentence, lex: &Lexicon, m: &Mention) -> bool {
    let before = s.lower[..m.start].trim_end();
    lex.exceptions.iter().any(|e| {
        before
            .strip_suffix(e.as_str())
            .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
    })
}

/// "control all parts of X except the governor's compound and the police
/// headquarters": the seats after an exception are the ones not taken.
/// `after` is the text after the trigger.
fn seats_excepted(lex: &Lexicon, after: &str) -> bool {
    let Some(ex) = lex
        .exceptions
        .iter()
        .filter_map(|p| super::matching::phrase_starts(after, p).next())
        .min()
    else {
        return false;
    };
    let first_seat = lex
        .seat_phrases()
        .filter_map(|p| after.find(p.as_str()))
        .min();
    first_seat.is_some_and(|seat| ex < seat)
}

/// "the enemy is besieged inside the governor's compound and ...": a seat
/// a few words after a holdout phrase is still the defenders'.
fn seats_held(lex: &Lexicon, texts: [&str; 2]) -> bool {
    const REACH: usize = 8;
    texts.iter().any(|t| {
        lex.holdouts.iter().any(|p| {
            super::matching::phrase_starts(t, p).any(|i| {
                let rest = &t[i + p.len()..];
                let reach = rest
                    .split_whitespace()
                    .take(REACH)
                    .collect::<Vec<_>>()
                    .join(" ");
                lex.seat_phrases().any(|seat| reach.contains(seat.as_str()))
            })
        })
    })
}

/// The length in `text` of `phrase` at its start, reading a curly
/// apostrophe as a straight one ("governor’s office" for "governor's
/// office"), if it starts there and ends a word.
fn starts_with_phrase(text: &str, phrase: &str) -> Option<usize> {
    let mut expected = phrase.chars().peekable();
    let mut len = 0;
    for c in text.chars() {
        let Some(&e) = expected.peek() else {
            break;
        };
        if (if c == '’' { '\'' } else { c }) != e {
            return None;
        }
        expected.next();
        len += c.len_utf8();
    }
    if expected.next().is_some() || text[len..].starts_with(char::is_alphanumeric) {
        return None;
    }
    Some(len)
}

/// Words from a consequence participle to the trigger it leads to
/// ("leaving the capital encircled").
const CONSEQUENCE_REACH: usize = 4;

/// The comma before a consequence participle that opens the stretch
/// holding `at` in its clause ("..., leaving Y encircled"), if any.
fn consequence_comma(s: &Sentence, lex: &Lexicon, at: usize, clause: usize) -> Option<usize> {
    let from = s
        .words_back(at, CONSEQUENCE_REACH)
        .max(s.clause_start(clause));
    let comma = from + s.lower[from..at].rfind(',')?;
    let first = s.lower[comma + 1..].split_whitespace().next()?;
    lex.consequence_participles.contains(first).then_some(comma)
}

/// Negated, hedged, denied or only attempted: why, or `None`.
/// Whether the sentence is a fact check's claim line ("CLAIM: the rebels
/// have captured X"): it states what is checked. Deployments read it the
/// same way.
pub fn checked_line(s: &Sentence, lex: &Lexicon) -> bool {
    s.lower
        .trim_start()
        .split_once(':')
        .is_some_and(|(head, _)| lex.claim_labels.contains(head.trim()))
}

/// "until X is free", "once X falls": a clause opened by a conjunction
/// of time or condition with the trigger's verb in the present.
fn to_come(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    let start = s.clause_start(clause);
    let head = s.lower[start..h.start].trim_start_matches(|c: char| !c.is_alphanumeric());
    if !lex.condition_openers.starts(head) {
        return false;
    }
    let first = s.lower[h.start..h.end].split(' ').next().unwrap_or("");
    let before = s.lower[..h.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    lex.present_verbs.contains(first) || lex.present_verbs.contains(before)
}

/// Whether trigger `h` is an event verb in its base form at the head of a
/// clause, after a colon, a dash, a semicolon or nothing: "lose X and Y
/// is cut off", "Take Arden, for example" tell no event.
fn imperative(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> bool {
    if !lex.base_verbs.contains(&s.lower[h.start..h.end]) {
        return false;
    }
    let before = s.lower[..h.start].trim_end();
    before.is_empty() || before.ends_with([':', ';', '—', '–'])
}

/// Whether trigger `h` is a claim verb that takes a hedged clause
/// ("claimed on Friday that X will be next"): what is claimed has not
/// happened, by the claimant's own words.
fn claims_a_clause(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    let claim_verb = h.tag.has(Kind::Fall, Role::Object, Cond::Attacker)
        && s.cues
            .iter()
            .any(|c| c.start == h.start && c.tag.contains(Cue::CLAIM));
    if !claim_verb {
        return false;
    }
    let to = s
        .mentions
        .iter()
        .find(|m| m.start >= h.end && s.clause_at(m.start) == clause)
        .map_or(s.clause_end(clause), |m| m.start);
    let that = s
        .words_between(h.end, to, clause)
        .any(|w| lex.complementizers.contains(w));
    let end = s.clause_end(clause);
    that && s
        .cues
        .iter()
        .any(|c| c.start > h.end && c.end <= end && c.tag.contains(Cue::MODAL))
}

/// Whether trigger `h` stands in the object of a negated verb of checking
/// ("could not confirm rebel control of X", "cannot verify the extent of
/// the fighting in X"): nobody says it happened. A claim named between
/// ("could not verify the rebels' claim that they took X") is still told.
fn checked_object(s: &Sentence, h: &Hit<Trigger>, clause: usize) -> bool {
    // "cannot confirm the extent of opposition control"
    const MAX_WORDS: usize = 8;
    s.cues.iter().any(|c| {
        c.tag.contains(Cue::UNVERIFIED)
            && c.end <= h.start
            && s.clause_at(c.start) == clause
            && s.words_between(c.end, h.start, clause).count() <= MAX_WORDS
            // "UNCONFIRMED: rebels claim X" labels a claim it still tells
            && !s.lower[c.end..h.start].contains(':')
            && !s.cues.iter().any(|x| {
                x.start >= c.end
                    && x.start <= h.start
                    && x.tag.intersects(Cue::CLAIM | Cue::SPEECH)
            })
    })
}

/// "the advance had taken Arden by surprise": the place right after the
/// verb, then one of `[words] object_idioms`.
fn idiom_object(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    // "took the government in Arden by surprise"
    const MAX_WORDS: usize = 4;
    if lex.object_idioms.is_empty() {
        return false;
    }
    let Some(m) = s
        .mentions
        .iter()
        .find(|m| m.start >= h.end && s.clause_at(m.start) == clause)
    else {
        return false;
    };
    if s.lower[h.end..m.start].split_whitespace().count() > MAX_WORDS {
        return false;
    }
    let after = s.lower[m.end..].trim_start();
    lex.object_idioms.iter().any(|p| {
        after.starts_with(p.as_str())
            && after[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn blocked(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> Option<&'static str> {
    if checked_line(s, lex) {
        return Some(
            "a fact check's claim line (\"CLAIM: ...\"): what it checks, not what happened",
        );
    }
    if to_come(s, lex, h, clause) {
        return Some("a clause of time or condition in the present tells what is to come (\"until X is free\", \"once X falls\")");
    }
    if imperative(s, lex, h) {
        return Some("an imperative or a condition's bare verb at the head of its clause (\"lose X and Y is cut off\")");
    }
    if claims_a_clause(s, lex, h, clause) {
        return Some(
            "a claim verb before a hedged \"that\" clause (\"claimed that X will be next\")",
        );
    }
    if checked_object(s, h, clause) {
        return Some("what a negated verb of checking takes is not said to have happened (\"could not confirm rebel control of X\")");
    }
    if idiom_object(s, lex, h, clause) {
        return Some(
            "an idiom: the verb's object is followed by \"by surprise\", \"for granted\"...",
        );
    }
    if h.tag.any_of(Kind::Contest) && ringed_by_land(s, lex, h) {
        return Some("ringed by land, not by fighters (\"surrounded by districts the rebels hold\"): pressure, no battle at the city");
    }
    // the cheap tests first: a cue's tag, then its clause
    let in_clause = |c: &Hit<Cue>| s.clause_at(c.start) == clause;
    if s.cues
        .iter()
        .any(|c| c.tag.contains(Cue::DENY) && in_clause(c))
    {
        return Some("denied in its clause");
    }
    let negated = || {
        let mut cues = s
            .cues
            .iter()
            .filter(|c| {
                c.tag.contains(Cue::NEG) && !c.tag.contains(Cue::NEG_PSEUDO) && c.end <= h.start
            })
            .peekable();
        if cues.peek().is_none() {
            return false;
        }
        let neg_from = s.words_back(h.start, NEG_WINDOW);
        // "do not assess that the city is under assault": a negated verb
        // of saying or thinking governs its "that" clause
        let over_complement = |c: &Hit<Cue>| {
            s.lower[c.end..h.start]
                .split_whitespace()
                .take(NEG_COMPLEMENT_WORDS)
                .any(|w| lex.complementizers.contains(w))
        };
        // "no evidence to support reports of fighting in X": a report
        // whose "of" holds the trigger, under the negation, reports nothing
        let over_report = |c: &Hit<Cue>| {
            s.words_back(h.start, NEG_REPORT_WORDS) <= c.start
                && s.cues.iter().any(|r| {
                    r.tag.contains(Cue::SPEECH)
                        && r.start >= c.end
                        && r.end <= h.start
                        && lex.of_words.contains(s.lower[r.end..h.start].trim())
                })
        };
        cues.any(|c| in_clause(c) && (c.start >= neg_from || over_complement(c) || over_report(c)))
    };
    if negated() {
        return Some("negated");
    }
    // 'a video titled "X fallen"': the quotation names a work
    let titled = s.quote_at(h.start).is_some_and(|q| {
        s.word_before(q.start)
            .is_some_and(|w| lex.title_words.contains(w.trim_end_matches(',')))
    });
    if titled {
        return Some("a title: a quotation that names a work states nothing");
    }
    let hedged = || {
        let mut cues = s
            .cues
            .iter()
            .filter(|c| c.tag.contains(Cue::MODAL) && (c.end <= h.start || c.start >= h.end))
            .peekable();
        if cues.peek().is_none() {
            return false;
        }
        let modal_from = s.words_back(h.start, MODAL_BEFORE);
        // "the fall of X is not inevitable": a noun's predicate comes
        // after its object
        let noun = noun_trigger(s, lex, h);
        // ... and after every member of a list object ("the liberation of
        // X, Y and Z is a question of time")
        let object_end = if noun { list_end(s, lex, h.end) } else { h.end };
        let modal_to = s.words_fwd(
            object_end,
            MODAL_AFTER + if noun { NOUN_OBJECT_WORDS } else { 0 },
        );
        // "will try to take X within days, completing the encirclement of
        // Y": a participle after a comma shares its clause's hedge
        let consequence = consequence_comma(s, lex, h.start, clause);
        cues.any(|c| {
            in_clause(c)
                && ((c.start >= modal_from && c.end <= modal_to)
                    || consequence.is_some_and(|at| c.end <= at))
        })
    };
    if hedged() {
        return Some("hedged: a modal, forecast or condition governs it");
    }
    // "to avert an assault on X": prevention governs what follows it up
    // to a break, not the clause around it
    let prevented = s.cues.iter().any(|c| {
        c.tag.contains(Cue::PREVENT)
            && c.end <= h.start
            && c.start >= s.words_back(h.start, MODAL_BEFORE)
            && in_clause(c)
            && !s.lower[c.end..h.start].contains([',', ';', ':'])
    });
    if prevented {
        return Some("prevented: what a prevention verb governs has not happened");
    }
    // "ordered its fighters to remain at the gates of X": a command's
    // infinitive, up to a break, has not happened
    let directed = s.cues.iter().any(|c| {
        c.tag.contains(Cue::DIRECT)
            && c.end <= h.start
            && c.start >= s.words_back(h.start, DIRECTIVE_BEFORE)
            && in_clause(c)
            && !s.lower[c.end..h.start].contains([',', ';', ':'])
            && s.lower[c.end..h.start]
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| lex.infinitive_words.contains(w))
    });
    if directed {
        return Some("commanded: what someone was ordered to do has not happened");
    }
    // "- Most likely: the rebels take X; Y encircled within a week": a
    // label's hedge governs the whole line
    let label_hedged = || {
        // the first colon matters only before the trigger
        let Some(colon) = s.lower[..h.start].find(':') else {
            return false;
        };
        colon < h.start
            && s.lower[..colon].split_whitespace().count() <= 4
            && s.cues
                .iter()
                .any(|c| c.tag.contains(Cue::MODAL) && c.end <= colon)
    };
    if label_hedged() {
        return Some("hedged: the line's label is a forecast");
    }
    if lex.attempt.ends(&s.lower[..h.start]) && !after_ordinal(s, lex, h.start, clause) {
        return Some("only attempted");
    }
    if generic_subject(s, lex, h, clause) {
        return Some("a generic \"you\" does it: no report");
    }
    None
}

/// "the first of the 34 capitals to slip out of government hands", "the
/// ninth city to be taken": an infinitive an ordinal governs tells what
/// happened, no attempt.
fn after_ordinal(s: &Sentence, lex: &Lexicon, at: usize, clause: usize) -> bool {
    // "the first of the country's 34 provincial capitals to"
    const MAX_WORDS: usize = 10;
    let from = s.words_back(at, MAX_WORDS).max(s.clause_start(clause));
    let first = s.tok_at(from);
    (first..s.tok_at(at)).any(|i| super::numbers::ordinal(s, lex, i).is_some())
}

/// Whether the trigger's subject is the generic "you" ("once you lose
/// X"), across auxiliaries and adverbs ("you have already lost").
fn generic_subject(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    let before = &s.lower[s.clause_start(clause).min(h.start)..h.start];
    before
        .split_whitespace()
        .rev()
        .find(|w| !lex.subject_gap.contains(w) && !lex.is_adverb(w))
        .is_some_and(|w| {
            lex.generic_subjects
                .contains(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        })
}

/// Places after the trigger: the first participant reached across gap
/// words (and adverbials: "took without a shot on Tuesday X"), then the
/// list it heads ("captured X, Y and Z").
/// The end of a spread verb ("reached", "had spread to") right after a
/// fighting word at `from`, through auxiliaries and adverbs.
fn spread_verb_after(s: &Sentence, lex: &Lexicon, from: usize) -> Option<usize> {
    const MAX_WORDS: usize = 5;
    let first = s.tok_at(from);
    s.toks[first..]
        .iter()
        .take(MAX_WORDS)
        .take_while(|t| s.clause_at(t.start) == s.clause_at(from))
        .find(|t| {
            // the words before it are all auxiliaries or adverbs
            lex.spread_verbs.ends(&s.lower[..t.end])
        })
        .map(|t| t.end)
        .filter(|&end| {
            let words: Vec<&str> = s.lower[from..end].split_whitespace().collect();
            let verb_words = (1..=words.len())
                .rev()
                .find(|&k| lex.spread_verbs.ends(&words[words.len() - k..].join(" ")))
                .unwrap_or(0);
            words[..words.len() - verb_words].iter().all(|w| {
                lex.perfect_aux.contains(w) || lex.passive_aux.contains(w) || lex.is_adverb(w)
            }) && !s
                .cues
                .iter()
                .any(|c| c.tag.contains(Cue::NEG) && c.start >= from && c.end <= end)
        })
}

fn object<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
    gap: &WordSet,
) -> Vec<&'s Mention> {
    let cands = s
        .mentions
        .iter()
        .filter(|m| m.start >= h.end && s.clause_at(m.start) == clause);
    let mut out: Vec<&Mention> = Vec::new();
    // "took, on Sunday alone, the capitals of ...": an aside between
    // commas before the object
    let mut from = comma_aside(s, lex, h).unwrap_or(h.end);
    // "fighting (had) spread to X": the fighting's own verb
    if h.tag.any_of(Kind::Contest) {
        from = spread_verb_after(s, lex, from).unwrap_or(from);
    }
    // the mention `from` ends at
    let mut prev: Option<&Mention> = None;
    // "took over large parts of X": a partial-control phrase is no gap
    let partial = |pos: usize| {
        s.breaks
            .iter()
            .any(|p| p.tag.contains(Brk::PARTIAL) && p.start <= pos && pos < p.end)
    };
    for m in cands {
        // "among them X": a members phrase's pronoun is no member
        if m.kind == MKind::Pronoun && lex.members.ends(&s.lower[..m.end]) {
            continue;
        }
        // "X, the capital of Y province on the border, and Z": what
        // follows an apposition before the next item is its own, landmarks
        // in it too ("on the road to W")
        let after_appos =
            prev.is_some_and(|p| out.iter().any(|o| o.place == p.place && o.start < p.start));
        // "X — the capital of Y, sometimes called Z — and W": another name
        // of the place the apposition describes is part of it
        if after_appos && prev.is_some_and(|p| p.place == m.place) {
            from = m.end;
            prev = Some(m);
            continue;
        }
        if after_appos
            && !m.participant
            && !s
                .words_between(from, m.start, clause)
                .any(|w| matches!(w, "," | ";"))
        {
            continue;
        }
        // the words between, without a partial phrase: the first object's
        // ("took over large parts of X") or a later member's own ("on the
        // edge of X and in parts of Y")
        let gap_words = || {
            s.toks[s.tok_at(from)..]
                .iter()
                .take_while(move |t| t.end <= m.start)
                .filter(move |t| s.clause_at(t.start) == clause && !partial(t.start))
                .map(|t| &s.lower[t.start..t.end])
        };
        let ok = if out.is_empty() {
            let punct = |w: &str| matches!(w, ":" | "—" | "–" | "-" | "'s" | "’s") || is_quote(w);
            // "fighting continued for a third day in X": how long is no gap
            let span_word = |w: &str| {
                lex.durations.contains(w)
                    || lex.ordinals.contains_key(w)
                    || lex.units.contains_key(w)
                    || lex.indefinite.contains(w)
            };
            let gap_word = |w: &str| {
                gap.contains(w)
                    || punct(w)
                    || lex.trigger_prepositions.contains(w)
                    || lex.is_date_word(w)
                    || span_word(w)
            };
            at_most_all(gap_words(), MAX_GAP_WORDS, gap_word)
                || (from == h.end
                    && at_most_all(gap_words(), MAX_ADVERBIAL_WORDS, |w| {
                        lex.adverbial_gap.contains(w) || gap_word(w)
                    }))
                || descriptor(
                    lex,
                    &gap_words().take(MAX_GAP_WORDS + 2).collect::<Vec<_>>(),
                    gap_word,
                )
                || members_of_plural(
                    lex,
                    &gap_words().take(MAX_GAP_WORDS + 2).collect::<Vec<_>>(),
                )
        } else {
            // "X — the capital of Y, also called Z — and W": a dash that
            // closes an apposition is its comma
            let words: Vec<&str> = gap_words()
                .filter(|w| !is_quote(w))
                .map(|w| if matches!(w, "—" | "–") { "," } else { w })
                .take(16)
                .collect();
            // "X in Westmarch; Y in the central highlands; and Z": what stands
            // before a list's semicolon qualifies the member before it
            let semicolon_member = words.iter().rposition(|w| *w == ";").is_some_and(|k| {
                words[k + 1..].iter().all(|w| lex.list_gap.contains(w))
                    && !s.events.iter().any(|e| e.start >= from && e.end <= m.start)
            });
            let list_word = |w: &str| lex.list_gap.contains(w) || w == ",";
            words.len() <= 6 && words.iter().all(|w| list_word(w))
                || descriptor(lex, &words, list_word)
                || semicolon_member
                || appositive_then_and(&words, lex)
                || (after_appos && appositive_tail_then_and(&words, lex))
        };
        if !ok {
            break;
        }
        // "claimed it had cleared ... and was at the gates of X": a pronoun
        // before an auxiliary is the subject of the clause the verb takes,
        // no object of it, and nothing after it is
        if m.kind == MKind::Pronoun && auxiliary_after(s, lex, m.end) {
            break;
        }
        from = m.end;
        prev = Some(m);
        // "evacuate its embassy": a possessive is no object, but "clashes
        // on its northern edge" are in a part of the place
        if m.kind == MKind::Possessive && !Sentence::part_opens(lex, &s.lower[m.end..]) {
            continue;
        }
        // "took full control of X province": the whole province, its
        // capital with it
        if m.kind == MKind::Province && out.is_empty() && whole_province(s, lex, h, m) {
            out.push(m);
            continue;
        }
        if m.kind == MKind::Province || !m.participant {
            // Provinces and landmarks may sit inside a list but are no object.
            if out.is_empty() && !m.participant && m.kind != MKind::Province {
                break;
            }
            continue;
        }
        out.push(m);
    }
    // "which the rebels took on Sunday": the relative pronoun is the
    // object when nothing but adverbials follows the trigger
    if out.is_empty() {
        let end = s.lower[h.end..s.clause_end(clause).max(h.end)]
            .find([',', ';'])
            .map_or(s.clause_end(clause).max(h.end), |i| h.end + i);
        // "which they seized on Sunday and have held since": a second
        // verb of the clause is not the first one's object
        let bare = at_most_all(
            s.words_between(h.end, end, clause)
                .take_while(|w| !lex.conjunction_words.contains(w)),
            MAX_ADVERBIAL_WORDS,
            |w| {
                lex.adverbial_gap.contains(w)
                    || lex.is_date_word(w)
                    || lex.since_words.contains(w)
                    || w == "."
            },
        );
        if let Some(r) = relative_head(s, clause).filter(|r| r.end <= h.start && bare) {
            out.push(r);
        }
    }
    out
}

/// How far before a verb of holding its holder may be named ("the
/// government (still) in control of").
const HOLDER_WORDS: usize = 4;

/// Whether a repelled attack is told with a target that is no tracked
/// place ("an attack on the armoured corps base in X", "an assault on army
/// positions near X"): an attack noun after the repel verb whose object is
/// a noun phrase of its own, not a place.
fn attack_on_other(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    let noun_phrase_after = |e: &Hit<Trigger>| {
        s.word_after(e.end)
            .is_some_and(|w| lex.determiners.contains(w) || lex.possessives.contains(w))
    };
    // "pushed the enemy back from the police headquarters": the repel's
    // own preposition takes the target
    let own = s.lower[h.start..h.end]
        .rsplit(' ')
        .next()
        .is_some_and(|w| lex.trigger_prepositions.contains(w) || lex.origin_before.contains(w))
        && noun_phrase_after(h)
        && object(s, lex, h, clause, &lex.object_gap).is_empty();
    own || s.events.iter().any(|e| {
        e.start >= h.end
            && s.clause_at(e.start) == clause
            && e.tag.has(Kind::Contest, Role::Object, Cond::Any)
            && noun_phrase_after(e)
            && object(s, lex, e, clause, &lex.contest_gap).is_empty()
    })
}

/// Whether the word at `pos` is an auxiliary or a modal ("it had", "it
/// was", "it would"): what stands before it is a subject.
fn auxiliary_after(s: &Sentence, lex: &Lexicon, pos: usize) -> bool {
    let rest = &s.lower[pos..];
    let start = pos + (rest.len() - rest.trim_start().len());
    let Some(w) = rest.split_whitespace().next() else {
        return false;
    };
    let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
    lex.perfect_aux.contains(w)
        || (lex.passive_aux.contains(w) && lex.copulas.contains(w))
        || s.cues
            .iter()
            .any(|c| c.start == start && c.tag.contains(Cue::MODAL))
}

/// Words between an article and a place noun that may describe it: "the
/// Red Sea port of X", "the strategic oasis town of X".
const MAX_DESCRIPTOR_WORDS: usize = 4;

/// Whether `words` (the gap before an object) end in a descriptive noun
/// phrase that introduces the place: an article or possessive, a few
/// modifiers of any kind (a sea's name, "strategic", "rebel-held"), a place
/// noun and "of", with nothing but gap words before it.
fn descriptor(lex: &Lexicon, words: &[&str], gap_word: impl Fn(&str) -> bool) -> bool {
    let [head @ .., noun, of] = words else {
        return false;
    };
    if !lex.name_of.contains(of) || !lex.place_nouns.contains(noun) {
        return false;
    }
    let Some(k) = head
        .iter()
        .rposition(|w| lex.determiners.contains(w) || w.ends_with("'s") || w.ends_with("’s"))
    else {
        return false;
    };
    let modifiers = &head[k + 1..];
    modifiers.len() <= MAX_DESCRIPTOR_WORDS
        && modifiers.iter().all(|w| {
            w.chars().all(|c| c.is_alphabetic() || c == '-') && !lex.conjunction_words.contains(w)
        })
        && head[..k].iter().all(|w| gap_word(w))
}

/// "within striking distance of the outskirts of X", "20 km from the
/// gates of X": a battle word right after a distance, whose own
/// preposition ("of", "out of") ends it, is where the distance is measured
/// to, no battle there ("fighting reached the outskirts of X" is one).
fn beyond_distance(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> bool {
    if !h.tag.any_of(Kind::Contest) {
        return false;
    }
    let before = super::sentence::strip_determiners(s.lower[..h.start].trim_end(), lex);
    before
        .rsplit(' ')
        .next()
        .is_some_and(|w| lex.of_words.contains(w))
        && lex.landmark_before.ends(before)
}

/// "Taking X is quite another matter", "Capturing X, a city of seven
/// million, is another": a trigger that opens its sentence and whose verb,
/// after its object (and an aside closed by a comma), is a present "be"
/// names an act as a topic; it states no fall. Past ("Taking X was a
/// victory") tells one, and a subject after the comma ("Taking X on
/// Friday, the rebels are ...") makes the trigger an opening participle.
fn names_an_act(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> bool {
    // "Fighting is continuing in X": a battle noun's "is" is its own
    if !h.tag.any_of(Kind::Fall) || h.tag.any_of(Kind::Contest) {
        return false;
    }
    let lead = s.lower[..h.start].trim_matches(|c: char| c.is_whitespace() || !c.is_alphanumeric());
    if !lead.is_empty() {
        return false;
    }
    let mut after_comma = false;
    let mut commas = 0;
    for tok in s.lower[h.end..].split_whitespace() {
        let w = tok.trim_matches(|c: char| !c.is_alphanumeric());
        if lex.copulas.contains(w) {
            return lex.present_be.contains(w) && (commas == 0 || after_comma);
        }
        if tok.ends_with([';', ':']) {
            return false;
        }
        after_comma = tok.ends_with(',');
        commas += usize::from(after_comma);
    }
    false
}

/// "The army counter-attacked and X passed to them": a phrase whose
/// attacker is an object pronoun, after a side in its clause that is the
/// defender, gives the place to the defender, not to the attacker.
fn pronoun_for_defender(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    let last = s.lower[h.start..h.end].rsplit(' ').next().unwrap_or("");
    lex.object_pronouns.contains(last)
        && s.side_before(h.start, clause)
            .is_some_and(|c| c.tag.contains(Cue::DEFENDER) && !c.tag.contains(Cue::ATTACKER))
}

/// How many words may name the whole a list of members belongs to
/// ("several provincial capitals", "city after city").
const MAX_WHOLE_WORDS: usize = 5;

/// "took several provincial capitals, including X", "had taken two more
/// cities, X and Y", "took city after city, among them X": the object is a
/// plural list noun (or a noun and its repeat) whose members follow after a
/// comma or a members phrase.
fn members_of_plural(lex: &Lexicon, words: &[&str]) -> bool {
    let Some(comma) = words.iter().rposition(|w| *w == ",") else {
        return false;
    };
    let tail = words[comma + 1..].join(" ");
    if !tail.is_empty() && lex.members.starts_len(&tail) != Some(tail.len()) {
        return false;
    }
    // "several capitals on Friday, including", "this week": a time
    // after the whole, and the word that opens it
    let mut whole = &words[..comma];
    let time = |w: &str| lex.is_date_word(w) || lex.durations.contains(w);
    if whole.last().is_some_and(|w| time(w)) {
        while let [rest @ .., last] = whole {
            if !time(last) {
                break;
            }
            whole = rest;
        }
        if let [rest @ .., last] = whole {
            if lex.prepositions.contains(last)
                || lex.adverbial_gap.contains(last) && !lex.list_gap.contains(last)
            {
                whole = rest;
            }
        }
    }
    let Some((&head, rest)) = whole.split_last() else {
        return false;
    };
    let repeat = rest.len() >= 2 && rest[rest.len() - 2] == head;
    (lex.is_list_plural(head) || repeat)
        && whole.len() <= MAX_WHOLE_WORDS
        && whole.iter().enumerate().all(|(i, w)| {
            w.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !lex.conjunction_words.contains(w)
                // the repeat's own subordinator ("city after city")
                && (!lex.prepositions.contains(w) || repeat && i + 2 == whole.len())
        })
}

/// "fought running battles with protesters in the eastern city of X": the
/// first place of the clause after the verb that a locative preposition
/// opens, within a few words and with no other event between.
fn locative<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
) -> Option<&'s Mention> {
    let mut cands = s
        .mentions
        .iter()
        .filter(|m| m.start >= h.end && s.clause_at(m.start) == clause && m.kind != MKind::Province)
        .peekable();
    let first = cands.next()?;
    let before = super::sentence::strip_determiners(&s.lower[..first.start], lex);
    let prep = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // "in the eastern city of X": the description and the name are one
    let m = match cands.peek() {
        Some(n) if !first.participant && s.lower[first.end..n.start].trim() == "of" => *n,
        _ => first,
    };
    let within = s.words_between(h.end, first.start, clause).count() <= LOCATIVE_WORDS;
    let other_event = s
        .events
        .iter()
        .any(|e| e.start >= h.end && e.end <= first.start && e.tag.live());
    (m.participant && within && !other_event && lex.locative.contains(prep)).then_some(m)
}

/// "Also taken on Friday night, officials said, was X": a participle that
/// opens its clause has its subject after the first "was" that follows.
fn fronted_subject<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
) -> Option<Vec<&'s Mention>> {
    let opens = s
        .words_between(s.clause_start(clause), h.start, clause)
        .all(|w| lex.is_adverb(w) || lex.conjunction_words.contains(w) || w == ",");
    if !opens {
        return None;
    }
    let aux = s.toks[s.tok_at(h.end)..]
        .iter()
        .take_while(|t| s.clause_at(t.start) == clause)
        .find(|t| t.word && lex.passive_aux.contains(&s.lower[t.start..t.end]))?;
    let first = s.mentions.iter().find(|m| {
        m.participant
            && m.start > aux.end
            && s.clause_at(m.start) == clause
            && s.words_between(aux.end, m.start, clause)
                .all(|w| lex.determiners.contains(w))
    })?;
    // ... and the list it opens ("were X, Y and Z")
    let end = list_end(s, lex, first.start);
    Some(
        s.mentions
            .iter()
            .filter(|m| m.participant && m.start >= first.start && m.end <= end)
            .collect(),
    )
}

/// Places before the trigger: the nearest participant joined to it by
/// gap words, or separated only by an appositive ("X, the capital of Y
/// province, fell"), then the list it ends ("X, Y and Z were lost").
fn subject<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
    passive: bool,
) -> Vec<&'s Mention> {
    // Only the mentions close enough to be joined by gap words are looked
    // at, so a run-on sentence costs no more than a short one.
    let window = s.words_back(h.start, 32);
    let cands: Vec<&Mention> = s
        .mentions
        .iter()
        .filter(|m| {
            m.start >= window
                && m.end <= h.start
                && s.clause_at(m.start) == clause
                && m.kind != MKind::Province
        })
        .collect();
    let mut head: Option<usize> = None;
    let mut words: Vec<&str> = Vec::new();
    for (i, m) in cands.iter().enumerate().rev() {
        if !m.participant || excepted(s, lex, m) {
            continue;
        }
        words.clear();
        for w in s.words_between(m.end, h.start, clause) {
            words.push(w);
            if words.len() > 24 {
                break;
            }
        }
        words.retain(|w| !is_quote(w));
        let glue = |w: &&str| lex.subject_gap.contains(w) || lex.is_adverb(w);
        if passive && active_reading(s, lex, m.end, h, &words) {
            break;
        }
        // "broke into X on Sunday and seized the city's roundabout": a verb
        // joined after the place's own verb shares that verb's subject
        if passive
            && words.iter().any(|w| lex.conjunction_words.contains(w))
            && s.events
                .iter()
                .any(|e| e.end <= m.start && s.clause_at(e.start) == clause)
        {
            break;
        }
        // "the cities it lost": a pronoun before a bare participle is its
        // agent (a headline drops the auxiliary after a name, not "it")
        if passive && m.kind == MKind::Pronoun && !words.iter().any(|w| lex.passive_aux.contains(w))
        {
            break;
        }
        // "X, the last city still held by the army": a participle with no
        // auxiliary in an apposition describes the place, it tells no event
        let reduced_relative = passive
            && words.first() == Some(&",")
            && words.iter().any(|w| lex.determiners.contains(w))
            && !words.iter().any(|w| {
                lex.passive_aux.contains(w)
                    || lex.copulas.contains(w)
                    || lex.perfect_aux.contains(w)
            });
        if reduced_relative {
            break;
        }
        // "X in the far northwest fell": where it is, not what it did;
        // "X in Westmarch (province) fell": its own province
        let skip = where_in_country(lex, &words).max(own_province_after(s, lex, m, clause));
        let rest = &words[skip.min(words.len())..];
        let direct = rest.len() <= MAX_GAP_WORDS && rest.iter().all(|w| glue(w) || *w == ",");
        // "X, the capital of Y province, fell"; "X – that's Z – fell"
        let appositive = words
            .first()
            .filter(|p| matches!(**p, "," | "–" | "—" | "-"))
            .is_some_and(|p| {
                let last = words.iter().rposition(|w| w == p).unwrap_or(0);
                last > 0 && words[last + 1..].iter().all(glue) && words.len() <= 24
            });
        // "the capitals — X, Y and Z — had been handed over": a dash
        // closing the list its twin opened
        let closed_aside = words.split_first().is_some_and(|(p, rest)| {
            matches!(*p, "–" | "—")
                && rest.iter().all(glue)
                && s.lower[window..m.start].contains(*p)
                && s.clause_at(s.lower[..m.start].rfind(*p).unwrap_or(0)) == clause
        });
        // a round-up line: "X (Y province) — taken overnight", "- X: fell"
        let label = i == 0
            && s.text[..m.start]
                .trim_start_matches(|c: char| c.is_whitespace() || "-–—•*·".contains(c))
                .is_empty()
            && words.split_first().is_some_and(|(p, rest)| {
                matches!(*p, "–" | "—" | "-" | ":") && rest.iter().all(glue)
            });
        if direct
            || appositive
            || closed_aside
            || label
            || resumes_list(lex, &words, glue)
            || ordinal_predicate(lex, &words, glue)
        {
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
        let mut to_place = cands[i].place;
        for m in cands[..i].iter().rev() {
            // "X in Westmarch and Y fell": a member's own province
            let words = s
                .words_between(m.end, to, clause)
                .skip(own_province_after(s, lex, m, clause));
            // "X and Y, the country's third city, fell": the name an
            // appositive describes stands in the list in its place
            let mut words = words.peekable();
            let described = m.place == to_place
                && m.kind == MKind::Name
                && words
                    .peek()
                    .is_some_and(|w| matches!(*w, "," | "–" | "—" | "-"));
            if !described && !list_link(lex, &words.collect::<Vec<_>>()) {
                break;
            }
            to_place = m.place;
            to = m.start;
            if m.participant {
                out.push(m);
            }
        }
    }
    if out.is_empty() {
        if let Some(r) = relative_head(s, clause).filter(|r| {
            let words: Vec<&str> = s.words_between(r.end, h.start, clause).collect();
            r.end <= h.start
                && !(passive && active_reading(s, lex, r.end, h, &words))
                // "X, where a school has changed hands": "where" says where
                // its clause happens, it does not fall; the fighting there
                // is X's
                && (h.tag.any_of(Kind::Contest)
                    || !lex.locative_relatives.contains(&s.lower[r.start..r.end]))
        }) {
            out.push(r);
        }
    }
    // "Also captured on Friday was X", "Also falling were X and Y": the
    // subject after the copula of an inverted clause
    if out.is_empty() {
        out.extend(fronted_subject(s, lex, h, clause).into_iter().flatten());
    }
    if out.is_empty() {
        out.extend(colon_list(s, lex, h, clause));
    }
    out
}

/// The end of a short adverbial set off by commas right after an active
/// trigger ("took, on Sunday alone, X"), if there is one: nothing in it
/// names a place, speaks or happens, and no new clause follows it.
fn comma_aside(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> Option<usize> {
    const MAX_WORDS: usize = 6;
    let rest = &s.lower[h.end..];
    let open = h.end + rest.len() - rest.trim_start().len();
    if !s.lower[open..].starts_with(',') {
        return None;
    }
    // "lost, in one breath: X, Y and Z": a colon closes it too
    let close = open + 1 + s.lower[open + 1..].find([',', ':'])?;
    let inside = open + 1..close;
    let words = s.lower[inside.clone()].split_whitespace().count();
    let passive = s
        .word_before(h.start)
        .is_some_and(|w| lex.passive_aux.contains(w));
    let busy = s.mentions.iter().any(|m| inside.contains(&m.start))
        || s.cues.iter().any(|c| inside.contains(&c.start))
        || s.events.iter().any(|e| inside.contains(&e.start));
    let next = s.lower[close + 1..].split_whitespace().next().unwrap_or("");
    (words > 0 && words <= MAX_WORDS && !passive && !busy && !lex.conjunction_words.contains(next))
        .then_some(close + 1)
}

/// "X and Y have also gone, both surrendered in the night": after the
/// list's own predicate, a comma and a quantifier that stands for it ("both",
/// "all three", "each of them") and nothing else before the trigger.
fn resumes_list(lex: &Lexicon, words: &[&str], glue: impl Fn(&&str) -> bool) -> bool {
    // the list's own predicate: a few words, not a sentence of its own
    const MAX_PREDICATE: usize = 8;
    let Some(comma) = words.iter().rposition(|w| *w == ",") else {
        return false;
    };
    let after = &words[comma + 1..];
    let Some(q) = after.iter().position(|w| lex.resumptive.contains(w)) else {
        return false;
    };
    let number = |w: &&str| lex.units.contains_key(*w);
    comma <= MAX_PREDICATE
        && after[..q].iter().all(|w| lex.conjunction_words.contains(w))
        && after[q + 1..]
            .iter()
            .all(|w| glue(w) || number(w) || lex.of_words.contains(w) || lex.resumptive.contains(w))
}

/// "The governor of Arden province surrendered to the rebels", "- Arden:
/// the governor surrendered": a governor giving up gives up the city he
/// governs, the one his title names or else the one the sentence, or the
/// one before, is about. "In Arden and Brook, the provincial governors
/// surrendered": each place of a list named right before the title.
fn governor_subject<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
) -> Vec<&'s Mention> {
    let Some(own) = one_governor_subject(s, lex, h, clause) else {
        return Vec::new();
    };
    // the members listed before it: a comma or a conjunction between each
    let mut out = vec![own];
    let named = || {
        s.mentions
            .iter()
            .rev()
            .filter(|m| m.kind == MKind::Name && m.participant && m.end <= own.start)
    };
    let mut next = own;
    for m in named() {
        let gap = s.lower[m.end..next.start]
            .trim()
            .trim_start_matches(',')
            .trim();
        if s.clause_at(m.start) != clause
            || !(gap.is_empty() || lex.conjunction_words.contains(gap))
        {
            break;
        }
        out.insert(0, m);
        next = m;
    }
    out
}

fn one_governor_subject<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
) -> Option<&'s Mention> {
    // "the Arden provincial governor", "the governor of Arden"
    const TITLE_WORDS: usize = 5;
    let from = s
        .words_back(h.start, TITLE_WORDS)
        .max(s.clause_start(clause));
    let title = s.toks.iter().find(|t| {
        t.word
            && t.start >= from
            && t.end <= h.start
            && lex.governors.contains(&s.lower[t.start..t.end])
    })?;
    let after_title: Vec<&str> = s.words_between(title.end, h.start, clause).collect();
    // the governor is the trigger's subject: nothing but his province and
    // glue between them
    let glue = |w: &&str| lex.subject_gap.contains(w) || lex.is_adverb(w);
    let named = |m: &&Mention| s.clause_at(m.start) == clause && m.end <= h.start && m.end >= from;
    let own = s.mentions.iter().rev().find(|m| named(m));
    let between_ok = after_title.iter().all(|w| {
        glue(w)
            || lex.of_words.contains(w)
            || own.is_some_and(|m| m.start >= title.end && s.lower[m.start..m.end].contains(*w))
    });
    if !between_ok {
        return None;
    }
    own.or_else(|| {
        s.mentions
            .iter()
            .find(|m| m.participant && m.kind == MKind::Name && m.end <= title.start)
    })
    .or_else(|| {
        let topic = s.topic?;
        s.mentions.iter().find(|m| m.place == topic)
    })
}

/// "X became the second provincial capital to fall": the place is the
/// subject of an infinitive its ordinal predicate governs.
fn ordinal_predicate(lex: &Lexicon, words: &[&str], glue: impl Fn(&&str) -> bool) -> bool {
    const MAX_NOUN: usize = 6;
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    let Some(k) = rest
        .iter()
        .position(|w| super::numbers::ordinal_word(lex, w).is_some())
    else {
        return false;
    };
    lex.to_words.contains(last)
        && k >= 1
        && lex.determiners.contains(rest[k - 1])
        && rest[..k - 1]
            .iter()
            .all(|w| glue(w) || lex.copulas.contains(w))
        && rest.len() - k <= MAX_NOUN
}

/// How many of `words` (those after a place) say where in the country it
/// is: "in the northwest", "in the far north of the country"; 0 if they
/// do not open with such a phrase.
/// How many words after `m` say which province it is in: "X in
/// Westmarch (province)" names its own province.
fn own_province_after(s: &Sentence, lex: &Lexicon, m: &Mention, clause: usize) -> usize {
    let Some(p) = s.mentions.iter().find(|p| p.start >= m.end) else {
        return 0;
    };
    // "X, in Westmarch, and Y": set off by a comma or a dash too
    let between = s.lower[m.end..p.start].trim();
    let between = between
        .strip_prefix([',', '—', '–', '('])
        .map_or(between, str::trim_start);
    if p.kind != MKind::Province || p.place != m.place || !lex.locative.contains(between) {
        return 0;
    }
    let after = s.lower[p.end..].split_whitespace().next().unwrap_or("");
    s.words_between(m.end, p.end, clause).count() + usize::from(lex.province_words.contains(after))
}

fn where_in_country(lex: &Lexicon, words: &[&str]) -> usize {
    const MAX_WORDS: usize = 6;
    if !words.first().is_some_and(|w| lex.locative.contains(w)) {
        return 0;
    }
    let mut compass = false;
    let mut n = 1;
    for w in words[1..].iter().take(MAX_WORDS) {
        if lex.compass.contains(w) {
            compass = true;
        } else if !(lex.determiners.contains(w)
            || lex.place_adjectives.contains(w)
            || lex.of_words.contains(w))
        {
            break;
        }
        n += 1;
    }
    if compass {
        n
    } else {
        0
    }
}

/// "Four more provincial centres were handed over: X, Y and Z": a counted
/// subject whose members follow a colon after the trigger.
fn colon_list<'s>(
    s: &'s Sentence,
    lex: &Lexicon,
    h: &Hit<Trigger>,
    clause: usize,
) -> Vec<&'s Mention> {
    let counted = s
        .tally
        .iter()
        .any(|t| t.tag.contains(Tal::NOUN) && t.end <= h.start && s.clause_at(t.start) == clause);
    let Some(colon) = counted
        .then(|| s.lower[h.end..].find(':'))
        .flatten()
        .map(|i| h.end + i)
    else {
        return Vec::new();
    };
    let end = s.lower[colon..]
        .find(';')
        .map_or(s.lower.len(), |i| colon + i);
    let member = |m: &&Mention| m.participant && m.kind == MKind::Name;
    let mut out: Vec<&Mention> = Vec::new();
    let mut add = |m: &'s Mention| {
        if !out.iter().any(|x| x.place == m.place) {
            out.push(m);
        }
    };
    for m in s
        .mentions
        .iter()
        .filter(|m| m.start > colon && m.end <= end)
        .filter(member)
    {
        add(m);
    }
    // "...: X, the capital of P, 70 km south of K; Y in Q, handed over by
    // the governor; and Z": a member with a description of its own ends
    // at a semicolon, and the next member opens the next one. A segment
    // that opens with no place, or says something of its own before its
    // first comma, ends the list.
    let mut at = end;
    while at < s.lower.len() && s.lower.as_bytes()[at] == b';' {
        let seg_end = s.lower[at + 1..]
            .find(';')
            .map_or(s.lower.len(), |i| at + 1 + i);
        let mut start = at + 1;
        let lead = &s.lower[start..seg_end];
        start += lead.len() - lead.trim_start().len();
        let first = s.lower[start..seg_end]
            .split_whitespace()
            .next()
            .unwrap_or("");
        if lex.conjunction_words.contains(first) {
            start += first.len();
            let rest = &s.lower[start..seg_end];
            start += rest.len() - rest.trim_start().len();
        }
        let head_end = s.lower[start..seg_end]
            .find(',')
            .map_or(seg_end, |i| start + i);
        let opens = s.mentions.iter().filter(member).any(|m| m.start == start);
        let own_verb = s
            .events
            .iter()
            .any(|e| e.start >= start && e.start < head_end);
        if !opens || own_verb || s.clause_at(start) != clause {
            break;
        }
        for m in s
            .mentions
            .iter()
            .filter(|m| m.start >= start && m.end <= head_end)
            .filter(member)
        {
            add(m);
        }
        at = seg_end;
    }
    out
}

/// Whether a content word follows the trigger (its object), rather than
/// the end, punctuation, a preposition or an adverbial ("captured by",
/// "captured on Sunday", "captured.").
/// "Government troops took control of X", "X was captured by the army":
/// the defender as the agent of a verb of taking takes the city back. Not
/// a verb of giving up ("the army lost X", "officials handed X over to the
/// rebels"), a noun ("officials confirmed the fall of X"), an intransitive
/// ("X fell"), or a verb the attacker in the clause before it may govern.
fn defender_takes(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    let taking = (h.tag.has(Kind::Fall, Role::Object, Cond::Any)
        || h.tag.has(Kind::Fall, Role::Object, Cond::Attacker))
        && !h.tag.has(Kind::Fall, Role::Object, Cond::Defender);
    let text = &s.lower[h.start..h.end];
    let first = text
        .trim_start_matches("'s ")
        .split(' ')
        .next()
        .unwrap_or("");
    if !taking
        || lex.fall_nouns.contains(first)
        || giving(s, lex, h)
        || given_to_attacker(s, lex, h, clause)
    {
        return false;
    }
    let in_clause = |c: &&Hit<Cue>| s.clause_at(c.start) == clause;
    // "captured by government forces"
    let by_defender = s.cues.iter().filter(in_clause).any(|c| {
        c.tag.contains(Cue::DEFENDER) && !c.tag.contains(Cue::ATTACKER) && c.start >= h.end && {
            let mut between = s.words_between(h.end, c.start, clause);
            between.next().is_some_and(|w| lex.passive_by.contains(w))
                && between.count() <= AGENT_WORDS
        }
    });
    let attacker_before = s
        .cues
        .iter()
        .filter(in_clause)
        .any(|c| c.tag.contains(Cue::ATTACKER) && c.end <= h.start);
    let defender_right_before = s.side_before(h.start, clause).is_some_and(|c| {
        c.tag.contains(Cue::DEFENDER)
            && !s.foreign_force(c.start)
            && s.words_between(c.end, h.start, clause).count() <= AGENT_WORDS
    });
    by_defender || (defender_right_before && !attacker_before)
}

/// "X fell to government forces", "has fallen into the hands of the
/// army": the first side after an intransitive fall and its "to", a few
/// words on with no place between, is its recipient, and it is the
/// defender.
fn fell_to_defender(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>, clause: usize) -> bool {
    if !h.tag.has(Kind::Fall, Role::Subject, Cond::Any)
        || !s
            .word_after(h.end)
            .is_some_and(|w| lex.recipient_words.contains(w))
    {
        return false;
    }
    // "had fallen to them": the side the pronoun stands for is named before
    let pronoun = s.lower[h.end..]
        .split_whitespace()
        .nth(1)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .is_some_and(|w| lex.object_pronouns.contains(w));
    if pronoun {
        return s
            .side_before(h.start, clause)
            .is_some_and(|c| c.tag.contains(Cue::DEFENDER) && !c.tag.contains(Cue::ATTACKER));
    }
    let Some(c) = s.cues.iter().find(|c| {
        c.start >= h.end
            && s.clause_at(c.start) == clause
            && c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER)
    }) else {
        return false;
    };
    c.tag.contains(Cue::DEFENDER)
        && !c.tag.contains(Cue::ATTACKER)
        && !s.foreign_force(c.start)
        && s.words_between(h.end, c.start, clause).count() <= RECIPIENT_WORDS
        && !s
            .mentions
            .iter()
            .any(|m| m.start >= h.end && m.end <= c.start)
}

/// How far after an intransitive fall its recipient is named ("into the
/// hands of the").
const RECIPIENT_WORDS: usize = 5;

/// A trigger that is a verb of giving a place up, after any auxiliary
/// ("was abandoned", "had handed over").
fn giving(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> bool {
    let text = &s.lower[h.start..h.end];
    std::iter::once(0)
        .chain(text.match_indices(' ').map(|(i, _)| i + 1))
        .any(|i| lex.giving_verbs.starts(&s.lower[h.start + i..]))
}

/// A trigger that is a noun with its object after "of" ("the fall of",
/// "Arden's loss of").
fn noun_trigger(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> bool {
    // "the fall of", "a rebel takeover of": a determiner, perhaps with
    // one modifier after it
    let opens = |w: &str| lex.determiners.contains(w) || lex.is_possessive(w);
    s.lower[h.start..h.end].ends_with(" of")
        && s.lower[..h.start]
            .split_whitespace()
            .rev()
            .take(2)
            .any(opens)
}

/// Where a list of places that starts right at `from` ends: its members
/// joined by commas and conjunctions ("X, Y and Z"); `from` with none.
fn list_end(s: &Sentence, lex: &Lexicon, from: usize) -> usize {
    let mut end = from;
    for m in s.mentions.iter().filter(|m| m.start >= from) {
        // mentions may overlap ("the capital of X" over "X")
        let Some(between) = s.lower.get(end..m.start) else {
            end = end.max(m.end);
            continue;
        };
        let joins = between
            .split(|c: char| c == ',' || c.is_whitespace())
            .all(|w| w.is_empty() || lex.conjunction_words.contains(w));
        if !joins {
            break;
        }
        end = end.max(m.end);
    }
    end
}

/// How many words may stand between a speech verb and the "that" or colon
/// opening what was said ("claimed on Friday evening that").
const SPEECH_OPENER_WORDS: usize = 4;

/// A trigger that is also a speech verb, followed within a few words and
/// before any place by "that" or a colon, reports; it holds nothing:
/// "rebel leaders in X claimed on Friday that ..." claims no X.
fn introduces_speech(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> bool {
    if !s
        .cues
        .iter()
        .any(|c| c.start == h.start && c.tag.contains(Cue::SPEECH))
    {
        return false;
    }
    let first = s.tok_at(h.end);
    for t in s.toks.iter().skip(first).take(SPEECH_OPENER_WORDS + 1) {
        if s.mentions
            .iter()
            .any(|m| m.start < t.end && m.end > t.start)
        {
            return false;
        }
        let w = &s.lower[t.start..t.end];
        if lex.complementizers.contains(w) || w == ":" {
            return true;
        }
    }
    false
}

fn followed_by_object(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> bool {
    let Some(t) = s.toks.get(s.tok_at(h.end)) else {
        return false;
    };
    let w = &s.lower[t.start..t.end];
    // "taken 14 August", "lost Sunday": a date is no object
    let next_word = s
        .toks
        .get(s.tok_at(h.end) + 1)
        .map(|n| &s.lower[n.start..n.end]);
    let date = lex.date_words.contains(w)
        || (lex.is_date_word(w) && next_word.is_some_and(|n| lex.date_words.contains(n)));
    t.word
        && !date
        && !lex.adverbial_gap.contains(w)
        && !lex.trigger_prepositions.contains(w)
        && !lex.prepositions.contains(w)
        && !lex.passive_by.contains(w)
        && !lex.conjunction_words.contains(w)
}

/// Whether a participle after `from` is active, so its place is no
/// subject: a perfect one ("forces have retaken sites") or one right after
/// its agent ("insurgents seized", "which the rebels have taken").
fn active_reading(
    s: &Sentence,
    lex: &Lexicon,
    from: usize,
    h: &Hit<Trigger>,
    words: &[&str],
) -> bool {
    (words.iter().any(|w| lex.perfect_aux.contains(w))
        && !words.iter().any(|w| lex.passive_aux.contains(w)))
        || s.cues.iter().any(|c| {
            c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER)
                && c.start >= from
                && c.end <= h.start
                && s.lower[c.end..h.start].trim().is_empty()
        })
}

/// Quotation marks are transparent between a trigger and its place
/// ("had been \"liberated\"").
fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»")
}

/// "Arden, a city in the centre, and Brook": the next member of a list
/// after an appositive.
fn appositive_then_and(words: &[&str], lex: &Lexicon) -> bool {
    let n = words.len();
    (3..=14).contains(&n)
        && words[0] == ","
        && lex.conjunction_words.contains(words[n - 1])
        && words[n - 2] == ","
}

/// The rest of an apposition, then the next item: "on the border with
/// Ruritania , and" (a few words, no other break).
fn appositive_tail_then_and(words: &[&str], lex: &Lexicon) -> bool {
    const MAX_TAIL: usize = 8;
    let n = words.len();
    (3..=MAX_TAIL + 2).contains(&n)
        && lex.conjunction_words.contains(words[n - 1])
        && words[n - 2] == ","
        && !words[..n - 2].iter().any(|w| matches!(*w, "," | ";" | ":"))
}

/// How many words an aside between two members of a list may hold, and
/// how many modifiers may stand before a list's noun.
const LIST_ASIDE_WORDS: usize = 5;
const LIST_MODIFIERS: usize = 2;

/// Whether the words between two members of a list join them: list words
/// ("and", "the", "province", a weekday); "the eastern cities of", a
/// list noun in the plural after a few modifiers; and one aside between
/// commas that opens with a list word and holds no verb ("X, in the
/// central highlands, and Y").
fn list_link(lex: &Lexicon, words: &[&str]) -> bool {
    let gap = |w: &str| lex.list_gap.contains(w) || w == ",";
    // beyond six words, only with an aside or a plural noun phrase
    let mut shaped = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w == "," && !shaped && words.get(i + 1).is_some_and(|w| gap(w)) {
            // ", in the central highlands," : an aside's own words
            let close = words[i + 1..]
                .iter()
                .take(LIST_ASIDE_WORDS + 1)
                .position(|w| *w == ",");
            if let Some(len) = close.filter(|&len| len > 1) {
                let inner = &words[i + 1..i + 1 + len];
                let verbless = inner.iter().all(|w| {
                    !lex.copulas.contains(w)
                        && !lex.perfect_aux.contains(w)
                        && !lex.passive_aux.contains(w)
                        && !lex.relative_pronouns.contains(w)
                });
                if verbless {
                    shaped = true;
                    i += len + 1;
                    continue;
                }
            }
        }
        if gap(w) {
            i += 1;
            continue;
        }
        // "the (eastern) cities of": modifiers before a plural list noun
        let noun = words[i..]
            .iter()
            .take(LIST_MODIFIERS + 1)
            .position(|w| lex.is_list_plural(w));
        match noun {
            Some(k)
                if i > 0
                    && lex.definite.contains(words[i - 1])
                    && words
                        .get(i + k + 1)
                        .is_some_and(|w| lex.name_of.contains(w)) =>
            {
                shaped = true;
                i += k + 2;
            }
            _ => return false,
        }
    }
    words.len() <= 6 || (shaped && words.len() <= 12)
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

/// The side a relative clause's subject stands for: "the rebels use X,
/// which they have held" (a personal pronoun before the trigger), "the
/// governor, who left X" (the relative pronoun right before it). It is the
/// side last named before the clause.
fn relative_subject_side(s: &Sentence, lex: &Lexicon, clause: usize, at: usize) -> Option<Cue> {
    if !s.clause(clause).relative {
        return None;
    }
    let start = s.clause_start(clause);
    let words: Vec<&str> = s
        .words_between(start, at, clause)
        .filter(|w| *w != ",")
        .collect();
    let who = matches!(words.as_slice(), [w] if lex.person_relatives.contains(w));
    let pronoun = words.iter().any(|w| lex.person_pronouns.contains(w));
    if !(who || pronoun) {
        return None;
    }
    let last = s
        .cues
        .iter()
        .rfind(|c| c.end <= start && c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER))?;
    [Cue::ATTACKER, Cue::DEFENDER]
        .into_iter()
        .find(|&side| last.tag.contains(side))
}

/// In a relative clause the relative pronoun is the trigger's place:
/// "which the rebels took", "which officials said was handed over".
fn relative_head<'s>(s: &'s Sentence, clause: usize) -> Option<&'s Mention> {
    s.mentions
        .iter()
        .find(|m| m.kind == MKind::Relative && s.clause_at(m.start) == clause)
}

/// Whose word the trigger is: its quote's speaker, the speaker of the
/// speech that governs it, the document's side, or the outlet.
pub fn voice(
    s: &Sentence,
    lex: &Lexicon,
    people: &WordSet,
    h: &Hit<Trigger>,
    clause: usize,
) -> Voice {
    if let Some(v) = s.quote_at(h.start).and_then(|q| q.voice) {
        return v;
    }
    // "the rebels claimed X": the claim verb is the trigger; "X: rebel
    // claim", a claim word inside a status
    let claim_in = |a: usize, b: usize| {
        s.cues
            .iter()
            .any(|c| c.start >= a && c.start < b && c.tag.contains(Cue::CLAIM))
    };
    let claim_verb =
        h.tag.has(Kind::Fall, Role::Object, Cond::Attacker) && claim_in(h.start, h.start + 1);
    if (claim_verb && !confirmed_claim(s, lex, h.start))
        || (h.tag.has(Kind::Fall, Role::Label, Cond::Any) && claim_in(h.start, h.end))
    {
        return Voice::Attacker;
    }
    // a speech verb that is the trigger ("the rebels had added X") says
    // nothing about it
    let speech = || {
        s.cues
            .iter()
            .filter(|c| c.tag.intersects(Cue::SPEECH | Cue::SPEECH_AFTER) && c.start != h.start)
    };
    // A non-attacker confirming in the sentence covers the trigger unless
    // another speech act stands between them ("X was taken, an official
    // confirmed, and the rebels said they seized Y") or, coming after it,
    // it confirms a place of its own ("the rebels claimed X, while
    // officials confirmed that Y ...").
    // A noun naming a speech act is none: "a claim later confirmed",
    // "confirmed the rebels' claim to have taken X".
    let noun = |o: &Hit<Cue>| {
        s.lower[..o.start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| {
                lex.determiners.contains(w) || lex.possessives.contains(w) || lex.is_possessive(w)
            })
    };
    let confirmer = speech().find_map(|c| {
        let w = &s.lower[c.start..c.end];
        let confirms = c.tag.contains(Cue::CONFIRM)
            || w.split_whitespace().any(|x| lex.confirm_words.contains(x));
        if !confirms {
            return None;
        }
        let (lo, hi) = if c.start < h.start {
            (c.end, h.start)
        } else {
            (h.end, c.start)
        };
        let aside = |o: &Hit<Cue>| super::attribution::in_aside(s.text, s.lower, lo, hi, o, lex);
        let between = speech().any(|o| o.start >= lo && o.end <= hi && !noun(o) && !aside(o));
        let own_place = c.start > h.end && {
            let next = speech()
                .find(|o| o.start >= c.end && !noun(o))
                .map_or(s.lower.len(), |o| o.start);
            s.mentions
                .iter()
                .any(|m| m.participant && m.start >= c.end && m.end <= next)
        };
        (!between && !own_place)
            .then(|| s.speaker_of(c, people, lex))
            .flatten()
            .filter(|v| v.confirms())
    });
    if let Some(v) = confirmer {
        return v;
    }
    // The nearest speech cue in the clause; for a reported "that" clause
    // the speech before it ("say X and that Arden is under their
    // control"); else a trailing attribution.
    let clause_start = s.clause_start(clause);
    let head = s.lower[clause_start..].trim_start_matches([',', ' ']);
    // "that, on Sunday, ...": the word without its comma
    let first = head
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .find(|w| !lex.conjunction_words.contains(w));
    let reported = first.is_some_and(|w| lex.complementizers.contains(w));
    // "the rebels took X, and the insurgents said they also took Y": a
    // speech verb with its own subject after ", and" is a new clause
    let own_clause = |c: &&Hit<Cue>| c.start < h.start || !coordinated(s, lex, h.end, c.start);
    let governing = speech()
        .filter(|c| s.clause_at(c.start) == clause)
        .filter(own_clause)
        .min_by_key(|c| c.start.abs_diff(h.start))
        // "X fell ..., according to Y": a trailing attribution covers the
        // sentence
        .or_else(|| speech().find(|c| c.start > h.end && c.tag.contains(Cue::SPEECH_AFTER)))
        .or_else(|| {
            if reported || s.clause(clause).background {
                // "The claims are hard to check, and ... X, which remains
                // under their control": a noun naming a speech act speaks
                // no clause
                speech().rfind(|c| c.end <= clause_start && !noun(c))
            } else {
                None
            }
        })
        // a relative clause's speech is about that clause ("..., where a
        // statement declared ...")
        .or_else(|| {
            speech().rfind(|c| {
                c.start > h.end
                    && !s.clause(s.clause_at(c.start)).relative
                    && !coordinated(s, lex, h.end, c.start)
                    // "REBELS TAKE X; CLAIM Y": past a semicolon, a
                    // speech of its own
                    && !s.lower[h.end..c.start].contains(';')
            })
        });
    if let Some(c) = governing {
        // "could not confirm the rebels' claim": a claim's owner made it
        let owner_attacker = c.tag.contains(Cue::CLAIM)
            && s.cues.iter().any(|o| {
                o.tag.contains(Cue::ATTACKER)
                    && o.end <= c.start
                    && lex
                        .after_possessive(&s.lower[o.end..c.start])
                        .is_some_and(|r| r.trim().is_empty())
            });
        if owner_attacker {
            return Voice::Attacker;
        }
        return match s.speaker_of(c, people, lex) {
            // a source of no side in an item the dateline credits to the
            // attacker's own outlet ("SANAA (Rebel Net) - ..., a military
            // source said") speaks for it
            Some(Voice::Other) if s.doc_credit == Some(Voice::Attacker) => Voice::Attacker,
            Some(v) => v,
            // "claimed" with nobody named: claims are the attacker's word
            None if c.tag.contains(Cue::CLAIM) => Voice::Attacker,
            None => s.doc_voice.unwrap_or(Voice::Other),
        };
    }
    if s.cues
        .iter()
        .any(|c| c.tag.contains(Cue::CLAIM) && !c.tag.contains(Cue::SPEECH))
    {
        return Voice::Attacker;
    }
    if let Some(v) = heading_speaker(s, lex, h) {
        return v;
    }
    s.doc_voice.unwrap_or(Voice::Narrator)
}

/// Words back from a confirming verb where a negation undoes it.
const CONFIRM_NEG_REACH: usize = 3;

/// "officials confirmed the rebels' claim to have taken X": a claim noun
/// at `at` that a confirming verb takes as its object, with only
/// determiners and its owner between.
fn confirmed_claim(s: &Sentence, lex: &Lexicon, at: usize) -> bool {
    s.cues.iter().any(|c| {
        let from = s.words_back(c.start, CONFIRM_NEG_REACH);
        c.tag.contains(Cue::SPEECH | Cue::CONFIRM)
            && c.end <= at
            && s.lower[c.end..at].split_whitespace().all(|w| {
                lex.determiners.contains(w) || lex.possessives.contains(w) || lex.is_possessive(w)
            })
            // "did not confirm the rebels' claim"
            && !s.cues.iter().any(|n| {
                n.tag.contains(Cue::NEG) && !n.tag.contains(Cue::NEG_PSEUDO) && n.start >= from && n.end <= c.end
            })
    })
}

/// Whether `s.lower[from..verb]` holds ", and" (or another conjunction)
/// opening a clause whose subject is no place: "took X, and the rebels
/// said", "took X, and say" (a predicate of its own), but not the list
/// "took X, Y, and Z, officials said".
fn coordinated(s: &Sentence, lex: &Lexicon, from: usize, verb: usize) -> bool {
    // a speech verb that is the trigger itself ("they had added X") starts
    // before the trigger ends
    let Some(gap) = s.lower.get(from..verb) else {
        return false;
    };
    let Some(comma) = gap.rfind(',') else {
        return false;
    };
    let after = &gap[comma + 1..];
    let mut words = after.split_whitespace();
    let opens = words
        .next()
        .is_some_and(|w| lex.conjunction_words.contains(w));
    let at = from + comma;
    opens && !s.mentions.iter().any(|m| m.start > at && m.end <= verb)
}

/// "General Command of the Army: terrorists entered large parts of X": a
/// sentence opened by one side's name and a colon is that side's word.
fn heading_speaker(s: &Sentence, lex: &Lexicon, h: &Hit<Trigger>) -> Option<Voice> {
    // the label's colon, not a time's ("21:17 X LAWMAKER: ...")
    let colon = s
        .lower
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| !s.lower[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
        .filter(|&c| c < h.start)?;
    // where the speaker is may stand in the label ("Westmarch lawmaker:"),
    // no place taking part
    if s.mentions.iter().any(|m| m.start < colon && m.participant) {
        return None;
    }
    let sides: Vec<&Hit<Cue>> = s
        .cues
        .iter()
        .filter(|c| c.end <= colon && c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER))
        .collect();
    let attacker = sides.iter().any(|c| c.tag.contains(Cue::ATTACKER));
    let defender = sides.iter().any(|c| c.tag.contains(Cue::DEFENDER));
    // nothing but the side's name and the words that glue one ("of the")
    let mut rest = String::new();
    let mut at = 0;
    for c in &sides {
        rest.push_str(&s.lower[at..c.start.max(at)]);
        at = at.max(c.end);
    }
    rest.push_str(&s.lower[at.min(colon)..colon]);
    // ... a time before it, and where the speaker is
    let placed: Vec<&str> = s
        .mentions
        .iter()
        .filter(|m| m.end <= colon)
        .map(|m| &s.lower[m.start..m.end])
        .collect();
    let glue = rest.split_whitespace().all(|w| {
        lex.determiners.contains(w)
            || lex.of_words.contains(w)
            || w.starts_with(|c: char| c.is_ascii_digit())
            || placed.contains(&w)
    });
    match (attacker, defender, glue) {
        (true, false, true) => Some(Voice::Attacker),
        (false, true, true) => Some(Voice::Defender),
        _ => None,
    }
}

/// Whether a sentence that names no place only denies the one before:
/// "This is a lie.", "That is not true.", "The reports are false.",
/// "Not true.".
pub fn denies_before(s: &Sentence, lex: &Lexicon) -> bool {
    /// At most this many words deny with no subject ("Not true at all.").
    const BARE_DENIAL_WORDS: usize = 4;
    let denials: Vec<_> = s
        .cues
        .iter()
        .filter(|c| c.tag.contains(Cue::DENY))
        .collect();
    // "These are not rumours": a denial negated confirms
    let negated = s.cues.iter().any(|c| {
        c.tag.contains(Cue::NEG)
            && !c.tag.contains(Cue::NEG_PSEUDO)
            && !denials.iter().any(|d| d.start <= c.start && c.end <= d.end)
    });
    if !s.mentions.is_empty() || denials.is_empty() || negated {
        return false;
    }
    let t = s.lower.trim_start();
    let words = t
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty());
    if words.count() <= BARE_DENIAL_WORDS {
        return true;
    }
    lex.claim_anaphora.starts_len(t).is_some_and(|len| {
        let w = t[len..]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        lex.copulas.contains(w)
    })
}

/// "Officials there confirmed it", "officials said that was true": a
/// sentence whose speaker, not the attacker, confirms by a pronoun or a
/// claim noun (`[words] claim_anaphora`) what was claimed just before.
/// Nothing in it negates, doubts or hedges.
pub fn confirms_before(s: &Sentence, lex: &Lexicon) -> bool {
    if s.doc_voice == Some(Voice::Attacker)
        || s.cues.iter().any(|c| {
            (c.tag.contains(Cue::NEG) && !c.tag.contains(Cue::NEG_PSEUDO))
                || c.tag.intersects(Cue::UNVERIFIED | Cue::DENY)
                || (c.tag.contains(Cue::MODAL) && !c.tag.contains(Cue::MODAL_PSEUDO))
        })
    {
        return false;
    }
    fn words(t: &str) -> Vec<&str> {
        t.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .take(6)
            .collect()
    }
    s.cues
        .iter()
        .filter(|c| c.tag.intersects(Cue::SPEECH | Cue::CONFIRM))
        .any(|v| {
            // "nothing ... to confirm that": a verb not stated, only wanted
            if s.cues
                .iter()
                .any(|c| c.tag.contains(Cue::ATTACKER) && c.end <= v.start)
                || s.word_before(v.start)
                    .is_some_and(|w| lex.infinitive_words.contains(w))
            {
                return false;
            }
            let after = s.lower[v.end..].trim_start();
            let bare = after
                .split_once(' ')
                .filter(|(w, _)| lex.complementizers.contains(w))
                .map_or(after, |(_, r)| r.trim_start());
            [after, bare].iter().any(|rest| {
                let Some(len) = lex.claim_anaphora.starts_len(rest) else {
                    return false;
                };
                let tail = words(&rest[len..]);
                if v.tag.contains(Cue::CONFIRM) {
                    // "confirmed it", "confirmed the claim on Wednesday",
                    // "confirmed it to us"; not "acknowledged that the
                    // situation was grim", where "that" opens a clause
                    tail.first().is_none_or(|w| {
                        lex.is_date_word(w)
                            || lex.recipient_words.contains(w)
                            || (lex.adverbial_gap.contains(w) && !lex.determiners.contains(w))
                    })
                } else {
                    // "said that was true", "said the claim was correct"
                    tail.first().is_some_and(|w| lex.copulas.contains(w))
                        && tail[1..]
                            .iter()
                            .take(2)
                            .any(|w| lex.truth_words.contains(w))
                }
            })
        })
}
