//! Reported counts of fallen capitals: "11 of 34", "a dozen provincial
//! capitals", "the ninth provincial capital to fall", "bringing the number
//! to 12".

use super::lexicon::{Cue, Kind, Lexicon, Tal};
use super::matching::{Hit, WordSet};
use super::numbers::{cardinal, number_word_start, ordinal};
use super::sentence::Sentence;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub count: u32,
    pub at: usize,
    pub rule: &'static str,
}

/// How far after a count's noun (or the host's name after it) a phrase may
/// make it a day's share ("three provincial capitals in a single day").
const PARTIAL_AFTER_WORDS: usize = 6;

/// Where "in (northern) X", X the host country, ends when it follows
/// `pos`; else `pos`.
fn host_phrase_end(s: &Sentence, lex: &Lexicon, pos: usize) -> usize {
    const PHRASE_WORDS: usize = 3;
    let rest = &s.lower[pos..];
    let first = rest.split_whitespace().next().unwrap_or("");
    if !lex.locative.contains(first) {
        return pos;
    }
    let reach = s.words_fwd(pos, PHRASE_WORDS + 1);
    lex.host_words
        .iter()
        .filter_map(|h| {
            s.lower[pos..reach]
                .find(h.as_str())
                .map(|i| pos + i + h.len())
        })
        .min()
        .unwrap_or(pos)
}

/// Tokens back from a total marker where "to N" may stand before it.
const INVERTED_REACH: usize = 5;

