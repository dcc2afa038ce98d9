//! Raw bytes from an SSH client into the key and mouse events a local
//! terminal would give, with terminput's parser (crossterm's, lifted out).
//!
//! Packets split escape sequences anywhere, so bytes accumulate until they
//! make an event. A lone ESC is ambiguous (the Esc key, or the start of an
//! arrow key whose rest is in the next packet): it is held until more
//! bytes come or [`ESC_WAIT`] passes.
//!
//! Input is bounded per session by a [`Budget`]: at most [`BURST`] bytes at
//! once and [`RATE`] bytes a second on average (well beyond typing, held
//! keys and mouse drags); bytes past that are dropped as they arrive, before
//! they are queued or decoded, so a client pasting random bytes costs the
//! server little and leaves no backlog.

use std::time::{Duration, Instant};

use crossterm::event::Event;

/// How long a lone ESC waits for the rest of a sequence.
pub const ESC_WAIT: Duration = Duration::from_millis(30);
/// An unfinished sequence longer than this is junk, dropped. The longest
/// real one, an SGR mouse report at the largest size, is 16 bytes.
const MAX_PENDING: usize = 32;
const ESC: u8 = 0x1b;
/// Input bytes taken at once, at most, and per second on average. A mouse
/// dragged at 60 reports a second sends about 1 KiB a second.
pub const BURST: f64 = 8.0 * 1024.0;
pub const RATE: f64 = 4.0 * 1024.0;

/// How many input bytes a session may take now: a token bucket.
#[derive(Debug)]
pub struct Budget {
    allowance: f64,
    filled_at: Instant,
    /// Dropping since the last report in the log.
    dropping: bool,
}

impl Budget {
    pub fn new(now: Instant) -> Budget {
        Budget {
            allowance: BURST,
            filled_at: now,
            dropping: false,
        }
    }

    /// How many of `n` bytes arriving at `now` are taken; the rest are to
    /// be dropped.
    pub fn take(&mut self, n: usize, now: Instant) -> usize {
        let elapsed = now.saturating_duration_since(self.filled_at).as_secs_f64();
        self.allowance = (self.allowance + elapsed * RATE).min(BURST);
        self.filled_at = now;
        let take = (self.allowance as usize).min(n);
        self.allowance -= take as f64;
        if take < n && !std::mem::replace(&mut self.dropping, true) {
            tracing::warn!("input faster than {RATE} bytes a second; the excess is dropped");
        } else if take == n {
            self.dropping = false;
        }
        take
    }
}

#[derive(Debug, Default)]
pub struct InputParser {
    pending: Vec<u8>,
}

impl InputParser {
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// Add the bytes of one packet; returns the events they complete.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for &b in bytes {
            self.pending.push(b);
            if self.pending == [ESC] {
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(ev)) => {
                    self.pending.clear();
                    out.extend(convert(ev));
                }
                Ok(None) if self.pending.len() < MAX_PENDING => {}
                Ok(None) | Err(_) => {
                    tracing::debug!(bytes = ?self.pending, "unparsed input dropped");
                    self.pending.clear();
                }
            }
        }
        out
    }

    /// Bytes are held waiting for more (call [`flush`](Self::flush) after
    /// [`ESC_WAIT`] without input).
    pub fn waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// No more bytes came: a lone ESC is the Esc key; an unfinished
    /// sequence is dropped.
    pub fn flush(&mut self) -> Vec<Event> {
        let held = std::mem::take(&mut self.pending);
        if held == [ESC] {
            return terminput::Event::parse_from(&held)
                .ok()
                .flatten()
                .and_then(convert)
                .into_iter()
                .collect();
        }
        Vec::new()
    }
}

