//! `serve.toml` in the config folder: the shared monitor's settings.
//! Optional; every value has a default, and `sitmon serve` flags override
//! the file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::config::{parse_one, ConfigError};

pub const FILE: &str = "serve.toml";

/// Smallest and largest terminal a session lays out for: clients can claim
/// 0x0 or 65535x65535.
pub const MIN_SIZE: (u16, u16) = (20, 6);
pub const MAX_SIZE: (u16, u16) = (1000, 400);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServeFile {
    #[serde(default)]
    serve: ServeSection,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct ServeSection {
    listen: String,
    authorized_keys: Option<PathBuf>,
    host_key: Option<PathBuf>,
    max_sessions: usize,
    idle_timeout_minutes: u64,
    keepalive_seconds: u64,
    connections_per_minute: u32,
    login_grace_seconds: u64,
    max_unauthenticated: usize,
    unauthenticated_per_address: usize,
    colors: String,
}

impl Default for ServeSection {
    fn default() -> Self {
        let d = ServeConfig::default();
        ServeSection {
            listen: d.listen,
            authorized_keys: None,
            host_key: None,
            max_sessions: d.max_sessions,
            idle_timeout_minutes: 0,
            keepalive_seconds: d.keepalive.map_or(0, |k| k.as_secs()),
            connections_per_minute: d.connections_per_minute,
            login_grace_seconds: d.login_grace.as_secs(),
            max_unauthenticated: d.max_unauthenticated,
            unauthenticated_per_address: d.unauthenticated_per_address,
            colors: "auto".to_string(),
        }
    }
}

/// How a session picks colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colors {
    /// From the client's TERM (and NO_COLOR, when the client sends it).
    Auto,
    /// The configured theme whatever TERM says.
    Color,
    /// No colours.
    Mono,
}

impl Colors {
    pub fn parse(s: &str) -> Result<Colors, String> {
        match s {
            "auto" => Ok(Colors::Auto),
            "color" | "colour" => Ok(Colors::Color),
            "mono" => Ok(Colors::Mono),
            other => Err(format!(
                "unknown colors {other:?}; use \"auto\", \"color\" or \"mono\""
            )),
        }
    }

    /// Whether a client whose TERM is `term` (and who sent NO_COLOR or
    /// not) gets no colours.
    pub fn mono_for(self, term: &str, no_color: bool) -> bool {
        match self {
            Colors::Color => false,
            Colors::Mono => true,
            Colors::Auto => {
                no_color
                    || term.is_empty()
                    || term == "dumb"
                    || term.ends_with("-m")
                    || term.ends_with("-mono")
                    || matches!(term, "vt52" | "vt100" | "vt102" | "vt220")
            }
        }
    }
}

/// Validated server settings.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on, `HOST:PORT`.
    pub listen: String,
    /// OpenSSH `authorized_keys` file of who may watch.
    pub authorized_keys: Option<PathBuf>,
    /// Where the server's Ed25519 host key lives (created when missing).
    pub host_key: PathBuf,
    /// Concurrent dashboard sessions; later ones are told the monitor is full.
    pub max_sessions: usize,
    /// End a session after this long without a key press; `None`: never.
    pub idle_timeout: Option<Duration>,
    /// Probe a silent client this often; three missed probes close it.
    pub keepalive: Option<Duration>,
    /// New connections allowed per client address per minute; 0: no
    /// limit (viewers behind one NAT share an address).
    pub connections_per_minute: u32,
    /// Time from connecting to logging in; then the connection is closed
    /// (OpenSSH's LoginGraceTime).
    pub login_grace: Duration,
    /// Connections not logged in yet, at most, from all addresses and from
    /// one (OpenSSH's MaxStartups and PerSourceMaxStartups); more are
    /// closed at once.
    pub max_unauthenticated: usize,
    pub unauthenticated_per_address: usize,
    pub colors: Colors,
}

/// The longest idle timeout: a year. Longer ones are mistakes, and past
/// what a clock can add.
pub const MAX_IDLE_MINUTES: u64 = 366 * 24 * 60;
/// The longest keepalive interval and login grace: a day.
pub const MAX_SECONDS: u64 = 24 * 60 * 60;

/// Minutes of idle timeout as a duration: 0 is none; over a year is an
/// error.
pub fn idle_minutes(m: u64) -> Result<Option<Duration>, String> {
    if m > MAX_IDLE_MINUTES {
        return Err(format!(
            "idle timeout of {m} minutes is over a year ({MAX_IDLE_MINUTES}); use 0 for none"
        ));
    }
    Ok((m > 0).then(|| Duration::from_secs(m * 60)))
}

