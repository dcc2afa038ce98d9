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
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use strum::EnumCount;

use crate::alerts;
use crate::corrections::Entry;
use crate::live::{Limit, Live};
use crate::model::Article;
use crate::state::Change;

use super::config::UiConfig;
use super::form::{Form, Target};
use super::frames::{FrameKey, Same};
use super::input::{self, Mode};
use super::keymap::{Command, Key};
use super::layout::{self, Areas};
use super::listnav::ListNav;
use super::panes;
use super::text;
use super::theme::Theme;
use super::view::{Item, Rows, Sort, View};
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

/// Work a session asks its runner to do (the session itself does no I/O).
#[derive(Debug, Clone)]
pub enum Request {
    /// Append this entry to the corrections journal.
    Correct(Entry),
    /// Write a brief of this state to a file.
    Brief(Arc<Live>),
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
    /// An article's text with its evidence sentences highlighted.
    Reader {
        article: Arc<str>,
        scroll: usize,
        /// Its text, read again when the reader opened.
        text: Text,
    },
    Correct(Box<Form>),
}

/// An article read again for the reader, or why it could not be.
#[derive(Debug, Clone)]
pub struct Text(pub Result<Arc<Article>, String>);

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        match (&self.0, &other.0) {
            (Ok(a), Ok(b)) => a.name == b.name && a.hash == b.hash,
            (Err(a), Err(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Text {}

/// The counts when this viewer started, for "+N since start".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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

#[derive(Debug, Clone)]
struct CachedRows {
    filter: String,
    sort: Sort,
    rows: Arc<Rows>,
}

/// How long an alert flash and a notice stay in view.
const FLASH: Duration = Duration::from_secs(4);
const NOTICE: Duration = Duration::from_secs(8);

pub struct Session {
    config: Arc<UiConfig>,
    theme: Theme,
    /// The newest `Live` received.
    latest: Arc<Live>,
    /// What is on screen: the latest, the one frozen with `f`, or a replay.
    view: Arc<View>,
    frozen: bool,
    /// Updates received while frozen.
    held_updates: usize,
    /// Replaying: the article event shown AS OF.
    replay: Option<usize>,
    start: Baseline,
    focus: Pane,
    /// The pane in the large slot of the compact layout.
    stage: Pane,
    zoom: bool,
    /// Each list pane's rows for the filter and order they were made for:
    /// worked out once per view, not once per use.
    rows: Mutex<Vec<Option<CachedRows>>>,
    /// The pane whose selection the evidence pane shows.
    evidence_from: Pane,
    evidence_id: Option<String>,
    evidence_scroll: usize,
    lists: [ListNav; Pane::COUNT],
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
    /// When the newest article arrived, on this session's clock.
    updated_at: Instant,
    viewers: Option<usize>,
    /// An alert in view until the instant.
    flash: Option<(String, Instant)>,
    /// Ring the terminal bell with the next frame.
    bell: bool,
    /// A message for the viewer (a brief written, a correction saved).
    notice: Option<(String, Instant)>,
    requests: Vec<Request>,
    /// Who corrections from this session are by, and how they came.
    author: (String, &'static str),
}

/// `newest` (a wall time) on the monotonic clock, given both clocks now.
fn on_clock(newest: Option<SystemTime>, fallback: Instant, now: Instant) -> Instant {
    match newest.and_then(|t| SystemTime::now().duration_since(t).ok()) {
        Some(age) => now.checked_sub(age).unwrap_or(now),
        None if newest.is_some() => now,
        None => fallback.min(now),
    }
}

impl Session {
    /// A session showing `live`, everything in it counted as seen.
    pub fn new(live: Arc<Live>, config: Arc<UiConfig>, theme: Theme, now: Instant) -> Session {
        let updated_at = on_clock(live.newest(), live.published, now);
        let view = View::shared(live.clone());
        let start = Baseline::of(&view);
        let mut s = Session {
            config,
            theme,
            latest: live,
            view,
            frozen: false,
            held_updates: 0,
            replay: None,
            start,
            focus: Pane::Capitals,
            stage: Pane::Capitals,
            rows: Mutex::new(vec![None; Pane::COUNT]),
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
            updated_at,
            viewers: None,
            flash: None,
            bell: false,
            notice: None,
            requests: Vec::new(),
            author: (crate::corrections::local_user(), "dashboard"),
        };
        s.refresh();
        s
    }

    // ---- inputs from the runner -------------------------------------

    /// A new state was published. Frozen sessions keep showing the old one;
    /// a replay stays on its event.
    pub fn update(&mut self, live: Arc<Live>, now: Instant) -> Action {
        self.now = now;
        if live.seq == self.latest.seq && Arc::ptr_eq(&live, &self.latest) {
            return Action::Nothing;
        }
        self.alert(&live, now);
        self.updated_at = on_clock(live.newest(), live.published, now);
        self.latest = live;
        if self.frozen {
            self.held_updates += 1;
        } else {
            self.show_latest();
        }
        Action::Redraw
    }

    /// Flash (and ring) for the new changes of the kinds ui.toml names.
    fn alert(&mut self, live: &Live, now: Instant) {
        let cfg = &self.config.alerts;
        if !cfg.flash && !cfg.bell {
            return;
        }
        let changes = live.changes_since(&self.latest);
        let hits: Vec<String> = changes
            .added
            .iter()
            .filter(|(_, e)| cfg.on.contains(&alerts::kind(e)))
            .map(|(_, e)| alerts::headline(live, e))
            .collect();
        let Some(first) = hits.first() else {
            return;
        };
        let more = match hits.len() {
            1 => String::new(),
            n => format!(" (+{} more)", n - 1),
        };
        if cfg.flash {
            self.flash = Some((format!("{first}{more}"), now + FLASH));
        }
        self.bell |= cfg.bell;
    }

    /// Rebuild the view from the latest `Live` (as of the replayed event
    /// when replaying).
    fn show_latest(&mut self) {
        self.view = match self.replay {
            Some(k) if k < self.latest.article_events => {
                Arc::new(View::new(Arc::new(self.latest.at(Limit::Event(k)))))
            }
            Some(_) => {
                self.replay = None;
                View::shared(self.latest.clone())
            }
            None => View::shared(self.latest.clone()),
        };
        for slot in self.rows.get_mut().unwrap_or_else(|e| e.into_inner()) {
            *slot = None;
        }
        self.refresh();
    }

    /// The clock used for "updated N min ago"; tests set it.
    pub fn set_now(&mut self, now: Instant) {
        self.now = now;
        if self.flash.as_ref().is_some_and(|(_, until)| *until <= now) {
            self.flash = None;
        }
        if self.notice.as_ref().is_some_and(|(_, until)| *until <= now) {
            self.notice = None;
        }
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

    /// Who this viewer's corrections are by (an SSH key's fingerprint),
    /// and how they came ("ssh").
    pub fn set_author(&mut self, by: String, via: &'static str) {
        self.author = (by, via);
    }

    /// What the runner should do for this viewer; taken once.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// A message for the viewer, shown in the footer for a while.
    pub fn notify(&mut self, message: String, now: Instant) -> Action {
        self.notice = Some((message, now + NOTICE));
        Action::Redraw
    }

    /// Whether the next frame should ring the bell; the runner calls
    /// [`Session::bell_rung`] once it has.
    pub fn wants_bell(&self) -> bool {
        self.bell
    }

    pub fn bell_rung(&mut self) {
        self.bell = false;
    }

    /// When something on screen next changes by itself: the header's age
    /// text, staleness, or an alert or notice going away.
    pub fn next_wakeup(&self) -> Instant {
        let age = self.now.saturating_duration_since(self.updated_at);
        let mut next = text::ago_next_change(age);
        if age < self.config.stale_after {
            next = next.min(self.config.stale_after);
        }
        let mut at = self.updated_at + next;
        for (_, until) in self.flash.iter().chain(&self.notice) {
            at = at.min(*until);
        }
        at
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
    /// Replaying: (the event shown, how many article events there are).
    pub fn replaying(&self) -> Option<(usize, usize)> {
        self.replay.map(|k| (k, self.latest.article_events))
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
    pub fn list(&self, pane: Pane) -> &ListNav {
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
    pub fn flash(&self) -> Option<&str> {
        self.flash.as_ref().map(|(m, _)| m.as_str())
    }
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|(m, _)| m.as_str())
    }
    /// Time since the newest article arrived.
    pub fn age(&self) -> std::time::Duration {
        self.now.saturating_duration_since(self.updated_at)
    }
    pub fn stale(&self) -> bool {
        self.age() >= self.config.stale_after
    }

    /// What this session shows besides its view: sessions of one view
    /// with equal keys draw the same frame (see [`frames`](super::frames)).
    pub fn frame_key(&self) -> FrameKey {
        // Every field is named: a new one must go into the key, or be
        // said here to be outside what is drawn.
        let Session {
            config,
            theme,
            // Drawn through `replaying` (its article events) only.
            latest: _,
            // The frames' owner.
            view: _,
            // Drawn through `frozen()`.
            frozen: _,
            held_updates: _,
            // Drawn through `replaying`.
            replay: _,
            start,
            focus,
            stage,
            zoom,
            // Worked out from the view and `lists`.
            rows: _,
            evidence_from,
            // Worked out from the view and `lists`.
            evidence_id: _,
            evidence_scroll,
            lists,
            editing_filter,
            follow,
            popup,
            seen,
            log_seen,
            size,
            // Drawn as `age` and `stale`.
            now: _,
            updated_at: _,
            viewers,
            flash,
            // Rung by the screen, not drawn.
            bell: _,
            notice,
            // Not drawn.
            requests: _,
            author: _,
        } = self;
        FrameKey {
            size: *size,
            config: Same(config.clone()),
            theme: theme.clone(),
            replaying: self.replaying(),
            frozen: self.frozen(),
            start: *start,
            focus: *focus,
            stage: *stage,
            zoom: *zoom,
            lists: lists.clone(),
            evidence_from: *evidence_from,
            evidence_scroll: *evidence_scroll,
            editing_filter: *editing_filter,
            follow: *follow,
            popup: popup.clone(),
            seen: seen.clone(),
            log_seen: *log_seen,
            viewers: *viewers,
            flash: flash.as_ref().map(|(m, _)| m.clone()),
            notice: notice.as_ref().map(|(m, _)| m.clone()),
            age: text::ago(self.age()),
            stale: self.stale(),
        }
    }

    /// What the keys are for now.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(Popup::Correct(_)) => Mode::Form,
            Some(_) => Mode::Popup,
            None if self.editing_filter => Mode::Filter,
            None => Mode::Panes {
                log: self.focus == Pane::Log,
            },
        }
    }

    /// The rows of a pane as shown (filtered, sorted).
    pub fn items(&self, pane: Pane) -> Arc<Rows> {
        let st = &self.lists[pane.index()];
        let mut cache = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        let slot = cache.get_mut(pane.index());
        if let Some(Some(c)) = slot.as_deref() {
            if c.filter == st.filter && c.sort == st.sort {
                return c.rows.clone();
            }
        }
        let rows = Arc::new(self.view.rows(pane, &st.filter, st.sort));
        if let Some(slot) = slot {
            *slot = Some(CachedRows {
                filter: st.filter.clone(),
                sort: st.sort,
                rows: rows.clone(),
            });
        }
        rows
    }

    /// Whether a list pane has a row this viewer has not seen.
    pub fn has_new(&self, pane: Pane) -> bool {
        match &*self.items(pane) {
            Rows::Events { .. } => self.replay.is_none() && self.unseen_events() > 0,
            Rows::Articles { .. } => false,
            rows => rows.iter().any(|i| self.is_new(i)),
        }
    }

    /// The selected row of a pane.
    pub fn selected(&self, pane: Pane) -> Option<Item> {
        let st = &self.lists[pane.index()];
        let id = st.id.as_deref()?;
        let rows = self.items(pane);
        rows.get(st.selected)
            .filter(|&i| self.view.id(i) == id)
            .or_else(|| rows.get(self.view.row_of(&rows, id)?))
    }

    /// The item whose evidence the evidence pane shows.
    pub fn evidence_item(&self) -> Option<Item> {
        self.selected(self.evidence_from)
    }

    /// Changed since this viewer last looked at it.
    pub fn is_new(&self, item: Item) -> bool {
        if self.replay.is_some() {
            return false;
        }
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
            Some(Popup::Detail { pane, id, .. }) => {
                let rows = self.view.rows(*pane, "", Default::default());
                rows.get(self.view.row_of(&rows, id)?)
            }
            _ => None,
        }
    }

    // ---- keys -------------------------------------------------------

    fn key(&mut self, k: &KeyEvent) -> Action {
        let mode = self.mode();
        let cmd = input::command(&self.config.keymap, mode, k);
        match mode {
            Mode::Form => match cmd {
                Some(c) => self.form_command(c),
                None => self.form_key(k),
            },
            Mode::Popup => cmd.map_or(Action::Nothing, |c| self.popup_command(c)),
            Mode::Filter => match cmd {
                Some(c) => self.command(c),
                None => self.filter_key(k, Key::from_event(k)),
            },
            Mode::Panes { .. } => cmd.map_or(Action::Nothing, |c| self.command(c)),
        }
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
                return match self
                    .config
                    .keymap
                    .lookup(super::keymap::Context::Navigation, key)
                {
                    Some(c) if !matches!(k.code, KeyCode::Char(_)) => self.command(c),
                    _ => Action::Nothing,
                }
            }
        }
        let st = &mut self.lists[pane.index()];
        st.selected = 0;
        st.id = None;
        Action::Redraw
    }

    fn form(&mut self) -> Option<&mut Form> {
        match self.popup.as_mut() {
            Some(Popup::Correct(f)) => Some(f),
            _ => None,
        }
    }

    fn form_command(&mut self, c: Command) -> Action {
        match c {
            Command::Quit => return Action::Quit,
            Command::FormCancel => self.popup = None,
            Command::FormNext => {
                if let Some(f) = self.form() {
                    f.next_field();
                }
            }
            Command::FormSave => {
                let (by, via) = self.author.clone();
                let Some(f) = self.form() else {
                    return Action::Nothing;
                };
                match f.entry(&by, via) {
                    Ok(e) => {
                        self.requests.push(Request::Correct(e));
                        self.popup = None;
                    }
                    Err(m) => f.error = Some(m),
                }
            }
            _ => return Action::Nothing,
        }
        Action::Redraw
    }

    fn form_key(&mut self, k: &KeyEvent) -> Action {
        let Some(f) = self.form() else {
            return Action::Nothing;
        };
        match k.code {
            KeyCode::Up => f.choose(-1),
            KeyCode::Down => f.choose(1),
            KeyCode::Backspace => f.backspace(),
            KeyCode::Char(c)
                if !k
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                f.type_char(c)
            }
            _ => return Action::Nothing,
        }
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
            Popup::Help { scroll }
            | Popup::Detail { scroll, .. }
            | Popup::Reader { scroll, .. } => scroll,
            Popup::Correct(_) => return Action::Nothing,
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
            Some(Popup::Reader { .. }) => panes::reader::lines(self, w).len(),
            Some(Popup::Correct(_)) => panes::correct::lines(self, w).len(),
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
                    // A new filter starts afresh.
                    self.lists[self.focus.index()].filter.clear();
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
                    self.show_latest();
                }
                Action::Redraw
            }
            Command::Zoom => {
                self.zoom = !self.zoom;
                Action::Redraw
            }
            Command::Sort => {
                let pane = self.focus;
                if !pane.is_list() {
                    return Action::Nothing;
                }
                let st = &mut self.lists[pane.index()];
                st.sort = st.sort.next(pane);
                if pane == Pane::Log {
                    self.follow = false;
                }
                Action::Redraw
            }
            Command::MarkSeen => {
                self.log_seen = self.view.live.events.len();
                // Events are seen by `log_seen`; articles are never new.
                for pane in Pane::all().filter(|p| !matches!(p, Pane::Log | Pane::Articles)) {
                    for item in self.view.items(pane, "", Default::default()) {
                        if let Some(v) = self.view.version(item) {
                            self.seen.insert(self.view.id(item), v);
                        }
                    }
                }
                Action::Redraw
            }
            Command::Correct => self.open_correction(),
            Command::Brief => {
                self.requests.push(Request::Brief(self.view.live.clone()));
                Action::Redraw
            }
            Command::ReplayBack => self.replay_step(-1),
            Command::ReplayForward => self.replay_step(1),
            Command::Live => self.leave_replay(),
            Command::ClosePopup | Command::FormSave | Command::FormCancel | Command::FormNext => {
                Action::Nothing
            }
        }
    }

    /// `[` and `]`: step through the articles' events, showing the state
    /// AS OF each; past the last one is live again.
    fn replay_step(&mut self, delta: isize) -> Action {
        let n = self.latest.article_events;
        if n == 0 {
            return Action::Nothing;
        }
        let next = match self.replay {
            None if delta < 0 => Some(n.saturating_sub(2)),
            None => return Action::Nothing,
            Some(k) => {
                // The last event's state is the live one.
                let k = k as isize + delta;
                if k >= n as isize - 1 {
                    None
                } else {
                    Some(k.max(0) as usize)
                }
            }
        };
        if next == self.replay {
            return Action::Nothing;
        }
        self.replay = next;
        self.follow = true;
        self.show_latest();
        Action::Redraw
    }

    fn leave_replay(&mut self) -> Action {
        if self.replay.take().is_none() {
            return Action::Nothing;
        }
        self.show_latest();
        Action::Redraw
    }

    /// Esc: the innermost thing first (popup, filter, replay, zoom). Never
    /// quits: q and Ctrl-C do.
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
        if self.replay.is_some() {
            return self.leave_replay();
        }
        if self.zoom {
            self.zoom = false;
            return Action::Redraw;
        }
        Action::Nothing
    }

    /// `c`: a correction form for the selected capital or deployment, or
    /// to dismiss the selected event's sentence.
    fn open_correction(&mut self) -> Action {
        let pane = if self.focus == Pane::Evidence {
            self.evidence_from
        } else {
            self.focus
        };
        let Some(item) = self.selected(pane) else {
            return Action::Nothing;
        };
        let live = &self.view.live;
        let snap = &live.snapshot;
        let capital = |i: usize| {
            let c = &snap.capitals[i];
            Target::Capital {
                name: c.name.clone(),
                now: c.standing(),
                corrected: c.correction.is_some(),
            }
        };
        let target = match item {
            Item::Capital(i) => capital(i),
            Item::Battle(i) => match self.view.capital_index(&snap.battles[i].location) {
                Some(c) => capital(c),
                None => return Action::Nothing,
            },
            Item::Deployment(i) => {
                let d = &snap.deployments[i];
                Target::Deployment {
                    country: d.country.clone(),
                    troops: d.troops,
                    corrected: d.correction.is_some(),
                }
            }
            Item::Event(i) => {
                let e = &live.events[i];
                match (e.evidence(), e.change) {
                    (Some(ev), _) => Target::Sentence {
                        file: ev.file.to_string(),
                        start: ev.start() as usize,
                        end: ev.end() as usize,
                        sentence: ev.sentence.to_string(),
                        dismissed: false,
                    },
                    (None, Change::Capital { place, after, .. }) => Target::Capital {
                        name: live.scenario.places[place as usize].name.clone(),
                        now: after,
                        corrected: true,
                    },
                    (None, Change::Deployment { country, after, .. }) => Target::Deployment {
                        country: live.scenario.countries[country as usize].name.clone(),
                        troops: after,
                        corrected: true,
                    },
                    (None, Change::Tally { .. }) => return Action::Nothing,
                }
            }
            Item::Article(_) => return Action::Nothing,
        };
        self.popup = Some(Popup::Correct(Box::new(Form::new(target))));
        Action::Redraw
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
            // Up (delta -1) is north: dy < 0, as map_move's doc says.
            Pane::Map if delta.abs() == 1 => {
                return self.map_move(0, delta as i32);
            }
            _ => {}
        }
        self.move_selection(pane, delta)
    }

    fn move_selection(&mut self, pane: Pane, delta: isize) -> Action {
        let len = self.items(pane).len();
        let st = &mut self.lists[pane.index()];
        let from = st.selected;
        if !st.step(delta, len) {
            return Action::Nothing;
        }
        // Moving off the newest event pauses following.
        if pane == Pane::Log && delta > 0 && st.selected != 0 && from != st.selected {
            self.follow = false;
        }
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
        if let Some(pos) = self.items(pane).position(item) {
            self.lists[pane.index()].select(pos, id);
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
        if let Item::Article(i) = item {
            let live = &self.view.live;
            let a = &live.articles[i];
            // The one read of a file a session does: the text is not kept.
            let text = match &live.texts {
                Some(texts) => texts.load(&a.article).map(Arc::new),
                None => Err("its text is not kept, and there is no folder to read it from".into()),
            };
            self.popup = Some(Popup::Reader {
                article: a.name().clone(),
                scroll: 0,
                text: Text(text),
            });
            return Action::Redraw;
        }
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
        let view = self.view.clone();
        for pane in Pane::all() {
            if pane == Pane::Evidence {
                continue;
            }
            let rows = self.items(pane);
            let page = self.page(pane);
            let follow = self.follow;
            let st = &mut self.lists[pane.index()];
            if pane == Pane::Log && follow {
                st.selected = 0;
                st.id = None;
            }
            st.settle(
                rows.len(),
                |id| view.row_of(&rows, id),
                |row| rows.get(row).map(|i| view.id(i)),
                page,
            );
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
                let len = self.items(to).len();
                self.lists[to.index()].keep_visible(page, len);
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
