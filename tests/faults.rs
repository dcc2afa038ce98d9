//! Faults that once lost articles: a read that fails for a reason that
//! passes (here: out of file descriptors, EMFILE, as a flood of connections
//! caused) keeps what the article said before, and the file is read again
//! with backoff. One test in a binary of its own: it lowers the process's
//! descriptor limit.

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sitmon::config::Scenario;
use sitmon::live::Live;
use sitmon::state::Status;
use sitmon::watch::{self, Pipeline, WatchOptions};

fn article(capital: &str) -> String {
    format!("Taliban advance\n\nAfghan officials said the Taliban captured {capital} on Friday.\n")
}

fn status(l: &Live, capital: &str) -> Status {
    l.snapshot
        .capitals
        .iter()
        .find(|c| c.name == capital)
        .unwrap_or_else(|| panic!("no capital {capital}"))
        .status
}

/// Every descriptor taken (the soft limit lowered to just above those
/// open, the rest filled), until dropped.
struct Exhausted {
    hoard: Vec<fs::File>,
    limit: libc::rlimit,
}

impl Exhausted {
    fn now() -> Exhausted {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: reads into a valid rlimit.
        assert_eq!(
            unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) },
            0
        );
        let open = fs::read_dir("/proc/self/fd").expect("fds").count() as u64;
        let lowered = libc::rlimit {
            rlim_cur: (open + 64).min(limit.rlim_cur),
            rlim_max: limit.rlim_max,
        };
        // SAFETY: sets the soft limit from a valid rlimit.
        assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lowered) }, 0);
        let mut hoard = Vec::new();
        loop {
            match fs::File::open("/dev/null") {
                Ok(f) => hoard.push(f),
                Err(e) => {
                    assert_eq!(e.raw_os_error(), Some(libc::EMFILE), "{e}");
                    break;
                }
            }
        }
        Exhausted { hoard, limit }
    }
}

impl Drop for Exhausted {
    fn drop(&mut self) {
        self.hoard.clear();
        // SAFETY: restores the limit read before.
        unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &self.limit) };
    }
}

fn wait(h: &watch::Handle, what: &str, cond: impl Fn(&Live) -> bool) -> Arc<Live> {
    let t0 = Instant::now();
    loop {
        let l = h.latest();
        if cond(&l) {
            return l;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(15),
            "timed out waiting for {what}; warnings {:?}",
            l.warnings
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_read_that_fails_for_now_keeps_the_article_and_is_retried() {
    let scenario = Arc::new(Scenario::builtin());

    // By hand: the pipeline keeps the last good version.
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    let a = feeds.join("a.txt");
    fs::write(&a, article("Herat")).unwrap();
    let mut p = Pipeline::new(feeds.clone(), scenario.clone());
    p.rescan(&|_: &Path| false).unwrap();
    fs::write(&a, article("Ghazni")).unwrap();
    {
        let _out = Exhausted::now();
        p.apply(vec![a.clone()], &|_: &Path| false);
    }
    let live = p.live();
    assert_eq!(live.articles.len(), 1, "the article still counts");
    assert_eq!(status(&live, "Herat"), Status::Fallen, "as it was read");
    assert!(
        live.warnings
            .iter()
            .any(|w| w.contains("keeping what it said before; trying again")),
        "{:?}",
        live.warnings
    );
    let due = p.next_retry().expect("a retry is due");
    let again = p.due_retries(due);
    assert_eq!(again, std::slice::from_ref(&a));
    p.apply(again, &|_: &Path| false);
    let live = p.live();
    assert_eq!(status(&live, "Ghazni"), Status::Fallen, "read again");
    assert_eq!(status(&live, "Herat"), Status::Held);
    assert!(live.warnings.is_empty(), "{:?}", live.warnings);
    assert_eq!(p.next_retry(), None);

    // Watching: the watcher reads it again by itself once descriptors are
    // free.
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).unwrap();
    fs::write(feeds.join("a.txt"), article("Herat")).unwrap();
    let incoming = tmp.path().join("incoming");
    fs::write(&incoming, article("Kunduz")).unwrap();
    let h = watch::start(feeds.clone(), scenario, WatchOptions::default()).unwrap();
    let out = Exhausted::now();
    // A rename needs no descriptor; reading it does.
    fs::rename(&incoming, feeds.join("a.txt")).unwrap();
    let live = wait(&h, "the failed read", |l| {
        l.warnings.iter().any(|w| w.contains("trying again"))
    });
    assert_eq!(status(&live, "Herat"), Status::Fallen, "kept meanwhile");
    assert_eq!(live.articles.len(), 1);
    drop(out);
    let live = wait(&h, "the read again", |l| {
        status(l, "Kunduz") == Status::Fallen
    });
    assert_eq!(status(&live, "Herat"), Status::Held);
    assert!(live.warnings.is_empty(), "{:?}", live.warnings);
}
