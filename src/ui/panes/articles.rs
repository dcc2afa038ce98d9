//! The articles read, in file-name order, with their headlines.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

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
        .live
        .articles
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, if inner >= 60 { 28 } else { 14 });
    let head_w = inner.saturating_sub(name_w + 5 + 2);
    let rows: Vec<Row> = items
        .iter()
        .map(|&item| {
            let Item::Article(i) = item else {
                return Row::new(Vec::<Cell>::new());
            };
            let a = &view.live.articles[i];
            Row::new(vec![
                Cell::from(Span::styled(short_file(&a.name, name_w), t.dim)),
                Cell::from(format!("{:>5}", a.observations)),
                Cell::from(truncate(
                    a.headline.as_deref().unwrap_or("(no headline)"),
                    head_w,
                )),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(name_w as u16),
        Constraint::Length(5),
        Constraint::Fill(1),
    ];
    let header =
        Row::new(["File", "Facts", "Headline"]).style(Style::new().add_modifier(Modifier::BOLD));
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(selected_style(s, Pane::Articles));
    let mut state = table_state(s, Pane::Articles);
    frame.render_stateful_widget(table, area, &mut state);
}
