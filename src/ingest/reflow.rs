//! Hard-wrapped plain text: print pages run through OCR, PDF conversions,
//! e-mail. Feeds put one paragraph on a line, and the rest of the reader
//! counts on it; a wrapped page instead breaks every sentence across
//! lines, splits words with a hyphen at a line's end, sets two columns
//! side by side, and repeats running heads and "Page 2 of 6" between the
//! halves of a sentence. [`reflow`] turns such a page back into one
//! paragraph per line, and leaves every other text alone.

/// A line longer than this is a paragraph on a line, not a wrapped line.
const MAX_WRAP: usize = 110;
/// Pairs of lines, one running on into the next, that make a text wrapped:
/// at least this many, and this share of the pairs of adjacent lines.
const MIN_RUN_ONS: usize = 3;
const MIN_RUN_ON_SHARE: f64 = 0.15;
/// Spaces between two columns, at least.
const GUTTER: usize = 3;
/// How far a line's second column may start from the column's.
const DRIFT: usize = 3;
/// A line repeated word for word is a running head when it has at least
/// this many words ("the city." twice is prose).
const HEAD_WORDS: usize = 4;
/// A column starts this far in, at least.
const MIN_COLUMN: usize = 15;
/// Lines that start text at the same column, at least, and their share of
/// the non-blank lines, for two columns.
const MIN_COLUMN_LINES: usize = 5;
const MIN_COLUMN_SHARE: f64 = 0.2;
/// A line shorter than this share of the text's width ended its paragraph
/// (unless it breaks a word).
const FULL_LINE: f64 = 0.6;

/// The text as one paragraph per line, or `None` when it is not
/// hard-wrapped.
pub fn reflow(text: &str) -> Option<String> {
    let raw: Vec<&str> = text.lines().map(str::trim_end).collect();
    if raw.iter().any(|l| l.chars().count() > MAX_WRAP) || run_ons(&raw) == 0 {
        return None;
    }
    let blocks = linearise_columns(&raw);
    let all: Vec<&str> = blocks.iter().flatten().map(String::as_str).collect();
    let kinds = furniture(&all);
    let mut kinds = kinds.into_iter();
    let mut paras: Vec<String> = Vec::new();
    // the last paragraph of prose, which a line after a break may go on,
    // and the length of its last line
    let mut prose: Option<usize> = None;
    let mut last_len = 0;
    // the last line's indent and whether it opened with a bullet: a margin
    // every line shares is no indent, a hanging one under a bullet goes on
    let mut last_indent = 0;
    let mut last_bulleted = false;
    let mut in_bullet = false;
    let mut in_stamped = false;
    for block in &blocks {
        let full = (width(block) as f64 * FULL_LINE) as usize;
        // a new block (a column) starts like a new page
        let mut blank = true;
        for line in block {
            let t = line.trim();
            match kinds.next().unwrap_or(Furniture::None) {
                Furniture::Drop => continue,
                Furniture::Alone => {
                    paras.push(t.to_string());
                    blank = true;
                    continue;
                }
                Furniture::None if t.is_empty() => {
                    blank = true;
                    continue;
                }
                Furniture::None => {}
            }
            let indent = line.len() - line.trim_start().len();
            // a first line set in from the one before, or a line back out
            // of a bullet's hanging indent, opens a paragraph
            let indented =
                (indent > last_indent && !last_bulleted) || (in_bullet && indent < last_indent);
            let runs_on = match prose {
                Some(i)
                    if i + 1 == paras.len()
                        && !blank
                        && !indented
                        && !bulleted(t)
                        && !stamped(t) =>
                {
                    // an item of a log or headline stack goes on only in
                    // lower case: a capital after it starts the prose
                    breaks_word(&paras[i]) || (last_len >= full && (!in_stamped || starts_lower(t)))
                }
                // across a blank line, a page break or a column's end: only
                // a sentence left unfinished, taken up in lower case
                Some(i) => !ends_sentence(&paras[i]) && starts_lower(t),
                None => false,
            };
            match prose {
                Some(i) if runs_on => join(&mut paras[i], t),
                _ => {
                    paras.push(t.to_string());
                    prose = Some(paras.len() - 1);
                    in_bullet = bulleted(t);
                    in_stamped = stamped(t);
                }
            }
            last_len = t.chars().count();
            last_indent = indent;
            last_bulleted = bulleted(t);
            blank = false;
        }
    }
    let mut out = paras.join("\n");
    out.push('\n');
    Some(out)
}

