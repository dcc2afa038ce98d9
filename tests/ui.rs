//! Screen tests of the dashboard on ratatui's TestBackend, with the seed
//! feeds, plus the session's key handling. "Now" is an input of the
//! session, so the header's "updated ... ago" is fixed here.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use sitmon::config::Scenario;
use sitmon::corrections::Corrections;
use sitmon::ingest::{Reader, Texts};
use sitmon::live::Live;
use sitmon::model::{Article, TimeSource};
use sitmon::state::Store;
use sitmon::ui::session::Popup;
use sitmon::ui::view::Item;
use sitmon::ui::{render, Action, Pane, Session, Theme, UiConfig};

fn seeds() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/seeds")
}

/// The state after the first `n` seed articles (the .txt files; the
/// folder also holds notes and gold labels).
fn live(n: usize, seq: u64) -> Arc<Live> {
    let scenario = Arc::new(Scenario::builtin());
    let (articles, _) = Reader::new(&scenario)
        .scan(&seeds())
        .expect("seeds readable");
    let articles: Vec<_> = articles
        .into_iter()
        .filter(|a| a.name.ends_with(".txt"))
        .take(n)
        .map(fixed_clock)
        .collect();
    let mut store = Store::new(scenario.clone());
    store.upsert_all(articles);
    let mut live = Live::of(&store, Arc::new(Corrections::default()), seq);
    // The reader reads texts again from the folder.
    let reader = Arc::new(Reader::new(&scenario));
    live.texts = Some(Arc::new(Texts::new(seeds(), reader)));
    Arc::new(live)
}

/// Screens must not depend on when the files were checked out: no file
/// times (the header's age then counts from the state's publication).
fn fixed_clock(mut a: Article) -> Article {
    a.modified = None;
    if a.time.is_some_and(|t| t.source == TimeSource::FileTime) {
        a.time = None;
    }
    a
}

fn all() -> Arc<Live> {
    live(usize::MAX, 1)
}

fn session(live: Arc<Live>, w: u16, h: u16, t0: Instant) -> Session {
    let mut s = Session::new(live, Arc::new(UiConfig::default()), Theme::mono(), t0);
    s.resize(w, h);
    s
}