fn convert(ev: terminput::Event) -> Option<Event> {
    terminput_crossterm::to_crossterm(ev).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

    fn codes(evs: &[Event]) -> Vec<KeyCode> {
        evs.iter()
            .filter_map(|e| match e {
                Event::Key(KeyEvent { code, .. }) => Some(*code),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn plain_keys_and_controls() {
        let mut p = InputParser::new();
        let evs = p.feed(b"q?\t\r\x7f");
        assert_eq!(
            codes(&evs),
            [
                KeyCode::Char('q'),
                KeyCode::Char('?'),
                KeyCode::Tab,
                KeyCode::Enter,
                KeyCode::Backspace
            ]
        );
        let ctrl_c = p.feed(b"\x03");
        assert!(matches!(
            ctrl_c[0],
            Event::Key(KeyEvent { code: KeyCode::Char('c'), modifiers, .. }) if modifiers == KeyModifiers::CONTROL
        ));
    }

    #[test]
    fn sequences_split_across_packets() {
        let mut p = InputParser::new();
        // Down arrow, Shift-Tab and PageDown, each cut in two.
        assert!(p.feed(b"\x1b").is_empty());
        assert!(p.waiting());
        assert_eq!(codes(&p.feed(b"[B")), [KeyCode::Down]);
        assert!(p.feed(b"\x1b[").is_empty());
        assert_eq!(codes(&p.feed(b"Z")), [KeyCode::BackTab]);
        assert!(p.feed(b"\x1b[6").is_empty());
        assert_eq!(codes(&p.feed(b"~")), [KeyCode::PageDown]);
        assert!(!p.waiting());
    }

    #[test]
    fn lone_esc_is_esc_only_after_the_wait() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b").is_empty());
        assert_eq!(codes(&p.flush()), [KeyCode::Esc]);
        // An arrow key in one packet is never an Esc.
        assert_eq!(codes(&p.feed(b"\x1b[A")), [KeyCode::Up]);
    }

    #[test]
    fn utf8_split_across_packets() {
        let mut p = InputParser::new();
        let e = "é".as_bytes();
        assert!(p.feed(&e[..1]).is_empty());
        assert_eq!(codes(&p.feed(&e[1..])), [KeyCode::Char('é')]);
    }

    #[test]
    fn mouse_reports() {
        let mut p = InputParser::new();
        // SGR: left press at column 10, row 5 (1-based on the wire).
        let evs = p.feed(b"\x1b[<0;10;5M");
        match &evs[..] {
            [Event::Mouse(m)] => {
                assert!(matches!(m.kind, MouseEventKind::Down(_)));
                assert_eq!((m.column, m.row), (9, 4));
            }
            other => panic!("{other:?}"),
        }
        let wheel = p.feed(b"\x1b[<65;1;1M");
        assert!(matches!(&wheel[..], [Event::Mouse(m)] if m.kind == MouseEventKind::ScrollDown));
    }

    #[test]
    fn input_is_bounded_per_session() {
        // A client pasting random bytes: once a core per connection.
        let t0 = Instant::now();
        let mut b = Budget::new(t0);
        let taken: usize = (0..32).map(|_| b.take(32 * 1024, t0)).sum();
        assert_eq!(taken, BURST as usize, "one burst of a 1 MiB flood");
        let later = t0 + Duration::from_secs(1);
        assert_eq!(b.take(1 << 16, later), RATE as usize, "a second's worth");
        // Typing, however long, is never cut.
        let mut b = Budget::new(t0);
        for i in 0..10_000u32 {
            let at = t0 + Duration::from_millis(u64::from(i) * 30);
            assert_eq!(b.take(3, at), 3);
        }
    }

    #[test]
    fn junk_is_dropped_and_parsing_goes_on() {
        let mut p = InputParser::new();
        let mut evs = p.feed(b"\x1bOx");
        evs.extend(p.feed(b"j"));
        assert_eq!(codes(&evs), [KeyCode::Char('j')]);
        assert!(p.flush().is_empty());
    }

    /// What xterm (and so tmux, OpenSSH's terminal...) sends for each key
    /// the default keymap binds, written out independently of the parser.
    fn xterm_bytes(key: &str) -> Option<&'static [u8]> {
        Some(match key {
            "Ctrl-c" => b"\x03",
            "Esc" => b"\x1b",
            "Enter" => b"\r",
            "Tab" => b"\t",
            "Shift-Tab" => b"\x1b[Z",
            "↑" => b"\x1b[A",
            "↓" => b"\x1b[B",
            "→" => b"\x1b[C",
            "←" => b"\x1b[D",
            "PgUp" => b"\x1b[5~",
            "PgDn" => b"\x1b[6~",
            "Home" => b"\x1b[H",
            "End" => b"\x1b[F",
            _ => return None,
        })
    }

    #[test]
    fn every_default_binding_arrives_as_its_key() {
        let keymap = crate::ui::Keymap::default();
        for info in crate::ui::keymap::COMMANDS {
            for key in keymap.keys(info.command) {
                let name = key.to_string();
                let bytes: Vec<u8> = match xterm_bytes(&name) {
                    Some(b) => b.to_vec(),
                    None if name.chars().count() == 1 => name.clone().into_bytes(),
                    None => panic!("no xterm bytes for {name:?} ({})", info.name),
                };
                // Whole, and split after the first byte as packets may be.
                for cut in [bytes.len(), 1] {
                    let mut p = InputParser::new();
                    let mut evs = p.feed(&bytes[..cut]);
                    evs.extend(p.feed(&bytes[cut..]));
                    evs.extend(p.flush());
                    let got: Vec<_> = evs
                        .iter()
                        .filter_map(|e| match e {
                            Event::Key(k) => Some(crate::ui::keymap::Key::from_event(k)),
                            _ => None,
                        })
                        .collect();
                    assert_eq!(got, [*key], "{name:?} for {}", info.name);
                }
            }
        }
    }
}
