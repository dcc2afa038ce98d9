//! The compact layout's pane tabs: which pane is where, and which have
//! something new.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::ui::layout::{tab_label, tab_spans};
use crate::ui::session::Session;
use crate::ui::theme::NEW;
use crate::ui::Pane;

fn has_new(s: &Session, pane: Pane) -> bool {
    pane.is_list() && s.has_new(pane)
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let t = s.theme();
    let visible: Vec<Pane> = s.areas().panes.iter().map(|(p, _)| *p).collect();
    let mut spans = Vec::new();
    let mut x = area.x;
    for (p, a, b) in tab_spans(area) {
        if a > x {
            spans.push(Span::raw(" ".repeat(usize::from(a - x))));
        }
        let mut label = tab_label(p);
        if has_new(s, p) {
            // Replace the trailing space so the width stays the same.
            label.pop();
            label.push_str(NEW);
        }
        let style = if p == s.focus() {
            t.selected.add_modifier(Modifier::BOLD)
        } else if visible.contains(&p) {
            t.accent.remove_modifier(Modifier::BOLD)
        } else {
            t.dim
        };
        spans.push(Span::styled(label, style));
        x = b;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
