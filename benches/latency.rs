//! Latency from "file written" to "change published", against the target
//! p99 <= 50 ms, over a few hundred drops:
//!
//! * in-process: `watch::start`, timed until the `Live` carrying the new
//!   event is published on the channel;
//! * end to end: the real `sitmon follow --jsonl`, timed until its line is
//!   read from the pipe.
//!
//! Each drop is a new article that changes the state by exactly one event
//! (a capital falls; once all have, they are retaken, and so on), each
//! text distinct (the same text twice counts once).
//!
//! Run: `cargo bench --bench latency`.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sitmon::config::Scenario;
use sitmon::watch::{self, WatchOptions};

const DROPS: usize = 300;
const TARGET_P99_MS: f64 = 50.0;
const TIMEOUT: Duration = Duration::from_secs(10);

/// Drop `i`: its file name, text, and the capital it changes.
fn drop_article(scenario: &Scenario, i: usize) -> (String, String, String) {
    let places = &scenario.places;
    let place = &places[i % places.len()].name;
    let text = if (i / places.len()).is_multiple_of(2) {
        format!("Taliban advance, bulletin {i}\n\nAfghan officials said the Taliban captured {place} on Friday.\n")
    } else {
        format!(
            "Government counter-offensive, bulletin {i}\n\nAfghan security forces recaptured {place} from the Taliban on Saturday, officials said.\n"
        )
    };
    (format!("drop{i:05}.txt"), text, place.clone())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(what: &str, mut samples: Vec<Duration>) -> bool {
    samples.sort();
    let at = |q: f64| ms(samples[((samples.len() as f64 * q).ceil() as usize).saturating_sub(1)]);
    let p99 = at(0.99);
    let ok = p99 <= TARGET_P99_MS;
    println!(
        "{what:<38} n={}  p50 {:6.2} ms  p99 {:6.2} ms  max {:6.2} ms  (target p99 <= {TARGET_P99_MS} ms: {})",
        samples.len(),
        at(0.50),
        p99,
        ms(samples[samples.len() - 1]),
        if ok { "met" } else { "MISSED" }
    );
    ok
}

/// `background` articles already in the folder (they sort before the
/// drops and change nothing): every publish re-folds the whole store, so
/// latency grows with it.
fn in_process(scenario: &Arc<Scenario>, background: usize) -> Vec<Duration> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).expect("feeds");
    for i in 0..background {
        let text =
            format!("Bulletin {i}\n\nMarkets in the capital were calm on day {i}, traders said.\n");
        fs::write(feeds.join(format!("bg{i:05}.txt")), text).expect("write");
    }
    let h = watch::start(feeds.clone(), scenario.clone(), WatchOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    let mut rx = h.subscribe();
    let mut samples = Vec::with_capacity(DROPS);
    for i in 0..DROPS {
        let (name, text, place) = drop_article(scenario, i);
        let t0 = Instant::now();
        fs::write(feeds.join(&name), text).expect("write");
        let found = rt.block_on(async {
            tokio::time::timeout(TIMEOUT, rx.wait_for(|l| l.events.len() > i)).await
        });
        let elapsed = t0.elapsed();
        match found {
            Ok(Ok(live)) => assert_eq!(
                sitmon::live::words(&live.scenario, &live.events[i].change).subject,
                place,
                "drop {i}"
            ),
            _ => panic!("drop {i} ({place}) not published within {TIMEOUT:?}"),
        }
        samples.push(elapsed);
    }
    samples
}

fn end_to_end(scenario: &Scenario) -> Vec<Duration> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let feeds = tmp.path().join("feeds");
    fs::create_dir(&feeds).expect("feeds");
    let log = tmp.path().join("sitmon.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitmon"))
        .current_dir(tmp.path())
        .arg("follow")
        .arg("--feeds")
        .arg(&feeds)
        .arg("--jsonl")
        .arg("--log")
        .arg(&log)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sitmon follow runs");
    wait_for_log(&log, "initial scan");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout"));
    let mut samples = Vec::with_capacity(DROPS);
    let mut line = String::new();
    for i in 0..DROPS {
        let (name, text, place) = drop_article(scenario, i);
        let t0 = Instant::now();
        fs::write(feeds.join(&name), text).expect("write");
        line.clear();
        lines.read_line(&mut line).expect("a line");
        samples.push(t0.elapsed());
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON line");
        assert_eq!(v["subject"], place.as_str(), "drop {i}: {line}");
    }
    let _ = child.kill();
    let _ = child.wait();
    samples
}

fn wait_for_log(log: &Path, text: &str) {
    let t0 = Instant::now();
    while !fs::read_to_string(log).is_ok_and(|l| l.contains(text)) {
        assert!(t0.elapsed() < TIMEOUT, "sitmon follow did not start");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn main() {
    // `cargo test --benches` runs benches with --bench absent: skip then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let scenario = Arc::new(Scenario::builtin());
    let a = report("write -> Live published", in_process(&scenario, 0));
    let b = report(
        "  same, 10,000 articles already read",
        in_process(&scenario, 10_000),
    );
    let c = report("write -> `follow --jsonl` line", end_to_end(&scenario));
    if !(a && b && c) {
        std::process::exit(1);
    }
}
