//! Clauses: where negation, modality, years and attribution stop, and
//! which clauses are background to the main one.

use crate::extract::gazetteer::Gaz;
use crate::extract::lexicon::{Brk, Cue, Dep, Lexicon, Trigger};
use crate::extract::matching::Hit;
use crate::extract::text::Tok;

/// How many words before a semicolon a place may stand for the semicolon
/// to separate members of a list of places.
const LIST_MEMBER_WORDS: usize = 8;

/// The sentence's place names and triggers, which tell a semicolon that
/// separates list members from one that opens a clause.
pub struct Places<'a> {
    pub gaz: &'a [Hit<Gaz>],
    pub events: &'a [Hit<Trigger>],
    /// The sentence's cues: a modal or negation right after "and" opens a
    /// verb phrase with a mood of its own.
    pub cues: &'a [Hit<Cue>],
    /// The sentence's deployment words: a hedge ("expected to") after
    /// "and" has a mood of its own; a sending verb is a finite verb.
    pub deploy: &'a [Hit<Dep>],
}

/// How many words after ", and the" a finite verb may stand for the "and"
/// to join two clauses rather than two objects.
const SUBJECT_WORDS: usize = 5;

/// How far before "since" a comparison may start ("the first provincial
/// capital to fall since 2016").
const BASELINE_WORDS: usize = 8;

/// What a clause is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClauseInfo {
    /// Opened by a break about another time ("after", "when", ", which"):
    /// its events come before the main clause's.
    pub background: bool,
    /// A relative clause ("X, which ..."): closes at the next comma.
    pub relative: bool,
    /// About the past: an old year or a history cue in it.
    pub history: bool,
}

