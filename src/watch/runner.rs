//! The watcher thread: notify events in, batches applied, `Live`s out.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::live::Live;

use super::debounce::Debouncer;
use super::events::{classify, says_nothing, Change, Signal};
use super::pipeline::Pipeline;
use super::{Counters, Msg, WatchOptions};

/// Whether the native backend reports close-after-write (inotify does).
const CLOSE_WRITE: bool = cfg!(any(target_os = "linux", target_os = "android"));
/// Polling interval when the native watcher cannot be set up.
const POLL_FALLBACK: Duration = Duration::from_secs(1);
/// Rescans are full reads: at most one per this interval, however many
/// overflows or errors ask for one.
const RESCAN_GAP: Duration = Duration::from_secs(1);
/// Messages taken per wake-up before looking at what is ready, so a
/// never-ending stream of events cannot starve publishing.
const MAX_DRAIN: usize = 50_000;

/// A live notify watcher and how long writes wait under it.
pub struct Watching {
    _watcher: Box<dyn Watcher + Send>,
    pub write_wait: Duration,
    /// Closes after writes are reported: a created file waits for its own.
    pub close_write: bool,
    pub kind: &'static str,
}

fn handler(tx: &mpsc::Sender<Msg>) -> impl FnMut(notify::Result<notify::Event>) + Send + 'static {
    let tx = tx.clone();
    move |res| {
        // Every file read opens it: a first scan of 100,000 files would
        // queue as many opens until the worker is free to drop them.
        if res.as_ref().is_ok_and(says_nothing) {
            return;
        }
        // The worker has stopped: nothing left to tell.
        let _ = tx.send(Msg::Fs(res));
    }
}

fn poll(
    root: &Path,
    tx: &mpsc::Sender<Msg>,
    opts: &WatchOptions,
    interval: Duration,
) -> notify::Result<Watching> {
    // notify keeps mtimes in whole seconds: without hashing contents, a
    // second write within the same second would go unseen.
    let config = notify::Config::default()
        .with_follow_symlinks(false)
        .with_poll_interval(interval)
        .with_compare_contents(true);
    let mut w = PollWatcher::new(handler(tx), config)?;
    w.watch(root, RecursiveMode::Recursive)?;
    Ok(Watching {
        _watcher: Box::new(w),
        // A polled file is settled once a poll saw no change.
        write_wait: opts.quiet.max(interval * 3 / 2),
        close_write: false,
        kind: "poll",
    })
}

/// Watch `root` recursively, symlinks not followed (a link up the tree
/// would loop), events to `tx`.
pub fn watch(root: &Path, tx: &mpsc::Sender<Msg>, opts: &WatchOptions) -> notify::Result<Watching> {
    if let Some(interval) = opts.poll {
        return poll(root, tx, opts, interval);
    }
    let config = notify::Config::default().with_follow_symlinks(false);
    let native = RecommendedWatcher::new(handler(tx), config).and_then(|mut w| {
        w.watch(root, RecursiveMode::Recursive)?;
        Ok(w)
    });
    match native {
        Ok(w) => Ok(Watching {
            _watcher: Box::new(w),
            write_wait: if CLOSE_WRITE { opts.stall } else { opts.quiet },
            close_write: CLOSE_WRITE,
            kind: "native",
        }),
        Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => Err(e),
        // Typically the inotify watch or instance limit.
        Err(e) => {
            tracing::warn!(error = %e, "native watcher unavailable; polling every {POLL_FALLBACK:?}");
            poll(root, tx, opts, POLL_FALLBACK).map_err(|_| e)
        }
    }
}

pub struct Worker {
    pub pipeline: Pipeline,
    pub watching: Watching,
    pub inbox: mpsc::Receiver<Msg>,
    /// To hand to a replacement watcher.
    pub control: mpsc::Sender<Msg>,
    pub publish: tokio::sync::watch::Sender<Arc<Live>>,
    pub opts: WatchOptions,
    pub counters: Arc<Counters>,
    /// The feeds folder is gone: logged once, retried every second.
    pub root_missing: bool,
}

