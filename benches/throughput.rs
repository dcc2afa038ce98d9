//! Throughput against the targets: extraction >= 50 MB/s of article text on
//! one thread, and a 10,000-article folder snapshotted in under 2 s.
//!
//! Run: `cargo bench --bench throughput` (add `-- extraction` for the first
//! figure alone). Plain timing, medians over runs.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sitmon::config::Scenario;
use sitmon::eval::Gold;
use sitmon::extract::Extractor;
use sitmon::ingest::Reader;
use sitmon::model::Article;
use sitmon::snapshot::snapshot_folder;

const CORPORA: [&str; 2] = ["seeds", "dev"];
const EXTRACT_RUNS: usize = 7;
const FOLDER_ARTICLES: usize = 10_000;
const FOLDER_RUNS: usize = 5;
const TARGET_MB_S: f64 = 50.0;
const TARGET_FOLDER_S: f64 = 2.0;

fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora")
        .join(name)
}

/// The article files of the corpora (those their gold.json lists).
fn corpus_files() -> Vec<(String, PathBuf)> {
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

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn extraction(scenario: &Scenario) -> f64 {
    let reader = Reader::new(scenario);
    let articles: Vec<Article> = corpus_files()
        .iter()
        .filter_map(|(name, path)| match reader.read(path, name) {
            Ok(Some((a, _))) => Some(a),
            Ok(None) => None,
            Err(w) => panic!("{w}"),
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let extractor = Extractor::new(scenario);
    let pass = || {
        let mut n = 0;
        for a in &articles {
            n += black_box(extractor.extract(black_box(a))).len();
        }
        n
    };

    // Enough passes for about a quarter of a second per run.
    let t = Instant::now();
    let observations = pass();
    let one = t.elapsed().max(Duration::from_micros(1));
    let passes = ((0.25 / one.as_secs_f64()).ceil() as usize).clamp(1, 1_000_000);

    let mb_s: Vec<f64> = (0..EXTRACT_RUNS)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..passes {
                black_box(pass());
            }
            (bytes * passes) as f64 / 1e6 / t.elapsed().as_secs_f64()
        })
        .collect();
    let m = median(mb_s);
    println!(
        "extraction: {} articles, {:.1} KB of text, {observations} observations per pass; \
         {passes} passes per run, median of {EXTRACT_RUNS} runs",
        articles.len(),
        bytes as f64 / 1e3
    );
    m
}

/// Fill `dir` with `n` articles: the corpus files over and over, each copy
/// under a new name and with a line of its own, so none is a duplicate.
fn generate(dir: &Path, n: usize) -> usize {
    let sources: Vec<(String, Vec<u8>)> = corpus_files()
        .into_iter()
        .filter(|(name, _)| name.ends_with(".txt") || name.ends_with(".md"))
        .map(|(name, path)| (name, fs::read(path).unwrap()))
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
        fs::write(dir.join(format!("{i:05}_{name}")), body).unwrap();
    }
    bytes
}

fn folder(scenario: Arc<Scenario>) -> (f64, usize, usize) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let bytes = generate(tmp.path(), FOLDER_ARTICLES);
    let mut counted = 0;
    let secs: Vec<f64> = (0..FOLDER_RUNS)
        .map(|_| {
            let t = Instant::now();
            let (snap, _warnings) = snapshot_folder(tmp.path(), scenario.clone()).unwrap();
            let s = t.elapsed().as_secs_f64();
            counted = black_box(snap).articles;
            s
        })
        .collect();
    (median(secs), counted, bytes)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "MISSED"
    }
}

fn main() {
    let scenario = Arc::new(Scenario::builtin());

    let mb_s = extraction(&scenario);
    // `cargo bench --bench throughput -- extraction` stops here (for profiling).
    if std::env::args().any(|a| a == "extraction") {
        println!("extraction, one thread: {mb_s:.1} MB/s (target >= {TARGET_MB_S} MB/s)");
        return;
    }
    let (secs, counted, bytes) = folder(scenario);
    if counted != FOLDER_ARTICLES {
        println!("note: the snapshot counted {counted} of {FOLDER_ARTICLES} generated articles");
    }
    println!(
        "folder: {FOLDER_ARTICLES} articles, {:.1} MB on disk, median of {FOLDER_RUNS} runs \
         of snapshot_folder (read + extract + fold + snapshot)",
        bytes as f64 / 1e6
    );
    println!();
    println!("summary");
    println!(
        "  extraction, one thread:     {mb_s:>10.1} MB/s        target >= {TARGET_MB_S} MB/s   {}",
        verdict(mb_s >= TARGET_MB_S)
    );
    println!(
        "  snapshot of {FOLDER_ARTICLES} articles: {secs:>10.3} s ({:.0} articles/s)   target < {TARGET_FOLDER_S} s   {}",
        FOLDER_ARTICLES as f64 / secs,
        verdict(secs < TARGET_FOLDER_S)
    );
}
