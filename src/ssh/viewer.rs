//! One dashboard over SSH: its own task running the shared [`drive`] loop
//! on an [`SshScreen`], fed by the bytes and window changes the connection
//! handler forwards.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

use crossterm::event::Event;
use futures_util::Stream;
use russh::keys::PublicKey;
use russh::server::Msg;
use russh::ChannelWriteHalf;
use tokio::sync::{mpsc, watch};

use crate::ui::driver::{drive, Ended, Feeds, Input};
use crate::ui::Session;

use super::input::{InputParser, ESC_WAIT};
use super::limits::Seat;
use super::screen::SshScreen;
use super::Shared;

/// What the connection handler forwards to a session.
#[derive(Debug)]
pub enum Raw {
    Bytes(Vec<u8>),
    Resize(u16, u16),
    Close(&'static str),
}

/// How many forwarded messages may wait; beyond, input is dropped rather
/// than block the connection (which also carries this session's frames).
pub const RAW_QUEUE: usize = 1024;

/// The client's terminal as its PTY request described it.
#[derive(Debug, Clone)]
pub struct Tty {
    pub term: String,
    pub size: (u16, u16),
    pub no_color: bool,
}

/// Who is watching, for the logs.
#[derive(Debug, Clone)]
pub struct Who {
    pub peer: String,
    pub user: String,
    pub key: String,
}

pub fn spawn(
    shared: Arc<Shared>,
    out: ChannelWriteHalf<Msg>,
    tty: Tty,
    who: Who,
    key: Option<PublicKey>,
    seat: Seat,
    raw: mpsc::Receiver<Raw>,
) {
    tokio::spawn(async move {
        let started = Instant::now();
        tracing::info!(peer = %who.peer, user = %who.user, key = %who.key, term = %tty.term,
            width = tty.size.0, height = tty.size.1, "dashboard opened");
        let out = Arc::new(out);
        let result = run(&shared, out.clone(), &tty, &who, key, raw).await;
        let secs = started.elapsed().as_secs();
        match result {
            Ok((ended, frames)) => tracing::info!(peer = %who.peer, key = %who.key,
                ?ended, frames, secs, "dashboard closed"),
            Err(e) => tracing::info!(peer = %who.peer, key = %who.key,
                error = %e, secs, "dashboard lost"),
        }
        let _ = out.exit_status(0).await;
        let _ = out.eof().await;
        let _ = out.close().await;
        // Only now: the count is what shutdown and the footers go by.
        drop(seat);
    });
}

async fn run(
    shared: &Arc<Shared>,
    out: Arc<ChannelWriteHalf<Msg>>,
    tty: &Tty,
    who: &Who,
    key: Option<PublicKey>,
    raw: mpsc::Receiver<Raw>,
) -> std::io::Result<(Ended, u64)> {
    let mut screen = SshScreen::new(out, tty.size, shared.ui.mouse)?;
    screen.enter().await?;
    let mono = shared.config.colors.mono_for(&tty.term, tty.no_color);
    let theme = shared.ui.theme(mono);
    let lives = shared.lives.clone();
    let first = lives.borrow().clone();
    let mut session = Session::new(first, shared.ui.clone(), theme, Instant::now());
    session.resize(tty.size.0, tty.size.1);
    // Corrections from here are signed with the viewer's key.
    session.set_author(who.key.clone(), "ssh");
    // A session opened with a key is closed when the key is revoked.
    let revocation = match (&shared.keys, key) {
        (Some(keys), Some(key)) => Some(Revocation {
            changes: keys.subscribe(),
            shared: shared.clone(),
            key,
        }),
        _ => None,
    };
    let mut inputs = inputs(raw, shared.shutdown.clone(), revocation);
    let feeds = Feeds {
        lives,
        viewers: Some(shared.viewers.subscribe()),
        idle: shared.config.idle_timeout,
        desk: shared.desk.clone(),
    };
    let (ended, frames) = drive(&mut screen, &mut session, &mut inputs, feeds).await?;
    let message = match ended {
        Ended::Quit => None,
        Ended::Idle => Some("sitmon: closed after a while without input; reconnect any time."),
        Ended::Closed(SHUTDOWN) => Some("sitmon: the server is shutting down."),
        Ended::Closed(REVOKED) => {
            Some("sitmon: your key is no longer authorized on this server; closing.")
        }
        Ended::Closed(_) => None,
    };
    // The client may be gone already; nothing more to do then.
    let _ = screen.leave(message).await;
    Ok((ended, frames))
}

const SHUTDOWN: &str = "server shutting down";
const REVOKED: &str = "key revoked";

/// What tells a session its key was revoked.
struct Revocation {
    changes: watch::Receiver<u64>,
    shared: Arc<Shared>,
    key: PublicKey,
}

impl Revocation {
    /// Resolves when the keys in force no longer hold this one.
    async fn revoked(&mut self) {
        loop {
            if self.changes.changed().await.is_err() {
                return std::future::pending().await;
            }
            let allowed = self
                .shared
                .keys
                .as_ref()
                .is_some_and(|k| k.allows(&self.key));
            if !allowed {
                return;
            }
        }
    }
}

async fn revoked(r: &mut Option<Revocation>) {
    match r {
        Some(r) => r.revoked().await,
        None => std::future::pending().await,
    }
}

struct InputState {
    raw: mpsc::Receiver<Raw>,
    parser: InputParser,
    queue: VecDeque<Input>,
    shutdown: watch::Receiver<bool>,
    revocation: Option<Revocation>,
}

/// The session's inputs: parsed keys and mouse events, resizes, and a close
/// when the client leaves or the server shuts down.
fn inputs(
    raw: mpsc::Receiver<Raw>,
    shutdown: watch::Receiver<bool>,
    revocation: Option<Revocation>,
) -> impl Stream<Item = Input> + Unpin {
    let state = InputState {
        raw,
        parser: InputParser::new(),
        queue: VecDeque::new(),
        shutdown,
        revocation,
    };
    Box::pin(futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(input) = st.queue.pop_front() {
                return Some((input, st));
            }
            let waiting = st.parser.waiting();
            tokio::select! {
                raw = st.raw.recv() => match raw {
                    Some(Raw::Bytes(b)) => {
                        let events = st.parser.feed(&b);
                        st.queue.extend(events.into_iter().map(Input::Event));
                    }
                    Some(Raw::Resize(w, h)) => st.queue.push_back(Input::Event(Event::Resize(w, h))),
                    Some(Raw::Close(why)) => st.queue.push_back(Input::Close(why)),
                    None => st.queue.push_back(Input::Close("connection closed")),
                },
                _ = tokio::time::sleep(ESC_WAIT), if waiting => {
                    let events = st.parser.flush();
                    st.queue.extend(events.into_iter().map(Input::Event));
                }
                // A dropped sender also means the server is going away.
                _ = st.shutdown.wait_for(|stop| *stop) => st.queue.push_back(Input::Close(SHUTDOWN)),
                _ = revoked(&mut st.revocation) => {
                    tracing::warn!("key revoked; closing its session");
                    st.queue.push_back(Input::Close(REVOKED));
                }
            }
        }
    }))
}
