//! One viewer's dashboard: what they focus, select, filter and have seen,
//! and the `Live` they are looking at. The local terminal has one session;
//! the SSH server has one per connection. Nothing here touches a terminal:
//! input arrives as crossterm [`Event`] values and the screen size is told.
//!
//! A runner (see `tui.rs`) does, per viewer:
//!
//! ```text
//! let mut s = Session::new(rx.borrow().clone(), config, theme, Instant::now());
//! s.resize(w, h);                       // and on every window change
//! loop select! {
//!     event  => match s.handle(&event) { Quit => break, Redraw => dirty, _ => {} }
//!     rx.changed() => if s.update(rx.borrow_and_update().clone(), Instant::now()) == Redraw { dirty }
//!     sleep_until(s.next_wakeup()) => dirty          // the header's age text
//! }
//! if dirty { s.set_now(Instant::now()); terminal.draw(|f| render(f, &s)) }
//! ```

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::live::Live;

use super::config::UiConfig;
use super::keymap::{Command, Context, Key};
use super::layout::{self, Areas};
use super::panes;
use super::text;
use super::theme::Theme;
use super::view::{Item, View};
use super::Pane;

/// What the caller should do after an input or an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing visible changed.
    Nothing,
    /// Draw again.
    Redraw,
    /// The viewer asked to leave.
    Quit,
}

impl Action {
    fn or(self, other: Action) -> Action {
        match (self, other) {
            (Action::Quit, _) | (_, Action::Quit) => Action::Quit,
            (Action::Redraw, _) | (_, Action::Redraw) => Action::Redraw,
            _ => Action::Nothing,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    Detail {
        pane: Pane,
        id: String,
        scroll: usize,
    },
}

/// Selection, scroll and filter of one pane.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    pub selected: usize,
    pub offset: usize,
    /// The selected item's id, so the selection follows it across updates.
    pub id: Option<String>,
    pub filter: String,
}

/// The counts when this viewer started, for "+N since start".
#[derive(Debug, Clone, Copy, Default)]
pub struct Baseline {
    pub fallen: usize,
    pub claimed: usize,
    pub contested: usize,
    pub held: usize,
    pub reported: Option<u32>,
    pub battles: usize,
    pub deployments: usize,
    pub troops: u64,
    pub articles: usize,
    pub events: usize,
}

impl Baseline {
    fn of(view: &View) -> Baseline {
        let s = &view.live.snapshot;
        Baseline {
            fallen: s.counts.fallen,
            claimed: s.counts.claimed,
            contested: s.counts.contested,
            held: s.counts.held,
            reported: s.reported_fallen,
            battles: s.battles.len(),
            deployments: s.deployments.len(),
            troops: view.troops(),
            articles: view.live.articles.len(),
            events: view.live.events.len(),
        }
    }
}

pub struct Session {
    config: Arc<UiConfig>,
    theme: Theme,
    /// The newest `Live` received.
    latest: Arc<Live>,
    /// What is on screen: the latest, or the one frozen with `f`.
    view: Arc<View>,
    frozen: bool,
    /// Updates received while frozen.
    held_updates: usize,
    start: Baseline,
    focus: Pane,
    /// The pane in the large slot of the compact layout.
    stage: Pane,
    zoom: bool,
    /// The pane whose selection the evidence pane shows.
    evidence_from: Pane,
    evidence_id: Option<String>,
    evidence_scroll: usize,
    lists: [ListState; 7],
    editing_filter: bool,
    /// The event log keeps the newest event selected.
    follow: bool,
    popup: Option<Popup>,
    /// Item id -> the version (event seq) this viewer has seen.
    seen: HashMap<String, usize>,
    /// Events with a lower seq have been seen in the log.
    log_seen: usize,
    size: Rect,
    now: Instant,
    updated_at: Instant,
    viewers: Option<usize>,
}

impl Session {
    /// A session showing `live`, everything in it counted as seen.
    pub fn new(live: Arc<Live>, config: Arc<UiConfig>, theme: Theme, now: Instant) -> Session {
        let live_published = live.published;
        let view = Arc::new(View::new(live.clone()));
        let start = Baseline::of(&view);
        let mut s = Session {
            config,
            theme,
            latest: live,
            view,
            frozen: false,
            held_updates: 0,
            start,
            focus: Pane::Capitals,
            stage: Pane::Capitals,
            zoom: false,
            evidence_from: Pane::Capitals,
            evidence_id: None,
            evidence_scroll: 0,
            lists: Default::default(),
            editing_filter: false,
            follow: true,
            popup: None,
            seen: HashMap::new(),
            log_seen: start.events,
            size: Rect::new(0, 0, 80, 24),
            now,
            updated_at: live_published.min(now),
            viewers: None,
        };
        s.refresh();
        s
    }