/// Clause segments `(start, end, clause id)` from break phrases, and what
/// each clause is. A relative break (", which") opens a clause that closes
/// at the next comma, after which the clause it interrupted resumes.
pub fn segments(
    lower: &str,
    breaks: &[Hit<Brk>],
    lex: &Lexicon,
    places: &Places,
    segs: &mut Vec<(usize, usize, usize)>,
    infos: &mut Vec<ClauseInfo>,
) {
    segs.clear();
    infos.clear();
    infos.push(ClauseInfo::default());
    let (mut start, mut id) = (0usize, 0usize);
    let mut resume: Option<(usize, usize)> = None;
    // "After the rebels entered X, the army withdrew": a sentence that
    // opens with a subordinator opens with a background clause
    let opening = opening_subordinator(lower, lex).map(|(a, b)| Hit {
        start: a,
        end: b,
        tag: Brk::BREAK | Brk::BACKGROUND,
    });
    let coordinated = coordinated_predicates(lower, lex, places);
    let kept = breaks.iter().filter(|b| {
        b.tag.contains(Brk::BREAK)
            && !adverb(lower, b, lex)
            && !list_semicolon(lower, b, lex, places)
    });
    let mut all: Vec<&Hit<Brk>> = opening.iter().chain(kept).collect();
    if !coordinated.is_empty() {
        all.extend(coordinated.iter());
        all.sort_by_key(|b| b.start);
    }
    for b in all {
        // "who in 1996, when they first took X, hanged ...": a time
        // clause right where a relative one closes hangs on it
        let mut nested = false;
        if let Some((close, main)) = resume {
            if b.start >= close {
                segs.push((start, close, id));
                nested = infos[id].relative
                    && lower
                        .get(close..b.start)
                        .is_some_and(|gap| gap.trim_matches([',', ' ']).is_empty());
                start = close;
                id = main;
                resume = None;
            }
        }
        let word = lower[b.start..b.end].trim_matches(|c: char| c == ',' || c.is_whitespace());
        let background = b.tag.contains(Brk::BACKGROUND);
        nested &= background && !lex.relative_pronouns.contains(word);
        if b.start < start || (b.start == start && b.start > 0 && !nested) {
            continue;
        }
        if b.start > start {
            segs.push((start, b.start, id));
        }
        let relative = resume.is_none() && lex.relative_pronouns.contains(word);
        // a relative clause, a time clause inside one, or a background one
        // that opens the sentence (after an "Arden:" label), ends at the
        // next comma
        if resume.is_none() && (relative || nested || (background && fronted(&lower[..b.start]))) {
            // ... or at a colon or semicolon before it ("a roundup of where
            // things stand: X, ..., fell")
            // (not a time's colon, "11:30")
            let bytes = lower.as_bytes();
            let stop = memchr::memchr2_iter(b':', b';', &bytes[b.end..])
                .map(|i| b.end + i)
                .find(|&i| !bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
            let close = match (next_comma(lower, b.end), stop) {
                (Some(c), Some(t)) => c.min(t),
                (c, t) => c.or(t).unwrap_or(lower.len()),
            };
            resume = Some((close, id));
        } else if resume.is_none() && background && !relative {
            // "took X after the police surrendered, and the capitals of Y
            // and Z": the list goes on in the main clause
            resume = list_resumes(lower, b, lex, places).map(|close| (close, id));
        }
        start = b.start;
        id = infos.len();
        infos.push(ClauseInfo {
            background,
            relative,
            history: false,
        });
    }
    if let Some((close, main)) = resume {
        if close < lower.len() {
            segs.push((start, close, id));
            start = close;
            id = main;
        }
    }
    segs.push((start, lower.len(), id));
}

/// Where a background clause in mid-sentence hands back to the clause it
/// hangs on: at ", and" before places with no verb of their own, which
/// go on the main verb's list ("took X after elders brokered a surrender,
/// and the capitals of Y and Z"), when that verb comes before the clause.
fn list_resumes(lower: &str, b: &Hit<Brk>, lex: &Lexicon, places: &Places) -> Option<usize> {
    if !places.events.iter().any(|e| e.end <= b.start) {
        return None;
    }
    let comma = b.end + lower[b.end..].find(", and ")?;
    let at = comma + ", and ".len();
    let end = lower[at..].find([',', ';']).map_or(lower.len(), |i| at + i);
    let first = lower[at..end].split_whitespace().next()?;
    let place = |h: &&Hit<Gaz>| {
        h.start >= at && h.end <= end && matches!(h.tag, Gaz::Capital(_) | Gaz::Province(_))
    };
    let verb = places.events.iter().any(|e| e.start >= at && e.start < end)
        || places
            .deploy
            .iter()
            .any(|d| d.start >= at && d.start < end && d.tag.contains(Dep::VERB))
        || lower[at..end].split_whitespace().any(|w| {
            lex.copulas.contains(w) || lex.perfect_aux.contains(w) || lex.passive_aux.contains(w)
        });
    let opens_noun = lex.determiners.contains(first) || places.gaz.iter().any(|h| h.start == at);
    // nothing but names and a list's words ("the capitals of ... provinces")
    let mut at_word = at;
    let listed = lower[at..end].split(' ').all(|w| {
        let start = at_word;
        at_word += w.len() + 1;
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || lex.determiners.contains(w)
            || lex.list_gap.contains(w)
            || lex.is_list_plural(w)
            || places.gaz.iter().any(|h| h.start <= start && start < h.end)
    });
    (opens_noun && listed && !verb && places.gaz.iter().any(|h| place(&h))).then_some(comma)
}

/// An "and" that joins two predicates rather than two objects opens a
/// clause, so the mood of one stays out of the other: "took X and may soon
/// take Y" (a modal, a negation or a hedge right after "and", adverbs
/// aside, with an event on each side); "sent 300 troops, and the air force
/// has jets on standby" (", and" after a verb, a determiner, then a finite
/// verb within a few words).
fn coordinated_predicates(lower: &str, lex: &Lexicon, places: &Places) -> Vec<Hit<Brk>> {
    let mut out = Vec::new();
    for (i, _) in lower.match_indices(" and ") {
        let comma = lower[..i].ends_with(',');
        let mut at = i + " and ".len();
        for w in lower[at..].split(' ') {
            if !lex.is_adverb(w) || at + w.len() >= lower.len() {
                break;
            }
            at += w.len() + 1;
        }
        // only between two events: a purpose in one verb phrase ("have 600
        // sailors on board and will remain for evacuation runs") serves both
        let event_before = places.events.iter().any(|e| e.end <= i);
        let events_both_sides = event_before && places.events.iter().any(|e| e.start >= at);
        let mood = events_both_sides
            && (places
                .cues
                .iter()
                .any(|c| c.start == at && c.tag.intersects(Cue::MODAL | Cue::NEG))
                || places
                    .deploy
                    .iter()
                    .any(|d| d.start == at && d.tag.contains(Dep::HEDGE)));
        // "X, the centre of Eastmarch, and the city of Y were taken": with
        // no verb before it, the "and" joins two subjects
        let verb_before = event_before
            || places
                .deploy
                .iter()
                .any(|d| d.end <= i && d.tag.contains(Dep::VERB));
        let clause = comma && verb_before && {
            let mut words = lower[at..]
                .split(' ')
                .take_while(|w| !w.ends_with([',', ';', ':']))
                .take(SUBJECT_WORDS + 1);
            words.next().is_some_and(|w| lex.determiners.contains(w))
                && words.any(|w| lex.perfect_aux.contains(w) || lex.passive_aux.contains(w))
        };
        // "Canada said it would send special forces, and Germany said it
        // was reducing its staff": a country that speaks opens a clause
        let speaker =
            comma && verb_before && {
                let country = |h: &Hit<Gaz>| {
                    h.start == at && matches!(h.tag, Gaz::Country(_) | Gaz::CountryUpper(_))
                };
                let end = lower[at..]
                    .find([',', ';', ':'])
                    .map_or(lower.len(), |j| at + j);
                let near = at
                    + lower[at..end]
                        .split(' ')
                        .take(SUBJECT_WORDS)
                        .map(|w| w.len() + 1)
                        .sum::<usize>();
                // ... when what it says sends nothing of its own ("and Spain
                // said two A400M aircraft would fly evacuees" stays whole)
                let sends = places.deploy.iter().any(|d| {
                    d.start >= at && d.tag.intersects(Dep::VERB | Dep::TROOPS | Dep::ASSET)
                });
                places.gaz.iter().any(country)
                    && !sends
                    && places.cues.iter().any(|c| {
                        c.start > at && c.start < near.min(end) && c.tag.contains(Cue::SPEECH)
                    })
            };
        if mood || clause || speaker {
            out.push(Hit {
                start: if comma { i - 1 } else { i },
                end: i + " and".len(),
                tag: Brk::BREAK,
            });
        }
    }
    out
}

/// "took X, the capital of Eastmarch; Y in Westmarch; and Z on the border": a
/// semicolon, one of several, between a place and another place (after an
/// "and") whose stretch up to the next comma or semicolon holds no trigger
/// and no copula separates members of one list, it opens no clause.
fn list_semicolon(lower: &str, b: &Hit<Brk>, lex: &Lexicon, places: &Places) -> bool {
    // a list that needs semicolons has three members or more: a lone
    // semicolon joins two clauses
    if lower[b.start..b.end].trim() != ";" || lower.matches(';').count() < 2 {
        return false;
    }
    let is_place = |h: &&Hit<Gaz>| matches!(h.tag, Gaz::Capital(_));
    // a place just before it
    let before = &lower[..b.start];
    let from = before
        .char_indices()
        .rev()
        .filter(|&(_, c)| c.is_whitespace())
        .nth(LIST_MEMBER_WORDS)
        .map_or(0, |(i, _)| i);
    if !places
        .gaz
        .iter()
        .filter(is_place)
        .any(|h| h.start >= from && h.end <= b.start)
    {
        return false;
    }
    // a place right after it, past a conjunction
    let rest = &lower[b.end..];
    let mut at = b.end + (rest.len() - rest.trim_start().len());
    let first = lower[at..].split_whitespace().next().unwrap_or("");
    if lex.conjunction_words.contains(first) {
        let after = &lower[at + first.len()..];
        at += first.len() + (after.len() - after.trim_start().len());
    }
    if !places.gaz.iter().filter(is_place).any(|h| h.start == at) {
        return false;
    }
    let end = lower[at..].find([',', ';']).map_or(lower.len(), |i| at + i);
    !places.events.iter().any(|e| e.start >= at && e.start < end)
        && !lower[at..end]
            .split_whitespace()
            .any(|w| lex.copulas.contains(w.trim_end_matches('.')))
}

/// A subordinator with no clause after it is an adverb: "it has fallen
/// twice before, in 2015" opens nothing; nor does one right after a
/// perfect auxiliary ("the rebels have since taken Arden").
fn adverb(lower: &str, b: &Hit<Brk>, lex: &Lexicon) -> bool {
    let word = lower[b.start..b.end].trim();
    let alphabetic = !word.is_empty() && word.bytes().all(|c| c.is_ascii_alphabetic());
    let nothing_after = lower[b.end..]
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | ')'));
    let after_aux = lower[..b.start]
        .trim_end()
        .rsplit(' ')
        .next()
        .is_some_and(|w| lex.perfect_aux.contains(w));
    alphabetic
        && (nothing_after
            || after_aux
            || succession(lower, b, lex)
            || span_of_time(&lower[b.end..], lex)
            || date_after(&lower[b.end..], lex))
}