/// The screen as text, one line per row.
fn screen(s: &Session) -> String {
    let size = s.size();
    let mut term = Terminal::new(TestBackend::new(size.width, size.height)).expect("backend");
    term.draw(|f| render(f, s)).expect("draw");
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..size.height {
        let mut line = String::new();
        for x in 0..size.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn key(s: &mut Session, code: KeyCode) -> Action {
    s.handle(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn chars(s: &mut Session, text: &str) {
    for c in text.chars() {
        key(s, KeyCode::Char(c));
    }
}

fn click(s: &mut Session, x: u16, y: u16) -> Action {
    s.handle(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }))
}

// ---- screens ---------------------------------------------------------

#[test]
fn dashboard_80x24() {
    let s = session(all(), 80, 24, Instant::now());
    insta::assert_snapshot!("dashboard_80x24", screen(&s));
}

#[test]
fn dashboard_160x48() {
    let s = session(all(), 160, 48, Instant::now());
    insta::assert_snapshot!("dashboard_160x48", screen(&s));
}

#[test]
fn focus_log_80x24() {
    let mut s = session(all(), 80, 24, Instant::now());
    for _ in 0..3 {
        key(&mut s, KeyCode::Tab);
    }
    assert_eq!(s.focus(), Pane::Log);
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    insta::assert_snapshot!("focus_log_80x24", screen(&s));
}

#[test]
fn focus_map_80x24() {
    let mut s = session(all(), 80, 24, Instant::now());
    key(&mut s, KeyCode::Char('6'));
    insta::assert_snapshot!("focus_map_80x24", screen(&s));
}

#[test]
fn focus_deployments_160x48() {
    let mut s = session(all(), 160, 48, Instant::now());
    key(&mut s, KeyCode::Char('3'));
    key(&mut s, KeyCode::Down);
    insta::assert_snapshot!("focus_deployments_160x48", screen(&s));
}

#[test]
fn filter_80x24() {
    let mut s = session(all(), 80, 24, Instant::now());
    chars(&mut s, "/kan");
    insta::assert_snapshot!("filter_typing_80x24", screen(&s));
    key(&mut s, KeyCode::Enter);
    insta::assert_snapshot!("filter_kept_80x24", screen(&s));
}

#[test]
fn help_80x24() {
    let mut s = session(all(), 80, 24, Instant::now());
    key(&mut s, KeyCode::Char('?'));
    insta::assert_snapshot!("help_80x24", screen(&s));
}

#[test]
fn help_160x48() {
    let mut s = session(all(), 160, 48, Instant::now());
    key(&mut s, KeyCode::Char('?'));
    insta::assert_snapshot!("help_160x48", screen(&s));
}

#[test]
fn detail_80x24() {
    let mut s = session(all(), 80, 24, Instant::now());
    key(&mut s, KeyCode::Enter);
    insta::assert_snapshot!("detail_80x24", screen(&s));
}

#[test]
fn detail_of_a_deployment_160x48() {
    let mut s = session(all(), 160, 48, Instant::now());
    key(&mut s, KeyCode::Char('3'));
    key(&mut s, KeyCode::Enter);
    insta::assert_snapshot!("detail_deployment_160x48", screen(&s));
}

#[test]
fn update_marks_new_items_160x48() {
    let t0 = Instant::now();
    let mut s = session(live(3, 1), 160, 48, t0);
    assert_eq!(s.update(all(), t0 + Duration::from_secs(5)), Action::Redraw);
    s.set_now(t0 + Duration::from_secs(65));
    insta::assert_snapshot!("update_new_160x48", screen(&s));
}

#[test]
fn stale_header_80x24() {
    let t0 = Instant::now();
    let mut s = session(all(), 80, 24, t0);
    s.set_now(t0 + Duration::from_secs(11 * 60));
    assert!(s.stale());
    let text = screen(&s);
    assert!(text.contains("updated 11 min ago"), "{text}");
    insta::assert_snapshot!("stale_80x24", text);
}

#[test]
fn frozen_80x24() {
    let t0 = Instant::now();
    let mut s = session(live(3, 1), 80, 24, t0);
    key(&mut s, KeyCode::Char('f'));
    s.update(all(), t0);
    insta::assert_snapshot!("frozen_80x24", screen(&s));
}

#[test]
fn too_small() {
    let s = session(all(), 30, 8, Instant::now());
    let text = screen(&s);
    assert!(text.starts_with("sitmon needs 40x12 or more"), "{text}");
}

#[test]
fn every_size_from_40x12_to_200x60_draws() {
    let l = all();
    for (w, h) in [
        (40, 12),
        (60, 20),
        (79, 23),
        (80, 24),
        (100, 30),
        (119, 35),
        (120, 36),
        (200, 60),
    ] {
        let mut s = session(l.clone(), w, h, Instant::now());
        for k in ['?', 'q', '6', 'z', '7', '\n'] {
            let _ = screen(&s);
            if k == '\n' {
                key(&mut s, KeyCode::Enter);
            } else {
                key(&mut s, KeyCode::Char(k));
            }
        }
        let _ = screen(&s);
    }
}

// ---- session handling ------------------------------------------------

#[test]
fn tab_cycles_through_every_pane_and_back() {
    let mut s = session(all(), 160, 48, Instant::now());
    let mut seen = vec![s.focus()];
    for _ in 0..7 {
        key(&mut s, KeyCode::Tab);
        seen.push(s.focus());
    }
    assert_eq!(seen[..7].to_vec(), Pane::all().collect::<Vec<_>>());
    assert_eq!(seen[7], Pane::Capitals);
    key(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus(), Pane::Articles);
    key(&mut s, KeyCode::Char('4'));
    assert_eq!(s.focus(), Pane::Log);
}

#[test]
fn filter_narrows_and_esc_clears_it() {
    let mut s = session(all(), 80, 24, Instant::now());
    let all_rows = s.items(Pane::Capitals).len();
    assert_eq!(all_rows, 34);
    chars(&mut s, "/herat");
    assert!(s.editing_filter());
    let rows = s.items(Pane::Capitals);
    assert_eq!(rows.len(), 1);
    // "q" is text while typing, not quit.
    assert_eq!(key(&mut s, KeyCode::Char('q')), Action::Redraw);
    assert_eq!(s.items(Pane::Capitals).len(), 0);
    key(&mut s, KeyCode::Backspace);
    key(&mut s, KeyCode::Enter);
    assert!(!s.editing_filter());
    assert_eq!(s.list(Pane::Capitals).filter, "herat");
    // Status words match too.
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.items(Pane::Capitals).len(), all_rows);
    chars(&mut s, "/fallen");
    assert_eq!(s.items(Pane::Capitals).len(), all().snapshot.counts.fallen);
}

/// Bug 6: Esc lost the dashboard (and over SSH, the connection). It
/// closes and clears only; q and Ctrl-C quit.
#[test]
fn esc_closes_popups_then_filters_and_never_quits() {
    let mut s = session(all(), 80, 24, Instant::now());
    chars(&mut s, "/ka");
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('?'));
    assert!(matches!(s.popup(), Some(Popup::Help { .. })));
    assert_eq!(key(&mut s, KeyCode::Esc), Action::Redraw);
    assert!(s.popup().is_none());
    assert_eq!(s.list(Pane::Capitals).filter, "ka");
    assert_eq!(key(&mut s, KeyCode::Esc), Action::Redraw);
    assert_eq!(s.list(Pane::Capitals).filter, "");
    for _ in 0..3 {
        assert_eq!(key(&mut s, KeyCode::Esc), Action::Nothing);
    }
    // Zoom and replay close with Esc too.
    key(&mut s, KeyCode::Char('z'));
    assert!(s.zoomed());
    key(&mut s, KeyCode::Esc);
    assert!(!s.zoomed());
    key(&mut s, KeyCode::Char('['));
    assert!(s.replaying().is_some());
    assert_eq!(key(&mut s, KeyCode::Esc), Action::Redraw);
    assert!(s.replaying().is_none());
    assert_eq!(key(&mut s, KeyCode::Esc), Action::Nothing);
}

