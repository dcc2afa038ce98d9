//! Drawing: a pure function of the session (its `Live`, view state and
//! clock). Any backend works: the local terminal, an SSH channel, a test.
//! Screens draw with [`render_shared`], which draws a frame once for every
//! viewer in the same state (see [`frames`](super::frames)).

use std::sync::Arc;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::frames::Drawn;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use super::panes;
use super::session::{Popup, Session};
use super::Pane;

/// [`render`], or a copy of the frame another session in the same state
/// drew of the same view. What a screen calls: the frame is the same
/// either way, and the terminal then diffs and encodes it as usual.
/// Returns the frame (see [`frames`](super::frames)).
pub fn render_shared(frame: &mut Frame, s: &Session) -> Drawn {
    let key = s.frame_key();
    let frames = s.view().frames();
    let area = frame.area();
    if let Some(drawn) = frames.get(&key, area) {
        frame
            .buffer_mut()
            .content
            .clone_from_slice(&drawn.buffer.content);
        return drawn;
    }
    render(frame, s);
    frames.put(key, Arc::new(frame.buffer_mut().clone()))
}

/// Draw the whole dashboard for one viewer.
pub fn render(frame: &mut Frame, s: &Session) {
    let area = frame.area();
    let areas = layout::compute(area, s);
    if areas.too_small {
        let msg = format!(
            "sitmon needs {MIN_WIDTH}x{MIN_HEIGHT} or more (now {}x{})",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(Line::from(msg)).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    panes::header::render(frame, areas.header, s);
    if let Some(tabs) = areas.tabs {
        panes::tabs::render(frame, tabs, s);
    }
    for &(pane, rect) in &areas.panes {
        render_pane(frame, pane, rect, s);
    }
    panes::footer::render(frame, areas.footer, s);
    if let (Some(rect), Some(popup)) = (areas.popup, s.popup()) {
        match popup {
            Popup::Help { .. } => panes::help::render(frame, rect, s),
            Popup::Detail { .. } => panes::detail::render(frame, rect, s),
            Popup::Reader { .. } => panes::reader::render(frame, rect, s),
            Popup::Correct(_) => panes::correct::render(frame, rect, s),
        }
    }
}

fn render_pane(frame: &mut Frame, pane: Pane, rect: Rect, s: &Session) {
    match pane {
        Pane::Capitals => panes::capitals::render(frame, rect, s),
        Pane::Battles => panes::battles::render(frame, rect, s),
        Pane::Deployments => panes::deployments::render(frame, rect, s),
        Pane::Log => panes::log::render(frame, rect, s),
        Pane::Evidence => panes::evidence::render(frame, rect, s),
        Pane::Map => panes::map::render(frame, rect, s),
        Pane::Articles => panes::articles::render(frame, rect, s),
    }
}
