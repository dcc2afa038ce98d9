//! Sentences and word tokens.

use std::ops::Range;

use super::matching::last_word_start;

/// Words whose period does not end a sentence.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    /// "U.S.", "Gov.": never a sentence end.
    pub always: Vec<String>,
    /// "No. 5": an abbreviation only before a number ("No. There is" ends
    /// a sentence).
    pub before_number: Vec<String>,
    /// Words that open a sentence and never continue a name: "... for the
    /// U.N. In Arden, ..." ends a sentence after the abbreviation.
    pub starters: Vec<String>,
}

/// Split `text[para]` into sentence ranges (absolute offsets).
///
/// A sentence ends at `.`, `!` or `?` (plus closing quotes) followed by
/// space and an upper-case letter, digit or quote, unless the word before
/// the period is a known abbreviation or a single initial.
pub fn sentences(
    text: &str,
    para: Range<usize>,
    abbreviations: &Abbreviations,
) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = para.start;
    let mut i = para.start;
    while i < para.end {
        // jump to the next possible sentence end
        match memchr::memchr3(b'.', b'!', b'?', &bytes[i..para.end]) {
            Some(k) => i += k,
            None => break,
        }
        let b = bytes[i];
        {
            let mut j = i + 1;
            // closing quotes and brackets stay with the sentence, and so
            // do footnote marks ("according to DOD.⁸", "officials said.[3]")
            while j < para.end {
                let rest = &text[j..para.end];
                if let Some(c) = rest.chars().next() {
                    if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') || is_superscript(c) {
                        j += c.len_utf8();
                        continue;
                    }
                }
                if let Some(n) = footnote_ref(rest) {
                    j += n;
                    continue;
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
            let starter = || {
                let word = trimmed
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                abbreviations.starters.iter().any(|w| w == word)
            };
            if had_space
                && starts_sentence
                && b == b'.'
                && !starter()
                && is_abbreviation(
                    text,
                    start,
                    i,
                    abbreviations,
                    next.is_some_and(|c| c.is_ascii_digit()),
                )
            {
                i += 1;
                continue;
            }
            if had_space && starts_sentence {
                capped(text, trim(text, start..j), &mut out);
                start = para.end - trimmed.len();
                i = start;
                continue;
            }
        }
        i += 1;
    }
    if start < para.end {
        capped(text, trim(text, start..para.end), &mut out);
    }
    out
}

/// A superscript digit, as footnotes are marked ("DOD.⁸").
fn is_superscript(c: char) -> bool {
    matches!(c, '⁰' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹')
}

/// The length of a bracketed footnote number at the start of `rest`
/// ("[3]", "[12]").
fn footnote_ref(rest: &str) -> Option<usize> {
    const MAX_DIGITS: usize = 3;
    let inner = rest.strip_prefix('[')?;
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=MAX_DIGITS).contains(&digits) && inner[digits..].starts_with(']')).then_some(digits + 2)
}

/// The longest sentence the rules read, in bytes. News sentences stay far
/// below it (a long one is 80 words); a run-on scrape ("captured Brook
/// captured Brook ..." with no full stop) is cut into pieces this long,
/// which bounds every per-sentence rule by construction.
pub const MAX_SENTENCE: usize = 2000;

/// `r` cut into pieces of at most [`MAX_SENTENCE`] bytes, each ending at a
/// semicolon, comma or space where there is one.
fn capped(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = r.start;
    while r.end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let piece = &text[start..cut];
        let floor = piece.len() / 2;
        let at = [';', ',']
            .iter()
            .find_map(|&c| piece.rfind(c).filter(|&i| i > floor).map(|i| i + 1))
            .or_else(|| piece.rfind(char::is_whitespace).filter(|&i| i > floor))
            .map_or(cut, |i| start + i);
        out.push(trim(text, start..at));
        start = at;
    }
    let last = trim(text, start..r.end);
    if !last.is_empty() {
        out.push(last);
    }
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let tail = s.len() - s.trim_end().len();
    r.start + lead..r.end - tail
}

/// Whether the word ending with the period at `dot` is an abbreviation
/// ("U.S.", "Gov.") or a single initial ("J.").
fn is_abbreviation(
    text: &str,
    floor: usize,
    dot: usize,
    abbreviations: &Abbreviations,
    number_next: bool,
) -> bool {
    let before = &text[floor..=dot];
    let Some(word_start) = last_word_start(before, |c| c.is_whitespace() || c == '(' || c == '"')
    else {
        return false;
    };
    let word = &before[word_start..];
    if word.len() == 2 && word.as_bytes()[0].is_ascii_uppercase() {
        return true;
    }
    let is = |list: &[String]| list.iter().any(|a| a.eq_ignore_ascii_case(word));
    is(&abbreviations.always) || (number_next && is(&abbreviations.before_number))
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
#[cfg(test)]
pub fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(s.len() / 5);
    tokens_into(s, &mut out);
    out
}

