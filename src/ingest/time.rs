//! When an article was published, from the first source it has:
//!
//! 1. a JSON `published` field, or a Markdown front matter `date`;
//! 2. HTML meta: `<meta property="article:published_time">` (or itemprop
//!    `datePublished`), JSON-LD `datePublished`, a `<time datetime>`;
//! 3. a dateline or date line among the first lines ("ARDEN, Aug 13 (Wire)
//!    –", "Saturday 7 August 2021, 10:14"); a date without a year is in the
//!    scenario's year, and a date line of another year is a page or scrape
//!    date, not the article's;
//! 4. the file's modification time.
//!
//! Each time says which source it came from.

use std::sync::OnceLock;
use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use regex::Regex;
use scraper::{Html, Selector};
use serde_json::Value;

use crate::memory::Renewable;
use crate::model::{ArticleTime, TimeSource};

/// How many non-empty lines at the top may hold a dateline.
const DATELINE_LINES: usize = 8;

/// A timestamp as written in metadata: RFC 3339, ISO 8601 without a zone
/// (read as UTC), a bare date, or RFC 2822.
pub fn parse_timestamp(s: &str) -> Option<(DateTime<Utc>, bool)> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some((t.with_timezone(&Utc), false));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some((t.with_timezone(&Utc), false));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), f) {
            return Some((Utc.from_utc_datetime(&t), false));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some((midnight(d), true));
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some((t.with_timezone(&Utc), false));
    }
    None
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// A metadata time, if it parses.
pub fn from_meta(value: Option<&str>, source: TimeSource) -> Option<ArticleTime> {
    let (at, date_only) = parse_timestamp(value?)?;
    Some(ArticleTime {
        at,
        date_only,
        source,
    })
}

/// The file's modification time.
pub fn from_file(modified: Option<SystemTime>) -> Option<ArticleTime> {
    Some(ArticleTime {
        at: DateTime::<Utc>::from(modified?),
        date_only: false,
        source: TimeSource::FileTime,
    })
}

const MONTH: &str = r"(?i:(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?";
/// A word boundary by ASCII rules: the lazy DFA gives up a Unicode `\b` on
/// the first non-ASCII byte (a curly quote in most lines), and a date's
/// edges are digits and ASCII month names anyway.
const B: &str = r"(?-u:\b)";
const WEEKDAY: &str =
    r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?";

static WIRE_DATELINE: OnceLock<Renewable<Regex>> = OnceLock::new();

fn wire_dateline() -> &'static Renewable<Regex> {
    WIRE_DATELINE.get_or_init(|| {
        // "ARDEN, Aug 13 (Reuters) –", "Arden, Aug 14 (Agencies):",
        // "ARDEN/WASHINGTON, Aug 12 –"
        //
        // The place and the parenthesis are at most 40 characters each
        // (see [`WIRE_MAX`], checked by [`wire_fits`]): each run is forced
        // (it cannot hold the comma, the parenthesis, that ends it), so
        // `+` and a check of its length match what `{1,40}` did, without
        // 40 copies of a Unicode class in the automaton (2 MB compiled,
        // and as much again in each thread's cache).
        Regex::new(&format!(
            r"^\s*\p{{Lu}}(?P<place>[\p{{L}}'’./ -]+),\s+{WEEKDAY}{MONTH}\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\s*(?:\((?P<paren>[^)]*)\))?\s*[–—:-]"
        ))
        .map(Renewable::new)
        .expect("dateline pattern")
    })
}

static DATE_LINE: OnceLock<Renewable<Regex>> = OnceLock::new();

/// The most characters the wire dateline's place (after its first
/// letter) and its parenthesis may have.
const WIRE_MAX: usize = 40;

/// Whether a wire dateline's place and parenthesis are short enough.
fn wire_fits(c: &regex::Captures) -> bool {
    ["place", "paren"].iter().all(|g| {
        c.name(g)
            .is_none_or(|m| m.as_str().chars().count() <= WIRE_MAX)
    })
}

fn date_line() -> &'static Renewable<Regex> {
    DATE_LINE.get_or_init(|| {
        // "Saturday 7 August 2021, 10:14 Arden time", "Posted on August 11,
        // 2021 by World Desk", "Friday 13 August | Updates", "Live updates |
        // Sunday 8 August 2021"
        Regex::new(&format!(
            r"^\s*(?i:(?:last\s+updated|updated|first\s+published|published|posted(?:\s+on)?|live(?:\s+updates?)?|date)\s*[:|]?\s*)?{WEEKDAY}(?:(?P<d1>\d{{1,2}})\s+{MONTH}|{}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?{B})(?:,?\s+(?P<year>\d{{4}}))?",
            MONTH.replace("?P<mon>", "?P<mon2>")
        ))
        .map(Renewable::new)
        .expect("date line pattern")
    })
}