#[test]
fn q_and_ctrl_c_quit_and_q_closes_a_popup_first() {
    let mut s = session(all(), 80, 24, Instant::now());
    key(&mut s, KeyCode::Enter);
    assert!(s.popup_open());
    assert_eq!(key(&mut s, KeyCode::Char('q')), Action::Redraw);
    assert_eq!(key(&mut s, KeyCode::Char('q')), Action::Quit);
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    key(&mut s, KeyCode::Char('?'));
    assert_eq!(s.handle(&ctrl_c), Action::Quit);
}

#[test]
fn freeze_keeps_the_old_state_while_new_ones_arrive() {
    let t0 = Instant::now();
    let old = live(3, 1);
    let mut s = session(old.clone(), 80, 24, t0);
    key(&mut s, KeyCode::Char('f'));
    assert_eq!(s.frozen(), Some(0));
    s.update(live(4, 2), t0);
    s.update(all(), t0);
    assert!(Arc::ptr_eq(&s.view().live, &old));
    assert_eq!(s.frozen(), Some(2));
    assert_eq!(s.latest().seq, 1);
    key(&mut s, KeyCode::Char('f'));
    assert_eq!(s.frozen(), None);
    assert_eq!(s.view().live.articles.len(), 5);
}

#[test]
fn selection_follows_its_item_across_updates() {
    let t0 = Instant::now();
    let mut s = session(live(1, 1), 80, 24, t0);
    // Select Mazar-i-Sharif, contested after the first article.
    let mazar = s
        .items(Pane::Capitals)
        .iter()
        .position(|i| s.view().label(i).starts_with("Mazar"))
        .expect("listed");
    for _ in 0..mazar {
        key(&mut s, KeyCode::Down);
    }
    let before = s.selected(Pane::Capitals).map(|i| s.view().label(i));
    // More capitals fall: rows move, the selection stays on Mazar.
    s.update(all(), t0);
    let after = s.selected(Pane::Capitals).map(|i| s.view().label(i));
    assert_eq!(before, after);
    assert!(after.is_some_and(|l| l.starts_with("Mazar")));
}

