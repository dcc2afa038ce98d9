//! Governments sending troops or military aircraft to evacuate or protect
//! their people, with troop figures when stated.

use crate::model::{CountryId, Troops};

use super::lexicon::{cue, dep, Lexicon};
use super::numbers::cardinal;
use super::sentence::{strip_determiners, Sentence};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub country: CountryId,
    pub troops: Troops,
    pub at: usize,
    pub rule: &'static str,
}

const NEG_WINDOW: usize = 8;

pub fn find(s: &Sentence, lex: &Lexicon) -> Vec<Sent> {
    if s.history || s.countries.is_empty() {
        return Vec::new();
    }
    let senders = senders(s, lex);
    let mut clauses: Vec<usize> = s.segs.iter().map(|x| x.2).collect();
    clauses.sort_unstable();
    clauses.dedup();
    let mut out = Vec::new();
    for clause in clauses {
        let hits = || {
            s.deploy
                .iter()
                .filter(move |h| s.clause_at(h.start) == clause)
        };
        let any = |bits: u64| hits().any(|h| h.tag & bits != 0);
        if !any(dep::VERB | dep::EVAC) || !any(dep::ASSET | dep::TROOPS) {
            continue;
        }
        if any(dep::CIVILIAN | dep::WITHDRAW | dep::HEDGE) {
            continue;
        }
        let negated = hits()
            .filter(|h| h.tag & (dep::VERB | dep::EVAC) != 0)
            .any(|v| {
                let from = s.words_back(v.start, NEG_WINDOW);
                s.cues.iter().any(|c| {
                    c.tag & cue::NEG != 0
                        && c.tag & cue::NEG_PSEUDO == 0
                        && c.start >= from
                        && c.end <= v.start
                        && s.clause_at(c.start) == clause
                })
            });
        if negated {
            continue;
        }
        let in_clause: Vec<(usize, CountryId)> = senders
            .iter()
            .filter(|(p, _)| s.clause_at(*p) == clause)
            .copied()
            .collect();
        let clause_start = s.clause_start(clause);
        // "Spain said ... that a plane had left": the speaker sends.
        let fallback = senders
            .iter()
            .rev()
            .find(|(p, _)| *p < clause_start)
            .map(|x| x.1);
        let nearest_before = |pos: usize| -> Option<CountryId> {
            in_clause
                .iter()
                .rev()
                .find(|(p, _)| *p < pos)
                .or(in_clause.first())
                .map(|x| x.1)
                .or(fallback)
        };
        let mut counted: Vec<CountryId> = Vec::new();
        // troop figures: "about 3,000 additional US troops"
        for t in hits().filter(|h| h.tag & dep::TROOPS != 0) {
            let Some((troops, at, inner)) = figure_before(s, lex, t.start) else {
                continue;
            };
            let country = inner.or_else(|| nearest_before(at));
            if let (Some(c), Some(troops)) = (country, troops) {
                out.push(Sent {
                    country: c,
                    troops,
                    at,
                    rule: "deploy-troops",
                });
                counted.push(c);
            }
        }
        // stated totals: "taking the number ... to about 900"
        for m in hits().filter(|h| h.tag & dep::TOTAL != 0) {
            if let Some((v, at)) = total_after(s, lex, m.end, clause) {
                if let Some(c) = nearest_before(m.start) {
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
    out.sort_by_key(|d| d.at);
    out
}

/// Countries that can be the sender: not landmarks ("to Ruritania", "in
/// the United Arab Emirates") and not the evacuees ("British nationals",
/// "the US embassy").
fn senders(s: &Sentence, lex: &Lexicon) -> Vec<(usize, CountryId)> {
    s.countries
        .iter()
        .filter(|&&(start, end, _)| {
            let after = s.lower[end..].trim_start();
            let after = after
                .strip_prefix("'s")
                .or_else(|| after.strip_prefix("’s"))
                .unwrap_or(after)
                .trim_start();
            let not_sender = s.deploy.iter().any(|h| {
                h.tag & dep::NOT_SENDER != 0
                    && h.start >= end
                    && s.lower[end..h.start]
                        .trim_start_matches(['\'', '’', 's'])
                        .trim()
                        .is_empty()
            }) || after.starts_with('-');
            let landmark = lex
                .not_sender_before
                .ends(strip_determiners(&s.lower[..start]));
            !not_sender && !landmark
        })
        .map(|&(start, _, c)| (start, c))
        .collect()
}

/// The figure before a troop noun, across number-gap words; with the mode
/// and any country named between ("3,000 U.S. troops").
fn figure_before(
    s: &Sentence,
    lex: &Lexicon,
    noun: usize,
) -> Option<(Option<Troops>, usize, Option<CountryId>)> {
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
        } else if lex.number_gap.contains(w) {
            additional |= s
                .deploy
                .iter()
                .any(|h| h.tag & dep::ADDITIONAL != 0 && h.start == t.start);
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
    let before_num = &s.lower[..n.start];
    let previous = s.deploy.iter().any(|h| {
        h.tag & dep::PREVIOUS != 0
            && h.end <= n.start
            && s.lower[h.end..n.start]
                .split_whitespace()
                .all(|w| lex.approximators.contains(w))
    }) || before_num.trim_end().ends_with(" the")
        || before_num.trim_end() == "the";
    if previous {
        return Some((None, n.start, inner));
    }
    let from = s.words_back(n.start, 3);
    additional |= s
        .deploy
        .iter()
        .any(|h| h.tag & dep::ADDITIONAL != 0 && h.start >= from && h.end <= n.start);
    let troops = match n.value {
        None => Troops::Unspecified,
        Some(v) if additional => Troops::Additional(v),
        Some(v) => Troops::Total(v),
    };
    Some((Some(troops), n.start, inner))
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
        if &s.lower[t.start..t.end] == "to" {
            let mut m = k + 1;
            while s
                .toks
                .get(m)
                .is_some_and(|t| lex.approximators.contains(&s.lower[t.start..t.end]))
            {
                m += 1;
            }
            if let Some(v) = cardinal(s, lex, m).and_then(|n| n.value.map(|v| (v, n.start))) {
                return Some(v);
            }
        }
    }
    None
}