impl Worker {
    pub fn run(mut self) {
        let mut debounce = Debouncer::new(self.opts.quiet, self.watching.write_wait);
        let mut rescan_due: Option<Instant> = None;
        let mut last_rescan: Option<Instant> = None;
        // Events were lost: set up a fresh watcher before rescanning, so
        // folders created meanwhile are watched too.
        let mut rewatch = false;
        loop {
            let deadline = [debounce.next_due(), rescan_due, self.pipeline.next_retry()]
                .into_iter()
                .flatten()
                .min();
            let first = match deadline {
                Some(d) => match self
                    .inbox
                    .recv_timeout(d.saturating_duration_since(Instant::now()))
                {
                    Ok(m) => Some(m),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                },
                None => match self.inbox.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return,
                },
            };
            let now = Instant::now();
            let mut ask_rescan = |why: &str, rewatch_too: bool, rewatch: &mut bool| {
                tracing::warn!("{why}; full rescan");
                *rewatch |= rewatch_too;
                let earliest = last_rescan.map_or(now, |t| (t + RESCAN_GAP).max(now));
                rescan_due = Some(rescan_due.map_or(earliest, |d| d.min(earliest)));
            };
            let msgs = first
                .into_iter()
                .chain(std::iter::from_fn(|| self.inbox.try_recv().ok()).take(MAX_DRAIN));
            for msg in msgs {
                match msg {
                    Msg::Stop => return,
                    // Exactly what an overflow does, so that path is testable.
                    Msg::Rescan => ask_rescan("rescan asked for", true, &mut rewatch),
                    Msg::Fs(Err(e)) => {
                        ask_rescan(&format!("watcher error: {e}"), true, &mut rewatch)
                    }
                    Msg::Fs(Ok(event)) => {
                        for change in classify(&event) {
                            match change {
                                Change::Rescan => ask_rescan(
                                    "event queue overflowed, events were lost",
                                    true,
                                    &mut rewatch,
                                ),
                                Change::Path(path, signal) => {
                                    let signal = if signal == Signal::Created
                                        && self.watching.close_write
                                        && opened_by_writer(&path)
                                    {
                                        Signal::Written
                                    } else {
                                        signal
                                    };
                                    debounce.push(path, signal, now)
                                }
                            }
                        }
                    }
                }
            }

            let now = Instant::now();
            let mut changed = false;
            if rescan_due.is_some_and(|d| d <= now) {
                rescan_due = None;
                last_rescan = Some(now);
                changed |= self.rescan(&mut debounce, &mut rewatch, &mut rescan_due);
            }
            let mut ready = debounce.take_ready(now);
            // Files that could not be read, due again.
            ready.extend(self.pipeline.due_retries(now));
            if !ready.is_empty() {
                let n = ready.len();
                let applied = self
                    .pipeline
                    .apply(ready, &|p: &Path| debounce.is_writing(p));
                changed |= applied.changed;
                tracing::debug!(
                    paths = n,
                    changed = applied.changed,
                    us = now.elapsed().as_micros() as u64,
                    "batch"
                );
                if applied.root_gone {
                    tracing::error!(feeds = %self.pipeline.root().display(), "the feeds folder was removed or moved away");
                    rewatch = true;
                    rescan_due = Some(now);
                }
            }
            if changed {
                let live = self.pipeline.live();
                tracing::debug!(
                    seq = live.seq,
                    articles = live.articles.len(),
                    events = live.events.len(),
                    "publish"
                );
                // Counted first, so whoever sees this Live sees the count.
                self.counters.publishes.fetch_add(1, Ordering::Relaxed);
                // Keeps only the latest: a slow renderer never blocks us.
                self.publish.send_replace(Arc::new(live));
            }
        }
    }

    /// A full rescan; returns whether anything changed. A missing feeds
    /// folder empties the state and is retried until it comes back.
    fn rescan(
        &mut self,
        debounce: &mut Debouncer,
        rewatch: &mut bool,
        rescan_due: &mut Option<Instant>,
    ) -> bool {
        let t0 = Instant::now();
        let root = self.pipeline.root().to_path_buf();
        if *rewatch && root.is_dir() {
            // The old watcher goes first: two inotify instances on one tree
            // would send every event twice.
            self.watching._watcher = Box::new(notify::NullWatcher);
            match watch(&root, &self.control, &self.opts) {
                Ok(w) => {
                    *rewatch = false;
                    debounce.set_write_wait(w.write_wait);
                    self.watching = w;
                }
                Err(e) => tracing::error!(error = %e, "cannot watch the feeds folder again"),
            }
        }
        self.counters.rescans.fetch_add(1, Ordering::Relaxed);
        match self.pipeline.rescan(&|p: &Path| debounce.is_writing(p)) {
            Ok(changed) => {
                if std::mem::take(&mut self.root_missing) {
                    tracing::info!(feeds = %root.display(), "the feeds folder is back");
                }
                debounce.keep_only_writing();
                tracing::info!(changed, ms = t0.elapsed().as_millis() as u64, "rescan done");
                if *rewatch {
                    *rescan_due = Some(Instant::now() + RESCAN_GAP);
                }
                changed
            }
            Err(e) => {
                if !std::mem::replace(&mut self.root_missing, true) {
                    tracing::error!(feeds = %root.display(), error = %e, "cannot read the feeds folder; retrying every second");
                }
                *rewatch = true;
                *rescan_due = Some(Instant::now() + RESCAN_GAP);
                self.pipeline.clear(Some(format!(
                    "feeds folder {} cannot be read ({e}); waiting for it to come back",
                    root.display()
                )))
            }
        }
    }
}

/// Whether a just-created path is a regular file with one link: made by
/// open(O_CREAT), so a close-write will follow (a writer may not even have
/// written yet). Links and folders get no close; they wait `quiet`.
fn opened_by_writer(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.nlink() == 1)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}
