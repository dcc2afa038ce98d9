//! The synchronous core: a reader and a store kept equal to what a feeds
//! folder holds, one batch of changed paths at a time.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use crate::config::Scenario;
use crate::corrections::{self, Corrections};
use crate::ingest::folder::{self, odd_name, Entry, Rules};
use crate::ingest::ignore::{self, Ignore};
use crate::ingest::{Reader, Texts};
use crate::live::{Live, Publisher};
use crate::state::{Entry as Stored, Store};

use super::walk::{relative_name, walk, Found};

/// Reader + store for one feeds folder. [`super::start`] drives one on its
/// own thread; it can also be driven by hand (tests, benchmarks).
pub struct Pipeline {
    root: PathBuf,
    reader: Arc<Reader>,
    /// Where the reader pane reads texts again.
    texts: Arc<Texts>,
    store: Store,
    /// Folds what changed in the store into the next `Live`.
    publisher: Publisher,
    /// Problems by file name, shown to renderers.
    warnings: BTreeMap<String, Vec<String>>,
    /// Files that could not be read for a reason that may pass (out of
    /// descriptors, an I/O error): read again when due. What they said
    /// before still counts meanwhile.
    retries: BTreeMap<String, Retry>,
    rules: Rules,
    seq: u64,
    reads: Arc<AtomicU64>,
    /// The analysts' corrections journal, re-read when it changes.
    corrections: Arc<Corrections>,
    /// The folder's `.sitmonignore`, re-read on every rescan.
    ignore: Ignore,
}

/// How far a file's modification time may trail the clock that began a
/// scan: coarse file-system clocks, and a little skew on network mounts.
const CATCH_UP_SLACK: Duration = Duration::from_secs(2);

/// Warnings about sitmon's own files are kept under these names.
const JOURNAL_KEY: &str = ".sitmon/corrections.jsonl";
const IGNORE_KEY: &str = ignore::FILE;

/// A file to read again.
#[derive(Debug, Clone)]
struct Retry {
    path: PathBuf,
    due: Instant,
    /// The wait before this try; doubled after each failure.
    wait: Duration,
}

/// Reads of at least this many files give the memory they used back.
const BIG_READ: usize = 1000;

/// Files read and extracted together, then stored, in a large read.
const CHUNK: usize = 1024;

/// The first wait before reading a file again, and the longest.
const RETRY_FIRST: Duration = Duration::from_millis(500);
const RETRY_MAX: Duration = Duration::from_secs(60);

/// What one [`Pipeline::apply`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// The store or the warnings changed: worth publishing.
    pub changed: bool,
    /// The feeds folder itself was removed or moved away.
    pub root_gone: bool,
}

/// Per-file outcome of a parallel read.
enum Read {
    /// Read and extracted: its text is gone already.
    Article(Box<Stored>, Vec<String>),
    /// Read, and the same as what the store has.
    Same(Vec<String>),
    Skip,
    Bad(String),
    /// Not readable now; may be later.
    Failed(String),
}

impl Pipeline {
    /// An empty pipeline for `root`; nothing is read until
    /// [`Pipeline::rescan`].
    pub fn new(root: PathBuf, scenario: Arc<Scenario>) -> Pipeline {
        Pipeline::with_reader(root, scenario.clone(), Reader::new(&scenario))
    }

    /// [`Pipeline::new`] with a reader of one's own (one that follows
    /// symlinks out of the folder, say).
    pub fn with_reader(root: PathBuf, scenario: Arc<Scenario>, reader: Reader) -> Pipeline {
        let reader = Arc::new(reader);
        let store = Store::new(scenario);
        Pipeline {
            rules: reader.rules(&root),
            texts: Arc::new(Texts::new(root.clone(), reader.clone())),
            reader,
            publisher: Publisher::new(store.scenario().clone(), store.explain().clone()),
            store,
            root,
            warnings: BTreeMap::new(),
            retries: BTreeMap::new(),
            seq: 0,
            reads: Arc::new(AtomicU64::new(0)),
            corrections: Arc::new(Corrections::default()),
            ignore: Ignore::default(),
        }
    }

    /// Re-read the corrections journal. Returns whether it changed.
    pub fn reload_corrections(&mut self) -> bool {
        let c = Corrections::load(&self.root, self.store.scenario());
        self.warnings.remove(JOURNAL_KEY);
        if !c.warnings.is_empty() {
            self.warnings
                .insert(JOURNAL_KEY.to_string(), c.warnings.clone());
        }
        if *self.corrections == c {
            return false;
        }
        self.corrections = Arc::new(c);
        true
    }

