//! The shared monitor over SSH, with a russh client on loopback: a server
//! on a temp feeds folder watched for real, clients whose byte streams go
//! through a vt100 parser so that tests assert on screen text.

use std::fs;
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client;
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{Channel, ChannelMsg};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch as tokio_watch;

use sitmon::config::Scenario;
use sitmon::ssh::config::clamp_size;
use sitmon::ssh::{Access, AuthorizedKeys, ServeConfig, Server};
use sitmon::ui::UiConfig;
use sitmon::watch::{self, WatchOptions};

const WAIT: Duration = Duration::from_secs(10);

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora/seeds")
        .join(name)
}

/// The first seed leaves 3 capitals fallen; the fourth brings it to 5 (the
/// seeds' gold.json).
const FIRST: &str = "000_9227474509b83045.txt";
const FOURTH: &str = "003_ba31ab3aebd0285f.txt";

struct Fixture {
    dir: TempDir,
    feeds: PathBuf,
    server: Option<Server>,
    _watcher: watch::Handle,
    key: Arc<PrivateKey>,
}

impl Fixture {
    async fn start(tune: impl FnOnce(&mut ServeConfig)) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let feeds = dir.path().join("feeds");
        fs::create_dir(&feeds).expect("feeds");
        fs::copy(seed(FIRST), feeds.join(FIRST)).expect("seed");
        let key = Arc::new(new_key());
        let keys_file = dir.path().join("authorized_keys");
        let line = key.public_key().to_openssh().expect("openssh");
        fs::write(&keys_file, format!("# the test's viewer\n{line} viewer\n")).expect("keys");
        let mut config = ServeConfig {
            listen: "127.0.0.1:0".to_string(),
            host_key: dir.path().join("host_key"),
            ..ServeConfig::default()
        };
        tune(&mut config);
        let scenario = Arc::new(Scenario::builtin());
        let watcher =
            watch::start(feeds.clone(), scenario, WatchOptions::default()).expect("watcher");
        let access = Access::Keys(AuthorizedKeys::load(&keys_file).expect("keys load"));
        let server = Server::start(
            config,
            access,
            Arc::new(UiConfig::default()),
            watcher.subscribe(),
            None,
        )
        .await
        .expect("server starts");
        Fixture {
            dir,
            feeds,
            server: Some(server),
            _watcher: watcher,
            key,
        }
    }

    fn addr(&self) -> std::net::SocketAddr {
        self.server.as_ref().expect("running").local_addr()
    }

    /// An article arrives the way feed pollers deliver: written elsewhere,
    /// renamed in.
    fn drop_article(&self, name: &str) {
        let tmp = self.dir.path().join(name);
        fs::copy(seed(name), &tmp).expect("copy");
        fs::rename(&tmp, self.feeds.join(name)).expect("rename in");
    }

    async fn viewer(&self, cols: u32, rows: u32) -> Viewer {
        let mut h = connect(self.addr(), client::Config::default()).await;
        assert!(auth(&mut h, &self.key).await, "authorized key accepted");
        Viewer::open(h, cols, rows).await
    }
}

fn new_key() -> PrivateKey {
    PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key")
}

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

async fn connect_stream(stream: TcpStream, config: client::Config) -> client::Handle<Client> {
    client::connect_stream(Arc::new(config), stream, Client)
        .await
        .expect("SSH handshake")
}

async fn connect(addr: std::net::SocketAddr, config: client::Config) -> client::Handle<Client> {
    let stream = TcpStream::connect(addr).await.expect("tcp connect");
    connect_stream(stream, config).await
}

async fn auth(h: &mut client::Handle<Client>, key: &Arc<PrivateKey>) -> bool {
    h.authenticate_publickey("viewer", PrivateKeyWithHashAlg::new(key.clone(), None))
        .await
        .expect("auth exchange")
        .success()
}

/// One dashboard client: a PTY session and a vt100 screen of what came.
struct Viewer {
    _handle: client::Handle<Client>,
    channel: Channel<client::Msg>,
    screen: vt100::Parser,
    raw: Vec<u8>,
    exit: Option<u32>,
    closed: bool,
}

