//! Colours by status. Every status also has its own symbol, so the
//! monochrome theme (NO_COLOR, or `theme = "mono"`) loses no meaning.

use std::collections::BTreeMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::state::Standing;

pub use crate::state::{CLAIMED, CONTESTED, FALLEN, HELD};
/// Marks an item that changed since this viewer last looked at it.
pub const NEW: &str = "*";
/// Marks what an analyst corrected.
pub const CORRECTED: &str = "✎";

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub mono: bool,
    pub fallen: Style,
    pub claimed: Style,
    pub contested: Style,
    pub held: Style,
    /// Titles, the focused border, the header's name.
    pub accent: Style,
    pub border: Style,
    pub focus_border: Style,
    pub dim: Style,
    pub selected: Style,
    pub new_mark: Style,
    pub stale: Style,
    pub frozen: Style,
    pub key: Style,
}

/// Colour names a theme in ui.toml may override.
pub const COLOR_NAMES: [&str; 8] = [
    "fallen",
    "claimed",
    "contested",
    "held",
    "accent",
    "new",
    "stale",
    "frozen",
];

impl Theme {
    pub fn color() -> Theme {
        Theme {
            mono: false,
            fallen: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            claimed: Style::new()
                .fg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD),
            contested: Style::new().fg(Color::Yellow),
            held: Style::new().fg(Color::Green),
            accent: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            focus_border: Style::new().fg(Color::Cyan),
            // Mid grey: secondary text must stay readable on black, where
            // DarkGray nearly vanishes; DarkGray is kept for borders.
            dim: Style::new().fg(Color::Indexed(246)),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            new_mark: Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            stale: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            frozen: Style::new()
                .fg(Color::Black)
                .bg(Color::LightBlue)
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    /// No colours: status by symbol, emphasis by bold / underline / reverse.
    pub fn mono() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            mono: true,
            fallen: bold,
            claimed: bold.add_modifier(Modifier::ITALIC),
            contested: Style::new().add_modifier(Modifier::UNDERLINED),
            held: Style::new(),
            accent: bold,
            border: Style::new(),
            focus_border: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            new_mark: bold,
            stale: bold.add_modifier(Modifier::REVERSED),
            frozen: bold.add_modifier(Modifier::REVERSED),
            key: bold,
        }
    }

    /// `name` is "color" (default) or "mono"; `no_color` (the NO_COLOR
    /// convention) forces mono and ignores colour overrides.
    pub fn resolve(
        name: &str,
        overrides: &BTreeMap<String, String>,
        no_color: bool,
    ) -> Result<Theme, String> {
        let mut t = match name {
            "color" | "colour" | "default" => Theme::color(),
            "mono" | "monochrome" => Theme::mono(),
            other => {
                return Err(format!(
                    "unknown theme {other:?}; use \"color\" or \"mono\""
                ))
            }
        };
        for (k, v) in overrides {
            let c = Color::from_str(v).map_err(|_| format!("{k}: unknown colour {v:?}"))?;
            let slot = match k.as_str() {
                "fallen" => &mut t.fallen,
                "claimed" => &mut t.claimed,
                "contested" => &mut t.contested,
                "held" => &mut t.held,
                "accent" => &mut t.accent,
                "new" => &mut t.new_mark,
                "stale" => &mut t.stale,
                "frozen" => &mut t.frozen,
                other => {
                    return Err(format!(
                        "unknown colour name {other:?}; known: {}",
                        COLOR_NAMES.join(", ")
                    ))
                }
            };
            if !no_color && !t.mono {
                *slot = if k == "frozen" {
                    slot.bg(c)
                } else {
                    slot.fg(c)
                };
            }
        }
        if no_color {
            return Ok(Theme::mono());
        }
        Ok(t)
    }

    /// Whether the NO_COLOR convention asks for no colours.
    pub fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// The style of a standing (its word and symbol are the standing's).
    pub fn standing(&self, s: Standing) -> Style {
        match s {
            Standing::Fallen => self.fallen,
            Standing::Claimed => self.claimed,
            Standing::Contested => self.contested,
            Standing::Held => self.held,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_over_overrides() {
        let mut o = BTreeMap::new();
        o.insert("fallen".to_string(), "blue".to_string());
        let t = Theme::resolve("color", &o, true).expect("valid");
        assert!(t.mono);
        assert_eq!(t.fallen.fg, None);
        let t = Theme::resolve("color", &o, false).expect("valid");
        assert_eq!(t.fallen.fg, Some(Color::Blue));
    }

    #[test]
    fn bad_names_are_errors() {
        assert!(Theme::resolve("neon", &BTreeMap::new(), false).is_err());
        let mut o = BTreeMap::new();
        o.insert("fallen".to_string(), "not-a-colour".to_string());
        assert!(Theme::resolve("color", &o, false).is_err());
        let mut o = BTreeMap::new();
        o.insert("sky".to_string(), "blue".to_string());
        assert!(Theme::resolve("color", &o, false).is_err());
    }

    #[test]
    fn mono_styles_have_no_colours() {
        let t = Theme::mono();
        for s in [
            t.fallen,
            t.claimed,
            t.contested,
            t.held,
            t.accent,
            t.stale,
            t.frozen,
        ] {
            assert_eq!((s.fg, s.bg), (None, None));
        }
        assert_ne!(FALLEN, HELD);
        assert_ne!(CONTESTED, HELD);
        assert_ne!(CLAIMED, FALLEN);
    }
}