#[test]
fn new_items_stay_marked_until_selected() {
    let t0 = Instant::now();
    let mut s = session(live(3, 1), 80, 24, t0);
    s.update(all(), t0);
    let feroz = s
        .items(Pane::Capitals)
        .iter()
        .find(|&i| s.view().label(i).starts_with("Feroz"))
        .expect("listed");
    // Feroz Koh fell in article 5 and sorts first (newest fall); the
    // selection stayed on its old row, so Feroz Koh is new until selected.
    assert_eq!(s.items(Pane::Capitals).get(0).unwrap(), feroz);
    assert!(s.is_new(feroz));
    key(&mut s, KeyCode::Char('g'));
    assert_eq!(s.selected(Pane::Capitals), Some(feroz));
    assert!(!s.is_new(feroz));
    // Ghazni fell before the session started: never new.
    let ghazni = s
        .items(Pane::Capitals)
        .iter()
        .find(|&i| s.view().label(i).starts_with("Ghazni"))
        .expect("listed");
    assert!(!s.is_new(ghazni));
    // The deployment pane has a new figure for the UK (article 4): new
    // until the deployments pane selects it.
    let new_deployments: Vec<Item> = s
        .items(Pane::Deployments)
        .iter()
        .filter(|&i| s.is_new(i))
        .collect();
    assert!(!new_deployments.is_empty());
    key(&mut s, KeyCode::Char('3'));
    for _ in 0..s.items(Pane::Deployments).len() {
        key(&mut s, KeyCode::Down);
    }
    assert!(s.items(Pane::Deployments).iter().all(|i| !s.is_new(i)));
    // New events are new until the log is focused.
    assert!(s.unseen_events() > 0);
    key(&mut s, KeyCode::Char('4'));
    assert_eq!(s.unseen_events(), 0);
}

#[test]
fn log_follows_until_moved_and_f_resumes() {
    let t0 = Instant::now();
    let mut s = session(live(3, 1), 80, 24, t0);
    key(&mut s, KeyCode::Char('4'));
    assert!(s.following());
    key(&mut s, KeyCode::Down);
    assert!(!s.following());
    let held = s.selected(Pane::Log);
    s.update(all(), t0);
    assert_eq!(s.selected(Pane::Log), held, "paused: the selection stays");
    key(&mut s, KeyCode::Char('F'));
    assert!(s.following());
    assert_eq!(s.list(Pane::Log).selected, 0);
    key(&mut s, KeyCode::Char('G'));
    assert!(!s.following());
    // End is the last row (bottom), not follow: one key, one command.
    key(&mut s, KeyCode::End);
    assert!(!s.following());
    key(&mut s, KeyCode::Char('F'));
    assert!(s.following());
}

#[test]
fn clicks_focus_panes_and_select_rows() {
    let mut s = session(all(), 160, 48, Instant::now());
    let areas = s.areas();
    let log = areas.rect(Pane::Log).expect("log on screen");
    assert_eq!(click(&mut s, log.x + 5, log.y + 3), Action::Redraw);
    assert_eq!(s.focus(), Pane::Log);
    assert_eq!(s.list(Pane::Log).selected, 2);
    assert!(!s.following());
    let caps = areas.rect(Pane::Capitals).expect("capitals on screen");
    click(&mut s, caps.x + 5, caps.y + 2);
    assert_eq!(s.focus(), Pane::Capitals);
    assert_eq!(s.list(Pane::Capitals).selected, 0);
    // The wheel scrolls the pane under the pointer.
    s.handle(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: caps.x + 5,
        row: caps.y + 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(s.list(Pane::Capitals).selected, 1);
    // Compact layout: the tab strip focuses panes.
    let mut s = session(all(), 80, 24, Instant::now());
    let tabs = s.areas().tabs.expect("compact layout has tabs");
    let map_tab = sitmon::ui::layout::tab_spans(tabs)
        .into_iter()
        .find(|t| t.0 == Pane::Map)
        .expect("map tab");
    click(&mut s, map_tab.1 + 1, tabs.y);
    assert_eq!(s.focus(), Pane::Map);
}

/// The dev corpus: the state the screens were taken from.
fn dev() -> Arc<Live> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/dev");
    let scenario = Arc::new(Scenario::builtin());
    let (articles, _) = Reader::new(&scenario).scan(&dir).expect("dev readable");
    let mut store = Store::new(scenario);
    store.upsert_all(articles.into_iter().map(fixed_clock).collect());
    Arc::new(Live::of(&store, Arc::new(Corrections::default()), 1))
}

