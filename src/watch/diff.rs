//! What changed in the event log between two [`Live`](crate::live::Live)s.
//!
//! The log is the fold of every article in file-name order, so it is not
//! append-only: an article that sorts before
//! others inserts events in the middle, and an edit or a delete retracts
//! some. Events are matched by what they say and the sentence behind them,
//! not by position nor by file name: an edit that leaves a sentence where
//! it was changes nothing worth reporting. An event whose evidence is now
//! in another file (a rename, or a duplicate that counts now that the
//! first copy is gone) is reported as moved: the old file no longer holds
//! it.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, Utc};
use imbl::Vector;

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
        Source::Article(ev) => From::Sentence(&ev.sentence, ev.start() as usize, ev.end() as usize),
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

/// What changed between two event logs, as seqs.
#[derive(Debug, Default, PartialEq)]
pub struct Diff {
    /// Seqs in the new log of events the old one did not have, in order.
    pub added: Vec<usize>,
    /// Seqs in the old log of events the new one no longer has, in order.
    pub retracted: Vec<usize>,
    /// The same event, now shown by another file: (old seq, new seq).
    pub moved: Vec<(usize, usize)>,
}

/// The events of `new` that `old` did not have (added), those of `old`
/// that `new` no longer has (retracted), and those whose evidence moved to
/// another file.
pub fn event_diff(old: &Vector<Event>, new: &Vector<Event>) -> Diff {
    // The usual case: new articles sort last and only append.
    if new.len() >= old.len() && new.iter().zip(old.iter()).all(|(a, b)| a == b) {
        return Diff {
            added: (old.len()..new.len()).collect(),
            ..Diff::default()
        };
    }
    match_up(old.iter().enumerate(), new.iter().enumerate())
}

/// Match events taken out (`old`, with their seqs before) with events put
/// in (`new`, with their seqs after) by what they say: one that came back
/// from the same file is no change, from another file it moved.
pub fn match_up<'a>(
    old: impl IntoIterator<Item = (usize, &'a Event)>,
    new: impl IntoIterator<Item = (usize, &'a Event)>,
) -> Diff {
    // Unmatched old events by key, the later of two identical ones last:
    // matching takes from the front, so the later one is what is left.
    let mut left: HashMap<Key<'a>, VecDeque<(usize, &'a Event)>> = HashMap::new();
    for (i, e) in old {
        left.entry(key(e)).or_default().push_back((i, e));
    }
    let mut diff = Diff::default();
    for (i, e) in new {
        match left.get_mut(&key(e)).and_then(VecDeque::pop_front) {
            Some((j, was)) if file(was) != file(e) => diff.moved.push((j, i)),
            Some(_) => {}
            None => diff.added.push(i),
        }
    }
    diff.retracted = left.into_values().flatten().map(|(i, _)| i).collect();
    diff.retracted.sort_unstable();
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;
    use crate::state::Standing;

    fn ev(place: u16, file: &str) -> Event {
        Event {
            change: Change::Capital {
                place,
                before: Standing::Held,
                after: Standing::Fallen,
            },
            source: Source::Article(Evidence::new(file.into(), 0..10, "s".into(), "r".into())),
        }
    }

    #[test]
    fn appended() {
        let old = Vector::from(vec![ev(1, "1.txt")]);
        let new = Vector::from(vec![ev(1, "1.txt"), ev(2, "2.txt")]);
        let d = event_diff(&old, &new);
        assert_eq!(d.added, vec![1]);
        assert!(d.retracted.is_empty() && d.moved.is_empty());
    }

    #[test]
    fn evidence_in_another_file_is_moved() {
        let old = Vector::from(vec![ev(1, "1.txt")]);
        let new = Vector::from(vec![ev(1, "2.txt")]);
        let d = event_diff(&old, &new);
        assert!(d.added.is_empty() && d.retracted.is_empty());
        assert_eq!(d.moved, vec![(0, 0)]);
    }

    #[test]
    fn inserted_and_retracted() {
        let old = Vector::from(vec![ev(1, "1.txt"), ev(2, "2.txt")]);
        let new = Vector::from(vec![ev(3, "0.txt"), ev(1, "1.txt")]);
        let d = event_diff(&old, &new);
        assert_eq!(d.added, vec![0]);
        assert_eq!(d.retracted, vec![1]);
        assert!(d.moved.is_empty());
    }
}
