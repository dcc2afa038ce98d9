//! `sitmon` / `sitmon dashboard`: the live dashboard on the feeds folder,
//! fed by the folder watcher.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};

use sitmon::ui::driver::Desk;
use sitmon::ui::{tui, UiConfig};
use sitmon::watch;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub watched: super::Watched,

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
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the dashboard needs a terminal; to print the state as JSON use \
             `sitmon snapshot --feeds DIR`, or `sitmon follow` for a line per change"
        );
    }
    // Before the screen is taken: after it, nothing may print.
    if let Err(e) = sitmon::logging::init_logging(args.log.as_deref()) {
        let _ = writeln!(std::io::stderr(), "warning: cannot open the log file: {e}");
    }
    let scenario = Arc::new(super::scenario(config)?);
    let ui = Arc::new(UiConfig::resolve(
        config.settings(sitmon::ui::config::FILE),
    )?);
    let (feeds, opts) = args.watched.resolve(default_feeds);
    let handle = watch::start(feeds, scenario, opts)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let desk = Arc::new(Desk {
        feeds: handle.feeds().to_path_buf(),
    });
    let result = runtime.block_on(async {
        // The alert command runs beside the screen, never in its way.
        tokio::spawn(sitmon::alerts::run(ui.alerts.clone(), handle.subscribe()));
        tui::run(handle.subscribe(), ui, Some(desk)).await
    });
    drop(handle);
    result
}
