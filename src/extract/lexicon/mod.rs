//! The trigger and cue lexicons of `lexicon.toml` and `language.toml`,
//! compiled: verbs inflected, side slots expanded, phrases tagged.

mod expand;
mod inflect;
mod tags;

use rustc_hash::FxHashMap;

use crate::config::{EventWords, Scenario};

use super::matching::{PhraseList, PhraseSet, Phrases, SuffixSet, WordSet};

pub use expand::Slots;
pub use inflect::Inflector;
pub use tags::{Brk, Cond, Cue, Dep, Kind, Role, Tal, Trigger};

pub struct Lexicon {
    pub events: PhraseSet<Trigger>,
    pub cues: PhraseSet<Cue>,
    pub deploy: PhraseSet<Dep>,
    pub tally: PhraseSet<Tal>,
    pub breaks: PhraseSet<Brk>,
    pub collective: PhraseSet<u64>,
    pub relative_pronouns: WordSet,
    pub person_relatives: WordSet,
    /// "has", "did": a yes/no question's first word.
    pub question_openers: WordSet,
    /// "q": a questioner's turn label.
    pub question_labels: WordSet,
    /// Single-word background breaks ("after", "when"): a sentence that
    /// opens with one opens with a background clause.
    pub opening_subordinators: WordSet,
    /// A trigger's own prepositions ("infiltrated into X"): no landmark.
    pub trigger_prepositions: WordSet,
    pub attempt: SuffixSet,
    pub not_sender_before: SuffixSet,
    /// "including", "such as": what follows names members of what went
    /// before.
    pub members: SuffixSet,
    /// "countries", "nations": before a colon, a list of members follows.
    pub country_nouns: WordSet,
    pub confirm_words: WordSet,
    pub object_gap: WordSet,
    pub adverbial_gap: WordSet,
    pub contest_gap: WordSet,
    pub subject_gap: WordSet,
    pub list_gap: WordSet,
    pub number_gap: WordSet,
    pub partial_between: WordSet,
    /// Parts of a city after its possessive ("the city's police
    /// districts"), lower-cased.
    pub partial_possessed: Vec<String>,
    /// "city", "cities": the noun a name may take ("Arden city's").
    pub city_nouns: WordSet,
    /// Nouns that introduce a place's name ("the port of X"), with
    /// `city_nouns`.
    pub place_nouns: WordSet,
    /// "of" in "the town of X".
    pub name_of: WordSet,
    pub approximators: WordSet,
    pub determiners: WordSet,
    pub definite: WordSet,
    pub place_adjectives: WordSet,
    pub compass: WordSet,
    pub topic_nouns: WordSet,
    /// `[words] topic_frames`, lower-cased.
    pub topic_frames: Vec<String>,
    pub inversion_openers: WordSet,
    /// `[words] reciprocals`: "one after another" is a succession.
    pub reciprocals: SuffixSet,
    /// `[words] present_be`: "Taking X is another matter" names an act.
    pub present_be: WordSet,
    /// The scenario's `landmark_before`: a battle word after a distance
    /// ("within striking distance of the outskirts of X") is no battle.
    pub landmark_before: SuffixSet,
    pub speech_settings: WordSet,
    pub hold_nouns: WordSet,
    pub partitives: WordSet,
    pub resumptive: WordSet,
    pub copulas: WordSet,
    pub exceptions: Vec<String>,
    /// "besieged inside": the seats after it are still held.
    pub holdouts: Vec<String>,
    pub governors: WordSet,
    pub speaker_prepositions: WordSet,
    pub anchor_prepositions: WordSet,
    pub comparatives: WordSet,
    pub person_pronouns: WordSet,
    /// "them": what a verb carries ("fly them to Y").
    pub object_pronouns: WordSet,
    pub generic_subjects: WordSet,
    pub adverbs: WordSet,
    pub adverb_suffixes: Vec<String>,
    pub not_adverbs: WordSet,
    pub prepositions: WordSet,
    pub affiliation: WordSet,
    /// "province", "provincial".
    pub province_words: WordSet,
    /// "reached", "spread to": every form, after a fighting word.
    pub spread_verbs: SuffixSet,
    /// "worked with", "served alongside": every form, before a force.
    pub served_with: SuffixSet,
    /// Every form of the verbs of giving a place up ("handed over", "lost").
    pub giving_verbs: SuffixSet,
    /// The nouns of a fall ("fall", "capture"): their agent is no taker.
    pub fall_nouns: WordSet,
    /// "to", "into": where a pull-back goes.
    pub motion_prepositions: WordSet,
    /// "titled", "headlined": a quotation after them is a name.
    pub title_words: WordSet,
    /// Every word of the conjunctions ("as", "well" of "as well as").
    pub conjunction_words: WordSet,
    /// The conjunctions of more than one word ("along with"): after a
    /// verb, they add to its subject ("X fell, along with Y").
    pub companions: Vec<String>,
    pub perfect_aux: WordSet,
    /// "do", "does", "did".
    pub do_support: WordSet,
    /// The countries' metonyms, lower-case ("war office", "palace"):
    /// seats and organs of a government, never a destination.
    pub metonyms: PhraseList,
    /// "that's", "it's": a possessive's ending on no possessive.
    pub contractions: WordSet,
    /// "in", "on", "across": before a place's possessed part they place
    /// the event in it ("on the city's northern edge").
    pub part_prepositions: WordSet,
    /// Participles that tell what their clause leads to ("leaving",
    /// "completing"), from `[words] consequence_verbs`.
    pub consequence_participles: WordSet,
    /// "hours", "days": after a subordinator, a span of time.
    pub durations: WordSet,
    /// "that": "That September, ..." points back to a time named before.
    pub demonstratives: WordSet,
    /// "as": "X was lost, as was Y".
    pub ellipsis_words: WordSet,
    /// "in", "within": "five capitals in three days".
    pub span_prepositions: WordSet,
    /// "by" of the passive's agent.
    pub passive_by: WordSet,
    pub passive_aux: WordSet,
    pub destination_before: SuffixSet,
    /// "from": a destination word after it names an origin.
    pub origin_before: WordSet,
    /// "capital", "hub": a place noun before a country's metonym.
    pub place_heads: WordSet,
    /// "for years": a force standing there long is a garrison.
    pub standing: Phrases,
    /// "claim" of a fact check's "CLAIM: ...".
    pub claim_labels: WordSet,
    /// Every form of the `intransitive_bare` verbs, and the words that may
    /// follow one ("this", "overnight"; "on" or "by" before a date word).
    pub bare_forms: WordSet,
    pub bare_after: WordSet,
    pub bare_date_prepositions: WordSet,
    /// Event verbs in their base form, whose past differs ("lose", "take
    /// control of"): at the head of a clause, an imperative.
    pub base_verbs: WordSet,
    /// Event verbs in their base and third-person forms, whose past
    /// differs ("fall", "falls"), and the present of "be": "until X is
    /// free", "once X falls".
    pub present_verbs: WordSet,
    pub condition_openers: SuffixSet,
    /// Every form of `[words] witness_verbs`.
    pub witness_verbs: WordSet,
    /// Every form of `[words] arrival_verbs`.
    pub arrival_verbs: SuffixSet,
    /// `[words] intensives`: "the city itself".
    pub intensives: WordSet,
    /// `[words] claim_anaphora`: "it", "the claim".
    pub claim_anaphora: SuffixSet,
    /// `[words] truth_words`: "true", "correct".
    pub truth_words: WordSet,
    /// `[words] whole_markers`: "full", "entire".
    pub whole_markers: WordSet,
    /// "we", "our": a document naming its own side with them speaks for it.
    pub first_person: WordSet,
    /// "battles", "clashes": the side after one is the opponent.
    pub fight_nouns: WordSet,
    /// "by surprise", "for granted": after a verb's object, an idiom.
    pub object_idioms: Vec<String>,
    /// "years", "decades" after "for", "since": a garrison.
    pub standing_spans: WordSet,
    pub standing_prepositions: WordSet,
    /// "may", "can" beside "mandate", "approved": permission, no hedge.
    pub permission_modals: WordSet,
    pub authorisations: Phrases,
    /// "joint exercises", "drills": troops in one are no evacuation force.
    pub exercises: Phrases,
    /// "group", "team": "a group of Ruritanian troops" are its country's.
    pub force_units: WordSet,
    /// Every form of `[deployment] standing_verbs` ("keeps", "remained").
    pub standing_verbs: Phrases,
    /// "out of (the government's hands)": a holding lost.
    pub lost_from: SuffixSet,
    /// After a staging word, a route, not a destination ("staging through").
    pub route_words: WordSet,
    /// "between Arden and Brook": both ends of a route.
    pub between: WordSet,
    pub of_words: WordSet,
    pub force_owner_words: WordSet,
    /// `[words] recipient_words`: "to" before the side a place is given to.
    pub recipient_words: WordSet,
    /// `[words] hearsay_nouns`: "a post shared 30,000 times said ...".
    pub hearsay_nouns: WordSet,
    /// `[words] eyewitnesses`: "witnesses in X said clashes broke out".
    pub eyewitnesses: WordSet,
    /// `[words] scene_nouns`: "X has been the scene of heavy fighting".
    pub scene_nouns: WordSet,
    /// `[words] locative_relatives`: "X, where clashes were reported".
    pub locative_relatives: WordSet,
    /// `[words] territory_nouns`: "surrounded by districts the rebels hold".
    pub territory_nouns: WordSet,
    /// `[words] ship_prefixes`, as written ("INS"): case matters.
    pub ship_prefixes: Vec<String>,
    /// `[words] side_pair_words`: "both forces", "rival forces".
    pub side_pair_words: WordSet,
    pub outlet_nouns: WordSet,
    pub tally_other_nouns: WordSet,
    pub people: WordSet,
    /// The host country's proper names, lower-cased ("ruritania").
    pub host_words: Vec<String>,
    /// The national capital, for the seat-of-government rule.
    pub national_capital: Option<crate::model::PlaceId>,
    pub possessives: WordSet,
    pub complementizers: WordSet,
    pub to_words: WordSet,
    pub infinitive_words: WordSet,
    pub since_words: WordSet,
    /// "first", "biggest": "since" a year after them is a baseline.
    pub since_baselines: WordSet,
    pub date_words: WordSet,
    pub vague: PhraseList,
    pub units: FxHashMap<String, u32>,
    pub scales: FxHashMap<String, u32>,
    pub ordinals: FxHashMap<String, u32>,
    pub fractions: Vec<(String, f64)>,
    /// First words of every number word or phrase, to skip other words fast.
    pub number_starts: WordSet,
    pub abbreviations: super::text::Abbreviations,
    /// Seats of power whose capture is a fall: one of every group.
    pub seats_city: Vec<Vec<String>>,
    pub seats_national: Vec<String>,
    /// Every seat phrase, city and national: a sentence without any names
    /// no seat, without a search per phrase. `None` where it cannot be
    /// built (too many phrases, or no SIMD).
    pub seats_any: Option<aho_corasick::packed::Searcher>,
    /// "X in Y": a place inside another.
    pub locative: WordSet,
    /// "a thousand".
    pub indefinite: WordSet,
    /// "one hundred and fifty".
    pub number_joiners: WordSet,
    /// "3rd", "11th".
    pub ordinal_suffixes: Vec<String>,
    /// "a 600-strong force".
    pub size_suffixes: WordSet,
    /// "France's", "the rebels'".
    pub possessive_suffixes: Vec<String>,
    /// Opening and closing quotation marks.
    pub quotes: Vec<(char, char)>,
    pub year: i32,
    pub total_capitals: u32,
}

