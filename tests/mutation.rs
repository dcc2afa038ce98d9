//! Deterministic mutation test over the labelled corpora: every article is
//! damaged in the ways scraped text is (byte flips, truncation anywhere,
//! splices of two articles, a trigger sentence repeated, figures made huge)
//! and read, extracted and folded. Nothing may panic, and what comes out
//! must be plausible: figures within their bounds, evidence that points at
//! the article's own text. The same seed every run: a failure names the
//! file and mutation to replay. (Random inputs at large are `cargo fuzz`'s
//! job: see fuzz/README.md.)

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sitmon::config::Scenario;
use sitmon::ingest::Reader;
use sitmon::model::Fact;
use sitmon::snapshot::Snapshot;
use sitmon::state::Store;

/// xorshift64*: the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora");
    let mut files = Vec::new();
    for corpus in ["seeds", "dev", "heldout"] {
        let Ok(dir) = fs::read_dir(root.join(corpus)) else {
            continue;
        };
        for e in dir.flatten() {
            let p = e.path();
            if p.is_file() && Reader::is_article_name(&p.file_name().unwrap().to_string_lossy()) {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// The lines of `text` that hold one of `words`: trigger sentences.
fn trigger_lines<'a>(text: &'a str, words: &[&str]) -> Vec<&'a str> {
    text.lines()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            words.iter().any(|w| l.contains(w))
        })
        .collect()
}

/// Every run of digits replaced by a figure far past any count.
fn huge_numbers(text: &str, rng: &mut Rng) -> String {
    const HUGE: [&str; 5] = [
        "4294967296",
        "99999999999999999999999",
        "4,000,000,000",
        "3.000.000.000",
        "18446744073709551616",
    ];
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_digits = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push_str(HUGE[rng.below(HUGE.len())]);
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(c);
        }
    }
    out.replace(" troops", " twenty thousand million troops")
}

fn mutate(kind: usize, src: &[u8], other: &[u8], rng: &mut Rng) -> Vec<u8> {
    let text = String::from_utf8_lossy(src);
    match kind {
        // Byte flips: a few, or many.
        0 | 1 => {
            let mut b = src.to_vec();
            let flips = if kind == 0 {
                1 + rng.below(4)
            } else {
                b.len() / 50 + 1
            };
            for _ in 0..flips {
                if b.is_empty() {
                    break;
                }
                let at = rng.below(b.len());
                b[at] ^= 1 << rng.below(8);
            }
            b
        }
        // Truncated anywhere, mid-character and mid-tag included.
        2 => src[..rng.below(src.len() + 1)].to_vec(),
        // Spliced: the head of one article, the tail of another.
        3 => {
            let mut b = src[..rng.below(src.len() + 1)].to_vec();
            b.extend_from_slice(&other[rng.below(other.len() + 1)..]);
            b
        }
        // A trigger sentence repeated, run on or as paragraphs.
        4 | 5 => {
            let lines = trigger_lines(
                &text,
                &[
                    "captured", "fell", "fall", "troops", "seized", "taken", "control",
                ],
            );
            let Some(line) = lines.get(rng.below(lines.len())) else {
                return src.to_vec();
            };
            let sep = if kind == 4 { " " } else { "\n\n" };
            let times = 20 + rng.below(40);
            let mut s = text.to_string();
            s.push_str("\n\n");
            s.push_str(&[*line; 1].repeat(times).join(sep));
            s.into_bytes()
        }
        // Huge figures.
        _ => huge_numbers(&text, rng).into_bytes(),
    }
}

const KINDS: usize = 7;
const ROUNDS: usize = 4;

#[test]
fn damaged_corpus_articles_never_panic_and_stay_plausible() {
    let scenario = Arc::new(Scenario::builtin());
    let reader = Reader::new(&scenario);
    let max_troops = scenario.scenario.figures.max_troops;
    let total = scenario.scenario.total_capitals;
    let files = corpus_files();
    assert!(files.len() >= 20, "corpora found: {}", files.len());
    let sources: Vec<Vec<u8>> = files.iter().map(|p| fs::read(p).unwrap()).collect();
    let mut rng = Rng(0x005e_ed0f_5170_u64);
    let (mut cases, mut articles, mut facts) = (0usize, 0usize, 0usize);
    let mut problems = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for round in 0..ROUNDS {
            for kind in 0..KINDS {
                let other = &sources[rng.below(sources.len())];
                let bytes = mutate(kind, &sources[i], other, &mut rng);
                let label = format!("{name} round {round} mutation {kind}");
                cases += 1;
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    let read = reader.read_bytes(path, &name, bytes);
                    let Ok(Some((article, _))) = read else {
                        return Ok((0, 0));
                    };
                    let text = article.text.clone();
                    let mut store = Store::new(scenario.clone());
                    store.upsert(article);
                    let entry = store.get(&name).expect("stored");
                    for o in entry.observations.iter() {
                        let e = &o.evidence;
                        if text.get(e.range()).is_none() {
                            return Err(format!("evidence span {:?} outside the text", e.span()));
                        }
                        if e.sentence.is_empty() || !text.contains(&*e.sentence) {
                            return Err(format!("evidence {:?} not in the text", e.sentence));
                        }
                        if let Fact::Tally { count } = o.fact {
                            if count > total {
                                return Err(format!("a tally of {count} of {total}"));
                            }
                        }
                    }
                    let state = store.state();
                    for d in state.deployments.values() {
                        if d.troops.is_some_and(|t| t > max_troops) {
                            return Err(format!("{:?} troops", d.troops));
                        }
                    }
                    if state.reported_fallen.is_some_and(|r| r > total) {
                        return Err(format!("{:?} reported fallen", state.reported_fallen));
                    }
                    let snap = Snapshot::of(&store);
                    serde_json::to_string(&snap).map_err(|e| e.to_string())?;
                    Ok((1, entry.observations.len()))
                }));
                match outcome {
                    Ok(Ok((a, f))) => {
                        articles += a;
                        facts += f;
                    }
                    Ok(Err(why)) => problems.push(format!("{label}: {why}")),
                    Err(_) => problems.push(format!("{label}: panicked")),
                }
            }
        }
    }
    eprintln!("{cases} damaged articles, {articles} read, {facts} facts extracted");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(articles > cases / 2, "most damaged articles are still read");
    assert!(facts > 0);
}
