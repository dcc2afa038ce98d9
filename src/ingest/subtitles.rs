//! Subtitle files (`.srt`, `.vtt`): a video report's words, cut into
//! numbered cues with timecodes and sentences broken across cues. The
//! cues' text is joined back into running prose, a line per sentence,
//! so the extractor reads it as any transcript.

/// The prose of a SubRip or WebVTT file: cue numbers, timecodes, headers,
/// notes and markup dropped; a cue in capitals only (a title card, a
/// caption such as "ARDEN — 14 AUGUST 2021") stands on its own line.
pub fn prose(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        if !line.is_empty() {
            out.push_str(line);
            out.push('\n');
            line.clear();
        }
    };
    for block in file.split("\n\n").flat_map(|b| b.split("\r\n\r\n")) {
        let lines: Vec<&str> = block
            .lines()
            .map(|l| l.trim().trim_start_matches('\u{feff}'))
            .filter(|l| !l.is_empty())
            .collect();
        let Some(first) = lines.first() else {
            continue;
        };
        if ["WEBVTT", "NOTE", "STYLE", "REGION"]
            .iter()
            .any(|h| first.starts_with(h))
        {
            continue;
        }
        // the cue's number and its timing line come before its text
        let text_from = lines
            .iter()
            .position(|l| l.contains("-->"))
            .map_or(0, |t| t + 1);
        let cue = lines[text_from..]
            .iter()
            .map(|l| without_markup(l))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if cue.is_empty() {
            continue;
        }
        if !cue.chars().any(char::is_lowercase) {
            flush(&mut line, &mut out);
            line.push_str(&cue);
            flush(&mut line, &mut out);
            continue;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&cue);
        let end = cue.trim_end_matches(['"', '”', '’', '\'', ')']);
        if end.ends_with(['.', '!', '?']) {
            flush(&mut line, &mut out);
        }
    }
    flush(&mut line, &mut out);
    out
}

/// A cue line without `<i>`-style tags and `{\an8}`-style positioning.
fn without_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut skip: Option<char> = None;
    for c in line.chars() {
        match (skip, c) {
            (None, '<') => skip = Some('>'),
            (None, '{') if line.contains("{\\") => skip = Some('}'),
            (Some(end), c) if c == end => skip = None,
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::prose;

    #[test]
    fn cues_join_into_sentences() {
        let srt = "1\n00:00:00,500 --> 00:00:03,695\nARDEN — SATURDAY 14 AUGUST 2021\n\n\
                   2\n00:00:03,895 --> 00:00:08,485\nOvernight, the rebels took Brook,\nthe capital of Fen province,\n\n\
                   3\n00:00:08,685 --> 00:00:12,555\n<i>after the governor left.</i>\n\n\
                   4\n00:00:12,755 --> 00:00:16,355\nFighting goes on in Arden.\n";
        assert_eq!(
            prose(srt),
            "ARDEN — SATURDAY 14 AUGUST 2021\n\
             Overnight, the rebels took Brook, the capital of Fen province, after the governor left.\n\
             Fighting goes on in Arden.\n"
        );
    }

    #[test]
    fn webvtt_headers_notes_and_positioning_go() {
        let vtt = "WEBVTT\n\nNOTE made by hand\n\n00:01.000 --> 00:04.000 line:0\n{\\an8}Rebels entered Brook.\n\n\
                   intro\n00:05.000 --> 00:07.000\n- Is it true?\n";
        assert_eq!(prose(vtt), "Rebels entered Brook.\n- Is it true?\n");
    }

    #[test]
    fn crlf_files_read_the_same() {
        let srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\nRebels took Brook.\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nIt fell.\r\n";
        assert_eq!(prose(srt), "Rebels took Brook.\nIt fell.\n");
    }
}
