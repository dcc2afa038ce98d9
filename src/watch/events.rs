//! notify events reduced to what they mean for one path.

use std::path::PathBuf;

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
use notify::Event;

/// What happened to a path, as far as reading it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Bytes were written (or truncated): a writer may still be at work.
    Written,
    /// A writer closed the file: its content is complete.
    Closed,
    /// Created: by a writer (bytes follow), a link or a folder (none do).
    Created,
    /// Renamed into place (from inside or outside the folder): complete.
    MovedIn {
        tracker: Option<usize>,
    },
    /// Renamed away; the matching [`Signal::MovedIn`] may follow at once.
    MovedOut {
        tracker: Option<usize>,
    },
    Removed,
    /// Metadata or something unspecified changed: worth a look.
    Touched,
}

/// One notify event, reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Path(PathBuf, Signal),
    /// The kernel queue overflowed (or the backend lost track): events
    /// were dropped, so only a full rescan is correct.
    Rescan,
}

/// Whether an event carries no change: an open or a read-only close
/// (ours included).
pub fn says_nothing(event: &Event) -> bool {
    matches!(event.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write))
        && !event.need_rescan()
}

/// The changes one event carries. Opens and read-only closes (ours
/// included) carry none.
pub fn classify(event: &Event) -> Vec<Change> {
    if event.need_rescan() {
        return vec![Change::Rescan];
    }
    let tracker = event.tracker();
    let each = |signal: Signal| {
        event
            .paths
            .iter()
            .map(|p| Change::Path(p.clone(), signal))
            .collect()
    };
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => each(Signal::Closed),
        EventKind::Access(_) => Vec::new(),
        EventKind::Create(_) => each(Signal::Created),
        EventKind::Modify(ModifyKind::Name(mode)) => match mode {
            RenameMode::From => each(Signal::MovedOut { tracker }),
            RenameMode::To => each(Signal::MovedIn { tracker }),
            // Only inotify sends this, right after the From and To halves
            // it pairs: acting on it again would read the file twice.
            RenameMode::Both => Vec::new(),
            // A rename whose side is unknown (macOS): look at what is there.
            _ => each(Signal::Touched),
        },
        EventKind::Modify(ModifyKind::Metadata(_)) => each(Signal::Touched),
        EventKind::Modify(_) => each(Signal::Written),
        EventKind::Remove(_) => each(Signal::Removed),
        EventKind::Any | EventKind::Other => each(Signal::Touched),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, Flag, RemoveKind};

    fn ev(kind: EventKind, p: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from(p))
    }

    #[test]
    fn reduces_inotify_events() {
        let p = || PathBuf::from("/f/a.txt");
        assert_eq!(
            classify(&ev(EventKind::Create(CreateKind::File), "/f/a.txt")),
            vec![Change::Path(p(), Signal::Created)]
        );
        assert_eq!(
            classify(&ev(
                EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                "/f/a.txt"
            )),
            vec![Change::Path(p(), Signal::Written)]
        );
        assert_eq!(
            classify(&ev(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                "/f/a.txt"
            )),
            vec![Change::Path(p(), Signal::Closed)]
        );
        assert!(classify(&ev(
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            "/f/a.txt"
        ))
        .is_empty());
        assert!(classify(&ev(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            "/f/a.txt"
        ))
        .is_empty());
        assert_eq!(
            classify(&ev(EventKind::Remove(RemoveKind::File), "/f/a.txt")),
            vec![Change::Path(p(), Signal::Removed)]
        );
        let to = ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            "/f/a.txt",
        )
        .set_tracker(7);
        assert_eq!(
            classify(&to),
            vec![Change::Path(p(), Signal::MovedIn { tracker: Some(7) })]
        );
    }

    #[test]
    fn overflow_means_rescan() {
        let e = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(classify(&e), vec![Change::Rescan]);
    }
}
