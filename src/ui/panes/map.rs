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
use crate::state::Standing;
use crate::ui::session::Session;
use crate::ui::text::width;
use crate::ui::theme::{CLAIMED, CONTESTED, FALLEN, HELD};
use crate::ui::view::Item;
use crate::ui::Pane;

use super::block;

/// Rows under the map for the timeline (label, sparkline, time axis).
const TIMELINE_H: u16 = 4;

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

/// The capital drawn nearest to a clicked cell, within a few cells.
pub fn capital_at(s: &Session, area: Rect, x: u16, y: u16) -> Option<usize> {
    let (m, _) = map_area(area);
    dots(s, m.width, m.height)
        .into_iter()
        .map(|(i, cx, cy)| {
            let dx = f64::from(cx + m.x) - f64::from(x);
            let dy = (f64::from(cy + m.y) - f64::from(y)) * 2.0;
            (i, dx * dx + dy * dy)
        })
        .filter(|&(_, d)| d <= 9.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Where a name may go: its first column, its row, and leader cells.
type Spot = (u16, u16, Option<(u16, u16)>);

/// A symbol or a name on the map, in cells from the map's top left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub x: u16,
    pub y: u16,
    pub text: String,
    /// The capital it belongs to.
    pub capital: usize,
    /// The capital's symbol, not its name.
    pub dot: bool,
    /// A line joining a name to its dot across a crowd.
    pub leader: bool,
    style: Style,
}

/// Where each capital's dot goes: its projected cell, or the nearest free
/// one when another dot is there already, so every dot stays visible.
fn dots(s: &Session, w: u16, h: u16) -> Vec<(usize, u16, u16)> {
    let caps = &s.view().live.snapshot.capitals;
    let Some(proj) = Projection::new(caps, w, h) else {
        return Vec::new();
    };
    let mut taken = vec![false; usize::from(w) * usize::from(h)];
    let idx = |x: u16, y: u16| usize::from(y) * usize::from(w) + usize::from(x);
    let mut out = Vec::with_capacity(caps.len());
    for (i, c) in caps.iter().enumerate() {
        let (x0, y0) = proj.cell(c.lat, c.lon);
        let (x0, y0) = (x0.min(w - 1), y0.min(h - 1));
        // Rings of growing size around the projected cell.
        let spot = (0..4i32).find_map(|r| {
            let ring = (-r..=r).flat_map(move |dy| (-r..=r).map(move |dx| (dx, dy)));
            ring.filter(|(dx, dy)| dx.abs().max(dy.abs()) == r)
                .map(|(dx, dy)| (i32::from(x0) + dx, i32::from(y0) + dy))
                .find(|&(x, y)| {
                    x >= 0
                        && y >= 0
                        && x < i32::from(w)
                        && y < i32::from(h)
                        && !taken[idx(x as u16, y as u16)]
                })
        });
        if let Some((x, y)) = spot {
            taken[idx(x as u16, y as u16)] = true;
            out.push((i, x as u16, y as u16));
        }
    }
    out
}

/// Every capital's symbol, then names greedily by priority (the national
/// capital, the selected one, fallen, claimed, contested, held with news, held)
/// where a name covers nothing and sits against no other capital's dot.
pub fn labels(s: &Session, w: u16, h: u16) -> Vec<Label> {
    let t = s.theme();
    let view = s.view();
    let caps = &view.live.snapshot.capitals;
    let places = &view.live.scenario.places;
    let selected = match s.selected(Pane::Map) {
        Some(Item::Capital(i)) => Some(i),
        _ => None,
    };
    let dots = dots(s, w, h);
    // Per cell: the capital whose dot it is, or a name's owner.
    let mut dot_at: Vec<Option<usize>> = vec![None; usize::from(w) * usize::from(h)];
    let mut used = vec![false; usize::from(w) * usize::from(h)];
    let idx = |x: u16, y: u16| usize::from(y) * usize::from(w) + usize::from(x);
    let mut out = Vec::new();
    let mut cell_of = vec![None; caps.len()];
    for &(i, x, y) in &dots {
        dot_at[idx(x, y)] = Some(i);
        used[idx(x, y)] = true;
        cell_of[i] = Some((x, y));
        let st = caps[i].standing();
        let mut style = t.standing(st);
        if Some(i) == selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        out.push(Label {
            x,
            y,
            text: st.symbol().to_string(),
            capital: i,
            dot: true,
            leader: false,
            style,
        });
    }
    let since = &view.capital_since;
    let mut order: Vec<usize> = (0..caps.len()).collect();
    order.sort_by_key(|&i| {
        (
            !places.get(i).is_some_and(|p| p.national_capital),
            Some(i) != selected,
            caps[i].standing().rank(),
            since[i].is_none(),
            caps[i].name.clone(),
        )
    });
    for i in order {
        let Some((x, y)) = cell_of[i] else {
            continue;
        };
        let c = &caps[i];
        let name = c.name.as_str();
        let len = width(name) as u16;
        if len == 0 || len > w {
            continue;
        }
        // A name's cells are free, with a free cell either side, and no
        // other capital's dot touches them (its own may), nor stands two
        // cells before or after it on its row (it would read as that
        // dot's name). A leader ("──") may join a name to its dot across
        // a crowd; its cells must be free.
        let fits = |from: u16, row: u16, leader: Option<(u16, u16)>| {
            if row >= h || from + len > w {
                return false;
            }
            let on_leader = |cx: u16| leader.is_some_and(|(a, b)| (a..b).contains(&cx));
            if let Some((a, b)) = leader {
                if b > w || (a..b).any(|cx| used[idx(cx, row)]) {
                    return false;
                }
            }
            let lo = from.saturating_sub(1);
            let hi = (from + len + 1).min(w);
            if (lo..hi).any(|cx| !on_leader(cx) && used[idx(cx, row)]) {
                return false;
            }
            let other = |cx: u16, ry: u16| dot_at[idx(cx, ry)].is_some_and(|o| o != i);
            let rows = row.saturating_sub(1)..(row + 2).min(h);
            if rows.into_iter().any(|ry| (lo..hi).any(|cx| other(cx, ry))) {
                return false;
            }
            let wide = from.saturating_sub(2)..(from + len + 2).min(w);
            !wide.into_iter().any(|cx| !on_leader(cx) && other(cx, row))
        };
        let centred = x.saturating_sub(len / 2).min(w.saturating_sub(len));
        // (from, row, leader cells)
        let mut spots: Vec<Spot> = vec![(x + 2, y, None)];
        if let Some(l) = x.checked_sub(len + 1) {
            spots.push((l, y, None));
        }
        if let Some(up) = y.checked_sub(1) {
            spots.extend([(centred, up, None), (x + 1, up, None)]);
            if let Some(l) = (x + 1).checked_sub(len) {
                spots.push((l, up, None));
            }
        }
        spots.extend([(centred, y + 1, None), (x + 1, y + 1, None)]);
        if let Some(l) = (x + 1).checked_sub(len) {
            spots.push((l, y + 1, None));
        }
        let direct = spots
            .into_iter()
            .find(|&(from, row, leader)| fits(from, row, leader));
        // Crowded places: a dotted leader over free cells to the nearest
        // spot where the name fits (found breadth first).
        // Only the national capital and the selected one get one: more
        // leaders would tangle.
        let matters = places.get(i).is_some_and(|p| p.national_capital) || Some(i) == selected;
        let (at, row, path) = match direct {
            Some((at, row, _)) => (at, row, Vec::new()),
            None if !matters => continue,
            None => match lead(x, y, len, w, h, &used, &|from, row, end| {
                fits(from, row, Some((end, end + 1)))
            }) {
                Some(found) => found,
                None => continue,
            },
        };
        for cx in at..at + len {
            used[idx(cx, row)] = true;
        }
        for &(px, py) in &path {
            used[idx(px, py)] = true;
            out.push(Label {
                x: px,
                y: py,
                text: "·".to_string(),
                capital: i,
                dot: false,
                leader: true,
                style: t.dim,
            });
        }
        let st = c.standing();
        let mut style = t.standing(st).remove_modifier(Modifier::BOLD);
        if st == Standing::Held {
            style = t.dim;
        }
        if Some(i) == selected {
            style = t.selected;
        }
        out.push(Label {
            x: at,
            y: row,
            text: name.to_string(),
            capital: i,
            dot: false,
            leader: false,
            style,
        });
    }
    out
}

/// A leader from the dot at (x, y) over free cells, breadth first up to
/// a few steps, to where a name of `len` fits right or left of its end.
/// Returns the name's start, row and the leader's cells.
#[allow(clippy::type_complexity)]
fn lead(
    x: u16,
    y: u16,
    len: u16,
    w: u16,
    h: u16,
    used: &[bool],
    fits: &dyn Fn(u16, u16, u16) -> bool,
) -> Option<(u16, u16, Vec<(u16, u16)>)> {
    use std::collections::{HashMap, VecDeque};
    const STEPS: usize = 6;
    let idx = |x: u16, y: u16| usize::from(y) * usize::from(w) + usize::from(x);
    let mut prev: HashMap<(u16, u16), (u16, u16)> = HashMap::new();
    let mut queue = VecDeque::from([((x, y), 0usize)]);
    while let Some(((cx, cy), d)) = queue.pop_front() {
        if d > 0 {
            let path = || {
                let mut p = vec![(cx, cy)];
                let mut at = (cx, cy);
                while let Some(&b) = prev.get(&at) {
                    if b == (x, y) {
                        break;
                    }
                    p.push(b);
                    at = b;
                }
                p
            };
            if cx + 1 + len <= w && fits(cx + 1, cy, cx) {
                return Some((cx + 1, cy, path()));
            }
            if cx >= len && fits(cx - len, cy, cx) {
                return Some((cx - len, cy, path()));
            }
        }
        if d == STEPS {
            continue;
        }
        let steps = [(1i32, 0i32), (-1, 0), (0, -1), (0, 1)];
        for (dx, dy) in steps {
            let (nx, ny) = (i32::from(cx) + dx, i32::from(cy) + dy);
            if nx < 0 || ny < 0 || nx >= i32::from(w) || ny >= i32::from(h) {
                continue;
            }
            let n = (nx as u16, ny as u16);
            if used[idx(n.0, n.1)] || prev.contains_key(&n) || n == (x, y) {
                continue;
            }
            prev.insert(n, (cx, cy));
            queue.push_back((n, d + 1));
        }
    }
    None
}

/// The map's drawing area inside a pane of `area`.
pub fn canvas_size(area: Rect) -> (u16, u16) {
    let (m, _) = map_area(area);
    (m.width, m.height)
}

pub fn render(frame: &mut Frame, area: Rect, s: &Session) {
    let t = s.theme();
    let view = s.view();
    // The legend as long as the border allows.
    let long = format!("{FALLEN} fallen {CLAIMED} claimed {CONTESTED} contested {HELD} held");
    let short = format!("{FALLEN}fall {CLAIMED}claim {CONTESTED}fight {HELD}held");
    let room = usize::from(area.width.saturating_sub(4));
    let legend = [long, short]
        .into_iter()
        .find(|l| width(l) + 2 <= room)
        .unwrap_or_default();
    let mut block = block(s, Pane::Map, String::new(), area.width);
    if !legend.is_empty() {
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {legend} "), t.dim))
                .alignment(ratatui::layout::Alignment::Right),
        );
    }
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
    let [label, spark, axis] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let last = series.last().copied().unwrap_or(0);
    // The log starts from the empty state: nothing fallen. The longest
    // caption that fits.
    let n = series.len();
    let text = [
        format!("Fallen capitals over the event log: 0 → {last} in {n} events"),
        format!("Fallen 0 → {last} over {n} events"),
        format!("Fallen 0→{last}, {n} ev."),
    ]
    .into_iter()
    .find(|c| width(c) <= usize::from(area.width))
    .unwrap_or_default();
    render_axis(frame, axis, s);
    frame.render_widget(Paragraph::new(Line::from(Span::styled(text, t.dim))), label);
    let data = s.view().timeline_columns(usize::from(spark.width));
    let max = view_total(s).max(1);
    frame.render_widget(
        Sparkline::default()
            .data(data.as_slice())
            .max(max)
            .style(t.fallen),
        spark,
    );
}

