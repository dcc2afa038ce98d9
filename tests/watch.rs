//! The watcher with real files in temp folders and real notify events: every
//! way an article arrives, with exact counts; and `sitmon follow` as a
//! process.

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;
use sitmon::config::Scenario;
use sitmon::live::Live;
use sitmon::state::Status;
use sitmon::watch::{self, Handle, WatchError, WatchOptions};

const TIMEOUT: Duration = Duration::from_secs(10);

fn scenario() -> Arc<Scenario> {
    static S: OnceLock<Arc<Scenario>> = OnceLock::new();
    S.get_or_init(|| Arc::new(Scenario::builtin())).clone()
}

/// A temp folder with an empty `feeds/` and a watcher on it.
fn watched() -> (tempfile::TempDir, PathBuf, Handle) {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    let h = watch::start(feeds.clone(), scenario(), WatchOptions::default()).unwrap();
    (tmp, feeds, h)
}

/// Wait (at most [`TIMEOUT`]) for a published `Live` that satisfies `cond`;
/// `seen` is called on every `Live` looked at on the way.
fn wait_seeing(
    h: &Handle,
    what: &str,
    mut seen: impl FnMut(&Live),
    mut cond: impl FnMut(&Live) -> bool,
) -> Arc<Live> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let mut rx = h.subscribe();
    let found = rt.block_on(async {
        let changed = rx.wait_for(|l| {
            seen(l);
            cond(l)
        });
        tokio::time::timeout(TIMEOUT, changed).await
    });
    match found {
        Ok(Ok(live)) => live.clone(),
        _ => panic!(
            "timed out waiting for {what}; latest: {}",
            summary(&h.latest())
        ),
    }
}

fn wait(h: &Handle, what: &str, cond: impl FnMut(&Live) -> bool) -> Arc<Live> {
    wait_seeing(h, what, |_| {}, cond)
}

fn summary(l: &Live) -> String {
    format!(
        "seq {} articles {:?} fallen {:?} warnings {:?}",
        l.seq,
        names(l),
        fallen(l),
        l.warnings
    )
}

fn names(l: &Live) -> Vec<&str> {
    l.articles.iter().map(|a| &**a.name()).collect()
}

fn status(l: &Live, capital: &str) -> Status {
    l.snapshot
        .capitals
        .iter()
        .find(|c| c.name == capital)
        .unwrap_or_else(|| panic!("no capital {capital}"))
        .status
}

fn fallen(l: &Live) -> Vec<&str> {
    l.snapshot
        .capitals
        .iter()
        .filter(|c| c.status == Status::Fallen)
        .map(|c| c.name.as_str())
        .collect()
}

fn article(capital: &str) -> String {
    format!("Taliban advance\n\nAfghan officials said the Taliban captured {capital} on Friday.\n")
}

/// Let stray events (if there were any) arrive before checking counters.
fn settle() {
    std::thread::sleep(Duration::from_millis(150));
}

#[test]
fn chunked_write_is_read_once_when_complete() {
    let (_tmp, feeds, h) = watched();
    let first =
        "Taliban advance in the south\n\nAfghan officials said the Taliban captured Kandahar";
    let rest = " and Lashkar Gah on Friday.\n";
    let mut f = fs::File::create(feeds.join("a.txt")).unwrap();
    f.write_all(first.as_bytes()).unwrap();
    // The writer keeps the file open between chunks, as downloads do.
    std::thread::sleep(Duration::from_millis(100));
    f.write_all(rest.as_bytes()).unwrap();
    drop(f);

    let mut half_seen = false;
    let live = wait_seeing(
        &h,
        "both capitals fallen",
        |l| {
            half_seen |= status(l, "Kandahar") == Status::Fallen
                && status(l, "Lashkar Gah") != Status::Fallen
        },
        |l| status(l, "Kandahar") == Status::Fallen && status(l, "Lashkar Gah") == Status::Fallen,
    );
    assert!(
        !half_seen,
        "a state from the first chunk alone was published"
    );
    let sentence = &live.events[0].evidence().expect("from an article").sentence;
    assert!(sentence.ends_with("on Friday."), "{sentence}");
    settle();
    assert_eq!(h.stats().reads, 1, "read once, when closed");
    assert_eq!(names(&h.latest()), ["a.txt"]);
}

#[test]
fn renamed_in_from_outside() {
    let (tmp, feeds, h) = watched();
    let outside = tmp.path().join("draft.txt");
    fs::write(&outside, article("Herat")).unwrap();
    fs::rename(&outside, feeds.join("herat.txt")).unwrap();
    let live = wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);
    assert_eq!(names(&live), ["herat.txt"]);
    settle();
    assert_eq!(h.stats().reads, 1);
}

#[test]
fn written_as_temp_then_renamed() {
    let (_tmp, feeds, h) = watched();
    let temp = feeds.join("herat.txt.part");
    fs::write(&temp, article("Herat")).unwrap();
    fs::rename(&temp, feeds.join("herat.txt")).unwrap();
    wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);
    settle();
    assert_eq!(names(&h.latest()), ["herat.txt"]);
    assert_eq!(h.stats().reads, 1, "the .part file is never read");
}