    // ---- inputs from the runner -------------------------------------

    /// A new state was published. Frozen sessions keep showing the old one.
    pub fn update(&mut self, live: Arc<Live>, now: Instant) -> Action {
        self.now = now;
        if live.seq == self.latest.seq && Arc::ptr_eq(&live, &self.latest) {
            return Action::Nothing;
        }
        self.updated_at = live.published.min(now);
        self.latest = live;
        if self.frozen {
            self.held_updates += 1;
        } else {
            self.view = Arc::new(View::new(self.latest.clone()));
            self.refresh();
        }
        Action::Redraw
    }

    /// The clock used for "updated N min ago"; tests set it.
    pub fn set_now(&mut self, now: Instant) {
        self.now = now;
    }

    /// When the state on screen was published (defaults to `Live::published`).
    pub fn set_updated_at(&mut self, at: Instant) {
        self.updated_at = at;
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.refresh();
    }

    /// How many people watch (the SSH server sets it; shown in the footer).
    pub fn set_viewers(&mut self, n: Option<usize>) -> Action {
        if self.viewers == n {
            return Action::Nothing;
        }
        self.viewers = n;
        Action::Redraw
    }

    /// When the header's update age next changes its text or turns stale:
    /// the only timed redraw. Nothing else on screen depends on time.
    pub fn next_wakeup(&self) -> Instant {
        let age = self.now.saturating_duration_since(self.updated_at);
        let mut next = text::ago_next_change(age);
        if age < self.config.stale_after {
            next = next.min(self.config.stale_after);
        }
        self.updated_at + next
    }

