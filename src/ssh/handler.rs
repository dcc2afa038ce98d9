//! One SSH connection: authentication, then what its channels may do. Only
//! an interactive shell on a PTY gets a dashboard; commands, subsystems,
//! forwarding and agents are refused with a message.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, ChannelWriteHalf, Pty};
use tokio::sync::mpsc;

use super::config::clamp_size;
use super::grace::LoggedIn;
use super::input::Budget;
use super::keys::fingerprint;
use super::limits::Startup;
use super::viewer::{self, Raw, Tty, Who, RAW_QUEUE};
use super::Shared;
use crate::logging::Untrusted;

/// Channels one connection may open: a dashboard needs one.
const MAX_CHANNELS: usize = 4;

pub struct Connection {
    shared: Arc<Shared>,
    peer: String,
    started: Instant,
    user: String,
    /// The key fingerprint once authenticated.
    key: Option<String>,
    /// The key itself, to close its sessions if it is revoked.
    public_key: Option<PublicKey>,
    channels: HashMap<ChannelId, Chan>,
    /// Counted among the connections not logged in, until it logs in.
    startup: Option<Startup>,
    logged_in: LoggedIn,
}

struct Chan {
    /// Frames go out through this, paced by the client's SSH window.
    out: Option<ChannelWriteHalf<Msg>>,
    tty: Option<Tty>,
    no_color: bool,
    /// Set once the dashboard runs.
    input: Option<mpsc::Sender<Raw>>,
    /// Input bytes past it are dropped here, before they queue.
    budget: Budget,
}

impl Connection {
    pub fn new(
        shared: Arc<Shared>,
        peer: Option<SocketAddr>,
        startup: Startup,
        logged_in: LoggedIn,
    ) -> Connection {
        Connection {
            shared,
            peer: peer.map_or_else(|| "unknown".to_string(), |p| p.to_string()),
            started: Instant::now(),
            user: String::new(),
            key: None,
            public_key: None,
            channels: HashMap::new(),
            startup: Some(startup),
            logged_in,
        }
    }

    /// Logged in as `user`: the grace timer stops and a place among the
    /// connections not logged in is freed. The name is kept escaped: it
    /// goes into logs.
    fn log_in(&mut self, user: &str) {
        self.user = Untrusted(user).to_string();
        self.logged_in.set();
        self.startup = None;
    }

    fn key_allowed(&self, key: &PublicKey) -> bool {
        self.shared.allow_anyone || self.shared.keys.as_ref().is_some_and(|k| k.allows(key))
    }

    fn who(&self) -> Who {
        Who {
            peer: self.peer.clone(),
            user: self.user.clone(),
            key: self.key.clone().unwrap_or_else(|| "none".to_string()),
        }
    }

    /// Tell the client why on stderr, then end the channel with status 1.
    /// The request itself is acknowledged: OpenSSH hangs up on a failed
    /// request without showing anything the server sent.
    fn refuse(&mut self, channel: ChannelId, session: &mut Session, message: &str) {
        let _ = session.channel_success(channel);
        let _ = session.extended_data(channel, 1, format!("sitmon: {message}\r\n").into_bytes());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
        self.channels.remove(&channel);
    }

    fn forward(&mut self, channel: ChannelId, raw: Raw) {
        let Some(tx) = self.channels.get(&channel).and_then(|c| c.input.as_ref()) else {
            return;
        };
        if tx.try_send(raw).is_err() {
            tracing::debug!(peer = %self.peer, "session input queue full; input dropped");
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        tracing::info!(
            peer = %self.peer,
            user = %self.user,
            key = %self.key.as_deref().unwrap_or("none"),
            secs = self.started.elapsed().as_secs(),
            "disconnected"
        );
    }
}

impl russh::server::Handler for Connection {
    type Error = anyhow::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        if self.shared.allow_anyone {
            self.log_in(user);
            tracing::warn!(peer = %self.peer, user = %self.user, "connected without a key (--allow-anyone)");
            return Ok(Auth::Accept);
        }
        Ok(Auth::reject())
    }

