//! The articles read, in file-name order, with their headlines.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

use crate::model::TimeSource;
use crate::ui::session::Session;
use crate::ui::text::{short_file, truncate};
use crate::ui::view::Item;
use crate::ui::Pane;

use super::{block, count_info, empty_line, selected_style, table_state};

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let view = s.view();
    let t = s.theme();
    let items = s.items(Pane::Articles);
    let total = view.live.articles.len();
    let filtered = !s.list(Pane::Articles).filter.is_empty();
    let mut info = count_info(items.len(), total, filtered) + " read";
    // Files the watcher skipped (unreadable, empty, binary): named in the log.
    match view.live.warnings.len() {
        0 => {}
        1 => info.push_str(" · 1 skipped"),
        n => info.push_str(&format!(" · {n} skipped")),
    }
    let block = block(s, Pane::Articles, info, area.width);
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(empty_line(s, Pane::Articles, "articles")).block(block),
            area,
        );
        return;
    }
    let inner = usize::from(area.width.saturating_sub(2));
    let name_w = view
        .name_width()
        .clamp(8, if inner >= 60 { 28 } else { 14 });
    // The time column when there is room: "Aug 13 06:20".
    let time_w = if inner >= 70 { 12 } else { 0 };
    let head_w = inner.saturating_sub(name_w + 5 + 2 + time_w + usize::from(time_w > 0));
    // Only the rows on screen are made: there may be a month of articles.
    let (from, to) = super::visible(s, Pane::Articles, area);
    let rows: Vec<Row> = items
        .window(from, to)
        .map(|item| {
            let Item::Article(i) = item else {
                return Row::new(Vec::<Cell>::new());
            };
            let a = &view.live.articles[i];
            let mut cells = vec![Cell::from(Span::styled(
                short_file(a.name(), name_w),
                t.dim,
            ))];
            if time_w > 0 {
                // A file time is only when it arrived: dim, as a guess.
                let (text, style) = match a.time() {
                    Some(tm) if tm.source == TimeSource::FileTime => (tm.short(), t.dim),
                    Some(tm) => (tm.short(), ratatui::style::Style::new()),
                    None => ("–".to_string(), t.dim),
                };
                cells.push(Cell::from(Span::styled(text, style)));
            }
            cells.push(Cell::from(format!("{:>5}", a.observations.len())));
            cells.push(Cell::from(truncate(
                a.headline().unwrap_or("(no headline)"),
                head_w,
            )));
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Length(name_w as u16)];
    let mut titles = vec!["File"];
    if time_w > 0 {
        widths.push(Constraint::Length(time_w as u16));
        titles.push("Published");
    }
    widths.extend([Constraint::Length(5), Constraint::Fill(1)]);
    titles.extend(["Facts", "Headline"]);
    let header = Row::new(titles).style(Style::new().add_modifier(Modifier::BOLD));
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(selected_style(s, Pane::Articles));
    let mut state = table_state(s, Pane::Articles, from);
    frame.render_stateful_widget(table, area, &mut state);
}
