//! Input mapping: which command a key means in the session's current mode.
//! Pure lookups in the keymap; the session then carries the command out.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{Command, Context, Key, Keymap};

/// What the keys are for right now, innermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A correction form: keys type, except its own commands.
    Form,
    /// Help, detail or reader popup.
    Popup,
    /// Typing a filter.
    Filter,
    /// The panes; `log` when the event log is focused.
    Panes { log: bool },
}

/// The command `k` means in `mode`, if any. Ctrl-C always quits.
pub fn command(map: &Keymap, mode: Mode, k: &KeyEvent) -> Option<Command> {
    if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
        return Some(Command::Quit);
    }
    let key = Key::from_event(k);
    match mode {
        Mode::Form => map.lookup(Context::Form, key),
        Mode::Popup => map
            .lookup(Context::Popup, key)
            .or_else(|| map.lookup(Context::Navigation, key))
            .or_else(|| {
                map.lookup(Context::Global, key)
                    .filter(|c| matches!(c, Command::Help | Command::Quit))
            }),
        Mode::Filter => map.lookup(Context::Filter, key),
        Mode::Panes { log } => log
            .then(|| map.lookup(Context::Log, key))
            .flatten()
            .or_else(|| map.lookup(Context::Navigation, key))
            .or_else(|| map.lookup(Context::Global, key)),
    }
}

/// The contexts whose commands apply in `mode`, for the footer.
pub fn contexts(mode: Mode, following: bool) -> Vec<Context> {
    match mode {
        Mode::Form => vec![Context::Form],
        Mode::Popup => vec![Context::Popup, Context::Navigation],
        Mode::Filter => vec![Context::Filter],
        Mode::Panes { log: true } if !following => {
            vec![Context::Log, Context::Navigation, Context::Global]
        }
        Mode::Panes { .. } => vec![Context::Navigation, Context::Global],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn esc_never_quits() {
        let map = Keymap::default();
        for mode in [
            Mode::Form,
            Mode::Popup,
            Mode::Filter,
            Mode::Panes { log: false },
            Mode::Panes { log: true },
        ] {
            assert_ne!(
                command(&map, mode, &k(KeyCode::Esc)),
                Some(Command::Quit),
                "{mode:?}"
            );
        }
        assert_eq!(
            command(&map, Mode::Panes { log: false }, &k(KeyCode::Char('q'))),
            Some(Command::Quit)
        );
    }
}