    async fn auth_password(&mut self, user: &str, _password: &str) -> Result<Auth, Self::Error> {
        tracing::warn!(peer = %self.peer, user = %Untrusted(user), "password login refused: keys only");
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.key_allowed(offer.public_key) {
            return Ok(Auth::Accept);
        }
        // OpenSSH offers a key before signing with it: a refused key is
        // seen here only.
        tracing::warn!(peer = %self.peer, user = %Untrusted(user), key = %fingerprint(offer.public_key),
            "key refused: not authorized");
        Ok(Auth::reject())
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let fp = fingerprint(key.public_key);
        if self.key_allowed(key.public_key) {
            self.log_in(user);
            tracing::info!(peer = %self.peer, user = %self.user, key = %fp, "connected");
            self.key = Some(fp);
            self.public_key = Some(key.public_key.clone());
            Ok(Auth::Accept)
        } else {
            tracing::warn!(peer = %self.peer, user = %Untrusted(user), key = %fp, "key refused: not authorized");
            Ok(Auth::reject())
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The read half is dropped: input arrives through `data`, and an
        // unread half would hold up the connection.
        if self.channels.len() >= MAX_CHANNELS {
            reply.reject(ChannelOpenFailure::ResourceShortage).await;
            return Ok(());
        }
        let id = channel.id();
        let (read, write) = channel.split();
        drop(read);
        self.channels.insert(
            id,
            Chan {
                out: Some(write),
                tty: None,
                no_color: false,
                input: None,
                budget: Budget::new(Instant::now()),
            },
        );
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        host: &str,
        port: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::warn!(peer = %self.peer, host = %Untrusted(host), port, "port forwarding refused");
        reply
            .reject(ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        socket_path: &str,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::warn!(peer = %self.peer, socket_path = %Untrusted(socket_path), "socket forwarding refused");
        reply
            .reject(ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::warn!(peer = %self.peer, address = %Untrusted(address), port = *port, "remote forwarding refused");
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        socket_path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::warn!(peer = %self.peer, socket_path = %Untrusted(socket_path), "remote socket forwarding refused");
        Ok(false)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        tracing::info!(peer = %self.peer, "agent forwarding refused");
        Ok(false)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!(peer = %self.peer, "X11 forwarding refused");
        let _ = session.channel_failure(channel);
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match self.channels.get_mut(&channel) {
            Some(chan) if chan.input.is_none() => {
                chan.tty = Some(Tty {
                    term: Untrusted(term).to_string(),
                    size: clamp_size(cols, rows),
                    no_color: chan.no_color,
                });
                session.channel_success(channel)?;
            }
            _ => session.channel_failure(channel)?,
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Only NO_COLOR means anything here (with `ssh -o SendEnv=NO_COLOR`).
        if name == "NO_COLOR" && !value.is_empty() {
            if let Some(chan) = self.channels.get_mut(&channel) {
                chan.no_color = true;
                if let Some(tty) = chan.tty.as_mut() {
                    tty.no_color = true;
                }
            }
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(chan) = self.channels.get(&channel) else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        let Some(tty) = chan.tty.clone() else {
            tracing::info!(peer = %self.peer, "shell without a terminal refused");
            self.refuse(
                channel,
                session,
                "the dashboard needs a terminal; connect with `ssh -t`",
            );
            return Ok(());
        };
        if chan.input.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        let Some(seat) = self.shared.viewers.join() else {
            tracing::warn!(peer = %self.peer, key = %self.key.as_deref().unwrap_or("none"),
                max = self.shared.viewers.max(), "monitor full; session refused");
            let max = self.shared.viewers.max();
            self.refuse(
                channel,
                session,
                &format!("the monitor is full ({max} watching); try again later"),
            );
            return Ok(());
        };
        let Some(out) = self.channels.get_mut(&channel).and_then(|c| c.out.take()) else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        session.channel_success(channel)?;
        let (tx, rx) = mpsc::channel(RAW_QUEUE);
        if let Some(chan) = self.channels.get_mut(&channel) {
            chan.input = Some(tx);
        }
        let who = self.who();
        viewer::spawn(
            self.shared.clone(),
            out,
            tty,
            who,
            self.public_key.clone(),
            seat,
            rx,
        );
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let command = String::from_utf8_lossy(data);
        tracing::warn!(peer = %self.peer, key = %self.key.as_deref().unwrap_or("none"),
            command = %Untrusted(&command), "command refused");
        self.refuse(
            channel,
            session,
            &format!(
                "this server only shows the dashboard; commands are not run. \
                 Connect without one: ssh -p {} HOST",
                self.shared.port
            ),
        );
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::warn!(peer = %self.peer, subsystem = %Untrusted(name), "subsystem refused");
        // sftp and the like expect a plain failure here.
        session.channel_failure(channel)?;
        let _ = session.close(channel);
        self.channels.remove(&channel);
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(chan) = self.channels.get_mut(&channel) else {
            return Ok(());
        };
        let take = chan.budget.take(data.len(), Instant::now());
        if take > 0 {
            self.forward(channel, Raw::Bytes(data[..take].to_vec()));
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (w, h) = clamp_size(cols, rows);
        if let Some(tty) = self.channels.get_mut(&channel).and_then(|c| c.tty.as_mut()) {
            tty.size = (w, h);
        }
        self.forward(channel, Raw::Resize(w, h));
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.forward(channel, Raw::Close("client sent EOF"));
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.forward(channel, Raw::Close("client closed the channel"));
        self.channels.remove(&channel);
        Ok(())
    }
}
