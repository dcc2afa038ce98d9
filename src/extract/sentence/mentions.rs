//! Gazetteer matches resolved to places: names, descriptions, provinces
//! named for their capital, anaphora, and each mention's role.

use crate::model::PlaceId;

use super::{Discourse, MKind, Mention, Sentence};
use crate::extract::gazetteer::{Gaz, Gazetteer};
use crate::extract::lexicon::{Brk, Cue, Dep, Kind, Lexicon};
use crate::extract::matching::{last_word_start, Hit, WordSet};

/// At most this many words before a place and its colon make a label
/// ("Latest from X:"), not a sentence that happens to hold a colon.
const TOPIC_LABEL_WORDS: usize = 3;
/// Auxiliaries, negations and adverbs between a place and the verb it
/// acts by ("Glen has still not sent").
const AUTHORITY_GAP_WORDS: usize = 4;
/// Words back from a place to the person whose whereabouts it may say
/// ("our correspondent, who travelled to X", "people crossing from X").
const SPEAKER_NOUN_WORDS: usize = 8;

/// Words at the opening of a clause where the one who arrives somewhere
/// stands as its subject ("our correspondent ... has reached X").
const ARRIVER_WORDS: usize = 3;

/// A description standing for `place` ("the city", "both towns").
fn anaphor(start: usize, end: usize, place: PlaceId) -> Mention {
    Mention {
        kind: MKind::Anaphor,
        ..named(start, end, place)
    }
}

fn named(start: usize, end: usize, place: PlaceId) -> Mention {
    Mention {
        start,
        end,
        place,
        kind: MKind::Name,
        participant: true,
        speaker: false,
        loose: false,
    }
}