fn select_capital(s: &mut Session, pane: Pane, name: &str) {
    for _ in 0..40 {
        if let Some(sitmon::ui::view::Item::Capital(i)) = s.selected(pane) {
            if s.view().live.snapshot.capitals[i].name == name {
                return;
            }
        }
        key(s, KeyCode::Down);
    }
    panic!("{name} not found in {pane:?}");
}

/// Bug 2: on the map ↑/k went south and ↓/j north.
#[test]
fn map_up_is_north_and_down_is_south() {
    let mut s = session(dev(), 160, 48, Instant::now());
    select_capital(&mut s, Pane::Capitals, "Ghazni");
    key(&mut s, KeyCode::Char('6'));
    let lat = |s: &Session| match s.selected(Pane::Map) {
        Some(sitmon::ui::view::Item::Capital(i)) => s.view().live.snapshot.capitals[i].lat,
        other => panic!("no capital selected: {other:?}"),
    };
    let start = lat(&s);
    key(&mut s, KeyCode::Char('k'));
    let up = lat(&s);
    assert!(up > start, "k went from {start} to {up}: not north");
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    let down = lat(&s);
    assert!(down < up, "↓ went from {up} to {down}: not south");
}

/// Bug 3: labels covered dots, touched other dots, and Kabul had none.
#[test]
fn map_labels_keep_every_dot_visible_and_kabul_named() {
    use sitmon::ui::panes::map;
    let live = dev();
    let kabul = live
        .snapshot
        .capitals
        .iter()
        .position(|c| c.name == "Kabul")
        .expect("Kabul");
    for (w, h) in [(120, 36), (160, 48), (80, 24)] {
        let mut s = session(live.clone(), w, h, Instant::now());
        key(&mut s, KeyCode::Char('6'));
        let rect = s.areas().rect(Pane::Map).expect("map on screen");
        let (cw, ch) = map::canvas_size(rect);
        let labels = map::labels(&s, cw, ch);
        let dots: Vec<&map::Label> = labels.iter().filter(|l| l.dot).collect();
        assert_eq!(
            dots.len(),
            live.snapshot.capitals.len(),
            "{w}x{h}: a dot is missing"
        );
        let mut cells: Vec<(u16, u16)> = dots.iter().map(|d| (d.x, d.y)).collect();
        cells.sort_unstable();
        cells.dedup();
        assert_eq!(cells.len(), dots.len(), "{w}x{h}: two dots share a cell");
        for l in labels.iter().filter(|l| !l.dot && !l.leader) {
            let len = l.text.chars().count() as u16;
            for d in &dots {
                let near_x = d.x + 1 >= l.x && d.x <= l.x + len;
                let near_y = d.y + 1 >= l.y && d.y <= l.y + 1;
                assert!(
                    !(near_x && near_y) || d.capital == l.capital,
                    "{w}x{h}: label {:?} at ({}, {}) sits against the dot of {}",
                    l.text,
                    l.x,
                    l.y,
                    live.snapshot.capitals[d.capital].name
                );
            }
        }
        assert!(
            labels.iter().any(|l| !l.dot && l.capital == kabul),
            "{w}x{h}: Kabul has no label:\n{}\n{:?}",
            screen(&s),
            {
                let k = dots.iter().find(|d| d.capital == kabul).unwrap();
                dots.iter()
                    .filter(|d| d.x.abs_diff(k.x) <= 4 && d.y.abs_diff(k.y) <= 3)
                    .map(|d| (live.snapshot.capitals[d.capital].name.clone(), d.x, d.y))
                    .collect::<Vec<_>>()
            }
        );
    }
}

