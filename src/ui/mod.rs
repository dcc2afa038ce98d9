//! The dashboard: per-viewer [`Session`] state, a pure [`render()`] of it,
//! and the local terminal runner in [`tui`].
//!
//! The split is what lets the SSH server reuse everything but `tui`: a
//! session takes crossterm [`Event`](crossterm::event::Event) values (from
//! a local terminal or parsed from SSH bytes) and returns an [`Action`];
//! rendering reads only the session (its `Live`, view state and clock), so
//! any ratatui backend can draw it.

pub mod config;
pub mod driver;
pub mod form;
pub mod frames;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod listnav;
pub mod panes;
pub mod render;
pub mod session;
pub mod text;
pub mod theme;
pub mod tui;
pub mod view;

pub use config::UiConfig;
pub use keymap::{Command, Context, Keymap};
pub use render::{render, render_shared};
pub use session::{Action, Session};
pub use theme::Theme;

/// The focusable panes, in Tab order; number keys follow it. The count
/// and the list come from the enum itself.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumCount,
    strum::EnumIter,
    strum::FromRepr,
)]
pub enum Pane {
    Capitals,
    Battles,
    Deployments,
    Log,
    Evidence,
    Map,
    Articles,
}

impl Pane {
    /// Every pane, in Tab order.
    pub fn all() -> impl Iterator<Item = Pane> {
        <Pane as strum::IntoEnumIterator>::iter()
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Capitals => "Capitals",
            Pane::Battles => "Battles",
            Pane::Deployments => "Deployments",
            Pane::Log => "Event log",
            Pane::Evidence => "Evidence",
            Pane::Map => "Map",
            Pane::Articles => "Articles",
        }
    }

    /// Short name for the compact tab strip.
    pub fn tab(self) -> &'static str {
        match self {
            Pane::Capitals => "Capitals",
            Pane::Battles => "Battles",
            Pane::Deployments => "Deploy",
            Pane::Log => "Log",
            Pane::Evidence => "Evidence",
            Pane::Map => "Map",
            Pane::Articles => "Articles",
        }
    }

    /// Panes whose rows can be selected, filtered and opened.
    pub fn is_list(self) -> bool {
        !matches!(self, Pane::Evidence | Pane::Map)
    }

    pub fn next(self) -> Pane {
        use strum::EnumCount;
        Pane::from_repr((self.index() + 1) % Pane::COUNT).unwrap_or(Pane::Capitals)
    }

    pub fn prev(self) -> Pane {
        use strum::EnumCount;
        Pane::from_repr((self.index() + Pane::COUNT - 1) % Pane::COUNT).unwrap_or(Pane::Capitals)
    }
}
