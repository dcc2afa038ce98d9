//! The one list of commands. Each entry has its keys, a short label and a
//! long description; the footer hints and the `?` help popup are both
//! generated from it, so they cannot disagree. Keys can be rebound in
//! `ui.toml` (`[keys] command = ["key", ...]`).

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Pane;

/// Where a command applies. Lookup tries the most specific context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Anywhere outside popups and filter typing.
    Global,
    /// Moving within the focused pane (and scrolling popups).
    Navigation,
    /// Only when the event log is focused.
    Log,
    /// While typing a filter.
    Filter,
    /// While the help or detail popup is open.
    Popup,
    /// While a correction form is open.
    Form,
}

impl Context {
    /// Whether two contexts can be active at once, so one key must not
    /// mean different things in them.
    pub fn overlaps(self, other: Context) -> bool {
        use Context::*;
        let together: [&[Context]; 4] = [
            &[Global, Navigation, Log],
            &[Popup, Navigation],
            &[Filter],
            &[Form],
        ];
        self == other
            || together
                .iter()
                .any(|set| set.contains(&self) && set.contains(&other))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Back,
    Help,
    NextPane,
    PrevPane,
    Focus(Pane),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Detail,
    Filter,
    Freeze,
    Follow,
    Zoom,
    FilterKeep,
    FilterClear,
    ClosePopup,
    Sort,
    MarkSeen,
    Correct,
    Brief,
    ReplayBack,
    ReplayForward,
    Live,
    FormSave,
    FormCancel,
    FormNext,
}

pub struct CommandInfo {
    pub command: Command,
    /// Name in `[keys]` of ui.toml.
    pub name: &'static str,
    /// Footer label.
    pub short: &'static str,
    /// Help text.
    pub long: &'static str,
    pub context: Context,
    /// Shown in the footer when its context is active.
    pub footer: bool,
    pub keys: &'static [&'static str],
}

const fn cmd(
    command: Command,
    name: &'static str,
    short: &'static str,
    long: &'static str,
    context: Context,
    footer: bool,
    keys: &'static [&'static str],
) -> CommandInfo {
    CommandInfo {
        command,
        name,
        short,
        long,
        context,
        footer,
        keys,
    }
}

use Context::{Filter as InFilter, Form, Global, Log as InLog, Navigation, Popup};

