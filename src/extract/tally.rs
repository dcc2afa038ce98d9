//! Reported counts of fallen capitals: "11 of 34", "a dozen provincial
//! capitals", "the ninth provincial capital to fall", "bringing the number
//! to 12".

use super::lexicon::{cue, tal, Lexicon};
use super::numbers::{cardinal, number_word_start, ordinal};
use super::phrases::Hit;
use super::sentence::Sentence;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub count: u32,
    pub at: usize,
    pub rule: &'static str,
}

pub fn find(s: &Sentence, lex: &Lexicon) -> Vec<Count> {
    if s.history
        || !s
            .tally
            .iter()
            .any(|h| h.tag & (tal::NOUN | tal::ORD_NOUN) != 0)
    {
        return Vec::new();
    }
    let fall_word = s.tally.iter().any(|h| h.tag & tal::FALL_WORD != 0)
        || s.events
            .iter()
            .any(|h| h.tag & super::lexicon::ev::FALL != 0);
    let mut out = Vec::new();
    let hit_at = |pos: usize, bits: u64| -> Option<&Hit<u64>> {
        s.tally.iter().find(|h| h.start == pos && h.tag & bits != 0)
    };
    let next_word = |i: usize| s.toks.get(i).map(|t| &s.lower[t.start..t.end]);
    for i in 0..s.toks.len() {
        let tok = s.toks[i];
        if !tok.word {
            continue;
        }
        let w = &s.lower[tok.start..tok.end];
        let numeric = w.as_bytes()[0].is_ascii_digit() || number_word_start(lex, w);
        if !numeric {
            continue;
        }
        let clause = s.clause_at(tok.start);
        if spoiled(s, clause) {
            continue;
        }
        let prev = |k: usize| (i >= k).then(|| &s.lower[s.toks[i - k].start..s.toks[i - k].end]);
        // "Ruritania's 34", "of the 34": the total, not a count
        let possessed = prev(1)
            .is_some_and(|p| p.ends_with("'s") || p.ends_with("’s") || p == "of")
            || (prev(1) == Some("the") && prev(2) == Some("of"))
            // "the other 33 provincial capitals", "another three"
            || prev(1).is_some_and(|p| lex.partial_between.contains(p));
        if let Some(n) = cardinal(s, lex, i) {
            let Some(v) = n.value else { continue };
            let mut j = n.next_tok;
            // (a) "11 of (Ruritania's) 34"
            if next_word(j) == Some("of") {
                let mut k = j + 1;
                while let Some(w) = next_word(k) {
                    if matches!(w, "the" | "its" | "their")
                        || w.ends_with("'s")
                        || w.ends_with("’s")
                    {
                        k += 1;
                    } else {
                        break;
                    }
                }
                if cardinal(s, lex, k).and_then(|m| m.value) == Some(lex.total_capitals) {
                    out.push(Count {
                        count: v,
                        at: n.start,
                        rule: "tally-of-total",
                    });
                    continue;
                }
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
            if let Some(t) = s.toks.get(j) {
                if let Some(noun) = hit_at(t.start, tal::NOUN) {
                    let after_to = s.words_fwd(noun.end, 6);
                    let partial_after = s.tally.iter().any(|h| {
                        h.tag & tal::PARTIAL_AFTER != 0
                            && h.start >= noun.end
                            && h.end <= after_to
                            && s.clause_at(h.start) == clause
                    });
                    if !partial && !partial_after && fall_word && !possessed {
                        out.push(Count {
                            count: v,
                            at: n.start,
                            rule: "tally-count",
                        });
                    }
                    continue;
                }
            }
            // (e) "... and five since Friday"
            if next_word(n.next_tok) == Some("since")
                && fall_word
                && s.tally.iter().any(|h| h.tag & tal::NOUN != 0)
            {
                out.push(Count {
                    count: v,
                    at: n.start,
                    rule: "tally-since",
                });
            }
            continue;
        }
        // (c) "the ninth provincial capital to fall"
        if let Some(v) = ordinal(s, lex, i) {
            let Some(t) = s.toks.get(i + 1) else { continue };
            if hit_at(t.start, tal::ORD_NOUN).is_some() && fall_word && !possessed {
                out.push(Count {
                    count: v,
                    at: s.toks[i].start,
                    rule: "tally-ordinal",
                });
            }
        }
    }
    // (d) "bringing the number of capitals lost to 12"
    for h in s.tally.iter().filter(|h| h.tag & tal::TOTAL != 0) {
        if spoiled(s, s.clause_at(h.start)) {
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
            if matches!(w, "to" | "at") {
                let mut m = k + 1;
                while next_word(m).is_some_and(|w| lex.approximators.contains(w)) {
                    m += 1;
                }
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
    out.retain(|c| c.count > 0 && c.count <= lex.total_capitals && !hedged(s, c.at));
    out.sort_by_key(|c| c.at);
    out.dedup_by_key(|c| c.count);
    out
}

/// A clause that counts something else.
fn spoiled(s: &Sentence, clause: usize) -> bool {
    s.tally
        .iter()
        .any(|h| h.tag & tal::DISQUALIFY != 0 && s.clause_at(h.start) == clause)
}

/// A count that is negated or only might be ("could take 20 capitals").
fn hedged(s: &Sentence, at: usize) -> bool {
    let from = s.words_back(at, 6);
    let clause = s.clause_at(at);
    s.cues.iter().any(|h| {
        h.tag & (cue::MODAL | cue::NEG) != 0
            && h.tag & cue::NEG_PSEUDO == 0
            && h.start >= from
            && h.end <= at
            && s.clause_at(h.start) == clause
    })
}