#[test]
fn linked_in_place() {
    let (tmp, feeds, h) = watched();
    // A hard link and a symlink send a create and nothing else.
    let outside = tmp.path().join("herat.txt");
    fs::write(&outside, article("Herat")).unwrap();
    fs::hard_link(&outside, feeds.join("hard.txt")).unwrap();
    let live = wait(&h, "Herat via the hard link", |l| {
        status(l, "Herat") == Status::Fallen
    });
    assert_eq!(names(&live), ["hard.txt"]);
    // A symlink out of the feeds folder is not read: any file the monitor
    // can read would be shown.
    let other = tmp.path().join("ghazni.txt");
    fs::write(&other, article("Ghazni")).unwrap();
    std::os::unix::fs::symlink(&other, feeds.join("soft.txt")).unwrap();
    let live = wait(&h, "a warning for the link out", |l| {
        l.warnings
            .iter()
            .any(|w| w.starts_with("soft.txt: links outside the feeds folder"))
    });
    assert_eq!(status(&live, "Ghazni"), Status::Held);
    // One within it is read (its target is no article by name).
    fs::create_dir(feeds.join("store")).unwrap();
    fs::write(feeds.join("store/kunduz.data"), article("Kunduz")).unwrap();
    std::os::unix::fs::symlink("store/kunduz.data", feeds.join("inner.txt")).unwrap();
    let live = wait(&h, "Kunduz via the inner symlink", |l| {
        l.articles.len() == 2 && status(l, "Kunduz") == Status::Fallen
    });
    assert_eq!(names(&live), ["hard.txt", "inner.txt"]);
}

#[test]
fn burst_of_2000_files() {
    const N: usize = 2000;
    let (_tmp, feeds, h) = watched();
    let t0 = Instant::now();
    for i in 0..N {
        let text =
            format!("Bulletin {i}\n\nMarkets in the capital were calm on day {i}, traders said.\n");
        fs::write(feeds.join(format!("b{i:05}.txt")), text).unwrap();
    }
    let live = wait(&h, "2000 articles", |l| l.articles.len() >= N);
    let elapsed = t0.elapsed();
    settle();
    let live_after = h.latest();
    let expected: BTreeSet<String> = (0..N).map(|i| format!("b{i:05}.txt")).collect();
    let got: BTreeSet<String> = live_after
        .articles
        .iter()
        .map(|a| a.name().to_string())
        .collect();
    assert_eq!(live.articles.len(), N, "nothing twice");
    assert_eq!(live_after.articles.len(), N);
    assert_eq!(got, expected, "nothing lost");
    assert_eq!(live_after.snapshot.articles, N);
    assert!(live_after.warnings.is_empty(), "{:?}", live_after.warnings);
    let stats = h.stats();
    assert!(stats.reads >= N as u64, "{stats:?}");
    if stats.rescans == 0 {
        assert_eq!(stats.reads, N as u64, "each file read once: {stats:?}");
    }
    eprintln!("2000 files in {elapsed:?}: {stats:?}");
}

#[test]
fn edited_in_place() {
    let (_tmp, feeds, h) = watched();
    let path = feeds.join("a.txt");
    fs::write(&path, article("Herat")).unwrap();
    wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);
    fs::write(&path, article("Kandahar")).unwrap();
    let live = wait(&h, "Kandahar instead of Herat", |l| {
        status(l, "Kandahar") == Status::Fallen && status(l, "Herat") == Status::Held
    });
    assert_eq!(names(&live), ["a.txt"]);
    assert_eq!(live.events.len(), 1, "the old reading is replaced");
    // Appending a paragraph adds to what the article says.
    let mut f = fs::OpenOptions::new().append(true).open(&path).unwrap();
    f.write_all(b"Afghan officials said the Taliban captured Ghazni on Friday.\n")
        .unwrap();
    drop(f);
    let live = wait(&h, "Ghazni too", |l| status(l, "Ghazni") == Status::Fallen);
    assert_eq!(fallen(&live).len(), 2);
    assert_eq!(live.articles.len(), 1);
}

#[test]
fn deleted_is_retracted() {
    let (_tmp, feeds, h) = watched();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    fs::write(feeds.join("b.txt"), article("Ghazni")).unwrap();
    wait(&h, "two fallen", |l| fallen(l).len() == 2);
    fs::remove_file(feeds.join("a.txt")).unwrap();
    let live = wait(&h, "Herat held again", |l| {
        status(l, "Herat") == Status::Held
    });
    assert_eq!(fallen(&live), ["Ghazni"]);
    assert_eq!(names(&live), ["b.txt"]);
}

