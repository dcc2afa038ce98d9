//! The login grace time: a connection's socket that fails once its
//! deadline passes before the client has logged in, which ends the SSH
//! session wherever it is (waiting for the client's banner, the key
//! exchange, or authentication).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// Set by the connection handler once the client has logged in.
#[derive(Clone, Default)]
pub struct LoggedIn(Arc<AtomicBool>);

impl LoggedIn {
    pub fn set(&self) {
        self.0.store(true, Ordering::Release);
    }

    pub fn get(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// A stream that errors once `grace` has passed without [`LoggedIn`].
pub struct Graced<S> {
    inner: S,
    deadline: Option<Pin<Box<Sleep>>>,
    logged_in: LoggedIn,
    peer: String,
    expired: bool,
}

impl<S> Graced<S> {
    pub fn new(inner: S, grace: Duration, logged_in: LoggedIn, peer: String) -> Graced<S> {
        Graced {
            inner,
            deadline: Some(Box::pin(tokio::time::sleep(grace))),
            logged_in,
            peer,
            expired: false,
        }
    }

    /// Polling the deadline registers the task to be woken by it, so a
    /// client that sends nothing is still closed on time.
    fn check(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        let Some(deadline) = self.deadline.as_mut() else {
            return Ok(());
        };
        if self.logged_in.get() {
            self.deadline = None;
            return Ok(());
        }
        if deadline.as_mut().poll(cx).is_ready() {
            if !std::mem::replace(&mut self.expired, true) {
                tracing::warn!(peer = %self.peer, "not logged in within the login grace time; closed");
            }
            // Fails every later call too: the deadline stays passed.
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "login grace time over",
            ));
        }
        Ok(())
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Graced<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        this.check(cx)?;
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Graced<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.check(cx)?;
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
