//! Small text helpers measured in terminal cells, not bytes.

use std::time::Duration;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to `max` cells, ending in "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Greedy word wrap to `max` cells; words longer than a line are split.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for word in s.split_whitespace() {
        let ww = width(word);
        if w > 0 && w + 1 + ww <= max {
            line.push(' ');
            line.push_str(word);
            w += 1 + ww;
            continue;
        }
        if w > 0 {
            lines.push(std::mem::take(&mut line));
            w = 0;
        }
        if ww <= max {
            line.push_str(word);
            w = ww;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > max {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(c);
            w += cw;
        }
    }
    if w > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// 3600 -> "3,600".
pub use crate::live::thousands;

/// A signed change since start, or nothing when there is none.
pub fn delta(now: i64, start: i64) -> Option<String> {
    match now - start {
        0 => None,
        d if d > 0 => Some(format!("+{}", thousands(d.unsigned_abs()))),
        d => Some(format!("−{}", thousands(d.unsigned_abs()))),
    }
}

/// "just now", "4 min ago", "2 h ago": minute resolution, so the text
/// changes at most once a minute.
pub fn ago(d: Duration) -> String {
    let m = d.as_secs() / 60;
    match m {
        0 => "just now".to_string(),
        1..=59 => format!("{m} min ago"),
        _ if m < 48 * 60 => format!("{} h ago", m / 60),
        _ => format!("{} d ago", m / (24 * 60)),
    }
}

/// When the text of [`ago`] next changes, as an age.
pub fn ago_next_change(d: Duration) -> Duration {
    let m = d.as_secs() / 60;
    let next_min = match m {
        0..=59 => m + 1,
        _ if m < 48 * 60 => (m / 60 + 1) * 60,
        _ => (m / (24 * 60) + 1) * 24 * 60,
    };
    Duration::from_secs(next_min * 60)
}

/// A file name without a long content hash: "003_ba31ab3aebd0285f.txt"
/// stays whole when it fits, else is cut from the middle of the stem so the
/// prefix (often a sequence number) and the extension stay readable.
pub fn short_file(name: &str, max: usize) -> String {
    if width(name) <= max {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.len() <= 5 => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    let room = max.saturating_sub(width(&ext));
    if room < 2 {
        return truncate(name, max);
    }
    format!("{}{ext}", truncate(stem, room))
}

/// Word-wrap `text` to `max` cells, styling byte ranges of it: later marks
/// win where they overlap. Returns the lines as spans.
pub fn wrap_marked(
    text: &str,
    marks: &[(std::ops::Range<usize>, ratatui::style::Style)],
    max: usize,
) -> Vec<Vec<ratatui::text::Span<'static>>> {
    use ratatui::style::Style;
    use ratatui::text::Span;
    let max = max.max(1);
    let style_at = |i: usize| {
        marks
            .iter()
            .rev()
            .find(|(r, _)| r.contains(&i))
            .map_or(Style::new(), |(_, s)| *s)
    };
    // Words with their byte offsets.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    let styled = |at: usize, w: &str| -> Vec<Span<'static>> {
        let mut out: Vec<Span<'static>> = Vec::new();
        let mut cur = String::new();
        let mut cur_style = style_at(at);
        for (j, c) in w.char_indices() {
            let st = style_at(at + j);
            if st != cur_style && !cur.is_empty() {
                out.push(Span::styled(std::mem::take(&mut cur), cur_style));
            }
            cur_style = st;
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(Span::styled(cur, cur_style));
        }
        out
    };
    let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut w = 0;
    let mut last_end: Option<usize> = None;
    for (at, word) in words {
        let ww = width(word);
        if w > 0 && w + 1 + ww > max {
            lines.push(std::mem::take(&mut line));
            w = 0;
        }
        if w > 0 {
            // The space keeps the style when it is inside a mark.
            let sp = last_end.map_or(Style::new(), |e| {
                if style_at(e.saturating_sub(1)) == style_at(at) {
                    style_at(at)
                } else {
                    Style::new()
                }
            });
            line.push(Span::styled(" ", sp));
            w += 1;
        }
        if ww > max {
            // Too long for a line: cut it.
            let cut = truncate(word, max);
            line.push(Span::styled(cut, style_at(at)));
            w += max;
        } else {
            line.extend(styled(at, word));
            w += ww;
        }
        last_end = Some(at + word.len());
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_cells() {
        assert_eq!(truncate("Glenmore-on-Sea", 20), "Glenmore-on-Sea");
        assert_eq!(truncate("Glenmore-on-Sea", 6), "Glenm…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wraps_words_and_splits_long_ones() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
    }

    #[test]
    fn formats_numbers_and_ages() {
        assert_eq!(thousands(3600), "3,600");
        assert_eq!(thousands(600), "600");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(delta(7, 6).as_deref(), Some("+1"));
        assert_eq!(delta(6, 6), None);
        assert_eq!(delta(3600, 0).as_deref(), Some("+3,600"));
        assert_eq!(delta(1, 3).as_deref(), Some("−2"));
        assert_eq!(ago(Duration::from_secs(59)), "just now");
        assert_eq!(ago(Duration::from_secs(61)), "1 min ago");
        assert_eq!(ago(Duration::from_secs(3 * 3600)), "3 h ago");
        assert_eq!(
            ago_next_change(Duration::from_secs(61)),
            Duration::from_secs(120)
        );
        assert_eq!(
            ago_next_change(Duration::from_secs(3 * 3600 + 5)),
            Duration::from_secs(4 * 3600)
        );
    }

    #[test]
    fn shortens_file_names_keeping_the_extension() {
        assert_eq!(
            short_file("003_ba31ab3aebd0285f.txt", 40),
            "003_ba31ab3aebd0285f.txt"
        );
        assert_eq!(short_file("003_ba31ab3aebd0285f.txt", 12), "003_ba3….txt");
    }
}