/// "city after city", "one after another": a subordinator between a word
/// and its repeat, or between "one" and a reciprocal, tells a succession.
fn succession(lower: &str, b: &Hit<Brk>, lex: &Lexicon) -> bool {
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let before = lower[..b.start].split_whitespace().next_back().map(bare);
    let after = &lower[b.end..];
    let next = after.split_whitespace().next().map(bare);
    match (before, next) {
        (Some(a), Some(n)) if !a.is_empty() && a == n => true,
        (Some(a), _) => lex.units.get(a.as_str()) == Some(&1) && lex.reciprocals.starts(after),
        _ => false,
    }
}

/// "since 24 April", "until Friday", "since late July": a date, so the
/// word before it is a preposition, no subordinator ("since 24 April X
/// has been the scene of attacks" is one clause, told now).
fn date_after(rest: &str, lex: &Lexicon) -> bool {
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    // "since 24 April", "since late July": a date word first or second
    match (words.next(), words.next()) {
        (Some(a), _) if lex.date_words.contains(a) => true,
        (Some(a), Some(b)) => {
            lex.date_words.contains(b)
                && (lex.is_date_word(a) || a.chars().all(char::is_alphabetic))
        }
        _ => false,
    }
}

/// "after five hours of fighting", "after weeks of siege": a span of time
/// (a few quantity words, then a duration), which no verb follows.
fn span_of_time(rest: &str, lex: &Lexicon) -> bool {
    const MAX_QUANTITY: usize = 2;
    let quantity = |w: &str| {
        w.as_bytes().first().is_some_and(u8::is_ascii_digit)
            || lex.units.contains_key(w)
            || lex.determiners.contains(w)
            || lex.partitives.contains(w)
    };
    let mut words = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    for _ in 0..=MAX_QUANTITY {
        match words.next() {
            Some(w) if lex.durations.contains(w) => return true,
            Some(w) if quantity(w) => {}
            _ => return false,
        }
    }
    false
}