impl Sentence<'_> {
    pub(super) fn resolve(
        &mut self,
        gaz: &Gazetteer,
        lex: &Lexicon,
        hits: &[Hit<Gaz>],
        (loose, base): (&[usize], usize),
        disc: &mut Discourse,
    ) {
        let lower = self.lower;
        let mut out: Vec<Mention> = std::mem::take(&mut self.mentions);
        out.clear();
        let mut last_province: Option<PlaceId> = None;
        // a province an official of this sentence belongs to ("the governor
        // of Westmarch", "Westmarch police"): "the city" they speak of is its
        // capital
        let mut officials_province: Option<PlaceId> = None;
        // quoted "the city" with nothing salient: maybe where its speaker is
        let mut unresolved: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        let only_space = |a: usize, b: usize| a <= b && lower[a..b].trim().is_empty();
        let comma_between = |a: usize, b: usize| a <= b && lower[a..b].trim() == ",";
        // a preposition and a few words, no punctuation: "in the northwest"
        let locative = |a: usize, b: usize| {
            a <= b && !lower[a..b].contains([',', ';', '.', ':', '(', ')']) && {
                let words: Vec<&str> = lower[a..b].split_whitespace().collect();
                (2..=4).contains(&words.len()) && lex.anchor_prepositions.contains(words[0])
            }
        };
        // the end of a province word right after `at` ("Arden province")
        let province_word_end = |at: usize| -> Option<usize> {
            let tail = &lower[at..];
            let t = tail.trim_start();
            let word = t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            (!word.is_empty() && gaz.province_words.starts(word))
                .then(|| at + (tail.len() - t.len()) + word.len())
        };
        while i < hits.len() {
            let h = hits[i];
            let next = hits.get(i + 1).copied();
            let push = |mut m: Mention, out: &mut Vec<Mention>, disc: &mut Discourse| {
                m.loose = loose.binary_search(&(base + m.start)).is_ok();
                // "Arden (Calder province) — fell overnight": a place in
                // brackets glosses the name, as an agency's never does
                let glossed = next.is_some_and(|n| {
                    n.start >= m.end
                        && lower[m.end..n.start].trim() == "("
                        && lower[n.end..].trim_start().starts_with(')')
                        && matches!(n.tag, Gaz::Province(_) | Gaz::Capital(_))
                });
                self.push_mention(gaz, lex, m, glossed, out, disc);
            };
            match h.tag {
                Gaz::Capital(p) => {
                    // "Arden province": also the province, for what
                    // points back at one ("the city of the same name")
                    if province_word_end(h.end).is_some() {
                        last_province = Some(p);
                    }
                    push(named(h.start, h.end, p), &mut out, disc)
                }
                Gaz::Rank(_) | Gaz::Ranks(..)
                    if gaz.foreign_rank(self.text, h.start, h.end, |w| {
                        lex.locative.contains(w) || lex.of_words.contains(w)
                    }) => {}
                Gaz::Rank(p) => push(named(h.start, h.end, p), &mut out, disc),
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
                        // "In Westmarch, where the rebels took the capital":
                        // the scene's capital, unless the national one is
                        // named too
                        let bare = gaz
                            .scene_capital
                            .iter()
                            .any(|c| *c == lower[h.start..h.end]);
                        let national_named = || {
                            hits.iter()
                                .any(|x| matches!(x.tag, Gaz::Capital(c) if c == p))
                        };
                        let scene = out
                            .first()
                            .filter(|_| bare && !national_named())
                            .filter(|m| self.sets_scene(gaz, lex, m))
                            .map_or(p, |m| m.place);
                        push(named(h.start, h.end, scene), &mut out, disc);
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
                        if self.official_of(h.start, h.end, &gaz.people) {
                            officials_province = Some(p);
                        }
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
                Gaz::CapitalOf | Gaz::SeatOf => {
                    // "capital of (the) (northern) Westmarch (province)", and
                    // "the capitals of Westmarch and Eastmarch provinces"
                    let strict = h.tag == Gaz::SeatOf;
                    let mut targets: Vec<(PlaceId, usize)> = Vec::new();
                    // where the last member's name ended, before any
                    // province word after it
                    let mut from_name_end = h.end;
                    let mut k = i + 1;
                    let mut from = h.end;
                    while let Some(n) = hits.get(k).copied() {
                        let between = &lower[from..n.start];
                        let gap = between.split_whitespace().count();
                        let first = targets.is_empty();
                        let joined = if first {
                            // "capital of the central province of Daykundi"
                            gap <= 5 && !between.contains([',', ';', '.', ':'])
                        } else {
                            is_list_glue(between, lex)
                        };
                        if !joined {
                            break;
                        }
                        let q = match n.tag {
                            Gaz::Province(q) => Some(q),
                            // a city named like its province: "the capital of
                            // Arden"; "the centre of" needs "province" after
                            Gaz::Capital(q) if !strict || province_word_end(n.end).is_some() => {
                                Some(q)
                            }
                            Gaz::ThatProvince if first && gap == 0 => last_province,
                            _ => None,
                        };
                        let Some(q) = q else { break };
                        let word_end = province_word_end(n.end);
                        // "the capital of Westmarch province and Brook":
                        // a first member closed by its own province word
                        // ends the list unless the next one has its own
                        // too; a word after several members is theirs
                        // ("Eastmarch, Westmarch and Northmarch provinces,
                        // as well as Arden" goes on)
                        let closed = targets.len() == 1 && targets[0].1 > from_name_end;
                        if closed && word_end.is_none() {
                            break;
                        }
                        let end = word_end.unwrap_or(n.end);
                        from_name_end = n.end;
                        targets.push((q, end));
                        from = end;
                        k += 1;
                    }
                    if !targets.is_empty() {
                        let start = h.start;
                        for (q, end) in &targets {
                            push(named(start, *end, *q), &mut out, disc);
                        }
                        i = k;
                        continue;
                    }
                }
                Gaz::CityAnaphor => {
                    let phrase = &lower[h.start..h.end];
                    // "Arden, the provincial capital," / "the provincial
                    // capital, Arden,": the description is the name's
                    let appos_before = out
                        .last()
                        .filter(|m| m.kind == MKind::Name && comma_between(m.end, h.start))
                        .map(|m| m.place);
                    let appos_after = next
                        .filter(|n| gaz.is_apposition(&lower[h.end..n.start]))
                        .and_then(|n| match n.tag {
                            Gaz::Capital(q) => Some(q),
                            _ => None,
                        });
                    // "the city prison in Brook": a place named a few
                    // words on, after an anchoring preposition; not "the
                    // city towards the airport at X", where the phrase ends
                    // before a preposition
                    let anchored = next
                        .filter(|n| {
                            let between = &lower[h.end..n.start];
                            let words: Vec<&str> = between.split_whitespace().collect();
                            !between.contains([',', ';', '.', ':', '(', '"'])
                                && (1..=4).contains(&words.len())
                                && (words.len() == 1
                                    || !(lex.prepositions.contains(words[0])
                                        || lex.motion_prepositions.contains(words[0])))
                                && words
                                    .last()
                                    .is_some_and(|w| lex.anchor_prepositions.contains(w))
                        })
                        .and_then(|n| match n.tag {
                            Gaz::Capital(q) => Some(q),
                            _ => None,
                        });
                    // "X, where the rebels breached the city's defences":
                    // in a relative clause, the place it is about
                    let in_relative = out
                        .last()
                        .filter(|m| {
                            m.kind == MKind::Relative
                                && !lower[m.end..h.start].contains([',', ';', ':', '.', '"'])
                                && antecedent_participates(&out, m)
                        })
                        .map(|m| m.place);
                    let place = if let Some(q) = appos_before.or(appos_after).or(anchored) {
                        Some(q)
                    } else if gaz.is_provincial_anaphor(phrase) && last_province.is_some() {
                        last_province
                    } else if in_relative.is_some() {
                        in_relative
                    } else {
                        // "the governor of Westmarch confirmed the fall of
                        // the city": an official's province outranks places
                        // of sentences before, not one named here ("fighters
                        // from Eastmarch helped take the city" is not its
                        // capital)
                        // "(REPORTER, ARDEN): a lawmaker from Brook said
                        // the city had fallen": the speaker's city before
                        // one named only in an aside
                        // "NIMROZ: after the enemy entered the city": a
                        // province set as the scene names its capital
                        let scene = out
                            .first()
                            .filter(|m| self.sets_scene(gaz, lex, m))
                            .map(|m| m.place);
                        // "the X airport is still held; the city itself
                        // fell": the place whose part was just named
                        let (word, _) = first_word(&lower[h.end..]);
                        let (own, _) = last_word(phrase);
                        let itself = (lex.intensives.contains(word)
                            || lex.intensives.contains(own))
                        .then(|| disc.part_owner(1))
                        .flatten();
                        // "stepped up pressure on X, with residents reporting
                        // fighting in the city's streets": the city named
                        // last in this sentence after a preposition a
                        // trigger takes, though only as a landmark, before
                        // one of a sentence before; not one gone to ("left
                        // for X"), come from or measured from ("south of
                        // X"), nor one across a quotation
                        let named_here = out
                            .iter()
                            .rfind(|m| {
                                let (before, _) = last_word(&lower[..m.start]);
                                m.kind == MKind::Name
                                    && !m.speaker
                                    && lex.trigger_prepositions.contains(before)
                                    && !lex.motion_prepositions.contains(before)
                                    && !lower[m.end..h.start].contains(['"', '“', '”'])
                            })
                            .map(|m| m.place);
                        itself
                            .or_else(|| disc.foreground_now())
                            .or(scene)
                            .or(officials_province)
                            .or_else(|| disc.speaker_now())
                            .or(named_here)
                            .or_else(|| disc.topic(0))
                            .or_else(|| disc.salient(3))
                    };
                    if let Some(p) = place {
                        push(anaphor(h.start, h.end, p), &mut out, disc);
                    } else if self.quote_at(h.start).is_some()
                        || out
                            .iter()
                            .any(|m| self.of_speaker(gaz, lex, m, h.start, false))
                    {
                        unresolved.push((h.start, h.end));
                    }
                }
                // "Arden and Brook ... both cities": one mention for each
                // place of the list named last, in this sentence or just
                // before; none where the names follow ("the two cities of
                // Arden and Brook") or their number disagrees
                Gaz::PluralAnaphor => {
                    let names_follow = next.is_some_and(|n| {
                        let gap = lower[h.end..n.start].trim();
                        gap.is_empty() || lex.of_words.contains(gap) || gap == ":" || gap == ","
                    });
                    let mut here: Vec<PlaceId> = Vec::new();
                    for m in out.iter().filter(|m| {
                        !matches!(m.kind, MKind::Pronoun | MKind::Possessive | MKind::Province)
                    }) {
                        if !here.contains(&m.place) {
                            here.push(m.place);
                        }
                    }
                    let group = if here.len() >= 2 { here } else { disc.group(2) };
                    // "several of these cities": some of them, which not said
                    let (of, rest) = last_word(&lower[..h.start]);
                    let (q, _) = last_word(rest);
                    let part = lex.of_words.contains(of)
                        && (lex.partitives.contains(q)
                            || lex.units.contains_key(q)
                            || q.bytes().all(|b| b.is_ascii_digit()) && !q.is_empty());
                    let stated = lower[h.start..h.end]
                        .split_whitespace()
                        .find_map(|w| lex.units.get(w).copied());
                    if !names_follow
                        && !part
                        && group.len() >= 2
                        && stated.is_none_or(|n| n as usize == group.len())
                    {
                        for p in group {
                            push(anaphor(h.start, h.end, p), &mut out, disc);
                        }
                    }
                }
                // "the ministry said its forces": the side's, not a place's
                Gaz::Possessive if self.side_just_before(h.start) => {}
                // "Ruritania has deployed its special forces to Arden to
                // protect its embassy": the country's
                Gaz::Pronoun | Gaz::Possessive if self.country_before(h.start, &out) => {}
                // "the army said it had repelled", "the rebels said on Friday
                // its forces": the speaker's
                Gaz::Pronoun | Gaz::Possessive
                    if self.organisation_says(h.start, &out)
                        && (h.tag == Gaz::Possessive || !self.object_pronoun(lex, h.end)) => {}
                Gaz::Pronoun | Gaz::Possessive => {
                    // "families who fled from X after it fell": the place
                    // just left is the subject of the time clause after it
                    let left = (h.tag == Gaz::Pronoun)
                        .then(|| self.place_left_before(lex, h.start, &out))
                        .flatten();
                    if let Some(p) = left {
                        out.push(Mention {
                            kind: MKind::Pronoun,
                            ..named(h.start, h.end, p)
                        });
                    } else if let Some(p) = disc.salient(1) {
                        // "It had been under siege ... the rebels now hold
                        // the governor's office": a pronoun for the place
                        // spoken of keeps it the topic (a speaker's
                        // whereabouts stays one)
                        if disc.topic(1) == Some(p) {
                            disc.note(p, self.in_background(h.start));
                        }
                        let kind = if h.tag == Gaz::Pronoun {
                            MKind::Pronoun
                        } else {
                            MKind::Possessive
                        };
                        out.push(Mention {
                            kind,
                            ..named(h.start, h.end, p)
                        });
                    }
                }
                Gaz::Relative => {
                    let before = lower[..h.start].trim_end();
                    if before.ends_with(',') {
                        let comma = before.len() - 1;
                        let ante = out
                            .iter()
                            .rev()
                            .find(|m| !matches!(m.kind, MKind::Pronoun | MKind::Possessive));
                        // ", the fief of the marshal,": a short noun phrase
                        // set off by commas, nothing else
                        let apposed = |a: usize, comma: usize| {
                            const MAX_WORDS: usize = 8;
                            let Some(inner) = lower[a..comma].trim_start().strip_prefix(',') else {
                                return false;
                            };
                            let first = inner.split_whitespace().next().unwrap_or("");
                            // verbless: "the marshal has said" is an aside
                            let verb = inner
                                .split_whitespace()
                                .any(|w| lex.copulas.contains(w) || lex.perfect_aux.contains(w));
                            !inner.contains([',', ';', '"', '(', ')'])
                                && !verb
                                && (lex.determiners.contains(first)
                                    || lex.possessives.contains(first))
                                && inner.split_whitespace().count() <= MAX_WORDS
                        };
                        // "Arden City, which": the name's own noun may follow it
                        let own_noun = |a: usize| {
                            let gap = lower[a..comma].trim();
                            gap.is_empty() || gaz.city_nouns.contains(gap)
                        };
                        // "Arden city, 150 km south of Brook, where": a
                        // landmark inside an apposition describes the
                        // name before it, which the relative is about
                        let described = |m: &Mention| {
                            let x = out
                                .iter()
                                .rev()
                                .find(|x| x.end <= m.start && x.kind != MKind::Province)?;
                            let (own, aside) = lower[x.end..m.start].split_once(',')?;
                            let own = own.trim();
                            // "travelled from X, 200 km east of Y, where":
                            // X, whatever role "from" gives it
                            (x.kind == MKind::Name
                                && (own.is_empty() || gaz.city_nouns.contains(own))
                                && !aside.contains(','))
                            .then_some(x.place)
                        };
                        let described = ante
                            .filter(|m| !m.participant && m.kind == MKind::Name)
                            .and_then(described);
                        let place = match ante {
                            _ if described.is_some() => described,
                            Some(m) if m.kind != MKind::Province && own_noun(m.end) => {
                                Some(m.place)
                            }
                            // "Arden, Eastmarch province, which": the province in
                            // apposition to its own capital
                            Some(m)
                                if m.kind == MKind::Province
                                    && province_word_end(m.end).unwrap_or(m.end) <= comma
                                    && only_space(
                                        province_word_end(m.end).unwrap_or(m.end),
                                        comma,
                                    )
                                    && out.iter().rev().find(|x| x.end <= m.start).is_some_and(
                                        |x| {
                                            x.kind == MKind::Name
                                                && x.place == m.place
                                                && comma_between(x.end, m.start)
                                        },
                                    ) =>
                            {
                                Some(m.place)
                            }
                            // "Tirinkot in Oruzgan, which"; not "news for Arden
                            // in Westmarch, where": another province's
                            Some(m) if m.kind == MKind::Province && only_space(m.end, comma) => out
                                .iter()
                                .rev()
                                .skip(1)
                                .find(|x| {
                                    x.kind == MKind::Name
                                        && x.place == m.place
                                        && x.end < m.start
                                        && lex.locative.contains(lower[x.end..m.start].trim())
                                })
                                .map(|x| x.place),
                            // "Arden in the northwest, which": a short
                            // locative phrase between the name and ", which",
                            // or set off by commas ("Arden, in the east, which")
                            Some(m)
                                if m.kind != MKind::Province
                                    && (locative(m.end, comma) || {
                                        let gap = &lower[m.end..comma];
                                        gap.trim_start().starts_with(',')
                                            && gap
                                                .find(',')
                                                .is_some_and(|i| locative(m.end + i + 1, comma))
                                    }) =>
                            {
                                Some(m.place)
                            }
                            // "Arden, the stronghold of the old marshal,
                            // which": a noun phrase in apposition between
                            Some(m) if m.kind != MKind::Province && apposed(m.end, comma) => {
                                Some(m.place)
                            }
                            _ => None,
                        };
                        if let Some(p) = place {
                            // "travelled from X, ..., where the fighting had
                            // not stopped": X, a landmark so far, is now what
                            // the text is about ("the city" next is X)
                            if described.is_some() {
                                disc.note(p, true);
                            }
                            out.push(Mention {
                                kind: MKind::Relative,
                                ..named(h.start, h.end, p)
                            });
                        }
                    }
                }
                // "DJIBOUTI, March 30 (Wire) --": where the report was
                // filed, no country taking part
                Gaz::Country(c) | Gaz::CountryUpper(c) => {
                    if !self.is_dateline_at(h.start, h.end, true) {
                        self.countries.push((h.start, h.end, c));
                    }
                }
                Gaz::ThatProvince | Gaz::Skip | Gaz::Host => {}
            }
            i += 1;
        }
        if !unresolved.is_empty() {
            for (start, end) in unresolved {
                // any place: the post-pass below points it at the speaker's
                let placed = |m: &&Mention| {
                    m.speaker || (m.end <= start && self.of_speaker(gaz, lex, m, start, false))
                };
                if let Some(p) = out.iter().find(placed).map(|m| m.place) {
                    out.push(anaphor(start, end, p));
                }
            }
            out.sort_by_key(|m| m.start);
        }
        self.quoted_city_is_speakers(gaz, lex, &mut out);
        self.mentions = out;
    }

    /// '"... the city is under their control," said a council member in
    /// Brook': a "the city" quoted from a speaker placed in a city is that
    /// city, not the one last spoken of.
    fn quoted_city_is_speakers(&self, gaz: &Gazetteer, lex: &Lexicon, out: &mut [Mention]) {
        for i in 0..out.len() {
            if out[i].kind != MKind::Anaphor {
                continue;
            }
            let Some(q) = self.quote_at(out[i].start) else {
                // "X's police chief confirmed his men had left the city":
                // reported speech of a speaker placed in X, with no other
                // city between
                let at = out[i].start;
                let mut speaker = out[..i].iter().rev().find(|m| m.kind != MKind::Province);
                // "a member of X's council, my classmate from Y, tells me":
                // Y in an apposition on the speaker placed in X says
                // nothing of where the speaker is
                if let (Some(near), Some(placed_in)) = (
                    speaker,
                    out[..i]
                        .iter()
                        .rev()
                        .find(|m| m.speaker && m.kind != MKind::Province),
                ) {
                    let lower = self.lower;
                    // a verbless apposition: not "who reached Y"
                    let apposed = placed_in.end <= near.start
                        && lower[placed_in.end..near.start].contains(',')
                        && !self.clause(self.clause_at(near.start)).relative
                        && !lower[placed_in.end..near.start]
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| lex.relative_pronouns.contains(w))
                        // its landmark noun ("Y University") inside it
                        && near.end <= at
                        && lower[near.end..at]
                            .split_once(',')
                            .is_some_and(|(tail, _)| tail.split_whitespace().count() <= 2)
                        && !self.cues.iter().any(|c| {
                            c.tag.contains(Cue::SPEECH) && c.start >= placed_in.end && c.end <= near.start
                        });
                    if apposed {
                        speaker = Some(placed_in);
                    }
                }
                // where a speaker is: "officials in X", "X's police chief"
                let placed = |m: &&Mention| {
                    m.speaker
                        || !m.participant
                            && m.kind == MKind::Name
                            && self.lower[m.end..].starts_with(['\'', '’'])
                        || self.of_speaker(gaz, lex, m, at, true)
                };
                if let Some(p) = speaker.filter(placed) {
                    let said = self.cues.iter().any(|c| {
                        c.tag.contains(Cue::SPEECH)
                            && !c.tag.contains(Cue::SPEECH_AFTER)
                            && c.start >= p.end
                            && c.end <= at
                    }) || self.of_speaker(gaz, lex, p, at, true);
                    if said {
                        out[i].place = p.place;
                    }
                }
                continue;
            };
            let whereabouts = out
                .iter()
                .filter(|m| m.speaker && (m.start >= q.end || m.end <= q.start))
                .map(|m| m.place)
                .next();
            if let Some(p) = whereabouts {
                out[i].place = p;
            }
        }
    }

    /// Whether a place no event takes is where the people who speak
    /// before `at` are or come from: "demonstrators in nearby X said",
    /// "people crossing from X say", "our correspondent, who travelled to
    /// X, said". A "the city" they speak of is X. `strict` (over a place
    /// the text already spoke of) takes only where they are or come from
    /// ("in", "from"), not where they went ("the governor flew out to X;
    /// he said the army in the city surrendered").
    fn of_speaker(
        &self,
        gaz: &Gazetteer,
        lex: &Lexicon,
        m: &Mention,
        at: usize,
        strict: bool,
    ) -> bool {
        if m.kind != MKind::Name || m.participant || m.end > at {
            return false;
        }
        // "our correspondent, who travelled to X, said": a relative clause
        // on the speaker says where the speaker went to speak from
        if strict && !self.clause(self.clause_at(m.start)).relative {
            let (prep, _) = last_word(super::strip_determiners(&self.lower[..m.start], lex));
            if !lex.speaker_prepositions.contains(prep) {
                return false;
            }
        }
        let from = self.words_back(m.start, SPEAKER_NOUN_WORDS);
        let person = self.lower[from..m.start]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| gaz.people.contains(w));
        let witnessed = || {
            self.lower[m.end..at]
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| lex.witness_verbs.contains(w))
        };
        person
            && (self.cues.iter().any(|c| {
                c.tag.contains(Cue::SPEECH)
                    && !c.tag.contains(Cue::SPEECH_AFTER)
                    && c.start >= m.end
                    && c.end <= at
            }) || witnessed())
    }

    /// Whether a province opens the sentence as its scene: "In Westmarch,",
    /// "Westmarch:", "Westmarch (Arden):".
    fn sets_scene(&self, gaz: &Gazetteer, lex: &Lexicon, m: &Mention) -> bool {
        let before = self.lower[..m.start].trim_matches(|c: char| !c.is_alphanumeric());
        let mut after = self.lower[m.end..].trim_start();
        if let Some(len) = gaz.province_words.starts_len(after) {
            after = after[len..].trim_start();
        }
        m.kind == MKind::Province
            && (before.is_empty() || lex.locative.contains(before))
            && after.starts_with([',', ':', '('])
    }

    /// Whether a country is named before `pos` and no place taking part
    /// is named before `pos` at all: the pronoun at `pos` is the
    /// country's ("X, on the Ruritanian border, ... its governor" is X's).
    fn country_before(&self, pos: usize, out: &[Mention]) -> bool {
        self.countries.iter().any(|c| c.1 <= pos)
            && !out.iter().any(|m| m.participant && m.end <= pos)
    }

    /// Whether `pos` follows, within a few words, a verb of speech whose
    /// subject is one side named as a body ("the army said", "Rapid
    /// Support Forces announced on Friday"), with no place taking part
    /// between: a pronoun there is the speaker. Plain plurals ("officials
    /// said it fell") leave the pronoun to the place.
    fn organisation_says(&self, pos: usize, out: &[Mention]) -> bool {
        const SPEECH_REACH: usize = 3;
        let from = self.words_back(pos, SPEECH_REACH);
        let Some(speech) = self
            .cues
            .iter()
            .rfind(|c| c.tag.contains(Cue::SPEECH) && c.end <= pos && c.end >= from)
        else {
            return false;
        };
        let side = self.cues.iter().rfind(|c| {
            c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER | Cue::THIRD) && c.end <= speech.start
        });
        side.is_some_and(|c| {
            let name = &self.text[c.start..c.end];
            let words = name.split_whitespace().count();
            let last = name.split_whitespace().last().unwrap_or("");
            // "officials", "security officials"; not "Rapid Support Forces"
            let plural =
                last.ends_with('s') && (words == 1 || last.starts_with(char::is_lowercase));
            !plural
                && self
                    .words_between(c.end, speech.start, self.clause_at(c.start))
                    .count()
                    <= 2
                && !out
                    .iter()
                    .any(|m| m.participant && m.start >= c.end && m.end <= pos)
        })
    }

    /// The place a pronoun at `at` stands for when it opens a time clause
    /// ("after it", "when it") a few words after a place the clause before
    /// left from: "families who ran away from X city after it fell".
    fn place_left_before(&self, lex: &Lexicon, at: usize, out: &[Mention]) -> Option<PlaceId> {
        const REACH: usize = 4;
        let before = self.lower[..at].trim_end();
        if !lex.condition_openers.ends(before) {
            return None;
        }
        let m = out.last().filter(|m| m.kind == MKind::Name)?;
        let from = self.words_back(at, REACH);
        let (prep, _) = last_word(super::strip_determiners(&self.lower[..m.start], lex));
        (m.start >= from && lex.origin_before.contains(prep)).then_some(m.place)
    }

    /// Whether what follows a pronoun ending at `end` makes it an object
    /// ("claimed it on Sunday", "claimed it."), not a subject ("said it
    /// had repelled").
    fn object_pronoun(&self, lex: &Lexicon, end: usize) -> bool {
        let next = self.word_after(end).unwrap_or("");
        let word = next.trim_end_matches(|c: char| !c.is_alphanumeric());
        word.is_empty()
            || next.starts_with(|c: char| !c.is_alphanumeric())
            || lex.trigger_prepositions.contains(word)
            || lex.is_date_word(word)
            || lex.adverbial_gap.contains(word)
    }

    /// Whether a side is named in the two words before `pos` ("the
    /// ministry said its", "the Eastern Front and its").
    fn side_just_before(&self, pos: usize) -> bool {
        let from = self.words_back(pos, 2);
        self.cues.iter().any(|c| {
            c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER | Cue::THIRD)
                && c.end <= pos
                && c.end >= from
        })
    }

    fn push_mention(
        &self,
        gaz: &Gazetteer,
        lex: &Lexicon,
        mut m: Mention,
        glossed: bool,
        out: &mut Vec<Mention>,
        disc: &mut Discourse,
    ) {
        if m.kind == MKind::Province {
            // never a participant, but it can say where a speaker is ("a
            // member of Arden's provincial council"): a quoted "the city"
            let after = &self.lower[m.end..];
            let mut landmark_after = || gaz.landmark_after.starts(after);
            let stripped = super::strip_determiners(&self.lower[..m.start], lex);
            m.speaker = self.speaker_place(gaz, lex, &m, stripped, &mut landmark_after);
            out.push(m);
            return;
        }
        let (landmark, speaker, part) = self.roles(gaz, lex, &m, glossed, out.last());
        m.participant = !(landmark || speaker);
        m.speaker = speaker;
        if m.participant {
            disc.note(m.place, self.in_background(m.start));
        } else if speaker {
            disc.note_speaker(m.place);
        } else if part {
            disc.note_part(m.place);
        }
        out.push(m);
    }

    /// Whether a mention is a landmark ("near Arden", "Dunmore airport",
    /// listed with one: "between Arden and Calder", or standing for its
    /// authorities: "we asked Arden for help"), where a speaker is
    /// ("officials in Arden"), and whether the landmark is a part of it
    /// ("Dunmore airport").
    fn roles(
        &self,
        gaz: &Gazetteer,
        lex: &Lexicon,
        m: &Mention,
        glossed: bool,
        prev: Option<&Mention>,
    ) -> (bool, bool, bool) {
        let lower = self.lower;
        let before = &lower[..m.start];
        let after = &lower[m.end..];
        let listed_with_landmark = || {
            prev.is_some_and(|p| {
                let between = lower[p.end.min(m.start)..m.start].trim();
                !p.participant
                    && p.kind != MKind::Province
                    && (between == "," || lex.conjunction_words.contains(between))
            })
        };
        // "laid siege to X", "assault on X": a trigger's own preposition
        // makes no landmark
        // ... or "the infiltration of the enemy into X": the agent between
        let agent = |a: usize, b: usize| {
            self.cues
                .iter()
                .any(|c| c.tag.contains(Cue::ATTACKER) && c.start <= a && c.end >= b)
        };
        let after_trigger = || {
            self.events.iter().any(|h| {
                if h.end > m.start || m.start - h.end > 60 || !h.tag.live() {
                    return false;
                }
                // the words between, with their offsets: at most 30 in
                // 60 bytes, so they fit on the stack
                let gap = &lower[h.end..m.start];
                let mut buf = [(0usize, ""); 31];
                let mut n = 0;
                for w in gap.split_whitespace() {
                    buf[n] = (h.end + (w.as_ptr() as usize - gap.as_ptr() as usize), w);
                    n += 1;
                }
                let words = &buf[..n];
                let Some((&(_, last), rest)) = words.split_last() else {
                    return true;
                };
                // "fighting (has now) reached X": the fighting's own verb
                if h.tag.any_of(Kind::Contest)
                    && lex.spread_verbs.ends(super::strip_determiners(gap, lex))
                {
                    return true;
                }
                let (rest, ok_last) = if lex.trigger_prepositions.contains(last) {
                    (rest, true)
                } else {
                    (words, false)
                };
                // "an attack by rebel fighters on X": the agent phrase after
                // "by", opened by the attacker's name
                let rest = match rest.iter().position(|&(_, w)| lex.passive_by.contains(w)) {
                    Some(k)
                        if ok_last
                            && rest.len() - k <= 4
                            && rest[k + 1..]
                                .iter()
                                .find(|&&(_, w)| !lex.determiners.contains(w))
                                .is_some_and(|&(at, w)| agent(at, at + w.len())) =>
                    {
                        &rest[..k]
                    }
                    _ => rest,
                };
                rest.iter().all(|&(at, w)| {
                    lex.determiners.contains(w)
                        || lex.place_adjectives.contains(w)
                        || agent(at, at + w.len())
                }) && (ok_last
                    || rest.is_empty()
                    || rest.iter().all(|&(_, w)| {
                        lex.determiners.contains(w) || lex.place_adjectives.contains(w)
                    }))
            })
        };
        // asked at most once, and only where the answer counts
        let mut landmark_after = None;
        let mut landmark_after = || {
            *landmark_after.get_or_insert_with(|| {
                m.kind == MKind::Name
                    && (gaz.landmark_after.starts(after) || owner_landmark(gaz, after))
            })
        };
        // the text before without its determiners: asked up to three times
        let stripped = super::strip_determiners(before, lex);
        let speaker = self.speaker_place(gaz, lex, m, stripped, &mut landmark_after);
        // "news from X", "an update on X": the place reported on
        let reported_on = || {
            let (_, rest) = last_word(stripped);
            let (noun, _) = last_word(super::strip_determiners(rest, lex));
            lex.topic_nouns.contains(noun)
        };
        // "consolidated their hold on X", "tightened their grip over X":
        // the place held, not a landmark
        let held = || {
            let (_, rest) = last_word(stripped);
            let (noun, _) = last_word(rest);
            lex.hold_nouns.contains(noun)
        };
        // "in and around X": a preposition of the place joined to one of
        // its surroundings takes the place in
        let in_and_around = || {
            let (_, rest) = last_word(stripped);
            let (and, rest) = last_word(rest);
            let (first, _) = last_word(rest);
            lex.conjunction_words.contains(and) && lex.trigger_prepositions.contains(first)
        };
        // "More on X:", "Latest from X:": a short label opening the
        // sentence names its topic
        // ... and "On X, ...", "As for X, ..." frames one
        let topic_label = || {
            let after = after.trim_start();
            (after.starts_with(':') && before.split_whitespace().count() <= TOPIC_LABEL_WORDS)
                || (after.starts_with(',')
                    && lex
                        .topic_frames
                        .iter()
                        .any(|f| stripped.trim().eq_ignore_ascii_case(f)))
        };
        // "an MP from X" says where the speaker is, whatever "from" suggests
        // "on the city's northern edge": the preposition places the event
        // in a part of the place
        let in_part = || {
            let (prep, _) = last_word(stripped);
            lex.part_prepositions.contains(prep) && self.possessed_part(lex, m.end)
        };
        // "a few kilometers (miles) from the center of X": the distance to
        // a part of the place, past an aside in brackets
        let far_from_part = || {
            let part = self
                .breaks
                .iter()
                .find(|p| {
                    p.tag.contains(Brk::PARTIAL)
                        && p.end <= m.start
                        && lower[p.end..m.start].trim().is_empty()
                })
                .map(|p| p.start);
            if part.is_none() && !before.contains(')') {
                return false;
            }
            let cut = without_brackets(&lower[..part.unwrap_or(m.start)]);
            let cut = super::strip_determiners(cut.trim_end(), lex);
            // a distance's own preposition, not one a part takes ("pushed
            // into parts of X")
            matches!(last_word(cut).0, "from" | "of") && gaz.landmark_before.ends(cut)
        };
        // "in the north of X": a part of the place, though "north of X"
        // alone is a direction
        let part_before = || {
            self.breaks.iter().any(|p| {
                p.tag.contains(Brk::PARTIAL)
                    && p.end <= m.start
                    && lower[p.end..m.start].trim().is_empty()
            })
        };
        // "our correspondent has reached X": where a person arrives is the
        // scene of what the person tells next, though "the rebels reached
        // X" stops short of it
        let arrived = || {
            // the person near the verb, or opening its clause as subject
            let near = self.words_back(m.start, SPEAKER_NOUN_WORDS);
            let opening = self.clause_start(self.clause_at(m.start));
            let subject = self.words_fwd(opening, ARRIVER_WORDS).min(m.start);
            let person = |a: usize, b: usize| {
                lower[a..b]
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| gaz.people.contains(w) || lex.first_person.contains(w))
            };
            let from = near.min(opening);
            // "who reached X" on a speaker is where the speaker speaks
            // from (`of_speaker`)
            !self.clause(self.clause_at(m.start)).relative
                && lex.arrival_verbs.ends(stripped)
                && (person(near, m.start) || person(opening, subject))
                && !self.cues.iter().any(|c| {
                    c.tag.intersects(Cue::ATTACKER | Cue::DEFENDER)
                        && c.start >= from
                        && c.end <= m.start
                })
        };
        let landmark = !speaker
            && ((!after_trigger()
                && (!part_before() || far_from_part())
                && (gaz.landmark_before.ends(stripped)
                    || (closes_apposition(after)
                        && gaz.landmark_before.ends(before_appositive(stripped, lex)))
                    || far_from_part())
                && !in_and_around()
                && !reported_on()
                && !held()
                && !topic_label()
                && !in_part()
                && !arrived())
                // "Arden city's southern districts": a part of it, no
                // landmark
                || (landmark_after() && !self.possessed_part(lex, m.end))
                || listed_with_landmark()
                || (!glossed && self.is_dateline(m))
                || (m.kind == MKind::Name && self.stands_for_authorities(lex, m)));
        let part = landmark && landmark_after();
        (landmark, speaker, part)
    }

    /// Whether a mention says where a speaker is: "a member of (the) X
    /// provincial council", "the X provincial council said".
    /// `stripped` is the text before it without its determiners
    /// ([`super::strip_determiners`]); `landmark_after` is whether a
    /// landmark noun follows it, asked only if the first form fails.
    fn speaker_place(
        &self,
        gaz: &Gazetteer,
        lex: &Lexicon,
        m: &Mention,
        stripped: &str,
        landmark_after: &mut impl FnMut() -> bool,
    ) -> bool {
        let after = &self.lower[m.end..];
        // "a member of (the) X provincial council"
        let (prep, rest) = last_word(stripped);
        let of_person = lex.speaker_prepositions.contains(prep) && {
            let (w, _) = last_word(rest);
            gaz.people.contains(w)
        };
        // "he told a news conference in X", "said in X": where the
        // speaker spoke, right after the speech verb and its audience
        let spoke_in = || {
            // not "the claim of X": what is claimed
            if !lex.speaker_prepositions.contains(prep) || lex.of_words.contains(prep) {
                return false;
            }
            let at = rest.trim_end().len();
            self.cues.iter().any(|c| {
                c.tag.contains(Cue::SPEECH) && !c.tag.contains(Cue::CLAIM) && c.end <= at && {
                    let between = &self.lower[c.end..at];
                    let words: Vec<&str> = between.split_whitespace().collect();
                    let audience = words
                        .last()
                        .is_none_or(|w| lex.speech_settings.contains(w) || gaz.people.contains(w));
                    // "clashes were reported in X": a passive speech verb
                    // reports what happened there
                    let passive = words.is_empty()
                        && self
                            .word_before(c.start)
                            .is_some_and(|w| lex.passive_aux.contains(w));
                    words.len() <= SPEECH_SETTING_WORDS
                        && audience
                        && !passive
                        && !self.cues.iter().any(|a| {
                            a.tag.intersects(Cue::ATTACKER | Cue::DEFENDER)
                                && a.start >= c.end
                                && a.end <= at
                        })
                }
            })
        };
        // "the Arden provincial council said": where the speaker is
        of_person
            || spoke_in()
            || (landmark_after() && {
                let after_word = after
                    .trim_start()
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty() && !gaz.province_words.starts(w))
                    .unwrap_or("");
                gaz.people.contains(after_word)
            })
    }

    /// "we asked Glen for help", "if Glen does not send reinforcements",
    /// "Glen insists": a place that is asked, speaks or sends stands for
    /// its authorities: no participant, and no speaker's whereabouts
    /// ("the city" after it, quoted or not, is not Glen).
    fn stands_for_authorities(&self, lex: &Lexicon, m: &Mention) -> bool {
        let asks = |c: &Hit<Cue>| c.tag.contains(Cue::DIRECT);
        let before = self.lower[..m.start].trim_end().len();
        if self.cues.iter().any(|c| c.end == before && asks(c)) {
            return true;
        }
        // "an officer in Glen said": where the speaker is, not who speaks
        let before_word = last_word(self.lower[..m.start].trim_end()).0;
        if lex.prepositions.contains(before_word)
            || lex.speaker_prepositions.contains(before_word)
            || lex.trigger_prepositions.contains(before_word)
        {
            return false;
        }
        let first = self.toks.partition_point(|t| t.start < m.end);
        for t in self.toks[first..].iter().take(AUTHORITY_GAP_WORDS + 1) {
            if !t.word {
                return false;
            }
            let acts = self
                .cues
                .iter()
                .any(|c| c.start == t.start && (asks(c) || c.tag.contains(Cue::SPEECH)))
                || self
                    .deploy
                    .iter()
                    .any(|d| d.start == t.start && d.tag.contains(Dep::VERB));
            if acts {
                return true;
            }
            let w = &self.lower[t.start..t.end];
            let aside = lex.do_support.contains(w)
                || lex.perfect_aux.contains(w)
                || lex.passive_aux.contains(w)
                || lex.is_adverb(w)
                || self.cues.iter().any(|c| {
                    c.start <= t.start && t.end <= c.end && c.tag.intersects(Cue::NEG | Cue::MODAL)
                });
            if !aside {
                return false;
            }
        }
        false
    }

    /// "ARDEN —", "Arden/Ruritania:", "Arden, Aug 14 (Agencies):" at the
    /// start of a sentence say where the report was filed.
    fn is_dateline(&self, m: &Mention) -> bool {
        self.is_dateline_at(m.start, m.end, false)
    }

    /// Whether the name at `start..end` opens a dateline. `strict` takes
    /// only a date or an agency after it ("DJIBOUTI, March 30 (Wire)"):
    /// a country's name in capitals opens a sentence ("USA sends troops")
    /// and before a dash a list item ("Netherlands – a C-17").
    fn is_dateline_at(&self, start: usize, end: usize, strict: bool) -> bool {
        if !strict && self.dated_places_at(start, end) {
            return true;
        }
        // "ARDEN/BROOK (Wire) —": the second of two datelines after a slash
        let head = self.text[..start].trim();
        let joined = head.strip_suffix('/').is_some_and(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_uppercase() || c == ' ' || c == '-' || c == '/')
        });
        if !head.is_empty() && !joined {
            return false;
        }
        let name = &self.text[start..end];
        // in capitals, but not in a sentence all in capitals (a cable, a
        // shouted headline), where every name is
        if !strict
            && name
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
            && name.len() > 2
            && self.text[end..].chars().any(char::is_lowercase)
        {
            return true;
        }
        let rest = self.text[end..].trim_start();
        if !strict && rest.starts_with('/') {
            return true;
        }
        // "ARDEN (Wire) –", not "Arden (a stronghold in 1998) fell"
        if let Some(inner) = rest.strip_prefix('(') {
            return inner.split_once(')').is_some_and(|(_, after)| {
                after.trim_start().starts_with(['–', '—', '-', ':', ','])
            });
        }
        // "Arden – The ministry said": a bare name, a dash, a new sentence
        let bare = name
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        let dash = rest
            .strip_prefix(['–', '—', '-'])
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_uppercase()));
        if !strict && bare && dash {
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
}