/// `people` names who speaks, for whose "liberated" a trigger is.
pub fn find(s: &Sentence, lex: &Lexicon, people: &WordSet) -> Vec<Count> {
    let has_noun = s
        .tally
        .iter()
        .any(|h| h.tag.intersects(Tal::NOUN | Tal::ORD_NOUN));
    // "By Saturday it held 18 of the country's 34": with no noun, only a
    // share of the whole set of capitals, held or taken, is a count
    if !has_noun && !s.tally.iter().any(|h| h.tag.intersects(Tal::FALL_WORD)) {
        return Vec::new();
    }
    // "Nine provincial capitals in six days: that is the tally": a
    // sentence that calls its count the total ties it to the falls
    let fall_word = sums_up(s, lex)
        || s.tally
            .iter()
            .any(|h| h.tag.intersects(Tal::FALL_WORD | Tal::TOTAL))
        || s.events.iter().any(|h| {
            h.tag.any_of(Kind::Fall)
                || (h.tag.any_of(Kind::Liberate)
                    && super::capitals::attacker_liberates(s, lex, people, h))
        });
    let mut out = Vec::new();
    let hit_at = |pos: usize, bits: Tal| -> Option<&Hit<Tal>> {
        s.tally
            .iter()
            .find(|h| h.start == pos && h.tag.intersects(bits))
    };
    let next_word = |i: usize| s.toks.get(i).map(|t| &s.lower[t.start..t.end]);
    for i in 0..s.toks.len() {
        let tok = s.toks[i];
        if !tok.word {
            continue;
        }
        let w = &s.lower[tok.start..tok.end];
        // (g) "Of Ruritania's 34 provincial capitals, 26 had fallen": the
        // share after a fronted partitive naming the whole set
        if let Some(v) = fronted_share(s, lex, i).filter(|_| has_noun) {
            if fall_word && !s.clause(s.clause_at(tok.start)).history {
                out.push(Count {
                    count: v,
                    at: tok.start,
                    rule: "tally-of-total",
                });
            }
            continue;
        }
        let numeric = w.as_bytes()[0].is_ascii_digit() || number_word_start(lex, w);
        if !numeric {
            continue;
        }
        let clause = s.clause_at(tok.start);
        if s.clause(clause).history || spoiled(s, clause) {
            continue;
        }
        let prev = |k: usize| (i >= k).then(|| &s.lower[s.toks[i - k].start..s.toks[i - k].end]);
        // "Ruritania's 34", "of the 34": the total, not a count
        let of_word = |p: &str| lex.of_words.contains(p);
        // "have taken control of 18 provincial centers": the trigger's own
        // "of", no total
        let verbs_of = || i >= 1 && s.events.iter().any(|h| h.end == s.toks[i - 1].end);
        let possessed = || {
            prev(1).is_some_and(|p| lex.is_possessive(p) || (of_word(p) && !verbs_of()))
                || (prev(1).is_some_and(|p| lex.determiners.contains(p))
                    && prev(2).is_some_and(of_word))
                // "the other 33 provincial capitals", "another three"
                || prev(1).is_some_and(|p| lex.partial_between.contains(p))
        };
        if let Some(n) = cardinal(s, lex, i) {
            let Some(v) = n.value else { continue };
            let mut j = n.next_tok;
            // (a) "11 of (Ruritania's) 34", "nine out of the 34", not "24
            // of 34 provinces"
            if let Some(k) = of_the_total(s, lex, j) {
                // "in control of 24 of the 34": an "of" before a count of
                // the total is the verb's, not the total's
                let owned = prev(1).is_some_and(|p| lex.is_possessive(p))
                    || prev(1).is_some_and(|p| lex.partial_between.contains(p));
                // with no noun, the share must end the phrase: "held 18 of
                // the country's 34.", not "18 of its 34 governors fled"
                let bare = || fall_word && !s.toks.get(k).is_some_and(|t| t.word);
                if !owned && !provinces_after(s, lex, k) && (has_noun || bare()) {
                    out.push(Count {
                        count: v,
                        at: n.start,
                        rule: "tally-of-total",
                    });
                }
                continue;
            }
            if !has_noun {
                continue;
            }
            // "2 — provincial capitals the rebels say they hold": a
            // by-the-numbers line opens with its figure
            let opens = s.toks[..i].iter().all(|t| !t.word);
            if opens && next_word(j).is_some_and(|w| matches!(w, "—" | "–" | "-" | ":")) {
                j += 1;
            }
            // (b) "12 provincial capitals", not "nine other provincial capitals"
            let mut partial = false;
            while let Some(w) = next_word(j) {
                if lex.partial_between.contains(w) {
                    partial = true;
                    j += 1;
                } else {
                    break;
                }
            }
            // "eight of the country's provincial capitals": a share of
            // the whole set, named through its owner
            if !partial
                && s.toks
                    .get(j)
                    .is_some_and(|t| hit_at(t.start, Tal::NOUN).is_none())
            {
                if let Some(k) = partitive(s, lex, j).filter(|&k| {
                    (j + 1..k).any(|m| {
                        let w = &s.lower[s.toks[m].start..s.toks[m].end];
                        lex.possessives.contains(w) || lex.is_possessive(w)
                    })
                }) {
                    j = k;
                }
            }
            if let Some(t) = s.toks.get(j) {
                if let Some(noun) = hit_at(t.start, Tal::NOUN) {
                    // past the host country's name ("in northern X")
                    let from = host_phrase_end(s, lex, noun.end);
                    let after_to = s.words_fwd(from, PARTIAL_AFTER_WORDS);
                    // "five provincial capitals in three days, beginning on
                    // Friday": a count over days is the running total
                    let k = s.toks.partition_point(|t| t.start < noun.end);
                    let partial_after = !over_days(s, lex, k)
                        && s.tally.iter().any(|h| {
                            h.tag.contains(Tal::PARTIAL_AFTER)
                                && h.start >= noun.end
                                && h.end <= after_to
                                && s.clause_at(h.start) == clause
                        });
                    if !partial && !partial_after && fall_word && !possessed() {
                        out.push(Count {
                            count: v,
                            at: n.start,
                            rule: "tally-count",
                        });
                    }
                    continue;
                }
            }
            // (e) "... and five since Friday", "... and five in three days"
            // (not the total of "33 of 34 within ten days")
            if (next_word(n.next_tok).is_some_and(|w| lex.since_words.contains(w))
                || over_days(s, lex, n.next_tok))
                && fall_word
                && !possessed()
                && s.tally.iter().any(|h| h.tag.contains(Tal::NOUN))
            {
                out.push(Count {
                    count: v,
                    at: n.start,
                    rule: "tally-since",
                });
            }
            continue;
        }
        // (f) "half of the 34"
        if let Some(v) = fraction_of_total(s, lex, i).filter(|_| has_noun) {
            if fall_word && !possessed() {
                out.push(Count {
                    count: v,
                    at: tok.start,
                    rule: "tally-fraction",
                });
            }
            continue;
        }
        // (c) "the ninth provincial capital to fall", "the first of the
        // country's 34 provincial capitals to slip out of government hands"
        if let Some(v) = ordinal(s, lex, i) {
            let k = partitive(s, lex, i + 1).unwrap_or(i + 1);
            let Some(t) = s.toks.get(k) else { continue };
            let noun = if k == i + 1 {
                Tal::ORD_NOUN
            } else {
                Tal::NOUN | Tal::ORD_NOUN
            };
            // "X was the tenth provincial capital to fall, and Y is the
            // eleventh": the noun left out after an ordinal tally
            let elided = !t.word
                && out
                    .iter()
                    .any(|c| c.rule == "tally-ordinal" && c.at < s.toks[i].start);
            if (hit_at(t.start, noun).is_some() || elided) && fall_word && !possessed() {
                out.push(Count {
                    count: v,
                    at: s.toks[i].start,
                    rule: "tally-ordinal",
                });
            }
        }
    }
    // (d) "bringing the number of capitals lost to 12"
    for h in s
        .tally
        .iter()
        .filter(|h| has_noun && h.tag.contains(Tal::TOTAL))
    {
        let clause = s.clause_at(h.start);
        if s.clause(clause).history || spoiled(s, clause) {
            continue;
        }
        // "brings to five the number of provincial capitals": the figure
        // moved before what it counts
        let at = s.toks.partition_point(|t| t.start < h.start);
        let before = (at.saturating_sub(INVERTED_REACH)..at).find_map(|k| {
            let w = &s.lower[s.toks[k].start..s.toks[k].end];
            if !lex.to_words.contains(w) {
                return None;
            }
            let m = s.past_approximators(lex, k + 1);
            cardinal(s, lex, m)
                .filter(|n| n.next_tok == at)
                .and_then(|n| n.value)
        });
        if let Some(v) = before {
            out.push(Count {
                count: v,
                at: h.start,
                rule: "tally-total-marker",
            });
            continue;
        }
        let limit = s.words_fwd(h.end, 12);
        let k0 = s
            .toks
            .iter()
            .position(|t| t.start >= h.end)
            .unwrap_or(s.toks.len());
        for k in k0..s.toks.len() {
            if s.toks[k].start >= limit {
                break;
            }
            let w = &s.lower[s.toks[k].start..s.toks[k].end];
            if lex.to_words.contains(w) {
                let m = s.past_approximators(lex, k + 1);
                if let Some(v) = cardinal(s, lex, m).and_then(|n| n.value) {
                    out.push(Count {
                        count: v,
                        at: h.start,
                        rule: "tally-total-marker",
                    });
                    break;
                }
            }
        }
    }
    out.retain(|c| {
        c.count > 0 && c.count <= lex.total_capitals && !hedged(s, c.at) && !defenders(s, lex, c.at)
    });
    out.sort_by_key(|c| c.at);
    out.dedup_by_key(|c| c.count);
    out
}