/// A parenthetical ("Arden (a warlord's stronghold in the 1990s) fell")
/// is a clause of its own, background to its host, which resumes after
/// it: its years and cues stay inside it.
pub fn carve_asides(
    lower: &str,
    lex: &Lexicon,
    places: &Places,
    segs: &mut Vec<(usize, usize, usize)>,
    infos: &mut Vec<ClauseInfo>,
) {
    let mut open = None;
    let mut asides = Vec::new();
    let b = lower.as_bytes();
    for i in memchr::memchr2_iter(b'(', b')', b) {
        match (b[i], open) {
            (b'(', None) => open = Some(i),
            (b')', Some(a)) => {
                // "in the year 1375 (1996)": a date in brackets glosses the
                // time before it, and its year scopes the host clause
                if !date_gloss(&lower[a + 1..i]) {
                    asides.push((a, i + 1));
                }
                open = None;
            }
            _ => {}
        }
    }
    // "Arden — the city where in 2001 the statues were blown up — and
    // Brook": a pair of dashes sets off an aside as brackets do
    let mut dash = None;
    for (i, len) in dashes(lower) {
        match dash {
            None => dash = Some(i),
            Some(a) => {
                // not a dateline's dash ("ARDEN (Wire) — ...") paired with
                // one in the text
                let head = lower[..a].trim_end();
                let dateline = head.ends_with(')') || head.split_whitespace().nth(1).is_none();
                // only an aside with a year of its own is carved: it is
                // what must not date the clause around it, while a figure
                // between dashes ("three battalions — about 3,000 troops
                // —") is the host's apposition
                if !dateline
                    && has_year(&lower[a..i])
                    && !asides.iter().any(|&(x, y)| x < i && a < y)
                {
                    asides.push((a, i + len));
                }
                dash = None;
            }
        }
    }
    // "X, home to the statues destroyed in 2001, had been handed over": a
    // comma pair after a place's name, holding an old year, before the
    // host's verb, sets off an aside too
    for g in places
        .gaz
        .iter()
        .filter(|g| matches!(g.tag, Gaz::Capital(_)))
    {
        if !lower[g.end..].starts_with(',') {
            continue;
        }
        let a = g.end;
        // "X, a city the group briefly held in 2018, fell": an apposition
        // opened by an indefinite article is an aside wherever it ends,
        // at a comma or the sentence's end
        let apposition = lower[a + 1..]
            .split_whitespace()
            .next()
            .is_some_and(|w| lex.indefinite.contains(w));
        let Some(b) = next_comma(lower, a + 1).or_else(|| {
            apposition.then(|| lower.trim_end_matches(|c: char| !c.is_alphanumeric()).len())
        }) else {
            continue;
        };
        if b <= a + 1 {
            continue;
        }
        let inner = &lower[a + 1..b];
        let old = inner
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| old_year(w, lex.year));
        let next = lower
            .get(b + 1..)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or("");
        let predicate = lex.perfect_aux.contains(next) || lex.copulas.contains(next);
        if old && (predicate || apposition) && !asides.iter().any(|&(x, y)| x < b && a < y) {
            asides.push((a, b));
        }
    }
    asides.sort_unstable();
    for (a, b) in asides {
        let host = clause_at(segs, a);
        let id = infos.len();
        infos.push(ClauseInfo {
            background: true,
            ..ClauseInfo::default()
        });
        let mut out = Vec::with_capacity(segs.len() + 2);
        for &(s, e, c) in segs.iter() {
            if e <= a || s >= b {
                out.push((s, e, c));
                continue;
            }
            if s < a {
                out.push((s, a, c));
            }
            if out.last().is_none_or(|&(_, _, last)| last != id) {
                out.push((s.max(a), e.min(b), id));
            } else if let Some(last) = out.last_mut() {
                last.1 = e.min(b);
            }
            if e > b {
                // a clause opened inside the aside ends with it
                out.push((b, e, if s < a { c } else { host }));
            }
        }
        *segs = out;
    }
}

