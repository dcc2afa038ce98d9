//! Logs go to a file, never to the terminal: the dashboard owns the
//! screen, and `follow`'s stdout is for its JSON lines.
//!
//! The file is `$XDG_STATE_HOME/sitmon/sitmon.log`, else
//! `~/.local/state/sitmon/sitmon.log`, else `./sitmon.log`. The level is
//! `info` unless `SITMON_LOG` says otherwise (`debug`, `sitmon=trace`...,
//! the `tracing` filter syntax).

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// The environment variable holding the log filter.
pub const FILTER_ENV: &str = "SITMON_LOG";
/// A log larger than this at start is moved to `*.old` first.
const MAX_BYTES: u64 = 16 << 20;

/// Where logs go when no path is given.
pub fn default_log_path() -> PathBuf {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/state")));
    match state {
        Some(dir) => dir.join("sitmon").join("sitmon.log"),
        None => PathBuf::from("sitmon.log"),
    }
}

/// Send `tracing` (and `log`) records to `path` (`-`: stderr), or to
/// [`default_log_path`], appending. Returns the file used. Calling it again
/// keeps the first setup.
pub fn init_logging(path: Option<&Path>) -> io::Result<PathBuf> {
    let filter = || EnvFilter::try_from_env(FILTER_ENV).unwrap_or_else(|_| EnvFilter::new("info"));
    if path == Some(Path::new("-")) {
        // `sitmon serve --log -`: a server's log on its own stderr.
        let _ = tracing_subscriber::fmt()
            .with_writer(io::stderr)
            .with_env_filter(filter())
            .try_init();
        return Ok(PathBuf::from("-"));
    }
    let path = path.map_or_else(default_log_path, Path::to_path_buf);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    if fs::metadata(&path).is_ok_and(|m| m.len() > MAX_BYTES) {
        let mut old = path.clone().into_os_string();
        old.push(".old");
        let _ = fs::rename(&path, old);
    }
    let file = OpenOptions::new().create(true).append(true).open(&path)?;
    // Already set up (tests, a second call): the first one stands.
    let _ = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_env_filter(filter())
        .try_init();
    Ok(path)
}

/// A string from outside (an SSH user name or command) as it may go into a
/// log line: control characters escaped (no forged lines, no escape
/// sequences for whoever reads the log), and cut after 200 characters.
pub struct Untrusted<'a>(pub &'a str);

/// A string from outside that is shown whole (a file name in a warning):
/// control characters escaped as in [`Untrusted`], nothing cut.
pub struct Printable<'a>(pub &'a str);

impl std::fmt::Display for Untrusted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        escaped(self.0, Some(200), f)
    }
}

impl std::fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        escaped(self.0, None, f)
    }
}

fn escaped(s: &str, cut: Option<usize>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    use std::fmt::Write;
    for (i, c) in s.chars().enumerate() {
        if Some(i) == cut {
            return f.write_str("...");
        }
        // Controls, and the invisible marks that reorder a line.
        if c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            write!(f, "{}", c.escape_unicode())?;
        } else {
            f.write_char(c)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_strings_cannot_forge_lines_or_send_escapes() {
        let forged = "e2e\n2026-12-02T00:00:00Z  INFO connected user=admin\x1b]0;pwned\x07\x1b[2J";
        let shown = Untrusted(forged).to_string();
        assert!(!shown.chars().any(|c| c.is_control()), "{shown}");
        assert!(shown.starts_with("e2e\\u{a}2026"), "{shown}");
        assert_eq!(Untrusted("plain é").to_string(), "plain é");
        assert_eq!(Untrusted(&"x".repeat(500)).to_string().len(), 203);
        assert_eq!(Printable(&"x".repeat(500)).to_string().len(), 500);
        assert_eq!(Printable("a\x1b[2J").to_string(), "a\\u{1b}[2J");
    }
}
