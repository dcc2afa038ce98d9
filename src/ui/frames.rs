//! Frames drawn once for every viewer in the same state.
//!
//! [`render`](super::render()) is a pure function of a session's [`View`]
//! (the `Live` it shows, and what is derived from it once for every
//! viewer) and of what the session itself holds that shows on screen: its
//! size, focus, selections, filters, popup, seen marks, viewer count, the
//! header's age text... That second half is a [`FrameKey`]
//! ([`Session::frame_key`](super::Session::frame_key)).
//!
//! Each `View` keeps the last few frames drawn of it, by key
//! ([`Frames`]). [`render_shared`](super::render::render_shared) looks the
//! session's key up: found, it copies that buffer into the terminal's and
//! ratatui diffs it against what this viewer's terminal shows and encodes
//! the difference, as for any frame; not found, it draws, and leaves the
//! frame for the next session in the same state.
//!
//! ```text
//! new Live ─> View::shared ─> one View (and its Frames) for every viewer of it
//! session ─ frame_key ─> Frames: hit  ─> copy ─> diff, encode, send (per viewer)
//!                               miss ─> render ─> keep ─┘
//! ```
//!
//! So when an article arrives, a hundred viewers at the same size and in
//! the same panes cost one draw, not a hundred. A new `Live` is a new
//! `View` with no frames: a frame never outlives the state it shows, and
//! nothing has to be invalidated. Sessions in different states (another
//! selection, size, filter...) miss and draw their own, as before; a frozen
//! session keeps its older `View`, and shares with those frozen on it.
//!
//! The SSH screen also shares the bytes: a client whose screen shows frame
//! A and is sent frame B gets the same bytes as any other client going
//! from A to B, so each view keeps the newest encodings by (A, B) too
//! ([`Frames::encoded`]). A hundred viewers in one state then cost one
//! draw, one diff and one encoding per update; each still copies the frame
//! (its terminal's next diff starts from it) and encrypts for its client.
//!
//! Only the newest [`KEEP`] frames of a view are kept: a viewer moving
//! through a list makes a new frame per key press that nobody else is
//! likely to need.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::listnav::ListNav;
use super::session::{Baseline, Popup};
use super::theme::Theme;
use super::{Pane, UiConfig};

/// Frames (and encodings) kept per view.
pub const KEEP: usize = 16;

/// Frame ids: one counter for the process, so that an id names one frame
/// whatever view it is of.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A frame drawn of a view.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// Unique in the process.
    pub id: u64,
    pub buffer: Arc<Buffer>,
}

/// What a session shows besides its view: two sessions of one view with
/// equal keys draw the same frame. Built by
/// [`Session::frame_key`](super::Session::frame_key), which names every
/// field of the session.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameKey {
    pub(super) size: Rect,
    pub(super) config: Same<UiConfig>,
    pub(super) theme: Theme,
    pub(super) replaying: Option<(usize, usize)>,
    pub(super) frozen: Option<usize>,
    pub(super) start: Baseline,
    pub(super) focus: Pane,
    pub(super) stage: Pane,
    pub(super) zoom: bool,
    pub(super) lists: [ListNav; <Pane as strum::EnumCount>::COUNT],
    pub(super) evidence_from: Pane,
    pub(super) evidence_scroll: usize,
    pub(super) editing_filter: bool,
    pub(super) follow: bool,
    pub(super) popup: Option<Popup>,
    /// Item id -> the version seen; with `log_seen`, the "new" marks.
    pub(super) seen: HashMap<String, usize>,
    pub(super) log_seen: usize,
    pub(super) viewers: Option<usize>,
    pub(super) flash: Option<String>,
    pub(super) notice: Option<String>,
    /// The header's "updated ..." as shown, not the clock: sessions whose
    /// clocks differ by less than the text does share.
    pub(super) age: String,
    pub(super) stale: bool,
}

/// An `Arc` compared by identity: the configuration every session of a
/// server shares.
#[derive(Debug, Clone)]
pub struct Same<T>(pub Arc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The frames drawn of one view, newest first, and how many were drawn.
#[derive(Default)]
pub struct Frames {
    inner: Mutex<Inner>,
}

/// The bytes that turn a screen showing frame `.0.0` into frame `.0.1`.
type Encoded = ((u64, u64), Arc<[u8]>);

#[derive(Default)]
struct Inner {
    kept: Vec<(FrameKey, Drawn)>,
    encoded: Vec<Encoded>,
    drawn: u64,
}

impl Frames {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The frame drawn for `key` at `area`, if one is kept.
    pub fn get(&self, key: &FrameKey, area: Rect) -> Option<Drawn> {
        let mut inner = self.lock();
        let i = inner
            .kept
            .iter()
            .position(|(k, d)| d.buffer.area == area && k == key)?;
        // Newest first: what is asked for stays.
        let hit = inner.kept.remove(i);
        let drawn = hit.1.clone();
        inner.kept.insert(0, hit);
        Some(drawn)
    }

    /// Keep `buffer`, just drawn for `key`; returns it with its id. When
    /// another session drew the same key meanwhile, its frame (the same)
    /// is the one kept and returned: sessions in one state show one id.
    pub fn put(&self, key: FrameKey, buffer: Arc<Buffer>) -> Drawn {
        let mut inner = self.lock();
        inner.drawn += 1;
        let area = buffer.area;
        if let Some((_, d)) = inner
            .kept
            .iter()
            .find(|(k, d)| d.buffer.area == area && *k == key)
        {
            return d.clone();
        }
        let drawn = Drawn {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            buffer,
        };
        inner.kept.insert(0, (key, drawn.clone()));
        inner.kept.truncate(KEEP);
        drawn
    }

    /// The bytes that take a screen from frame `from` to frame `to`, if a
    /// screen was sent them.
    pub fn encoded(&self, from: u64, to: u64) -> Option<Arc<[u8]>> {
        let inner = self.lock();
        inner
            .encoded
            .iter()
            .find(|(k, _)| *k == (from, to))
            .map(|(_, b)| b.clone())
    }

    /// Keep the bytes that took a screen from frame `from` to frame `to`.
    pub fn keep_encoded(&self, from: u64, to: u64, bytes: Arc<[u8]>) {
        let mut inner = self.lock();
        inner.encoded.retain(|(k, _)| *k != (from, to));
        inner.encoded.insert(0, ((from, to), bytes));
        inner.encoded.truncate(KEEP);
    }

    /// How many frames of this view were drawn (not copied) so far.
    pub fn drawn(&self) -> u64 {
        self.lock().drawn
    }

    /// How many frames are kept.
    pub fn len(&self) -> usize {
        self.lock().kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