/// The tokens of `s` into a reused buffer, which is cleared first.
pub fn tokens_into(s: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = s.as_bytes();
    let n = b.len();
    // ASCII is decided by the byte; other characters are decoded
    let alnum_at = |i: usize| -> bool {
        i < n
            && (ALNUM[b[i] as usize]
                || (b[i] >= 0x80 && s[i..].chars().next().is_some_and(char::is_alphanumeric)))
    };
    let char_len = |i: usize| -> usize {
        if b[i] < 0x80 {
            1
        } else {
            s[i..].chars().next().map_or(1, char::len_utf8)
        }
    };
    let mut i = 0;
    while i < n {
        let c = b[i];
        if SPACE[c as usize] {
            i += 1;
            continue;
        }
        if !(ALNUM[c as usize] || alnum_at(i)) {
            let l = char_len(i);
            if c >= 0x80 && s[i..].chars().next().is_some_and(char::is_whitespace) {
                i += l;
                continue;
            }
            out.push(Tok {
                start: i,
                end: i + l,
                word: false,
            });
            i += l;
            continue;
        }
        let start = i;
        let mut dotted = false;
        loop {
            // runs of ASCII letters and digits, the common case
            i = alnum_run(b, i);
            if i >= n {
                break;
            }
            if b[i] >= 0x80 && alnum_at(i) {
                i += char_len(i);
                continue;
            }
            // joiners: ' ’ - inside words, , . between digits, . in initialisms
            let (joiner, jl) = match b[i] {
                b'\'' | b'-' => (true, 1),
                0xE2 if s[i..].starts_with('’') => (true, 3),
                b',' | b'.'
                    if b[i - 1].is_ascii_digit() && i + 1 < n && b[i + 1].is_ascii_digit() =>
                {
                    (true, 1)
                }
                b'.' if i - start == 1 || dotted => {
                    dotted = true;
                    (alnum_at(i + 1), 1)
                }
                _ => (false, 0),
            };
            if joiner && alnum_at(i + jl) {
                i += jl;
                continue;
            }
            break;
        }
        // "U.S." keeps its final period
        if dotted && i < n && b[i] == b'.' {
            i += 1;
        }
        out.push(Tok {
            start,
            end: i,
            word: true,
        });
    }
}

/// The end of the run of ASCII letters and digits that starts at `i`,
/// sixteen bytes at a time while they last.
#[cfg(target_arch = "x86_64")]
#[inline]
fn alnum_run(b: &[u8], mut i: usize) -> usize {
    use std::arch::x86_64::*;
    while i + 16 <= b.len() {
        // SAFETY: SSE2 is part of the x86_64 baseline, and the unaligned
        // 16-byte load reads `b[i..i + 16]`, which is in bounds.
        let m = unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
            // signed compares: bytes >= 0x80 are negative, so never in an
            // ASCII range
            let f = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let alpha = _mm_and_si128(
                _mm_cmpgt_epi8(f, _mm_set1_epi8(b'a' as i8 - 1)),
                _mm_cmpgt_epi8(_mm_set1_epi8(b'z' as i8 + 1), f),
            );
            let digit = _mm_and_si128(
                _mm_cmpgt_epi8(v, _mm_set1_epi8(b'0' as i8 - 1)),
                _mm_cmpgt_epi8(_mm_set1_epi8(b'9' as i8 + 1), v),
            );
            _mm_movemask_epi8(_mm_or_si128(alpha, digit)) as u32
        };
        let run = (!m).trailing_zeros() as usize;
        i += run;
        if run < 16 {
            return i;
        }
    }
    while i < b.len() && ALNUM[b[i] as usize] {
        i += 1;
    }
    i
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn alnum_run(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && ALNUM[b[i] as usize] {
        i += 1;
    }
    i
}

/// Byte tables for the tokenizer: ASCII letters and digits, ASCII spaces.
const ALNUM: [bool; 256] = byte_table(false);
const SPACE: [bool; 256] = byte_table(true);

const fn byte_table(space: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if space {
            b.is_ascii_whitespace()
        } else {
            b.is_ascii_alphanumeric()
        };
        c += 1;
    }
    t
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
        let ab = Abbreviations {
            always: vec!["U.S.".to_string(), "Gov.".to_string()],
            before_number: vec!["No.".to_string()],
            starters: vec!["In".to_string()],
        };
        sentences(s, 0..s.len(), &ab)
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn splits_on_periods_but_not_abbreviations() {
        assert_eq!(
            split("The U.S. Embassy said so. Gov. Khan left. J. Smith stayed! Then “quotes.” End. No. 3 said no. No. It left."),
            vec![
                "The U.S. Embassy said so.",
                "Gov. Khan left.",
                "J. Smith stayed!",
                "Then “quotes.”",
                "End.",
                "No. 3 said no.",
                "No.",
                "It left."
            ]
        );
    }

    #[test]
    fn an_abbreviation_before_a_sentence_starter_ends_its_sentence() {
        assert_eq!(
            split(
                "Ruritanians who worked for the U.S. In London, troops left. The U.S. Inspector spoke."
            ),
            vec![
                "Ruritanians who worked for the U.S.",
                "In London, troops left.",
                "The U.S. Inspector spoke."
            ]
        );
    }

    #[test]
    fn a_footnote_mark_after_the_period_stays_with_its_sentence() {
        assert_eq!(
            split("About 900 troops were there, officials said.⁸ About 100 more left. Then 3.[12] Next"),
            vec![
                "About 900 troops were there, officials said.⁸",
                "About 100 more left.",
                "Then 3.[12]",
                "Next"
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
    fn alnum_runs_end_where_the_byte_loop_ends() {
        let s =
            "Ostrava1996 fell; é x ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij0123456789-z\u{7f}@[`{/:";
        let b = s.as_bytes();
        for i in 0..b.len() {
            let mut j = i;
            while j < b.len() && b[j].is_ascii_alphanumeric() {
                j += 1;
            }
            assert_eq!(alnum_run(b, i), j, "from {i}");
        }
    }

    #[test]
    fn tokens_keep_figures_and_initialisms() {
        let s = "About 3,000 U.S. troops, Brook's fall (x) 82nd";
        let t: Vec<&str> = tokens(s).iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(
            t,
            vec!["About", "3,000", "U.S.", "troops", ",", "Brook's", "fall", "(", "x", ")", "82nd"]
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
