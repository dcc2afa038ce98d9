//! Frames shared between sessions (`ui::frames`): viewers in the same
//! state get one draw, a viewer in another state or at another size gets
//! its own frame, a new state starts afresh, and a shared frame is always
//! the one the session would have drawn itself.
//!
//! A test binary of its own: sessions of one `Live` share its view through
//! a process-wide slot, which tests running beside these would take over.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;

use sitmon::config::Scenario;
use sitmon::corrections::Corrections;
use sitmon::ingest::Reader;
use sitmon::live::Live;
use sitmon::state::Store;
use sitmon::ui::{render, render_shared, Session, Theme, UiConfig};

/// The state after the first `n` seed articles, without file times.
/// Sessions find their view through one process-wide slot (the newest
/// state's view): tests that make states run one at a time, or one's new
/// state would give the other's next session a view of its own.
static ONE_STATE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn live(n: usize, seq: u64) -> Arc<Live> {
    let scenario = Arc::new(Scenario::builtin());
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/seeds");
    let (articles, _) = Reader::new(&scenario).scan(&seeds).expect("seeds");
    let articles: Vec<_> = articles
        .into_iter()
        .filter(|a| a.name.ends_with(".txt"))
        .take(n)
        .map(|mut a| {
            a.modified = None;
            a
        })
        .collect();
    let mut store = Store::new(scenario);
    store.upsert_all(articles);
    Arc::new(Live::of(&store, Arc::new(Corrections::default()), seq))
}

fn session(live: Arc<Live>, config: &Arc<UiConfig>, w: u16, h: u16, t0: Instant) -> Session {
    let mut s = Session::new(live, config.clone(), Theme::mono(), t0);
    s.resize(w, h);
    s
}

/// A screen of `s`'s size that keeps its terminal between frames, as the
/// SSH and local screens do.
struct Screen(Terminal<TestBackend>);

impl Screen {
    fn of(s: &Session) -> Screen {
        let size = s.size();
        Screen(Terminal::new(TestBackend::new(size.width, size.height)).expect("backend"))
    }

    /// Draw `s` as screens do; returns what the terminal shows.
    fn draw(&mut self, s: &Session) -> Buffer {
        self.0
            .draw(|f| {
                render_shared(f, s);
            })
            .expect("draw");
        self.0.backend().buffer().clone()
    }
}

/// `s` drawn by itself, with no sharing.
fn alone(s: &Session) -> Buffer {
    let size = s.size();
    let mut t = Terminal::new(TestBackend::new(size.width, size.height)).expect("backend");
    t.draw(|f| render(f, s)).expect("draw");
    t.backend().buffer().clone()
}

fn key(s: &mut Session, code: KeyCode) {
    s.handle(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn sessions_in_the_same_state_share_one_frame() {
    let _one = ONE_STATE_AT_A_TIME
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let t0 = Instant::now();
    let config = Arc::new(UiConfig::default());
    let first = live(3, 1);
    let mut a = session(first.clone(), &config, 120, 36, t0);
    let mut b = session(first.clone(), &config, 120, 36, t0);
    let mut c = session(first.clone(), &config, 120, 36, t0);
    let small = session(first.clone(), &config, 80, 24, t0);
    assert!(std::ptr::eq(a.view(), b.view()), "one view per state");
    assert!(std::ptr::eq(a.view(), small.view()));
    // Through the one session never changed: the others are.
    let view = small.view().frames();
    let (mut sa, mut sb, mut sc) = (Screen::of(&a), Screen::of(&b), Screen::of(&c));

    // Same state: one draw, the same frame.
    let fa = sa.draw(&a);
    assert_eq!(view.drawn(), 1);
    assert_eq!(sb.draw(&b), fa);
    assert_eq!(sc.draw(&c), fa);
    assert_eq!(view.drawn(), 1, "b and c copy a's frame");
    assert_eq!(fa, alone(&a));

    // Another size: its own frame.
    let mut ss = Screen::of(&small);
    assert_eq!(ss.draw(&small), alone(&small));
    assert_eq!(view.drawn(), 2);

    // Another selection: its own frame, then shared with whoever follows.
    key(&mut b, KeyCode::Down);
    let fb = sb.draw(&b);
    assert_eq!(view.drawn(), 3);
    assert_ne!(fb, fa);
    assert_eq!(fb, alone(&b));
    key(&mut c, KeyCode::Down);
    assert_eq!(sc.draw(&c), fb);
    assert_eq!(view.drawn(), 3);

    // A clock a few seconds on shows the same text: shared; a minute on
    // the header says so: drawn.
    a.set_now(t0 + Duration::from_secs(5));
    assert_eq!(sa.draw(&a), fa);
    assert_eq!(view.drawn(), 3);
    a.set_now(t0 + Duration::from_secs(61));
    let later = sa.draw(&a);
    assert_eq!(view.drawn(), 4);
    assert_ne!(later, fa);
    assert_eq!(later, alone(&a));

    // Another theme: its own frame.
    let colour = {
        let mut s = Session::new(first.clone(), config.clone(), Theme::color(), t0);
        s.resize(120, 36);
        s
    };
    assert_eq!(Screen::of(&colour).draw(&colour), alone(&colour));
    assert_eq!(view.drawn(), 5);

    // A new state: a new view whose frames start empty; b and c, in the
    // same state, share again.
    let second = live(4, 2);
    for s in [&mut a, &mut b, &mut c] {
        s.update(second.clone(), t0 + Duration::from_secs(61));
    }
    assert!(std::ptr::eq(b.view(), c.view()));
    let next = b.view().frames();
    assert!(!std::ptr::eq(next, view));
    assert_eq!(next.drawn(), 0);
    let fb2 = sb.draw(&b);
    assert_ne!(fb2, fb, "the new state is drawn, not the old frame");
    assert_eq!(fb2, alone(&b));
    assert_eq!(sc.draw(&c), fb2);
    assert_eq!(next.drawn(), 1);
    assert_eq!(sa.draw(&a), alone(&a));
    assert_eq!(next.drawn(), 2);
    assert_eq!(view.drawn(), 5, "the old view is not drawn again");
}

#[test]
fn only_the_newest_frames_are_kept() {
    let _one = ONE_STATE_AT_A_TIME
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let t0 = Instant::now();
    let config = Arc::new(UiConfig::default());
    let l = live(3, 1);
    let mut s = session(l, &config, 120, 36, t0);
    let keep = sitmon::ui::frames::KEEP;
    for i in 0..3 * keep {
        s.resize(80 + i as u16, 30);
        Screen::of(&s).draw(&s);
    }
    assert_eq!(s.view().frames().drawn(), 3 * keep as u64);
    assert_eq!(s.view().frames().len(), keep);
}