/// "That's five provincial capitals in three days", "That is nine": a
/// sentence that opens on an anaphor and "be" sums up the falls told
/// before it, so its count is a running total.
fn sums_up(s: &Sentence, lex: &Lexicon) -> bool {
    let mut words = s
        .toks
        .iter()
        .filter(|t| t.word)
        .map(|t| &s.lower[t.start..t.end]);
    let anaphor = |w: &str| !w.contains(' ') && lex.claim_anaphora.starts_len(w) == Some(w.len());
    let opens = match (words.next(), words.next()) {
        (Some(a), Some(b)) if anaphor(a) && (lex.copulas.contains(b) || lex.is_possessive(b)) => {
            true
        }
        (Some(a), Some(b)) => {
            let contracted = lex.contractions.contains(a)
                && lex
                    .possessive_suffixes
                    .iter()
                    .any(|x| a.strip_suffix(x.as_str()).is_some_and(&anaphor));
            // the count comes right after the contraction
            return contracted
                && (b.starts_with(|c: char| c.is_ascii_digit()) || lex.number_starts.contains(b));
        }
        _ => false,
    };
    // "That is now six": the count right after "be" and its adverbs
    opens
        && words.find(|w| !lex.copulas.contains(w)).is_some_and(|w| {
            w.starts_with(|c: char| c.is_ascii_digit()) || lex.number_starts.contains(w)
        })
}

