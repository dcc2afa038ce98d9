//! Evacuation deployments: country, troops, sources.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

use crate::ui::session::Session;
use crate::ui::text::{thousands, truncate};
use crate::ui::theme::CORRECTED;
use crate::ui::view::Item;
use crate::ui::Pane;

use super::capitals::{new_cell, since};
use super::{block, empty_line, selected_style, table_state};

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let view = s.view();
    let snap = &view.live.snapshot;
    let t = s.theme();
    let items = s.items(Pane::Deployments);
    let info = if s.list(Pane::Deployments).filter.is_empty() {
        format!("{} troops", thousands(view.troops()))
    } else {
        format!("{} of {}", items.len(), snap.deployments.len())
    };
    let block = block(s, Pane::Deployments, info, area.width);
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(empty_line(s, Pane::Deployments, "deployments")).block(block),
            area,
        );
        return;
    }
    let inner = usize::from(area.width.saturating_sub(2));
    let longest = snap
        .deployments
        .iter()
        .map(|d| crate::ui::text::width(&d.country))
        .max()
        .unwrap_or(8);
    // The file goes in "since" only when names keep their room.
    let since_w = if inner >= 1 + longest + 8 + 18 + 3 + 4 {
        18
    } else {
        5
    };
    let country_w = inner.saturating_sub(1 + 8 + since_w + 3 + 4).clamp(6, 24);
    let rows: Vec<Row> = items
        .iter()
        .map(|item| {
            let Item::Deployment(i) = item else {
                return Row::new(Vec::<Cell>::new());
            };
            let d = &snap.deployments[i];
            let mark = if d.correction.is_some() {
                CORRECTED
            } else {
                ""
            };
            let troops = match d.troops {
                Some(n) => Span::raw(format!(
                    "{:>8}",
                    format!("{mark}{}", thousands(u64::from(n)))
                )),
                None => Span::styled(format!("{:>8}", format!("{mark}no count")), t.dim),
            };
            Row::new(vec![
                new_cell(s, t, item),
                Cell::from(truncate(&d.country, country_w)),
                Cell::from(Line::from(troops)),
                Cell::from(Span::styled(
                    since(view, view.deployment_since[i], since_w),
                    t.dim,
                )),
                Cell::from(format!("{:>3}", view.evidence_files(item))),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(1),
        Constraint::Length(country_w as u16),
        Constraint::Length(8),
        Constraint::Length(since_w as u16),
        Constraint::Length(3),
    ];
    let header = Row::new(["", "Country", "  Troops", "Since", "Src"])
        .style(Style::new().add_modifier(Modifier::BOLD));
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(selected_style(s, Pane::Deployments));
    let mut state = table_state(s, Pane::Deployments, 0);
    frame.render_stateful_widget(table, area, &mut state);
}