    /// Handle one input event.
    pub fn handle(&mut self, event: &Event) -> Action {
        let action = match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.key(k),
            Event::Mouse(m) if self.config.mouse => self.mouse(m),
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                Action::Redraw
            }
            _ => Action::Nothing,
        };
        if action == Action::Redraw {
            self.refresh();
        }
        action
    }

    // ---- read by render ---------------------------------------------

    pub fn view(&self) -> &View {
        &self.view
    }
    pub fn latest(&self) -> &Arc<Live> {
        &self.latest
    }
    pub fn config(&self) -> &UiConfig {
        &self.config
    }
    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    pub fn focus(&self) -> Pane {
        self.focus
    }
    pub fn stage(&self) -> Pane {
        self.stage
    }
    pub fn zoomed(&self) -> bool {
        self.zoom
    }
    pub fn frozen(&self) -> Option<usize> {
        self.frozen.then_some(self.held_updates)
    }
    pub fn start(&self) -> &Baseline {
        &self.start
    }
    pub fn popup(&self) -> Option<&Popup> {
        self.popup.as_ref()
    }
    pub fn popup_open(&self) -> bool {
        self.popup.is_some()
    }
    pub fn list(&self, pane: Pane) -> &ListState {
        &self.lists[pane.index()]
    }
    pub fn editing_filter(&self) -> bool {
        self.editing_filter
    }
    pub fn following(&self) -> bool {
        self.follow
    }
    pub fn evidence_from(&self) -> Pane {
        self.evidence_from
    }
    pub fn evidence_scroll(&self) -> usize {
        self.evidence_scroll
    }
    pub fn viewers(&self) -> Option<usize> {
        self.viewers
    }
    pub fn size(&self) -> Rect {
        self.size
    }
    /// Time since the last update arrived.
    pub fn age(&self) -> std::time::Duration {
        self.now.saturating_duration_since(self.updated_at)
    }
    pub fn stale(&self) -> bool {
        self.age() >= self.config.stale_after
    }

    /// The rows of a pane as shown (filtered).
    pub fn items(&self, pane: Pane) -> Vec<Item> {
        self.view.items(pane, &self.lists[pane.index()].filter)
    }

    /// The selected row of a pane.
    pub fn selected(&self, pane: Pane) -> Option<Item> {
        let st = &self.lists[pane.index()];
        let id = st.id.as_deref()?;
        let items = self.items(pane);
        items
            .get(st.selected)
            .copied()
            .filter(|&i| self.view.id(i) == id)
            .or_else(|| items.into_iter().find(|&i| self.view.id(i) == id))
    }

    /// The item whose evidence the evidence pane shows.
    pub fn evidence_item(&self) -> Option<Item> {
        self.selected(self.evidence_from)
    }

    /// Changed since this viewer last looked at it.
    pub fn is_new(&self, item: Item) -> bool {
        if let Item::Event(seq) = item {
            return seq >= self.log_seen;
        }
        match self.view.version(item) {
            Some(v) if v >= self.start.events => {
                self.seen.get(&self.view.id(item)).is_none_or(|&s| s < v)
            }
            _ => false,
        }
    }

    /// Events not yet seen in the log.
    pub fn unseen_events(&self) -> usize {
        self.view.live.events.len().saturating_sub(self.log_seen)
    }

    pub fn areas(&self) -> Areas {
        layout::compute(self.size, self)
    }

    /// The detail popup's item, if it is still listed.
    pub fn detail_item(&self) -> Option<Item> {
        match &self.popup {
            Some(Popup::Detail { pane, id, .. }) => self
                .view
                .items(*pane, "")
                .into_iter()
                .find(|&i| self.view.id(i) == *id),
            _ => None,
        }
    }

    // ---- keys -------------------------------------------------------

    fn key(&mut self, k: &KeyEvent) -> Action {
        let key = Key::from_event(k);
        let map = &self.config.keymap;
        // Ctrl-C always quits, whatever mode and bindings.
        if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
            return Action::Quit;
        }
        if self.popup.is_some() {
            let cmd = map
                .lookup(Context::Popup, key)
                .or_else(|| map.lookup(Context::Navigation, key))
                .or_else(|| {
                    map.lookup(Context::Global, key)
                        .filter(|c| matches!(c, Command::Help | Command::Quit))
                });
            return cmd.map_or(Action::Nothing, |c| self.popup_command(c));
        }
        if self.editing_filter {
            if let Some(c) = map.lookup(Context::Filter, key) {
                return self.command(c);
            }
            return self.filter_key(k, key);
        }
        let cmd = (if self.focus == Pane::Log {
            map.lookup(Context::Log, key)
        } else {
            None
        })
        .or_else(|| map.lookup(Context::Navigation, key))
        .or_else(|| map.lookup(Context::Global, key));
        cmd.map_or(Action::Nothing, |c| self.command(c))
    }

    fn filter_key(&mut self, k: &KeyEvent, key: Key) -> Action {
        let pane = self.focus;
        let st = &mut self.lists[pane.index()];
        match k.code {
            KeyCode::Char('u') if key.ctrl => st.filter.clear(),
            KeyCode::Char(c) if !key.ctrl && !key.alt => st.filter.push(c),
            KeyCode::Backspace => {
                st.filter.pop();
            }
            // Arrows and pages still move in the narrowed list.
            _ => {
                return match self.config.keymap.lookup(Context::Navigation, key) {
                    Some(c) if !matches!(k.code, KeyCode::Char(_)) => self.command(c),
                    _ => Action::Nothing,
                }
            }
        }
        self.lists[pane.index()].selected = 0;
        self.lists[pane.index()].id = None;
        Action::Redraw
    }

    fn popup_command(&mut self, c: Command) -> Action {
        let page = self.popup_page();
        let inner_w = self.popup_rect().width.saturating_sub(layout::POPUP_CHROME);
        let max = self.popup_lines(inner_w).saturating_sub(page);
        let Some(p) = self.popup.as_mut() else {
            return Action::Nothing;
        };
        let scroll = match p {
            Popup::Help { scroll } | Popup::Detail { scroll, .. } => scroll,
        };
        let before = *scroll;
        match c {
            Command::ClosePopup | Command::Back => {
                self.popup = None;
                return Action::Redraw;
            }
            Command::Help => {
                let was_help = matches!(p, Popup::Help { .. });
                self.popup = (!was_help).then_some(Popup::Help { scroll: 0 });
                return Action::Redraw;
            }
            Command::Quit => return Action::Quit,
            Command::Up => *scroll = scroll.saturating_sub(1),
            Command::Down => *scroll = (*scroll + 1).min(max),
            Command::PageUp => *scroll = scroll.saturating_sub(page),
            Command::PageDown => *scroll = (*scroll + page).min(max),
            Command::Top => *scroll = 0,
            Command::Bottom => *scroll = max,
            _ => {}
        }
        if *scroll == before {
            Action::Nothing
        } else {
            Action::Redraw
        }
    }

    fn popup_rect(&self) -> Rect {
        layout::popup_rect(self.size, self)
    }

    fn popup_page(&self) -> usize {
        usize::from(self.popup_rect().height.saturating_sub(2)).max(1)
    }

    /// Lines of the open popup's text at `w` columns.
    pub fn popup_lines(&self, w: u16) -> usize {
        match &self.popup {
            Some(Popup::Help { .. }) => panes::help::lines(self, w).len(),
            Some(Popup::Detail { .. }) => panes::detail::lines(self, w).len(),
            None => 0,
        }
    }

    fn command(&mut self, c: Command) -> Action {
        match c {
            Command::Quit => Action::Quit,
            Command::Back => self.back(),
            Command::Help => {
                self.popup = Some(Popup::Help { scroll: 0 });
                Action::Redraw
            }
            Command::NextPane => self.focus_pane(self.focus.next()),
            Command::PrevPane => self.focus_pane(self.focus.prev()),
            Command::Focus(p) => self.focus_pane(p),
            Command::Up => self.step(-1),
            Command::Down => self.step(1),
            Command::Left => self.sideways(-1),
            Command::Right => self.sideways(1),
            Command::PageUp => self.step(-(self.page(self.focus) as isize)),
            Command::PageDown => self.step(self.page(self.focus) as isize),
            Command::Top => self.step(isize::MIN / 2),
            Command::Bottom => self.step(isize::MAX / 2),
            Command::Follow => {
                self.follow = true;
                self.lists[Pane::Log.index()].selected = 0;
                self.lists[Pane::Log.index()].id = None;
                Action::Redraw
            }
            Command::Detail => self.open_detail(),
            Command::Filter => {
                if self.focus.is_list() {
                    self.editing_filter = true;
                    Action::Redraw
                } else {
                    Action::Nothing
                }
            }
            Command::FilterKeep => {
                self.editing_filter = false;
                Action::Redraw
            }
            Command::FilterClear => {
                self.editing_filter = false;
                self.lists[self.focus.index()].filter.clear();
                Action::Redraw
            }
            Command::Freeze => {
                self.frozen = !self.frozen;
                if !self.frozen {
                    self.held_updates = 0;
                    if !Arc::ptr_eq(&self.view.live, &self.latest) {
                        self.view = Arc::new(View::new(self.latest.clone()));
                    }
                }
                Action::Redraw
            }
            Command::Zoom => {
                self.zoom = !self.zoom;
                Action::Redraw
            }
            Command::ClosePopup => Action::Nothing,
        }
    }

    /// Esc: the innermost thing first (popup, filter, zoom), else quit.
    fn back(&mut self) -> Action {
        if self.popup.take().is_some() {
            return Action::Redraw;
        }
        let st = &mut self.lists[self.focus.index()];
        if !st.filter.is_empty() || self.editing_filter {
            st.filter.clear();
            self.editing_filter = false;
            return Action::Redraw;
        }
        if self.zoom {
            self.zoom = false;
            return Action::Redraw;
        }
        Action::Quit
    }

    fn focus_pane(&mut self, p: Pane) -> Action {
        if p == self.focus {
            return Action::Nothing;
        }
        self.focus = p;
        self.editing_filter = false;
        if layout::is_stage(p) {
            self.stage = p;
        }
        if p != Pane::Evidence {
            self.evidence_from = p;
        }
        Action::Redraw
    }

    /// Move the selection (or scroll) of the focused pane by `delta`.
    fn step(&mut self, delta: isize) -> Action {
        let pane = self.focus;
        match pane {
            Pane::Evidence => {
                let max = self.evidence_max_scroll();
                let s = self.evidence_scroll as isize;
                let new = (s.saturating_add(delta)).clamp(0, max as isize) as usize;
                let changed = new != self.evidence_scroll;
                self.evidence_scroll = new;
                return if changed {
                    Action::Redraw
                } else {
                    Action::Nothing
                };
            }
            Pane::Map if delta.abs() == 1 => {
                return self.map_move(0, -delta as i32);
            }
            _ => {}
        }
        self.move_selection(pane, delta)
    }

    fn move_selection(&mut self, pane: Pane, delta: isize) -> Action {
        let len = self.items(pane).len();
        if len == 0 {
            return Action::Nothing;
        }
        let st = &mut self.lists[pane.index()];
        let new = (st.selected as isize)
            .saturating_add(delta)
            .clamp(0, len as isize - 1) as usize;
        if pane == Pane::Log {
            // Moving off the newest event pauses following.
            if delta > 0 && new != 0 {
                self.follow = false;
            }
        }
        let st = &mut self.lists[pane.index()];
        if new == st.selected && st.id.is_some() {
            return Action::Nothing;
        }
        st.selected = new;
        st.id = None;
        Action::Redraw
    }

    /// Left/right: on the map, to the nearest capital that way; elsewhere,
    /// to the pane beside this one.
    fn sideways(&mut self, dir: i32) -> Action {
        if self.focus == Pane::Map {
            return self.map_move(dir, 0);
        }
        let areas = self.areas();
        let Some(here) = areas.rect(self.focus) else {
            return Action::Nothing;
        };
        let cy = here.y + here.height / 2;
        let target = areas
            .panes
            .iter()
            .filter(|(p, r)| {
                *p != self.focus
                    && if dir < 0 {
                        r.right() <= here.x
                    } else {
                        r.x >= here.right()
                    }
            })
            .min_by_key(|(_, r)| {
                let dy = if cy < r.y {
                    r.y - cy
                } else {
                    cy.saturating_sub(r.bottom().saturating_sub(1))
                };
                let dx = if dir < 0 {
                    here.x - r.right()
                } else {
                    r.x - here.right()
                };
                (dy, dx)
            })
            .map(|(p, _)| *p);
        target.map_or(Action::Nothing, |p| self.focus_pane(p))
    }

    /// Select the nearest capital in a direction on the map (dx, dy in
    /// screen terms: dy < 0 is north).
    fn map_move(&mut self, dx: i32, dy: i32) -> Action {
        let snap = &self.view.live.snapshot;
        let cur = self.selected(Pane::Map).and_then(|i| match i {
            Item::Capital(c) => Some(c),
            _ => None,
        });
        let Some(cur) = cur else {
            return self.move_selection(Pane::Map, 0);
        };
        let (x0, y0) = (snap.capitals[cur].lon, snap.capitals[cur].lat);
        let best = snap
            .capitals
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != cur)
            .filter_map(|(i, c)| {
                let (ex, ny) = (c.lon - x0, c.lat - y0);
                // Screen y grows south.
                let (along, across) = if dx != 0 {
                    (ex * f64::from(dx), ny.abs())
                } else {
                    (-ny * f64::from(dy), ex.abs())
                };
                (along > 0.0).then_some((i, along + 2.0 * across))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        let Some(best) = best else {
            return Action::Nothing;
        };
        self.select_item(Pane::Map, Item::Capital(best));
        Action::Redraw
    }

    fn select_item(&mut self, pane: Pane, item: Item) {
        let id = self.view.id(item);
        if let Some(pos) = self.items(pane).iter().position(|&i| i == item) {
            let st = &mut self.lists[pane.index()];
            st.selected = pos;
            st.id = Some(id);
        }
    }

    fn open_detail(&mut self) -> Action {
        let pane = if self.focus == Pane::Evidence {
            self.evidence_from
        } else {
            self.focus
        };
        let Some(item) = self.selected(pane) else {
            return Action::Nothing;
        };
        let list_pane = if pane == Pane::Map {
            Pane::Capitals
        } else {
            pane
        };
        self.popup = Some(Popup::Detail {
            pane: list_pane,
            id: self.view.id(item),
            scroll: 0,
        });
        Action::Redraw
    }

    // ---- mouse ------------------------------------------------------

    fn mouse(&mut self, m: &MouseEvent) -> Action {
        let areas = self.areas();
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(r) = areas.popup {
                    if !r.contains((m.column, m.row).into()) {
                        self.popup = None;
                        return Action::Redraw;
                    }
                    return Action::Nothing;
                }
                if let Some(tabs) = areas.tabs.filter(|t| t.y == m.row) {
                    return layout::tab_spans(tabs)
                        .into_iter()
                        .find(|(_, a, b)| (*a..*b).contains(&m.column))
                        .map_or(Action::Nothing, |(p, _, _)| self.focus_pane(p));
                }
                let Some((pane, rect)) = areas
                    .panes
                    .iter()
                    .find(|(_, r)| r.contains((m.column, m.row).into()))
                    .copied()
                else {
                    return Action::Nothing;
                };
                let a = self.focus_pane(pane);
                let b = self.click_row(pane, rect, m.column, m.row);
                a.or(b)
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if m.kind == MouseEventKind::ScrollDown {
                    1
                } else {
                    -1
                };
                if self.popup.is_some() {
                    let c = if delta > 0 {
                        Command::Down
                    } else {
                        Command::Up
                    };
                    return self.popup_command(c);
                }
                let Some(pane) = areas.pane_at(m.column, m.row) else {
                    return Action::Nothing;
                };
                let a = self.focus_pane(pane);
                let b = if pane == Pane::Map {
                    Action::Nothing
                } else {
                    self.step(delta)
                };
                a.or(b)
            }
            _ => Action::Nothing,
        }
    }

    fn click_row(&mut self, pane: Pane, rect: Rect, x: u16, y: u16) -> Action {
        if pane == Pane::Map {
            return match panes::map::capital_at(self, rect, x, y) {
                Some(c) => {
                    self.select_item(Pane::Map, Item::Capital(c));
                    Action::Redraw
                }
                None => Action::Nothing,
            };
        }
        if !pane.is_list() {
            return Action::Nothing;
        }
        let top = rect.y + rows_top(pane);
        if y < top || y >= rect.bottom().saturating_sub(1) {
            return Action::Nothing;
        }
        let st = &self.lists[pane.index()];
        let row = st.offset + usize::from(y - top);
        let len = self.items(pane).len();
        if row >= len {
            return Action::Nothing;
        }
        if pane == Pane::Log && row != 0 {
            self.follow = false;
        }
        let st = &mut self.lists[pane.index()];
        st.selected = row;
        st.id = None;
        Action::Redraw
    }

    // ---- keeping state consistent -----------------------------------

    /// Visible rows of a list pane.
    pub fn page(&self, pane: Pane) -> usize {
        let areas = self.areas();
        match areas.rect(pane) {
            Some(r) => usize::from(r.height.saturating_sub(rows_top(pane) + 1)).max(1),
            None => 10,
        }
    }

    fn evidence_max_scroll(&self) -> usize {
        let areas = self.areas();
        let Some(r) = areas.rect(Pane::Evidence) else {
            return 0;
        };
        let inner_h = usize::from(r.height.saturating_sub(2));
        let lines = panes::evidence::lines(self, r.width.saturating_sub(2)).len();
        lines.saturating_sub(inner_h)
    }

    /// After any change: re-find selections by id, keep them on screen,
    /// follow the log, and mark what the viewer now sees.
    fn refresh(&mut self) {
        for pane in Pane::ALL {
            if pane == Pane::Evidence {
                continue;
            }
            let items = self.items(pane);
            let page = self.page(pane);
            let view = &self.view;
            let follow = self.follow;
            let st = &mut self.lists[pane.index()];
            if items.is_empty() {
                *st = ListState {
                    filter: std::mem::take(&mut st.filter),
                    ..ListState::default()
                };
                continue;
            }
            if pane == Pane::Log && follow {
                st.selected = 0;
            } else if let Some(pos) = st
                .id
                .as_deref()
                .and_then(|id| items.iter().position(|&i| view.id(i) == id))
            {
                st.selected = pos;
            }
            st.selected = st.selected.min(items.len() - 1);
            st.id = Some(view.id(items[st.selected]));
            // Keep the selection on screen, and no empty space below the
            // last row when scrolled.
            if st.selected < st.offset {
                st.offset = st.selected;
            } else if st.selected >= st.offset + page {
                st.offset = st.selected + 1 - page;
            }
            st.offset = st.offset.min(items.len().saturating_sub(page));
        }
        // The map and the capitals table share the selected capital.
        match self.focus {
            Pane::Map => self.sync_capital(Pane::Map, Pane::Capitals),
            _ => self.sync_capital(Pane::Capitals, Pane::Map),
        }
        // The evidence pane starts at the top for each new item.
        let ev_id = self.evidence_item().map(|i| self.view.id(i));
        if ev_id != self.evidence_id {
            self.evidence_id = ev_id;
            self.evidence_scroll = 0;
        } else {
            self.evidence_scroll = self.evidence_scroll.min(self.evidence_max_scroll());
        }
        self.mark_seen();
    }

    fn sync_capital(&mut self, from: Pane, to: Pane) {
        if let Some(item) = self.selected(from) {
            if self.selected(to) != Some(item) {
                self.select_item(to, item);
                let page = self.page(to);
                let st = &mut self.lists[to.index()];
                if st.selected < st.offset {
                    st.offset = st.selected;
                } else if st.selected >= st.offset + page {
                    st.offset = st.selected + 1 - page;
                }
            }
        }
    }

    fn mark_seen(&mut self) {
        let mut looked = Vec::new();
        if self.focus == Pane::Log {
            self.log_seen = self.view.live.events.len();
        } else if self.focus != Pane::Evidence {
            looked.extend(self.selected(self.focus));
        }
        looked.extend(self.detail_item());
        for item in looked {
            if let Some(v) = self.view.version(item) {
                self.seen.insert(self.view.id(item), v);
            }
        }
    }
}

/// Screen rows above a pane's first data row (border, table header).
pub fn rows_top(pane: Pane) -> u16 {
    match pane {
        Pane::Capitals | Pane::Battles | Pane::Deployments | Pane::Articles => 2,
        _ => 1,
    }
}