/// "rebel-held" also matches "the rebels held", where it would hide the
/// verb "held" (the longest phrase wins): a hyphenated status takes the
/// readings of its last word too.
fn tails_of_compounds(e: &mut [(String, Trigger)]) {
    use crate::extract::matching::Merge;
    let label = |t: &Trigger| {
        Kind::ALL
            .iter()
            .any(|&k| t.readings(k).any(|(r, _)| r == Role::Label))
    };
    let mut tails: rustc_hash::FxHashMap<&str, Trigger> = Default::default();
    for (p, t) in e.iter() {
        tails
            .entry(p.as_str())
            .and_modify(|x| *x = x.merge(*t))
            .or_insert(*t);
    }
    let merged: Vec<Option<Trigger>> = e
        .iter()
        .map(|(p, t)| {
            let (_, tail) = p.rsplit_once('-')?;
            (label(t) && !tail.contains(' ')).then_some(())?;
            tails.get(tail).map(|x| t.merge(*x))
        })
        .collect();
    for ((_, t), m) in e.iter_mut().zip(merged) {
        if let Some(m) = m {
            *t = m;
        }
    }
}

/// Event words of one kind, as tagged phrases.
fn event_words(
    w: &EventWords,
    kind: Kind,
    inf: &Inflector,
    slots: &Slots,
    prepositions: &[String],
    change: &[String],
    out: &mut Vec<(String, Trigger)>,
) {
    let t = |role, cond| Trigger::of(kind, role, cond);
    let mut verbs = |list: &[String], cond: Cond, passive_cond: Cond| {
        for v in slots.expand_all(list) {
            for (form, k) in inf.phrase_forms(&v) {
                out.push((form.clone(), t(Role::Object, cond)));
                // a phrase ending in a preposition has no passive
                let dangling = form.rsplit_once(' ').is_some_and(|(_, last)| {
                    prepositions.iter().any(|p| p.eq_ignore_ascii_case(last))
                });
                if k.passive() && !dangling {
                    out.push((form, t(Role::Passive, passive_cond)));
                }
            }
        }
    };
    verbs(&w.verbs, Cond::Any, Cond::Any);
    verbs(&w.verbs_if_attacker, Cond::Attacker, Cond::Attacker);
    verbs(&w.verbs_if_defender, Cond::Defender, Cond::Defender);
    for v in slots.expand_all(&w.locative_verbs) {
        for (form, _) in inf.phrase_forms(&v) {
            out.push((form, t(Role::Locative, Cond::Attacker)));
        }
    }
    for v in slots.expand_all(&w.intransitive) {
        for (form, _) in inf.phrase_forms(&v) {
            out.push((form, t(Role::Subject, Cond::Any)));
        }
    }
    for v in slots.expand_all(&w.intransitive_bare) {
        for (form, _) in inf.phrase_forms(&v) {
            out.push((form, t(Role::Subject, Cond::Any)));
        }
    }
    for n in slots.expand_all(&w.nouns) {
        out.push((format!("{n} of"), t(Role::Object, Cond::Any)));
        out.push((format!("'s {n}"), t(Role::Subject, Cond::Any)));
        // "the rebels' capture of X": the possessor is the agent
        out.push((format!("'s {n} of"), t(Role::Object, Cond::Any)));
    }
    let mut literal = |list: &[String], role, cond| {
        for p in slots.expand_all(list) {
            out.push((p, t(role, cond)));
        }
    };
    literal(&w.object, Role::Object, Cond::Any);
    literal(&w.subject, Role::Subject, Cond::Any);
    literal(&w.either, Role::Either, Cond::Any);
    literal(&w.object_if_attacker, Role::Object, Cond::Attacker);
    literal(&w.subject_if_attacker, Role::Subject, Cond::Attacker);
    literal(&w.object_if_defender, Role::Object, Cond::Defender);
    // "{attacker} control" is "control" with the attacker's name right
    // before it: a phrase of its own would hide "the rebels control X".
    // "{attacker}-held" is one word ("rebel-held"), so a phrase of its own.
    for l in &w.label {
        let (cond, rest) = match l.trim().strip_prefix("{attacker}") {
            Some(rest) if !rest.starts_with('-') => (Cond::Attacker, rest.trim_start()),
            _ => (Cond::Any, l.trim()),
        };
        for p in slots.expand(rest) {
            out.push((p, t(Role::Label, cond)));
        }
    }
    // a state entered: "X is under rebel control" is also "X passed under
    // rebel control", "X fell into rebel hands"
    for p in slots.expand_all(&w.subject) {
        let Some((first, rest)) = p.split_once(' ') else {
            continue;
        };
        let states: &[&str] = match first {
            "under" | "into" | "back" => &[""],
            "in" => &["in", "into"],
            _ => continue,
        };
        for v in change {
            for prep in states {
                let entered = if prep.is_empty() {
                    format!("{v} {p}")
                } else {
                    format!("{v} {prep} {rest}")
                };
                for (form, _) in inf.phrase_forms(&entered) {
                    out.push((form, t(Role::Subject, Cond::Any)));
                }
            }
        }
    }
    for v in slots.expand_all(&w.not_verbs) {
        for (form, _) in inf.phrase_forms(&v) {
            out.push((form, Trigger::not(kind)));
        }
    }
    for p in slots.expand_all(&w.not) {
        out.push((p, Trigger::not(kind)));
    }
}

