//! The event log, newest first. It follows new events until the viewer
//! moves in it; `F` or End follows again.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

use crate::state::{Change, Event};
use crate::ui::session::Session;
use crate::ui::text::{short_file, truncate};
use crate::ui::theme::{Theme, CORRECTED};
use crate::ui::view::Item;
use crate::ui::Pane;

use super::capitals::new_cell;
use super::{block, empty_line, selected_style, table_state};

/// Symbol and style for what an event changed to; a correction is ✎.
pub fn event_mark(t: &Theme, e: &Event) -> (&'static str, Style) {
    let style = match e.change {
        Change::Capital { after, .. } => t.standing(after),
        _ => t.accent,
    };
    if e.correction().is_some() {
        return (CORRECTED, style);
    }
    match e.change {
        Change::Capital { after, .. } => (after.symbol(), style),
        Change::Deployment { .. } => ("▲", style),
        Change::Tally { .. } => ("Σ", style),
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let view = s.view();
    let t = s.theme();
    let items = s.items(Pane::Log);
    let total = view.live.events.len();
    let mut info = if s.list(Pane::Log).filter.is_empty() {
        format!("{total} events")
    } else {
        format!("{} of {total}", items.len())
    };
    if !s.following() {
        // Short enough for the compact layout: pausing must show.
        let unseen = s.unseen_events();
        let wide = area.width >= 60;
        info = match (unseen, wide) {
            (0, true) => format!("{info} · paused"),
            (0, false) => "paused".to_string(),
            (n, true) => format!("{info} · paused, {n} new"),
            (n, false) => format!("paused, {n} new"),
        };
    }
    let block = block(s, Pane::Log, info, area.width);
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(empty_line(s, Pane::Log, "events")).block(block),
            area,
        );
        return;
    }
    let inner = usize::from(area.width.saturating_sub(2));
    let seq_w = total.saturating_sub(1).to_string().len() + 1;
    let subject_w = view
        .subject_width()
        .clamp(8, if inner >= 60 { 16 } else { 14 });
    // The article's time, or who corrected it, when there is room.
    let file_w = if inner >= 76 { 20 } else { 0 };
    let change_w = inner.saturating_sub(1 + seq_w + 1 + subject_w + file_w + 5);
    // Only the rows on screen are made: the log may hold thousands.
    let (from, to) = super::visible(s, Pane::Log, area);
    let rows: Vec<Row> = items
        .window(from, to)
        .map(|item| {
            let Item::Event(i) = item else {
                return Row::new(Vec::<Cell>::new());
            };
            let e = &view.live.events[i];
            let w = view.words(i);
            let (sym, style) = event_mark(t, e);
            // Narrow panes show only the new value (the symbol already
            // says which way a capital went).
            let change = if change_w >= 22 {
                format!("{} → {}", w.before, w.after)
            } else {
                match e.change {
                    Change::Capital { .. } if w.kind == "confirmed" => "confirmed".to_string(),
                    Change::Capital { after, .. } => after.word().to_string(),
                    _ => w.after.clone(),
                }
            };
            let mut cells = vec![
                new_cell(s, t, item),
                Cell::from(Span::styled(
                    format!("{:>w$}", format!("#{i}"), w = seq_w),
                    t.dim,
                )),
                Cell::from(Span::styled(sym, style)),
                Cell::from(Span::styled(truncate(&w.subject, subject_w), style)),
                Cell::from(Line::from(truncate(&change, change_w))),
            ];
            if file_w > 0 {
                let when = match (e.correction(), view.event_time(e), e.evidence()) {
                    (Some(c), _, _) => truncate(&format!("by {}", c.by), file_w),
                    (None, Some(time), _) => time,
                    (None, None, Some(ev)) => short_file(&ev.file, file_w),
                    (None, None, None) => String::new(),
                };
                cells.push(Cell::from(Span::styled(when, t.dim)));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(seq_w as u16),
        Constraint::Length(1),
        Constraint::Length(subject_w as u16),
        Constraint::Fill(1),
    ];
    if file_w > 0 {
        widths.push(Constraint::Length(file_w as u16));
    }
    let table = Table::new(rows, widths)
        .block(block)
        .row_highlight_style(selected_style(s, Pane::Log));
    let mut state = table_state(s, Pane::Log, from);
    frame.render_stateful_widget(table, area, &mut state);
}
