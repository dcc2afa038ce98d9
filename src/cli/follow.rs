//! `sitmon follow`: the live pipeline without a screen, one line per change
//! of the state, for scripts and alerting.
//!
//! Each published state says what changed in the event log since the one
//! before (see `sitmon::live::Changes`): new events are printed, events
//! that an edit or a delete took back are printed again with
//! `"retracted": true`, and events whose evidence is now in another file
//! (a rename, or a copy that counts once the first is gone) with
//! `"moved_from": OLD_FILE`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use chrono::{SecondsFormat, Utc};
use serde::Serialize;

use sitmon::live::{words, Changes, Live};
use sitmon::snapshot::EvidenceView;
use sitmon::watch;

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
    config: super::Setup,
) -> anyhow::Result<super::Stopped> {
    if let Err(e) = sitmon::logging::init_logging(args.log.as_deref()) {
        // Logs are not worth refusing to run for.
        let _ = writeln!(std::io::stderr(), "warning: cannot open the log file: {e}");
    }
    let scenario = Arc::new(super::scenario(config)?);
    let (feeds, opts) = args.watched.resolve(default_feeds);
    let handle = watch::start(feeds.clone(), scenario, opts)?;
    {
        // Nothing may come for hours: say what is watched, off stdout.
        let first = handle.initial();
        let _ = writeln!(
            std::io::stderr(),
            "sitmon follow: watching {} ({} articles, {} changes so far); {} (Ctrl-C stops)",
            feeds.display(),
            first.articles.len(),
            first.events.len(),
            if args.from_start {
                "printing them, then each change as it happens"
            } else {
                "printing each new change as it happens"
            }
        );
    }
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
        out.changes(&prev, &Changes::all(&prev.events))?;
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
                let d = live.changes_since(&prev);
                // Retractions are named from the state they were part of.
                let (retracted, rest) = (
                    Changes {
                        retracted: d.retracted.clone(),
                        ..Changes::default()
                    },
                    Changes {
                        retracted: Vec::new(),
                        ..(*d).clone()
                    },
                );
                out.changes(&prev, &retracted)?;
                out.changes(&live, &rest)?;
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
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<EvidenceView>,
    /// The article's own time, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    /// Set when an analyst's correction made the change.
    #[serde(skip_serializing_if = "Option::is_none")]
    correction: Option<Correction<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    retracted: bool,
    /// The file that showed it before, when the evidence moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    moved_from: Option<&'a str>,
}

#[derive(Serialize)]
struct Correction<'a> {
    by: &'a str,
    at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

struct Printer {
    jsonl: bool,
    out: std::io::Stdout,
}

impl Printer {
    /// Changes of `live`'s log (names and times are resolved from it):
    /// retractions first, as an edit takes back the old reading and then
    /// gives the new one; then evidence that moved to another file.
    fn changes(&mut self, live: &Live, changes: &Changes) -> anyhow::Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let time = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        let mut out = self.out.lock();
        let lines = changes
            .retracted
            .iter()
            .map(|(seq, e)| (*seq, e, true, None))
            .chain(changes.added.iter().map(|(seq, e)| (*seq, e, false, None)))
            .chain(
                changes
                    .moved
                    .iter()
                    .map(|(was, seq, e)| (*seq, e, false, Some(&**was))),
            );
        for (seq, e, retracted, moved_from) in lines {
            let w = words(&live.scenario, &e.change);
            let evidence = e.evidence();
            let published = evidence
                .and_then(|ev| live.article(&ev.file))
                .and_then(|a| a.time())
                .map(|t| t.at.to_rfc3339());
            if self.jsonl {
                let line = Line {
                    time: &time,
                    seq,
                    kind: w.kind,
                    subject: &w.subject,
                    before: &w.before,
                    after: &w.after,
                    evidence: evidence.map(EvidenceView::from),
                    published,
                    correction: e.correction().map(|c| Correction {
                        by: &c.by,
                        at: c.at.to_rfc3339(),
                        note: c.note.as_deref(),
                    }),
                    retracted,
                    moved_from,
                };
                serde_json::to_writer(&mut out, &line)?;
                out.write_all(b"\n")?;
            } else {
                let from = match (evidence, e.correction()) {
                    (Some(ev), _) => match moved_from {
                        Some(was) => format!("{was} -> {}", ev.file),
                        None => ev.file.to_string(),
                    },
                    (None, Some(c)) => format!("corrected by {}", c.by),
                    (None, None) => String::new(),
                };
                writeln!(
                    out,
                    "{time}  {}{} {}: {} -> {}  [{from}]",
                    if retracted {
                        "retracted "
                    } else if moved_from.is_some() {
                        "moved "
                    } else {
                        ""
                    },
                    w.kind,
                    w.subject,
                    w.before,
                    w.after,
                )?;
            }
            // One line at a time: a consumer acts on each as it comes.
            out.flush()?;
        }
        Ok(())
    }
}