/// Adjacent lines where the first runs on into the second: no sentence end
/// and a lower-case start, or a word broken by a hyphen. Zero unless there
/// are enough of them for the text to be a wrapped one.
fn run_ons(lines: &[&str]) -> usize {
    let (mut pairs, mut runs) = (0, 0);
    for w in lines.windows(2) {
        let (a, b) = (w[0].trim(), w[1].trim());
        if a.is_empty() || b.is_empty() {
            continue;
        }
        pairs += 1;
        if (breaks_word(a) || !ends_sentence(a)) && starts_lower(b) {
            runs += 1;
        }
    }
    if runs >= MIN_RUN_ONS && runs as f64 >= pairs as f64 * MIN_RUN_ON_SHARE {
        runs
    } else {
        0
    }
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', ']'])
}

fn starts_lower(t: &str) -> bool {
    t.trim_start().starts_with(|c: char| c.is_lowercase())
}

/// "Ar-" at a line's end: a word the line break splits.
fn breaks_word(t: &str) -> bool {
    let mut cs = t.chars().rev();
    cs.next() == Some('-') && cs.next().is_some_and(char::is_alphabetic)
}

fn bulleted(t: &str) -> bool {
    t.starts_with(['-', '•', '*', '–', '—', '·', '▪'])
        || t.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        })
}

/// A line that opens with a time of day, after at most two tokens of a
/// date ("06-Aug 09:12 GMT *...", "16/04 11:48 —", "09:12 ..."): an item
/// of a log or a headline stack, never the tail of the line before.
fn stamped(t: &str) -> bool {
    const DATE_TOKENS: usize = 2;
    let is_time = |w: &str| {
        let w = w.trim_end_matches([',', '.']);
        w.split_once(':').is_some_and(|(h, m)| {
            (1..=2).contains(&h.len())
                && h.bytes().all(|b| b.is_ascii_digit())
                && m.len() >= 2
                && m.bytes().take(2).all(|b| b.is_ascii_digit())
        })
    };
    let mut words = t.split_whitespace();
    for _ in 0..=DATE_TOKENS {
        match words.next() {
            Some(w) if is_time(w) => return true,
            Some(w) if w.bytes().any(|b| b.is_ascii_digit()) => {}
            _ => return false,
        }
    }
    false
}

/// `line` with `next` joined on: a broken word rejoined ("Ar-" "den"), a
/// hyphen kept before a capital ("Dun-i-" "Brook").
fn join(line: &mut String, next: &str) {
    if breaks_word(line) {
        if starts_lower(next) {
            line.pop();
        }
    } else {
        line.push(' ');
    }
    line.push_str(next);
}