    fn reload_ignore(&mut self) {
        let (ig, problems) = Ignore::load(&self.root);
        self.ignore = ig;
        if !problems.is_empty() {
            self.warnings.insert(IGNORE_KEY.to_string(), problems);
        }
    }

    /// When the next file that could not be read is due again.
    pub fn next_retry(&self) -> Option<Instant> {
        self.retries.values().map(|r| r.due).min()
    }

    /// The paths of files due to be read again by `now`, for
    /// [`Pipeline::apply`].
    pub fn due_retries(&self, now: Instant) -> Vec<PathBuf> {
        self.retries
            .values()
            .filter(|r| r.due <= now)
            .map(|r| r.path.clone())
            .collect()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Files read so far (a counter shared with [`super::Handle::stats`]).
    pub fn reads(&self) -> Arc<AtomicU64> {
        self.reads.clone()
    }

    /// Read the whole folder and make the store match it: upsert what is
    /// new or changed, remove what is gone. Files for which `writing` is
    /// true are left as they are (their close will bring them). Returns
    /// whether anything changed; an unreadable folder is an error and
    /// changes nothing.
    pub fn rescan(&mut self, writing: &dyn Fn(&Path) -> bool) -> std::io::Result<bool> {
        let mut walk_warnings = Vec::new();
        let mut found = walk(&self.root, "", &self.rules, &mut walk_warnings)?;
        let old_warnings = std::mem::take(&mut self.warnings);
        self.reload_ignore();
        let journal_changed = self.reload_corrections();
        found.retain(|(n, _)| !self.ignore.ignored(n));
        let on_disk: HashSet<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        let gone: Vec<String> = self
            .store
            .names()
            .filter(|n| !on_disk.contains(&***n))
            .map(|n| n.to_string())
            .collect();
        self.retries.retain(|n, _| on_disk.contains(n.as_str()));
        let (to_read, busy): (Vec<Found>, Vec<Found>) =
            found.into_iter().partition(|(_, p)| !writing(p));

        for (name, _) in &busy {
            if let Some(w) = old_warnings.get(name) {
                self.warnings.insert(name.clone(), w.clone());
            }
        }
        self.add_warnings(walk_warnings);
        let mut changed = self.remove_all(gone);
        changed |= self.read_and_store(to_read);
        Ok(changed || journal_changed || self.warnings != old_warnings)
    }

    /// After a first scan made without a watcher, once one is set up: the
    /// same as [`Pipeline::rescan`], but a file whose modification time is
    /// the one read, and older than `since` (when the scan began) by more
    /// than [`CATCH_UP_SLACK`], is left as it is. A write in the same
    /// clock tick as the read leaves the time as it was; it also leaves it
    /// after `since`, so it is read again.
    pub fn catch_up(&mut self, since: SystemTime) -> std::io::Result<bool> {
        let before = since.checked_sub(CATCH_UP_SLACK).unwrap_or(UNIX_EPOCH);
        let names: Vec<(&Arc<str>, SystemTime)> = self
            .store
            .entries()
            .filter_map(|e| Some((e.name(), e.article.modified?)))
            .filter(|&(_, m)| m < before)
            .collect();
        let root = &self.root;
        let settled: HashSet<PathBuf> = names
            .into_par_iter()
            .filter_map(|(name, read)| {
                let path = root.join(&**name);
                let now = fs::metadata(&path).ok()?.modified().ok()?;
                (now == read).then_some(path)
            })
            .collect();
        let changed = self.rescan(&|p| settled.contains(p));
        // the paths were built on the reading threads, in their arenas
        if settled.len() >= BIG_READ {
            drop(settled);
            crate::memory::give_back();
        }
        changed
    }

    /// Bring the store up to date with the changed `paths` (absolute,
    /// under the root): read files, walk folders that appeared, remove
    /// what is gone. Files inside a new folder for which `writing` is true
    /// are left for their close.
    pub fn apply(&mut self, paths: Vec<PathBuf>, writing: &dyn Fn(&Path) -> bool) -> Applied {
        let mut applied = Applied::default();
        let old_warnings = self.warnings.clone();
        let mut to_read: Vec<Found> = Vec::new();
        let mut gone: Vec<String> = Vec::new();
        // Names whose folder contents are now exactly `keep` (empty: a file
        // or nothing is there now). Walked folders set their own warnings.
        let mut folders: Vec<(String, HashSet<String>, bool)> = Vec::new();
        let paths: BTreeSet<PathBuf> = paths.into_iter().collect();
        let own = self.root.join(corrections::DIR);
        let rules = Ignore::path(&self.root);
        let (mut journal, mut rescan) = (false, false);
        for path in paths {
            // sitmon's own files: the journal (or its folder, made just
            // before it) and the ignore rules.
            if path.starts_with(&own) {
                journal = true;
                continue;
            }
            if path == rules {
                rescan = true;
                continue;
            }
            let Some((name, odd)) = relative_name(&self.root, &path) else {
                continue;
            };
            if self.ignore.ignored(&name) {
                self.warnings.remove(&name);
                folders.push((name.clone(), HashSet::new(), false));
                self.retries.remove(&name);
                gone.push(name);
                continue;
            }
            if name.is_empty() {
                applied.root_gone |= !self.root.is_dir();
                continue;
            }
            self.warnings.remove(&name);
            let Ok(meta) = fs::symlink_metadata(&path) else {
                // Gone: a file, or a whole folder moved or deleted.
                folders.push((name.clone(), HashSet::new(), false));
                self.retries.remove(&name);
                gone.push(name);
                continue;
            };
            let depth = name.split('/').count();
            match folder::entry(&self.rules, &path, &name, depth, meta.file_type()) {
                Entry::Folder => {
                    // A folder appeared (created, or moved in with its
                    // files): files made before its watch was added sent
                    // no events.
                    let mut walk_warnings = Vec::new();
                    let found = match walk(&path, &name, &self.rules, &mut walk_warnings) {
                        Ok(f) => f,
                        Err(e) => {
                            self.warn(&name, format!("folder cannot be read: {e}"));
                            continue;
                        }
                    };
                    self.warnings
                        .retain(|n, _| !n.starts_with(&name) || !n[name.len()..].starts_with('/'));
                    self.add_warnings(walk_warnings);
                    let found: Vec<Found> = found
                        .into_iter()
                        .filter(|(n, _)| !self.ignore.ignored(n))
                        .collect();
                    let keep = found.iter().map(|(n, _)| n.clone()).collect();
                    to_read.extend(found.into_iter().filter(|(_, p)| !writing(p)));
                    folders.push((name.clone(), keep, true));
                    gone.push(name);
                }
                Entry::File => {
                    // A file, maybe where a folder was.
                    folders.push((name.clone(), HashSet::new(), false));
                    if odd {
                        self.warn(&name, odd_name(&name));
                    }
                    to_read.push((name, path));
                }
                Entry::Skip(why) => {
                    // Not read: other names (temp, swap, hidden) are never
                    // opened; links out or to folders are reported.
                    if let Some(why) = why {
                        self.warn(&name, why);
                    }
                    folders.push((name.clone(), HashSet::new(), false));
                    self.retries.remove(&name);
                    gone.push(name);
                }
            }
        }
        for (folder, keep, walked) in folders {
            let prefix = format!("{folder}/");
            gone.extend(
                self.store
                    .names_under(&prefix)
                    .filter(|n| !keep.contains(&***n))
                    .map(|n| n.to_string()),
            );
            if !walked {
                self.warnings.retain(|n, _| !n.starts_with(&prefix));
            }
        }
        // A new folder's walk and its files' own events may both name a file.
        to_read.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        to_read.dedup_by(|a, b| a.0 == b.0);
        applied.changed = self.remove_all(gone);
        applied.changed |= self.read_and_store(to_read);
        if journal {
            applied.changed |= self.reload_corrections();
        }
        if rescan {
            // What is ignored changed: the whole folder is looked at again.
            match self.rescan(writing) {
                Ok(c) => applied.changed |= c,
                Err(e) => tracing::warn!(error = %e, "rescan after .sitmonignore changed failed"),
            }
        }
        applied.changed |= self.warnings != old_warnings;
        applied
    }

    /// Forget every article (the folder is gone). Returns whether there
    /// were any.
    pub fn clear(&mut self, why: Option<String>) -> bool {
        let all: Vec<String> = self.store.names().map(|n| n.to_string()).collect();
        let changed = self.remove_all(all);
        self.retries.clear();
        let old = std::mem::take(&mut self.warnings);
        if let Some(why) = why {
            self.warnings.insert(String::new(), vec![why]);
        }
        changed || old != self.warnings
    }

    /// The next [`Live`] to publish; each call bumps `seq` (from 1). It
    /// costs what changed since the last one.
    pub fn live(&mut self) -> Live {
        self.seq += 1;
        let changed = self.store.take_dirty();
        let big = changed.len() >= BIG_READ;
        let mut live =
            self.publisher
                .publish(&self.store, changed, self.corrections.clone(), self.seq);
        if big {
            // Folding thousands of articles leaves its working memory free
            // on the folding threads, and its map of articles half full.
            self.publisher.compact();
            crate::memory::give_back();
        }
        live.warnings = self.warnings.values().flatten().cloned().collect();
        live.texts = Some(self.texts.clone());
        live
    }

    fn warn(&mut self, name: &str, message: String) {
        let line = if name.is_empty() {
            message
        } else {
            format!("{name}: {message}")
        };
        self.warnings
            .entry(name.to_string())
            .or_default()
            .push(line);
    }

    fn add_warnings(&mut self, warnings: Vec<(String, String)>) {
        for (name, message) in warnings {
            self.warn(&name, message);
        }
    }

    fn remove_all(&mut self, names: Vec<String>) -> bool {
        let mut changed = false;
        for name in names {
            changed |= self.store.remove(&name);
        }
        changed
    }

    /// Read and extract files in parallel, a chunk at a time; each text
    /// is dropped as soon as its facts are out, so a folder of any size is
    /// never in memory.
    fn read_and_store(&mut self, files: Vec<Found>) -> bool {
        if files.is_empty() {
            return false;
        }
        self.reads.fetch_add(files.len() as u64, Ordering::Relaxed);
        let n = files.len();
        let mut changed = false;
        let mut files = files.into_iter();
        loop {
            // What a chunk read holds until it is stored is freed before
            // the next: a scan's passing memory is one chunk's, reused
            // chunk after chunk, not the whole folder's left in holes
            // among what is kept.
            let chunk: Vec<Found> = files.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            changed |= self.read_chunk(chunk);
        }
        if n >= BIG_READ {
            self.store.compact();
            self.reader.fresh_caches();
            crate::memory::give_back();
        }
        changed
    }

    fn read_chunk(&mut self, files: Vec<Found>) -> bool {
        let reader = &self.reader;
        let store = &self.store;
        let results: Vec<(String, PathBuf, Read)> = files
            .into_par_iter()
            .map(|(name, path)| {
                let read = match reader.read(&path, &name) {
                    Ok(Some((article, ws))) => {
                        let ws = ws.into_iter().map(|w| w.message).collect();
                        let same = store
                            .get(&name)
                            .is_some_and(|e| e.article.hash == article.hash);
                        if same {
                            Read::Same(ws)
                        } else {
                            Read::Article(Box::new(store.extract(article)), ws)
                        }
                    }
                    Ok(None) => Read::Skip,
                    Err(w) if w.transient => Read::Failed(w.message),
                    Err(w) => Read::Bad(w.message),
                };
                (name, path, read)
            })
            .collect();
        let mut changed = false;
        let now = Instant::now();
        for (name, path, read) in results {
            let retry = self.retries.remove(&name);
            match read {
                Read::Failed(message) => {
                    // The last good version stands until a read succeeds
                    // or the file is really gone.
                    let wait = retry.map_or(RETRY_FIRST, |r| (r.wait * 2).min(RETRY_MAX));
                    let kept = if self.store.get(&name).is_some() {
                        "keeping what it said before; "
                    } else {
                        ""
                    };
                    self.warn(
                        &name,
                        format!("{message}; {kept}trying again in {}", human(wait)),
                    );
                    self.retries.insert(
                        name,
                        Retry {
                            path,
                            due: now + wait,
                            wait,
                        },
                    );
                }
                Read::Same(ws) => {
                    for w in ws {
                        self.warn(&name, w);
                    }
                }
                Read::Article(entry, ws) => {
                    for w in ws.into_iter().chain(entry.warnings.iter().cloned()) {
                        self.warn(&name, w);
                    }
                    self.store.insert(*entry);
                    changed = true;
                }
                // Not (or no longer) an article file: a folder, a FIFO.
                Read::Skip => changed |= self.remove_all(vec![name]),
                // Unreadable, empty, binary... now: it no longer counts.
                Read::Bad(message) => {
                    self.warn(&name, message);
                    changed |= self.remove_all(vec![name]);
                }
            }
        }
        changed
    }
}

/// "500 ms", "4 s".
fn human(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs())
    }
}