/// Bug 4: evidence listed a sentence twice, missed the one that explains
/// the current status, and an article's detail said "none".
#[test]
fn evidence_explains_each_change_once() {
    use sitmon::ui::view::Item;
    let live = dev();
    let view = sitmon::ui::view::View::new(live.clone());
    let snap = &live.snapshot;
    for (i, c) in snap.capitals.iter().enumerate() {
        let whys = view.explain(Item::Capital(i)).whys;
        let mut keys: Vec<_> = whys
            .iter()
            .filter_map(|w| w.evidence.as_ref().map(|e| (e.file.clone(), e.start)))
            .collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n, "{}: a sentence is listed twice", c.name);
        // The change that set the current status is there, with its sentence.
        if let Some(seq) = view.capital_since[i] {
            assert!(
                whys.iter().any(|w| w.event.is_some_and(|(s, _)| s == seq)),
                "{}: the event that set its status is missing",
                c.name
            );
        }
    }
    let charikar = snap
        .capitals
        .iter()
        .position(|c| c.name == "Charikar")
        .unwrap();
    let whys = view.explain(Item::Capital(charikar)).whys;
    assert!(
        whys.iter()
            .any(|w| w.evidence.as_ref().is_some_and(
                |e| e.sentence.contains("retaken") || e.sentence.contains("recaptured")
            )),
        "Charikar: the recapture is missing: {:?}",
        whys.iter()
            .map(|w| (
                w.event.map(|(s, _)| s),
                w.evidence.as_ref().map(|e| e.sentence.clone())
            ))
            .collect::<Vec<_>>()
    );
    // Kabul's confirmation names its trigger: the capital fell, not the
    // crowds overrunning the runway.
    let kabul = snap
        .capitals
        .iter()
        .position(|c| c.name == "Kabul")
        .unwrap();
    let whys = view.explain(Item::Capital(kabul)).whys;
    let confirm = whys
        .iter()
        .find(|w| {
            w.event.is_some_and(|(_, e)| {
                sitmon::live::words(&live.scenario, &e.change).kind == "confirmed"
            })
        })
        .expect("Kabul's confirmation");
    let ev = confirm.evidence.as_ref().unwrap();
    let names = view.mention_words(Item::Capital(kabul));
    let marks = live
        .explain
        .marks(confirm.fact.as_ref().unwrap(), &ev.sentence, &names);
    let triggers: Vec<&str> = marks
        .trigger
        .iter()
        .map(|r| &ev.sentence[r.clone()])
        .collect();
    assert!(
        triggers.contains(&"fell"),
        "{triggers:?} in {}",
        ev.sentence
    );
    assert!(!triggers.contains(&"overran"), "{triggers:?}");
    // Every article lists the sentences of its facts, changes or not.
    for (i, a) in live.articles.iter().enumerate() {
        let mut spans: Vec<_> = a.observations.iter().map(|o| o.evidence.span()).collect();
        spans.sort_by_key(|r| r.start);
        spans.dedup();
        assert_eq!(
            view.explain(Item::Article(i)).whys.len(),
            spans.len(),
            "{}",
            a.name()
        );
    }
}