#[test]
fn renamed_within_the_folder() {
    let (_tmp, feeds, h) = watched();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    let before = wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);
    let publishes = h.stats().publishes;
    fs::rename(feeds.join("a.txt"), feeds.join("b.txt")).unwrap();
    let mut dropped = false;
    let live = wait_seeing(
        &h,
        "the article under its new name",
        |l| dropped |= status(l, "Herat") != Status::Fallen,
        |l| names(l) == ["b.txt"],
    );
    assert!(!dropped, "the state never changed");
    assert_eq!(live.events.len(), before.events.len());
    assert_eq!(
        &*live.events[0].evidence().expect("from an article").file,
        "b.txt"
    );
    settle();
    assert_eq!(
        h.stats().publishes,
        publishes + 1,
        "both halves in one batch"
    );
}

#[test]
fn editor_save_with_backup_rename() {
    // Vim's way: rename the file to a backup, write it anew, drop the backup.
    let (_tmp, feeds, h) = watched();
    let path = feeds.join("a.txt");
    fs::write(&path, article("Herat")).unwrap();
    wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);
    fs::rename(&path, feeds.join("a.txt~")).unwrap();
    fs::write(&path, article("Kandahar")).unwrap();
    fs::remove_file(feeds.join("a.txt~")).unwrap();
    let mut retracted = false;
    let live = wait_seeing(
        &h,
        "Kandahar instead of Herat",
        |l| retracted |= l.articles.is_empty(),
        |l| status(l, "Kandahar") == Status::Fallen && status(l, "Herat") == Status::Held,
    );
    assert!(!retracted, "replaced in one step, never retracted first");
    assert_eq!(names(&live), ["a.txt"]);
    assert_eq!(live.events.len(), 1);
}

#[test]
fn duplicate_content_counts_once() {
    let (_tmp, feeds, h) = watched();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    let first = wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);
    fs::write(feeds.join("copy.txt"), article("Herat")).unwrap();
    let live = wait(&h, "the copy read", |l| l.seq > first.seq);
    assert_eq!(
        names(&live),
        ["a.txt"],
        "counted once, under the first name"
    );
    assert_eq!(live.events, first.events);
    assert_eq!(live.snapshot.articles, 1);

    // The copy stands in when the first is deleted.
    fs::remove_file(feeds.join("a.txt")).unwrap();
    let live = wait(&h, "the copy counted", |l| names(l) == ["copy.txt"]);
    assert_eq!(status(&live, "Herat"), Status::Fallen);
    assert_eq!(live.events.len(), 1);
    fs::remove_file(feeds.join("copy.txt")).unwrap();
    wait(&h, "no articles", |l| l.articles.is_empty());
    assert_eq!(status(&h.latest(), "Herat"), Status::Held);
}

#[test]
fn hidden_temp_and_swap_files_are_ignored() {
    let (_tmp, feeds, h) = watched();
    fs::create_dir_all(feeds.join("sub/.git")).unwrap();
    for name in [
        ".hidden.txt",
        "a.txt~",
        "a.txt.swp",
        ".a.txt.swp",
        ".#a.txt",
        "#a.txt#",
        "x.tmp",
        "x.txt.crdownload",
        "~$x.txt",
        "notes.pdf",
        "sub/.git/x.txt",
    ] {
        fs::write(feeds.join(name), article("Herat")).unwrap();
    }
    fs::write(feeds.join("z.txt"), article("Ghazni")).unwrap();
    wait(&h, "z.txt", |l| names(l) == ["z.txt"]);
    settle();
    let live = h.latest();
    assert_eq!(names(&live), ["z.txt"]);
    assert_eq!(fallen(&live), ["Ghazni"]);
    assert!(live.warnings.is_empty(), "{:?}", live.warnings);
    assert_eq!(h.stats().reads, 1, "ignored names are never opened");
}

#[test]
fn missing_folder_is_an_error_unless_created() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("no-such-feeds");
    let e = watch::start(feeds.clone(), scenario(), WatchOptions::default())
        .err()
        .expect("a missing folder is an error");
    assert!(
        matches!(e, WatchError::Missing(ref p) if *p == feeds),
        "{e:?}"
    );
    let message = e.to_string();
    assert!(message.contains(&*feeds.to_string_lossy()), "{message}");
    assert!(message.contains("--create"), "{message}");

    let opts = WatchOptions {
        create: true,
        ..WatchOptions::default()
    };
    let h = watch::start(feeds.clone(), scenario(), opts).unwrap();
    assert!(feeds.is_dir());
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);

    let file = tmp.path().join("plain.txt");
    fs::write(&file, "x").unwrap();
    let e = watch::start(file, scenario(), WatchOptions::default()).err();
    assert!(matches!(e, Some(WatchError::NotAFolder(_))), "{e:?}");
}