static TRAILING_DATE: OnceLock<Renewable<Regex>> = OnceLock::new();
static FULL_DATE: OnceLock<Renewable<Regex>> = OnceLock::new();

fn full_date() -> &'static Renewable<Regex> {
    FULL_DATE.get_or_init(|| {
        // A whole date, its year written, anywhere in a line: "Exported 15
        // August 2021", "last edited on 31 August 2021", "Original:
        // 25.08.2021 14:52", "(8 August 2021)", "MOSCOW, August 25, 2021."
        Regex::new(&format!(
            r"{B}(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{}|{}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?)\s+(?P<y>\d{{4}}){B}|{B}(?P<d3>\d{{1,2}})\.(?P<m3>\d{{1,2}})\.(?P<y3>\d{{4}}){B}|{B}(?P<y4>\d{{4}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}}){B}",
            MONTH.replace("?P<mon>", "?P<mon1>"),
            MONTH.replace("?P<mon>", "?P<mon2>")
        ))
        .map(Renewable::new)
        .expect("full date pattern")
    })
}

/// Words that carry a date line on into prose ("6 August and Brook on 7
/// August, the rebels took..."): a body line that begins with a date.
const PROSE_AFTER_DATE: [&str; 14] = [
    "and", "or", "but", "when", "after", "before", "as", "to", "the", "in", "on", "with", "while",
    "until",
];

/// The first whole date of `year` in `line` (see [`full_date`]).
fn date_in(line: &str, year: i32) -> Option<NaiveDate> {
    full_date().get().captures_iter(line).find_map(|c| {
        let num = |g: &str| c.name(g).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, m, d) = if let Some(y) = num("y") {
            let mon = c.name("mon1").or_else(|| c.name("mon2"))?;
            (y, month(mon.as_str())?, num("d1").or_else(|| num("d2"))?)
        } else if let Some(y) = num("y3") {
            (y, num("m3")?, num("d3")?)
        } else {
            (num("y4")?, num("m4")?, num("d4")?)
        };
        let y = i32::try_from(y).ok().filter(|&y| y == year)?;
        NaiveDate::from_ymd_opt(y, m, d)
    })
}

fn trailing_date() -> &'static Renewable<Regex> {
    TRAILING_DATE.get_or_init(|| {
        // A headline ending in its date: "Live: ... – Sunday 15 August".
        Regex::new(&format!(
            r"[–—|-]\s*{WEEKDAY}(?P<d1>\d{{1,2}})\s+{MONTH}(?:,?\s+(?P<year>\d{{4}}))?\s*$"
        ))
        .map(Renewable::new)
        .expect("trailing date pattern")
    })
}

/// Drop the dateline patterns' lazy-DFA caches (see [`Renewable`]).
pub fn fresh_caches() {
    for r in [&WIRE_DATELINE, &DATE_LINE, &TRAILING_DATE, &FULL_DATE] {
        if let Some(r) = r.get() {
            r.renew();
        }
    }
}

/// A month's number from its name or any longer word that starts with
/// its first three letters ("aug", "August").
pub(crate) fn month(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let m = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|p| n.starts_with(p))?;
    Some(m as u32 + 1)
}

/// A dateline or date line among the first lines of `text`. Dates without
/// a year are in `year`; a date line of another year is a page date.
pub fn dateline(text: &str, year: i32) -> Option<ArticleTime> {
    let (wire, trailing, date) = (
        wire_dateline().get(),
        trailing_date().get(),
        date_line().get(),
    );
    for line in lines(text) {
        let found = if let Some(c) = wire.captures(line).filter(wire_fits) {
            let day = c.name("day")?.as_str().parse().ok();
            Some((c.name("mon").map(|m| m.as_str()), day, c.name("year")))
        } else if let Some(c) = trailing.captures(line) {
            let day = c.name("d1").and_then(|d| d.as_str().parse().ok());
            Some((c.name("mon").map(|m| m.as_str()), day, c.name("year")))
        } else if line.chars().count() <= 100 {
            date.captures(line)
                .filter(|c| {
                    c.name("year").is_some() || !runs_on(&line[c.get(0).map_or(0, |m| m.end())..])
                })
                .map(|c| {
                    let day = c
                        .name("d1")
                        .or_else(|| c.name("d2"))
                        .and_then(|d| d.as_str().parse().ok());
                    (
                        c.name("mon").or_else(|| c.name("mon2")).map(|m| m.as_str()),
                        day,
                        c.name("year"),
                    )
                })
        } else {
            None
        };
        let Some((Some(mon), Some(day), y)) = found else {
            continue;
        };
        let y = match y.and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) if y != year => continue,
            Some(y) => y,
            None => year,
        };
        let Some(d) = month(mon).and_then(|m| NaiveDate::from_ymd_opt(y, m, day)) else {
            continue;
        };
        return Some(ArticleTime {
            at: midnight(d),
            date_only: true,
            source: TimeSource::Dateline,
        });
    }
    // no date line: a whole date with its year anywhere in the first lines
    lines(text)
        .find_map(|l| date_in(l, year))
        .map(|d| ArticleTime {
            at: midnight(d),
            date_only: true,
            source: TimeSource::Dateline,
        })
}

