//! What the benches share: folders of many distinct articles made from the
//! labelled corpora, and the process figures they read from /proc.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sitmon::eval::Gold;

const CORPORA: [&str; 2] = ["seeds", "dev"];

pub fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora")
        .join(name)
}

/// The article files of the corpora (those their gold.json lists).
pub fn corpus_files() -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for c in CORPORA {
        let dir = corpus_dir(c);
        let gold = Gold::load(&dir).unwrap_or_else(|e| panic!("{e}"));
        files.extend(gold.order.into_iter().map(|f| {
            let path = dir.join(&f);
            (f, path)
        }));
    }
    files
}

/// Fill `dir` with `n` articles: the corpus texts over and over, each copy
/// under a new name and with a line of its own after the headline, so
/// none is a duplicate of another. Returns the bytes written.
pub fn generate(dir: &Path, n: usize) -> usize {
    let sources: Vec<(String, Vec<u8>)> = corpus_files()
        .into_iter()
        .filter(|(name, _)| name.ends_with(".txt") || name.ends_with(".md"))
        .map(|(name, path)| (name, fs::read(path).expect("corpus file")))
        .collect();
    assert!(!sources.is_empty(), "no text articles in the corpora");
    let mut bytes = 0;
    for i in 0..n {
        let (name, text) = &sources[i % sources.len()];
        // After the headline, not at the end: a comment-section marker
        // ("Leave a Reply") drops everything after it.
        let at = text
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |p| p + 1);
        let mut body = Vec::with_capacity(text.len() + 32);
        body.extend_from_slice(&text[..at]);
        body.extend_from_slice(format!("\nBench copy number {i}.\n\n").as_bytes());
        body.extend_from_slice(&text[at..]);
        bytes += body.len();
        fs::write(dir.join(format!("{i:06}_{name}")), body).expect("write");
    }
    bytes
}

/// A field of /proc/PID/status in KiB ("VmRSS", "VmHWM").
pub fn status_kib(pid: u32, field: &str) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The `q` quantile of sorted samples.
pub fn pct(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 * q).ceil() as usize).saturating_sub(1);
    sorted[i.min(sorted.len() - 1)]
}

/// The load average over the last minute, to say under what load a
/// figure was taken.
pub fn load() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
}