#[test]
fn folders_moved_in_created_and_removed() {
    let (tmp, feeds, h) = watched();
    let staged = tmp.path().join("batch");
    fs::create_dir(&staged).unwrap();
    for c in ["Herat", "Ghazni", "Kunduz"] {
        fs::write(staged.join(format!("{c}.txt")), article(c)).unwrap();
    }
    std::os::unix::fs::symlink(tmp.path(), staged.join("link")).unwrap();
    // Moved in whole: its files send no events of their own.
    fs::rename(&staged, feeds.join("batch")).unwrap();
    let live = wait(&h, "three articles", |l| l.articles.len() == 3);
    assert_eq!(
        live.warnings,
        ["batch/link: is a symlinked folder; not followed"]
    );
    assert_eq!(
        names(&live),
        ["batch/Ghazni.txt", "batch/Herat.txt", "batch/Kunduz.txt"]
    );

    // Created, then filled at once.
    fs::create_dir_all(feeds.join("new/deeper")).unwrap();
    fs::write(feeds.join("new/deeper/k.txt"), article("Kandahar")).unwrap();
    wait(&h, "Kandahar", |l| status(l, "Kandahar") == Status::Fallen);

    // Moved away whole.
    fs::rename(feeds.join("batch"), tmp.path().join("gone")).unwrap();
    let live = wait(&h, "the batch retracted", |l| l.articles.len() == 1);
    assert_eq!(names(&live), ["new/deeper/k.txt"]);
    assert!(live.warnings.is_empty(), "{:?}", live.warnings);
    assert_eq!(fallen(&live), ["Kandahar"]);

    fs::remove_dir_all(feeds.join("new")).unwrap();
    wait(&h, "empty", |l| l.articles.is_empty());
}

#[test]
fn symlinks_are_not_followed_into_loops() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir_all(feeds.join("sub")).unwrap();
    fs::write(feeds.join("sub/a.txt"), article("Herat")).unwrap();
    std::os::unix::fs::symlink(&feeds, feeds.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", feeds.join("sub/up")).unwrap();
    // A symlinked file is read.
    let target = tmp.path().join("elsewhere.txt");
    fs::write(&target, article("Ghazni")).unwrap();
    std::os::unix::fs::symlink(&target, feeds.join("linked.txt")).unwrap();

    // Asked to read links out of the folder.
    let opts = WatchOptions {
        follow_symlinks: true,
        ..WatchOptions::default()
    };
    let h = watch::start(feeds.clone(), scenario(), opts).unwrap();
    let live = h.latest();
    assert_eq!(names(&live), ["linked.txt", "sub/a.txt"]);
    assert_eq!(live.warnings.len(), 2, "{:?}", live.warnings);
    assert!(live.warnings.iter().all(|w| w.contains("not followed")));

    // A link made while watching is not followed either.
    std::os::unix::fs::symlink(&feeds, feeds.join("sub/loop2")).unwrap();
    fs::write(feeds.join("b.txt"), article("Kunduz")).unwrap();
    let live = wait(&h, "b.txt and the new link", |l| {
        l.articles.len() == 3 && l.warnings.len() == 3
    });
    assert!(live.warnings.iter().all(|w| w.contains("not followed")));

    // The link's target changes outside the folder: no event reaches us,
    // a rescan finds it.
    fs::write(&target, article("Kandahar")).unwrap();
    h.rescan();
    let live = wait(&h, "Kandahar via the rescan", |l| {
        status(l, "Kandahar") == Status::Fallen
    });
    assert_eq!(status(&live, "Ghazni"), Status::Held);
    assert_eq!(live.articles.len(), 3);
    assert_eq!(h.stats().rescans, 1);
    // Still watching, with the fresh watcher, once each.
    let reads = h.stats().reads;
    fs::write(feeds.join("sub/c.txt"), article("Ghazni")).unwrap();
    wait(&h, "Ghazni again", |l| {
        status(l, "Ghazni") == Status::Fallen
    });
    settle();
    assert_eq!(h.stats().reads, reads + 1);
}

/// Two names that differ only in bytes that are not UTF-8 are two articles
/// (once, both read as the same lossy name and one was lost), in a
/// snapshot and in the watcher; one that arrives while watching is warned
/// about as the scanned ones are.
#[test]
fn names_that_differ_only_in_invalid_bytes_are_two_articles() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    let raw = |b: &[u8]| feeds.join(std::ffi::OsStr::from_bytes(b));
    fs::write(raw(b"a\xFF.txt"), article("Herat")).unwrap();
    fs::write(raw(b"a\xFE.txt"), article("Ghazni")).unwrap();
    let (arts, warns) = sitmon::ingest::Reader::new(&scenario())
        .scan(&feeds)
        .unwrap();
    let scanned: Vec<&str> = arts.iter().map(|a| &*a.name).collect();
    assert_eq!(scanned, ["a\\xFE.txt", "a\\xFF.txt"], "{warns:?}");
    assert_eq!(warns.len(), 2, "{warns:?}");

    let h = watch::start(feeds.clone(), scenario(), WatchOptions::default()).unwrap();
    let live = h.latest();
    assert_eq!(names(&live), scanned);
    assert_eq!(fallen(&live), ["Ghazni", "Herat"]);
    assert_eq!(live.warnings.len(), 2, "{:?}", live.warnings);
    // Arriving while watching: read under its own name, with the warning.
    let tmp_file = tmp.path().join("incoming");
    fs::write(&tmp_file, article("Kunduz")).unwrap();
    fs::rename(&tmp_file, raw(b"a\xFD.txt")).unwrap();
    let live = wait(&h, "the third", |l| l.articles.len() == 3);
    assert_eq!(live.warnings.len(), 3, "{:?}", live.warnings);
    assert!(
        live.warnings
            .iter()
            .any(|w| w.starts_with("a\\xFD.txt: file name is not valid Unicode")),
        "{:?}",
        live.warnings
    );
    // Deleting one removes that one only.
    fs::remove_file(raw(b"a\xFF.txt")).unwrap();
    let live = wait(&h, "two left", |l| l.articles.len() == 2);
    assert_eq!(fallen(&live), ["Ghazni", "Kunduz"]);
}