impl Viewer {
    async fn open(handle: client::Handle<Client>, cols: u32, rows: u32) -> Viewer {
        let channel = handle.channel_open_session().await.expect("session");
        channel
            .request_pty(true, "xterm-256color", cols, rows, 0, 0, &[])
            .await
            .expect("pty");
        channel.request_shell(true).await.expect("shell");
        Viewer {
            _handle: handle,
            channel,
            screen: {
                let (r, c) = dims(cols, rows);
                vt100::Parser::new(r, c, 0)
            },
            raw: Vec::new(),
            exit: None,
            closed: false,
        }
    }

    fn text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Read until `done` holds for the screen, or `limit` passes.
    async fn until(&mut self, limit: Duration, done: impl Fn(&str) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if done(&self.text()) {
                return true;
            }
            if self.closed {
                return false;
            }
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Ok(Some(msg)) => self.take(msg),
                Ok(None) => self.closed = true,
                Err(_) => return false,
            }
        }
    }

    /// Bytes that arrive within `limit`.
    async fn bytes_within(&mut self, limit: Duration) -> usize {
        let before = self.raw.len();
        let _ = self.until(limit, |_| false).await;
        self.raw.len() - before
    }

    fn take(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::Data { data } => {
                self.raw.extend_from_slice(&data);
                self.screen.process(&data);
            }
            ChannelMsg::ExitStatus { exit_status } => self.exit = Some(exit_status),
            ChannelMsg::Close => self.closed = true,
            _ => {}
        }
    }

    async fn keys(&self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.expect("send");
    }

    async fn resize(&mut self, cols: u32, rows: u32) {
        self.channel
            .window_change(cols, rows, 0, 0)
            .await
            .expect("window change");
        let (r, c) = dims(cols, rows);
        self.screen.screen_mut().set_size(r, c);
    }

    async fn until_closed(&mut self) -> bool {
        let deadline = tokio::time::Instant::now() + WAIT;
        while !self.closed {
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Ok(Some(msg)) => self.take(msg),
                Ok(None) => self.closed = true,
                Err(_) => return false,
            }
        }
        true
    }
}

/// The client's screen as the server lays out for it (sizes are clamped).
fn dims(cols: u32, rows: u32) -> (NonZeroU16, NonZeroU16) {
    let (c, r) = clamp_size(cols, rows);
    let nz = |n: u16| NonZeroU16::new(n).expect("clamped above zero");
    (nz(r), nz(c))
}

/// Everything a non-dashboard channel request gets back.
async fn replies(channel: &mut Channel<client::Msg>) -> (Vec<ChannelMsg>, String) {
    let mut msgs = Vec::new();
    let mut stderr = String::new();
    while let Ok(Some(msg)) = tokio::time::timeout(WAIT, channel.wait()).await {
        if let ChannelMsg::ExtendedData { data, ext: 1 } = &msg {
            stderr.push_str(&String::from_utf8_lossy(data));
        }
        let close = matches!(msg, ChannelMsg::Close);
        msgs.push(msg);
        if close {
            break;
        }
    }
    (msgs, stderr)
}