/// `s` without its bracketed asides: "20 kilometers (12 miles) north of"
/// is "20 kilometers  north of".
fn without_brackets(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('(') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.into()
}

/// Words of the date a dateline may open with ("August 23, 2023").
const DATE_WORDS: usize = 5;

impl Sentence<'_> {
    /// "August 23, 2023 (ARDEN / BROOK) – The ministry said": places in
    /// capitals between brackets after a date and before a dash say where
    /// the report was filed.
    fn dated_places_at(&self, start: usize, end: usize) -> bool {
        let Some(open) = self.text[..start].rfind('(') else {
            return false;
        };
        let Some(close) = self.text[end..].find(')').map(|i| end + i) else {
            return false;
        };
        let date = self.text[..open].trim();
        let inside = &self.text[open + 1..close];
        !date.is_empty()
            && date.split_whitespace().count() <= DATE_WORDS
            && date.chars().any(|c| c.is_ascii_digit())
            && date
                .chars()
                .all(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, ',' | '.'))
            && !inside.chars().any(char::is_lowercase)
            && self.text[close + 1..]
                .trim_start()
                .starts_with(['–', '—', '-', ':'])
    }
}

/// The last word of `s` and what comes before it.
fn last_word(s: &str) -> (&str, &str) {
    let s = s.trim_end();
    match last_word_start(s, |c| !c.is_alphanumeric()) {
        Some(i) => (&s[i..], &s[..i]),
        None => ("", s),
    }
}

