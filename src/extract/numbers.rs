//! Figures and number words: "3,000", "three thousand", "a dozen", "11th".

use super::lexicon::Lexicon;
use super::sentence::Sentence;
use super::text::parse_figure;

/// A number found at a token: its value (`None` for vague amounts like
/// "hundreds") and the token index after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub value: Option<u32>,
    pub start: usize,
    pub end: usize,
    pub next_tok: usize,
}

fn word_value(lex: &Lexicon, w: &str) -> Option<u32> {
    if let Some(&v) = lex.units.get(w) {
        return Some(v);
    }
    // "twenty-five"
    let (a, b) = w.split_once('-')?;
    Some(lex.units.get(a)? + lex.units.get(b)?)
}

/// Parse a cardinal starting at token `i`.
pub fn cardinal(s: &Sentence, lex: &Lexicon, i: usize) -> Option<Number> {
    let t = *s.toks.get(i)?;
    let w = &s.lower[t.start..t.end];
    if !w.as_bytes()[0].is_ascii_digit() && !number_word_start(lex, w) {
        return None;
    }
    if let Some(v) = parse_figure(w) {
        // "3,000" may be followed by a scale ("1.5 million")
        let mut end = t.end;
        let mut next = i + 1;
        let mut value = v;
        if let Some(n) = s.toks.get(i + 1) {
            if let Some(&sc) = lex.scales.get(&s.lower[n.start..n.end]) {
                value = value.saturating_mul(sc);
                end = n.end;
                next = i + 2;
            }
        }
        return Some(Number {
            value: Some(value),
            start: t.start,
            end,
            next_tok: next,
        });
    }
    // collective nouns: "a dozen", "dozen"
    if let Some(h) = s.collective.iter().find(|h| h.start == t.start) {
        let next = s.tok_at(h.end);
        return Some(Number {
            value: Some(h.tag as u32),
            start: t.start,
            end: h.end,
            next_tok: next,
        });
    }
    // vague amounts, longest first: "a few hundred", "several hundred", "hundreds"
    for n in (1..=3).rev() {
        let Some(last) = s.toks.get(i + n - 1) else {
            continue;
        };
        if lex.vague.contains(&s.lower[t.start..last.end]) {
            return Some(Number {
                value: None,
                start: t.start,
                end: last.end,
                next_tok: i + n,
            });
        }
    }
    // number words: "three thousand", "six hundred", "a thousand"
    let (mut total, mut current, mut j, mut any) = (0u32, 0u32, i, false);
    while let Some(t) = s.toks.get(j) {
        let w = &s.lower[t.start..t.end];
        if let Some(v) = word_value(lex, w) {
            current = current.saturating_add(v);
        } else if let Some(&sc) = lex.scales.get(w) {
            if !any && current == 0 {
                break;
            }
            current = current.max(1).saturating_mul(sc);
            if sc >= 1000 {
                total = total.saturating_add(current);
                current = 0;
            }
        } else if w == "a"
            && !any
            && s.toks
                .get(j + 1)
                .is_some_and(|n| lex.scales.contains_key(&s.lower[n.start..n.end]))
        {
            current = 1;
        } else if w == "and"
            && any
            && s.toks
                .get(j + 1)
                .is_some_and(|n| word_value(lex, &s.lower[n.start..n.end]).is_some())
        {
            // "one hundred and fifty"
        } else {
            break;
        }
        any = any || word_value(lex, w).is_some() || lex.scales.contains_key(w);
        j += 1;
    }
    if !any {
        return None;
    }
    Some(Number {
        value: Some(total + current),
        start: t.start,
        end: s.toks[j - 1].end,
        next_tok: j,
    })
}

/// Whether `w`, or its part before a hyphen ("twenty-five"), can start a
/// number word or phrase.
pub fn number_word_start(lex: &Lexicon, w: &str) -> bool {
    lex.number_starts.contains(w)
        || w.bytes()
            .position(|b| b == b'-')
            .is_some_and(|k| lex.number_starts.contains(&w[..k]))
}

/// Parse an ordinal at token `i`: "ninth", "11th".
pub fn ordinal(s: &Sentence, lex: &Lexicon, i: usize) -> Option<u32> {
    let t = s.toks.get(i)?;
    let w = &s.lower[t.start..t.end];
    if !w.as_bytes()[0].is_ascii_digit() && !lex.number_starts.contains(w) {
        return None;
    }
    if let Some(&v) = lex.ordinals.get(w) {
        return Some(v);
    }
    let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &w[digits.len()..];
    if !digits.is_empty() && matches!(suffix, "st" | "nd" | "rd" | "th") {
        return digits.parse().ok();
    }
    None
}