/// Bug 5: "updated N ago" counted from launch, so a feed dead overnight
/// looked fresh after a restart.
#[test]
fn updated_counts_from_the_newest_article() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Arc::new(Scenario::builtin());
    let (mut articles, _) = Reader::new(&scenario).scan(&seeds()).unwrap();
    articles.truncate(2);
    let nine_hours_ago = std::time::SystemTime::now() - Duration::from_secs(9 * 3600 + 60);
    for a in &mut articles {
        a.modified = Some(nine_hours_ago);
    }
    drop(dir);
    let mut store = Store::new(scenario);
    store.upsert_all(articles);
    let live = Arc::new(Live::of(&store, Arc::new(Corrections::default()), 1));
    let s = session(live, 80, 24, Instant::now());
    let text = screen(&s);
    assert!(text.contains("updated 9 h ago"), "{text}");
    assert!(s.stale());
}

/// Bug 8: the filter matched file names, and `/` added to the old one.
#[test]
fn filter_matches_what_rows_show_and_starts_afresh() {
    let mut s = session(dev(), 160, 48, Instant::now());
    key(&mut s, KeyCode::Char('4'));
    chars(&mut s, "/kabul");
    key(&mut s, KeyCode::Enter);
    let view = s.view();
    for item in s.items(Pane::Log).iter() {
        let sitmon::ui::view::Item::Event(i) = item else {
            panic!()
        };
        let w = view.words(i);
        assert!(
            w.subject.to_lowercase().contains("kabul"),
            "/kabul lists {} (from a file named after Kabul?)",
            w.subject
        );
    }
    chars(&mut s, "/khost");
    assert_eq!(s.list(Pane::Log).filter, "khost", "/ starts a new filter");
}

/// Bug 8: the * marks never cleared: `m` marks everything seen.
#[test]
fn mark_all_seen_clears_the_marks() {
    let t0 = Instant::now();
    let mut s = session(live(3, 1), 160, 48, t0);
    s.update(all(), t0);
    assert!(screen(&s).contains("* ●"));
    key(&mut s, KeyCode::Char('m'));
    let text = screen(&s);
    assert!(!text.contains("* ") && s.unseen_events() == 0, "{text}");
}

