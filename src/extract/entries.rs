//! How an article's paragraphs are read: live-blog entries by their
//! timestamps, whatever order the page shows them in, and a sentence
//! broken into a bulleted list read as one.

use std::ops::Range;

/// Minutes after midnight of a timestamp opening `p` ("14:30", "2.35pm",
/// "[09:05 GMT]", "Update, 16:40"), if it has one.
fn stamp(p: &str) -> Option<u32> {
    let t = p.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    // a word and a mark before the time: "Update, 14:30", "UPDATE: 9.05"
    // a digit further in is no stamp: look no further than that
    let head = &t.as_bytes()[..t.len().min(11)];
    let t = match head.iter().position(u8::is_ascii_digit) {
        Some(i)
            if i <= 10
                && t[..i].trim_end().ends_with([',', ':', '-'])
                && t[..i]
                    .chars()
                    .all(|c| c.is_alphabetic() || " ,:-".contains(c)) =>
        {
            &t[i..]
        }
        _ => t,
    };
    let b = t.as_bytes();
    let hl = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&hl) || b.len() < hl + 3 || !matches!(b[hl], b':' | b'.') {
        return None;
    }
    if !(b[hl + 1].is_ascii_digit() && b[hl + 2].is_ascii_digit()) {
        return None;
    }
    if b.get(hl + 3).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let h: u32 = t[..hl].parse().ok()?;
    let m: u32 = t[hl + 1..hl + 3].parse().ok()?;
    if h > 23 || m > 59 {
        return None;
    }
    // the words tested below are short: a few bytes of the rest will do
    let rest = t[hl + 3..].trim_start();
    let mut cut = rest.len().min(12);
    while !rest.is_char_boundary(cut) {
        cut += 1;
    }
    let rest = rest[..cut].to_ascii_lowercase();
    let h = if rest.starts_with("pm") && h < 12 {
        h + 12
    } else if rest.starts_with("am") && h == 12 {
        0
    } else {
        h
    };
    // a figure like "3.50 per cent" is no time: a time stands alone or
    // before a zone, am/pm or punctuation
    let next = rest.chars().next();
    let ok = next.is_none_or(|c| !c.is_ascii_digit())
        && !rest.starts_with("per")
        && !rest.starts_with('%')
        && !rest.starts_with("million");
    ok.then_some(h * 60 + m)
}

/// The order to read `paragraphs` in: as given, unless at least two of them
/// open with timestamps that mostly run backwards (a newest-first live
/// blog); then the untimed opening (headline, summary) first, then the
/// entries oldest first. Also returns where each entry begins, in the new
/// order, so that "the city" does not reach into an entry read out of
/// page order.
pub fn reading_order(text: &str, paragraphs: &[Range<usize>]) -> (Vec<usize>, Vec<bool>) {
    let stamps: Vec<Option<u32>> = paragraphs.iter().map(|p| stamp(&text[p.clone()])).collect();
    let timed: Vec<(usize, u32)> = stamps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|m| (i, m)))
        .collect();
    // in page order, an entry's "the city" may still mean the last one's
    let natural = || {
        (
            (0..paragraphs.len()).collect(),
            vec![false; paragraphs.len()],
        )
    };
    if timed.len() < 2 {
        return natural();
    }
    let (mut down, mut up) = (0, 0);
    for w in timed.windows(2) {
        match w[1].1.cmp(&w[0].1) {
            std::cmp::Ordering::Less => down += 1,
            std::cmp::Ordering::Greater => up += 1,
            std::cmp::Ordering::Equal => {}
        }
    }
    if down <= up {
        return natural();
    }
    let first = timed[0].0;
    let mut order: Vec<usize> = (0..first).collect();
    let mut starts: Vec<bool> = vec![false; first];
    // entries: from one timestamp to the next
    let bounds: Vec<usize> = timed
        .iter()
        .map(|t| t.0)
        .chain([paragraphs.len()])
        .collect();
    for w in bounds.windows(2).rev() {
        for (k, i) in (w[0]..w[1]).enumerate() {
            order.push(i);
            starts.push(k == 0);
        }
    }
    (order, starts)
}

/// Whether a paragraph is a list item: "- X", "• X", "1. X", "2) X".
fn bullet(p: &str) -> bool {
    let t = p.trim_start();
    if t.starts_with(['-', '•', '*', '–', '·', '▪']) {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits <= 2 && t[digits..].starts_with(['.', ')'])
}

/// Paragraphs with a sentence broken into a list joined back ("On
/// Saturday: / - X, / - Y, / came under their control."): a lead-in that
/// ends with a colon, its items, and a continuation that starts in lower
/// case are one paragraph. Other lists stay as they are (an explainer's
/// list of earlier falls is a recap, not a sentence).
pub fn join_lists(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(paragraphs.len());
    let mut i = 0;
    while i < paragraphs.len() {
        let p = &paragraphs[i];
        let mut j = i + 1;
        while j < paragraphs.len() && bullet(&text[paragraphs[j].clone()]) {
            j += 1;
        }
        let continues = j > i + 1
            && text[p.clone()].trim_end().ends_with(':')
            && paragraphs
                .get(j)
                .is_some_and(|c| text[c.clone()].trim_start().starts_with(char::is_lowercase));
        if continues {
            out.push(p.start..paragraphs[j].end);
            i = j + 1;
        } else {
            out.push(p.clone());
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_their_many_forms() {
        assert_eq!(stamp("14:30 Fighting resumed"), Some(870));
        assert_eq!(stamp("2.35pm: The city fell"), Some(875));
        assert_eq!(stamp("[09:05 GMT] The"), Some(545));
        assert_eq!(stamp("Update, 16:40 - more"), Some(1000));
        assert_eq!(stamp("12:10am"), Some(10));
        assert_eq!(stamp("3.50 per cent of"), None);
        assert_eq!(stamp("2021 was"), None);
        assert_eq!(stamp("The 14:30 flight"), None);
        assert_eq!(stamp("25:00"), None);
    }

    #[test]
    fn a_sentence_broken_into_a_list_is_one_paragraph() {
        let text = "Lead:\n- X,\n- Y,\nfell today.\n- a recap\n- list";
        let mut paras = Vec::new();
        let mut pos = 0;
        for line in text.split('\n') {
            paras.push(pos..pos + line.len());
            pos += line.len() + 1;
        }
        let joined = join_lists(text, &paras);
        assert_eq!(&text[joined[0].clone()], "Lead:\n- X,\n- Y,\nfell today.");
        assert_eq!(joined.len(), 3, "{joined:?}");
    }

    #[test]
    fn newest_first_blogs_are_read_oldest_first() {
        let text = "Headline\n18:00 c\nmore c\n12:00 b\n09:00 a";
        let mut paras = Vec::new();
        let mut pos = 0;
        for line in text.split('\n') {
            paras.push(pos..pos + line.len());
            pos += line.len() + 1;
        }
        let (order, starts) = reading_order(text, &paras);
        assert_eq!(order, [0, 4, 3, 1, 2]);
        assert_eq!(starts, [false, true, true, true, false]);
        // oldest first already: unchanged
        let text = "H\n09:00 a\n12:00 b";
        let paras = [0..1, 2..9, 10..17];
        assert_eq!(reading_order(text, &paras).0, [0, 1, 2]);
    }
}