/// Whether `text` holds a year of the last two centuries as a word of its
/// own ("in March 2001", not "1,500").
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit() && c != ',')
        .any(|w| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y)))
}

/// The dashes that can set off an aside, with their lengths: an em dash,
/// and an en dash or a double hyphen with spaces around them (a hyphen
/// joins words, and "1-2" or "Arden–Brook" a range).
fn dashes(lower: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = lower.as_bytes();
    let spaced = move |i: usize, len: usize| {
        i > 0 && b[i - 1] == b' ' && b.get(i + len).is_some_and(|&c| c == b' ')
    };
    lower
        .match_indices(['—', '–', '-'])
        .filter_map(move |(i, d)| match d {
            "—" => Some((i, d.len())),
            "–" if spaced(i, d.len()) => Some((i, d.len())),
            "-" if b.get(i + 1) == Some(&b'-') && b.get(i + 2) != Some(&b'-') && spaced(i, 2) => {
                Some((i, 2))
            }
            _ => None,
        })
}

/// The next comma from `from` that is punctuation, not the thousands
/// separator of a figure ("about 2,500 troops").
fn next_comma(lower: &str, from: usize) -> Option<usize> {
    let b = lower.as_bytes();
    memchr::memchr_iter(b',', &b[from..])
        .map(|i| from + i)
        .find(|&i| {
            !(i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        })
}

/// Only a year or a date: "1996", "8 August 2021", "2001-02".
fn date_gloss(inner: &str) -> bool {
    let mut words = inner
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '–' | '/' | '.'))
        .filter(|w| !w.is_empty())
        .peekable();
    let mut year = false;
    let all = words.peek().is_some()
        && words.all(|w| {
            let digits = w.bytes().all(|b| b.is_ascii_digit());
            year |= digits && w.len() == 4;
            digits || crate::ingest::time::month(w).is_some()
        });
    all && year
}

/// Nothing, or only a short "Arden:" / "14:30 -" label.
fn is_label(prefix: &str) -> bool {
    let t = prefix.trim();
    t.is_empty() || (t.ends_with([':', '-', '–', '—']) && t.split_whitespace().nth(4).is_none())
}