/// One walk rule: a folder moved in so deep that a snapshot or a rescan
/// would not read it is not read by the watcher either.
#[test]
fn a_folder_moved_in_too_deep_is_refused_as_a_rescan_would() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    let mut deepest = feeds.clone();
    for i in 1..watch::MAX_DEPTH {
        deepest.push(format!("d{i}"));
    }
    fs::create_dir_all(&deepest).unwrap();
    fs::write(deepest.join("ok.txt"), article("Herat")).unwrap();
    let h = watch::start(feeds.clone(), scenario(), WatchOptions::default()).unwrap();
    assert_eq!(fallen(&h.latest()), ["Herat"]);
    // A folder at depth MAX_DEPTH, moved in.
    let outside = tmp.path().join("deep");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("x.txt"), article("Ghazni")).unwrap();
    fs::rename(&outside, deepest.join("deep")).unwrap();
    let live = wait(&h, "the warning", |l| {
        l.warnings.iter().any(|w| w.contains("nested"))
    });
    assert_eq!(fallen(&live), ["Herat"], "{}", summary(&live));
    let (arts, _) = sitmon::ingest::Reader::new(&scenario())
        .scan(&feeds)
        .unwrap();
    assert_eq!(arts.len(), 1, "a snapshot reads the same");
    h.rescan();
    settle();
    assert_eq!(fallen(&h.latest()), ["Herat"], "and so does a rescan");
}

#[test]
fn feeds_folder_removed_and_recreated() {
    let (_tmp, feeds, h) = watched();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);
    fs::remove_dir_all(&feeds).unwrap();
    let live = wait(&h, "a warning that the folder is gone", |l| {
        l.articles.is_empty() && !l.warnings.is_empty()
    });
    assert!(
        live.warnings[0].contains("cannot be read"),
        "{:?}",
        live.warnings
    );
    assert_eq!(status(&live, "Herat"), Status::Held);
    // It comes back: watched again (retried once a second).
    fs::create_dir(&feeds).unwrap();
    fs::write(feeds.join("b.txt"), article("Ghazni")).unwrap();
    wait(&h, "Ghazni after the folder came back", |l| {
        status(l, "Ghazni") == Status::Fallen && l.warnings.is_empty()
    });
    fs::write(feeds.join("c.txt"), article("Kunduz")).unwrap();
    wait(&h, "Kunduz, watched again", |l| {
        status(l, "Kunduz") == Status::Fallen
    });
}

#[test]
fn polling_watcher() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().to_path_buf();
    let opts = WatchOptions {
        poll: Some(Duration::from_millis(50)),
        ..WatchOptions::default()
    };
    let h = watch::start(feeds.clone(), scenario(), opts).unwrap();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    wait(&h, "Herat fallen", |l| status(l, "Herat") == Status::Fallen);
    fs::write(feeds.join("a.txt"), article("Ghazni")).unwrap();
    wait(&h, "Ghazni instead", |l| {
        status(l, "Ghazni") == Status::Fallen && status(l, "Herat") == Status::Held
    });
    fs::remove_file(feeds.join("a.txt")).unwrap();
    wait(&h, "empty", |l| l.articles.is_empty());
}

#[test]
fn bad_files_are_warnings_that_clear() {
    let (_tmp, feeds, h) = watched();
    fs::write(feeds.join("bin.txt"), b"abc\0def").unwrap();
    let live = wait(&h, "a warning", |l| !l.warnings.is_empty());
    assert!(
        live.warnings[0].starts_with("bin.txt: "),
        "{:?}",
        live.warnings
    );
    assert!(live.articles.is_empty());
    fs::write(feeds.join("bin.txt"), article("Herat")).unwrap();
    let live = wait(&h, "fixed", |l| l.articles.len() == 1);
    assert!(live.warnings.is_empty(), "{:?}", live.warnings);
}

// --- `sitmon follow`, the real binary ---------------------------------------

const BIN: &str = env!("CARGO_BIN_EXE_sitmon");

fn seed(name_prefix: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/seeds");
    fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(name_prefix)
        })
        .unwrap()
}

struct Follow {
    child: Child,
    lines: mpsc::Receiver<String>,
    log: PathBuf,
}

