//! The line filter: which lines (or HTML blocks) are article prose.
//!
//! Driven by `config/boilerplate.toml`; compiled once per [`super::Reader`].
//! Two rules are language-generic and live here: lines whose letters are
//! mostly not Latin are dropped (stray Hindi or Persian lines in English
//! pages), and the numbered items that follow a dropped breadcrumb item
//! ("1. Home" / "2. World" / "3. the headline") are dropped with it.

use std::ops::Range;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use regex::{Regex, RegexSet, RegexSetBuilder};

use crate::config::BoilerplateFile;
use crate::memory::Renewable;

/// What one trimmed, non-empty line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Prose,
    /// Page furniture: dropped.
    Furniture,
    /// The article ends here (a comment section starts).
    End,
}

/// The compiled `boilerplate.toml` line rules.
pub struct Filter {
    /// Anchored, ASCII case-insensitive.
    prefixes: Option<AhoCorasick>,
    /// Each pattern wrapped in `^(?:...)$`.
    patterns: Option<Renewable<RegexSet>>,
    /// Trimmed, without a trailing ':' or '.'.
    end_markers: Vec<String>,
    end_max_len: usize,
}

impl Filter {
    /// Compile the rules. Patterns were validated when the scenario was
    /// loaded; one that still fails to compile is left out rather than
    /// failing the reader.
    pub fn new(cfg: &BoilerplateFile) -> Filter {
        let prefixes: Vec<&str> = cfg
            .line_prefixes
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        let prefixes = if prefixes.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .start_kind(StartKind::Anchored)
                .match_kind(MatchKind::LeftmostFirst)
                .build(&prefixes)
                .ok()
        };

        let wrapped: Vec<String> = cfg
            .line_patterns
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("^(?:{p})$"))
            .filter(|p| Regex::new(p).is_ok())
            .collect();
        let patterns = regex_set(&wrapped).map(Renewable::new);

        let end_markers: Vec<String> = cfg
            .end_markers
            .iter()
            .map(|m| strip_end_punct(m.trim()).to_string())
            .filter(|m| !m.is_empty())
            .collect();
        let end_max_len = end_markers.iter().map(|m| m.len()).max().unwrap_or(0);
        Filter {
            prefixes,
            patterns,
            end_markers,
            end_max_len,
        }
    }

    /// Classify one trimmed, non-empty line.
    pub fn verdict(&self, line: &str) -> Verdict {
        let patterns = self.patterns.as_ref().map(Renewable::get);
        self.verdict_with(patterns.as_deref(), line)
    }

    /// Drop the line patterns' lazy-DFA caches (see [`Renewable`]).
    pub fn fresh_caches(&self) {
        if let Some(p) = &self.patterns {
            p.renew();
        }
    }

    fn verdict_with(&self, patterns: Option<&RegexSet>, line: &str) -> Verdict {
        if self.is_end_marker(line) {
            return Verdict::End;
        }
        if !is_latin_prose(line) {
            return Verdict::Furniture;
        }
        if let Some(ac) = &self.prefixes {
            if let Some(m) = ac.find(Input::new(line).anchored(Anchored::Yes)) {
                if !labelled_prose(&line[m.end()..]) {
                    return Verdict::Furniture;
                }
            }
        }
        if let Some(set) = patterns {
            if set.is_match(line) {
                return Verdict::Furniture;
            }
        }
        Verdict::Prose
    }

    fn is_end_marker(&self, line: &str) -> bool {
        // Cheap length gate: most lines are far longer than any marker.
        if line.len() > self.end_max_len + 2 {
            return false;
        }
        let l = strip_end_punct(line);
        self.end_markers.iter().any(|m| m.eq_ignore_ascii_case(l))
    }

    /// The prose among `lines` (ranges of trimmed, non-empty lines of
    /// `text`, in order), stopping at an end marker.
    pub fn select<I>(&self, text: &str, lines: I) -> Vec<Range<usize>>
    where
        I: IntoIterator<Item = Range<usize>>,
    {
        let mut out = Vec::new();
        // Number of the previous line when it was a dropped numbered item:
        // "2." right after a dropped "1. Home" is the breadcrumb going on.
        let mut crumb: Option<u32> = None;
        let patterns = self.patterns.as_ref().map(Renewable::get);
        for r in lines {
            let mut line = &text[r.clone()];
            // Emphasis around a line ("**Also Read:** ...", "*Share this:*")
            // does not hide it.
            if line.starts_with(['*', '_']) {
                line = line.trim_matches(['*', '_', ' ']);
                if line.is_empty() {
                    continue;
                }
            }
            let number = item_number(line);
            match self.verdict_with(patterns.as_deref(), line) {
                // A comment section ends the article; above the body (a
                // "Comments" link in the page header) it is only furniture.
                Verdict::End if out.len() > 1 => break,
                Verdict::End => crumb = None,
                Verdict::Furniture => crumb = number,
                Verdict::Prose => match (crumb, number) {
                    (Some(prev), Some(n)) if n == prev + 1 => crumb = Some(n),
                    _ => {
                        crumb = None;
                        out.push(r);
                    }
                },
            }
        }
        out
    }
}

