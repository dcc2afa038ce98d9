//! When a changed path is ready to be looked at.
//!
//! * A closed writer or a rename into place: at once (the content is
//!   complete).
//! * Bytes written: when the writer closes the file, where the backend
//!   reports closes (inotify); a writer that keeps the file open between
//!   chunks is waited for, up to `stall` of silence. Where closes are not
//!   reported, after `quiet` of silence on that path.
//! * Created, removed, renamed away, touched: after `quiet`, so that a
//!   delete-then-recreate, or the two halves of a rename, land in one
//!   batch (a rename's halves are matched by tracker and applied together
//!   at once).
//!
//! Pure: time is passed in, so the rules are tested without a clock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::events::Signal;
use crate::ingest::Reader;

fn is_article_path(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| Reader::is_article_name(&n.to_string_lossy()))
}

#[derive(Debug, Clone, Copy)]
struct Pending {
    due: Instant,
    /// Written to since the last close: a writer may be at work.
    writing: bool,
    tracker: Option<usize>,
}

#[derive(Debug)]
pub struct Debouncer {
    quiet: Duration,
    /// How long a written path waits for more writes (or its close).
    write_wait: Duration,
    pending: HashMap<PathBuf, Pending>,
    /// Rename trackers of pending [`Signal::MovedOut`]s.
    renames: HashMap<usize, PathBuf>,
}

impl Debouncer {
    /// `write_wait` is how long a written path waits: `stall` where closes
    /// are reported, else `quiet` (or longer, for a polling backend).
    pub fn new(quiet: Duration, write_wait: Duration) -> Debouncer {
        Debouncer {
            quiet,
            write_wait,
            pending: HashMap::new(),
            renames: HashMap::new(),
        }
    }

    /// For a replacement watcher of another kind (native to polling).
    pub fn set_write_wait(&mut self, write_wait: Duration) {
        self.write_wait = write_wait;
    }

    pub fn push(&mut self, path: PathBuf, signal: Signal, now: Instant) {
        let quiet = now + self.quiet;
        let mut partner = None;
        let p = self.pending.entry(path.clone()).or_insert(Pending {
            due: quiet,
            writing: false,
            tracker: None,
        });
        match signal {
            Signal::Written => {
                p.due = now + self.write_wait;
                p.writing = true;
            }
            Signal::Closed => {
                p.due = now;
                p.writing = false;
            }
            Signal::MovedIn { tracker } => {
                p.due = now;
                p.writing = false;
                // Renamed to another article: both halves at once. Renamed
                // to a backup (an editor's "a.txt" -> "a.txt~" before it
                // writes "a.txt" anew): the old name waits `quiet`, so the
                // new file replaces it in one batch rather than after a
                // retraction.
                if is_article_path(&path) {
                    partner = tracker.and_then(|t| self.renames.remove(&t));
                }
            }
            Signal::MovedOut { tracker } => {
                p.due = quiet;
                p.writing = false;
                p.tracker = tracker;
                if let Some(t) = tracker {
                    self.renames.insert(t, path);
                }
            }
            Signal::Created | Signal::Removed => {
                p.due = quiet;
                p.writing = false;
            }
            // Never hurries a write in progress; otherwise a fresh entry
            // already got `quiet`.
            Signal::Touched => {}
        }
        // The other half of a rename: apply both in one batch.
        if let Some(f) = partner.and_then(|from| self.pending.get_mut(&from)) {
            f.due = now;
        }
    }

    /// Whether a writer may still be at work on `path`.
    pub fn is_writing(&self, path: &Path) -> bool {
        self.pending.get(path).is_some_and(|p| p.writing)
    }

