//! The shared monitor under load: 100 SSH sessions on the real
//! `sitmon serve`, one article dropped at a time, timed from the rename
//! into feeds/ until each session's screen shows the new count. Also the
//! server's memory per session (its RSS with the sessions open, less its
//! RSS before, over the number of sessions).
//!
//! The clients (russh + a vt100 screen each) run in this process, on the
//! same machine, so their CPU competes with the server's: the figures are
//! an upper bound for a real deployment.
//!
//! With `SITMON_SSH_ARTICLES=N` the feeds folder first holds N distinct
//! articles (the corpora's texts, copied; the target is p99 <= 100 ms with
//! 100,000), and the drop is an article taking a capital that they leave
//! held (or retaking one they leave fallen).
//!
//! Run: `cargo bench --bench ssh`.

use std::fs;
use std::io::{BufRead, BufReader};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

mod common;

use russh::client;
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::ChannelMsg;
use tokio::sync::{mpsc, watch};

const SESSIONS: usize = 100;
const ROUNDS: usize = 10;
const COLS: u16 = 120;
const ROWS: u16 = 36;
const TIMEOUT: Duration = Duration::from_secs(20);

/// The first seed leaves 3 capitals fallen, with the fourth 5 (gold.json).
const FIRST: &str = "000_9227474509b83045.txt";
const FOURTH: &str = "003_ba31ab3aebd0285f.txt";

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// User plus system CPU time of `pid` so far.
fn cpu(pid: u32) -> Duration {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    // Clock ticks are 100 per second on Linux.
    Duration::from_millis(ticks * 10)
}

fn rss_kib(pid: u32) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// One session: reports, for each expected text in turn, when its screen
/// first showed it.
async fn session(
    addr: std::net::SocketAddr,
    key: Arc<PrivateKey>,
    mut expect: watch::Receiver<Option<String>>,
    ready: mpsc::Sender<()>,
    seen: mpsc::UnboundedSender<Instant>,
    logins: Arc<tokio::sync::Semaphore>,
) {
    // The server lets one address have a few connections waiting to log
    // in at once (`unauthenticated_per_address`): log in a few at a time.
    let login = logins.acquire_owned().await.expect("semaphore");
    let config = Arc::new(client::Config::default());
    let mut h = client::connect(config, addr, Client)
        .await
        .expect("connect");
    let ok = h
        .authenticate_publickey("bench", PrivateKeyWithHashAlg::new(key, None))
        .await
        .expect("auth");
    assert!(ok.success(), "key accepted");
    drop(login);
    let mut ch = h.channel_open_session().await.expect("session");
    ch.request_pty(false, "xterm-256color", COLS.into(), ROWS.into(), 0, 0, &[])
        .await
        .expect("pty");
    ch.request_shell(false).await.expect("shell");
    let nz = |n| NonZeroU16::new(n).expect("non-zero");
    let mut screen = vt100::Parser::new(nz(ROWS), nz(COLS), 0);
    let mut announced = false;
    let mut target: Option<String> = None;
    loop {
        tokio::select! {
            msg = ch.wait() => match msg {
                Some(ChannelMsg::Data { data }) => {
                    screen.process(&data);
                    let text = screen.screen().contents();
                    if !announced && text.contains(&format!("{SESSIONS} watching")) {
                        announced = true;
                        let _ = ready.send(()).await;
                    }
                    if let Some(t) = &target {
                        if text.contains(t.as_str()) {
                            let _ = seen.send(Instant::now());
                            target = None;
                        }
                    }
                }
                Some(_) => {}
                None => return,
            },
            changed = expect.changed() => {
                if changed.is_err() {
                    return;
                }
                target = expect.borrow_and_update().clone();
            }
        }
    }
}

fn pct(sorted: &[Duration], q: f64) -> f64 {
    let i = ((sorted.len() as f64 * q).ceil() as usize).saturating_sub(1);
    sorted[i].as_secs_f64() * 1e3
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run());
}

/// What a drop adds and what the header then says, with and without it.
struct Dropped {
    name: String,
    text: Vec<u8>,
    with: String,
    without: String,
}

