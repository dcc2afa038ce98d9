//! Sentences and word tokens.

use std::ops::Range;

/// Split `text[para]` into sentence ranges (absolute offsets).
///
/// A sentence ends at `.`, `!` or `?` (plus closing quotes) followed by
/// space and an upper-case letter, digit or quote, unless the word before
/// the period is a known abbreviation or a single initial.
pub fn sentences(text: &str, para: Range<usize>, abbreviations: &[String]) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = para.start;
    let mut i = para.start;
    while i < para.end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // closing quotes and brackets stay with the sentence
            while j < para.end {
                let rest = &text[j..para.end];
                if let Some(c) = rest.chars().next() {
                    if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
                        j += c.len_utf8();
                        continue;
                    }
                }
                break;
            }
            if j >= para.end {
                break;
            }
            let after = &text[j..para.end];
            let trimmed = after.trim_start();
            let had_space = trimmed.len() < after.len();
            let next = trimmed.chars().next();
            let starts_sentence = next.is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'')
            });
            if had_space
                && starts_sentence
                && b == b'.'
                && is_abbreviation(text, start, i, abbreviations)
            {
                i += 1;
                continue;
            }
            if had_space && starts_sentence {
                out.push(trim(text, start..j));
                start = para.end - trimmed.len();
                i = start;
                continue;
            }
        }
        i += 1;
    }
    if start < para.end {
        let r = trim(text, start..para.end);
        if !r.is_empty() {
            out.push(r);
        }
    }
    out
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let tail = s.len() - s.trim_end().len();
    r.start + lead..r.end - tail
}

/// Whether the word ending with the period at `dot` is an abbreviation
/// ("U.S.", "Gov.") or a single initial ("J.").
fn is_abbreviation(text: &str, floor: usize, dot: usize, abbreviations: &[String]) -> bool {
    let before = &text[floor..=dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |p| p + 1);
    let word = &before[word_start..];
    if word.len() == 2 && word.as_bytes()[0].is_ascii_uppercase() {
        return true;
    }
    abbreviations.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// A word or punctuation token, as byte offsets into the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

/// Words are runs of letters, digits, apostrophes and hyphens, plus commas
/// and periods between digits ("3,000") and inner periods ("U.S.").
/// Every other non-space character is a punctuation token.
pub fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(s.len() / 5);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut prev = c;
            while let Some(&(j, d)) = it.peek() {
                let joins = d.is_alphanumeric()
                    || ((d == '\'' || d == '’' || d == '-') && prev.is_alphanumeric())
                    || ((d == ',' || d == '.')
                        && prev.is_ascii_digit()
                        && s[j + 1..]
                            .chars()
                            .next()
                            .is_some_and(|n| n.is_ascii_digit()))
                    || (d == '.'
                        && prev.is_alphabetic()
                        && s[j + 1..].chars().next().is_some_and(|n| n.is_alphabetic())
                        && s[..j]
                            .rsplit(|x: char| !x.is_alphanumeric() && x != '.')
                            .next()
                            .is_some_and(|w| w.len() == 1 || w.contains('.')));
                if !joins {
                    break;
                }
                end = j + d.len_utf8();
                prev = d;
                it.next();
            }
            // "U.S." keeps its final period
            if s[i..end].contains('.') && s[end..].starts_with('.') {
                end += 1;
                it.next();
            }
            // trailing apostrophes/hyphens belong to punctuation
            while s[i..end].ends_with(['\'', '-']) || s[i..end].ends_with('’') {
                end -= if s[i..end].ends_with('’') {
                    '’'.len_utf8()
                } else {
                    1
                };
            }
            out.push(Tok {
                start: i,
                end,
                word: true,
            });
        } else {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                word: false,
            });
        }
    }
    out
}

/// Parse a number word or figure: "3,000", "600", "1.5" (truncated).
pub fn parse_figure(w: &str) -> Option<u32> {
    if !w.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let digits: String = w
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let rest = &w[w
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ','))
        .map_or(w.len(), |(i, _)| i)..];
    if !(rest.is_empty() || rest.starts_with('.')) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        let ab = vec!["U.S.".to_string(), "Gov.".to_string()];
        sentences(s, 0..s.len(), &ab)
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn splits_on_periods_but_not_abbreviations() {
        assert_eq!(
            split("The U.S. Embassy said so. Gov. Khan left. J. Smith stayed! Then “quotes.” End"),
            vec![
                "The U.S. Embassy said so.",
                "Gov. Khan left.",
                "J. Smith stayed!",
                "Then “quotes.”",
                "End"
            ]
        );
    }

    #[test]
    fn keeps_decimals_and_lowercase_continuations() {
        assert_eq!(
            split("It rose 1.5 per cent. e.g. this"),
            vec!["It rose 1.5 per cent. e.g. this"]
        );
    }

    #[test]
    fn tokens_keep_figures_and_initialisms() {
        let s = "About 3,000 U.S. troops, Herat's fall (x) 82nd";
        let t: Vec<&str> = tokens(s).iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(
            t,
            vec!["About", "3,000", "U.S.", "troops", ",", "Herat's", "fall", "(", "x", ")", "82nd"]
        );
    }

    #[test]
    fn figures() {
        assert_eq!(parse_figure("3,000"), Some(3000));
        assert_eq!(parse_figure("600"), Some(600));
        assert_eq!(parse_figure("82nd"), None);
        assert_eq!(parse_figure("2021"), Some(2021));
        assert_eq!(parse_figure("x"), None);
    }
}
