//! The shared monitor: one watcher and state, served over SSH to every
//! viewer, each with their own session (focus, selection, filter, size).
//!
//! ```text
//! TCP accept ── rate limit ──> russh connection (handler.rs: auth, PTY,
//!                              refusals) ──bytes/resizes──> viewer task
//! watcher ── watch<Arc<Live>> ─────────────────────────────> viewer task
//!                                      (ui::driver::drive on an SshScreen)
//! ```
//!
//! Each viewer's task awaits its own client; the watch channel keeps only
//! the newest state, so a slow client skips states and delays no one.
//! Viewers in the same state share the drawing: a frame is drawn once per
//! (state, view state, size), and the bytes from one frame to the next are
//! encoded once (`ui::frames`, used by `screen.rs`).

pub mod config;
mod grace;
mod handler;
pub mod input;
pub mod keys;
pub mod limits;
mod screen;
mod viewer;

use std::borrow::Cow;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use russh::keys::PrivateKey;
use russh::{MethodKind, MethodSet, SshId};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::live::Live;
use crate::ui::driver::Desk;
use crate::ui::UiConfig;

pub use config::{Colors, ServeConfig};
pub use keys::AuthorizedKeys;
use limits::{Gauge, RateLimit, Startups, Viewers};

/// What every connection and session reads.
pub struct Shared {
    config: ServeConfig,
    ui: Arc<UiConfig>,
    lives: watch::Receiver<Arc<Live>>,
    keys: Option<AuthorizedKeys>,
    allow_anyone: bool,
    viewers: Arc<Viewers>,
    limit: RateLimit,
    startups: Arc<Startups>,
    shutdown: watch::Receiver<bool>,
    /// The port listened on, for messages to viewers.
    port: u16,
    /// Where viewers' corrections and briefs go.
    desk: Option<Arc<Desk>>,
}

/// Who may connect: the authorized keys, or anyone when explicitly asked.
pub enum Access {
    Keys(AuthorizedKeys),
    Anyone,
}

impl Access {
    /// The keys from `path`; refuses a missing or keyless setup unless
    /// `allow_anyone`.
    pub fn resolve(path: Option<&std::path::Path>, allow_anyone: bool) -> anyhow::Result<Access> {
        if allow_anyone {
            return Ok(Access::Anyone);
        }
        let Some(path) = path else {
            bail!(
                "no authorized keys: pass --authorized-keys FILE (an OpenSSH authorized_keys \
                 file of who may watch) or set authorized_keys in serve.toml; \
                 --allow-anyone lets anyone who can reach the port watch"
            );
        };
        let keys = AuthorizedKeys::load(path)?;
        if keys.is_empty() {
            bail!(
                "{} holds no usable public keys, so nobody could connect; add keys \
                 (one `ssh-ed25519 AAAA... name` per line) or pass --allow-anyone",
                path.display()
            );
        }
        Ok(Access::Keys(keys))
    }
}

/// A server with its port bound and host key loaded, not yet serving: the
/// setup errors come before the feeds folder is read.
pub struct Bound {
    listener: TcpListener,
    addr: SocketAddr,
    host_key: PrivateKey,
    host_fp: String,
    created: bool,
    config: ServeConfig,
    access: Access,
}

impl Bound {
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serve `lives` to every viewer.
    pub fn serve(
        self,
        ui: Arc<UiConfig>,
        lives: watch::Receiver<Arc<Live>>,
        desk: Option<Arc<Desk>>,
    ) -> Server {
        let (allow_anyone, keys) = match self.access {
            Access::Anyone => (true, None),
            Access::Keys(k) => (false, Some(k)),
        };
        let ssh = Arc::new(russh_config(&self.config, self.host_key, allow_anyone));
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let viewers = Viewers::new(self.config.max_sessions);
        let connections = Gauge::new();
        let shared = Arc::new(Shared {
            limit: RateLimit::new(self.config.connections_per_minute),
            startups: Startups::new(
                self.config.max_unauthenticated,
                self.config.unauthenticated_per_address,
            ),
            config: self.config,
            ui,
            lives,
            keys,
            allow_anyone,
            viewers: viewers.clone(),
            shutdown: shutdown_rx,
            port: self.addr.port(),
            desk,
        });
        if shared.keys.is_some() {
            tokio::spawn(watch_keys(shared.clone()));
        }
        let max_connections = limits::connection_budget();
        tracing::info!(addr = %self.addr, host_key = %self.host_fp, allow_anyone, max_connections, "serving");
        let accept = tokio::spawn(accept_loop(
            self.listener,
            ssh,
            shared,
            connections.clone(),
            max_connections,
        ));
        Server {
            addr: self.addr,
            host_key: self.host_fp,
            host_key_created: self.created,
            viewers,
            connections,
            shutdown: shutdown_tx,
            accept,
        }
    }
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    host_key: String,
    host_key_created: bool,
    viewers: Arc<Viewers>,
    connections: Gauge,
    shutdown: watch::Sender<bool>,
    accept: JoinHandle<()>,
}