/// Every command, in help order. Footer hints keep this order too.
pub const COMMANDS: &[CommandInfo] = &[
    cmd(
        Command::FilterKeep,
        "filter_keep",
        "keep filter",
        "Keep the filter and go back to the list",
        InFilter,
        true,
        &["enter"],
    ),
    cmd(
        Command::FilterClear,
        "filter_clear",
        "clear",
        "Clear the filter",
        InFilter,
        true,
        &["esc"],
    ),
    cmd(
        Command::ClosePopup,
        "close_popup",
        "close",
        "Close the popup",
        Popup,
        true,
        &["esc", "q", "enter"],
    ),
    cmd(
        Command::Up,
        "up",
        "move",
        "Move up (scroll a popup)",
        Navigation,
        true,
        &["up", "k"],
    ),
    cmd(
        Command::Down,
        "down",
        "move",
        "Move down (scroll a popup)",
        Navigation,
        true,
        &["down", "j"],
    ),
    cmd(
        Command::Left,
        "left",
        "pane left",
        "Focus the pane to the left (on the map: the nearest capital west)",
        Navigation,
        false,
        &["left", "h"],
    ),
    cmd(
        Command::Right,
        "right",
        "pane right",
        "Focus the pane to the right (on the map: the nearest capital east)",
        Navigation,
        false,
        &["right", "l"],
    ),
    cmd(
        Command::PageUp,
        "page_up",
        "page",
        "Page up",
        Navigation,
        false,
        &["pageup"],
    ),
    cmd(
        Command::PageDown,
        "page_down",
        "page",
        "Page down",
        Navigation,
        false,
        &["pagedown"],
    ),
    cmd(
        Command::Top,
        "top",
        "top",
        "First row",
        Navigation,
        false,
        &["g", "home"],
    ),
    cmd(
        Command::Bottom,
        "bottom",
        "bottom",
        "Last row",
        Navigation,
        false,
        &["G", "end"],
    ),
    cmd(
        Command::Follow,
        "follow",
        "follow",
        "Event log: follow the newest events again",
        InLog,
        true,
        &["F"],
    ),
    cmd(
        Command::NextPane,
        "next_pane",
        "pane",
        "Focus the next pane",
        Global,
        true,
        &["tab"],
    ),
    cmd(
        Command::PrevPane,
        "prev_pane",
        "previous pane",
        "Focus the previous pane",
        Global,
        false,
        &["backtab"],
    ),
    cmd(
        Command::Focus(Pane::Capitals),
        "focus_capitals",
        "capitals",
        "Focus the capitals table",
        Global,
        false,
        &["1"],
    ),
    cmd(
        Command::Focus(Pane::Battles),
        "focus_battles",
        "battles",
        "Focus the battles list",
        Global,
        false,
        &["2"],
    ),
    cmd(
        Command::Focus(Pane::Deployments),
        "focus_deployments",
        "deployments",
        "Focus the deployments list",
        Global,
        false,
        &["3"],
    ),
    cmd(
        Command::Focus(Pane::Log),
        "focus_log",
        "log",
        "Focus the event log",
        Global,
        false,
        &["4"],
    ),
    cmd(
        Command::Focus(Pane::Evidence),
        "focus_evidence",
        "evidence",
        "Focus the evidence pane",
        Global,
        false,
        &["5"],
    ),
    cmd(
        Command::Focus(Pane::Map),
        "focus_map",
        "map",
        "Focus the map and timeline",
        Global,
        false,
        &["6"],
    ),
    cmd(
        Command::Focus(Pane::Articles),
        "focus_articles",
        "articles",
        "Focus the articles read",
        Global,
        false,
        &["7"],
    ),
    cmd(
        Command::Detail,
        "detail",
        "detail",
        "Open the detail of the selected item",
        Global,
        true,
        &["enter"],
    ),
    cmd(
        Command::Filter,
        "filter",
        "filter",
        "Filter the focused list (words, any order)",
        Global,
        true,
        &["/"],
    ),
    cmd(
        Command::Freeze,
        "freeze",
        "freeze",
        "Freeze the display; updates wait until unfrozen",
        Global,
        true,
        &["f"],
    ),
    cmd(
        Command::Zoom,
        "zoom",
        "zoom",
        "Enlarge the focused pane to the whole screen, or back",
        Global,
        false,
        &["z"],
    ),
    cmd(
        Command::Help,
        "help",
        "help",
        "Show or hide this help",
        Global,
        true,
        &["?"],
    ),
    cmd(
        Command::Sort,
        "sort",
        "sort",
        "Change the order of the focused list",
        Global,
        false,
        &["s"],
    ),
    cmd(
        Command::MarkSeen,
        "mark_seen",
        "mark seen",
        "Mark everything seen (clears the * marks)",
        Global,
        false,
        &["m"],
    ),
    cmd(
        Command::Correct,
        "correct",
        "correct",
        "Correct the selected capital or deployment, or dismiss the selected event's sentence",
        Global,
        true,
        &["c"],
    ),
    cmd(
        Command::Brief,
        "brief",
        "brief",
        "Write a situation brief (Markdown) of what is shown to a file",
        Global,
        false,
        &["b"],
    ),
    cmd(
        Command::ReplayBack,
        "replay_back",
        "replay",
        "Replay: step back one event (shows the state AS OF it)",
        Global,
        true,
        &["["],
    ),
    cmd(
        Command::ReplayForward,
        "replay_forward",
        "replay",
        "Replay: step forward one event (past the last: live)",
        Global,
        true,
        &["]"],
    ),
    cmd(
        Command::Live,
        "live",
        "live",
        "Leave the replay: back to the live state",
        Global,
        false,
        &["L"],
    ),
    cmd(
        Command::FormSave,
        "form_save",
        "save",
        "Save the correction",
        Form,
        true,
        &["enter"],
    ),
    cmd(
        Command::FormCancel,
        "form_cancel",
        "cancel",
        "Close the form without saving",
        Form,
        true,
        &["esc"],
    ),
    cmd(
        Command::FormNext,
        "form_next",
        "next field",
        "Next field (choice, figure, note); ↑↓ change the choice",
        Form,
        true,
        &["tab"],
    ),
    cmd(
        Command::Back,
        "back",
        "back",
        "Close a popup, clear a filter, leave the replay or zoom; never quits",
        Global,
        false,
        &["esc"],
    ),
    cmd(
        Command::Quit,
        "quit",
        "quit",
        "Quit",
        Global,
        true,
        &["q", "ctrl-c"],
    ),
];

