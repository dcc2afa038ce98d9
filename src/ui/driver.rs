//! The loop that runs one viewer's dashboard, shared by the local terminal
//! ([`tui`](super::tui)) and every SSH session (`crate::ssh`).
//!
//! It redraws only when something changed: an input, a resize, a new
//! `Live`, a new viewer count, or the one timer for the header's "updated
//! N min ago" text (see [`Session::next_wakeup`]). Bursts coalesce: the
//! watch channel keeps only the newest `Live`, and frames are at least
//! [`MIN_FRAME`] apart. A [`Screen`] that is slow to take a frame (an SSH
//! client that stopped reading) simply makes this loop skip the states
//! published meanwhile; nothing upstream waits for it.

use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::Event;
use futures_util::{Stream, StreamExt};
use tokio::sync::watch;

use crate::live::Live;

use super::session::{Action, Request, Session};

/// Shortest time between two frames.
pub const MIN_FRAME: Duration = Duration::from_millis(16);

/// Where a session's frames go.
pub trait Screen {
    /// Draw the session and hand the frame to the terminal. Returns when
    /// the frame has been taken (a remote screen may make this wait).
    fn draw(&mut self, session: &Session) -> impl Future<Output = io::Result<()>> + Send;
    /// The terminal is now `width` x `height`.
    fn resize(&mut self, width: u16, height: u16) -> io::Result<()>;
}

/// What reaches a session besides new states.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A key, mouse or resize event (resizes also reach the [`Screen`]).
    Event(Event),
    /// The viewer's connection or terminal is going away.
    Close(&'static str),
}

/// Why [`drive`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The viewer quit.
    Quit,
    /// Input ended or [`Input::Close`] arrived, with its reason.
    Closed(&'static str),
    /// No input for the idle timeout.
    Idle,
}

/// Where a session's states and viewer count come from.
pub struct Feeds {
    pub lives: watch::Receiver<Arc<Live>>,
    /// How many are watching; `None` for the local terminal.
    pub viewers: Option<watch::Receiver<usize>>,
    /// End the session after this long without input.
    pub idle: Option<Duration>,
    /// Where corrections and briefs are written; `None`: nowhere (tests).
    pub desk: Option<Arc<Desk>>,
}

/// Carries out what sessions ask for, in the feeds folder: corrections go
/// to the journal (which the watcher reads back and publishes to every
/// viewer), briefs to `.sitmon/briefs/`.
#[derive(Debug, Clone)]
pub struct Desk {
    pub feeds: std::path::PathBuf,
}

impl Desk {
    /// Do `r`; returns what to tell the viewer.
    pub fn perform(&self, r: Request) -> String {
        match r {
            Request::Correct(entry) => match crate::corrections::append(&self.feeds, &entry) {
                Ok(_) => {
                    let what = entry
                        .capital
                        .or(entry.country)
                        .or(entry.dismiss.map(|d| format!("a sentence of {}", d.file)))
                        .unwrap_or_default();
                    tracing::info!(by = %entry.by, via = ?entry.via, %what, clear = entry.clear, "correction saved");
                    format!("✎ Correction of {what} saved; every viewer sees it.")
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot save a correction");
                    format!("Cannot save the correction: {e}")
                }
            },
            Request::Brief(live) => match crate::brief::write(&self.feeds, &live) {
                Ok(path) => format!("Brief written to {}", path.display()),
                Err(e) => format!("Cannot write the brief: {e}"),
            },
        }
    }
}

/// Run `session` on `screen` until the viewer quits, input ends or the
/// idle timeout passes. Returns the reason and the number of frames drawn.
pub async fn drive<S, I>(
    screen: &mut S,
    session: &mut Session,
    inputs: &mut I,
    mut feeds: Feeds,
) -> io::Result<(Ended, u64)>
where
    S: Screen,
    I: Stream<Item = Input> + Unpin,
{
    let mut live_open = true;
    if let Some(v) = feeds.viewers.as_mut() {
        let n = *v.borrow_and_update();
        session.set_viewers(Some(n));
    }
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    let mut last_input = Instant::now();
    let mut frames = 0u64;

    loop {
        let now = Instant::now();
        let draw_at = last_draw
            .map(|t| t + MIN_FRAME)
            .filter(|t| dirty && *t > now);
        if dirty && draw_at.is_none() {
            session.set_now(Instant::now());
            screen.draw(session).await?;
            session.bell_rung();
            frames += 1;
            dirty = false;
            last_draw = Some(Instant::now());
        }
        // The single timer: a pending frame, else the header's next change,
        // else the idle deadline.
        let mut wake = draw_at.unwrap_or_else(|| session.next_wakeup());
        // Past what the clock can hold: never.
        let idle_at = feeds.idle.and_then(|d| last_input.checked_add(d));
        if let Some(at) = idle_at {
            wake = wake.min(at);
        }
        tokio::select! {
            input = inputs.next() => match input {
                Some(Input::Event(ev)) => {
                    last_input = Instant::now();
                    if let Event::Resize(w, h) = ev {
                        screen.resize(w, h)?;
                    }
                    match session.handle(&ev) {
                        Action::Quit => return Ok((Ended::Quit, frames)),
                        Action::Redraw => dirty = true,
                        Action::Nothing => {}
                    }
                    for r in session.take_requests() {
                        let message = match &feeds.desk {
                            Some(desk) => {
                                let desk = desk.clone();
                                tokio::task::spawn_blocking(move || desk.perform(r))
                                    .await
                                    .unwrap_or_else(|e| format!("failed: {e}"))
                            }
                            None => "Nothing is written from this session.".to_string(),
                        };
                        session.notify(message, Instant::now());
                        dirty = true;
                    }
                }
                Some(Input::Close(why)) => return Ok((Ended::Closed(why), frames)),
                None => return Ok((Ended::Closed("input ended"), frames)),
            },
            changed = feeds.lives.changed(), if live_open => match changed {
                Ok(()) => {
                    let live = feeds.lives.borrow_and_update().clone();
                    if session.update(live, Instant::now()) == Action::Redraw {
                        dirty = true;
                    }
                }
                Err(_) => {
                    tracing::info!("state publisher stopped; showing the last state");
                    live_open = false;
                }
            },
            n = viewers_changed(feeds.viewers.as_mut()) => match n {
                Ok(n) => {
                    if session.set_viewers(Some(n)) == Action::Redraw {
                        dirty = true;
                    }
                }
                Err(_) => feeds.viewers = None,
            },
            _ = tokio::time::sleep_until(tokio::time::Instant::from_std(wake)) => {
                if idle_at.is_some_and(|at| Instant::now() >= at) {
                    return Ok((Ended::Idle, frames));
                }
                dirty = true;
            }
        }
    }
}

/// The next viewer count; never, for a session without one.
async fn viewers_changed(
    v: Option<&mut watch::Receiver<usize>>,
) -> Result<usize, watch::error::RecvError> {
    match v {
        Some(v) => v.changed().await.map(|()| *v.borrow_and_update()),
        None => std::future::pending().await,
    }
}