/// The first lines of `text` where a date line may be.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATELINE_LINES)
}

/// Whether what follows a date without a year is prose going on.
fn runs_on(rest: &str) -> bool {
    rest.split_whitespace()
        .next()
        .is_some_and(|w| PROSE_AFTER_DATE.contains(&w))
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

/// An HTML page's own publication time: meta tag, JSON-LD, `<time>`.
pub fn from_html(doc: &Html) -> Option<ArticleTime> {
    static META: OnceLock<Selector> = OnceLock::new();
    static LD: OnceLock<Selector> = OnceLock::new();
    static TIME: OnceLock<Selector> = OnceLock::new();
    let meta = META.get_or_init(|| {
        selector(
            r#"meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"]"#,
        )
    });
    if let Some(t) = doc
        .select(meta)
        .find_map(|m| from_meta(m.value().attr("content"), TimeSource::MetaTag))
    {
        return Some(t);
    }
    let ld = LD.get_or_init(|| selector(r#"script[type="application/ld+json"]"#));
    for script in doc.select(ld) {
        let text: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            if let Some(t) =
                date_published(&v, 0).and_then(|s| from_meta(Some(s), TimeSource::JsonLd))
            {
                return Some(t);
            }
        }
    }
    let time = TIME.get_or_init(|| selector("time[datetime]"));
    doc.select(time)
        .find_map(|t| from_meta(t.value().attr("datetime"), TimeSource::TimeElement))
}

/// `datePublished` anywhere in a JSON-LD value (`@graph`, arrays).
fn date_published(v: &Value, depth: usize) -> Option<&str> {
    if depth > 8 {
        return None;
    }
    match v {
        Value::Object(o) => o
            .get("datePublished")
            .and_then(Value::as_str)
            .or_else(|| o.values().find_map(|x| date_published(x, depth + 1))),
        Value::Array(a) => a.iter().find_map(|x| date_published(x, depth + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let (t, d) = parse_timestamp("2021-08-12T18:30:00Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2021-08-12T18:30:00+00:00");
        assert!(!d);
        let (t, _) = parse_timestamp("2021-08-12T23:00:00+04:30").unwrap();
        assert_eq!(t.to_rfc3339(), "2021-08-12T18:30:00+00:00");
        assert!(parse_timestamp("2021-08-12").unwrap().1);
        assert!(parse_timestamp("2021-08-12 10:00").is_some());
        assert!(parse_timestamp("Thu, 12 Aug 2021 18:30:00 +0000").is_some());
        assert!(parse_timestamp("last week").is_none());
    }

    #[test]
    fn datelines() {
        let day = |text: &str| dateline(text, 2021).map(|t| t.at.format("%Y-%m-%d").to_string());
        assert_eq!(
            day("Headline\nARDEN, Aug 13 (Wire staff) –\nText.").as_deref(),
            Some("2021-08-13")
        );
        assert_eq!(
            day("Head\nArden, Aug 14 (Agencies): Rebels took it.").as_deref(),
            Some("2021-08-14")
        );
        assert_eq!(
            day("Head\nSaturday 7 August 2021, 10:14 local time\n").as_deref(),
            Some("2021-08-07")
        );
        assert_eq!(
            day("Head\nPosted on August 11, 2021 by Desk\n").as_deref(),
            Some("2021-08-11")
        );
        // A scrape date of another year is not the article's.
        assert_eq!(
            day("Wednesday, 6 March 2024\nHead\nARDEN, Aug 9 –\n").as_deref(),
            Some("2021-08-09")
        );
        assert_eq!(
            day("Live: rebels at the gates of Arden – Sunday 15 August\n").as_deref(),
            Some("2021-08-15")
        );
        assert_eq!(day("Rebels took Arden on August 6.\n"), None);
        // a body line that begins with a date is no date line
        assert_eq!(
            day("Report\nPeriod: 3-10 August 2021   Published: 10 August 2021\n6 August and Brook on 7 August fell\n")
                .as_deref(),
            Some("2021-08-10")
        );
        assert_eq!(day("Head\n6 August and Brook on 7 August fell\n"), None);
        // whole dates anywhere in the first lines, when no line is a date line
        for (text, want) in [
            (
                "Head\nExported 15 August 2021 02:40 UTC. Messages\n",
                "2021-08-15",
            ),
            (
                "Page\nThis page was last edited on 31 August 2021, at 18:12\n",
                "2021-08-31",
            ),
            (
                "[Translation. Original: 25.08.2021 14:52 (local time)]\n",
                "2021-08-25",
            ),
            (
                "Published: 17 Asad 1400 (8 August 2021), 09:30\n",
                "2021-08-08",
            ),
            ("ARDEN, August 25, 2021. Rebels left.\n", "2021-08-25"),
            ("Export of 2021-08-19, desk\n", "2021-08-19"),
        ] {
            assert_eq!(day(text).as_deref(), Some(want), "{text}");
        }
        // a whole date of another year is no article date
        assert_eq!(day("Head\nIn 4 August 1998 they took it.\n"), None);
    }

    /// The wire dateline as it was written before: 40 copies of its
    /// classes. The one in use must read every line the same.
    #[test]
    fn wire_dateline_bounded_as_before() {
        let before = Regex::new(&format!(
            r"^\s*\p{{Lu}}[\p{{L}}'’./ -]{{1,40}},\s+{WEEKDAY}{MONTH}\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\s*(?:\([^)]{{0,40}}\))?\s*[–—:-]"
        ))
        .unwrap();
        let now = wire_dateline().get();
        let places = [
            "ARDEN".to_string(),
            "Ä".to_string(),
            "K".to_string(),
            format!("K{}", "a".repeat(39)),
            format!("K{}", "a".repeat(40)),
            format!("K{}", "é".repeat(40)),
            format!("K{}", "é".repeat(41)),
            format!("K{}", "a b".repeat(14)),
            "OSTRAVA/WASHINGTON".to_string(),
            "OSTRAVA, BRNO".to_string(),
            "ostrava".to_string(),
            "OSTRAVA2".to_string(),
        ];
        let parens = [
            String::new(),
            " (Reuters)".to_string(),
            " ()".to_string(),
            format!(" ({})", "x".repeat(40)),
            format!(" ({})", "x".repeat(41)),
            format!(" ({})", "ü".repeat(40)),
            format!(" ({})", "ü".repeat(41)),
            " (a (b) c)".to_string(),
            format!(" ({} (b))", "x".repeat(45)),
            " (unclosed".to_string(),
        ];
        let dates = ["Aug 13", "Friday, August 13, 2021", "Aug. 9 2021", "13 Aug"];
        let ends = [" –", ":", " - text", "", " text –"];
        let mut n = 0;
        for p in &places {
            for d in &dates {
                for q in &parens {
                    for e in &ends {
                        let line = format!("  {p}, {d}{q}{e}");
                        let old = before.captures(&line).map(|c| {
                            (
                                c.get(0).map(|m| m.range()),
                                c.name("day").map(|m| m.range()),
                                c.name("mon").map(|m| m.range()),
                                c.name("year").map(|m| m.range()),
                            )
                        });
                        let new = now.captures(&line).filter(wire_fits).map(|c| {
                            (
                                c.get(0).map(|m| m.range()),
                                c.name("day").map(|m| m.range()),
                                c.name("mon").map(|m| m.range()),
                                c.name("year").map(|m| m.range()),
                            )
                        });
                        assert_eq!(old, new, "{line:?}");
                        n += usize::from(old.is_some());
                    }
                }
            }
        }
        assert!(n > 100, "only {n} lines matched");
    }

    #[test]
    fn html_meta() {
        let t = |html: &str| from_html(&Html::parse_document(html)).map(|t| (t.source, t.at));
        let meta = r#"<html><head><meta property="article:published_time" content="2021-08-13T06:20:00Z"></head><body><time datetime="2020-01-01">x</time></body></html>"#;
        assert_eq!(t(meta).unwrap().0, TimeSource::MetaTag);
        let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2021-08-13T06:20:00+00:00"}]}</script>"#;
        assert_eq!(t(ld).unwrap().0, TimeSource::JsonLd);
        let time = r#"<p><time datetime="2021-08-13">Aug 13</time></p>"#;
        assert_eq!(t(time).unwrap().0, TimeSource::TimeElement);
        assert!(t("<p>none</p>").is_none());
    }
}