/// A key with modifiers, as written in ui.toml ("ctrl-c", "G", "pagedown").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// From a terminal event. Shift is part of the character ('G') or the
    /// code (BackTab), so it is dropped here.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let code = match ev.code {
            KeyCode::Char(c) if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.len() > 1 && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+")) {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.len() > 1 && (lower.starts_with("alt-") || lower.starts_with("alt+")) {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" | "shift+tab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(format!("unknown key {s:?}")),
                },
                _ => return Err(format!("unknown key {s:?}")),
            },
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The active bindings: [`COMMANDS`] with any overrides from ui.toml.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Parallel to [`COMMANDS`].
    keys: Vec<Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let keys = COMMANDS
            .iter()
            .map(|c| {
                c.keys
                    .iter()
                    .map(|k| Key::parse(k).expect("built-in key names parse"))
                    .collect()
            })
            .collect();
        Keymap { keys }
    }
}

impl Keymap {
    /// The defaults with `overrides` (command name -> keys) applied. An
    /// unknown command or key is an error naming it.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        for (name, keys) in overrides {
            let Some(i) = COMMANDS.iter().position(|c| c.name == name) else {
                let names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
                return Err(format!(
                    "unknown command {name:?} in [keys]; known: {}",
                    names.join(", ")
                ));
            };
            map.keys[i] = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<_, _>>()?;
        }
        map.check()?;
        Ok(map)
    }

    /// A key bound to two commands that can apply at once is an error.
    pub fn check(&self) -> Result<(), String> {
        for (i, a) in COMMANDS.iter().enumerate() {
            for (j, b) in COMMANDS.iter().enumerate().skip(i + 1) {
                if !a.context.overlaps(b.context) {
                    continue;
                }
                if let Some(k) = self.keys[i].iter().find(|k| self.keys[j].contains(k)) {
                    return Err(format!(
                        "key {k} is bound to both {} and {}; give one of them another key",
                        a.name, b.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// The command bound to `key` in `context`, if any.
    pub fn lookup(&self, context: Context, key: Key) -> Option<Command> {
        COMMANDS
            .iter()
            .zip(&self.keys)
            .find(|(c, ks)| c.context == context && ks.contains(&key))
            .map(|(c, _)| c.command)
    }

    /// The keys bound to a command.
    pub fn keys(&self, command: Command) -> &[Key] {
        COMMANDS
            .iter()
            .position(|c| c.command == command)
            .map_or(&[], |i| &self.keys[i])
    }

    /// Keys of a command for display: "q/Ctrl-c".
    pub fn key_text(&self, command: Command) -> String {
        self.keys(command)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Footer hints for the active contexts, in list order: (keys, label).
    /// Commands sharing a label (up and down: "move") are merged into one
    /// hint ("↑/k ↓/j" becomes "↑↓").
    pub fn footer(&self, contexts: &[Context]) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for (c, ks) in COMMANDS.iter().zip(&self.keys) {
            if !c.footer || !contexts.contains(&c.context) || ks.is_empty() {
                continue;
            }
            // Footer shows the first key only: the help lists them all.
            let key = ks[0].to_string();
            match out.iter_mut().find(|(_, s)| *s == c.short) {
                Some((k, _)) => k.push_str(&key),
                None => out.push((key, c.short)),
            }
        }
        out
    }

    /// Help sections: (title, [(keys, description)]).
    pub fn help(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let sections: [(&str, &[Context]); 6] = [
            ("Panes and display", &[Context::Global]),
            ("Moving", &[Context::Navigation]),
            ("Event log", &[Context::Log]),
            ("Typing a filter", &[Context::Filter]),
            ("Correcting", &[Context::Form]),
            ("Popups", &[Context::Popup]),
        ];
        sections
            .iter()
            .map(|(title, ctxs)| {
                let rows = COMMANDS
                    .iter()
                    .filter(|c| ctxs.contains(&c.context))
                    .map(|c| (self.key_text(c.command), c.long))
                    .collect();
                (*title, rows)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::from_event(&KeyEvent::new(code, modifiers))
    }

    #[test]
    fn parses_and_prints_keys() {
        for s in ["q", "G", "/", "?", "1"] {
            assert_eq!(Key::parse(s).map(|k| k.to_string()), Ok(s.to_string()));
        }
        assert_eq!(
            Key::parse("ctrl-c").map(|k| k.to_string()),
            Ok("Ctrl-c".into())
        );
        assert_eq!(Key::parse("PgDn").map(|k| k.code), Ok(KeyCode::PageDown));
        assert_eq!(
            Key::parse("shift-tab").map(|k| k.code),
            Ok(KeyCode::BackTab)
        );
        assert_eq!(Key::parse("f5").map(|k| k.code), Ok(KeyCode::F(5)));
        assert!(Key::parse("hyper-x").is_err());
    }

    #[test]
    fn events_match_bindings_whatever_the_shift_state() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup(
                Context::Navigation,
                ev(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Command::Bottom)
        );
        assert_eq!(
            map.lookup(Context::Global, ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Command::PrevPane)
        );
        assert_eq!(
            map.lookup(
                Context::Global,
                ev(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Command::Quit)
        );
        // Plain c corrects; only Ctrl-C quits.
        assert_eq!(
            map.lookup(Context::Global, ev(KeyCode::Char('c'), KeyModifiers::NONE)),
            Some(Command::Correct)
        );
        assert_eq!(
            map.lookup(Context::Log, ev(KeyCode::Char('F'), KeyModifiers::SHIFT)),
            Some(Command::Follow)
        );
    }

    #[test]
    fn every_command_has_a_unique_name_and_keys() {
        let mut names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len());
        assert!(COMMANDS.iter().all(|c| !c.keys.is_empty()));
    }

    #[test]
    fn no_key_is_bound_twice_where_both_apply() {
        // The defaults pass the same check ui.toml overrides get.
        assert_eq!(Keymap::default().check(), Ok(()));
        // End for both bottom (moving) and follow (the log, where moving
        // keys apply too) is refused.
        let mut o = BTreeMap::new();
        o.insert(
            "follow".to_string(),
            vec!["F".to_string(), "end".to_string()],
        );
        let e = Keymap::with_overrides(&o).unwrap_err();
        assert!(
            e.contains("End") && e.contains("bottom") && e.contains("follow"),
            "{e}"
        );
    }

    #[test]
    fn footer_and_help_come_from_the_same_list() {
        let map = Keymap::default();
        let help = map.help();
        let help_text: Vec<&str> = help
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|r| r.1))
            .collect();
        // Every command is in the help exactly once.
        assert_eq!(help_text.len(), COMMANDS.len());
        // Every footer hint is a command of the list, with its bound key.
        let all = [
            Context::Global,
            Context::Navigation,
            Context::Log,
            Context::Filter,
            Context::Popup,
            Context::Form,
        ];
        for (keys, short) in map.footer(&all) {
            let info: Vec<&CommandInfo> = COMMANDS
                .iter()
                .filter(|c| c.short == short && c.footer)
                .collect();
            assert!(!info.is_empty(), "footer label {short:?} is not a command");
            assert!(info
                .iter()
                .any(|c| keys.contains(&map.keys(c.command)[0].to_string())));
        }
        let footer = map.footer(&[Context::Global, Context::Navigation]);
        assert!(footer.contains(&("↑↓".to_string(), "move")));
        assert!(footer.contains(&("?".to_string(), "help")));
    }

    #[test]
    fn rebinding_changes_both_footer_and_help() {
        let mut o = BTreeMap::new();
        o.insert("quit".to_string(), vec!["x".to_string()]);
        let map = Keymap::with_overrides(&o).expect("valid override");
        assert!(map
            .footer(&[Context::Global])
            .contains(&("x".to_string(), "quit")));
        let help = map.help();
        assert!(help
            .iter()
            .flat_map(|(_, r)| r)
            .any(|(k, d)| k == "x" && *d == "Quit"));
        assert_eq!(map.lookup(Context::Global, Key::parse("q").unwrap()), None);
        let mut bad = BTreeMap::new();
        bad.insert("explode".to_string(), vec!["x".to_string()]);
        assert!(Keymap::with_overrides(&bad)
            .unwrap_err()
            .contains("explode"));
    }
}
