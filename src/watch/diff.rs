//! What changed in the event log between two [`Live`](crate::live::Live)s.
//!
//! The log is the fold of every article in file-name order, rebuilt on
//! each change, so it is not append-only: an article that sorts before
//! others inserts events in the middle, and an edit or a delete retracts
//! some. Events are matched by what they say and the sentence behind them,
//! not by position nor by file name: an edit that leaves a sentence where
//! it was changes nothing worth reporting. An event whose evidence is now
//! in another file (a rename, or a duplicate that counts now that the
//! first copy is gone) is reported as moved: the old file no longer holds
//! it.

use std::collections::{HashMap, HashSet, VecDeque};

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

/// The file an event's evidence is in, if it came from an article.
fn file(e: &Event) -> Option<&str> {
    match &e.source {
        Source::Article(ev) => Some(&ev.file),
        Source::Correction(_) => None,
    }
}

/// What changed between two event logs.
#[derive(Debug, Default, PartialEq)]
pub struct Diff<'a> {
    /// Events of the new log the old one did not have, oldest first.
    pub added: Vec<&'a Event>,
    /// Events of the old log the new one no longer has, oldest first.
    pub retracted: Vec<&'a Event>,
    /// The same event, now shown by another file: (old, new).
    pub moved: Vec<(&'a Event, &'a Event)>,
}

/// The events of `new` that `old` did not have (added), those of `old`
/// that `new` no longer has (retracted), and those whose evidence moved to
/// another file.
pub fn event_diff<'a>(old: &'a [Event], new: &'a [Event]) -> Diff<'a> {
    // The usual case: new articles sort last and only append.
    if new.len() >= old.len() && new[..old.len()] == *old {
        return Diff {
            added: new[old.len()..].iter().collect(),
            ..Diff::default()
        };
    }
    // Unmatched old events by key, the later of two identical ones last:
    // matching takes from the front, so the later one is what is left.
    let mut left: HashMap<Key<'_>, VecDeque<&Event>> = HashMap::with_capacity(old.len());
    for e in old {
        left.entry(key(e)).or_default().push_back(e);
    }
    let mut diff = Diff::default();
    for e in new {
        match left.get_mut(&key(e)).and_then(VecDeque::pop_front) {
            Some(was) if file(was) != file(e) => diff.moved.push((was, e)),
            Some(_) => {}
            None => diff.added.push(e),
        }
    }
    let unmatched: HashSet<*const Event> = left
        .values()
        .flatten()
        .map(|e| *e as *const Event)
        .collect();
    diff.retracted = old
        .iter()
        .filter(|e| unmatched.contains(&(*e as *const Event)))
        .collect();
    diff
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
        let d = event_diff(&old, &new);
        assert_eq!(d.added, vec![&new[1]]);
        assert!(d.retracted.is_empty() && d.moved.is_empty());
    }

    #[test]
    fn evidence_in_another_file_is_moved() {
        let old = vec![ev(0, 1, "1.txt")];
        let new = vec![ev(0, 1, "2.txt")];
        let d = event_diff(&old, &new);
        assert!(d.added.is_empty() && d.retracted.is_empty());
        assert_eq!(d.moved, vec![(&old[0], &new[0])]);
    }

    #[test]
    fn inserted_and_retracted() {
        let old = vec![ev(0, 1, "1.txt"), ev(1, 2, "2.txt")];
        let new = vec![ev(0, 3, "0.txt"), ev(1, 1, "1.txt")];
        let d = event_diff(&old, &new);
        assert_eq!(d.added, vec![&new[0]]);
        assert_eq!(d.retracted, vec![&old[1]]);
        assert!(d.moved.is_empty());
    }
}