/// The time axis under the sparkline: the first event's day at the left,
/// the last one's at the right, the middle one's between when it fits.
fn render_axis(frame: &mut Frame, area: Rect, s: &Session) {
    let view = s.view();
    let events = &view.live.events;
    let day = |i: usize| -> Option<String> {
        let e = events.get(i)?;
        let file = e.evidence()?.file.clone();
        let a = view.live.article(&file)?;
        Some(a.time()?.at.format("%b %d").to_string())
    };
    let w = usize::from(area.width);
    let (first, last) = (day(0), day(events.len().saturating_sub(1)));
    let mut line = vec![' '; w];
    let mut put = |at: usize, text: &str| {
        for (j, c) in text.chars().enumerate() {
            if let Some(slot) = line.get_mut(at + j) {
                *slot = c;
            }
        }
    };
    if let Some(f) = &first {
        put(0, f);
    }
    if let Some(l) = &last {
        put(w.saturating_sub(width(l)), l);
    }
    if w >= 30 {
        if let Some(m) = day(events.len() / 2) {
            put((w - width(&m)) / 2, &m);
        }
    }
    let text: String = line.into_iter().collect();
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, s.theme().dim))),
        area,
    );
}

fn view_total(s: &Session) -> u64 {
    let v = s.view();
    v.fallen_timeline.iter().copied().max().unwrap_or(0)
}
