//! What changed in the event log between two [`Live`](crate::live::Live)s.
//!
//! The log is the fold of every article in file-name order, rebuilt on
//! each change, so it is not append-only: an article that sorts before
//! others inserts events in the middle, and an edit or a delete retracts
//! some. Events are matched by what they say and the sentence behind them,
//! not by position nor by file name: a renamed article, or an edit that
//! leaves a sentence where it was, changes nothing worth reporting.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::state::{Change, Event, Source};

/// What an event says and where it came from: the sentence (not the
/// file), or the correction.
#[derive(PartialEq, Eq, Hash)]
enum From<'a> {
    Sentence(&'a str, usize, usize),
    Correction(DateTime<Utc>, &'a str),
}

type Key<'a> = (Change, From<'a>);

fn key(e: &Event) -> Key<'_> {
    let from = match &e.source {
        Source::Article(ev) => From::Sentence(&ev.sentence, ev.span.start, ev.span.end),
        Source::Correction(c) => From::Correction(c.at, &c.by),
    };
    (e.change, from)
}

/// The events of `new` that `old` did not have (added), and those of `old`
/// that `new` no longer has (retracted), each oldest first.
pub fn event_diff<'a>(old: &'a [Event], new: &'a [Event]) -> (Vec<&'a Event>, Vec<&'a Event>) {
    // The usual case: new articles sort last and only append.
    if new.len() >= old.len() && new[..old.len()] == *old {
        return (new[old.len()..].iter().collect(), Vec::new());
    }
    let mut count: HashMap<Key<'_>, isize> = HashMap::with_capacity(old.len());
    for e in old {
        *count.entry(key(e)).or_default() += 1;
    }
    let mut added = Vec::new();
    for e in new {
        match count.get_mut(&key(e)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => added.push(e),
        }
    }
    // What is left unmatched in `old`, taken from the end so that of two
    // identical events the later one is the retracted one.
    let mut retracted = Vec::new();
    for e in old.iter().rev() {
        if let Some(n) = count.get_mut(&key(e)) {
            if *n > 0 {
                *n -= 1;
                retracted.push(e);
            }
        }
    }
    retracted.reverse();
    (added, retracted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;
    use crate::state::Standing;

    fn ev(seq: usize, place: u16, file: &str) -> Event {
        Event {
            seq,
            change: Change::Capital {
                place,
                before: Standing::Held,
                after: Standing::Fallen,
            },
            source: Source::Article(Evidence {
                file: file.into(),
                span: 0..10,
                sentence: "s".into(),
                rule: "r",
            }),
        }
    }

    #[test]
    fn appended() {
        let old = vec![ev(0, 1, "1.txt")];
        let new = vec![ev(0, 1, "1.txt"), ev(1, 2, "2.txt")];
        let (added, gone) = event_diff(&old, &new);
        assert_eq!(added, vec![&new[1]]);
        assert!(gone.is_empty());
    }

    #[test]
    fn renamed_is_no_change() {
        let old = vec![ev(0, 1, "1.txt")];
        let new = vec![ev(0, 1, "2.txt")];
        let (added, gone) = event_diff(&old, &new);
        assert!(added.is_empty() && gone.is_empty());
    }

    #[test]
    fn inserted_and_retracted() {
        let old = vec![ev(0, 1, "1.txt"), ev(1, 2, "2.txt")];
        let new = vec![ev(0, 3, "0.txt"), ev(1, 1, "1.txt")];
        let (added, gone) = event_diff(&old, &new);
        assert_eq!(added, vec![&new[0]]);
        assert_eq!(gone, vec![&old[1]]);
    }
}
