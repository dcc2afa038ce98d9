//! The live half: a feeds folder watched with notify, kept in a
//! [`Store`](crate::state::Store), and published to renderers as
//! `Arc<Live>` on a `tokio::sync::watch` channel.
//!
//! files → notify → `events` (per-path signals) → `debounce` (when a
//! path is ready) → [`Pipeline`] (read, extract, fold) → `Arc<Live>`.
//!
//! [`start`] reads the folder, publishes the first `Live`, and leaves a
//! thread watching it. A file is read once its writer closes it (inotify's
//! close-write), or after a short quiet period where closes are not
//! reported; whatever is ready is applied as one batch and published as
//! one `Live`, so a burst of thousands of files costs a handful of
//! publishes. The channel keeps only the latest value: a slow renderer
//! never holds up ingest. Queue overflow or a watcher error leads to a
//! full rescan (diffed against the store), logged with `tracing`.

mod debounce;
mod diff;
mod events;
mod pipeline;
mod runner;
mod walk;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use crate::config::Scenario;
use crate::live::Live;

pub use crate::ingest::folder::MAX_DEPTH;
pub use diff::{event_diff, match_up, Diff};
pub use pipeline::{Applied, Pipeline};

/// How the watcher waits for files to settle.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Silence on a path before acting on a create, delete or rename away
    /// (and on writes, where the backend reports no closes).
    pub quiet: Duration,
    /// Where closes are reported (Linux), how long a file written to but
    /// not yet closed is waited for before it is read anyway (a writer
    /// holding it open between chunks). Its close, when it comes, is acted
    /// on at once and supersedes this.
    pub stall: Duration,
    /// Poll the folder at this interval instead of using the native
    /// watcher (network filesystems deliver no native events); each poll
    /// hashes every file. Also the fallback, at 1 s, when the native
    /// watcher cannot be set up.
    pub poll: Option<Duration>,
    /// Create the feeds folder if it does not exist.
    pub create: bool,
    /// Read symlinks to files outside the feeds folder (refused, with a
    /// warning, by default).
    pub follow_symlinks: bool,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            quiet: Duration::from_millis(40),
            stall: Duration::from_secs(2),
            poll: None,
            create: false,
            follow_symlinks: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("feeds folder {} does not exist (pass --create to create it)", .0.display())]
    Missing(PathBuf),
    #[error("feeds folder {} is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("cannot create feeds folder {}: {error}", .path.display())]
    Create { path: PathBuf, error: io::Error },
    #[error("cannot read feeds folder {}: {error}", .path.display())]
    Unreadable { path: PathBuf, error: io::Error },
    #[error("cannot watch feeds folder {}: {error}", .path.display())]
    Watch { path: PathBuf, error: notify::Error },
    #[error("cannot start the watcher thread: {0}")]
    Thread(io::Error),
}

/// Counters, for tests and the log.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Files read (each read is one parse, and one extraction if changed).
    pub reads: u64,
    /// `Live`s published, the first included.
    pub publishes: u64,
    /// Full rescans after the initial scan.
    pub rescans: u64,
}

#[derive(Debug, Default)]
struct Counters {
    reads: Arc<AtomicU64>,
    publishes: AtomicU64,
    rescans: AtomicU64,
}

enum Msg {
    Fs(notify::Result<notify::Event>),
    Rescan,
    Stop,
}

/// A running watcher. Dropping it stops the watcher and its thread.
pub struct Handle {
    feeds: PathBuf,
    initial: Arc<Live>,
    live: tokio::sync::watch::Receiver<Arc<Live>>,
    control: mpsc::Sender<Msg>,
    thread: Option<JoinHandle<()>>,
    counters: Arc<Counters>,
}

impl Handle {
    /// A receiver of every published `Live`; the current one is marked
    /// seen, so `changed().await` waits for the next.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<Arc<Live>> {
        self.live.clone()
    }

    /// The `Live` of the initial scan: what "since start" compares with.
    /// Changes published before a renderer subscribed are the difference
    /// between this and [`Handle::latest`].
    pub fn initial(&self) -> Arc<Live> {
        self.initial.clone()
    }

    /// The latest published `Live`.
    pub fn latest(&self) -> Arc<Live> {
        self.live.borrow().clone()
    }

    /// The feeds folder, as given to [`start`].
    pub fn feeds(&self) -> &Path {
        &self.feeds
    }

    /// Ask for a full rescan with a fresh watcher, exactly as after an
    /// event-queue overflow.
    pub fn rescan(&self) {
        let _ = self.control.send(Msg::Rescan);
    }

    pub fn stats(&self) -> Stats {
        Stats {
            reads: self.counters.reads.load(Ordering::Relaxed),
            publishes: self.counters.publishes.load(Ordering::Relaxed),
            rescans: self.counters.rescans.load(Ordering::Relaxed),
        }
    }

    /// Stop watching and wait (up to a second) for the thread to finish.
    pub fn stop(self) {}
}

