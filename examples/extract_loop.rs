//! Extract the seeds and dev corpora `N` times (default 1), for profilers:
//! `valgrind --tool=callgrind --toggle-collect='*Extractor*extract*'
//! target/release/examples/extract_loop`. With a second argument `R`, does
//! that `R` times and prints the best MB/s (the least disturbed run).

use std::path::Path;

use sitmon::config::Scenario;
use sitmon::eval::Gold;
use sitmon::extract::Extractor;
use sitmon::ingest::Reader;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let scenario = Scenario::builtin();
    let reader = Reader::new(&scenario);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora");
    let mut articles = Vec::new();
    for c in ["seeds", "dev"] {
        let dir = root.join(c);
        let Ok(gold) = Gold::load(&dir) else {
            eprintln!("cannot load {}", dir.display());
            return;
        };
        for f in gold.order {
            if let Ok(Some((a, _))) = reader.read(&dir.join(&f), &f) {
                articles.push(a);
            }
        }
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let extractor = Extractor::new(&scenario);
    let reps: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let mut obs = 0;
    let mut best = f64::MAX;
    for _ in 0..reps {
        let t = std::time::Instant::now();
        for _ in 0..n {
            for a in &articles {
                obs += std::hint::black_box(extractor.extract(std::hint::black_box(a))).len();
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} articles, {bytes} bytes, {obs} observations",
        articles.len()
    );
    if reps > 1 {
        println!(
            "best of {reps}: {:.1} MB/s",
            (bytes * n) as f64 / 1e6 / best
        );
    }
}
