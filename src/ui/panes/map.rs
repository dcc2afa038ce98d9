//! The capitals at their coordinates, coloured and marked by status, with
//! names where they fit; below, the fallen count over the event log.
//!
//! The canvas works in cell coordinates (one unit per terminal cell) and
//! the projection is done here, so labels can be placed without overlap
//! and a mouse click maps back to the nearest capital.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::Canvas;
use ratatui::widgets::{Paragraph, Sparkline};
use ratatui::Frame;

use crate::snapshot::CapitalView;
use crate::state::Status;
use crate::ui::session::Session;
use crate::ui::text::width;
use crate::ui::theme::{Theme, CLAIMED, CONTESTED, FALLEN, HELD};
use crate::ui::view::Item;
use crate::ui::Pane;

use super::block;

/// Rows under the map for the timeline (label + sparkline).
const TIMELINE_H: u16 = 3;

/// Equirectangular projection of the capitals' bounding box into a cell
/// grid, keeping shape (cells are about twice as tall as wide).
struct Projection {
    lon0: f64,
    lat1: f64,
    /// Cells per degree.
    sx: f64,
    sy: f64,
    ox: f64,
    oy: f64,
}

impl Projection {
    fn new(caps: &[CapitalView], w: u16, h: u16) -> Option<Projection> {
        if caps.is_empty() || w < 4 || h < 3 {
            return None;
        }
        let (mut lon0, mut lon1, mut lat0, mut lat1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for c in caps {
            lon0 = lon0.min(c.lon);
            lon1 = lon1.max(c.lon);
            lat0 = lat0.min(c.lat);
            lat1 = lat1.max(c.lat);
        }
        let kx = ((lat0 + lat1) / 2.0).to_radians().cos().abs().max(0.1);
        let gw = ((lon1 - lon0) * kx).max(1e-6);
        let gh = (lat1 - lat0).max(1e-6);
        // Usable cells, leaving room for labels on the right.
        let (cw, ch) = (f64::from(w - 1), f64::from(h - 1));
        // A cell is ~2 units tall for 1 wide: compare in those units.
        let scale = (cw / gw).min(2.0 * ch / gh);
        let sx = scale * kx;
        let sy = scale / 2.0;
        let ox = (cw - (lon1 - lon0) * sx) / 2.0;
        let oy = (ch - (lat1 - lat0) * sy) / 2.0;
        Some(Projection {
            lon0,
            lat1,
            sx,
            sy,
            ox,
            oy,
        })
    }

    /// Cell (column, row) from the top left.
    fn cell(&self, lat: f64, lon: f64) -> (u16, u16) {
        let x = self.ox + (lon - self.lon0) * self.sx;
        let y = self.oy + (self.lat1 - lat) * self.sy;
        (x.round().max(0.0) as u16, y.round().max(0.0) as u16)
    }
}

fn map_area(area: Rect) -> (Rect, Option<Rect>) {
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    if inner.height >= 10 {
        let [m, t] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(TIMELINE_H)]).areas(inner);
        (m, Some(t))
    } else {
        (inner, None)
    }
}

fn symbol(c: &CapitalView) -> &'static str {
    Theme::symbol(c)
}

fn priority(c: &CapitalView) -> u8 {
    match c.status {
        Status::Fallen => 0,
        Status::Contested => 1,
        Status::Held => 2,
    }
}