/// A side's one-word and hyphenated names with an affix of affiliation:
/// "Rebel-linked", "pro-government" (never "pro-the government").
fn affiliated<'a>(
    names: &'a [String],
    prefixes: &'a [String],
    suffixes: &'a [String],
) -> impl Iterator<Item = String> + 'a {
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty() && !n.contains(' '))
        .flat_map(move |n| {
            suffixes
                .iter()
                .map(move |x| format!("{n}{x}"))
                .chain(prefixes.iter().map(move |x| format!("{x}{n}")))
        })
}

fn tagged<T: Copy + 'static>(list: &[String], tag: T) -> impl Iterator<Item = (String, T)> + '_ {
    list.iter().map(move |p| (p.clone(), tag))
}

/// Every form of each verb phrase in `list`.
fn all_forms(list: &[String], inf: &Inflector) -> Vec<String> {
    list.iter()
        .flat_map(|v| inf.phrase_forms(v))
        .map(|(f, _)| f)
        .collect()
}

/// Every form of each verb phrase in `list`, tagged.
fn verb_forms<T: Copy>(
    list: &[String],
    tag: T,
    inf: &Inflector,
    slots: &Slots,
) -> Vec<(String, T)> {
    all_forms(&slots.expand_all(list), inf)
        .into_iter()
        .map(|f| (f, tag))
        .collect()
}