/// Seconds of `what` as a duration, at most a day.
pub fn seconds(what: &str, s: u64) -> Result<Duration, String> {
    if s > MAX_SECONDS {
        return Err(format!(
            "{what} of {s} seconds is over a day ({MAX_SECONDS})"
        ));
    }
    Ok(Duration::from_secs(s))
}

/// `$XDG_STATE_HOME/sitmon/host_ed25519_key`, beside the log.
pub fn default_host_key() -> PathBuf {
    crate::logging::default_log_path().with_file_name("host_ed25519_key")
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            listen: "0.0.0.0:2222".to_string(),
            authorized_keys: None,
            host_key: default_host_key(),
            max_sessions: 64,
            idle_timeout: None,
            keepalive: Some(Duration::from_secs(30)),
            connections_per_minute: 30,
            login_grace: Duration::from_secs(30),
            max_unauthenticated: 128,
            unauthenticated_per_address: 10,
            colors: Colors::Auto,
        }
    }
}

impl ServeConfig {
    /// Parse serve.toml text. Relative paths in it are relative to the
    /// folder holding the file; `~/` is the home folder.
    pub fn parse(path: &Path, text: &str) -> Result<ServeConfig, ConfigError> {
        let file: ServeFile = parse_one(path, text)?;
        let s = file.serve;
        // FILE:LINE:COL of the key the problem is about.
        let err = |key: &str, m: String| {
            let mut e = ConfigError::plain(path, &m);
            if let Some(at) = text.find(key) {
                let before = &text[..at];
                e.line = Some(before.matches('\n').count() + 1);
                e.col = Some(at - before.rfind('\n').map_or(0, |i| i + 1) + 1);
            }
            e
        };
        let colors = Colors::parse(&s.colors).map_err(|m| err("colors", m))?;
        if s.max_sessions == 0 {
            return Err(err(
                "max_sessions",
                "max_sessions must be at least 1".to_string(),
            ));
        }
        if s.login_grace_seconds == 0 {
            return Err(err(
                "login_grace_seconds",
                "login_grace_seconds must be at least 1".to_string(),
            ));
        }
        if s.max_unauthenticated == 0 || s.unauthenticated_per_address == 0 {
            let key = if s.max_unauthenticated == 0 {
                "max_unauthenticated"
            } else {
                "unauthenticated_per_address"
            };
            return Err(err(
                key,
                "max_unauthenticated and unauthenticated_per_address must be at least 1"
                    .to_string(),
            ));
        }
        let idle_timeout =
            idle_minutes(s.idle_timeout_minutes).map_err(|m| err("idle_timeout_minutes", m))?;
        let keepalive = seconds("keepalive_seconds", s.keepalive_seconds)
            .map_err(|m| err("keepalive_seconds", m))?;
        let login_grace = seconds("login_grace_seconds", s.login_grace_seconds)
            .map_err(|m| err("login_grace_seconds", m))?;
        let base = path.parent().unwrap_or(Path::new("."));
        Ok(ServeConfig {
            listen: s.listen,
            authorized_keys: s.authorized_keys.map(|p| resolve_path(base, &p)),
            host_key: s
                .host_key
                .map_or_else(default_host_key, |p| resolve_path(base, &p)),
            max_sessions: s.max_sessions,
            idle_timeout,
            keepalive: (!keepalive.is_zero()).then_some(keepalive),
            connections_per_minute: s.connections_per_minute,
            login_grace,
            max_unauthenticated: s.max_unauthenticated,
            unauthenticated_per_address: s.unauthenticated_per_address,
            colors,
        })
    }

    /// `DIR/serve.toml` when `dir` is given, else `./config/serve.toml`;
    /// the defaults when that file is absent.
    pub fn resolve(dir: Option<&Path>) -> Result<ServeConfig, ConfigError> {
        let path = dir.unwrap_or(Path::new("config")).join(FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => ServeConfig::parse(&path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ServeConfig::default()),
            Err(e) => Err(ConfigError::plain(&path, &format!("cannot be read: {e}"))),
        }
    }
}

