//! What changed in the event log from one published state to the next:
//! what `follow` prints, what alerts and the dashboard's flash are made
//! of. The pipeline works it out from what its incremental fold took out
//! and put in, so it costs what changed; a reader that skipped states
//! compares the two logs whole ([`Changes::between`]).

use std::sync::Arc;

use imbl::Vector;

use crate::state::Event;
use crate::watch::{event_diff, match_up, Diff};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// Events an edit or a delete took back, with their seq in the log
    /// before, oldest first.
    pub retracted: Vec<(usize, Event)>,
    /// New events, with their seq in the log after, oldest first.
    pub added: Vec<(usize, Event)>,
    /// Events whose evidence is now in another file (a rename, or a copy
    /// that counts once the first is gone): the file before, the seq
    /// after, the event.
    pub moved: Vec<(Arc<str>, usize, Event)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.retracted.is_empty() && self.added.is_empty() && self.moved.is_empty()
    }

    /// Every event of `events`, as new.
    pub fn all(events: &Vector<Event>) -> Changes {
        Changes {
            added: events.iter().cloned().enumerate().collect(),
            ..Changes::default()
        }
    }

    /// Between two whole logs.
    pub fn between(old: &Vector<Event>, new: &Vector<Event>) -> Changes {
        Changes::of_diff(event_diff(old, new), old, new)
    }

    /// From the events taken out of a log (seqs before) and put in (seqs
    /// after): one that came back as it was is no change, one that came
    /// back from another file moved.
    pub fn matched(
        out: &[(usize, Event)],
        into: &[(usize, Event)],
        old: &Vector<Event>,
        new: &Vector<Event>,
    ) -> Changes {
        let d = match_up(
            out.iter().map(|(i, e)| (*i, e)),
            into.iter().map(|(i, e)| (*i, e)),
        );
        Changes::of_diff(d, old, new)
    }

    fn of_diff(d: Diff, old: &Vector<Event>, new: &Vector<Event>) -> Changes {
        let at = |v: &Vector<Event>, i: usize| v.get(i).cloned().map(|e| (i, e));
        Changes {
            retracted: d.retracted.into_iter().filter_map(|i| at(old, i)).collect(),
            added: d.added.into_iter().filter_map(|i| at(new, i)).collect(),
            moved: d
                .moved
                .into_iter()
                .filter_map(|(was, now)| {
                    let file = old.get(was)?.evidence()?.file.arc().clone();
                    Some((file, now, new.get(now)?.clone()))
                })
                .collect(),
        }
    }
}
