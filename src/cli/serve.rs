//! `sitmon serve`: one watcher and state, shown to everyone who connects
//! with `ssh -p PORT HOST`, each in their own session.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::signal::unix::{signal, SignalKind};

use sitmon::ssh::{Access, Colors, ServeConfig, Server};
use sitmon::ui::driver::Desk;
use sitmon::ui::UiConfig;
use sitmon::watch;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Address to listen on [config: listen; default 0.0.0.0:2222].
    #[arg(long, value_name = "HOST:PORT")]
    pub listen: Option<String>,

    /// OpenSSH authorized_keys file of who may watch; re-read when it
    /// changes [config: authorized_keys].
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,

    /// The server's host key; an Ed25519 key is created there (mode 0600)
    /// if missing [config: host_key; default:
    /// ~/.local/state/sitmon/host_ed25519_key].
    #[arg(long, value_name = "FILE")]
    pub host_key: Option<PathBuf>,

    /// Let anyone who can reach the port watch, without a key.
    #[arg(long)]
    pub allow_anyone: bool,

    #[command(flatten)]
    pub watched: super::Watched,

    /// Dashboards open at once [config: max_sessions; default 64].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_sessions: Option<u32>,

    /// Close a session after this many minutes without a key press; 0:
    /// never; at most a year [config: idle_timeout_minutes; default 0].
    #[arg(long, value_name = "MINUTES")]
    pub idle_timeout: Option<u64>,

    /// New connections allowed per client address per minute; 0: no limit
    /// (viewers behind one NAT share an address) [config:
    /// connections_per_minute; default 30].
    #[arg(long, value_name = "N")]
    pub connections_per_minute: Option<u32>,

    /// Close a connection that has not logged in this many seconds after
    /// connecting [config: login_grace_seconds; default 30].
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub login_grace: Option<u64>,

    /// Colours: auto (from the client's TERM), color or mono [config:
    /// colors].
    #[arg(long, value_name = "MODE")]
    pub colors: Option<String>,

    /// Log file, or - for stderr [default: $XDG_STATE_HOME/sitmon/sitmon.log,
    /// else ~/.local/state/sitmon/sitmon.log].
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
}

impl Args {
    /// serve.toml with the flags laid over it.
    fn settings(&self, config: super::Setup) -> anyhow::Result<ServeConfig> {
        let mut c = ServeConfig::resolve(config.settings(sitmon::ssh::config::FILE))?;
        if let Some(l) = &self.listen {
            c.listen = l.clone();
        }
        if let Some(k) = &self.authorized_keys {
            c.authorized_keys = Some(k.clone());
        }
        if let Some(k) = &self.host_key {
            c.host_key = k.clone();
        }
        if let Some(n) = self.max_sessions {
            c.max_sessions = n as usize;
        }
        if let Some(n) = self.connections_per_minute {
            c.connections_per_minute = n;
        }
        if let Some(m) = self.idle_timeout {
            c.idle_timeout = sitmon::ssh::config::idle_minutes(m)
                .map_err(|e| anyhow::anyhow!("--idle-timeout: {e}"))?;
        }
        if let Some(s) = self.login_grace {
            c.login_grace = Duration::from_secs(s);
        }
        if let Some(mode) = &self.colors {
            c.colors = Colors::parse(mode).map_err(|m| anyhow::anyhow!("--colors: {m}"))?;
        }
        Ok(c)
    }
}

/// `default_feeds` is the top-level `--feeds`.
pub fn run(
    args: Args,
    default_feeds: &Path,
    config: super::Setup,
) -> anyhow::Result<super::Stopped> {
    let log = sitmon::logging::init_logging(args.log.as_deref());
    let settings = args.settings(config)?;
    let access = Access::resolve(settings.authorized_keys.as_deref(), args.allow_anyone)?;
    let scenario = Arc::new(super::scenario(config)?);
    let ui = Arc::new(UiConfig::resolve(
        config.settings(sitmon::ui::config::FILE),
    )?);
    let (feeds, opts) = args.watched.resolve(default_feeds);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let keys_line = match &access {
            Access::Anyone => None,
            Access::Keys(k) => Some(format!("{} key(s) from {}", k.len(), k.path().display())),
        };
        let host_key = settings.host_key.clone();
        // A port in use or a bad host key is reported before the feeds
        // folder is read, however big it is.
        let bound = Server::bind(settings, access).await?;
        let handle = watch::start(feeds.clone(), scenario, opts)?;
        let desk = Arc::new(Desk {
            feeds: handle.feeds().to_path_buf(),
        });
        tokio::spawn(sitmon::alerts::run(ui.alerts.clone(), handle.subscribe()));
        let server = bound.serve(ui, handle.subscribe(), Some(desk));
        // Before the banner: whoever reads it may stop the server at once.
        let mut term = signal(SignalKind::terminate()).context("cannot watch SIGTERM")?;
        let mut int = signal(SignalKind::interrupt()).context("cannot watch SIGINT")?;
        let mut hup = signal(SignalKind::hangup()).context("cannot watch SIGHUP")?;
        let mut err = std::io::stderr().lock();
        let port = server.local_addr().port();
        let _ = writeln!(
            err,
            "sitmon: serving the dashboard of {} on {} (ssh -p {port} HOST)",
            feeds.display(),
            server.local_addr()
        );
        match keys_line {
            Some(k) => {
                let _ = writeln!(err, "sitmon: viewers: {k}");
            }
            None => {
                let _ = writeln!(
                    err,
                    "sitmon: WARNING: --allow-anyone: ANYONE who can reach port {port} can watch, \
                     without a key"
                );
            }
        }
        let _ = writeln!(
            err,
            "sitmon: host key {} {}{}",
            server.host_key_fingerprint(),
            host_key.display(),
            if server.host_key_created() {
                " (new)"
            } else {
                ""
            }
        );
        match &log {
            Ok(p) if p.as_os_str() != "-" => {
                let _ = writeln!(err, "sitmon: log {}", p.display());
            }
            Ok(_) => {}
            Err(e) => {
                let _ = writeln!(err, "warning: cannot open the log file: {e}");
            }
        }
        drop(err);
        let stopped = tokio::select! {
            _ = term.recv() => libc::SIGTERM,
            _ = int.recv() => libc::SIGINT,
            _ = hup.recv() => libc::SIGHUP,
        };
        let n = server.viewers();
        let _ = writeln!(
            std::io::stderr(),
            "sitmon: stopping; closing {n} session(s)"
        );
        server.shutdown(Duration::from_secs(3)).await;
        drop(handle);
        anyhow::Ok(Some(stopped))
    })
}
