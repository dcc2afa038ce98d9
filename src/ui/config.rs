//! `ui.toml` in the config folder: dashboard settings, colours and keys.
//! Optional; every value has a built-in default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;

use crate::alerts::{AlertConfig, Kind};
use crate::config::ConfigError;

use super::keymap::Keymap;
use super::theme::Theme;

pub const FILE: &str = "ui.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UiFile {
    #[serde(default)]
    dashboard: DashboardFile,
    #[serde(default)]
    colors: BTreeMap<String, String>,
    #[serde(default)]
    keys: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    alerts: AlertsFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlertsFile {
    #[serde(default = "default_alert_kinds")]
    on: Vec<Kind>,
    #[serde(default)]
    bell: bool,
    #[serde(default = "default_true")]
    flash: bool,
    #[serde(default)]
    command: Vec<String>,
    #[serde(default = "default_alert_timeout")]
    timeout_seconds: u64,
    #[serde(default = "default_per_minute")]
    per_minute: u32,
}

fn default_alert_kinds() -> Vec<Kind> {
    AlertConfig::default().on
}
fn default_alert_timeout() -> u64 {
    AlertConfig::default().timeout.as_secs()
}
fn default_per_minute() -> u32 {
    AlertConfig::default().per_minute
}

impl Default for AlertsFile {
    fn default() -> Self {
        let d = AlertConfig::default();
        AlertsFile {
            on: d.on,
            bell: d.bell,
            flash: d.flash,
            command: d.command,
            timeout_seconds: d.timeout.as_secs(),
            per_minute: d.per_minute,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DashboardFile {
    #[serde(default = "default_stale")]
    stale_after_minutes: u64,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_true")]
    mouse: bool,
}

fn default_stale() -> u64 {
    10
}
fn default_theme() -> String {
    "color".to_string()
}
fn default_true() -> bool {
    true
}

impl Default for DashboardFile {
    fn default() -> Self {
        DashboardFile {
            stale_after_minutes: default_stale(),
            theme: default_theme(),
            mouse: true,
        }
    }
}

/// Validated dashboard settings, shared by every session.
#[derive(Debug, Clone)]
pub struct UiConfig {
    pub keymap: Keymap,
    /// "color" or "mono".
    pub theme: String,
    pub colors: BTreeMap<String, String>,
    /// The header's update age turns stale-coloured after this long.
    pub stale_after: Duration,
    /// Capture the mouse (click to focus, wheel to scroll).
    pub mouse: bool,
    pub alerts: Arc<AlertConfig>,
}

impl Default for UiConfig {
    fn default() -> Self {
        UiConfig {
            keymap: Keymap::default(),
            theme: default_theme(),
            colors: BTreeMap::new(),
            stale_after: Duration::from_secs(default_stale() * 60),
            mouse: true,
            alerts: Arc::new(AlertConfig::default()),
        }
    }
}

impl UiConfig {
    /// Parse ui.toml text; `path` labels errors as `FILE:LINE:COL: PROBLEM`.
    pub fn parse(path: &Path, text: &str) -> Result<UiConfig, ConfigError> {
        let file: UiFile = toml::from_str(text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| line_col(text, s.start))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            ConfigError {
                more: Vec::new(),
                file: path.to_path_buf(),
                line,
                col,
                message: e.message().trim().to_string(),
            }
        })?;
        let at = |needle: &str, message: String| {
            let (line, col) = text
                .find(needle)
                .map(|o| line_col(text, o))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            ConfigError {
                more: Vec::new(),
                file: path.to_path_buf(),
                line,
                col,
                message,
            }
        };
        let keymap = Keymap::with_overrides(&file.keys).map_err(|m| at("[keys]", m))?;
        Theme::resolve(&file.dashboard.theme, &file.colors, false).map_err(|m| {
            at(
                if m.contains("theme") {
                    "theme"
                } else {
                    "[colors]"
                },
                m,
            )
        })?;
        let a = file.alerts;
        if a.timeout_seconds == 0 || a.per_minute == 0 {
            return Err(at(
                "[alerts]",
                "[alerts] timeout_seconds and per_minute must be at least 1".to_string(),
            ));
        }
        if a.command.first().is_some_and(|p| p.trim().is_empty()) {
            return Err(at(
                "command",
                "[alerts] command names no program".to_string(),
            ));
        }
        let alerts = Arc::new(AlertConfig {
            on: a.on,
            bell: a.bell,
            flash: a.flash,
            command: a.command,
            timeout: Duration::from_secs(a.timeout_seconds),
            per_minute: a.per_minute,
        });
        if file.dashboard.stale_after_minutes == 0 {
            return Err(at(
                "stale_after_minutes",
                "stale_after_minutes must be at least 1".to_string(),
            ));
        }
        Ok(UiConfig {
            keymap,
            theme: file.dashboard.theme,
            colors: file.colors,
            stale_after: Duration::from_secs(file.dashboard.stale_after_minutes * 60),
            mouse: file.dashboard.mouse,
            alerts,
        })
    }

    /// `DIR/ui.toml` when `dir` is given, else `./config/ui.toml`; the
    /// defaults when that file is absent.
    pub fn resolve(dir: Option<&Path>) -> Result<UiConfig, ConfigError> {
        let path: PathBuf = dir.unwrap_or(Path::new("config")).join(FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => UiConfig::parse(&path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(UiConfig::default()),
            Err(e) => Err(ConfigError {
                more: Vec::new(),
                file: path,
                line: None,
                col: None,
                message: format!("cannot be read: {e}"),
            }),
        }
    }

    /// The theme for one viewer (whose terminal may forbid colour).
    pub fn theme(&self, no_color: bool) -> Theme {
        // Validated in `parse`, so this only fails for a hand-built config.
        Theme::resolve(&self.theme, &self.colors, no_color).unwrap_or_else(|_| Theme::color())
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keymap::{Command, Context, Key};

    #[test]
    fn empty_file_is_the_defaults() {
        let c = UiConfig::parse(Path::new("ui.toml"), "").expect("valid");
        assert_eq!(c.stale_after, Duration::from_secs(600));
        assert!(c.mouse);
        assert_eq!(c.theme, "color");
    }

    #[test]
    fn keys_and_settings_are_read() {
        let text = "[dashboard]\nstale_after_minutes = 3\nmouse = false\n[keys]\nquit = [\"x\"]\n";
        let c = UiConfig::parse(Path::new("ui.toml"), text).expect("valid");
        assert_eq!(c.stale_after, Duration::from_secs(180));
        assert!(!c.mouse);
        let x = Key::parse("x").expect("key");
        assert_eq!(c.keymap.lookup(Context::Global, x), Some(Command::Quit));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = UiConfig::parse(Path::new("ui.toml"), "[dashboard]\nbogus = 1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e =
            UiConfig::parse(Path::new("ui.toml"), "[keys]\nquit = [\"hyper-q\"]\n").unwrap_err();
        assert!(e.to_string().starts_with("ui.toml:1:1: unknown key"), "{e}");
        let e =
            UiConfig::parse(Path::new("ui.toml"), "[colors]\nfallen = \"plaid\"\n").unwrap_err();
        assert!(e.to_string().contains("plaid"), "{e}");
    }

    #[test]
    fn the_shipped_ui_toml_is_valid_and_matches_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("config")
            .join(FILE);
        let text = std::fs::read_to_string(&path).expect("config/ui.toml is shipped");
        let c = UiConfig::parse(&path, &text).expect("valid");
        let d = UiConfig::default();
        assert_eq!(c.stale_after, d.stale_after);
        assert_eq!(c.theme, d.theme);
        assert_eq!(c.mouse, d.mouse);
        assert_eq!(c.alerts, d.alerts);
        for info in crate::ui::keymap::COMMANDS {
            assert_eq!(
                c.keymap.keys(info.command),
                d.keymap.keys(info.command),
                "{}",
                info.name
            );
        }
    }
}
