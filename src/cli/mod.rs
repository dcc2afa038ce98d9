//! Command-line interface: argument parsing and one module per command.
//! Errors are reported here, once, as `error: ...` with exit status 2.

mod brief;
mod correct;
mod dashboard;
mod eval;
mod explain;
mod follow;
mod serve;
mod snapshot;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use sitmon::config::Scenario;
use sitmon::ingest::Warning;
use sitmon::watch::WatchOptions;

/// Terminal situation monitor: reads a folder of news articles about a
/// conflict and shows which provincial capitals have fallen, are contested
/// or are held, which countries sent troops, and the reported tally.
#[derive(Debug, Parser)]
#[command(name = "sitmon", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Folder of article files (.txt, .md, .html, .json), read in file-name
    /// order; used when no command is given.
    #[arg(long, value_name = "DIR", default_value = "feeds")]
    pub feeds: PathBuf,

    /// Scenario folder with the TOML files (any folder; see
    /// config/README.md).
    #[arg(long, value_name = "DIR", global = true, conflicts_with = "scenario")]
    pub config: Option<PathBuf>,

    /// Scenario by name: ./config/NAME when present, else the built-in one
    /// (`sitmon scenarios` lists them) [default: afghanistan-2021].
    #[arg(long, value_name = "NAME", global = true)]
    pub scenario: Option<String>,

    /// Create the feeds folder if it does not exist (live monitor).
    #[arg(long)]
    pub create: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the state after reading every article in the feeds folder, as
    /// one JSON object.
    Snapshot(snapshot::Args),
    /// Score against a labelled corpus (CORPUS_DIR/gold.json), printing the
    /// same report as shared/eval/score.py.
    Eval(eval::Args),
    /// Show how each sentence of article files was read: clauses, places,
    /// triggers, cues, who says so, the facts and why candidates were
    /// dropped.
    Explain(explain::Args),
    /// Watch the feeds folder and print one line per change of the state
    /// (JSON with --jsonl), until interrupted.
    Follow(follow::Args),
    /// The live dashboard on the feeds folder (what `sitmon` alone runs).
    Dashboard(dashboard::Args),
    /// Serve the live dashboard over SSH to several viewers at once, each
    /// with their own view (`ssh -p 2222 HOST`).
    Serve(serve::Args),
    /// Correct the monitor: a capital's status, a deployment's figure, or
    /// dismiss an evidence sentence. Kept in DIR/.sitmon/corrections.jsonl;
    /// every monitor on the folder shows it at once.
    Correct(correct::Args),
    /// Print a Markdown situation brief of the feeds folder, now or as of a
    /// time.
    Brief(brief::Args),
    /// List the scenarios (./config/NAME and the built-in ones), one line
    /// each: `--scenario NAME` picks one. With `--config DIR` or
    /// `--scenario NAME`, check that one: its line, or every problem.
    Scenarios,
}

/// Which scenario a command runs with, and where its settings files
/// (`ui.toml`, `serve.toml`) are.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    /// `--config DIR`.
    pub dir: Option<&'a Path>,
    /// `--scenario NAME`.
    pub name: Option<&'a str>,
}

impl Setup<'_> {
    /// The folder to read settings file `file` from: the `--config` folder
    /// when it holds one, else `./config` (`None`).
    pub fn settings(&self, file: &str) -> Option<&Path> {
        self.dir.filter(|d| d.join(file).is_file())
    }
}

/// How a command ended: `Some(n)` when signal `n` stopped it (after it
/// cleaned up), so that it exits with 128+n as a shell reports a process
/// that signal ended, and scripts can tell "stopped" from "done".
pub type Stopped = Option<i32>;