impl Follow {
    /// `sitmon follow --jsonl` on `feeds`, with its log under `tmp`; returns
    /// once the initial scan is done (the log says so).
    fn start(tmp: &Path, feeds: &Path, extra: &[&str]) -> Follow {
        let mut child = Command::new(BIN)
            .current_dir(tmp)
            .env("XDG_STATE_HOME", tmp.join("state"))
            .arg("follow")
            .arg("--feeds")
            .arg(feeds)
            .arg("--jsonl")
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let f = Follow {
            child,
            lines,
            log: tmp.join("state/sitmon/sitmon.log"),
        };
        f.wait_ready();
        f
    }

    fn wait_ready(&self) {
        let t0 = Instant::now();
        while !fs::read_to_string(&self.log).is_ok_and(|l| l.contains("initial scan")) {
            assert!(t0.elapsed() < TIMEOUT, "follow did not start");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn line(&self) -> Value {
        let line = self
            .lines
            .recv_timeout(TIMEOUT)
            .expect("a line within 10 s");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
    }

    fn wait_exit(&mut self) -> std::process::ExitStatus {
        let t0 = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(t0.elapsed() < TIMEOUT, "follow did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Follow {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn follow_jsonl_prints_changes_after_startup() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    let old = seed("000_");
    fs::copy(&old, feeds.join(old.file_name().unwrap())).unwrap();
    let mut f = Follow::start(tmp.path(), &feeds, &[]);

    // 001 adds nothing to what 000 says; 003 does.
    let new = seed("003_");
    let new_name = new.file_name().unwrap().to_string_lossy().into_owned();
    fs::copy(&new, feeds.join(&new_name)).unwrap();
    let v = f.line();
    for key in ["seq", "kind", "subject", "before", "after"] {
        assert!(!v[key].is_null(), "{key} in {v}");
    }
    assert_eq!(
        v["evidence"]["file"],
        new_name.as_str(),
        "startup changes are not printed: {v}"
    );
    assert!(v["evidence"]["sentence"].is_string(), "{v}");
    let time = v["time"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(time).is_ok() && time.len() == 24,
        "RFC 3339 with milliseconds: {time}"
    );
    assert!(v.get("retracted").is_none(), "{v}");

    // Deleting it retracts what it said.
    while f.lines.recv_timeout(Duration::from_millis(300)).is_ok() {}
    fs::remove_file(feeds.join(&new_name)).unwrap();
    let v = f.line();
    assert_eq!(v["retracted"], true, "{v}");
    assert_eq!(v["evidence"]["file"], new_name.as_str());

    // SIGTERM: a clean exit, with 128+15 as a shell reports it.
    let pid = f.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    assert_eq!(f.wait_exit().code(), Some(143));
}

/// Evidence that moves to another file is announced: the same article
/// under a second name counts once the first copy is deleted, and a rename
/// moves it again.
#[test]
fn follow_announces_evidence_that_moves_to_another_file() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    fs::write(feeds.join("b.txt"), article("Herat")).unwrap();
    let mut f = Follow::start(tmp.path(), &feeds, &[]);
    fs::remove_file(feeds.join("a.txt")).unwrap();
    let v = f.line();
    assert_eq!(v["moved_from"], "a.txt", "{v}");
    assert_eq!(v["evidence"]["file"], "b.txt", "{v}");
    assert_eq!(v["after"], "fallen", "{v}");
    assert!(v.get("retracted").is_none(), "{v}");
    fs::rename(feeds.join("b.txt"), feeds.join("c.txt")).unwrap();
    let v = f.line();
    assert_eq!(v["moved_from"], "b.txt", "{v}");
    assert_eq!(v["evidence"]["file"], "c.txt", "{v}");
    let pid = f.child.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(killed.success());
    assert_eq!(f.wait_exit().code(), Some(130), "SIGINT: 128+2");
}

/// Stopping does not wait for a batch stuck on a pathological article (a
/// run-on sentence once took the extractor half a minute): the process
/// exits at once.
#[test]
fn follow_stops_at_once_while_a_batch_is_busy() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    let f = Follow::start(tmp.path(), &feeds, &[]);
    let heavy = tmp.path().join("heavy");
    fs::write(&heavy, "Taliban fighters captured Kunduz ".repeat(2000)).unwrap();
    fs::rename(&heavy, feeds.join("heavy.txt")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let t0 = Instant::now();
    let pid = f.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let mut f = f;
    assert_eq!(f.wait_exit().code(), Some(143));
    assert!(
        t0.elapsed() < Duration::from_secs(3),
        "took {:?}",
        t0.elapsed()
    );
}

#[test]
fn follow_from_start_and_exit_when_stdout_closes() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    let mut child = Command::new(BIN)
        .current_dir(tmp.path())
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .args(["follow", "--feeds", "feeds", "--jsonl", "--from-start"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // Read on a thread (so a hang is a timeout), then hand the pipe back.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let _ = reader.read_line(&mut line);
        let _ = tx.send((line, reader));
    });
    let (line, reader) = rx.recv_timeout(TIMEOUT).expect("a line within 10 s");
    let v: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        v["subject"], "Herat",
        "--from-start prints the initial changes"
    );
    assert_eq!(v["seq"], 0);

    // The reader goes away while follow is idle: it exits by itself.
    drop(reader);
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("follow did not exit when its stdout closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn follow_missing_folder_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .current_dir(tmp.path())
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .args(["follow", "--feeds", "nowhere", "--jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("feeds folder nowhere does not exist") && err.contains("--create"),
        "{err}"
    );
}

/// Bug 1 (outside the extractor): one sentence is one step of the fold, so
/// `follow` never prints a state no article stated. This article's second
/// sentence both re-tells a fall and a recapture of a city that was held
/// ("which the insurgents took on Sunday, was retaken"), and its last one
/// takes a figure through "an additional 200" to a stated total of 900.
#[test]
fn follow_prints_one_net_change_per_subject_and_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    let f = Follow::start(tmp.path(), &feeds, &[]);
    fs::write(
        feeds.join("001_one_sentence.txt"),
        "One sentence, one change\n\
         KABUL, Aug 17 (Wire staff) –\n\
         Charikar, which the insurgents took on Sunday, was retaken by government forces on Tuesday, a military source said.\n\
         Britain is sending about 600 troops to Kabul to get its citizens out, the Ministry of Defence said.\n\
         Britain is sending an additional 200 troops, taking the number of British troops in Kabul to about 900, the Ministry of Defence said.\n",
    )
    .unwrap();
    let mut lines = Vec::new();
    loop {
        let v = f.line();
        let done = v["after"] == "900 troops";
        lines.push(v);
        if done {
            break;
        }
    }
    // Whatever else trails in the same publish.
    while let Ok(l) = f.lines.recv_timeout(Duration::from_millis(500)) {
        lines.push(serde_json::from_str(&l).unwrap());
    }
    let said: Vec<String> = lines
        .iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            format!("{}: {} -> {}", s("subject"), s("before"), s("after"))
        })
        .collect();
    assert_eq!(
        said,
        [
            "United Kingdom: none -> 600 troops",
            "United Kingdom: 600 troops -> 900 troops",
        ],
        "the sentences stated no held -> fallen -> held, nor 800"
    );
    let mut keys: Vec<(String, u64)> = lines
        .iter()
        .map(|v| {
            (
                v["subject"].as_str().unwrap().to_string(),
                v["evidence"]["start"].as_u64().unwrap(),
            )
        })
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        lines.len(),
        "two lines for one subject and sentence"
    );
    // The article's own time (its dateline) is given beside the change.
    assert_eq!(lines[0]["published"], "2021-08-17T00:00:00+00:00");
}