/// A drop that changes the fallen count of the state `feeds` holds now.
fn drop_for(feeds: &Path) -> Dropped {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sitmon"))
        .args(["snapshot", "--compact", "--feeds"])
        .arg(feeds)
        .stderr(Stdio::null())
        .output()
        .expect("sitmon snapshot runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("snapshot JSON");
    let fallen = v["counts"]["fallen"].as_u64().unwrap_or(0);
    let total = v["counts"]["total"].as_u64().unwrap_or(0);
    let caps = v["capitals"].as_array().cloned().unwrap_or_default();
    let name = |c: &serde_json::Value| c["name"].as_str().unwrap_or("").to_string();
    let (text, with) = match caps.iter().find(|c| c["status"] == "held") {
        Some(c) => (
            format!(
                "Taliban advance\n\nAfghan officials said the Taliban captured {} on Friday.\n",
                name(c)
            ),
            fallen + 1,
        ),
        None => {
            let c = caps
                .iter()
                .find(|c| c["certainty"] == "confirmed")
                .expect("a capital held or fallen");
            (
                format!("Government counter-offensive\n\nAfghan security forces recaptured {} from the Taliban on Saturday, officials said.\n", name(c)),
                fallen - 1,
            )
        }
    };
    Dropped {
        name: "zz_drop.txt".to_string(),
        text: text.into_bytes(),
        with: format!("Fallen {with}/{total}"),
        without: format!("Fallen {fallen}/{total}"),
    }
}

async fn run() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/seeds");
    let dir = tempfile::tempdir().expect("temp dir");
    let feeds = dir.path().join("feeds");
    fs::create_dir(&feeds).expect("feeds");
    let background: usize = std::env::var("SITMON_SSH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let dropped = if background > 0 {
        common::generate(&feeds, background);
        drop_for(&feeds)
    } else {
        fs::copy(seeds.join(FIRST), feeds.join(FIRST)).expect("seed");
        Dropped {
            name: FOURTH.to_string(),
            text: fs::read(seeds.join(FOURTH)).expect("seed"),
            with: "Fallen 5/34".to_string(),
            without: "Fallen 3/34".to_string(),
        }
    };
    let key = Arc::new(PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key"));
    let keys = dir.path().join("authorized_keys");
    fs::write(&keys, key.public_key().to_openssh().expect("openssh")).expect("keys");

    let mut child = Command::new(env!("CARGO_BIN_EXE_sitmon"))
        .arg("serve")
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--authorized-keys")
        .arg(&keys)
        .arg("--host-key")
        .arg(dir.path().join("host_key"))
        .arg("--feeds")
        .arg(&feeds)
        .arg("--max-sessions")
        .arg(SESSIONS.to_string())
        .arg("--connections-per-minute")
        .arg((SESSIONS * 2).to_string())
        .arg("--log")
        .arg(dir.path().join("log"))
        .env("SITMON_LOG", "warn")
        .stderr(Stdio::piped())
        .spawn()
        .expect("sitmon serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let pid = child.id();
    let server = Server(child);
    // "sitmon: serving the dashboard of DIR on ADDR (ssh -p ...)"
    let addr: std::net::SocketAddr = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| {
            let rest = l.split(" on ").nth(1)?;
            rest.split_whitespace().next()?.parse().ok()
        })
        .expect("banner with the address");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let idle_rss = rss_kib(pid);

    let (expect_tx, expect_rx) = watch::channel(None::<String>);
    let (ready_tx, mut ready_rx) = mpsc::channel(SESSIONS);
    let (seen_tx, mut seen_rx) = mpsc::unbounded_channel();
    let started = Instant::now();
    let logins = Arc::new(tokio::sync::Semaphore::new(5));
    for _ in 0..SESSIONS {
        tokio::spawn(session(
            addr,
            key.clone(),
            expect_rx.clone(),
            ready_tx.clone(),
            seen_tx.clone(),
            logins.clone(),
        ));
    }
    for _ in 0..SESSIONS {
        tokio::time::timeout(TIMEOUT, ready_rx.recv())
            .await
            .expect("every session sees the dashboard");
    }
    let connect_all = started.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let busy_rss = rss_kib(pid);

    let mut latencies = Vec::new();
    let mut last = Vec::new();
    let cpu_before = cpu(pid);
    for round in 0..ROUNDS {
        // Add the drop (one more fallen, say), then take it away.
        let adding = round % 2 == 0;
        let want = if adding {
            &dropped.with
        } else {
            &dropped.without
        };
        expect_tx.send_replace(Some(want.clone()));
        tokio::time::sleep(Duration::from_millis(100)).await;
        let t0 = Instant::now();
        if adding {
            let tmp = dir.path().join(&dropped.name);
            fs::write(&tmp, &dropped.text).expect("write");
            fs::rename(&tmp, feeds.join(&dropped.name)).expect("rename in");
        } else {
            fs::remove_file(feeds.join(&dropped.name)).expect("remove");
        }
        let mut times = Vec::with_capacity(SESSIONS);
        for _ in 0..SESSIONS {
            let t = tokio::time::timeout(TIMEOUT, seen_rx.recv())
                .await
                .expect("every session is updated")
                .expect("sessions running");
            times.push(t.duration_since(t0));
        }
        times.sort();
        last.push(times[times.len() - 1]);
        latencies.extend(times);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // Less the 400 ms of pauses per round, when the server is idle.
    let server_cpu = cpu(pid).saturating_sub(cpu_before);
    latencies.sort();
    last.sort();
    let per_session = busy_rss.saturating_sub(idle_rss) as f64 / SESSIONS as f64;
    println!(
        "{SESSIONS} SSH sessions at {COLS}x{ROWS}, {ROUNDS} drops (add / remove an article), \
         {background} articles already in the folder; load average {}",
        common::load()
    );
    println!(
        "  all {SESSIONS} connected and drawn in {:.0} ms",
        connect_all.as_secs_f64() * 1e3
    );
    println!(
        "  drop -> a session shows it:      p50 {:6.1} ms  p99 {:6.1} ms  max {:6.1} ms  (n={})",
        pct(&latencies, 0.5),
        pct(&latencies, 0.99),
        pct(&latencies, 1.0),
        latencies.len()
    );
    println!(
        "  drop -> every session shows it:  p50 {:6.1} ms  max {:6.1} ms  (per drop, n={ROUNDS})",
        pct(&last, 0.5),
        pct(&last, 1.0)
    );
    println!(
        "  server CPU per drop (all {SESSIONS} frames): {:.1} ms",
        server_cpu.as_secs_f64() * 1e3 / ROUNDS as f64
    );
    println!(
        "  server RSS {:.1} MiB idle, {:.1} MiB with {SESSIONS} sessions: {:.0} KiB per session",
        idle_rss as f64 / 1024.0,
        busy_rss as f64 / 1024.0,
        per_session
    );
    drop(server);
}