impl Lexicon {
    /// Whether `w` is the regular plural of a list word: "cities",
    /// "capitals", "provinces" ("the eastern cities of X and Y").
    pub fn is_list_plural(&self, w: &str) -> bool {
        let y = w.strip_suffix("ies").map(|stem| format!("{stem}y"));
        y.is_some_and(|one| self.list_gap.contains(&one))
            || w.strip_suffix('s')
                .is_some_and(|one| self.list_gap.contains(one))
    }

    /// Every seat phrase, city groups' and national.
    pub fn seat_phrases(&self) -> impl Iterator<Item = &String> + '_ {
        self.seats_city.iter().flatten().chain(&self.seats_national)
    }

    /// A word of a date: a month or weekday, or a day number ("10",
    /// "10th").
    pub fn is_date_word(&self, w: &str) -> bool {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        self.date_words.contains(w)
            || (1..=2).contains(&digits)
                && (digits == w.len() || self.ordinal_suffixes.iter().any(|x| x == &w[digits..]))
    }

    /// Whether lower-case `w` ends in a possessive suffix, straight or
    /// curly ("the rebels'", "Arden’s").
    pub fn is_possessive(&self, w: &str) -> bool {
        self.possessive_suffixes
            .iter()
            .any(|p| w.ends_with(p.as_str()))
            && !self.contractions.contains(w)
    }

    /// The text after a possessive suffix that `text` opens with ("'s
    /// southern districts" after a name).
    pub fn after_possessive<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.possessive_suffixes
            .iter()
            .find_map(|p| text.strip_prefix(p.as_str()))
    }

    /// Whether lower-case `w` is an adverb that leaves a role unchanged.
    pub fn is_adverb(&self, w: &str) -> bool {
        self.adverbs.contains(w)
            || (w.len() > 4
                && self.adverb_suffixes.iter().any(|x| w.ends_with(x.as_str()))
                && !self.not_adverbs.contains(w))
    }

    pub fn new(s: &Scenario) -> Lexicon {
        let l = &s.lexicon;
        let lang = &s.language;
        let inf = Inflector::new(&lang.inflection);
        let slots = Slots::new(s);
        let preps: Vec<String> = lang
            .words
            .trigger_prepositions
            .iter()
            .chain(&lang.words.of_words)
            .cloned()
            .collect();
        let change: &[String] = &lang.words.change_verbs;
        let mut e = Vec::new();
        // the base forms of the event verbs whose past differs ("lose",
        // not "hit"): clause-initial, an imperative
        let mut bare_base = Vec::new();
        let mut present = lang.words.present_be.clone();
        for (words, kind) in [
            (&l.fall, Kind::Fall),
            (&l.contest, Kind::Contest),
            (&l.repel, Kind::Repel),
            (&l.recapture, Kind::Recapture),
            (&l.liberate, Kind::Liberate),
            (&l.concede, Kind::Concede),
        ] {
            event_words(words, kind, &inf, &slots, &preps, change, &mut e);
            for v in [
                &words.verbs,
                &words.verbs_if_attacker,
                &words.verbs_if_defender,
            ]
            .into_iter()
            .flat_map(|l| slots.expand_all(l))
            {
                let head = v.split_whitespace().next().unwrap_or("");
                let f = inf.forms(head);
                if f.past != f.base && f.participle != f.base {
                    // the verb alone: a phrase's other words ("over",
                    // "into") are no bare verbs
                    bare_base.push(head.to_lowercase());
                }
                if f.past != f.base {
                    present.push(f.base.clone());
                    present.push(f.third.clone());
                }
            }
        }
        // "the outskirts of" is also "the northern outskirts of": a place
        // adjective may follow the article of a phrase that starts with one
        let mut with_adjective = Vec::new();
        for (p, t) in &e {
            for the in &lang.words.definite {
                let Some(rest) = p.strip_prefix(&format!("{} ", the.trim())) else {
                    continue;
                };
                for a in &lang.words.place_adjectives {
                    with_adjective.push((format!("{} {a} {rest}", the.trim()), *t));
                }
            }
        }
        e.extend(with_adjective);
        tails_of_compounds(&mut e);
        let events = PhraseSet::new(e);

        let c = &l.cues;
        let mut cu = Vec::new();
        cu.extend(verb_forms(&c.speech_verbs, Cue::SPEECH, &inf, &slots));
        cu.extend(tagged(&c.speech, Cue::SPEECH));
        cu.extend(tagged(&c.speech_speaker_after, Cue::SPEECH_AFTER));
        cu.extend(verb_forms(&c.claim_verbs, Cue::CLAIM, &inf, &slots));
        cu.extend(tagged(&c.claim, Cue::CLAIM));
        cu.extend(
            slots
                .expand_all(&c.unverified)
                .into_iter()
                .map(|p| (p, Cue::UNVERIFIED)),
        );
        cu.extend(verb_forms(&c.confirm_verbs, Cue::CONFIRM, &inf, &slots));
        cu.extend(tagged(&c.confirm, Cue::CONFIRM));
        cu.extend(verb_forms(&c.deny_verbs, Cue::DENY, &inf, &slots));
        cu.extend(tagged(&c.deny, Cue::DENY));
        cu.extend(tagged(&c.negation, Cue::NEG));
        cu.extend(tagged(&c.negation_pseudo, Cue::NEG_PSEUDO));
        cu.extend(tagged(&c.modality_pseudo, Cue::MODAL_PSEUDO));
        cu.extend(verb_forms(&c.modality_verbs, Cue::MODAL, &inf, &slots));
        cu.extend(verb_forms(&c.prevention_verbs, Cue::PREVENT, &inf, &slots));
        cu.extend(verb_forms(&c.directive_verbs, Cue::DIRECT, &inf, &slots));
        cu.extend(tagged(&c.modality, Cue::MODAL));
        cu.extend(tagged(&c.history, Cue::HISTORY));
        cu.extend(tagged(&c.peak, Cue::PEAK));
        cu.extend(tagged(&c.history_pseudo, Cue::HISTORY_PSEUDO));
        cu.extend(tagged(&c.document_voice, Cue::DOC_VOICE));
        cu.extend(tagged(&s.actors.attacker, Cue::ATTACKER));
        cu.extend(tagged(&s.actors.defender, Cue::DEFENDER));
        cu.extend(tagged(&s.actors.third_party, Cue::THIRD));
        // "Rebel-linked accounts", "pro-government militias": the side
        let (prefixes, suffixes) = (
            &lang.words.affiliation_prefixes,
            &lang.words.affiliation_suffixes,
        );
        for (names, tag) in [
            (&s.actors.attacker, Cue::ATTACKER),
            (&s.actors.defender, Cue::DEFENDER),
            (&s.actors.third_party, Cue::THIRD),
        ] {
            cu.extend(affiliated(names, prefixes, suffixes).map(move |n| (n, tag)));
        }

        let d = &l.deployment;
        let mut de = Vec::new();
        de.extend(verb_forms(&d.verbs, Dep::VERB, &inf, &slots));
        de.extend(tagged(&d.sending, Dep::VERB));
        de.extend(tagged(&d.evacuation, Dep::EVAC));
        de.extend(tagged(&d.troops, Dep::TROOPS));
        de.extend(tagged(&d.assets, Dep::ASSET));
        // "two C-17s", "A400Ms": a plural of every asset
        de.extend(
            d.assets
                .iter()
                .filter(|a| !a.ends_with('s'))
                .map(|a| (format!("{a}s"), Dep::ASSET)),
        );
        de.extend(tagged(&d.civilian, Dep::CIVILIAN));
        de.extend(tagged(&d.not_sender_after, Dep::NOT_SENDER));
        de.extend(tagged(
            &d.beneficiary_after,
            Dep::NOT_SENDER | Dep::BENEFICIARY,
        ));
        de.extend(tagged(&d.additional, Dep::ADDITIONAL));
        de.extend(tagged(&d.total_markers, Dep::TOTAL));
        de.extend(tagged(&d.previous_markers, Dep::PREVIOUS));
        de.extend(tagged(&d.count_verbs, Dep::COUNT));
        de.extend(
            slots
                .expand_all(&d.withdrawal)
                .into_iter()
                .map(|p| (p, Dep::WITHDRAW)),
        );
        de.extend(
            d.withdrawal_verbs
                .iter()
                .flat_map(|v| inf.phrase_forms(v))
                .map(|(p, _)| (p, Dep::WITHDRAW)),
        );
        de.extend(tagged(&d.combat, Dep::COMBAT));
        de.extend(
            lang.words
                .casualty_verbs
                .iter()
                .flat_map(|v| inf.phrase_forms(v))
                .map(|(p, _)| (p, Dep::COMBAT)),
        );
        de.extend(tagged(&d.elsewhere, Dep::ELSEWHERE));
        de.extend(tagged(&d.presence, Dep::PRESENCE));
        de.extend(tagged(&d.hedges, Dep::HEDGE));

        let t = &l.tally;
        let mut ta = Vec::new();
        ta.extend(tagged(&t.nouns, Tal::NOUN));
        ta.extend(
            slots
                .expand_all(&t.ordinal_nouns)
                .into_iter()
                .map(|p| (p, Tal::ORD_NOUN)),
        );
        ta.extend(tagged(&t.partial_after, Tal::PARTIAL_AFTER));
        ta.extend(
            slots
                .expand_all(&t.disqualifiers)
                .into_iter()
                .map(|p| (p, Tal::DISQUALIFY)),
        );
        // a marker that names what it counts ("the number of provincial
        // capitals") hides the noun inside it: it is the noun too
        let names_count = |m: &str| {
            t.nouns
                .iter()
                .any(|n| m.ends_with(n.as_str()) && m[..m.len() - n.len()].ends_with(' '))
        };
        for m in t
            .total_markers
            .iter()
            .chain(&all_forms(&t.total_verbs, &inf))
        {
            let tag = if names_count(m) {
                Tal::TOTAL | Tal::NOUN
            } else {
                Tal::TOTAL
            };
            ta.push((m.clone(), tag));
        }
        // "six provincial centres now under the rebels"
        ta.extend(
            slots
                .expand_all(&t.fall_words)
                .into_iter()
                .map(|p| (p, Tal::FALL_WORD)),
        );
        ta.extend(
            slots
                .expand_all(&t.hold_words)
                .into_iter()
                .map(|p| (p, Tal::HOLD)),
        );

        let sw = &lang.sentences;
        let mut br = Vec::new();
        br.extend(tagged(&sw.clause_breaks, Brk::BREAK));
        br.extend(tagged(&sw.background_breaks, Brk::BREAK | Brk::BACKGROUND));
        // the longest phrase wins: "as well as" hides the break " as "
        br.extend(tagged(&sw.not_breaks, Brk::empty()));
        br.extend(tagged(&l.partial.phrases, Brk::PARTIAL));
        // "several quarters of X", "some districts of X": a city's part
        // after a quantifier, then "of" ("the streets of X" is no part)
        let parts: Vec<String> = l
            .partial
            .possessed
            .iter()
            .flat_map(|p| {
                l.partial
                    .quantifiers
                    .iter()
                    .map(move |q| format!("{q} {p} of"))
            })
            .filter(|p| !l.partial.phrases.iter().any(|x| x.eq_ignore_ascii_case(p)))
            .collect();
        br.extend(tagged(&parts, Brk::PARTIAL));

        let n = &lang.numbers;
        let w = &lang.words;
        let owners: Vec<String> = slots.owners();
        let lower = |m: &std::collections::BTreeMap<String, u32>| {
            m.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect()
        };
        let gap = |lists: &[&[String]]| {
            let words: Vec<String> = lists.iter().flat_map(|l| slots.gap_words(l)).collect();
            WordSet::new([&words])
        };
        let cx = &l.context;
        Lexicon {
            events,
            cues: PhraseSet::new(cu),
            deploy: PhraseSet::new(de),
            tally: PhraseSet::new(ta),
            breaks: PhraseSet::new(br),
            collective: PhraseSet::new(n.collective.iter().map(|(k, v)| (k.clone(), *v as u64))),
            relative_pronouns: WordSet::new([&sw.relative_pronouns]),
            person_relatives: WordSet::new([&sw.person_relatives]),
            question_openers: WordSet::new([&sw.question_openers]),
            question_labels: WordSet::new([&sw.question_labels]),
            opening_subordinators: WordSet::new([&sw
                .background_breaks
                .iter()
                .map(|b| {
                    b.trim_matches(|c: char| c == ',' || c.is_whitespace())
                        .to_string()
                })
                .filter(|b| !b.contains(' ') && !lang.sentences.relative_pronouns.contains(b))
                .collect::<Vec<_>>()]),
            trigger_prepositions: WordSet::new([&w.trigger_prepositions]),
            attempt: SuffixSet::new(&c.attempt),
            not_sender_before: SuffixSet::new(&d.not_sender_before),
            members: SuffixSet::new(&w.members),
            country_nouns: WordSet::new([&w.country_nouns]),
            confirm_words: WordSet::new([&verb_forms(&c.confirm_verbs, (), &inf, &slots)
                .into_iter()
                .map(|(f, _)| f)
                .chain(c.confirm.iter().cloned())
                .collect::<Vec<_>>()]),
            // "captured the country's second-largest city"
            object_gap: gap(&[&cx.object_gap, &owners]),
            adverbial_gap: gap(&[&cx.object_gap, &cx.adverbial_gap, &owners]),
            contest_gap: gap(&[&cx.object_gap, &cx.contest_gap]),
            subject_gap: gap(&[&cx.subject_gap]),
            province_words: WordSet::new([&cx.province_words]),
            list_gap: gap(&[&cx.list_gap]),
            number_gap: gap(&[&d.number_gap]),
            partial_between: WordSet::new([&t.partial_between]),
            city_nouns: WordSet::new([&cx.city_nouns]),
            place_nouns: WordSet::new([&cx.city_nouns, &cx.place_nouns]),
            name_of: WordSet::new([&w.name_of]),
            partial_possessed: l
                .partial
                .possessed
                .iter()
                .map(|p| p.to_lowercase())
                .collect(),
            approximators: WordSet::new([&n.approximators]),
            determiners: WordSet::new([&w.determiners]),
            definite: WordSet::new([&w.definite]),
            place_adjectives: WordSet::new([&w.place_adjectives]),
            compass: WordSet::new([&w.compass]),
            topic_nouns: WordSet::new([&w.topic_nouns]),
            topic_frames: w.topic_frames.iter().map(|f| f.to_lowercase()).collect(),
            inversion_openers: WordSet::new([&w.inversion_openers]),
            reciprocals: SuffixSet::new(&w.reciprocals),
            present_be: WordSet::new([&w.present_be]),
            landmark_before: SuffixSet::new(&cx.landmark_before),
            speech_settings: WordSet::new([&w.speech_settings]),
            hold_nouns: WordSet::new([&w.hold_nouns]),
            partitives: WordSet::new([&w.partitives]),
            resumptive: WordSet::new([&w.resumptive]),
            copulas: WordSet::new([&w.copulas]),
            exceptions: w.exceptions.iter().map(|e| e.to_lowercase()).collect(),
            holdouts: w.holdouts.iter().map(|e| e.to_lowercase()).collect(),
            governors: WordSet::new([&w.governors]),
            speaker_prepositions: WordSet::new([&w.speaker_prepositions]),
            anchor_prepositions: WordSet::new([&w.anchor_prepositions]),
            comparatives: WordSet::new([&w.comparatives]),
            person_pronouns: WordSet::new([&w.person_pronouns]),
            object_pronouns: WordSet::new([&w.object_pronouns]),
            generic_subjects: WordSet::new([&w.generic_subjects]),
            adverbs: WordSet::new([&w.adverbs]),
            adverb_suffixes: w.adverb_suffixes.clone(),
            not_adverbs: WordSet::new([&w.not_adverbs]),
            prepositions: WordSet::new([&w.prepositions]),
            affiliation: WordSet::new([&w.affiliation]),
            spread_verbs: SuffixSet::new(&all_forms(&w.spread_verbs, &inf)),
            served_with: SuffixSet::new(&all_forms(&w.served_with, &inf)),
            giving_verbs: SuffixSet::new(&all_forms(&w.giving_verbs, &inf)),
            fall_nouns: WordSet::new([&s.lexicon.fall.nouns]),
            motion_prepositions: WordSet::new([&w.motion_prepositions]),
            title_words: WordSet::new([&w.title_words]),
            conjunction_words: WordSet::new([&w
                .conjunctions
                .iter()
                .flat_map(|c| c.split_whitespace().map(str::to_string))
                .collect::<Vec<_>>()]),
            companions: w
                .conjunctions
                .iter()
                .filter(|c| c.contains(' '))
                .map(|c| c.to_lowercase())
                .collect(),
            perfect_aux: WordSet::new([&w.perfect_aux]),
            do_support: WordSet::new([&w.do_support]),
            part_prepositions: WordSet::new([&w.part_prepositions]),
            contractions: WordSet::new([&w.contractions]),
            metonyms: PhraseList::new(
                &s.countries
                    .iter()
                    .flat_map(|c| &c.metonyms)
                    .cloned()
                    .collect::<Vec<_>>(),
            ),
            consequence_participles: WordSet::new([&w
                .consequence_verbs
                .iter()
                .map(|v| inf.forms(v).gerund)
                .collect()]),
            durations: WordSet::new([&w.durations]),
            demonstratives: WordSet::new([&w.demonstratives]),
            span_prepositions: WordSet::new([&w.span_prepositions]),
            ellipsis_words: WordSet::new([&w.ellipsis_words]),
            passive_by: WordSet::new([&w.passive_by]),
            passive_aux: WordSet::new([&w.passive_aux]),
            destination_before: SuffixSet::new(&d.destination_before),
            origin_before: WordSet::new([&d.origin_before]),
            place_heads: WordSet::new([&d.place_heads]),
            standing: Phrases::new(d.standing.iter().map(|p| p.to_lowercase())),
            fight_nouns: WordSet::new([&w.fight_nouns]),
            first_person: WordSet::new([&w.first_person]),
            base_verbs: WordSet::new([&bare_base]),
            present_verbs: WordSet::new([&present]),
            condition_openers: SuffixSet::new(&w.condition_openers),
            intensives: WordSet::new([&w.intensives]),
            claim_anaphora: SuffixSet::new(&w.claim_anaphora),
            truth_words: WordSet::new([&w.truth_words]),
            whole_markers: WordSet::new([&w.whole_markers]),
            witness_verbs: WordSet::new([&w
                .witness_verbs
                .iter()
                .flat_map(|v| inf.phrase_forms(v))
                .map(|(f, _)| f)
                .collect::<Vec<String>>()]),
            arrival_verbs: SuffixSet::new(
                &w.arrival_verbs
                    .iter()
                    .flat_map(|v| inf.phrase_forms(v))
                    .map(|(f, _)| f)
                    .collect::<Vec<String>>(),
            ),
            bare_forms: WordSet::new([&[&l.fall, &l.contest, &l.repel, &l.recapture, &l.concede]
                .iter()
                .flat_map(|e| e.intransitive_bare.iter())
                .flat_map(|v| inf.phrase_forms(v))
                .map(|(f, _)| f)
                .collect::<Vec<String>>()]),
            bare_after: WordSet::new([&w.bare_after]),
            bare_date_prepositions: WordSet::new([&w.bare_date_prepositions]),
            claim_labels: WordSet::new([&w.claim_labels]),
            object_idioms: w.object_idioms.iter().map(|p| p.to_lowercase()).collect(),
            force_units: WordSet::new([&d.force_units]),
            standing_spans: WordSet::new([&d.standing_spans]),
            standing_prepositions: WordSet::new([&d.standing_prepositions]),
            exercises: Phrases::new(d.exercises.iter().map(|p| p.to_lowercase())),
            permission_modals: WordSet::new([&d.permission_modals]),
            authorisations: Phrases::new(
                d.authorisations
                    .iter()
                    .flat_map(|v| inf.phrase_forms(v))
                    .map(|(p, _)| p),
            ),
            standing_verbs: Phrases::new(
                d.standing_verbs
                    .iter()
                    .flat_map(|v| inf.phrase_forms(v))
                    .map(|(p, _)| p),
            ),
            lost_from: SuffixSet::new(&l.tally.lost_from),
            route_words: WordSet::new([&d.route]),
            between: WordSet::new([&d.between]),
            of_words: WordSet::new([&w.of_words]),
            force_owner_words: WordSet::new([&w.force_owner_words]),
            recipient_words: WordSet::new([&w.recipient_words]),
            hearsay_nouns: WordSet::new([&w.hearsay_nouns]),
            eyewitnesses: WordSet::new([&w.eyewitnesses]),
            scene_nouns: WordSet::new([&w.scene_nouns]),
            locative_relatives: WordSet::new([&w.locative_relatives]),
            territory_nouns: WordSet::new([&w.territory_nouns]),
            ship_prefixes: w.ship_prefixes.clone(),
            side_pair_words: WordSet::new([&w.side_pair_words]),
            outlet_nouns: WordSet::new([&w.outlet_nouns]),
            tally_other_nouns: WordSet::new([&t.other_nouns]),
            people: WordSet::new([&cx.people]),
            host_words: s
                .scenario
                .host_names
                .iter()
                .filter(|h| h.starts_with(char::is_uppercase))
                .map(|h| h.to_lowercase())
                .collect(),
            national_capital: s
                .places
                .iter()
                .position(|p| p.national_capital)
                .map(|i| i as crate::model::PlaceId),
            possessives: WordSet::new([&w.possessives]),
            complementizers: WordSet::new([&w.complementizers]),
            to_words: WordSet::new([&w.to_words]),
            infinitive_words: WordSet::new([&w.infinitive_words]),
            since_words: WordSet::new([&w.since_words]),
            since_baselines: WordSet::new([&w.since_baselines]),
            date_words: WordSet::new([&w.date_words]),
            vague: PhraseList::new(&n.vague),
            number_starts: {
                let firsts: Vec<String> = n
                    .units
                    .keys()
                    .chain(n.scales.keys())
                    .chain(n.ordinals.keys())
                    .chain(n.collective.keys())
                    .chain(n.vague.iter())
                    .chain(n.fractions.keys())
                    .filter_map(|k| k.split_whitespace().next())
                    .map(|w| w.to_lowercase())
                    .chain(w.determiners.iter().map(|d| d.to_lowercase()))
                    .collect();
                WordSet::new([&firsts])
            },
            units: lower(&n.units),
            scales: lower(&n.scales),
            ordinals: lower(&n.ordinals),
            fractions: n
                .fractions
                .iter()
                .map(|(k, v)| (k.to_lowercase(), *v))
                .collect(),
            abbreviations: super::text::Abbreviations {
                always: sw.abbreviations.clone(),
                before_number: sw.number_abbreviations.clone(),
                starters: sw.sentence_starters.clone(),
            },
            seats_city: l
                .seats
                .city
                .iter()
                .map(|g| g.iter().map(|p| p.to_lowercase()).collect())
                .collect(),
            locative: WordSet::new([&w.locative]),
            indefinite: WordSet::new([&w.indefinite]),
            number_joiners: WordSet::new([&n.joiners]),
            ordinal_suffixes: n
                .ordinal_suffixes
                .iter()
                .map(|x| x.to_lowercase())
                .collect(),
            size_suffixes: WordSet::new([&n.size_suffixes]),
            possessive_suffixes: w
                .possessive_suffixes
                .iter()
                .flat_map(|p| [p.to_lowercase(), p.replace('\'', "’")])
                .collect(),
            seats_national: l.seats.national.iter().map(|p| p.to_lowercase()).collect(),
            // a SIMD search: asked of every sentence with a fall trigger
            seats_any: aho_corasick::packed::Config::new()
                .builder()
                .extend(
                    l.seats
                        .city
                        .iter()
                        .flatten()
                        .chain(&l.seats.national)
                        .map(|p| p.to_lowercase()),
                )
                .build(),
            quotes: w
                .quotes
                .iter()
                .filter_map(|[a, b]| Some((a.chars().next()?, b.chars().next()?)))
                .collect(),
            year: s.scenario.year,
            total_capitals: s.scenario.total_capitals,
        }
    }
}