/// The width a block is wrapped at: its longest lines but a few.
fn width(lines: &[String]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    lens.sort_unstable();
    lens.get(lens.len() * 9 / 10).copied().unwrap_or(0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Furniture {
    None,
    /// Rules of dashes, page numbers and jumps ("Page 1 of 6", "Continued
    /// on Page A8"), lines repeated word for word: dropped.
    Drop,
    /// A running head spaced out in capitals with its date or page ("A8
    /// THE MORNING LEDGER    MONDAY, AUGUST 9, 2021"): kept on its own
    /// (it may date the page), joined to nothing.
    Alone,
}

fn furniture(lines: &[&str]) -> Vec<Furniture> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for l in lines {
        let t = l.trim();
        if !t.is_empty() {
            *seen.entry(t).or_default() += 1;
        }
    }
    lines
        .iter()
        .map(|l| {
            let t = l.trim();
            let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
            let rule = !t.is_empty() && t.chars().all(|c| !c.is_alphanumeric());
            let page = words
                .windows(2)
                .any(|w| w[0] == "page" && w[1].starts_with(|c: char| c.is_ascii_alphanumeric()));
            let head = t.contains("   ")
                && t.chars().any(|c| c.is_ascii_digit())
                && !t.chars().any(char::is_lowercase);
            let repeated = words.len() >= HEAD_WORDS && seen.get(t).is_some_and(|&n| n > 1);
            if rule || page || repeated {
                Furniture::Drop
            } else if head {
                Furniture::Alone
            } else {
                Furniture::None
            }
        })
        .collect()
}

/// The lines in blocks, each wrapped at a width of its own: two columns
/// set side by side become a block for the left one and a block for the
/// right one, read in that order; the lines before and after them are
/// blocks as they are. A left column's indented first lines stay indented.
fn linearise_columns(lines: &[&str]) -> Vec<Vec<String>> {
    let owned = |ls: &[&str]| ls.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    // each line's second column, looked for once
    let starts: Vec<Option<usize>> = lines.iter().map(|l| right_start(l)).collect();
    let Some(col) = column(lines, &starts) else {
        return vec![owned(lines)];
    };
    let (Some(first), Some(mut last)) = (
        starts.iter().position(|&c| c == Some(col)),
        starts.iter().rposition(|&c| c == Some(col)),
    ) else {
        return vec![owned(lines)];
    };
    // the left column's lines after the right one has ended
    while last + 1 < lines.len() && !lines[last + 1].trim().is_empty() {
        last += 1;
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (l, start) in lines[first..=last].iter().zip(&starts[first..=last]) {
        let chars: Vec<char> = l.chars().collect();
        // a line's own gutter, when it is near the column: OCR drifts
        let cut = start
            .filter(|&c| c.abs_diff(col) <= DRIFT)
            .unwrap_or(col)
            .min(chars.len());
        left.push(
            chars[..cut]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string(),
        );
        right.push(
            chars[cut..]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string(),
        );
    }
    vec![
        owned(&lines[..first]),
        left,
        right,
        owned(&lines[last + 1..]),
    ]
}

/// The column where a second column starts, when enough lines start text
/// there after a gutter (`starts`: each line's [`right_start`]).
fn column(lines: &[&str], starts: &[Option<usize>]) -> Option<usize> {
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut nonblank = 0;
    for (l, start) in lines.iter().zip(starts) {
        if l.trim().is_empty() {
            continue;
        }
        nonblank += 1;
        if let Some(c) = start {
            *counts.entry(*c).or_default() += 1;
        }
    }
    let (&col, &n) = counts
        .iter()
        .max_by_key(|&(&c, &n)| (n, std::cmp::Reverse(c)))?;
    (n >= MIN_COLUMN_LINES && n as f64 >= nonblank as f64 * MIN_COLUMN_SHARE).then_some(col)
}

/// Where text starts after the first gutter of a line, past
/// [`MIN_COLUMN`]: the column of a second column on it, if any.
fn right_start(l: &str) -> Option<usize> {
    let mut spaces = 0;
    let mut seen_text = false;
    for (i, c) in l.chars().enumerate() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if seen_text && spaces >= GUTTER && i >= MIN_COLUMN {
            return Some(i);
        }
        // a line with only a right column: its text starts past the gutter
        if !seen_text && spaces >= MIN_COLUMN {
            return Some(i);
        }
        seen_text = true;
        spaces = 0;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_with_a_paragraph_per_line_are_left_alone() {
        let text = "Rebels take Arden\n\nThe rebels took Arden on Sunday, officials said, after a week of fighting in which the army lost most of its positions around the city.\nThe governor fled.\n";
        assert_eq!(reflow(text), None);
        // short lines that do not run on: a list
        let list = "Capitals lost\n- Arden\n- Brook\n- Cole\n- Dale\n- Eden\n- Fane\n";
        assert_eq!(reflow(list), None);
    }

    #[test]
    fn wrapped_lines_become_paragraphs_and_broken_words_are_rejoined() {
        let text = "ARDEN, Ruritania - The rebels seized the northern city of Ar-\nden on Sunday, taking the governor's compound and the provin-\ncial police headquarters after a day of street fighting, offi-\ncials said.\n\n  Within hours the rebels also took the town of Dun-i-\nBrook, where officials had withdrawn to a base outside the\ncity.\n";
        let out = reflow(text).expect("wrapped");
        let paras: Vec<&str> = out.lines().collect();
        assert_eq!(
            paras,
            [
                "ARDEN, Ruritania - The rebels seized the northern city of Arden on Sunday, taking the governor's compound and the provincial police headquarters after a day of street fighting, officials said.",
                "Within hours the rebels also took the town of Dun-i-Brook, where officials had withdrawn to a base outside the city.",
            ]
        );
    }

    #[test]
    fn a_margin_every_line_shares_is_no_indent_and_a_bullet_hangs() {
        let text = "\
  FIRST WORD: The rebels took Arden, capital of the southern province,
  on Friday, according to a police spokesman and a deputy governor, the
  first seat lost by the government this year.
  * City of roughly 160,000; officials said the army withdrew toward
    the border after the governor's compound was overrun by the rebels
  * Separately, residents in Brook said fighting had reached the area
    around the governor's office on Friday evening
  Sheberg fell later, officials said, and the rebels now hold two
  of the province's five towns, per the provincial council.
";
        let out = reflow(text).expect("wrapped");
        let paras: Vec<&str> = out.lines().collect();
        assert_eq!(paras.len(), 4, "{paras:#?}");
        assert!(paras[0].ends_with("first seat lost by the government this year."));
        assert!(paras[1].starts_with("* City") && paras[1].ends_with("by the rebels"));
        assert!(paras[3].starts_with("Sheberg fell") && paras[3].ends_with("council."));
    }

    #[test]
    fn lines_that_open_with_a_time_are_items_of_their_own() {
        let text = "\
06-Aug 09:12 GMT  *FIRST WORD: REBELS REPORTED INSIDE ARDEN, SOUTHERN PROVINCE
06-Aug 09:14 GMT  *ARDEN SITS ON THE BORDER; KEY TRADE CROSSING AT NEARBY MILL
11:40  *POLICE SPOKESMAN: ARDEN FELL 'WITHOUT A FIGHT' TO THE REBELS ON FRIDAY
The rebels took Arden, capital of the southern province, on Friday, per
officials who spoke on condition of anonymity because they were not
authorised to speak to the press about the fall of the city on Friday,
and residents said the army had withdrawn toward the border crossing
overnight, leaving the governor's compound to the advancing rebels.
";
        let out = reflow(text).expect("wrapped");
        let paras: Vec<&str> = out.lines().collect();
        assert_eq!(paras.len(), 4, "{paras:#?}");
        assert!(paras[2].starts_with("11:40"));
        assert!(!stamped("2021 saw the rebels take Arden at 11:40"));
        assert!(!stamped("Witnesses: fighting"));
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let text = "\
The rebels seized the city of         the main military base near the
Arden on Sunday after a day of        airport, where troops who had
fighting, officials said. Some        fled the center were holding
government forces and police          out, an army spokesman said, and
units in the west of the city         the rest of the city was quiet
retreated to                          by evening.
";
        let out = reflow(text).expect("wrapped");
        let paras: Vec<&str> = out.lines().collect();
        assert_eq!(
            paras,
            [
                "The rebels seized the city of Arden on Sunday after a day of fighting, officials said. Some government forces and police units in the west of the city retreated to the main military base near the airport, where troops who had fled the center were holding out, an army spokesman said, and the rest of the city was quiet by evening."
            ]
        );
    }

    #[test]
    fn page_furniture_between_the_halves_of_a_sentence_is_dropped() {
        let text = "\
Monitor                                SITUATION REPORT No. 3

The offensive accelerated sharply during the period. Six provin-
cial capitals were lost in four days, and Arden, the capital of
Arden province, became on 9 August the

Monitor report No. 3 | Not for citation                 Page 1 of 6
-------------------------------------------------------------------
Monitor                                SITUATION REPORT No. 3

sixth provincial capital to fall in four days. Government forces
are now defending Brook and Cole, both of which are under attack
from three sides, and the road between them was cut on Monday
morning, officials said.
";
        let out = reflow(text).expect("wrapped");
        assert!(
            out.contains("became on 9 August the sixth provincial capital to fall in four days."),
            "{out}"
        );
        assert!(!out.contains("Page 1 of 6"), "{out}");
    }
}
