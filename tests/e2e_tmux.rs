//! The real binary in a real terminal (tmux): start the dashboard on a
//! temp feeds folder, drop an article in, watch the screen change, use the
//! keys, quit, and check the terminal was given back. Skips with a note
//! when tmux is not installed (`.ci/run` installs it).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sitmon");

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/seeds")
}

/// A private tmux server, killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-J", "-t", "e2e"]).stdout)
            .into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend(keys);
        assert!(self.run(&args).status.success());
    }

    /// Wait until the screen satisfies `ok`, or fail showing it.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let t0 = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if t0.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    fn alternate_screen_on(&self) -> bool {
        let out = self.run(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn seed_names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(seeds())
        .expect("seeds")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

#[test]
fn dashboard_in_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("note: tmux is not installed; skipping the end-to-end dashboard test");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let feeds = dir.path().join("feeds");
    fs::create_dir(&feeds).expect("feeds dir");
    let names = seed_names();
    for n in &names[..3] {
        fs::copy(seeds().join(n), feeds.join(n)).expect("copy seed");
    }
    let tmux = Tmux {
        socket: format!("sitmon-e2e-{}", std::process::id()),
    };
    // A shell first, so quitting shows whether the terminal came back.
    let started = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "100",
        "-y",
        "30",
        "-c",
        &dir.path().to_string_lossy(),
        "sh",
    ]);
    assert!(started.status.success(), "{started:?}");
    let cmd = format!(
        "env XDG_STATE_HOME='{}' '{BIN}' --feeds feeds; echo SITMON-EXIT-$?",
        dir.path().join("state").display()
    );
    tmux.keys(&[&cmd, "Enter"]);

    let first = tmux.wait_for("the first frame", |s| {
        s.contains("Fallen 3/34") && s.contains("1 Capitals") && s.contains("Articles 3")
    });
    assert!(tmux.alternate_screen_on());
    assert!(first.contains("↑↓ move"), "{first}");

    // A new article: two more capitals fall (Lashkar Gah, Kandahar).
    let tmp = dir.path().join("incoming.tmp");
    fs::copy(seeds().join(&names[3]), &tmp).expect("copy");
    fs::rename(&tmp, feeds.join(&names[3])).expect("rename into feeds");
    // the whole frame, not a capture taken while it is being drawn: both
    // new falls are marked until seen
    let after = tmux.wait_for("the new state", |s| {
        s.contains("Fallen 5/34") && s.contains("* ● Kandahar") && s.contains("* ● Lashkar Gah")
    });
    assert!(after.contains("Articles 4 +1"), "{after}");

    // Tab: the battles pane takes the large slot and the focus.
    tmux.keys(&["Tab"]);
    tmux.wait_for("the battles pane", |s| s.contains("┏ 2 Battles"));
    // ?: the help, generated from the keymap.
    tmux.keys(&["?"]);
    tmux.wait_for("the help", |s| {
        s.contains("Panes and display") && s.contains("Freeze the display")
    });
    // Esc closes it; a separate send so it is not read as Alt-q.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains("Panes and display"));
    // Bug 6: Esc with nothing to close does nothing; it never quits.
    for _ in 0..3 {
        sleep(Duration::from_millis(100));
        tmux.keys(&["Escape"]);
    }
    sleep(Duration::from_millis(300));
    let still = tmux.screen();
    assert!(
        tmux.alternate_screen_on()
            && still.contains("Fallen 5/34")
            && !still.contains("SITMON-EXIT"),
        "Esc quit the dashboard:\n{still}"
    );

    // Replay: [ steps back through the events, AS OF each; ] forward;
    // past the last one, or Esc, is live again.
    tmux.keys(&["["]);
    // one event back (a wrong frame times out with the screen shown)
    let back = tmux.wait_for("the replay one event back", |s| {
        s.contains("AS OF #12 of 14") && s.contains("13 events")
    });
    tmux.keys(&["["]);
    tmux.keys(&["["]);
    let earlier = tmux.wait_for("three events back", |s| s.contains("AS OF #") && s != back);
    assert!(
        earlier.contains("replay"),
        "the footer says how to leave:\n{earlier}"
    );
    tmux.keys(&["]"]);
    tmux.wait_for("a step forward", |s| s.contains("AS OF #") && s != earlier);
    sleep(Duration::from_millis(100));
    tmux.keys(&["Escape"]);
    tmux.wait_for("live again", |s| {
        !s.contains("AS OF") && s.contains("Fallen 5/34")
    });
    // The brief key writes a file and says where.
    tmux.keys(&["b"]);
    let noted = tmux.wait_for("the brief", |s| s.contains("Brief written to"));
    let briefs = fs::read_dir(feeds.join(".sitmon/briefs"))
        .expect("briefs folder")
        .count();
    assert_eq!(briefs, 1, "{noted}");
    sleep(Duration::from_millis(100));
    tmux.keys(&["q"]);

    let end = tmux.wait_for("the shell", |s| s.contains("SITMON-EXIT-0"));
    assert!(
        !tmux.alternate_screen_on(),
        "still on the alternate screen:\n{end}"
    );
    assert!(
        !end.contains("1 Capitals"),
        "dashboard left on screen:\n{end}"
    );
    // The command line we typed is back in view.
    assert!(end.contains("--feeds feeds"), "{end}");

    // SIGTERM also gives the terminal back.
    tmux.keys(&["clear", "Enter"]);
    tmux.keys(&[&cmd, "Enter"]);
    tmux.wait_for("the header again", |s| s.contains("Fallen 5/34"));
    let shell = tmux.run(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"]);
    let shell = String::from_utf8_lossy(&shell.stdout).trim().to_string();
    let children = fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .expect("the shell's children");
    let pid = children
        .split_whitespace()
        .next()
        .expect("sitmon runs under the shell");
    let killed = Command::new("kill")
        .args(["-TERM", pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    // 128+15, as a shell reports a process SIGTERM ended.
    let end = tmux.wait_for("the shell after SIGTERM", |s| s.contains("SITMON-EXIT-143"));
    assert!(
        !tmux.alternate_screen_on(),
        "still on the alternate screen:\n{end}"
    );
}