/// Words of a description a name stands in apposition to ("the capital,
/// X", "the northern city, X").
const APPOSITIVE_WORDS: usize = 4;

/// Words of an audience between a speech verb and where it was spoken ("told
/// a news conference in X").
const SPEECH_SETTING_WORDS: usize = 4;

/// Whether what follows a name closes an apposition ("the capital, X,
/// on Tuesday", "... the capital, X."), rather than going on with its
/// verb ("north of the capital, X surrendered").
fn closes_apposition(after: &str) -> bool {
    after.trim_start().is_empty() || after.trim_start().starts_with([',', '.', ';', ')'])
}

/// Words before a description that may open the sentence as a fronted
/// phrase of place ("North of the capital, X").
const FRONTED_WORDS: usize = 3;

/// `before` (the text before a name, without its determiners) without a
/// description the name is in apposition to: "road to the capital, X"
/// gives "road to", so the name is a landmark when its description is.
fn before_appositive<'a>(before: &'a str, lex: &Lexicon) -> &'a str {
    let Some(rest) = before.trim_end().strip_suffix(',') else {
        return "";
    };
    let mut rest = rest.trim_end();
    for _ in 0..APPOSITIVE_WORDS {
        let (w, r) = last_word(rest);
        if w.is_empty() {
            return "";
        }
        rest = r.trim_end();
        // "North of the capital, X, ...": a phrase opening the sentence
        // is fronted, and X its subject
        if lex.determiners.contains(w) {
            return if rest.split_whitespace().count() > FRONTED_WORDS {
                rest
            } else {
                ""
            };
        }
    }
    ""
}