/// Bug 8: `follow` printed nothing at startup and looked hung.
#[test]
fn follow_says_what_it_watches() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    let mut child = Command::new(BIN)
        .current_dir(tmp.path())
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .args(["follow", "--feeds", "feeds"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.contains("watching feeds") && line.contains("1 articles") && line.contains("Ctrl-C"),
        "{line}"
    );
}

/// Corrections reach a running watcher: a line appended to the journal
/// is published at once, and `.sitmonignore` edits apply live.
#[test]
fn journal_and_ignore_rules_are_read_live() {
    let (_tmp, feeds, h) = watched();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    fs::create_dir(feeds.join("drafts")).unwrap();
    fs::write(feeds.join("drafts/b.txt"), article("Ghazni")).unwrap();
    wait(&h, "both articles", |l| l.articles.len() == 2);
    let mut e = sitmon::corrections::Entry::now("tester", "test");
    e.capital = Some("Herat".into());
    e.status = Some(sitmon::state::Standing::Held);
    sitmon::corrections::append(&feeds, &e).unwrap();
    let live = wait(&h, "the correction", |l| !l.active.fixes.is_empty());
    let herat = live
        .snapshot
        .capitals
        .iter()
        .find(|c| c.name == "Herat")
        .unwrap();
    assert_eq!(herat.status, Status::Held);
    assert!(herat.correction.is_some());
    fs::write(feeds.join(".sitmonignore"), "drafts/\n").unwrap();
    let live = wait(&h, "drafts ignored", |l| l.articles.len() == 1);
    assert_eq!(&**live.articles[0].name(), "a.txt");
}

/// A folder moved in is walked by both rules at once: what `.sitmonignore`
/// leaves out is not read, nor a link out of the feeds folder; and when
/// the ignore rules go, what they hid is read.
#[test]
fn a_folder_moved_in_keeps_ignore_and_link_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    fs::write(feeds.join(".sitmonignore"), "drafts/\n").unwrap();
    let mut p = watch::Pipeline::new(feeds.clone(), scenario());
    p.rescan(&|_| false).unwrap();
    let incoming = tmp.path().join("incoming");
    fs::create_dir_all(incoming.join("drafts")).unwrap();
    fs::write(incoming.join("a.txt"), article("Herat")).unwrap();
    fs::write(incoming.join("drafts/b.txt"), article("Ghazni")).unwrap();
    let outside = tmp.path().join("kunduz.txt");
    fs::write(&outside, article("Kunduz")).unwrap();
    std::os::unix::fs::symlink(&outside, incoming.join("link.txt")).unwrap();
    fs::rename(&incoming, feeds.join("incoming")).unwrap();

    let applied = p.apply(vec![feeds.join("incoming")], &|_| false);
    assert!(applied.changed);
    let live = p.live();
    assert_eq!(names(&live), ["incoming/a.txt"]);
    assert_eq!(status(&live, "Ghazni"), Status::Held);
    assert_eq!(status(&live, "Kunduz"), Status::Held);
    assert!(
        live.warnings
            .iter()
            .any(|w| w.starts_with("incoming/link.txt: links outside the feeds folder")),
        "{:?}",
        live.warnings
    );

    fs::remove_file(feeds.join(".sitmonignore")).unwrap();
    p.apply(vec![feeds.join(".sitmonignore")], &|_| false);
    let live = p.live();
    assert_eq!(names(&live), ["incoming/a.txt", "incoming/drafts/b.txt"]);
    assert_eq!(status(&live, "Ghazni"), Status::Fallen);
}

