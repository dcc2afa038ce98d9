//! Plain text and Markdown: one paragraph per non-empty line.
//!
//! Scraped pages and live blogs put one paragraph per line, and a sentence
//! never spans lines in these feeds, so every non-empty line is its own
//! paragraph (hard-wrapped pages are reflowed to that shape first). Ranges index into the file itself, trimmed of whitespace
//! (and, for Markdown, of heading, quote, list and emphasis markers).

use std::ops::Range;

/// Metadata from a Markdown front-matter block (`---` ... `---`).
#[derive(Debug, Default)]
pub struct FrontMatter {
    /// Range of the title value in the text.
    pub title: Option<Range<usize>>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// Whitespace and invisible characters trimmed from line ends.
fn is_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

/// `r` shrunk to exclude surrounding whitespace; empty when blank.
pub fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start_matches(is_trim).len());
    let end = r.end - (s.len() - s.trim_end_matches(is_trim).len());
    if start >= end {
        start..start
    } else {
        start..end
    }
}

/// The non-empty lines of `text[from..]`, trimmed. Lines end at '\n' or
/// '\r' (so CRLF and old Mac files both work).
pub fn lines(text: &str, from: usize, markdown: bool) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut pos = from.min(text.len());
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            let start = pos;
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .map_or(bytes.len(), |i| start + i);
            pos = end + 1;
            let mut r = trim_range(text, start..end);
            if markdown && !r.is_empty() {
                r = strip_markdown(text, r);
            }
            if !r.is_empty() {
                return Some(r);
            }
        }
        None
    })
}

/// Drop Markdown block markers ("## ", "> ", "- ", "* ", "+ ") from the
/// front of a line, and emphasis that wraps the whole line ("**Also Read**").
fn strip_markdown(text: &str, mut r: Range<usize>) -> Range<usize> {
    loop {
        let s = &text[r.clone()];
        let b = s.as_bytes();
        let skip = if b[0] == b'#' {
            let n = b.iter().take_while(|&&c| c == b'#').count();
            // "#hashtag" is not a heading.
            if n <= 6 && (b.len() == n || b[n] == b' ' || b[n] == b'\t') {
                n
            } else {
                0
            }
        } else if b[0] == b'>'
            || (matches!(b[0], b'-' | b'*' | b'+')
                && b.len() > 1
                && (b[1] == b' ' || b[1] == b'\t'))
        {
            1
        } else {
            0
        };
        if skip == 0 {
            break;
        }
        r = trim_range(text, r.start + skip..r.end);
        if r.is_empty() {
            return r;
        }
    }
    // Closing hashes of an ATX heading: "## Title ##".
    let s = &text[r.clone()];
    let t = s.trim_end_matches('#');
    if t.len() < s.len() && t.ends_with([' ', '\t']) {
        r = trim_range(text, r.start..r.start + t.len());
    }
    for mark in ["**", "__", "*", "_"] {
        let s = &text[r.clone()];
        if s.len() > 2 * mark.len() && s.starts_with(mark) && s.ends_with(mark) {
            r = trim_range(text, r.start + mark.len()..r.end - mark.len());
            break;
        }
    }
    r
}

/// Parse a leading `---` front-matter block. Returns where the body starts
/// and what the block says; `(0, default)` when there is none.
pub fn front_matter(text: &str) -> (usize, FrontMatter) {
    let mut fm = FrontMatter::default();
    let start = text.len() - text.trim_start_matches(is_trim).len();
    let Some(rest) = text[start..].strip_prefix("---") else {
        return (0, fm);
    };
    // The opening fence is a line of its own.
    let after_fence = start + 3;
    match rest.as_bytes().first() {
        Some(b'\n') | Some(b'\r') => {}
        _ => return (0, fm),
    }
    let mut pos = after_fence;
    let bytes = text.as_bytes();
    // A front-matter block is short; give up on anything long.
    for _ in 0..64 {
        if pos >= bytes.len() {
            return (0, FrontMatter::default());
        }
        let end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| pos + i);
        let line = trim_range(text, pos..end);
        let s = &text[line.clone()];
        if s == "---" || s == "..." {
            return (end.min(text.len()), fm);
        }
        if let Some(colon) = s.find(':') {
            let key = s[..colon].trim().to_ascii_lowercase();
            let value = trim_range(text, line.start + colon + 1..line.end);
            let value = unquote(text, value);
            if !value.is_empty() {
                let v = || text[value.clone()].to_string();
                match key.as_str() {
                    "title" | "headline" if fm.title.is_none() => fm.title = Some(value.clone()),
                    "date" | "published" | "pubdate" | "published_at" if fm.published.is_none() => {
                        fm.published = Some(v())
                    }
                    "source" | "publisher" | "site" | "outlet" if fm.source.is_none() => {
                        fm.source = Some(v())
                    }
                    "url" | "link" | "canonical" | "canonical_url" if fm.url.is_none() => {
                        fm.url = Some(v())
                    }
                    _ => {}
                }
            }
        }
        pos = end + 1;
    }
    (0, FrontMatter::default())
}

fn unquote(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return trim_range(text, r.start + 1..r.end - 1);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str, md: bool) -> Vec<&str> {
        lines(text, 0, md).map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_lines() {
        assert_eq!(collect("a\r\n\r\n  b \rc", false), ["a", "b", "c"]);
        assert_eq!(collect("\u{feff}Title\n\n", false), ["Title"]);
    }

    #[test]
    fn markdown_markers() {
        let t = "# Head #\n> quoted\n- item\n**Also Read: x**\n#tag\n---";
        assert_eq!(
            collect(t, true),
            ["Head", "quoted", "item", "Also Read: x", "#tag", "---"]
        );
    }

    #[test]
    fn front_matter_block() {
        let t = "---\ntitle: \"Arden falls\"\ndate: 2021-08-15\n---\nBody.";
        let (body, fm) = front_matter(t);
        assert_eq!(&t[fm.title.unwrap()], "Arden falls");
        assert_eq!(fm.published.as_deref(), Some("2021-08-15"));
        assert_eq!(&t[body..], "\nBody.");
        assert_eq!(front_matter("--- not a fence\n").0, 0);
    }
}
