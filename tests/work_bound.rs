//! The extractor's work per input byte is bounded by construction: hostile
//! scraped text (run-on sentences, one giant token, thousands of quotes or
//! names) must not stall the monitor for every viewer. Counts the scan
//! steps the extractor records (`sitmon::extract::work`), not wall time.

use std::sync::Arc;

use sitmon::config::Scenario;
use sitmon::extract::{work, Extractor};
use sitmon::model::{Article, Format};

fn article(text: String) -> Article {
    let mut paragraphs = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let start = pos + line.find(t).unwrap_or(0);
            paragraphs.push(start..start + t.len());
        }
        pos += line.len();
    }
    Article {
        name: Arc::from("hostile.txt"),
        format: Format::Text,
        headline: paragraphs.first().cloned(),
        paragraphs,
        published: None,
        source: None,
        url: None,
        time: None,
        modified: None,
        hash: sitmon::model::content_hash_of(text.as_bytes()),
        text,
    }
}

/// Hostile shapes: each repeats a unit with no sentence end, or with one
/// per unit, so that a rule scanning back to the sentence or paragraph
/// start for every match would be quadratic.
const SHAPES: &[(&str, &str)] = &[
    (
        "run-on trigger sentence",
        "Taliban fighters captured Kunduz ",
    ),
    ("one giant token", "Kabul."),
    ("claims", "The Taliban claimed they captured Kunduz. "),
    ("unverified", "This could not be verified. Kunduz fell. "),
    ("quotes", "\"Kunduz fell,\" he said. \""),
    ("names in a comma run", "Kunduz, Mohammad Karimi, "),
    ("paragraphs", "Kunduz fell to the Taliban on Sunday.\n\n"),
    (
        "deployments",
        "Britain will send 600 troops and an additional 200 troops to Kabul, ",
    ),
    ("provinces", "the capital of Kunduz province "),
    (
        "seats",
        "the governor's office and police headquarters were captured in Kunduz ",
    ),
];

fn steps(ex: &Extractor, unit: &str, bytes: usize) -> (u64, usize) {
    let text = format!("Headline\n\n{}", unit.repeat(bytes / unit.len()));
    let len = text.len();
    work::take();
    ex.extract(&article(text));
    (work::take(), len)
}

#[test]
fn work_per_byte_stays_under_a_constant_and_grows_linearly() {
    let ex = Extractor::new(&Scenario::builtin());
    // The bound: MAX_SENTENCE bytes looked at per hit, with at most one hit
    // per few bytes. Quadratic scans of 200 KB would be 1e4 times over it.
    const PER_BYTE: f64 = 1000.0;
    for &(shape, unit) in SHAPES {
        let (small, n1) = steps(&ex, unit, 50_000);
        let (large, n2) = steps(&ex, unit, 200_000);
        assert!(small > 0, "{shape}: no work counted");
        let per_byte = large as f64 / n2 as f64;
        assert!(
            per_byte < PER_BYTE,
            "{shape}: {per_byte:.0} steps per byte on {n2} bytes"
        );
        eprintln!("{shape}: {per_byte:.1} steps/byte at {n2} bytes");
        let growth = (large as f64 / small as f64) / (n2 as f64 / n1 as f64);
        assert!(
            growth < 1.5,
            "{shape}: 4x the input took {:.1}x the work",
            large as f64 / small as f64
        );
    }
}