pub fn main() -> ExitCode {
    sitmon::state::quiet_extractor_panics();
    let cli = Cli::parse();
    match run(cli) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(signal)) => ExitCode::from(128u8.saturating_add(signal as u8)),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Stopped> {
    let config = Setup {
        dir: cli.config.as_deref(),
        name: cli.scenario.as_deref(),
    };
    match cli.command {
        Some(Command::Scenarios) => scenarios(config).map(|()| None),
        Some(Command::Snapshot(args)) => snapshot::run(args, &cli.feeds, config).map(|()| None),
        Some(Command::Eval(args)) => eval::run(args, config).map(|()| None),
        Some(Command::Explain(args)) => explain::run(args, &scenario(config)?).map(|()| None),
        Some(Command::Correct(args)) => correct::run(args, &cli.feeds, config).map(|()| None),
        Some(Command::Brief(args)) => brief::run(args, &cli.feeds, config).map(|()| None),
        Some(Command::Follow(mut args)) => {
            args.watched.create |= cli.create;
            follow::run(args, &cli.feeds, config)
        }
        Some(Command::Dashboard(mut args)) => {
            args.watched.create |= cli.create;
            dashboard::run(args, &cli.feeds, config)
        }
        Some(Command::Serve(mut args)) => {
            args.watched.create |= cli.create;
            serve::run(args, &cli.feeds, config)
        }
        None => {
            let args = dashboard::Args {
                watched: Watched {
                    create: cli.create,
                    ..Watched::default()
                },
                ..dashboard::Args::default()
            };
            dashboard::run(args, &cli.feeds, config)
        }
    }
}

/// The feeds options of the live commands (dashboard, follow, serve).
#[derive(Debug, Default, clap::Args)]
pub struct Watched {
    /// Folder of article files, watched [default: feeds].
    #[arg(long, value_name = "DIR")]
    pub feeds: Option<PathBuf>,

    /// Create the feeds folder if it does not exist.
    #[arg(long)]
    pub create: bool,

    /// Read symlinks to files outside the feeds folder too (by default
    /// they are skipped with a warning: any file the monitor can read would
    /// be shown).
    #[arg(long)]
    pub follow_symlinks: bool,
}

impl Watched {
    /// The folder to watch (`default_feeds` is the top-level `--feeds`),
    /// and how.
    fn resolve(&self, default_feeds: &Path) -> (PathBuf, WatchOptions) {
        let feeds = self.feeds.as_deref().unwrap_or(default_feeds).to_path_buf();
        let opts = WatchOptions {
            create: self.create,
            follow_symlinks: self.follow_symlinks,
            ..WatchOptions::default()
        };
        (feeds, opts)
    }
}

/// An `--as-of` time: RFC 3339, or a day (its last second, UTC).
fn parse_as_of(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    use chrono::{NaiveDate, TimeZone, Utc};
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .map(|t| Utc.from_utc_datetime(&t))
        .ok_or_else(|| {
            format!(
                "{s:?} is not a time: use RFC 3339 (2021-08-15T12:00:00Z) or a day (2021-08-15)"
            )
        })
}

/// `--config DIR`, else `--scenario NAME`, else the default scenario. A
/// bad config reads `error: <file>:<line>:<col>: <problem>`, a line per
/// problem; its warnings go to stderr as `warning: ...` and to the log.
fn scenario(setup: Setup) -> anyhow::Result<Scenario> {
    let s = match (setup.dir, setup.name) {
        (Some(d), _) => Scenario::load(d)?,
        (None, Some(n)) => Scenario::named(n)?,
        (None, None) => Scenario::resolve(None)?,
    };
    let mut err = std::io::stderr().lock();
    for w in &s.warnings {
        tracing::warn!("config: {w}");
        let _ = writeln!(err, "warning: {w}");
    }
    Ok(s)
}

/// `sitmon scenarios`: a line each, the default marked. Given one
/// (`--config DIR`, `--scenario NAME`), only its line, after its warnings,
/// or all its problems (exit status 2).
fn scenarios(setup: Setup) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if setup.dir.is_some() || setup.name.is_some() {
        let s = scenario(setup)?;
        let source = s
            .dir
            .as_ref()
            .map_or_else(|| "built-in".to_string(), |d| d.display().to_string());
        writeln!(out, "{}\t{source}\t{}", s.id, s.summary())?;
        return Ok(());
    }
    for l in Scenario::list() {
        let mark = if l.id == sitmon::config::DEFAULT {
            " (default)"
        } else {
            ""
        };
        let what = match &l.summary {
            Ok(s) => s.clone(),
            Err(e) => {
                let more = e.lines().count().saturating_sub(1);
                let first = e.lines().next().unwrap_or("");
                if more == 0 {
                    format!("does not load: {first}")
                } else {
                    format!(
                        "does not load: {first} (and {more} more: `sitmon scenarios --scenario {}` lists them)",
                        l.id
                    )
                }
            }
        };
        writeln!(out, "{}{mark}\t{}\t{what}", l.id, l.source)?;
    }
    Ok(())
}

fn print_warnings(warnings: &[Warning]) {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "warning: {w}");
    }
}

/// Stdout closed early (`sitmon snapshot | head`) is not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