/// The most one thread's lazy DFA for the line patterns may hold.
const DFA_CACHE: usize = 4 << 20;

fn regex_set(patterns: &[String]) -> Option<RegexSet> {
    if patterns.is_empty() {
        return None;
    }
    // The lazy DFA's cache is per thread and grows with the lines seen:
    // at 64 MiB it held most of a month-long follow's memory. A few MiB
    // keep the hot states; a full cache is cleared and built again.
    RegexSetBuilder::new(patterns)
        .size_limit(64 << 20)
        .dfa_size_limit(DFA_CACHE)
        .build()
        .ok()
}

fn strip_end_punct(s: &str) -> &str {
    s.trim_end_matches([':', '.', ' ', '\u{a0}'])
}

/// The number of a list item: "3. Foo" -> 3, "12) Foo" -> 12.
fn item_number(line: &str) -> Option<u32> {
    let b = line.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    match b.get(digits) {
        Some(b'.') | Some(b')') => {}
        _ => return None,
    }
    match b.get(digits + 1) {
        None | Some(b' ') | Some(b'\t') => line[..digits].parse().ok(),
        _ => None,
    }
}

/// Whether what follows a furniture label is a post's own text, not a
/// link's title: at least `LABELLED_PROSE_WORDS` words running on past a
/// sentence's end ("Video: Fighters entering X, the centre of Y. Fighting
/// continues near the governor's compound.").
fn labelled_prose(rest: &str) -> bool {
    let words = rest.split_whitespace().count();
    let b = rest.as_bytes();
    let sentence_end = b
        .windows(3)
        .any(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ' && w[2].is_ascii_uppercase());
    words >= LABELLED_PROSE_WORDS && sentence_end
}

/// See [`labelled_prose`].
const LABELLED_PROSE_WORDS: usize = 12;

/// Whether a line can be English-language prose: its letters are mostly
/// Latin, or it has no letters but some digits (a live-blog time "08:40").
/// Lines of only punctuation ("* * *", "|") are not.
pub fn is_latin_prose(line: &str) -> bool {
    if line.is_ascii() {
        return line.bytes().any(|b| b.is_ascii_alphanumeric());
    }
    let (mut latin, mut other, mut digits) = (0usize, 0usize, 0usize);
    for c in line.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if c.is_ascii_digit() {
            digits += 1;
        } else if c.is_alphabetic() {
            if is_latin_letter(c) {
                latin += 1;
            } else {
                other += 1;
            }
        }
    }
    if latin + other == 0 {
        digits > 0
    } else {
        latin > other
    }
}

fn is_latin_letter(c: char) -> bool {
    matches!(c,
        '\u{00AA}' | '\u{00BA}'
        | '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1D00}'..='\u{1D7F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{FB00}'..='\u{FB06}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of `text` the filter keeps.
    fn kept_lines<'t>(f: &Filter, text: &'t str) -> Vec<&'t str> {
        let mut pos = 0;
        let lines = text.split('\n').map(|l| {
            let r = pos..pos + l.len();
            pos += l.len() + 1;
            r
        });
        f.select(text, lines)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(item_number("1. Home"), Some(1));
        assert_eq!(item_number("12) x"), Some(12));
        assert_eq!(item_number("3.5 million"), None);
        assert_eq!(item_number("2021"), None);
    }

    #[test]
    fn end_marker_only_below_the_body() {
        let cfg = BoilerplateFile {
            line_prefixes: vec![],
            line_patterns: vec![],
            end_markers: vec!["Comments".into()],
            html_drop_tags: vec![],
            html_drop_classes: vec![],
        };
        let f = Filter::new(&cfg);
        let text = "Comments\nHeadline\nBody one.\nComments:\nA comment.";
        let kept = kept_lines(&f, text);
        assert_eq!(kept, ["Headline", "Body one."]);
    }

    #[test]
    fn a_label_before_a_post_of_its_own_keeps_the_post() {
        let cfg = BoilerplateFile {
            line_prefixes: vec!["Video:".into(), "Read more:".into()],
            line_patterns: vec![],
            end_markers: vec![],
            html_drop_tags: vec![],
            html_drop_classes: vec![],
        };
        let f = Filter::new(&cfg);
        let text = "Video: Fighters entering Arden, the centre of Brook province. Fighting continues near the governor's compound.\n\
                    Read more: Rebels take Arden after a week of fighting in the north of the country\n\
                    Video: Rebels enter Arden. Watch.";
        let kept = kept_lines(&f, text);
        assert_eq!(
            kept,
            ["Video: Fighters entering Arden, the centre of Brook province. Fighting continues near the governor's compound."]
        );
    }

    #[test]
    fn scripts() {
        assert!(is_latin_prose("08:40"));
        assert!(is_latin_prose("Ruritania’s 3rd-largest city"));
        assert!(!is_latin_prose("* * *"));
        assert!(!is_latin_prose("خبرهای بیشتر"));
        assert!(!is_latin_prose("हमें फ़ॉलो करें"));
        assert!(is_latin_prose("Brook (هرات) fell on Thursday."));
    }
}
