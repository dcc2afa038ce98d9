//! `sitmon follow`: the live pipeline without a screen, one line per change
//! of the state, for scripts and alerting.
//!
//! Changes are found by diffing the event log of each published state
//! against the previous one (see `sitmon::watch::event_diff`): new events
//! are printed, events that an edit or a delete took back are printed
//! again with `"retracted": true`, and events whose evidence is now in
//! another file (a rename, or a copy that counts once the first is gone)
//! with `"moved_from": OLD_FILE`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use chrono::{SecondsFormat, Utc};
use serde::Serialize;

use sitmon::live::Live;
use sitmon::snapshot::EvidenceView;
use sitmon::watch::{self, event_diff, Diff};

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub watched: super::Watched,

    /// One JSON object per line: time (RFC 3339), seq, kind, subject,
    /// before, after, evidence; "retracted": true when an edit or a delete
    /// took the change back.
    #[arg(long)]
    pub jsonl: bool,

    /// Also print the changes found in the folder at startup.
    #[arg(long)]
    pub from_start: bool,

    /// Log file [default: $XDG_STATE_HOME/sitmon/sitmon.log, else
    /// ~/.local/state/sitmon/sitmon.log].
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
}

/// `default_feeds` is the top-level `--feeds`.
pub fn run(
    args: Args,
    default_feeds: &Path,
    config: Option<&Path>,
) -> anyhow::Result<super::Stopped> {
    if let Err(e) = sitmon::logging::init_logging(args.log.as_deref()) {
        // Logs are not worth refusing to run for.
        let _ = writeln!(std::io::stderr(), "warning: cannot open the log file: {e}");
    }
    let scenario = Arc::new(super::scenario(config)?);
    let (feeds, opts) = args.watched.resolve(default_feeds);
    let handle = watch::start(feeds, scenario, opts)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let result = runtime.block_on(follow(&handle, &args));
    tracing::info!("follow stopped");
    result
}

async fn follow(handle: &watch::Handle, args: &Args) -> anyhow::Result<super::Stopped> {
    let mut out = Printer {
        jsonl: args.jsonl,
        out: std::io::stdout(),
    };
    // From the initial scan, so a change published before we subscribed
    // is still printed (as the first difference below).
    let mut prev: Arc<Live> = handle.initial();
    warn_new(&[], &prev.warnings);
    if args.from_start {
        out.changes(&event_diff(&[], &prev.events))?;
    }
    let mut rx = handle.subscribe();
    rx.mark_changed();
    let stop = stop_signal();
    tokio::pin!(stop);
    let closed = stdout_closed();
    tokio::pin!(closed);
    loop {
        tokio::select! {
            changed = rx.changed() => {
                if changed.is_err() {
                    // The watcher thread is gone.
                    anyhow::bail!("the watcher stopped");
                }
                let live = rx.borrow_and_update().clone();
                out.changes(&event_diff(&prev.events, &live.events))?;
                warn_new(&prev.warnings, &live.warnings);
                prev = live;
            }
            stopped = &mut stop => return stopped.map(Some),
            _ = &mut closed => break,
        }
    }
    Ok(None)
}

/// Resolves on Ctrl-C, SIGTERM or SIGHUP, with the signal's number.
async fn stop_signal() -> anyhow::Result<i32> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut int = signal(SignalKind::interrupt()).context("cannot handle Ctrl-C")?;
    let mut term = signal(SignalKind::terminate()).context("cannot handle SIGTERM")?;
    let mut hangup = signal(SignalKind::hangup()).context("cannot handle SIGHUP")?;
    Ok(tokio::select! {
        _ = int.recv() => libc::SIGINT,
        _ = term.recv() => libc::SIGTERM,
        _ = hangup.recv() => libc::SIGHUP,
    })
}

/// Resolves when stdout is a pipe whose reader has gone, so an idle
/// `follow | consumer` exits with its consumer instead of at its next
/// line. Never resolves for a file or a terminal.
#[cfg(unix)]
async fn stdout_closed() {
    use std::os::fd::AsFd;
    use tokio::io::unix::AsyncFd;
    use tokio::io::Interest;
    if let Ok(owned) = std::io::stdout().as_fd().try_clone_to_owned() {
        // SAFETY: `owned` is our own duplicate of stdout, open until the
        // AsyncFd that owns it is dropped. Registration fails for regular
        // files (epoll refuses them); a terminal never reports an error.
        let registered = unsafe { AsyncFd::register_with_interest(owned, Interest::ERROR) };
        if let Ok(fd) = registered {
            if fd.ready(Interest::ERROR).await.is_ok() {
                return;
            }
        }
    }
    std::future::pending::<()>().await
}

#[cfg(not(unix))]
async fn stdout_closed() {
    std::future::pending::<()>().await
}

/// Warnings not already shown, on stderr like `snapshot`'s.
fn warn_new(old: &[String], new: &[String]) {
    let mut err = std::io::stderr().lock();
    for w in new.iter().filter(|w| !old.contains(w)) {
        let _ = writeln!(err, "warning: {w}");
    }
}

#[derive(Serialize)]
struct Line<'a> {
    time: &'a str,
    seq: usize,
    kind: &'a str,
    subject: &'a str,
    before: &'a str,
    after: &'a str,
    evidence: &'a EvidenceView,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    retracted: bool,
    /// The file that showed it before, when the evidence moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    moved_from: Option<&'a str>,
}

struct Printer {
    jsonl: bool,
    out: std::io::Stdout,
}

impl Printer {
    /// Retractions first: an edit takes back the old reading, then gives
    /// the new one; then evidence that moved to another file.
    fn changes(&mut self, diff: &Diff<'_>) -> anyhow::Result<()> {
        if diff.added.is_empty() && diff.retracted.is_empty() && diff.moved.is_empty() {
            return Ok(());
        }
        let time = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        let mut out = self.out.lock();
        let lines = diff
            .retracted
            .iter()
            .map(|e| (*e, true, None))
            .chain(diff.added.iter().map(|e| (*e, false, None)))
            .chain(
                diff.moved
                    .iter()
                    .map(|(was, e)| (*e, false, Some(&*was.evidence.file))),
            );
        for (e, retracted, moved_from) in lines {
            if self.jsonl {
                let line = Line {
                    time: &time,
                    seq: e.seq,
                    kind: e.kind,
                    subject: &e.subject,
                    before: &e.before,
                    after: &e.after,
                    evidence: &e.evidence,
                    retracted,
                    moved_from,
                };
                serde_json::to_writer(&mut out, &line)?;
                out.write_all(b"\n")?;
            } else {
                let file = match moved_from {
                    Some(from) => format!("{from} -> {}", e.evidence.file),
                    None => e.evidence.file.to_string(),
                };
                writeln!(
                    out,
                    "{time}  {}{} {}: {} -> {}  [{file}]",
                    if retracted {
                        "retracted "
                    } else if moved_from.is_some() {
                        "moved "
                    } else {
                        ""
                    },
                    e.kind,
                    e.subject,
                    e.before,
                    e.after,
                )?;
            }
            // One line at a time: a consumer acts on each as it comes.
            out.flush()?;
        }
        Ok(())
    }
}
