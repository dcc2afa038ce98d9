//! Ongoing battles: the contested capitals.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

use crate::ui::session::Session;
use crate::ui::theme::CONTESTED;
use crate::ui::view::Item;
use crate::ui::Pane;

use super::capitals::{new_cell, since};
use super::{block, count_info, empty_line, selected_style, table_state};

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let view = s.view();
    let snap = &view.live.snapshot;
    let t = s.theme();
    let items = s.items(Pane::Battles);
    let filtered = !s.list(Pane::Battles).filter.is_empty();
    let block = block(
        s,
        Pane::Battles,
        count_info(items.len(), snap.battles.len(), filtered),
        area.width,
    );
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(empty_line(s, Pane::Battles, "battles")).block(block),
            area,
        );
        return;
    }
    let inner = usize::from(area.width.saturating_sub(2));
    let name_w = snap
        .battles
        .iter()
        .map(|b| crate::ui::text::width(&b.location))
        .max()
        .unwrap_or(8);
    // The file goes in "since" only when names keep their room.
    let since_w = if inner >= 1 + 1 + name_w + 18 + 3 + 4 {
        18
    } else {
        5
    };
    let rows: Vec<Row> = items
        .iter()
        .map(|item| {
            let Item::Battle(i) = item else {
                return Row::new(Vec::<Cell>::new());
            };
            let b = &snap.battles[i];
            let seq = view
                .capital_index(&b.location)
                .and_then(|c| view.capital_since[c]);
            Row::new(vec![
                new_cell(s, t, item),
                Cell::from(Span::styled(CONTESTED, t.contested)),
                Cell::from(Span::styled(b.location.clone(), t.contested)),
                Cell::from(Span::styled(since(view, seq, since_w), t.dim)),
                Cell::from(format!("{:>3}", view.evidence_files(item))),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(since_w as u16),
        Constraint::Length(3),
    ];
    let header = Row::new(["", "", "Location", "Since", "Src"])
        .style(Style::new().add_modifier(Modifier::BOLD));
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(selected_style(s, Pane::Battles));
    let mut state = table_state(s, Pane::Battles, 0);
    frame.render_stateful_widget(table, area, &mut state);
}
