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
/// Whether ":" and a digit follow a number ending at `end`: a time of day.
fn clock_time(lower: &str, end: usize) -> bool {
    let b = lower.as_bytes();
    b.get(end) == Some(&b':') && b.get(end + 1).is_some_and(u8::is_ascii_digit)
}

pub fn cardinal(s: &Sentence, lex: &Lexicon, i: usize) -> Option<Number> {
    let t = *s.toks.get(i)?;
    let w = &s.lower[t.start..t.end];
    if !w.as_bytes()[0].is_ascii_digit() && !number_word_start(lex, w) {
        return None;
    }
    if let Some(v) = parse_figure(w) {
        // "-5" is no count of anything, nor is the hour of "11:59 p.m."
        if minus_before(s.lower, t.start) || clock_time(s.lower, t.end) {
            return None;
        }
        // "3,000" may be followed by a scale ("1.5 million")
        let scale = s.toks.get(i + 1).and_then(|n| {
            lex.scales
                .get(&s.lower[n.start..n.end])
                .map(|&sc| (sc, n.end))
        });
        let value = match (w.split_once('.'), scale) {
            (None, None) => v,
            (None, Some((sc, _))) => v.saturating_mul(sc),
            (Some((_, frac)), Some((sc, _))) => scaled_decimal(v, frac, sc)?,
            // "3.000": a thousands point, as much of Europe writes it.
            (Some(_), None) if thousands_points(w) => w.replace('.', "").parse().ok()?,
            // "0.5 troops": a fraction is no count.
            (Some(_), None) => return None,
        };
        let (end, next) = scale.map_or((t.end, i + 1), |(_, end)| (end, i + 2));
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
    // number words: "three thousand", "six hundred", "a thousand"; u64,
    // so "twenty thousand million" is 2e10 before it is capped.
    let (mut total, mut current, mut j, mut any) = (0u64, 0u64, i, false);
    // The scale that closed the last group: a larger one multiplies the
    // whole ("twenty thousand million"), a smaller one starts a group.
    let mut last_scale = 0u64;
    while let Some(t) = s.toks.get(j) {
        let w = &s.lower[t.start..t.end];
        // a number word or a scale
        let counted;
        if let Some(v) = word_value(lex, w) {
            current = current.saturating_add(u64::from(v));
            counted = true;
        } else if let Some(&sc) = lex.scales.get(w) {
            counted = true;
            if !any && current == 0 {
                break;
            }
            let sc = u64::from(sc);
            if sc >= 1000 && current == 0 && total > 0 && sc > last_scale {
                total = total.saturating_mul(sc);
                last_scale = sc;
            } else {
                current = current.max(1).saturating_mul(sc);
                if sc >= 1000 {
                    total = total.saturating_add(current);
                    current = 0;
                    last_scale = sc;
                }
            }
        } else if lex.indefinite.contains(w)
            && !any
            && s.toks
                .get(j + 1)
                .is_some_and(|n| lex.scales.contains_key(&s.lower[n.start..n.end]))
        {
            current = 1;
            counted = false;
        } else if lex.number_joiners.contains(w)
            && any
            && s.toks
                .get(j + 1)
                .is_some_and(|n| word_value(lex, &s.lower[n.start..n.end]).is_some())
        {
            // "one hundred and fifty"
            counted = false;
        } else {
            break;
        }
        any = any || counted;
        j += 1;
    }
    if !any {
        return None;
    }
    Some(Number {
        value: Some(u32::try_from(total.saturating_add(current)).unwrap_or(u32::MAX)),
        start: t.start,
        end: s.toks[j - 1].end,
        next_tok: j,
    })
}

/// Whether a minus sign stands right before `at` ("-5", "−5"), not a
/// hyphen between words or figures ("2-5" is one token anyway).
fn minus_before(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(c) = before.chars().next_back() else {
        return false;
    };
    if !matches!(c, '-' | '\u{2212}') {
        return false;
    }
    !before[..before.len() - c.len_utf8()]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// "12.500", "1.250.000": groups of three digits after points.
fn thousands_points(w: &str) -> bool {
    let mut parts = w.split('.');
    let head = parts.next().unwrap_or("");
    (1..=3).contains(&head.len())
        && head.bytes().all(|b| b.is_ascii_digit())
        && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `whole.frac` times `scale` ("1.5 million"), exactly; `None` when the
/// fraction is not digits.
fn scaled_decimal(whole: u32, frac: &str, scale: u32) -> Option<u32> {
    if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut value = u64::from(whole).saturating_mul(u64::from(scale));
    let mut unit = u64::from(scale);
    for d in frac.bytes().take(9) {
        unit /= 10;
        value = value.saturating_add(u64::from(d - b'0') * unit);
    }
    Some(u32::try_from(value).unwrap_or(u32::MAX))
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
    ordinal_word(lex, w)
}

/// The value of one ordinal word: "ninth", "12th".
pub fn ordinal_word(lex: &Lexicon, w: &str) -> Option<u32> {
    if let Some(&v) = lex.ordinals.get(w) {
        return Some(v);
    }
    let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &w[digits.len()..];
    if !digits.is_empty() && lex.ordinal_suffixes.iter().any(|x| x == suffix) {
        return digits.parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scenario;
    use crate::extract::attribution::Names;
    use crate::extract::gazetteer::Gazetteer;
    use crate::extract::sentence::{ArticleHits, Discourse, Matcher, Scratch};

    /// The cardinal at the word `figure` in a sentence with a sending
    /// trigger (quiet sentences are not tokenised).
    fn value_of(figure: &str) -> Option<Option<u32>> {
        let sc = Scenario::builtin();
        let lex = Lexicon::new(&sc);
        let gaz = Gazetteer::new(&sc);
        let text = format!("Britain will send {figure} troops to evacuate its citizens.");
        let lower = text.to_ascii_lowercase();
        let hits = ArticleHits::find(&text, &lower, &Matcher::new(&lex, &gaz), &gaz);
        let names = Names::default();
        let s = Sentence::new(
            &text,
            &lower,
            0,
            &hits,
            &[],
            &names,
            &lex,
            &gaz,
            &mut Discourse::default(),
            &mut Scratch::default(),
        );
        let at = text
            .find(figure.trim_start_matches(['-', '\u{2212}']))
            .expect("figure");
        let i = s.toks.iter().position(|t| t.start == at).expect("token");
        cardinal(&s, &lex, i).map(|n| n.value)
    }

    #[test]
    fn figures() {
        assert_eq!(value_of("3,000"), Some(Some(3000)));
        assert_eq!(value_of("1.5 million"), Some(Some(1_500_000)));
        assert_eq!(value_of("0.5 million"), Some(Some(500_000)));
        assert_eq!(value_of("2 thousand"), Some(Some(2000)));
        // A thousands point, as much of Europe writes it.
        assert_eq!(value_of("3.000"), Some(Some(3000)));
        assert_eq!(value_of("12.500"), Some(Some(12_500)));
        // Negative figures and fractions are no count of anything.
        assert_eq!(value_of("-5"), None);
        assert_eq!(value_of("\u{2212}5"), None);
        assert_eq!(value_of("0.5"), None);
        assert_eq!(value_of("2.75"), None);
        // Too big for a figure: capped, for the plausibility bound to refuse.
        assert_eq!(value_of("5000 million"), Some(Some(u32::MAX)));
    }

    #[test]
    fn number_words() {
        assert_eq!(value_of("three thousand"), Some(Some(3000)));
        assert_eq!(value_of("one hundred and fifty"), Some(Some(150)));
        assert_eq!(
            value_of("two million three thousand"),
            Some(Some(2_003_000))
        );
        assert_eq!(value_of("a thousand million"), Some(Some(1_000_000_000)));
        // 2e10, not 1,020,000: capped.
        assert_eq!(value_of("twenty thousand million"), Some(Some(u32::MAX)));
    }
}