/// Alerts: the command gets each alerting change as JSON on stdin, not
/// the changes already there at startup, and not the kinds not chosen.
#[test]
fn alert_command_gets_the_change_as_json() {
    let (tmp, feeds, h) = watched();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    wait(&h, "the first article", |l| l.articles.len() == 1);
    let out = tmp.path().join("alerts.jsonl");
    let config = Arc::new(sitmon::alerts::AlertConfig {
        on: vec![sitmon::alerts::Kind::Fall],
        command: vec![
            "sh".into(),
            "-c".into(),
            format!("cat >> '{}'", out.display()),
        ],
        ..Default::default()
    });
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    rt.spawn(sitmon::alerts::run(config, h.subscribe()));
    // Let the task take the current state as its start.
    std::thread::sleep(Duration::from_millis(200));
    fs::write(feeds.join("b.txt"), article("Ghazni")).unwrap();
    let t0 = Instant::now();
    let text = loop {
        let t = fs::read_to_string(&out).unwrap_or_default();
        if t.contains('\n') {
            break t;
        }
        assert!(t0.elapsed() < TIMEOUT, "no alert");
        std::thread::sleep(Duration::from_millis(20));
    };
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    let v = &lines[0];
    assert_eq!(v["kind"], "fall");
    assert_eq!(
        v["subject"], "Ghazni",
        "startup changes (Herat) are not alerts: {v}"
    );
    assert_eq!(v["file"], "b.txt");
    assert!(
        v["headline"].as_str().unwrap().contains("held → fallen"),
        "{v}"
    );
    drop(rt);
}

/// The first scan runs before the watch; the catch-up after it reads what
/// changed meanwhile (a new file, a rewrite, a removal, a write inside the
/// scan's clock tick) and leaves the rest unread.
#[test]
fn catch_up_reads_only_what_changed_during_the_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let write_at = |name: &str, capital: &str, at: std::time::SystemTime| {
        let mut f = fs::File::create(feeds.join(name)).unwrap();
        f.write_all(article(capital).as_bytes()).unwrap();
        f.set_modified(at).unwrap();
    };
    for (name, capital) in [("a.txt", "Herat"), ("b.txt", "Ghazni"), ("c.txt", "Kunduz")] {
        write_at(name, capital, hour_ago);
    }
    let since = std::time::SystemTime::now();
    let mut p = watch::Pipeline::new(feeds.clone(), scenario());
    p.rescan(&|_| false).unwrap();
    let reads = p.reads();
    let read_after_scan = reads.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(read_after_scan, 3);

    // Unchanged: not read again, and an old time that stays the same hides
    // a rewrite (which is why recent times are read again below).
    write_at("a.txt", "Kandahar", hour_ago);
    assert!(!p.catch_up(since).unwrap(), "nothing seen to change");
    assert_eq!(reads.load(std::sync::atomic::Ordering::Relaxed), 3);
    assert_eq!(fallen(&p.live()), ["Ghazni", "Herat", "Kunduz"]);

    // During the scan: b rewritten, c removed, d added.
    write_at("b.txt", "Farah", hour_ago + Duration::from_secs(60));
    fs::remove_file(feeds.join("c.txt")).unwrap();
    fs::write(feeds.join("d.txt"), article("Zaranj")).unwrap();
    assert!(p.catch_up(since).unwrap());
    assert_eq!(names(&p.live()), ["a.txt", "b.txt", "d.txt"]);
    assert_eq!(fallen(&p.live()), ["Farah", "Herat", "Zaranj"]);
    assert_eq!(reads.load(std::sync::atomic::Ordering::Relaxed), 5);

    // A file stamped after the scan began is read again even when its time
    // is the one read: a second write in the same clock tick keeps it.
    let recent = std::time::SystemTime::now();
    write_at("e.txt", "Herat", recent);
    p.catch_up(since).unwrap();
    write_at("e.txt", "Lashkar Gah", recent);
    assert!(p.catch_up(since).unwrap());
    assert!(
        fallen(&p.live()).contains(&"Lashkar Gah"),
        "{:?}",
        fallen(&p.live())
    );
}
