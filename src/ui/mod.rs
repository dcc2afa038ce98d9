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
pub mod keymap;
pub mod layout;
mod panes;
pub mod render;
pub mod session;
pub mod text;
pub mod theme;
pub mod tui;
pub mod view;

pub use config::UiConfig;
pub use keymap::{Command, Context, Keymap};
pub use render::render;
pub use session::{Action, Session};
pub use theme::Theme;

/// The focusable panes, in Tab order; number keys 1-7 follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    pub const ALL: [Pane; 7] = [
        Pane::Capitals,
        Pane::Battles,
        Pane::Deployments,
        Pane::Log,
        Pane::Evidence,
        Pane::Map,
        Pane::Articles,
    ];

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
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}