/// "in three days", "within two weeks" from token `k`: a span of several
/// days or weeks, over which a count adds up (not "in a single day").
fn over_days(s: &Sentence, lex: &Lexicon, k: usize) -> bool {
    let word = |i: usize| {
        s.toks
            .get(i)
            .filter(|t| t.word)
            .map(|t| &s.lower[t.start..t.end])
    };
    if !word(k).is_some_and(|p| lex.span_prepositions.contains(p)) {
        return false;
    }
    // the figure right after the preposition
    let Some(n) = cardinal(s, lex, k + 1) else {
        return false;
    };
    n.value.is_some_and(|v| v >= 2) && word(n.next_tok).is_some_and(|w| lex.durations.contains(w))
}

/// A clause that counts something else.
fn spoiled(s: &Sentence, clause: usize) -> bool {
    s.tally
        .iter()
        .any(|h| h.tag.contains(Tal::DISQUALIFY) && s.clause_at(h.start) == clause)
}

/// A count the defender holds: the fall word nearest to it in its clause
/// says who holds, and the side named last before that word is the
/// defender ("the government held on to all 34 capitals", "only 10
/// capitals remain in government hands"), not "the rebels hold 20" nor
/// "17 capitals are out of the government's hands".
fn defenders(s: &Sentence, lex: &Lexicon, at: usize) -> bool {
    let clause = s.clause_at(at);
    let Some(word) = s
        .tally
        .iter()
        .filter(|h| h.tag.contains(Tal::FALL_WORD) && s.clause_at(h.start) == clause)
        .min_by_key(|h| h.start.abs_diff(at))
    else {
        return false;
    };
    // "slipped from government control": a fall phrase, not a holding
    let in_fall_phrase = s.events.iter().any(|e| {
        e.tag.any_of(Kind::Fall)
            && e.start <= word.start
            && e.end >= word.end
            && e.end - e.start > word.end - word.start
    });
    if !word.tag.contains(Tal::HOLD) || in_fall_phrase {
        return false;
    }
    match s.side_before(word.start, clause) {
        Some(c) => {
            !c.tag.intersects(Cue::ATTACKER)
                && !lex
                    .lost_from
                    .ends(super::sentence::strip_determiners(&s.lower[..c.start], lex))
        }
        // "Arden held all 34 capitals": the seat of government speaks for
        // the government that sits there
        None => s.mentions.iter().any(|m| {
            Some(m.place) == lex.national_capital
                && m.end <= word.start
                && s.clause_at(m.start) == clause
        }),
    }
}

/// A count that is negated or only might be ("could take 20 capitals").
fn hedged(s: &Sentence, at: usize) -> bool {
    let from = s.words_back(at, 6);
    let clause = s.clause_at(at);
    s.cues.iter().any(|h| {
        h.tag.intersects(Cue::MODAL | Cue::NEG)
            && !h.tag.contains(Cue::NEG_PSEUDO)
            && h.start >= from
            && h.end <= at
            && s.clause_at(h.start) == clause
    })
}