/// Bug 8: lists say where the selection is.
#[test]
fn lists_show_the_scroll_position_and_sort() {
    let mut s = session(all(), 160, 48, Instant::now());
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    assert!(screen(&s).contains("3/34"), "{}", screen(&s));
    key(&mut s, KeyCode::Char('s'));
    let text = screen(&s);
    assert!(text.contains("by name"), "{text}");
    let first = s.items(Pane::Capitals).get(0).unwrap();
    let names: Vec<String> = s
        .items(Pane::Capitals)
        .iter()
        .map(|i| match i {
            sitmon::ui::view::Item::Capital(c) => s.view().live.snapshot.capitals[c].name.clone(),
            _ => String::new(),
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let _ = first;
}

/// Bug 8: the map's caption was cut at 120 columns, and the evidence hint
/// too: each now fits (a shorter wording where the long one does not).
#[test]
fn captions_fit_at_120_columns() {
    let mut s = session(dev(), 120, 36, Instant::now());
    let text = screen(&s);
    // the caption names the whole log, however many events the extractor
    // finds in the dev articles
    let n = s.view().live.events.len();
    assert!(
        text.contains(&format!(
            "Fallen capitals over the event log: 0 → 31 in {n} events"
        )) || text.contains(&format!("Fallen 0 → 31 over {n} events")),
        "{text}"
    );
    assert!(
        text.contains("● fallen ◉ claimed ◐ contested ○ held")
            || text.contains("●fall ◉claim ◐fight ○held"),
        "{text}"
    );
    // Nothing selected in the evidence pane's list: the hint, whole.
    key(&mut s, KeyCode::Char('2'));
    chars(&mut s, "/nothing-matches");
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('5'));
    let text = screen(&s);
    assert!(text.contains("sentences behind it."), "{text}");
}

/// Alerts in the dashboard: a new fall flashes in the header, for a while.
#[test]
fn a_new_fall_flashes_until_it_times_out() {
    let t0 = Instant::now();
    let mut s = session(live(3, 1), 160, 48, t0);
    assert!(!screen(&s).contains('⚑'));
    s.update(live(4, 2), t0);
    let text = screen(&s);
    assert!(text.contains("⚑ "), "{text}");
    assert!(s.next_wakeup() <= t0 + Duration::from_secs(4));
    s.set_now(t0 + Duration::from_secs(5));
    assert!(!screen(&s).contains('⚑'));
}

/// Replay: `[` shows the state AS OF an earlier event, `]` steps forward,
/// past the last is live.
#[test]
fn replay_steps_through_the_events() {
    let mut s = session(all(), 160, 48, Instant::now());
    let n = s.latest().article_events;
    key(&mut s, KeyCode::Char('['));
    assert_eq!(s.replaying(), Some((n - 2, n)));
    assert_eq!(s.view().live.events.len(), n - 1);
    let text = screen(&s);
    assert!(text.contains(&format!("AS OF #{} of {n}", n - 2)), "{text}");
    for _ in 0..3 {
        key(&mut s, KeyCode::Char('['));
    }
    assert_eq!(s.view().live.events.len(), n - 4);
    key(&mut s, KeyCode::Char(']'));
    assert_eq!(s.view().live.events.len(), n - 3);
    for _ in 0..3 {
        key(&mut s, KeyCode::Char(']'));
    }
    assert_eq!(s.replaying(), None, "past the last event is live");
    assert_eq!(s.view().live.events.len(), n);
}

/// Corrections in the dashboard: `c` on the selected capital, a status,
/// a note, Enter: a journal entry is asked for (the runner writes it).
#[test]
fn correcting_a_capital_asks_for_a_journal_entry() {
    let mut s = session(all(), 160, 48, Instant::now());
    key(&mut s, KeyCode::Char('c'));
    assert!(matches!(s.popup(), Some(Popup::Correct(_))));
    insta::assert_snapshot!("correct_160x48", screen(&s));
    key(&mut s, KeyCode::Down);
    chars(&mut s, "two sources");
    key(&mut s, KeyCode::Enter);
    assert!(s.popup().is_none());
    let reqs = s.take_requests();
    let [sitmon::ui::session::Request::Correct(e)] = reqs.as_slice() else {
        panic!("{reqs:?}")
    };
    assert_eq!(e.status, Some(sitmon::state::Standing::Claimed));
    assert_eq!(e.note.as_deref(), Some("two sources"));
    assert_eq!(e.via.as_deref(), Some("dashboard"));
    // Esc cancels a form without a request.
    key(&mut s, KeyCode::Char('c'));
    key(&mut s, KeyCode::Esc);
    assert!(s.popup().is_none() && s.take_requests().is_empty());
}

/// The reader: Enter on an article shows its text.
#[test]
fn enter_on_an_article_opens_the_reader() {
    let mut s = session(all(), 120, 36, Instant::now());
    key(&mut s, KeyCode::Char('7'));
    key(&mut s, KeyCode::Enter);
    assert!(matches!(s.popup(), Some(Popup::Reader { .. })));
    insta::assert_snapshot!("reader_120x36", screen(&s));
}

#[test]
fn map_and_capitals_share_the_selected_capital() {
    let mut s = session(all(), 160, 48, Instant::now());
    key(&mut s, KeyCode::Char('6'));
    let before = s.selected(Pane::Map);
    key(&mut s, KeyCode::Right);
    let after = s.selected(Pane::Map);
    assert_ne!(before, after);
    key(&mut s, KeyCode::Char('1'));
    assert_eq!(s.selected(Pane::Capitals), after);
}

#[test]
fn next_wakeup_is_the_next_visible_change_of_the_header() {
    // (No file times here: the age counts from the state's publication.)
    let t0 = Instant::now();
    let mut s = session(all(), 80, 24, t0);
    assert_eq!(s.next_wakeup(), t0 + Duration::from_secs(60));
    s.set_now(t0 + Duration::from_secs(9 * 60 + 30));
    assert_eq!(s.next_wakeup(), t0 + Duration::from_secs(10 * 60));
    s.set_now(t0 + Duration::from_secs(3 * 3600 + 5));
    assert_eq!(s.next_wakeup(), t0 + Duration::from_secs(4 * 3600));
}
