//! The local terminal runner: one [`Session`] on this process's terminal.
//!
//! The loop itself is [`drive`], shared with the SSH sessions; this file
//! only owns the terminal: raw mode, the alternate screen, signals.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use crossterm::event::{DisableMouseCapture, EnableMouseCapture, EventStream};
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, BeginSynchronizedUpdate, EndSynchronizedUpdate,
    EnterAlternateScreen, LeaveAlternateScreen,
};
use crossterm::{cursor, execute};
use futures_util::StreamExt;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::watch;

use crate::live::Live;

use super::config::UiConfig;
use super::driver::{drive, Desk, Ended, Feeds, Input, Screen};
use super::render::render_shared;
use super::session::Session;
use super::theme::Theme;

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal back however the dashboard ends: return, error or
/// panic (the panic hook calls the same [`restore`]).
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leave raw mode, the alternate screen and mouse capture. Safe to call
/// twice. Errors are ignored: there is no better place to report them.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn init(mouse: bool) -> io::Result<(Term, Guard)> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // the extractor's panics are caught: the monitor goes on
        if crate::state::extracting() {
            return;
        }
        restore();
        hook(info);
    }));
    enable_raw_mode()?;
    let guard = Guard;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    let terminal = Terminal::new(CrosstermBackend::new(out))?;
    Ok((terminal, guard))
}

/// The local terminal as a [`Screen`]: ratatui sizes it itself.
struct Local(Term);

impl Screen for Local {
    async fn draw(&mut self, session: &Session) -> io::Result<()> {
        // Synchronized output: the terminal shows the frame whole, not half
        // drawn. Terminals without support ignore it.
        if session.wants_bell() {
            self.0.backend_mut().write_all(b"\x07")?;
        }
        execute!(self.0.backend_mut(), BeginSynchronizedUpdate)?;
        self.0.draw(|f| {
            render_shared(f, session);
        })?;
        execute!(self.0.backend_mut(), EndSynchronizedUpdate)?;
        Ok(())
    }

    fn resize(&mut self, _width: u16, _height: u16) -> io::Result<()> {
        self.0.autoresize()
    }
}

/// The signals that end the session, by the name its close gives.
const SIGNALS: [(&str, i32); 3] = [
    ("SIGTERM", libc::SIGTERM),
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
];

/// SIGTERM, SIGHUP and SIGINT, as inputs that end the session.
fn signals() -> anyhow::Result<impl futures_util::Stream<Item = Input> + Unpin> {
    let mut streams = Vec::new();
    for (name, number) in SIGNALS {
        let kind = SignalKind::from_raw(number);
        let sig = signal(kind).with_context(|| format!("cannot watch {name}"))?;
        streams.push(Box::pin(futures_util::stream::unfold(
            sig,
            move |mut sig| async move { sig.recv().await.map(|()| (Input::Close(name), sig)) },
        )));
    }
    Ok(futures_util::stream::select_all(streams))
}

/// Run the dashboard on this terminal, showing each `Live` published on
/// `rx`, until the viewer quits or the process gets SIGTERM, SIGHUP or
/// SIGINT (then its number is returned). If the publisher goes away the
/// last state stays on screen.
pub async fn run(
    mut rx: watch::Receiver<Arc<Live>>,
    config: Arc<UiConfig>,
    desk: Option<Arc<Desk>>,
) -> anyhow::Result<Option<i32>> {
    let theme = config.theme(Theme::no_color_env());
    let first = rx.borrow_and_update().clone();
    let mut session = Session::new(first, config.clone(), theme, Instant::now());
    let signals = signals()?;

    let (terminal, _guard) = init(config.mouse).context("cannot set up the terminal")?;
    let mut screen = Local(terminal);
    let size = screen.0.size().context("cannot read the terminal size")?;
    session.resize(size.width, size.height);
    let events = EventStream::new().map(|ev| match ev {
        Ok(ev) => Input::Event(ev),
        Err(e) => {
            tracing::error!(error = %e, "terminal input failed");
            Input::Close("terminal input failed")
        }
    });
    let mut inputs = futures_util::stream::select(events, signals);
    tracing::info!(
        width = size.width,
        height = size.height,
        "dashboard started"
    );
    let feeds = Feeds {
        lives: rx,
        viewers: None,
        idle: None,
        desk,
    };
    let (ended, frames) = drive(&mut screen, &mut session, &mut inputs, feeds)
        .await
        .context("cannot draw")?;
    tracing::info!(frames, ?ended, "dashboard stopped");
    Ok(match ended {
        Ended::Closed(why) => SIGNALS.iter().find(|(n, _)| *n == why).map(|(_, s)| *s),
        _ => None,
    })
}