/// Before a fronted clause: a label, or a few words of an opening phrase
/// ("In the hours before they reached X, ...").
fn fronted(prefix: &str) -> bool {
    is_label(prefix) || (prefix.split_whitespace().nth(4).is_none() && !prefix.contains(','))
}

/// The span of a subordinator that opens the sentence ("After", "When"),
/// after any label.
fn opening_subordinator(lower: &str, lex: &Lexicon) -> Option<(usize, usize)> {
    let lead = lower.len() - lower.trim_start().len();
    let body = match lower.find(':') {
        Some(i) if is_label(&lower[..=i]) => i + 1,
        _ => lead,
    };
    let rest = &lower[body..];
    let skip = rest.len() - rest.trim_start().len();
    let at = body + skip;
    let w = lower[at..].split(|c: char| !c.is_alphanumeric()).next()?;
    // "Since 24 July X has been ...": a preposition before a date
    (!w.is_empty()
        && lex.opening_subordinators.contains(w)
        && !date_after(&lower[at + w.len()..], lex))
    .then_some((at, at + w.len()))
}

/// The clause of a byte position; segments are contiguous and in order.
pub fn clause_at(segs: &[(usize, usize, usize)], pos: usize) -> usize {
    let i = segs.partition_point(|&(a, _, _)| a <= pos);
    segs[i.saturating_sub(1)].2
}

/// The last year `lower` names, and whether it is before `year`: "1996",
/// "the 1990s", "in '96" (two digits after an apostrophe, in the century
/// that keeps them at or before `year`).
pub fn last_year_named(lower: &str, year: i32) -> Option<bool> {
    let mut last = None;
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let end = (i..b.len())
            .find(|&k| !b[k].is_ascii_digit())
            .unwrap_or(b.len());
        let word_end = if b.get(end) == Some(&b's') {
            end + 1
        } else {
            end
        };
        let bounded = b.get(word_end).is_none_or(|c| !c.is_ascii_alphanumeric());
        let digits = &lower[i..end];
        let before = &lower[..i];
        let apostrophe = before.ends_with('\'') || before.ends_with('’');
        // a figure ("1,500"): a comma or point right after joins more digits
        let figure = matches!(b.get(end), Some(b',' | b'.'))
            && b.get(end + 1).is_some_and(u8::is_ascii_digit);
        if bounded && !figure {
            if digits.len() == 4 {
                if let Ok(y) = digits.parse::<i32>() {
                    if (1900..=year).contains(&y) {
                        last = Some(y < year);
                    }
                }
            } else if digits.len() == 2 && apostrophe {
                if let Ok(n) = digits.parse::<i32>() {
                    last = Some(short_year(n, year) < year);
                }
            }
        }
        i = end;
    }
    last
}

/// A year cut to two digits ("'96"): in the century that keeps it at or
/// before `year`.
fn short_year(n: i32, year: i32) -> i32 {
    let century = year - year % 100;
    if century + n <= year {
        century + n
    } else {
        century - 100 + n
    }
}

fn old_year(w: &str, year: i32) -> bool {
    let digits = w.strip_suffix('s').unwrap_or(w);
    digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits
            .parse::<i32>()
            .is_ok_and(|y| (1900..year).contains(&y))
}

