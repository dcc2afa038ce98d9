//! The local terminal runner: one [`Session`] on this process's terminal.
//!
//! It redraws only when something changed: an input event, a resize, a new
//! `Live`, or the one timer for the header's "updated N min ago" text (see
//! [`Session::next_wakeup`]). Bursts of updates are coalesced: the watch
//! channel keeps only the newest `Live`, and frames are at least
//! [`MIN_FRAME`] apart, so a burst draws once with the latest state.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
use super::render::render;
use super::session::{Action, Session};
use super::theme::Theme;

/// Shortest time between two frames.
pub const MIN_FRAME: Duration = Duration::from_millis(16);

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

fn draw(terminal: &mut Term, session: &Session) -> io::Result<()> {
    // Synchronized output: the terminal shows the frame whole, not half
    // drawn. Terminals without support ignore it.
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| render(f, session))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

/// Run the dashboard on this terminal, showing each `Live` published on
/// `rx`, until the viewer quits or the process gets SIGTERM, SIGHUP or
/// SIGINT. If the publisher goes away the last state stays on screen.
pub async fn run(mut rx: watch::Receiver<Arc<Live>>, config: Arc<UiConfig>) -> anyhow::Result<()> {
    let theme = config.theme(Theme::no_color_env());
    let first = rx.borrow_and_update().clone();
    let mut session = Session::new(first, config.clone(), theme, Instant::now());
    let mut term_sig = signal(SignalKind::terminate()).context("cannot watch SIGTERM")?;
    let mut hup_sig = signal(SignalKind::hangup()).context("cannot watch SIGHUP")?;
    let mut int_sig = signal(SignalKind::interrupt()).context("cannot watch SIGINT")?;

    let (mut terminal, _guard) = init(config.mouse).context("cannot set up the terminal")?;
    let size = terminal.size().context("cannot read the terminal size")?;
    session.resize(size.width, size.height);
    let mut events = EventStream::new();
    let mut live_open = true;
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    let mut frames = 0u64;
    tracing::info!(
        width = size.width,
        height = size.height,
        "dashboard started"
    );

    loop {
        let now = Instant::now();
        let draw_at = last_draw
            .map(|t| t + MIN_FRAME)
            .filter(|t| dirty && *t > now);
        if dirty && draw_at.is_none() {
            session.set_now(Instant::now());
            draw(&mut terminal, &session).context("cannot draw")?;
            frames += 1;
            dirty = false;
            last_draw = Some(Instant::now());
        }
        // The single timer: a pending frame, else the header's next change.
        let wake = draw_at.unwrap_or_else(|| session.next_wakeup());
        tokio::select! {
            _ = term_sig.recv() => { tracing::info!("SIGTERM"); break; }
            _ = hup_sig.recv() => { tracing::info!("SIGHUP"); break; }
            _ = int_sig.recv() => { tracing::info!("SIGINT"); break; }
            ev = events.next() => match ev {
                Some(Ok(ev)) => match session.handle(&ev) {
                    Action::Quit => break,
                    Action::Redraw => dirty = true,
                    Action::Nothing => {}
                },
                Some(Err(e)) => {
                    tracing::error!(error = %e, "terminal input failed");
                    return Err(e).context("cannot read terminal input");
                }
                None => break,
            },
            changed = rx.changed(), if live_open => match changed {
                Ok(()) => {
                    let live = rx.borrow_and_update().clone();
                    if session.update(live, Instant::now()) == Action::Redraw {
                        dirty = true;
                    }
                }
                Err(_) => {
                    tracing::info!("state publisher stopped; showing the last state");
                    live_open = false;
                }
            },
            _ = tokio::time::sleep_until(tokio::time::Instant::from_std(wake)) => dirty = true,
        }
    }
    tracing::info!(frames, "dashboard stopped");
    Ok(())
}