/// After a count at token `j`: "of (the) (Ruritania's) 34", "out of the
/// 34" naming the total. Returns the token after the total.
fn of_the_total(s: &Sentence, lex: &Lexicon, j: usize) -> Option<usize> {
    let word = |k: usize| s.toks.get(k).map(|t| &s.lower[t.start..t.end]);
    let mut k = j;
    // "out of": the words before "of" that the language lists with it
    while word(k).is_some_and(|w| lex.of_words.contains(w) && !lex.determiners.contains(w)) {
        k += 1;
    }
    if k == j {
        return None;
    }
    while let Some(w) = word(k) {
        if lex.determiners.contains(w) || lex.possessives.contains(w) || lex.is_possessive(w) {
            k += 1;
        } else {
            break;
        }
    }
    let m = cardinal(s, lex, k)?;
    (m.value == Some(lex.total_capitals)).then_some(m.next_tok)
}

/// After an ordinal, at token `j`: "of the (country's) (34)", the whole
/// it is one of. Returns the token after it.
fn partitive(s: &Sentence, lex: &Lexicon, j: usize) -> Option<usize> {
    let word = |k: usize| s.toks.get(k).map(|t| &s.lower[t.start..t.end]);
    let mut k = j;
    if !word(k).is_some_and(|w| lex.of_words.contains(w) && !lex.determiners.contains(w)) {
        return None;
    }
    k += 1;
    while let Some(w) = word(k) {
        if lex.determiners.contains(w) || lex.possessives.contains(w) || lex.is_possessive(w) {
            k += 1;
        } else {
            break;
        }
    }
    match cardinal(s, lex, k) {
        Some(m) if m.value == Some(lex.total_capitals) => Some(m.next_tok),
        Some(_) => None,
        None => Some(k),
    }
}

/// "Of (Ruritania's) 34 provincial capitals, 26 ...": the figure after a
/// fronted partitive that names the whole set, when token `i` is its "of".
fn fronted_share(s: &Sentence, lex: &Lexicon, i: usize) -> Option<u32> {
    let word = |k: usize| s.toks.get(k).map(|t| &s.lower[t.start..t.end]);
    if !word(i).is_some_and(|w| lex.of_words.contains(w) && !lex.determiners.contains(w)) {
        return None;
    }
    // the clause opens with it
    let clause = s.clause_at(s.toks[i].start);
    if s.lower[s.clause_start(clause)..s.toks[i].start]
        .split_whitespace()
        .next()
        .is_some()
    {
        return None;
    }
    let mut k = i + 1;
    while word(k).is_some_and(|w| {
        lex.determiners.contains(w) || lex.possessives.contains(w) || lex.is_possessive(w)
    }) {
        k += 1;
    }
    let total = cardinal(s, lex, k).filter(|n| n.value == Some(lex.total_capitals))?;
    let noun = s.toks.get(total.next_tok)?;
    let noun = s
        .tally
        .iter()
        .find(|h| h.start == noun.start && h.tag.contains(Tal::NOUN))?;
    let after = s.lower[noun.end..].trim_start().strip_prefix(',')?;
    // `after` runs to the sentence's end: it starts its own length before it
    let share = cardinal(s, lex, s.tok_at(s.lower.len() - after.len()))?;
    share.value.filter(|&v| v < lex.total_capitals)
}

/// "24 of 34 provinces": a count of provinces, not of capitals.
fn provinces_after(s: &Sentence, lex: &Lexicon, k: usize) -> bool {
    s.toks
        .get(k)
        .is_some_and(|t| lex.tally_other_nouns.contains(&s.lower[t.start..t.end]))
}

/// "half of the 34": a fraction of the stated total, at token `i`.
fn fraction_of_total(s: &Sentence, lex: &Lexicon, i: usize) -> Option<u32> {
    let t = s.toks.get(i)?;
    let rest = &s.lower[t.start..];
    let (phrase, f) = lex.fractions.iter().find(|(p, _)| {
        rest.starts_with(p.as_str()) && !rest[p.len()..].starts_with(char::is_alphanumeric)
    })?;
    let k = s.tok_at(t.start + phrase.len());
    let total = of_the_total(s, lex, k)?;
    let _ = total;
    Some((f * lex.total_capitals as f64).round() as u32)
}
