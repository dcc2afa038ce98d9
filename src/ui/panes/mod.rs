//! One module per pane. Each draws from the session alone.

pub mod articles;
pub mod battles;
pub mod capitals;
pub mod correct;
pub mod deployments;
pub mod detail;
pub mod evidence;
pub mod footer;
pub mod header;
pub mod help;
pub mod log;
pub mod map;
pub mod reader;
pub mod tabs;

use ratatui::layout::Alignment;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, TableState};
use ratatui::Frame;

use super::session::Session;
use super::Pane;

/// The frame of a pane: number and title, an info text on the right, and
/// the filter (while typed or kept) at the bottom.
pub fn block<'a>(s: &Session, pane: Pane, info: String, width: u16) -> Block<'a> {
    let t = s.theme();
    let focused = s.focus() == pane;
    let (border, kind) = if focused {
        (t.focus_border, BorderType::Thick)
    } else {
        (t.border, BorderType::Plain)
    };
    let title_style = if focused {
        t.accent
    } else if t.mono {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        // Titles inherit the border's dark grey otherwise: too faint.
        Style::new().fg(Color::Reset).add_modifier(Modifier::BOLD)
    };
    let mut b = Block::bordered()
        .border_type(kind)
        .border_style(border)
        .title(Line::from(vec![
            Span::styled(format!(" {} ", pane.index() + 1), t.key),
            Span::styled(format!("{} ", pane.title()), title_style),
        ]));
    // Lists say where the selection is ("12/34") and any order but their
    // own.
    let mut info = info;
    let mut short = String::new();
    if pane.is_list() {
        let st = s.list(pane);
        if let Some(label) = st.sort.label(pane) {
            info = join(&info, label);
            short = label.to_string();
        }
        let len = s.items(pane).len();
        if len > 0 {
            info = join(&info, &st.position(len));
            short = join(&short, &st.position(len));
        }
    }
    // The title wins when neither fits; the position is kept longest.
    let title_w = 4 + pane.title().len() + 2;
    let fits = |i: &str| title_w + crate::ui::text::width(i) + 4 <= usize::from(width);
    let info = [info, short]
        .into_iter()
        .find(|i| fits(i))
        .unwrap_or_default();
    if !info.is_empty() {
        b = b.title(
            Line::from(Span::styled(format!(" {info} "), t.dim)).alignment(Alignment::Right),
        );
    }
    let filter = &s.list(pane).filter;
    let editing = focused && s.editing_filter();
    if editing || !filter.is_empty() {
        let cursor = if editing { "▏" } else { "" };
        b = b.title_bottom(Line::from(vec![
            Span::styled(" /", t.key),
            Span::raw(format!("{filter}{cursor} ")),
        ]));
    }
    b
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a} · {b}")
    }
}

/// The style of the selected row: strong in the focused pane, a hint
/// elsewhere (the evidence pane still follows it).
pub fn selected_style(s: &Session, pane: Pane) -> Style {
    let t = s.theme();
    if s.focus() == pane && !s.popup_open() {
        t.selected
    } else if t.mono {
        Style::new().add_modifier(Modifier::UNDERLINED)
    } else {
        Style::new().bg(ratatui::style::Color::DarkGray)
    }
}

/// The table state of a list whose rows were made from row `from` on
/// (0: all of them).
pub fn table_state(s: &Session, pane: Pane, from: usize) -> TableState {
    let st = s.list(pane);
    TableState::new()
        .with_offset(st.offset.saturating_sub(from))
        .with_selected(st.id.as_ref().and_then(|_| st.selected.checked_sub(from)))
}

/// The rows of a list pane of height `area` on screen now: from its
/// scroll offset, a screenful.
pub fn visible(s: &Session, pane: Pane, area: Rect) -> (usize, usize) {
    let st = s.list(pane);
    let rows = usize::from(area.height);
    let from = st.offset.min(st.selected);
    (from, from.saturating_add(rows).max(st.selected + 1))
}

/// "3 of 34" while filtered, else "34".
pub fn count_info(shown: usize, total: usize, filtered: bool) -> String {
    if filtered {
        format!("{shown} of {total}")
    } else {
        total.to_string()
    }
}

/// Shown inside an empty list.
pub fn empty_line<'a>(s: &Session, pane: Pane, what: &str) -> Line<'a> {
    let msg = if s.list(pane).filter.is_empty() {
        format!("No {what} yet")
    } else {
        format!("No {what} match the filter (Esc clears it)")
    };
    Line::from(Span::styled(msg, s.theme().dim))
}

/// A popup over the panes (help, detail): cleared area, thick border,
/// scrolled content, and a "more below" hint when it does not fit.
pub fn popup(
    frame: &mut Frame,
    area: Rect,
    s: &Session,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
) {
    let t = s.theme();
    let more = lines.len().saturating_sub(scroll) > usize::from(area.height.saturating_sub(2));
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(t.focus_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {title} "), t.accent));
    let block = if more {
        block.title_bottom(Line::from(Span::styled(" more below ↓ ", t.dim)).right_aligned())
    } else {
        block
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll.min(u16::MAX as usize) as u16, 0)),
        area,
    );
}