fn exit_status(msgs: &[ChannelMsg]) -> Option<u32> {
    msgs.iter().find_map(|m| match m {
        ChannelMsg::ExitStatus { exit_status } => Some(*exit_status),
        _ => None,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_authorized_key_sees_the_dashboard_and_leaves_cleanly() {
    let f = Fixture::start(|_| {}).await;
    let mut v = f.viewer(120, 36).await;
    assert!(
        v.until(WAIT, |s| s.contains("Fallen 3/34")
            && s.contains("1 watching"))
            .await,
        "dashboard with the seed's state and the viewer count:\n{}",
        v.text()
    );
    for pane in [
        "Capitals",
        "Battles",
        "Deployments",
        "Event log",
        "Evidence",
        "Map",
    ] {
        assert!(v.text().contains(pane), "{pane} pane shown:\n{}", v.text());
    }
    // Keys work as locally: ? opens the help, Esc closes it.
    v.keys(b"?").await;
    assert!(
        v.until(WAIT, |s| s.contains("Focus the next pane")).await,
        "help:\n{}",
        v.text()
    );
    v.keys(b"\x1b").await;
    assert!(
        v.until(WAIT, |s| !s.contains("Focus the next pane")).await,
        "help closed"
    );
    v.keys(b"q").await;
    assert!(v.until_closed().await, "q ends the session");
    assert_eq!(v.exit, Some(0));
    let tail = String::from_utf8_lossy(&v.raw[v.raw.len().saturating_sub(64)..]).into_owned();
    assert!(
        tail.contains("\x1b[?1049l"),
        "alternate screen left: {tail:?}"
    );
    assert!(tail.contains("\x1b[?25h"), "cursor shown again: {tail:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_keys_passwords_and_no_auth_are_refused() {
    let f = Fixture::start(|_| {}).await;
    let mut h = connect(f.addr(), client::Config::default()).await;
    assert!(
        !auth(&mut h, &Arc::new(new_key())).await,
        "unknown key refused"
    );
    // As OpenSSH does with several keys: the next one offered may be good.
    assert!(auth(&mut h, &f.key).await, "then the right key works");
    let mut h = connect(f.addr(), client::Config::default()).await;
    let pw = h
        .authenticate_password("viewer", "hunter2")
        .await
        .expect("exchange");
    assert!(!pw.success(), "password refused");
    let none = h.authenticate_none("viewer").await.expect("exchange");
    assert!(!none.success(), "no auth refused");
    assert!(
        h.channel_open_session().await.is_err(),
        "no session before authentication"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_subsystems_forwarding_and_ptyless_shells_are_refused() {
    let f = Fixture::start(|_| {}).await;
    let mut h = connect(f.addr(), client::Config::default()).await;
    assert!(auth(&mut h, &f.key).await);

    let mut exec = h.channel_open_session().await.expect("session");
    exec.exec(true, "cat /etc/passwd")
        .await
        .expect("request sent");
    let (msgs, stderr) = replies(&mut exec).await;
    assert!(stderr.contains("commands are not run"), "{stderr:?}");
    assert_eq!(exit_status(&msgs), Some(1));
    assert!(
        !msgs.iter().any(|m| matches!(m, ChannelMsg::Data { .. })),
        "nothing on stdout: {msgs:?}"
    );

    let mut shell = h.channel_open_session().await.expect("session");
    shell.request_shell(true).await.expect("request sent");
    let (msgs, stderr) = replies(&mut shell).await;
    assert!(stderr.contains("needs a terminal"), "{stderr:?}");
    assert_eq!(exit_status(&msgs), Some(1));

    let mut sftp = h.channel_open_session().await.expect("session");
    sftp.request_subsystem(true, "sftp")
        .await
        .expect("request sent");
    let (msgs, _) = replies(&mut sftp).await;
    assert!(
        msgs.iter().any(|m| matches!(m, ChannelMsg::Failure)),
        "{msgs:?}"
    );

    assert!(
        h.channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
            .await
            .is_err(),
        "local forwarding refused"
    );
    assert!(
        h.tcpip_forward("127.0.0.1", 0).await.is_err(),
        "remote forwarding refused"
    );
    let agent = h.channel_open_session().await.expect("session");
    agent.agent_forward(true).await.expect("request sent");
    // The connection is still good for the dashboard after all that.
    let mut v = Viewer::open(h, 100, 30).await;
    assert!(
        v.until(WAIT, |s| s.contains("Fallen 3/34")).await,
        "{}",
        v.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_sessions_both_show_a_dropped_article() {
    let f = Fixture::start(|_| {}).await;
    let mut a = f.viewer(120, 36).await;
    let mut b = f.viewer(100, 30).await;
    for v in [&mut a, &mut b] {
        assert!(
            v.until(WAIT, |s| s.contains("Fallen 3/34")
                && s.contains("2 watching"))
                .await,
            "{}",
            v.text()
        );
    }
    // Each has their own view: a moves focus, b does not see it.
    a.keys(b"4").await;
    assert!(
        a.until(WAIT, |s| s.contains("┏ 4 Event log")).await,
        "{}",
        a.text()
    );
    f.drop_article(FOURTH);
    for v in [&mut a, &mut b] {
        assert!(
            v.until(WAIT, |s| s.contains("Fallen 5/34")).await,
            "the new article reaches every session:\n{}",
            v.text()
        );
    }
    assert!(!b.text().contains("┏ 4 Event log"), "b kept its own focus");
    drop(b);
    assert!(
        a.until(WAIT, |s| s.contains("1 watching")).await,
        "{}",
        a.text()
    );
}

/// Viewers in one state share their frames and the bytes that go from one
/// to the next (`ui::frames`): what those bytes leave on a screen is what
/// a whole redraw shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_frames_leave_the_screen_a_whole_redraw_shows() {
    let f = Fixture::start(|_| {}).await;
    let mut vs = Vec::new();
    for _ in 0..4 {
        vs.push(f.viewer(120, 36).await);
    }
    for v in vs.iter_mut() {
        assert!(
            v.until(WAIT, |s| s.contains("Fallen 3/34")
                && s.contains("4 watching"))
                .await,
            "{}",
            v.text()
        );
        v.bytes_within(Duration::from_millis(200)).await;
    }
    f.drop_article(FOURTH);
    for v in vs.iter_mut() {
        assert!(
            v.until(WAIT, |s| s.contains("Fallen 5/34")).await,
            "{}",
            v.text()
        );
        v.bytes_within(Duration::from_millis(200)).await;
    }
    // Every cell's text and attributes (not how they were written).
    let formatted = |v: &Viewer| {
        let screen = v.screen.screen();
        let (rows, cols) = screen.size();
        let mut out = Vec::new();
        for r in 0..rows.get() {
            for c in 0..cols.get() {
                out.push(screen.cell(r, c).map(|x| {
                    let text = match x.contents() {
                        "" => " ".to_string(),
                        t => t.to_string(),
                    };
                    let attrs = (x.bold(), x.italic(), x.underline(), x.inverse());
                    (text, format!("{:?} {:?}", x.fgcolor(), x.bgcolor()), attrs)
                }));
            }
        }
        out
    };
    let a = &vs[0];
    for v in &vs[1..] {
        assert_eq!(formatted(a), formatted(v), "one state, one screen");
    }
    // The last is drawn whole (a resize clears the screen); the others
    // were sent changes, most of them bytes encoded once for all.
    let mut b = vs.pop().expect("four viewers");
    b.resize(100, 30).await;
    assert!(b.until(WAIT, |s| s.lines().count() <= 30).await);
    b.bytes_within(Duration::from_millis(200)).await;
    b.resize(120, 36).await;
    assert!(
        b.until(WAIT, |s| s.contains("Fallen 5/34")).await,
        "{}",
        b.text()
    );
    b.bytes_within(Duration::from_millis(200)).await;
    for v in &vs {
        assert_eq!(
            formatted(v),
            formatted(&b),
            "changes sent leave what a whole redraw draws"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resize_relays_out_only_that_session() {
    let f = Fixture::start(|_| {}).await;
    let mut a = f.viewer(160, 48).await;
    let mut b = f.viewer(160, 48).await;
    for v in [&mut a, &mut b] {
        assert!(
            v.until(WAIT, |s| s.contains("2 watching")).await,
            "{}",
            v.text()
        );
        // Let the joining viewer's count update settle.
        v.bytes_within(Duration::from_millis(200)).await;
    }
    a.resize(80, 24).await;
    // The compact layout: a tab strip instead of every pane.
    assert!(
        a.until(WAIT, |s| s.contains("1 Capitals   2 Battles"))
            .await,
        "a relaid out:\n{}",
        a.text()
    );
    assert!(a.text().lines().count() <= 24);
    assert_eq!(
        b.bytes_within(Duration::from_millis(400)).await,
        0,
        "b got no frame"
    );
    assert!(!b.text().contains("1 Capitals   2 Battles"));
    // Sizes a client may claim are clamped, never a crash.
    a.resize(0, 0).await;
    a.resize(65535, 65535).await;
    a.resize(100, 30).await;
    assert!(
        a.until(WAIT, |s| s.contains("Capitals") && s.contains("Map"))
            .await,
        "{}",
        a.text()
    );
}

/// A TCP relay whose server-to-client direction can be paused: the client
/// stops reading, as a frozen laptop or a saturated link would.
async fn pausable_relay(
    server: std::net::SocketAddr,
) -> (std::net::SocketAddr, tokio_watch::Sender<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (pause, paused) = tokio_watch::channel(false);
    tokio::spawn(async move {
        let Ok((client, _)) = listener.accept().await else {
            return;
        };
        let Ok(upstream) = TcpStream::connect(server).await else {
            return;
        };
        let (mut cr, mut cw) = client.into_split();
        let (mut ur, mut uw) = upstream.into_split();
        tokio::spawn(async move {
            let _ = tokio::io::copy(&mut cr, &mut uw).await;
        });
        let mut paused = paused;
        let mut buf = vec![0u8; 4096];
        loop {
            if paused.wait_for(|p| !*p).await.is_err() {
                return;
            }
            match ur.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    if cw.write_all(&buf[..n]).await.is_err() {
                        return;
                    }
                }
            }
        }
    });
    (addr, pause)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_delays_no_one() {
    let f = Fixture::start(|_| {}).await;
    let (relay, pause) = pausable_relay(f.addr()).await;
    // A small SSH window: once it is used up the server must wait for this
    // client before sending it anything more.
    let small = client::Config {
        window_size: 16 * 1024,
        ..client::Config::default()
    };
    let mut h = connect(relay, small).await;
    assert!(auth(&mut h, &f.key).await);
    let mut stalled = Viewer::open(h, 160, 48).await;
    let mut other = f.viewer(120, 36).await;
    assert!(stalled.until(WAIT, |s| s.contains("2 watching")).await);
    assert!(other.until(WAIT, |s| s.contains("2 watching")).await);

    pause.send(true).expect("relay running");
    // The stalled viewer keeps asking for frames (pane changes redraw
    // much of the screen) until its window is spent.
    for _ in 0..6 {
        for k in [b"\t", b"z", b"z"] {
            stalled.keys(k).await;
        }
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    let dropped = Instant::now();
    f.drop_article(FOURTH);
    assert!(
        other.until(WAIT, |s| s.contains("Fallen 5/34")).await,
        "the reading viewer is updated:\n{}",
        other.text()
    );
    let took = dropped.elapsed();
    assert!(
        took < Duration::from_secs(2),
        "the reading viewer waited {took:?} for the stalled one"
    );
    assert!(
        !stalled.text().contains("Fallen 5/34"),
        "nothing reached the stalled viewer"
    );

    // Reading again, it catches up to the latest state.
    pause.send(false).expect("relay running");
    assert!(
        stalled.until(WAIT, |s| s.contains("Fallen 5/34")).await,
        "the stalled viewer catches up:\n{}",
        stalled.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_monitor_says_so() {
    let f = Fixture::start(|c| c.max_sessions = 1).await;
    let mut first = f.viewer(100, 30).await;
    assert!(first.until(WAIT, |s| s.contains("1 watching")).await);
    let mut h = connect(f.addr(), client::Config::default()).await;
    assert!(auth(&mut h, &f.key).await);
    let mut ch = h.channel_open_session().await.expect("session");
    ch.request_pty(true, "xterm", 80, 24, 0, 0, &[])
        .await
        .expect("pty");
    ch.request_shell(true).await.expect("sent");
    let (msgs, stderr) = replies(&mut ch).await;
    assert!(
        stderr.contains("the monitor is full (1 watching)"),
        "{stderr:?}"
    );
    assert_eq!(exit_status(&msgs), Some(1));
    // The first viewer is untouched and the place frees when it leaves.
    first.keys(b"q").await;
    assert!(first.until_closed().await);
    let mut second = f.viewer(100, 30).await;
    assert!(
        second.until(WAIT, |s| s.contains("1 watching")).await,
        "{}",
        second.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_gives_every_terminal_back() {
    let mut f = Fixture::start(|_| {}).await;
    let mut v = f.viewer(100, 30).await;
    assert!(v.until(WAIT, |s| s.contains("1 watching")).await);
    let server = f.server.take().expect("running");
    server.shutdown(Duration::from_secs(3)).await;
    assert!(v.until_closed().await, "session closed");
    let tail = String::from_utf8_lossy(&v.raw[v.raw.len().saturating_sub(128)..]).into_owned();
    assert!(
        tail.contains("\x1b[?1049l"),
        "alternate screen left: {tail:?}"
    );
    assert!(tail.contains("shutting down"), "told why: {tail:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_timeout_closes_only_quiet_sessions() {
    let f = Fixture::start(|c| c.idle_timeout = Some(Duration::from_millis(1500))).await;
    let mut quiet = f.viewer(100, 30).await;
    let mut busy = f.viewer(100, 30).await;
    assert!(busy.until(WAIT, |s| s.contains("2 watching")).await);
    // The busy viewer presses a key every half second; the quiet one not.
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(2500) {
        busy.keys(b"j").await;
        busy.bytes_within(Duration::from_millis(500)).await;
    }
    assert!(quiet.until_closed().await, "the quiet session was closed");
    let tail =
        String::from_utf8_lossy(&quiet.raw[quiet.raw.len().saturating_sub(160)..]).into_owned();
    assert!(tail.contains("without input"), "told why: {tail:?}");
    assert!(!busy.closed, "the busy session stays");
    assert!(
        busy.until(WAIT, |s| s.contains("1 watching")).await,
        "{}",
        busy.text()
    );
}

/// The authorized keys file rewritten with a malformed line and without
/// the viewer's key, then deleted: the open session is told and closed each
/// time, new logins follow the file, and a missing file lets nobody in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_keys_are_closed_and_a_missing_file_fails_closed() {
    let f = Fixture::start(|_| {}).await;
    let keys_file = f.dir.path().join("authorized_keys");
    let viewer_line = f.key.public_key().to_openssh().expect("openssh");
    let other = new_key().public_key().to_openssh().expect("openssh");

    let mut v = f.viewer(100, 30).await;
    assert!(
        v.until(WAIT, |s| s.contains("1 watching")).await,
        "{}",
        v.text()
    );
    // Rewritten: a malformed line, and another viewer's key only.
    fs::write(
        &keys_file,
        format!("ssh-ed25519 AAAA-not-base64 broken\n{other} other\n"),
    )
    .expect("rewrite");
    assert!(
        v.until_closed().await,
        "the revoked key's session is closed"
    );
    let tail = String::from_utf8_lossy(&v.raw[v.raw.len().saturating_sub(200)..]).into_owned();
    assert!(tail.contains("no longer authorized"), "told why: {tail:?}");
    let mut h = connect(f.addr(), client::Config::default()).await;
    assert!(!auth(&mut h, &f.key).await, "a removed key cannot log in");

    // Back, with the malformed line still there: the valid lines apply.
    fs::write(
        &keys_file,
        format!("ssh-ed25519 AAAA-not-base64 broken\n{viewer_line} viewer\n"),
    )
    .expect("restore");
    let mut v = f.viewer(100, 30).await;
    assert!(
        v.until(WAIT, |s| s.contains("1 watching")).await,
        "{}",
        v.text()
    );

    // Deleted: nobody is authorized, and the open session goes.
    fs::remove_file(&keys_file).expect("delete");
    assert!(v.until_closed().await, "closed when the file is deleted");
    let mut h = connect(f.addr(), client::Config::default()).await;
    assert!(!auth(&mut h, &f.key).await, "no file, no login");
}

/// Connections that never log in: each is closed once the login grace time
/// passes, wherever it stopped (before its banner, after it), and more than
/// the per-address cap are closed at once; a viewer gets in meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_that_do_not_log_in_are_capped_and_closed_after_the_grace() {
    let grace = Duration::from_secs(2);
    let f = Fixture::start(|c| {
        c.login_grace = grace;
        c.unauthenticated_per_address = 4;
        c.connections_per_minute = 0;
    })
    .await;
    let started = Instant::now();
    let mut idle = Vec::new();
    for i in 0..6 {
        let mut s = TcpStream::connect(f.addr()).await.expect("connect");
        if i % 2 == 1 {
            // Says hello, then nothing.
            s.write_all(b"SSH-2.0-OpenSSH_9.6\r\n")
                .await
                .expect("banner");
        }
        idle.push(s);
    }
    // Two over the cap of four from this address: closed without a banner.
    let mut over = 0;
    for s in &mut idle {
        let mut buf = [0u8; 256];
        let mut got = Vec::new();
        loop {
            match tokio::time::timeout(Duration::from_millis(300), s.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => {
                    if got.is_empty() {
                        over += 1;
                    }
                    break;
                }
                Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
                Err(_) => break,
            }
        }
    }
    assert_eq!(over, 2, "the two past the per-address cap");
    // A viewer from another address logs in while they wait.
    let stream = tokio::net::TcpSocket::new_v4().expect("socket");
    stream
        .bind("127.0.0.2:0".parse().unwrap())
        .expect("bind 127.0.0.2");
    let stream = stream.connect(f.addr()).await.expect("connect");
    let mut h = connect_stream(stream, client::Config::default()).await;
    assert!(auth(&mut h, &f.key).await);
    let mut v = Viewer::open(h, 100, 30).await;
    assert!(
        v.until(WAIT, |s| s.contains("1 watching")).await,
        "{}",
        v.text()
    );
    // Every idle one is closed once the grace has passed, not before.
    for s in &mut idle {
        let mut buf = [0u8; 256];
        loop {
            match tokio::time::timeout(WAIT, s.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => break,
                Ok(Ok(_)) => {}
                Err(_) => panic!("an idle connection is still open after {WAIT:?}"),
            }
        }
    }
    let took = started.elapsed();
    assert!(took >= grace && took < grace + WAIT, "{took:?}");
    assert!(!v.closed, "the viewer stays");
}

/// A user name and a command with newlines and escape sequences are logged
/// escaped: no forged lines, no escapes for whoever reads the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_strings_are_escaped_in_the_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("sitmon.log");
    sitmon::logging::init_logging(Some(&log)).expect("log");
    let f = Fixture::start(|_| {}).await;
    let forged = "eve\n2026-12-02T00:00:00.000000Z  INFO sitmon::ssh::handler: connected user=admin\x1b]0;pwned\x07";
    let mut h = connect(f.addr(), client::Config::default()).await;
    let refused = h
        .authenticate_publickey(
            forged,
            PrivateKeyWithHashAlg::new(Arc::new(new_key()), None),
        )
        .await
        .expect("auth exchange");
    assert!(!refused.success());
    let mut h = connect(f.addr(), client::Config::default()).await;
    assert!(auth(&mut h, &f.key).await);
    let channel = h.channel_open_session().await.expect("session");
    channel
        .exec(true, "ls\n\x1b[2J fake line")
        .await
        .expect("exec");
    let mut channel = channel;
    let _ = replies(&mut channel).await;
    let text = (0..50)
        .find_map(|_| {
            let t = fs::read_to_string(&log).unwrap_or_default();
            if t.contains("command refused") && t.contains("key refused") {
                Some(t)
            } else {
                std::thread::sleep(Duration::from_millis(100));
                None
            }
        })
        .expect("both lines logged");
    assert!(!text.contains('\x1b'), "no escape sequences in the log");
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("2026-12-02T00:00:00.000000Z")),
        "no forged line"
    );
    assert!(text.contains("eve\\u{a}2026"), "{text}");
}
