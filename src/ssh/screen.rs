//! One SSH client's terminal as a [`Screen`]: ratatui draws into a byte
//! buffer, and the frame goes to the channel as one message. Nothing here
//! looks at the server's own terminal.
//!
//! Frames and their encodings are shared with the other sessions (see
//! `ui::frames`): the screen remembers which frame its client shows, and
//! when another client was already taken from that frame to the new one,
//! it sends the same bytes instead of diffing and encoding again. Either
//! way ratatui's buffers end up holding the frame sent, so the next diff
//! starts from what the client shows.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, queue};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::server::Msg;
use russh::ChannelWriteHalf;

use crate::ui::driver::Screen;
use crate::ui::{render_shared, Session};

/// The frame being written; the screen keeps a second handle to take it.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    /// What was written past `from`.
    fn since(&self, from: usize) -> Arc<[u8]> {
        let v = self.0.lock().unwrap_or_else(|p| p.into_inner());
        Arc::from(v.get(from..).unwrap_or_default())
    }

    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct SshScreen {
    terminal: Terminal<CrosstermBackend<Sink>>,
    sink: Sink,
    out: Arc<ChannelWriteHalf<Msg>>,
    mouse: bool,
    /// The id of the frame the client's screen shows, when it shows one
    /// whole (not before the first frame or after a resize).
    shown: Option<u64>,
}

fn gone() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the SSH channel is closed")
}

impl SshScreen {
    pub fn new(
        out: Arc<ChannelWriteHalf<Msg>>,
        (width, height): (u16, u16),
        mouse: bool,
    ) -> io::Result<SshScreen> {
        let sink = Sink::default();
        let terminal = Terminal::with_options(
            CrosstermBackend::new(sink.clone()),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
            },
        )?;
        Ok(SshScreen {
            terminal,
            sink,
            out,
            mouse,
            shown: None,
        })
    }

    /// Take over the client's terminal: alternate screen, no cursor, mouse.
    pub async fn enter(&mut self) -> io::Result<()> {
        let w = self.terminal.backend_mut();
        queue!(w, EnterAlternateScreen, Clear(ClearType::All), cursor::Hide)?;
        if self.mouse {
            queue!(w, EnableMouseCapture)?;
        }
        self.send().await
    }

    /// Give the client's terminal back as it was, then print `message`.
    pub async fn leave(&mut self, message: Option<&str>) -> io::Result<()> {
        let w = self.terminal.backend_mut();
        if self.mouse {
            queue!(w, DisableMouseCapture)?;
        }
        queue!(w, LeaveAlternateScreen, cursor::Show)?;
        if let Some(m) = message {
            // The client's PTY is raw: end lines with CR LF.
            write!(w, "{m}\r\n")?;
        }
        self.send().await
    }

    async fn send(&mut self) -> io::Result<()> {
        let bytes = self.sink.take();
        if bytes.is_empty() {
            return Ok(());
        }
        // Waits while the client's SSH window is full: a stalled client
        // stalls only this session, which skips the states published
        // meanwhile, and the server holds at most one window of its frames.
        self.out.data_bytes(bytes).await.map_err(|_| gone())
    }
}

impl Screen for SshScreen {
    async fn draw(&mut self, session: &Session) -> io::Result<()> {
        if session.wants_bell() {
            self.terminal.backend_mut().write_all(b"\x07")?;
        }
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        // Terminal::draw, in its steps: the frame into the current buffer,
        // the diff against the previous one (the client's screen) to the
        // sink, the cursor, the buffers swapped.
        let drawn = render_shared(&mut self.terminal.get_frame(), session);
        let frames = session.view().frames();
        let from = self.shown.take();
        match from.and_then(|from| frames.encoded(from, drawn.id)) {
            Some(bytes) => self.terminal.backend_mut().write_all(&bytes)?,
            None => {
                let start = self.sink.len();
                self.terminal.flush()?;
                if let Some(from) = from {
                    frames.keep_encoded(from, drawn.id, self.sink.since(start));
                }
            }
        }
        self.terminal.hide_cursor()?;
        self.terminal.swap_buffers();
        self.shown = Some(drawn.id);
        queue!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        self.send().await
    }

    fn resize(&mut self, width: u16, height: u16) -> io::Result<()> {
        // Clears the client's screen (queued) and redraws it whole next frame.
        self.shown = None;
        self.terminal.resize(Rect::new(0, 0, width, height))
    }
}