/// `~/x` from the home folder, a relative path from `base`.
pub fn resolve_path(base: &Path, p: &Path) -> PathBuf {
    if let Ok(rest) = p.strip_prefix("~") {
        if let Some(home) = std::env::var_os("HOME") {
            return Path::new(&home).join(rest);
        }
    }
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

/// A PTY size clamped to what a session lays out for.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    let c = cols.clamp(u32::from(MIN_SIZE.0), u32::from(MAX_SIZE.0));
    let r = rows.clamp(u32::from(MIN_SIZE.1), u32::from(MAX_SIZE.1));
    // Clamped to u16 bounds above.
    (c as u16, r as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_is_the_defaults() {
        let c = ServeConfig::parse(Path::new("/etc/sitmon/serve.toml"), "").expect("valid");
        assert_eq!(c.listen, "0.0.0.0:2222");
        assert_eq!(c.idle_timeout, None);
        assert_eq!(c.keepalive, Some(Duration::from_secs(30)));
        assert_eq!(c.colors, Colors::Auto);
    }

    #[test]
    fn settings_and_relative_paths() {
        let text = "[serve]\nauthorized_keys = \"keys/watchers\"\nidle_timeout_minutes = 5\nkeepalive_seconds = 0\ncolors = \"mono\"\n";
        let c = ServeConfig::parse(Path::new("/etc/sitmon/serve.toml"), text).expect("valid");
        assert_eq!(
            c.authorized_keys.as_deref(),
            Some(Path::new("/etc/sitmon/keys/watchers"))
        );
        assert_eq!(c.idle_timeout, Some(Duration::from_secs(300)));
        assert_eq!(c.keepalive, None);
        assert_eq!(c.colors, Colors::Mono);
    }

    #[test]
    fn checked_values_name_their_line_too() {
        let e = ServeConfig::parse(
            Path::new("serve.toml"),
            "[serve]\nlisten = \"a:1\"\ncolors = \"plaid\"\n",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("serve.toml:3:1: "), "{e}");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = ServeConfig::parse(Path::new("serve.toml"), "[serve]\nport = 22\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = ServeConfig::parse(Path::new("serve.toml"), "[serve]\ncolors = \"plaid\"\n")
            .unwrap_err();
        assert!(e.to_string().contains("plaid"), "{e}");
    }

    #[test]
    fn shipped_serve_toml_is_valid_and_matches_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("config")
            .join(FILE);
        let text = std::fs::read_to_string(&path).expect("config/serve.toml is shipped");
        let c = ServeConfig::parse(&path, &text).expect("valid");
        let d = ServeConfig::default();
        assert_eq!(c.listen, d.listen);
        assert_eq!(c.max_sessions, d.max_sessions);
        assert_eq!(c.idle_timeout, d.idle_timeout);
        assert_eq!(c.keepalive, d.keepalive);
        assert_eq!(c.connections_per_minute, d.connections_per_minute);
        assert_eq!(c.login_grace, d.login_grace);
        assert_eq!(c.max_unauthenticated, d.max_unauthenticated);
        assert_eq!(c.unauthenticated_per_address, d.unauthenticated_per_address);
        assert_eq!(c.colors, d.colors);
    }

    #[test]
    fn durations_are_validated() {
        let parse =
            |t: &str| ServeConfig::parse(Path::new("serve.toml"), &format!("[serve]\n{t}\n"));
        // Once a panic in every session ("overflow when adding duration to
        // instant"), or wrapped to 44 s.
        for huge in [
            "idle_timeout_minutes = 307445734561825861",
            "idle_timeout_minutes = 9223372036854775807",
        ] {
            let e = parse(huge).expect_err(huge);
            assert!(e.to_string().contains("over a year"), "{e}");
        }
        let year = parse(&format!("idle_timeout_minutes = {MAX_IDLE_MINUTES}")).expect("a year");
        assert_eq!(
            year.idle_timeout,
            Some(Duration::from_secs(MAX_IDLE_MINUTES * 60))
        );
        assert!(parse("keepalive_seconds = 18446744073709551615").is_err());
        assert!(parse("login_grace_seconds = 0").is_err());
        assert_eq!(
            parse("login_grace_seconds = 5").expect("valid").login_grace,
            Duration::from_secs(5)
        );
        // 0: no per-address rate limit (viewers behind one NAT).
        assert_eq!(
            parse("connections_per_minute = 0")
                .expect("valid")
                .connections_per_minute,
            0
        );
    }

    #[test]
    fn terminals_without_colour_get_mono() {
        assert!(Colors::Auto.mono_for("dumb", false));
        assert!(Colors::Auto.mono_for("vt100", false));
        assert!(!Colors::Auto.mono_for("xterm-256color", false));
        assert!(Colors::Auto.mono_for("xterm-256color", true));
        assert!(!Colors::Color.mono_for("dumb", false));
    }

    #[test]
    fn sizes_are_clamped() {
        assert_eq!(clamp_size(0, 0), MIN_SIZE);
        assert_eq!(clamp_size(65535, 65535), MAX_SIZE);
        assert_eq!(clamp_size(120, 40), (120, 40));
    }
}