/// Mark the clauses about the past: an old year ("in 1996", "the 2016
/// fall of") or a history cue scopes its own clause only; a background
/// clause shares the past of the clause it hangs on ("In 2015 they took
/// X, until commandos retook it"), and a "when" clause right after an old
/// year ("since 2018, when they overran X") is about that year.
pub fn mark_history(
    lower: &str,
    toks: &[Tok],
    cues: &[Hit<Cue>],
    segs: &[(usize, usize, usize)],
    infos: &mut [ClauseInfo],
    lex: &Lexicon,
    evacuation: bool,
) {
    let year = lex.year;
    let past =
        |h: &&Hit<Cue>| h.tag.contains(Cue::HISTORY) || !evacuation && h.tag.contains(Cue::PEAK);
    for h in cues.iter().filter(past) {
        infos[clause_at(segs, h.start)].history = true;
    }
    for (i, t) in toks.iter().enumerate() {
        // "in '96": a year cut to two digits after an apostrophe
        let w = &lower[t.start..t.end];
        if matches!(w.len(), 2 | 3)
            && (lower[..t.start].ends_with('\'') || lower[..t.start].ends_with('’'))
            && w[..2]
                .parse::<i32>()
                .is_ok_and(|n| short_year(n, year) < year)
            && w[2..].chars().all(|c| c == 's')
        {
            infos[clause_at(segs, t.start)].history = true;
            continue;
        }
        // most words are not years: no slicing for them
        if !matches!(t.end - t.start, 4 | 5) || !lower.as_bytes()[t.start].is_ascii_digit() {
            continue;
        }
        if !old_year(&lower[t.start..t.end], year) {
            continue;
        }
        // "since 2001" is not about the past
        let pseudo = i > 0 && {
            let p = toks[i - 1];
            cues.iter()
                .any(|h| h.tag.contains(Cue::HISTORY_PSEUDO) && h.end == p.end)
        };
        if !pseudo {
            infos[clause_at(segs, t.start)].history = true;
            continue;
        }
        // "deployed there since 2002": a state that began long ago, in
        // its own clause and the one it hangs on; "the first time since
        // 2001" compares with the year instead
        let since = &toks[i - 1];
        let own_clause = segs.iter().any(|&(a, _, _)| {
            lower
                .get(a..since.start)
                .is_some_and(|gap| gap.trim_matches([',', ' ']).is_empty())
        });
        if own_clause
            && lex.since_words.contains(&lower[since.start..since.end])
            && !toks[..i - 1]
                .iter()
                .rev()
                .take(BASELINE_WORDS)
                .any(|w| lex.since_baselines.contains(&lower[w.start..w.end]))
        {
            infos[clause_at(segs, t.start)].history = true;
            // the host only when it is one stretch: in "X fell on Sunday,
            // a city they have held since 2015" the fall is news
            if let Some(host) = i.checked_sub(2) {
                let at = clause_at(segs, toks[host].start);
                let from = segs
                    .iter()
                    .filter(|s| s.2 == at && s.0 <= toks[host].start)
                    .map(|s| s.0)
                    .max()
                    .unwrap_or(0);
                if !lower[from..since.start]
                    .trim_start_matches([',', ' '])
                    .contains(',')
                {
                    infos[at].history = true;
                }
            }
        }
    }
    // clauses opened right after an old year, and background clauses
    // after a past one ("which they took in 1995, a year before they
    // entered Y")
    let mut past_before = false;
    for k in 0..segs.len() {
        let (a, _, id) = segs[k];
        let fresh = k == 0 || segs[k - 1].2 != id;
        if fresh && k > 0 && infos[id].background {
            let before = lower[..a].trim_end_matches([',', ' ']);
            let last = before
                .rsplit(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            if old_year(last, year) || past_before {
                infos[id].history = true;
            }
        }
        past_before |= infos[id].history;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_s_comma_closes_no_clause() {
        assert_eq!(
            next_comma("as of today 2,500 troops, and more", 0),
            Some(24)
        );
        assert_eq!(next_comma("a, b", 0), Some(1));
        assert_eq!(next_comma("1,000", 0), None);
    }

    #[test]
    fn dates_in_brackets_are_glosses() {
        for gloss in ["1996", "8 august 2021", "2001-02", "aug 2015", " 1996 "] {
            assert!(date_gloss(gloss), "{gloss}");
        }
        for aside in [
            "",
            "a stronghold in 1996",
            "12",
            "august",
            "nimroz",
            "the 1990s",
        ] {
            assert!(!date_gloss(aside), "{aside}");
        }
    }

    #[test]
    fn old_years_are_four_digits_before_the_scenario_year() {
        assert!(old_year("1996", 2021));
        assert_eq!(last_year_named("in '96 they took it", 2021), Some(true));
        assert_eq!(last_year_named("in ’21 they took it", 2021), Some(false));
        assert_eq!(
            last_year_named("it is worth pausing on 1996.", 2021),
            Some(true)
        );
        assert_eq!(
            last_year_named("since 2001, and in 2021", 2021),
            Some(false)
        );
        assert_eq!(last_year_named("1,996 troops and 12 cities", 2021), None);
        assert!(old_year("1990s", 2021));
        assert!(!old_year("2021", 2021));
        assert!(!old_year("600", 2021));
        assert!(!old_year("12345", 2021));
    }
}
