//! Where each pane goes, as a pure function of the screen size and the
//! session. Rendering and mouse hit-testing both use it, so a click lands
//! on what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};

use super::panes::header;
use super::session::Session;
use super::Pane;

/// Smallest screen the dashboard draws on; below it, a notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this size up every pane is on screen at once.
pub const FULL_WIDTH: u16 = 120;
pub const FULL_HEIGHT: u16 = 36;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The pane tabs of the compact layout.
    pub tabs: Option<Rect>,
    pub panes: Vec<(Pane, Rect)>,
    pub footer: Rect,
    pub popup: Option<Rect>,
    pub too_small: bool,
}

impl Areas {
    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }

    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        self.panes
            .iter()
            .find(|(_, r)| r.contains((x, y).into()))
            .map(|(p, _)| *p)
    }

    pub fn is_compact(&self) -> bool {
        self.tabs.is_some()
    }
}

/// Panes that take the large slot of the compact layout; the event log and
/// the evidence stay beside it.
pub fn is_stage(p: Pane) -> bool {
    !matches!(p, Pane::Log | Pane::Evidence)
}

pub fn compute(area: Rect, s: &Session) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let full = area.width >= FULL_WIDTH && area.height >= FULL_HEIGHT;
    let header_h = header::height(s, area.width);
    let tabs_h = u16::from(!full);
    let [header, tabs, body, footer] = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Length(tabs_h),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let panes = if s.zoomed() {
        vec![(s.focus(), body)]
    } else if full {
        full_panes(body, s)
    } else {
        compact_panes(body, s)
    };
    let popup = s.popup_open().then(|| popup_rect(area, s));
    Areas {
        header,
        tabs: (!full).then_some(tabs),
        panes,
        footer,
        popup,
        too_small: false,
    }
}

fn full_panes(body: Rect, s: &Session) -> Vec<(Pane, Rect)> {
    let view = s.view();
    let snap = &view.live.snapshot;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(body);
    let caps_h = (snap.capitals.len() as u16 + 3)
        .min(body.height * 9 / 20)
        .max(6);
    let lists = snap.battles.len().max(snap.deployments.len()) as u16;
    let mid_h = (lists + 3).clamp(5, 9);
    let [caps, mid, log] = Layout::vertical([
        Constraint::Length(caps_h),
        Constraint::Length(mid_h),
        Constraint::Fill(1),
    ])
    .areas(left);
    let [battles, deployments] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(mid);
    let [map, evidence, articles] = Layout::vertical([
        Constraint::Percentage(48),
        Constraint::Fill(3),
        Constraint::Fill(2),
    ])
    .areas(right);
    vec![
        (Pane::Capitals, caps),
        (Pane::Battles, battles),
        (Pane::Deployments, deployments),
        (Pane::Log, log),
        (Pane::Evidence, evidence),
        (Pane::Map, map),
        (Pane::Articles, articles),
    ]
}

fn compact_panes(body: Rect, s: &Session) -> Vec<(Pane, Rect)> {
    let stage = s.stage();
    if body.width < 70 {
        // One pane at a time; the tabs show the others.
        return vec![(s.focus(), body)];
    }
    // The capitals table needs about 42 columns; the rest goes right.
    let left_w = (body.width / 2).clamp(42, 60);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(body);
    let [log, evidence] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(right);
    vec![(stage, left), (Pane::Log, log), (Pane::Evidence, evidence)]
}

/// Columns inside a popup: borders and one column of padding each side.
pub const POPUP_CHROME: u16 = 4;

/// The help and detail popups: centred, as tall as their text up to the
/// screen less two rows above and below.
pub fn popup_rect(area: Rect, s: &Session) -> Rect {
    let w = area.width.saturating_sub(4).min(100);
    let lines = s.popup_lines(w.saturating_sub(POPUP_CHROME)) as u16;
    let h = (lines + 2).min(area.height.saturating_sub(4));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The tab strip's hit areas: (pane, x range) for each tab.
pub fn tab_spans(tabs: Rect) -> Vec<(Pane, u16, u16)> {
    let mut x = tabs.x;
    let mut out = Vec::new();
    for p in Pane::all() {
        let w = tab_label(p).chars().count() as u16;
        if x + w > tabs.right() {
            break;
        }
        out.push((p, x, x + w));
        x += w + 1;
    }
    out
}

pub fn tab_label(p: Pane) -> String {
    format!(" {} {} ", p.index() + 1, p.tab())
}