    /// Paths due by `now`, removed from the pending set.
    pub fn take_ready(&mut self, now: Instant) -> Vec<PathBuf> {
        let ready: Vec<PathBuf> = self
            .pending
            .iter()
            .filter(|(_, p)| p.due <= now)
            .map(|(path, _)| path.clone())
            .collect();
        for path in &ready {
            if let Some(Pending {
                tracker: Some(t), ..
            }) = self.pending.remove(path)
            {
                if self.renames.get(&t) == Some(path) {
                    self.renames.remove(&t);
                }
            }
        }
        ready
    }

    /// The earliest time something becomes due.
    pub fn next_due(&self) -> Option<Instant> {
        self.pending.values().map(|p| p.due).min()
    }

    /// Forget everything pending except writes in progress (after a full
    /// rescan has looked at every path).
    pub fn keep_only_writing(&mut self) {
        self.pending.retain(|_, p| p.writing);
        self.renames.clear();
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: Duration = Duration::from_millis(40);
    const STALL: Duration = Duration::from_secs(2);

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn close_write_is_ready_at_once() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(Q, STALL);
        d.push(p("a"), Signal::Created, t0);
        d.push(p("a"), Signal::Written, t0);
        assert!(d.take_ready(t0 + Duration::from_millis(500)).is_empty());
        assert!(d.is_writing(Path::new("a")));
        d.push(p("a"), Signal::Closed, t0 + Duration::from_millis(600));
        assert_eq!(d.take_ready(t0 + Duration::from_millis(600)), vec![p("a")]);
        assert!(d.is_empty());
    }

    #[test]
    fn open_writer_waits_for_stall_without_close() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(Q, STALL);
        d.push(p("a"), Signal::Written, t0);
        d.push(p("a"), Signal::Touched, t0 + Q);
        assert!(d.take_ready(t0 + STALL - Q).is_empty());
        assert_eq!(d.take_ready(t0 + STALL), vec![p("a")]);
    }

    #[test]
    fn quiet_period_without_close_events() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(Q, Q);
        d.push(p("a"), Signal::Written, t0);
        d.push(p("a"), Signal::Written, t0 + Duration::from_millis(30));
        assert!(d.take_ready(t0 + Duration::from_millis(60)).is_empty());
        assert_eq!(d.take_ready(t0 + Duration::from_millis(70)), vec![p("a")]);
    }

    #[test]
    fn rename_halves_land_together() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(Q, STALL);
        d.push(p("old.txt"), Signal::MovedOut { tracker: Some(3) }, t0);
        assert!(d.take_ready(t0).is_empty());
        d.push(p("new.txt"), Signal::MovedIn { tracker: Some(3) }, t0);
        let mut ready = d.take_ready(t0);
        ready.sort();
        assert_eq!(ready, vec![p("new.txt"), p("old.txt")]);
    }

    #[test]
    fn editor_backup_rename_waits_for_the_rewrite() {
        let t0 = Instant::now();
        let t1 = t0 + Duration::from_millis(1);
        let mut d = Debouncer::new(Q, STALL);
        d.push(p("a.txt"), Signal::MovedOut { tracker: Some(4) }, t0);
        d.push(p("a.txt~"), Signal::MovedIn { tracker: Some(4) }, t0);
        assert_eq!(d.take_ready(t0), vec![p("a.txt~")]);
        d.push(p("a.txt"), Signal::Written, t1);
        d.push(p("a.txt"), Signal::Closed, t1);
        assert_eq!(d.take_ready(t1), vec![p("a.txt")]);
    }

    #[test]
    fn delete_then_recreate_is_one_change() {
        let t0 = Instant::now();
        let mut d = Debouncer::new(Q, STALL);
        d.push(p("a"), Signal::Removed, t0);
        d.push(p("a"), Signal::Created, t0 + Duration::from_millis(5));
        d.push(p("a"), Signal::Written, t0 + Duration::from_millis(5));
        assert!(d.take_ready(t0 + Q + Q).is_empty());
        d.push(p("a"), Signal::Closed, t0 + Q + Q);
        assert_eq!(d.take_ready(t0 + Q + Q), vec![p("a")]);
    }
}
