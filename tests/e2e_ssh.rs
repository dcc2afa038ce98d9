//! The shared monitor end to end: the real binary (`sitmon serve`) and the
//! real OpenSSH client. Two viewers watch in tmux while an article arrives,
//! use their own keys and sizes, quit, and are told when the server stops;
//! the host key is created once and reused; keys that are not authorized,
//! commands, sftp and forwarding are refused as OpenSSH users expect.
//! Skips with a note when tmux, ssh or ssh-keygen is missing (`.ci/run`
//! installs them).

use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_sitmon");

/// How long anything may take before the test fails (a CI machine under
/// load is slow; locally everything takes well under a second).
const DEADLINE: Duration = Duration::from_secs(15);

/// Seed articles, in the order of tests/corpora/seeds/gold.json: after the
/// first two 3 capitals have fallen; the third adds Lashkar Gah and
/// Kandahar.
const FIRST: &str = "000_9227474509b83045.txt";
const SECOND: &str = "001_d8dd863d1db54555.txt";
const LATER: &str = "003_ba31ab3aebd0285f.txt";

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/seeds")
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            fs::metadata(dir.join(tool))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// Whether the tools are all installed; else a note saying which is not.
fn have(tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools.iter().copied().filter(|t| !on_path(t)).collect();
    if missing.is_empty() {
        return true;
    }
    eprintln!(
        "note: {} not installed; skipping this sitmon serve end-to-end test \
         (apt-get install openssh-client tmux)",
        missing.join(", ")
    );
    false
}

/// Poll `f` until it gives a value, or fail with `what` and the last state.
fn poll<T>(what: &str, mut f: impl FnMut() -> Result<T, String>) -> T {
    let t0 = Instant::now();
    loop {
        match f() {
            Ok(v) => return v,
            Err(state) if t0.elapsed() > DEADLINE => {
                panic!("timed out waiting for {what}; last seen:\n{state}")
            }
            Err(_) => sleep(Duration::from_millis(50)),
        }
    }
}

/// Wait for `child` to exit, killing it (and failing) after the deadline.
fn wait_exit(child: &mut Child, what: &str) -> ExitStatus {
    let t0 = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if t0.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not exit within {DEADLINE:?}");
        }
        sleep(Duration::from_millis(20));
    }
}

