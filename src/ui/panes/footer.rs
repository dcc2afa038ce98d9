//! Key hints for what can be done now, generated from the keymap, and on
//! the right how many are watching (over SSH).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::ui::input;
use crate::ui::keymap::Context;
use crate::ui::session::Session;
use crate::ui::text;

/// The contexts whose commands apply right now.
pub fn contexts(s: &Session) -> Vec<Context> {
    input::contexts(s.mode(), s.following())
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let t = s.theme();
    let right = match s.viewers() {
        Some(1) => "1 watching ".to_string(),
        Some(n) => format!("{n} watching "),
        None => String::new(),
    };
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(text::width(&right) as u16),
    ])
    .areas(area);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let room = usize::from(left_area.width);
    if let Some(n) = s.notice() {
        spans.push(Span::styled(
            text::truncate(n, room.saturating_sub(2)),
            t.accent,
        ));
        frame.render_widget(Paragraph::new(Line::from(spans)), left_area);
        if !right.is_empty() {
            frame.render_widget(Paragraph::new(Span::styled(right, t.accent)), right_area);
        }
        return;
    }
    if s.replaying().is_some() {
        let hint = "replay: [ ] step · Esc live  ";
        spans.push(Span::styled(hint, t.frozen));
        used += text::width(hint);
    }
    if s.editing_filter() {
        let hint = "type to filter  ";
        spans.push(Span::styled(hint, t.dim));
        used += text::width(hint);
    }
    for (keys, label) in s.config().keymap.footer(&contexts(s)) {
        let w = text::width(&keys) + 1 + text::width(label) + 2;
        if used + w > room {
            break;
        }
        spans.push(Span::styled(keys, t.key));
        spans.push(Span::styled(format!(" {label}  "), t.dim));
        used += w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left_area);
    if !right.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(right, t.accent)), right_area);
    }
}