/// Whether relative pronoun `r` stands for a place the sentence is about,
/// not a point of reference ("in X, about 120 km north of Y, where ...":
/// "where" after Y is resolved to Y, which locates X and is no scene).
pub fn antecedent_participates(mentions: &[Mention], r: &Mention) -> bool {
    mentions
        .iter()
        .rfind(|m| m.end <= r.start && m.place == r.place && m.kind != MKind::Relative)
        .is_some_and(|m| m.participant)
}

/// The first word of `s` (letters and digits).
fn first_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// Whether `between` only joins two members of a list: commas, "and",
/// "or", "as well as".
fn is_list_glue(between: &str, lex: &Lexicon) -> bool {
    let t = between.trim();
    t.is_empty()
        || t == ","
        || t.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .split(' ')
            .all(|w| lex.conjunction_words.contains(w))
}

impl Sentence<'_> {
    /// Whether the name at `start..end` says whose an official is: a
    /// defender's word just before it ("the governor of X", not "forces
    /// in X") or just after it ("X deputy governor", "X provincial council").
    fn official_of(&self, start: usize, end: usize, people: &WordSet) -> bool {
        const GAP_WORDS: usize = 2;
        // "a Westmarch MP", "Westmarch residents": people of the province
        let person_after = self.lower[end..]
            .split_whitespace()
            .next()
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|w| people.contains(w));
        person_after
            || self.cues.iter().any(|c| {
                c.tag.contains(Cue::DEFENDER)
                    && if c.end <= start {
                        let gap = self.lower[c.end..start].split_whitespace();
                        gap.clone().count() <= GAP_WORDS
                            && gap.clone().all(|w| matches!(w, "of" | "the" | "for"))
                    } else {
                        c.start >= end
                            && self.lower[end..c.start].split_whitespace().count() <= GAP_WORDS
                            && !self.lower[end..c.start].contains([',', ';', '.', '"'])
                    }
            })
    }
}

/// "the Arden government's forces": a landmark noun that owns what
/// follows it is a landmark too.
fn owner_landmark(gaz: &Gazetteer, after: &str) -> bool {
    let t = after.trim_start();
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| t[..end].strip_suffix(p))
        .is_some_and(|w| !w.is_empty() && gaz.landmark_after.starts(w))
}
