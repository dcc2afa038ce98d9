//! One SSH client's terminal as a [`Screen`]: ratatui draws into a byte
//! buffer, and the frame goes to the channel as one message. Nothing here
//! looks at the server's own terminal.

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
        self.terminal.draw(|f| render_shared(f, session))?;
        queue!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        self.send().await
    }

    fn resize(&mut self, width: u16, height: u16) -> io::Result<()> {
        // Clears the client's screen (queued) and redraws it whole next frame.
        self.terminal.resize(Rect::new(0, 0, width, height))
    }
}