/// The capital drawn nearest to a clicked cell, within a few cells.
pub fn capital_at(s: &Session, area: Rect, x: u16, y: u16) -> Option<usize> {
    let caps = &s.view().live.snapshot.capitals;
    let (m, _) = map_area(area);
    let proj = Projection::new(caps, m.width, m.height)?;
    caps.iter()
        .enumerate()
        .map(|(i, c)| {
            let (cx, cy) = proj.cell(c.lat, c.lon);
            let dx = f64::from(cx + m.x) - f64::from(x);
            let dy = (f64::from(cy + m.y) - f64::from(y)) * 2.0;
            (i, dx * dx + dy * dy)
        })
        .filter(|&(_, d)| d <= 9.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

struct Label {
    x: u16,
    y: u16,
    text: String,
    style: Style,
}

/// Symbols for every capital, then names greedily by priority (selected,
/// fallen, contested, held) where they overlap nothing already placed.
fn labels(s: &Session, w: u16, h: u16) -> Vec<Label> {
    let t = s.theme();
    let caps = &s.view().live.snapshot.capitals;
    let Some(proj) = Projection::new(caps, w, h) else {
        return Vec::new();
    };
    let selected = match s.selected(Pane::Map) {
        Some(Item::Capital(i)) => Some(i),
        _ => None,
    };
    let cells: Vec<(u16, u16)> = caps.iter().map(|c| proj.cell(c.lat, c.lon)).collect();
    // Occupied cells, row-major.
    let mut taken = vec![false; usize::from(w) * usize::from(h)];
    let mut out = Vec::new();
    let idx = |x: u16, y: u16| usize::from(y) * usize::from(w) + usize::from(x);
    for (i, c) in caps.iter().enumerate() {
        let (x, y) = cells[i];
        if x < w && y < h {
            taken[idx(x, y)] = true;
            let mut style = t.status(c);
            if Some(i) == selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            out.push(Label {
                x,
                y,
                text: symbol(c).to_string(),
                style,
            });
        }
    }
    let since = &s.view().capital_since;
    let mut order: Vec<usize> = (0..caps.len()).collect();
    // Selected first, then by status, then places with news.
    order.sort_by_key(|&i| {
        (
            Some(i) != selected,
            priority(&caps[i]),
            since[i].is_none(),
            caps[i].name.clone(),
        )
    });
    for i in order {
        let c = &caps[i];
        let (x, y) = cells[i];
        if y >= h {
            continue;
        }
        let name = c.name.as_str();
        let len = width(name) as u16;
        // A label needs its cells and one free cell either side.
        let fits = |(from, row): (u16, u16), taken: &[bool]| {
            row < h
                && from + len <= w
                && (from.saturating_sub(1)..(from + len + 1).min(w)).all(|cx| !taken[idx(cx, row)])
        };
        // Right of the symbol, left of it, then centred above or below.
        let centred = x.saturating_sub(len / 2).min(w.saturating_sub(len));
        let mut spots = vec![(x + 2, y)];
        if let Some(l) = x.checked_sub(len + 1) {
            spots.push((l, y));
        }
        if let Some(up) = y.checked_sub(1) {
            spots.push((centred, up));
        }
        spots.push((centred, y + 1));
        let Some((at, y)) = spots.into_iter().find(|&spot| fits(spot, &taken)) else {
            continue;
        };
        for cx in at..at + len {
            taken[idx(cx, y)] = true;
        }
        let mut style = t.status(c).remove_modifier(Modifier::BOLD);
        if c.status == Status::Held {
            style = t.dim;
        }
        if Some(i) == selected {
            style = t.selected;
        }
        out.push(Label {
            x: at,
            y,
            text: name.to_string(),
            style,
        });
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let t = s.theme();
    let view = s.view();
    let legend = format!("{FALLEN} fallen {CLAIMED} claimed {CONTESTED} contested {HELD} held");
    let block = block(s, Pane::Map, String::new(), area.width).title_bottom(
        Line::from(Span::styled(format!(" {legend} "), t.dim))
            .alignment(ratatui::layout::Alignment::Right),
    );
    frame.render_widget(block, area);
    let (m, timeline) = map_area(area);
    if m.width < 4 || m.height < 3 {
        return;
    }
    let (w, h) = (m.width, m.height);
    let labels = labels(s, w, h);
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, f64::from(w - 1)])
        .y_bounds([0.0, f64::from(h - 1)])
        .paint(move |ctx| {
            for l in &labels {
                // Canvas y grows upwards; rows grow downwards.
                ctx.print(
                    f64::from(l.x),
                    f64::from(h - 1 - l.y),
                    Line::from(Span::styled(l.text.clone(), l.style)),
                );
            }
        });
    frame.render_widget(canvas, m);
    if let Some(tl) = timeline {
        render_timeline(frame, tl, s, view.fallen_timeline.as_slice());
    }
}

fn render_timeline(frame: &mut Frame, area: Rect, s: &Session, series: &[u64]) {
    let t = s.theme();
    let [label, spark] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let last = series.last().copied().unwrap_or(0);
    // The log starts from the empty state: nothing fallen.
    let text = if area.width >= 50 {
        format!(
            "Fallen capitals over the event log: 0 → {last} in {} events",
            series.len()
        )
    } else {
        format!("Fallen 0 → {last} over {} events", series.len())
    };
    frame.render_widget(Paragraph::new(Line::from(Span::styled(text, t.dim))), label);
    let w = usize::from(spark.width.max(1));
    // Each event stretched over the width, or the highest value of each
    // slice of the log when there are more events than columns.
    let data: Vec<u64> = if series.is_empty() {
        Vec::new()
    } else if series.len() <= w {
        (0..w).map(|i| series[i * series.len() / w]).collect()
    } else {
        (0..w)
            .map(|i| {
                let a = i * series.len() / w;
                let b = ((i + 1) * series.len() / w).max(a + 1);
                series[a..b].iter().copied().max().unwrap_or(0)
            })
            .collect()
    };
    let max = view_total(s).max(1);
    frame.render_widget(
        Sparkline::default().data(&data).max(max).style(t.fallen),
        spark,
    );
}

fn view_total(s: &Session) -> u64 {
    let v = s.view();
    v.fallen_timeline.iter().copied().max().unwrap_or(0)
}
