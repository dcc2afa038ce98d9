//! What changed in the event log between two [`Live`](crate::live::Live)s.
//!
//! The log is the fold of every article in file-name order, rebuilt on
//! each change, so it is not append-only: an article that sorts before
//! others inserts events in the middle, and an edit or a delete retracts
//! some. Events are matched by what they say and the sentence behind them,
//! not by position nor by file name: a renamed article, or an edit that
//! leaves a sentence where it was, changes nothing worth reporting.

use std::collections::HashMap;

use crate::live::EventView;

type Key<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, usize, usize);

fn key(e: &EventView) -> Key<'_> {
    (
        e.kind,
        &e.subject,
        &e.before,
        &e.after,
        &e.evidence.sentence,
        e.evidence.start,
        e.evidence.end,
    )
}

/// The events of `new` that `old` did not have (added), and those of `old`
/// that `new` no longer has (retracted), each oldest first.
pub fn event_diff<'a>(
    old: &'a [EventView],
    new: &'a [EventView],
) -> (Vec<&'a EventView>, Vec<&'a EventView>) {
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
    use crate::snapshot::EvidenceView;

    fn ev(seq: usize, subject: &str, file: &str) -> EventView {
        EventView {
            seq,
            kind: "capital",
            subject: subject.into(),
            before: "held".into(),
            after: "fallen".into(),
            evidence: EvidenceView {
                file: file.into(),
                start: 0,
                end: 10,
                sentence: "s".into(),
                rule: "r",
            },
        }
    }

    #[test]
    fn appended() {
        let old = vec![ev(0, "A", "1.txt")];
        let new = vec![ev(0, "A", "1.txt"), ev(1, "B", "2.txt")];
        let (added, gone) = event_diff(&old, &new);
        assert_eq!(added, vec![&new[1]]);
        assert!(gone.is_empty());
    }

    #[test]
    fn renamed_is_no_change() {
        let old = vec![ev(0, "A", "1.txt")];
        let new = vec![ev(0, "A", "2.txt")];
        let (added, gone) = event_diff(&old, &new);
        assert!(added.is_empty() && gone.is_empty());
    }

    #[test]
    fn inserted_and_retracted() {
        let old = vec![ev(0, "A", "1.txt"), ev(1, "B", "2.txt")];
        let new = vec![ev(0, "C", "0.txt"), ev(1, "A", "1.txt")];
        let (added, gone) = event_diff(&old, &new);
        assert_eq!(added, vec![&new[0]]);
        assert_eq!(gone, vec![&old[1]]);
    }
}