/// Run `cmd` to its end (stdin closed), within the deadline.
fn run(cmd: &mut Command, what: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    // Small outputs: the pipes do not fill up before the exit.
    wait_exit(&mut child, what);
    child.wait_with_output().expect("output")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `'...'` for sh.
fn quote(s: impl AsRef<OsStr>) -> String {
    format!("'{}'", s.as_ref().to_string_lossy().replace('\'', r"'\''"))
}

/// A temp folder with feeds, a viewer's key and an authorized_keys file.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new(articles: &[&str]) -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        let fx = Fixture { dir };
        fs::create_dir(fx.feeds()).expect("feeds dir");
        for a in articles {
            fs::copy(seeds().join(a), fx.feeds().join(a)).expect("copy seed");
        }
        let key = fx.keygen("viewer");
        fs::copy(key.with_extension("pub"), fx.authorized_keys()).expect("authorized_keys");
        fx
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn feeds(&self) -> PathBuf {
        self.path("feeds")
    }

    fn authorized_keys(&self) -> PathBuf {
        self.path("authorized_keys")
    }

    /// The authorized viewer's private key.
    fn key(&self) -> PathBuf {
        self.path("viewer")
    }

    fn log(&self) -> PathBuf {
        self.path("serve.log")
    }

    /// A new Ed25519 key pair `name`, `name.pub`, without a passphrase.
    fn keygen(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        let out = run(
            Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C"])
                .arg(format!("{name}@e2e"))
                .arg("-f")
                .arg(&path),
            "ssh-keygen",
        );
        assert!(out.status.success(), "ssh-keygen: {out:?}");
        path
    }

    /// Drop a seed article into feeds the way a downloader would: written
    /// elsewhere, then renamed in.
    fn arrive(&self, article: &str) {
        let tmp = self.path("incoming.tmp");
        fs::copy(seeds().join(article), &tmp).expect("copy");
        fs::rename(&tmp, self.feeds().join(article)).expect("rename into feeds");
    }

    /// `sitmon serve` on a free port with this fixture's feeds and log,
    /// plus `args`.
    fn serve(&self, args: &[&OsStr]) -> Server {
        let mut cmd = Command::new(BIN);
        cmd.arg("serve")
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--feeds")
            .arg(self.feeds())
            .arg("--log")
            .arg(self.log())
            .args(args)
            // No ./config: the built-in settings, whatever the checkout has.
            .current_dir(self.dir.path())
            .env("XDG_STATE_HOME", self.path("state"))
            .env_remove("SITMON_LOG");
        Server::start(cmd)
    }

    /// `serve` with the authorized keys and a host key at `host_key`.
    fn serve_keys(&self, host_key: &Path) -> Server {
        self.serve(&[
            OsStr::new("--authorized-keys"),
            self.authorized_keys().as_os_str(),
            OsStr::new("--host-key"),
            host_key.as_os_str(),
        ])
    }

    /// Run `sitmon serve ARGS` expecting it to fail at startup.
    fn serve_fails(&self, args: &[&OsStr]) -> Output {
        run(
            Command::new(BIN)
                .arg("serve")
                .args(["--listen", "127.0.0.1:0", "--log"])
                .arg(self.log())
                .arg("--feeds")
                .arg(self.feeds())
                .args(args)
                .current_dir(self.dir.path())
                .env("XDG_STATE_HOME", self.path("state")),
            "a sitmon serve that should refuse to start",
        )
    }

    fn log_text(&self) -> String {
        fs::read_to_string(self.log()).unwrap_or_default()
    }
}

/// `SHA256:...` of a key file, as OpenSSH prints it.
fn fingerprint(key: &Path) -> String {
    let out = run(
        Command::new("ssh-keygen").arg("-lf").arg(key),
        "ssh-keygen -lf",
    );
    assert!(out.status.success(), "ssh-keygen -lf: {out:?}");
    // "256 SHA256:... comment (ED25519)"
    let line = text(&out.stdout);
    line.split_whitespace()
        .nth(1)
        .filter(|f| f.starts_with("SHA256:"))
        .unwrap_or_else(|| panic!("no fingerprint in {line:?}"))
        .to_string()
}

/// A running `sitmon serve`, killed on drop if still running.
struct Server {
    child: Child,
    stderr: Arc<Mutex<Vec<String>>>,
    port: u16,
    host_key: String,
    created: bool,
}