/// How long dropping a [`Handle`] waits for the watcher thread: it stops
/// between batches, and a batch stuck on a pathological article must not
/// hold up the process's exit (the thread goes with the process).
const STOP_WAIT: Duration = Duration::from_secs(1);

impl Drop for Handle {
    fn drop(&mut self) {
        let _ = self.control.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let t0 = Instant::now();
            while !t.is_finished() && t0.elapsed() < STOP_WAIT {
                std::thread::sleep(Duration::from_millis(5));
            }
            if t.is_finished() {
                let _ = t.join();
            } else {
                tracing::warn!("the watcher is busy with a batch; not waiting for it");
            }
        }
    }
}

/// Read `feeds`, publish the first `Live`, and watch the folder on a
/// thread of its own. Returns once the first `Live` is published.
pub fn start(
    feeds: PathBuf,
    scenario: Arc<Scenario>,
    opts: WatchOptions,
) -> Result<Handle, WatchError> {
    // Absolute, so event paths match it whatever the working directory.
    let root = std::path::absolute(&feeds).unwrap_or_else(|_| feeds.clone());
    match fs::metadata(&root) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if !opts.create {
                return Err(WatchError::Missing(feeds));
            }
            fs::create_dir_all(&root).map_err(|error| WatchError::Create {
                path: feeds.clone(),
                error,
            })?;
            tracing::info!(feeds = %feeds.display(), "created the feeds folder");
        }
        Err(error) => return Err(WatchError::Unreadable { path: feeds, error }),
        Ok(m) if !m.is_dir() => return Err(WatchError::NotAFolder(feeds)),
        Ok(_) => {}
    }

    let (control, inbox) = mpsc::channel();
    let t0 = Instant::now();
    let reader = crate::ingest::Reader::new(&scenario).follow_symlinks(opts.follow_symlinks);
    let mut pipeline = Pipeline::with_reader(root.clone(), scenario, reader);
    let stage = |what: &str| tracing::debug!(ms = t0.elapsed().as_millis() as u64, "start: {what}");
    stage("extractor built");
    let since = SystemTime::now();
    let unreadable = |error| WatchError::Unreadable {
        path: feeds.clone(),
        error,
    };
    // The scan runs unwatched: inotify reports every open, and the scan's
    // own 100,000 opens cost it a tenth of its time. The watch then starts,
    // and a catch-up reads what changed meanwhile.
    pipeline.rescan(&|_| false).map_err(unreadable)?;
    stage("folder read");
    let watching = runner::watch(&root, &control, &opts).map_err(|error| WatchError::Watch {
        path: feeds.clone(),
        error,
    })?;
    stage("watching");
    pipeline.catch_up(since).map_err(unreadable)?;
    stage("caught up");
    let first = pipeline.live();
    tracing::info!(
        feeds = %feeds.display(),
        articles = first.articles.len(),
        events = first.events.len(),
        warnings = first.warnings.len(),
        ms = t0.elapsed().as_millis() as u64,
        watcher = watching.kind,
        "initial scan"
    );
    let explain = first.explain.clone();
    let initial = Arc::new(first);
    // Evidence panes want the explain tables soon; the scan did not.
    let _ = std::thread::Builder::new()
        .name("sitmon-explain".into())
        .spawn(move || {
            explain.warm();
            // what compiling them used, in this thread's own arena
            crate::memory::give_back();
        });
    let (publish, live) = tokio::sync::watch::channel(initial.clone());
    let counters = Arc::new(Counters {
        reads: pipeline.reads(),
        publishes: AtomicU64::new(1),
        rescans: AtomicU64::new(0),
    });
    let worker = runner::Worker {
        pipeline,
        watching,
        inbox,
        control: control.clone(),
        publish,
        opts,
        counters: counters.clone(),
        root_missing: false,
    };
    let thread = std::thread::Builder::new()
        .name("sitmon-watch".into())
        .spawn(move || worker.run())
        .map_err(WatchError::Thread)?;
    Ok(Handle {
        feeds,
        initial,
        live,
        control,
        thread: Some(thread),
        counters,
    })
}
