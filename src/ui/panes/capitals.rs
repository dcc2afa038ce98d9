//! The capitals table: status, certainty, since which event, sources.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table};
use ratatui::Frame;

use crate::state::Standing;
use crate::ui::session::Session;
use crate::ui::text::{short_file, truncate};
use crate::ui::theme::{Theme, CORRECTED, NEW};
use crate::ui::view::{Item, View};
use crate::ui::Pane;

use super::{block, count_info, empty_line, selected_style, table_state};

fn certainty(s: Standing) -> &'static str {
    match s {
        Standing::Claimed => "claimed",
        Standing::Fallen => "confirmed",
        _ => "",
    }
}

/// "#12", or "#12 Aug 13 06:20" (else the file) when there is room.
pub fn since(view: &View, seq: Option<usize>, room: usize) -> String {
    match seq {
        None => "–".to_string(),
        Some(n) if room > 8 => {
            let e = &view.live.events[n];
            let tag = format!("#{n}");
            let what = view.event_time(e).unwrap_or_else(|| {
                e.evidence()
                    .map(|ev| short_file(&ev.file, room - tag.len() - 1))
                    .unwrap_or_default()
            });
            truncate(&format!("{tag} {what}"), room)
        }
        Some(n) => format!("#{n}"),
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let view = s.view();
    let snap = &view.live.snapshot;
    let t = s.theme();
    let items = s.items(Pane::Capitals);
    let c = &snap.counts;
    let info = if s.list(Pane::Capitals).filter.is_empty() {
        format!(
            "{} fallen ({} claimed) · {} contested · {} held",
            c.fallen, c.claimed, c.contested, c.held
        )
    } else {
        count_info(items.len(), snap.capitals.len(), true)
    };
    let block = block(s, Pane::Capitals, info, area.width);
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new(empty_line(s, Pane::Capitals, "capitals")).block(block),
            area,
        );
        return;
    }
    let inner = area.width.saturating_sub(2) as usize;
    // Narrower panes drop the certainty and the file of "since" (the
    // status word then says "claimed" for a claimed fall), then the
    // province.
    let wide = inner >= 76;
    let province = inner >= 54;
    let name_w = snap
        .capitals
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 16);
    let since_w = if wide { 18 } else { 5 };
    // What the province column gets (Fill), for cutting with an ellipsis.
    let fixed = 2 + name_w + 10 + since_w + 3 + if wide { 9 } else { 0 };
    let cols = if wide { 8 } else { 7 };
    let province_w = inner.saturating_sub(fixed + cols - 1);
    let mut widths = vec![Constraint::Length(1), Constraint::Length(1)];
    widths.push(Constraint::Length(name_w as u16));
    if province {
        widths.push(Constraint::Fill(1));
    }
    widths.push(Constraint::Length(10));
    if wide {
        widths.push(Constraint::Length(9));
    }
    widths.push(Constraint::Length(since_w as u16));
    widths.push(Constraint::Length(3));
    let mut header = vec!["", "", "Capital"];
    if province {
        header.push("Province");
    }
    header.push("Status");
    if wide {
        header.push("Certainty");
    }
    header.extend(["Since", "Src"]);
    let header = Row::new(header).style(Style::new().add_modifier(Modifier::BOLD));
    let rows: Vec<Row> = items
        .iter()
        .map(|item| {
            let Item::Capital(i) = item else {
                return Row::new(Vec::<Cell>::new());
            };
            let cap = &snap.capitals[i];
            let standing = cap.standing();
            let st = t.standing(standing);
            let mut cells = vec![
                new_cell(s, t, item),
                Cell::from(Span::styled(standing.symbol(), st)),
                Cell::from(Span::styled(truncate(&cap.name, name_w), st)),
            ];
            if province {
                cells.push(Cell::from(Span::styled(
                    truncate(&cap.province, province_w),
                    t.dim,
                )));
            }
            // A correction shows as ✎, with the articles' view beside it
            // where there is room.
            let word = match &cap.correction {
                Some(_) => format!("{CORRECTED}{}", standing.word()),
                None => standing.word().to_string(),
            };
            cells.push(Cell::from(Span::styled(word, st)));
            if wide {
                cells.push(
                    match cap.correction.as_ref().and_then(|c| c.extracted.clone()) {
                        Some(x) => Cell::from(Span::styled(format!("was {x}"), t.dim)),
                        None => Cell::from(certainty(standing)),
                    },
                );
            }
            cells.push(Cell::from(Span::styled(
                since(view, view.capital_since[i], since_w),
                t.dim,
            )));
            let n = view.sources(item);
            cells.push(Cell::from(if n == 0 {
                String::new()
            } else {
                format!("{n:>3}")
            }));
            Row::new(cells)
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(block)
        .row_highlight_style(selected_style(s, Pane::Capitals));
    let mut state = table_state(s, Pane::Capitals, 0);
    frame.render_stateful_widget(table, area, &mut state);
}

/// The "new until seen" marker column.
pub fn new_cell(s: &Session, t: &Theme, item: Item) -> Cell<'static> {
    if s.is_new(item) {
        Cell::from(Span::styled(NEW, t.new_mark))
    } else {
        Cell::from("")
    }
}