impl Server {
    /// Load (or create) the host key and bind `config.listen`.
    pub async fn bind(config: ServeConfig, access: Access) -> anyhow::Result<Bound> {
        let (host_key, created) = keys::load_or_create_host_key(&config.host_key)?;
        let host_fp = keys::fingerprint(host_key.public_key());
        let listener = TcpListener::bind(&config.listen)
            .await
            .with_context(|| format!("cannot listen on {}", config.listen))?;
        let addr = listener
            .local_addr()
            .context("cannot read the bound address")?;
        Ok(Bound {
            listener,
            addr,
            host_key,
            host_fp,
            created,
            config,
            access,
        })
    }

    /// [`bind`](Self::bind), then [`serve`](Bound::serve).
    pub async fn start(
        config: ServeConfig,
        access: Access,
        ui: Arc<UiConfig>,
        lives: watch::Receiver<Arc<Live>>,
        desk: Option<Arc<Desk>>,
    ) -> anyhow::Result<Server> {
        Ok(Server::bind(config, access).await?.serve(ui, lives, desk))
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The host key's `SHA256:` fingerprint, for viewers to check.
    pub fn host_key_fingerprint(&self) -> &str {
        &self.host_key
    }

    pub fn host_key_created(&self) -> bool {
        self.host_key_created
    }

    /// Dashboards open now.
    pub fn viewers(&self) -> usize {
        self.viewers.count()
    }

    /// Stop accepting, tell every viewer, give their terminals back, and
    /// wait up to `grace` for their connections to end (so the goodbye
    /// has reached them before the process exits).
    pub async fn shutdown(self, grace: Duration) {
        self.accept.abort();
        let _ = self.shutdown.send(true);
        let deadline = tokio::time::Instant::now() + grace;
        let mut viewers = self.viewers.subscribe();
        let _ = tokio::time::timeout_at(deadline, viewers.wait_for(|n| *n == 0)).await;
        let mut open = self.connections.subscribe();
        let _ = tokio::time::timeout_at(deadline, open.wait_for(|n| *n == 0)).await;
        tracing::info!(
            viewers = self.viewers.count(),
            connections = self.connections.count(),
            "server stopped"
        );
    }
}

/// How often the authorized keys file is looked at (one stat), so that a
/// revoked key's sessions close even when nobody connects.
const KEYS_CHECK: Duration = Duration::from_secs(1);

async fn watch_keys(shared: Arc<Shared>) {
    let mut shutdown = shared.shutdown.clone();
    loop {
        tokio::select! {
            _ = tokio::time::sleep(KEYS_CHECK) => {}
            _ = shutdown.wait_for(|s| *s) => return,
        }
        if let Some(keys) = &shared.keys {
            keys.refresh();
        }
    }
}

fn russh_config(
    config: &ServeConfig,
    host_key: PrivateKey,
    allow_anyone: bool,
) -> russh::server::Config {
    let mut methods = MethodSet::from(&[MethodKind::PublicKey][..]);
    if allow_anyone {
        methods.push(MethodKind::None);
    }
    russh::server::Config {
        server_id: SshId::Standard(Cow::Borrowed(concat!(
            "SSH-2.0-sitmon_",
            env!("CARGO_PKG_VERSION")
        ))),
        methods,
        // Refusals take a second (no key probing at speed); OpenSSH's
        // first "none" probe is answered at once.
        auth_rejection_time: Duration::from_secs(1),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![host_key],
        // A dashboard is left open for hours: no inactivity cut-off here
        // (the idle timeout counts key presses), keepalives find dead peers.
        inactivity_timeout: None,
        keepalive_interval: config.keepalive,
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    }
}

async fn accept_loop(
    listener: TcpListener,
    ssh: Arc<russh::server::Config>,
    shared: Arc<Shared>,
    connections: Gauge,
    max_connections: usize,
) {
    loop {
        let (socket, peer) = match listener.accept().await {
            Ok(s) => s,
            Err(e) => {
                // Out of file descriptors and the like: wait, do not spin.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Descriptors past the budget are the watcher's: it must never
        // starve for the sake of connections.
        if connections.count() >= max_connections {
            tracing::warn!(%peer, max_connections, "connection refused: descriptor budget reached");
            continue;
        }
        if !shared.limit.allow(peer.ip(), Instant::now()) {
            tracing::warn!(%peer, "connection refused: too many from this address");
            continue;
        }
        let startup = match shared.startups.enter(peer.ip()) {
            Ok(s) => s,
            Err(why) => {
                tracing::warn!(%peer, "connection refused: {why}");
                continue;
            }
        };
        let _ = socket.set_nodelay(true);
        let logged_in = grace::LoggedIn::default();
        let socket = grace::Graced::new(
            socket,
            shared.config.login_grace,
            logged_in.clone(),
            peer.to_string(),
        );
        let handler = handler::Connection::new(shared.clone(), Some(peer), startup, logged_in);
        let ssh = ssh.clone();
        let open = connections.enter();
        tokio::spawn(async move {
            let _open = open;
            match russh::server::run_stream(ssh, socket, handler).await {
                Ok(running) => {
                    if let Err(e) = running.await {
                        tracing::debug!(%peer, error = %e, "connection ended with an error");
                    }
                }
                Err(e) => tracing::debug!(%peer, error = %e, "SSH handshake failed"),
            }
        });
    }
}
