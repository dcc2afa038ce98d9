use sitmon::config::Scenario;
use sitmon::extract::Extractor;
use sitmon::ingest::Reader;
use std::time::Instant;
fn main() {
    let s = Scenario::builtin();
    let r = Reader::new(&s);
    let ex = Extractor::new(&s);
    let mut arts = Vec::new();
    for d in ["../shared/corpus/seeds", "../shared/corpus/dev"] {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                let n = p.file_name().unwrap().to_string_lossy().to_string();
                if let Ok(Some((a, _))) = r.read(&p, &n) {
                    arts.push(a);
                }
            }
        }
    }
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    let mut times = Vec::new();
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    for _ in 0..reps {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..(if reps == 1 { 1 } else { 20 }) {
            for a in &arts {
                n += ex.extract(a).len();
            }
        }
        times.push(t.elapsed().as_secs_f64());
        std::hint::black_box(n);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{:.1} MB/s",
        (bytes * 20) as f64 / times[times.len() / 2] / 1e6
    );
}