impl Server {
    /// Start it and read the banner: the port and the host key.
    fn start(mut cmd: Command) -> Server {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sitmon serve starts");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let pipe = child.stderr.take().expect("stderr");
        let lines = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                lines.lock().unwrap().push(line);
            }
        });
        let mut server = Server {
            child,
            stderr,
            port: 0,
            host_key: String::new(),
            created: false,
        };
        let banner = poll("the banner", || {
            let text = server.stderr_text();
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("sitmon serve exited with {status} at startup:\n{text}");
            }
            if text.contains("sitmon: host key ") {
                Ok(text)
            } else {
                Err(text)
            }
        });
        // sitmon: serving the dashboard of DIR on 127.0.0.1:PORT (ssh -p PORT HOST)
        let serving = banner
            .lines()
            .find(|l| l.starts_with("sitmon: serving the dashboard of "))
            .unwrap_or_else(|| panic!("no listen line in the banner:\n{banner}"));
        let addr = serving
            .rsplit_once(" on ")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .and_then(|a| a.parse::<std::net::SocketAddr>().ok())
            .unwrap_or_else(|| panic!("no address in {serving:?}"));
        assert!(addr.ip().is_loopback(), "{serving}");
        assert_ne!(addr.port(), 0, "{serving}");
        assert!(
            serving.contains(&format!("(ssh -p {} HOST)", addr.port())),
            "{serving}"
        );
        server.port = addr.port();
        // sitmon: host key SHA256:... PATH[ (new)]
        let host = banner
            .lines()
            .find_map(|l| l.strip_prefix("sitmon: host key "))
            .expect("host key line");
        server.host_key = host.split_whitespace().next().unwrap_or("").to_string();
        assert!(server.host_key.starts_with("SHA256:"), "{host}");
        server.created = host.ends_with(" (new)");
        server
    }

    fn stderr_text(&self) -> String {
        self.stderr.lock().unwrap().join("\n")
    }

    /// SIGTERM, then the exit status (within the deadline) and how long it
    /// took.
    fn terminate(&mut self) -> (ExitStatus, Duration) {
        let t0 = Instant::now();
        let killed = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let status = wait_exit(&mut self.child, "sitmon serve after SIGTERM");
        (status, t0.elapsed())
    }

    /// The OpenSSH client's arguments to reach this server with `key`,
    /// whatever the user's ssh configuration, agent and known hosts say;
    /// `hosts`: known hosts options (`-o` values) instead of none.
    fn ssh_args(&self, key: &Path, hosts: &[&str]) -> Vec<String> {
        let mut args: Vec<String> = [
            "-F",
            "/dev/null",
            "-l",
            "e2e",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "IdentityAgent=none",
            "-o",
            "PasswordAuthentication=no",
            "-o",
            "KbdInteractiveAuthentication=no",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ConnectTimeout=10",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // ssh takes the first value given for an option: known hosts
        // options passed later would be ignored.
        if !hosts.iter().any(|o| o.starts_with("UserKnownHostsFile=")) {
            args.extend(
                [
                    "-o",
                    "StrictHostKeyChecking=no",
                    "-o",
                    "UserKnownHostsFile=/dev/null",
                ]
                .map(String::from),
            );
        }
        for o in hosts {
            args.extend(["-o".to_string(), o.to_string()]);
        }
        args.extend(["-p".to_string(), self.port.to_string()]);
        args.extend(["-i".to_string(), key.to_string_lossy().into_owned()]);
        args
    }

    /// `ssh` with `key` in batch mode, then `extra` (options, then the host
    /// and a command).
    fn ssh(&self, key: &Path, extra: &[&str]) -> Output {
        self.ssh_checking(key, &[], extra)
    }

    /// `ssh` as above, with known hosts options `hosts`.
    fn ssh_checking(&self, key: &Path, hosts: &[&str], extra: &[&str]) -> Output {
        run(
            Command::new("ssh")
                .args(self.ssh_args(key, hosts))
                .args(["-o", "BatchMode=yes"])
                .args(extra),
            "ssh",
        )
    }

    /// The interactive command line for tmux, echoing ssh's exit status.
    fn ssh_line(&self, key: &Path) -> String {
        let args: Vec<String> = self.ssh_args(key, &[]).iter().map(quote).collect();
        format!("ssh {} 127.0.0.1; echo SSH-EXIT=$?", args.join(" "))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A private tmux server, killed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// Each its own server: tests run in parallel, and one's drop kills
    /// its server.
    fn new() -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        Tmux {
            socket: format!("sitmon-e2e-ssh-{}-{n}", std::process::id()),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// A session running a shell, `w`x`h`, in `dir`.
    fn open(&self, name: &str, w: u16, h: u16, dir: &Path) {
        let (w, h) = (w.to_string(), h.to_string());
        let out = self.run(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            &w,
            "-y",
            &h,
            "-c",
            &dir.to_string_lossy(),
            "sh",
        ]);
        assert!(out.status.success(), "{out:?}");
    }

    fn screen(&self, name: &str) -> String {
        text(&self.run(&["capture-pane", "-p", "-J", "-t", name]).stdout)
    }

    fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend(keys);
        let out = self.run(&args);
        assert!(out.status.success(), "{out:?}");
    }

    /// Wait until `name`'s screen satisfies `ok`, or fail showing it.
    fn wait_for(&self, name: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        poll(&format!("{what} (tmux session {name})"), || {
            let s = self.screen(name);
            if ok(&s) {
                Ok(s)
            } else {
                Err(s)
            }
        })
    }

    fn alternate_screen_on(&self, name: &str) -> bool {
        let out = self.run(&["display-message", "-p", "-t", name, "#{alternate_on}"]);
        text(&out.stdout).trim() == "1"
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// ssh's exit status as the shell echoed it (the command line typed shows
/// `SSH-EXIT=$?`, not a number).
fn ssh_exit(screen: &str) -> Option<&str> {
    screen.match_indices("SSH-EXIT=").find_map(|(i, m)| {
        let rest = &screen[i + m.len()..];
        let n = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        (n > 0).then(|| &rest[..n])
    })
}

/// The compact layout's pane tabs, a line of their own.
fn compact(screen: &str) -> bool {
    screen.lines().any(|l| {
        l.trim_start().starts_with("1 Capitals")
            && l.contains("2 Battles")
            && l.contains("7 Articles")
    })
}

#[test]
fn two_viewers_over_openssh_in_tmux() {
    if !have(&["tmux", "ssh", "ssh-keygen"]) {
        return;
    }
    let fx = Fixture::new(&[FIRST, SECOND]);
    let mut server = fx.serve(&[
        OsStr::new("--authorized-keys"),
        fx.authorized_keys().as_os_str(),
        OsStr::new("--host-key"),
        fx.path("host_key").as_os_str(),
        OsStr::new("--max-sessions"),
        OsStr::new("2"),
    ]);
    let tmux = Tmux::new();
    // Viewer a on a large terminal (every pane on screen), b on 80x24.
    tmux.open("a", 130, 40, fx.dir.path());
    tmux.open("b", 80, 24, fx.dir.path());
    let line = server.ssh_line(&fx.key());

    tmux.keys("a", &[&line, "Enter"]);
    let a = tmux.wait_for("a", "the dashboard", |s| {
        s.contains("Fallen 3/34") && s.contains("1 watching")
    });
    assert!(tmux.alternate_screen_on("a"), "{a}");
    assert!(a.contains("┏ 1 Capitals"), "{a}");
    assert!(a.contains("6 Map"), "{a}");
    assert!(a.contains("Articles 2"), "{a}");
    assert!(!compact(&a), "130x40 is the full layout:\n{a}");

    tmux.keys("b", &[&line, "Enter"]);
    let b = tmux.wait_for("b", "the second dashboard", |s| {
        s.contains("Fallen 3/34") && s.contains("2 watching")
    });
    assert!(compact(&b), "80x24 is the compact layout:\n{b}");
    tmux.wait_for("a", "the footer to count both", |s| {
        s.contains("2 watching")
    });

    // A third is one too many (--max-sessions 2), and told so.
    let full = server.ssh(&fx.key(), &["-tt", "127.0.0.1"]);
    assert_eq!(full.status.code(), Some(1), "{full:?}");
    assert!(
        text(&full.stderr).contains("the monitor is full (2 watching)"),
        "{full:?}"
    );

    // A new article reaches both: two more capitals fall.
    fx.arrive(LATER);
    for v in ["a", "b"] {
        let s = tmux.wait_for(v, "the new state", |s| {
            s.contains("Fallen 5/34 +2") && s.contains("Articles 3 +1")
        });
        assert!(s.contains("* ● Kandahar"), "{s}");
    }

    // A correction made by b reaches a at once, signed with b's key:
    // c on the selected capital, ↓ to "held", a note, Enter.
    tmux.keys("b", &["c"]);
    tmux.wait_for("b", "the correction form", |s| {
        s.contains("Correct ") && s.contains("Note:")
    });
    for _ in 0..3 {
        tmux.keys("b", &["Down"]);
    }
    tmux.keys("b", &["-l", "seen from the air"]);
    tmux.keys("b", &["Enter"]);
    tmux.wait_for("b", "the notice", |s| s.contains("Correction of"));
    tmux.wait_for("a", "the correction", |s| {
        s.contains("✎held") && s.contains("Fallen 4/34")
    });
    tmux.wait_for("b", "the correction on b too", |s| s.contains("✎held"));
    let journal =
        fs::read_to_string(fx.feeds().join(".sitmon/corrections.jsonl")).expect("journal");
    let fp = fingerprint(&fx.key().with_extension("pub"));
    assert!(journal.contains(&format!("\"by\":\"{fp}\"")), "{journal}");
    assert!(
        journal.contains("\"via\":\"ssh\"") && journal.contains("seen from the air"),
        "{journal}"
    );
    // Esc over SSH closes and clears; it never drops the connection.
    for _ in 0..3 {
        tmux.keys("b", &["Escape"]);
        sleep(Duration::from_millis(150));
    }
    let b = tmux.screen("b");
    assert!(
        tmux.alternate_screen_on("b") && b.contains("watching"),
        "Esc left:\n{b}"
    );

    // Keys: Tab moves a's focus only.
    tmux.keys("a", &["Tab"]);
    tmux.wait_for("a", "the battles pane focused", |s| {
        s.contains("┏ 2 Battles")
    });
    let b = tmux.screen("b");
    assert!(b.contains("┏ 1 Capitals"), "b's focus moved too:\n{b}");
    // ?: the help, generated from the keymap.
    tmux.keys("a", &["?"]);
    tmux.wait_for("a", "the help", |s| {
        s.contains("Panes and display") && s.contains("Freeze the display")
    });
    // Esc closes it; a separate send so it is not read as Alt-something.
    tmux.keys("a", &["Escape"]);
    tmux.wait_for("a", "the help to close", |s| {
        !s.contains("Panes and display") && s.contains("┏ 2 Battles")
    });
    assert!(!tmux.screen("b").contains("Panes and display"));

    // The window shrinks: a's session lays out for 80x24.
    let out = tmux.run(&["resize-window", "-t", "a", "-x", "80", "-y", "24"]);
    assert!(out.status.success(), "{out:?}");
    let a = tmux.wait_for("a", "the compact layout", compact);
    assert!(
        a.contains("┏ 2 Battles"),
        "the focus survives a resize:\n{a}"
    );
    assert!(a.lines().all(|l| l.chars().count() <= 80), "{a}");

    // q: ssh ends cleanly and the terminal is given back.
    tmux.keys("a", &["q"]);
    let a = tmux.wait_for("a", "ssh to end", |s| ssh_exit(s).is_some());
    assert_eq!(ssh_exit(&a), Some("0"), "{a}");
    assert!(
        !tmux.alternate_screen_on("a"),
        "still on the alternate screen:\n{a}"
    );
    assert!(!a.contains("watching"), "dashboard left on screen:\n{a}");
    tmux.wait_for("b", "the footer to count one", |s| s.contains("1 watching"));

    // SIGTERM: b is told, its ssh ends cleanly, the server exits quickly.
    let (status, took) = server.terminate();
    // Stopped by SIGTERM: 128+15.
    assert_eq!(
        status.code(),
        Some(143),
        "{status}; stderr:\n{}",
        server.stderr_text()
    );
    assert!(took < Duration::from_secs(5), "took {took:?} to stop");
    let b = tmux.wait_for("b", "ssh to end", |s| ssh_exit(s).is_some());
    assert!(b.contains("sitmon: the server is shutting down."), "{b}");
    assert_eq!(ssh_exit(&b), Some("0"), "{b}");
    assert!(!tmux.alternate_screen_on("b"), "{b}");
    let stderr = server.stderr_text();
    assert!(
        stderr.contains("sitmon: stopping; closing 1 session(s)"),
        "{stderr}"
    );

    // The log names the viewer's key as OpenSSH prints it.
    let fp = fingerprint(&fx.key().with_extension("pub"));
    let log = fx.log_text();
    for want in [
        "connected peer=127.0.0.1:".to_string(),
        "dashboard opened peer=127.0.0.1:".to_string(),
        format!("user=e2e key={fp}"),
        format!("key={fp} ended=Quit"),
        "ended=Closed(\"server shutting down\")".to_string(),
        "monitor full; session refused".to_string(),
        "disconnected".to_string(),
        "server stopped viewers=0 connections=0".to_string(),
    ] {
        assert!(log.contains(&want), "log lacks {want:?}:\n{log}");
    }
}

#[test]
fn host_key_is_created_private_and_reused() {
    if !have(&["ssh", "ssh-keygen"]) {
        return;
    }
    let fx = Fixture::new(&[FIRST]);
    // In a folder that does not exist yet.
    let host_key = fx.path("keys/host_ed25519_key");
    let known = fx.path("known_hosts");
    // OpenSSH remembers the key under an alias, whatever the port, and
    // then insists on it.
    let strict = |server: &Server| {
        let k = known.to_string_lossy();
        server.ssh_checking(
            &fx.key(),
            &[
                &format!("UserKnownHostsFile={k}"),
                "HostKeyAlias=sitmon-e2e",
                "StrictHostKeyChecking=accept-new",
            ],
            &["127.0.0.1", "true"],
        )
    };

    let mut first = fx.serve_keys(&host_key);
    assert!(first.created, "banner:\n{}", first.stderr_text());
    let mode = fs::metadata(&host_key)
        .expect("host key written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "host key mode {mode:o}");
    let dir_mode = fs::metadata(host_key.parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(dir_mode & 0o777, 0o700, "host key folder mode {dir_mode:o}");
    // The banner's fingerprint is the file's, as OpenSSH reads it.
    assert_eq!(first.host_key, fingerprint(&host_key));
    let out = strict(&first);
    // In (the command itself is refused).
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(fs::read_to_string(&known)
        .unwrap()
        .contains("sitmon-e2e ssh-ed25519 "));
    let (status, _) = first.terminate();
    assert_eq!(status.code(), Some(143), "{status}");

    let mut second = fx.serve_keys(&host_key);
    assert!(!second.created, "banner:\n{}", second.stderr_text());
    assert_eq!(second.host_key, first.host_key);
    // OpenSSH finds the key it remembered (a changed key would be exit 255
    // and "REMOTE HOST IDENTIFICATION HAS CHANGED").
    let out = strict(&second);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        text(&out.stderr).contains("sitmon: this server only shows"),
        "{out:?}"
    );
    let (status, _) = second.terminate();
    assert_eq!(status.code(), Some(143), "{status}");
    assert_eq!(fs::read_to_string(&known).unwrap().lines().count(), 1);

    // A host key others can read is refused, as OpenSSH refuses one.
    fs::set_permissions(&host_key, fs::Permissions::from_mode(0o644)).unwrap();
    let out = fx.serve_fails(&[
        OsStr::new("--authorized-keys"),
        fx.authorized_keys().as_os_str(),
        OsStr::new("--host-key"),
        host_key.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("readable by others"), "{out:?}");
}

#[test]
fn openssh_refusals() {
    if !have(&["ssh", "ssh-keygen"]) {
        return;
    }
    let fx = Fixture::new(&[FIRST]);
    let mut server = fx.serve_keys(&fx.path("host_key"));
    let stranger = fx.keygen("stranger");

    // A key not in authorized_keys: OpenSSH's own refusal, status 255.
    let out = server.ssh(&stranger, &["127.0.0.1", "true"]);
    assert_eq!(out.status.code(), Some(255), "{out:?}");
    assert!(
        text(&out.stderr).contains("Permission denied (publickey)"),
        "{out:?}"
    );

    // A command: refused with a message, status 1.
    let out = server.ssh(&fx.key(), &["127.0.0.1", "somecommand"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        text(&out.stderr).contains("sitmon: this server only shows the dashboard"),
        "{out:?}"
    );
    assert!(out.stdout.is_empty(), "{out:?}");

    // No terminal (-T, or stdin not a terminal).
    let out = server.ssh(&fx.key(), &["-T", "127.0.0.1"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        text(&out.stderr).contains("the dashboard needs a terminal"),
        "{out:?}"
    );

    // sftp, and forwarding in either direction.
    let out = server.ssh(&fx.key(), &["-s", "127.0.0.1", "sftp"]);
    assert_eq!(out.status.code(), Some(255), "{out:?}");
    let out = server.ssh(&fx.key(), &["-W", "127.0.0.1:1", "127.0.0.1"]);
    assert_eq!(out.status.code(), Some(255), "{out:?}");
    let out = server.ssh(
        &fx.key(),
        &[
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-R",
            "0:127.0.0.1:1",
            "127.0.0.1",
        ],
    );
    assert_eq!(out.status.code(), Some(255), "{out:?}");
    assert!(
        text(&out.stderr).contains("remote port forwarding failed"),
        "{out:?}"
    );

    // authorized_keys is re-read when it changes: the stranger is let in
    // (harmless options are fine) ...
    let mut keys = fs::read_to_string(fx.authorized_keys()).unwrap();
    let stranger_pub = fs::read_to_string(stranger.with_extension("pub")).unwrap();
    keys.push_str(&format!("restrict,pty {stranger_pub}"));
    fs::write(fx.authorized_keys(), &keys).unwrap();
    let out = server.ssh(&stranger, &["127.0.0.1", "true"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // ... and a key with an option sitmon cannot honour is refused.
    let third = fx.keygen("third");
    let third_pub = fs::read_to_string(third.with_extension("pub")).unwrap();
    keys.push_str(&format!("from=\"127.0.0.1\" {third_pub}"));
    fs::write(fx.authorized_keys(), &keys).unwrap();
    let out = server.ssh(&third, &["127.0.0.1", "true"]);
    assert_eq!(out.status.code(), Some(255), "{out:?}");

    let (status, _) = server.terminate();
    assert_eq!(status.code(), Some(143), "{status}");
    let log = fx.log_text();
    let stranger_fp = fingerprint(&stranger.with_extension("pub"));
    for want in [
        "command refused".to_string(),
        "command=somecommand".to_string(),
        "shell without a terminal refused".to_string(),
        "subsystem refused".to_string(),
        "remote forwarding refused".to_string(),
        "port forwarding refused".to_string(),
        "authorized keys reloaded".to_string(),
        format!("key={stranger_fp}"),
        "key refused: sitmon cannot honour this option".to_string(),
    ] {
        assert!(log.contains(&want), "log lacks {want:?}:\n{log}");
    }
}

#[test]
fn allow_anyone_and_keyless_refusal() {
    if !have(&["ssh", "ssh-keygen"]) {
        return;
    }
    let fx = Fixture::new(&[FIRST]);
    let host_key = fx.path("host_key");

    // No keys and no --allow-anyone: nobody could connect, so no start.
    let out = fx.serve_fails(&[OsStr::new("--host-key"), host_key.as_os_str()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("no authorized keys"), "{out:?}");
    let empty = fx.path("empty_keys");
    fs::write(&empty, "# nobody yet\n").unwrap();
    let out = fx.serve_fails(&[
        OsStr::new("--authorized-keys"),
        empty.as_os_str(),
        OsStr::new("--host-key"),
        host_key.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        text(&out.stderr).contains("holds no usable public keys"),
        "{out:?}"
    );

    // --allow-anyone: a loud warning, and any key (or none) gets in.
    let mut server = fx.serve(&[
        OsStr::new("--allow-anyone"),
        OsStr::new("--host-key"),
        host_key.as_os_str(),
    ]);
    let banner = server.stderr_text();
    assert!(
        banner.contains(&format!(
            "WARNING: --allow-anyone: ANYONE who can reach port {} can watch",
            server.port
        )),
        "{banner}"
    );
    let stranger = fx.keygen("stranger");
    let out = server.ssh(&stranger, &["127.0.0.1", "true"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = server.ssh(
        &stranger,
        &["-o", "PubkeyAuthentication=no", "127.0.0.1", "true"],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        text(&out.stderr).contains("sitmon: this server only shows"),
        "{out:?}"
    );
    let (status, _) = server.terminate();
    assert_eq!(status.code(), Some(143), "{status}");
    assert!(fx
        .log_text()
        .contains("connected without a key (--allow-anyone)"));
}

/// A slowloris: 200 connections from 10 addresses that never log in. Those
/// past the per-address cap are closed at once, the rest once the login
/// grace passes; meanwhile a real OpenSSH viewer connects and sees every
/// update.
#[test]
fn a_slowloris_is_closed_after_the_grace_while_a_viewer_watches() {
    if !have(&["tmux", "ssh", "ssh-keygen"]) {
        return;
    }
    // long enough for the viewer to log in on a loaded machine (a CI run
    // beside a build took more than 4 s), short enough to wait out
    let grace = Duration::from_secs(12);
    let fx = Fixture::new(&[FIRST]);
    let server = fx.serve(&[
        OsStr::new("--authorized-keys"),
        fx.authorized_keys().as_os_str(),
        OsStr::new("--host-key"),
        fx.path("host_key").as_os_str(),
        OsStr::new("--login-grace"),
        OsStr::new("12"),
    ]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let addr: std::net::SocketAddr = ([127, 0, 0, 1], server.port).into();
    let started = Instant::now();
    let mut idle: Vec<std::net::TcpStream> = rt.block_on(async {
        let mut all = Vec::new();
        for i in 0..200u8 {
            let socket = tokio::net::TcpSocket::new_v4().expect("socket");
            let source: std::net::SocketAddr = ([127, 0, 0, 2 + i % 10], 0).into();
            socket.bind(source).expect("bind a loopback source");
            let s = socket.connect(addr).await.expect("connect");
            all.push(s.into_std().expect("std"));
        }
        all
    });
    let held_open = |s: &mut std::net::TcpStream, wait: Duration| -> bool {
        use std::io::Read;
        s.set_nonblocking(false).expect("blocking");
        s.set_read_timeout(Some(wait)).expect("timeout");
        let mut buf = [0u8; 512];
        loop {
            match s.read(&mut buf) {
                Ok(0) => return false,
                Ok(_) => continue,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return true
                }
                Err(_) => return false,
            }
        }
    };
    // Those past the cap are closed as soon as the server gets to them.
    let mut open: Vec<bool> = vec![true; idle.len()];
    let t0 = Instant::now();
    while open.iter().filter(|&&o| o).count() > 100 && t0.elapsed() < grace / 2 {
        for (s, o) in idle.iter_mut().zip(open.iter_mut()) {
            if *o {
                *o = held_open(s, Duration::from_millis(5));
            }
        }
    }
    let open_now = open.iter().filter(|&&o| o).count();
    assert_eq!(
        open_now, 100,
        "ten per address are held, the rest closed at once"
    );
    let mut idle: Vec<_> = idle
        .into_iter()
        .zip(open)
        .filter(|(_, o)| *o)
        .map(|(s, _)| s)
        .collect();

    // A viewer connects during the attack and sees an update.
    let tmux = Tmux::new();
    tmux.open("v", 130, 40, fx.dir.path());
    tmux.keys("v", &[&server.ssh_line(&fx.key()), "Enter"]);
    tmux.wait_for("v", "the dashboard", |s| {
        s.contains("1 watching") && s.contains("Articles 1")
    });
    assert!(
        started.elapsed() < grace,
        "the viewer got in before the grace ran out"
    );
    fx.arrive(SECOND);
    tmux.wait_for("v", "an update during the attack", |s| {
        s.contains("Articles 2 +1")
    });

    // Every idle connection is closed once the grace has passed.
    for s in &mut idle {
        assert!(
            !held_open(s, DEADLINE),
            "an idle connection outlived the grace"
        );
    }
    let took = started.elapsed();
    assert!(took >= grace, "closed before the grace: {took:?}");
    fx.arrive(LATER);
    tmux.wait_for("v", "an update after the attack", |s| {
        s.contains("Articles 3 +2") && s.contains("1 watching")
    });
    let log = fx.log_text();
    let expired = log
        .matches("not logged in within the login grace time")
        .count();
    assert_eq!(expired, 100, "{log}");
    assert!(log.contains("too many connections not logged in yet from this address"));
}
